"""When a flow fails: a clear log line, and a POST to a webhook when one is configured
(TALLY_WEBHOOK_URL: Slack, Mattermost, Discord-compatible, or anything that takes JSON)."""

from __future__ import annotations

import json
import logging
import os
import urllib.request

log = logging.getLogger("tally.alerts")


def message(flow_name: str, run_name: str, state_name: str, detail: str) -> str:
    return f"tally: flow {flow_name!r} run {run_name!r} {state_name.lower()}: {detail}"


def post(url: str, payload: dict, timeout: float = 10.0) -> bool:
    """POST the payload as JSON; False (and a log line) if the webhook cannot be reached."""
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return 200 <= response.status < 300
    except OSError as exc:
        log.error("tally: the alert webhook %s could not be reached: %s", url, exc)
        return False


def on_failure(flow, flow_run, state) -> None:
    """A Prefect flow hook: log the failure and post it to the webhook if one is set."""
    try:
        state.result()
        detail = state.message or "failed"
    except BaseException as exc:  # the failure itself
        detail = f"{type(exc).__name__}: {exc}"
    text = message(flow.name, flow_run.name, state.name, detail)
    log.error(text)
    from prefect import get_run_logger
    from prefect.exceptions import MissingContextError

    try:
        get_run_logger().error(text)
    except MissingContextError:  # a hook called outside a run: the module log line suffices
        log.debug("no Prefect run context for the alert")
    url = os.environ.get("TALLY_WEBHOOK_URL")
    if url:
        post(
            url,
            {
                "text": text,
                "flow": flow.name,
                "flow_run": flow_run.name,
                "flow_run_id": str(flow_run.id),
                "state": state.name,
                "detail": detail,
            },
        )
