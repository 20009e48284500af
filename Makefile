# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
UV_VERSION := 0.13.9
# The suite runs on two processes (pytest-xdist): CPU-bound, ~5 min on 2 cores instead of ~10.
TEST_WORKERS ?= 2
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install -q --python $(VENV)/bin/python -r requirements.lock
	$(VENV)/bin/uv pip install -q --python $(VENV)/bin/python --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/tally demo

test: $(STAMP)
	$(VENV)/bin/python -m pytest -q -n $(TEST_WORKERS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) published var
