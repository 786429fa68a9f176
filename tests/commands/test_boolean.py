"""Bool (commands/bool.md)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "code, expected",
    [
        ("$o:=New object\nreturn Bool($o.missing)", False),  # Undefined
        ('$o:=New object("n";Null)\nreturn Bool($o.n)', False),  # Null
        ("return Bool(True)", True),
        ("return Bool(False)", False),
        ("return Bool(0)", False),
        ("return Bool(-2.5)", True),
        ('return Bool("True")', False),  # other types
        ("return Bool(!2020-01-01!)", False),
        ("return Bool(New object)", False),
        ("return Bool(?00:00:01?)", True),  # a time is a number of seconds
    ],
)
def test_bool(run, code, expected):
    assert run(code) == expected
