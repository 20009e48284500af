import pytest

from lexicon.text import clean, fold, tokens


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Семёнов", "семенов"),
        ("ПЕТРОВ  Иван", "петров иван"),
        ("Улан–Удэ", "улан-удэ"),
        ("«Шторм-Z»", '"шторм-z"'),
        ("Иван\u00a0Петров", "иван петров"),
        ("Пет\u00adров", "петров"),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_clean_keeps_case():
    assert clean("  Семёнов\tИван ") == "Семёнов Иван"


def test_tokens_keep_spans_into_the_input():
    text = "в Улан-Удэ, Семёнов"
    assert [text[s:e] for _, s, e in tokens(text)] == ["в", "Улан-Удэ", "Семёнов"]
