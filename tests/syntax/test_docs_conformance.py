"""The ```4d blocks of the 4D documentation parse, except the tracked ones that are not valid 4D.

tests/syntax/docs_known_invalid.txt names each failing block (page#index) with
the reason it is not 4D.  A block that fails and is not listed is a parser
regression (or a new doc page to classify); a listed block that now parses
must leave the list, so the list never hides a working construct.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fourd.tools.conformance import load_known, run_conformance

KNOWN = Path(__file__).with_name("docs_known_invalid.txt")
# Blocks parsed / blocks, measured on the 4D v21 docs; raise it when the parser improves.
RATE_FLOOR = 0.915


_REPORTS: dict[Path, object] = {}


@pytest.fixture
def report(shared_docs):
    # One pass over the corpus (a few seconds) serves every test of this module.
    if shared_docs not in _REPORTS:
        _REPORTS[shared_docs] = run_conformance(shared_docs)
    return _REPORTS[shared_docs]


def test_every_failing_block_is_a_listed_non_4d_block(report):
    known = load_known(KNOWN)
    new = [f"{f.key} (line {f.line}): {f.message}" for f in report.failures if f.key not in known]
    assert not new, "blocks that no longer parse:\n" + "\n".join(new)


def test_listed_blocks_still_fail(report):
    failing = {f.key for f in report.failures}
    stale = sorted(set(load_known(KNOWN)) - failing)
    assert not stale, "these blocks now parse; remove them from docs_known_invalid.txt:\n" + "\n".join(stale)


def test_parse_rate_floor(report):
    assert report.total > 2500  # the whole docs corpus was read
    rate = (report.total - len(report.failures)) / report.total
    assert rate >= RATE_FLOOR, f"{rate:.2%} of the doc blocks parse"


def test_every_listed_block_has_a_reason():
    assert all(reason for reason in load_known(KNOWN).values())
