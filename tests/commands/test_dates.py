"""Date and Time theme commands, with the results the command pages state."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import Date4D, Time4D


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("Day of(!12/25/92!)", 25),  # day-of.md
        ("Month of(!12/25/92!)", 12),  # month-of.md
        ("Year of(!12/25/92!)", 1992),  # year-of.md
        ("Year of(!12/25/1992!)", 1992),
        ("Year of(!12/25/1892!)", 1892),
        ("Year of(!12/25/2092!)", 2092),
        ("Year of(!01/25/29!)", 2029),  # two-digit years: pivot 30
        ("Day number(!2024-01-07!)", 1),  # a Sunday (day-number.md)
        ("Day number(!2024-01-13!)", 7),
        ("Day number(!00-00-00!)", 2),
        ('Date("12/25/94")', Date4D(1994, 12, 25)),  # date.md
        ('Date("40/40/94")', Date4D.NULL),
        ('Date("It was the 6/30, we were in 2016")', Date4D(2016, 6, 30)),
        ('Date("2020-11-17T00:00:00.0000")', Date4D(2020, 11, 17)),
        ('Date("2013-06-05T20:00:00")', Date4D(2013, 6, 5)),
        ('Date("2013-06-05")', Date4D(2013, 6, 5)),
        ('Date("13/35/94")', Date4D.NULL),
        ('Date("aa/12/94")', Date4D.NULL),
        ('Date("2/30/2020")', Date4D.NULL),
        ("Date(!2020-01-02!)", Date4D(2020, 1, 2)),
        ('Time("13:00:00")', Time4D(13 * 3600)),  # time.md
        ("Time(10000)", Time4D(2 * 3600 + 46 * 60 + 40)),
        ("Time((60*60)+(20*60)+5200)", Time4D(2 * 3600 + 46 * 60 + 40)),
        ('Time("1:00 PM")', Time4D(13 * 3600)),
        ('Time("12:30 AM")', Time4D(30 * 60)),
        ("Time(?01:00:00?)", Time4D(3600)),
        ("Time string(46800)", "13:00:00"),  # time-string.md
        ("Time string(86401)", "24:00:01"),
        ("Time string(?01:02:03?)", "01:02:03"),
        ("Add to date(!2020-01-31!;0;0;1)", Date4D(2020, 2, 1)),
        ("Add to date(!2020-02-29!;1;0;0)", Date4D(2021, 3, 1)),
        ("Add to date(!2020-01-15!;0;13;0)", Date4D(2021, 2, 15)),
        ("Add to date(!2020-03-01!;0;-1;-1)", Date4D(2020, 1, 31)),
    ],
)
def test_documented_results(run, expression, expected):
    assert run.value(expression) == expected


def test_undefined_gives_empty_values(run):
    # date.md, time.md: an undefined expression gives an empty date / time
    assert run("$o:=New object\nreturn Date($o.creationDate)") == Date4D.NULL
    assert run("$o:=New object\nreturn Time($o.t)") == Time4D(0)
    assert run('$o:=New object("expDate";"2020-11-17T00:00:00.0000")\nreturn Date($o.expDate)') == Date4D(2020, 11, 17)


@pytest.mark.parametrize(
    "setting, typed, year",
    [  # set-default-century.md
        ("", "01/25/97", 1997),
        ("", "01/25/30", 1930),
        ("", "01/25/29", 2029),
        ("", "01/25/07", 2007),
        ("SET DEFAULT CENTURY(20)", "01/25/97", 2097),
        ("SET DEFAULT CENTURY(20)", "01/25/07", 2007),
        ("SET DEFAULT CENTURY(19;95)", "01/25/97", 1997),
        ("SET DEFAULT CENTURY(19;95)", "01/25/07", 2007),
        ("SET DEFAULT CENTURY(20)", "01/25/1907", 1907),
    ],
)
def test_default_century(run, setting, typed, year):
    assert run(f'{setting}\nreturn Year of(Date("{typed}"))') == year


def test_clocks(run):
    today = dt.date.today()
    assert run.value("Current date") in (Date4D.from_date(today), Date4D.from_date(today + dt.timedelta(days=1)))
    assert 0 <= run.value("Current time").seconds < 86400
    assert type(run.value("Current date(*)")) is Date4D
    stamp = run.value("Timestamp")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp)
    assert run("$a:=Milliseconds\n$b:=Milliseconds\nreturn $b-$a") >= 0
    assert type(run.value("Tickcount")) is int


def test_date_literal_forms(run):
    # Concepts/date.md: ISO literals, the null date, and US short dates with 2-digit years
    assert run.value("!2004-09-29!") == Date4D(2004, 9, 29)
    assert run.value("!2018/01/21!") == Date4D(2018, 1, 21)
    assert run.value("!12/04/98!") == Date4D(1998, 12, 4)
    assert run.value("!00-00-00!") == Date4D.NULL
    assert run.value("?13:01:59?") == Time4D(13 * 3600 + 60 + 59)


@pytest.mark.parametrize(
    "code",
    [
        'return Day of("2020")',
        "return Add to date(!2020-01-01!;1;1)",
        "return Time(True)",
        "return Date(12)",
        'return Time string("x")',
    ],
)
def test_wrong_arguments(run, code):
    with pytest.raises(FourDError) as info:
        run(code)
    assert info.value.code in (-10602, -10603)
