"""Current user, System info, ST Get plain text."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError

STYLED = (
    '<span>It is now <span style="-d4-ref:\'Current time:C178\'"> </span> <a href="http://www.4d.com">Go to the 4D site</a>'
    " or <span style=\"-d4-ref-user:'openW'\">Open a window</span></span>"
)


def test_current_user_is_the_sessions(run):
    assert run.value("Current user") == "Designer"
    assert run.value("Current user(1)") == "Designer"
    assert run.value("Current user(2)") == ""  # no alias


def test_system_info_shape(run):
    info = run.value("System info").props
    assert info["cores"] >= 1 and info["physicalMemory"] > 0 and info["macRosetta"] is False
    assert info["machineName"] == run.value("Current machine")
    assert info["volumes"].items[0].props["mountPoint"] == "/"


def test_st_get_plain_text(run):
    run.runtime.interprocess["styled"] = STYLED
    nbsp = "\u00a0"
    assert run.value("ST Get plain text(<>styled)") == f"It is now {nbsp} {nbsp} or {nbsp}"  # references as spaces
    mode = "ST 4D Expressions as sources+ST URL as labels+ST User links as links"
    assert run.value(f"ST Get plain text(<>styled;{mode})") == "It is now Current time:C178 Go to the 4D site or openW"
    assert (
        run.value('ST Get plain text("very <span style=\\"font-weight:bold\\">nice</span> &amp; more")')
        == "very nice & more"
    )
    with pytest.raises(FourDError) as info:
        run.value('ST Get plain text(*;"myArea")')
    assert info.value.code == -10622
