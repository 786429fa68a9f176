"""The first program: the Session storage example (seed page, colons of #DECLARE restored)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from fourd.runtime.errors import FourDError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def seeded(run):
    run.runtime.methods.add_folder(EXAMPLES)
    return run


def test_seed_changes_the_session_storage(seeded):
    rt = seeded.runtime
    sid = rt.main_session.id
    rt.call_method("Set session setting", [sid, "dark"])
    assert rt.main_session.storage.props["settings"].props["text"] == "dark"
    rt.call_method("Set session setting", [sid, "light"])  # the Else branch
    assert rt.main_session.storage.props["settings"].props["text"] == "light"


def test_seed_on_another_session(seeded):
    rt = seeded.runtime
    other = rt.sessions.create("remote", "alice")
    rt.call_method("Set session setting", [other.id, "x"])
    assert other.storage.props["settings"].props["text"] == "x"
    assert "settings" not in rt.main_session.storage.props


def test_seed_unknown_session_is_a_4d_error(seeded):
    with pytest.raises(FourDError) as info:
        seeded.runtime.call_method("Set session setting", ["0" * 32, "x"])
    assert info.value.line is not None
    assert "Null" in info.value.message


def test_seed_from_two_threads_on_one_session(seeded):
    rt = seeded.runtime
    sid = rt.main_session.id
    rt.call_method("Set session setting", [sid, "start"])  # settings exists: both threads take the Use branch
    errors: list[Exception] = []

    def worker(text: str) -> None:
        process = rt.new_process(text, rt.main_session)
        rt.bind_thread(process)
        try:
            for _ in range(200):
                rt.call_method("Set session setting", [sid, text])
                rt.run_source(
                    "Use(Session storage(Session.id).settings)\n"
                    "Session storage(Session.id).settings.count:=Num(Session storage(Session.id).settings.count)+1\n"
                    "End use"
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(t,)) for t in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    settings = rt.main_session.storage.props["settings"]
    assert settings.props["text"] in ("a", "b")
    assert settings.props["count"] == 400  # no lost update
