"""String(value; format): number, date and time formats (commands/string.md, propertiesDisplay.md, date-time-formats.md)."""

from __future__ import annotations

import time

import pytest


@pytest.fixture
def paris(monkeypatch):
    """The docs' time zone examples are given "in French timezone"."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "expression, expected",
    [  # commands/string.md numeric table
        ("String(2^15)", "32768"),
        ('String(2^15;"###,##0 Inhabitants")', "32,768 Inhabitants"),
        ('String(1/3;"##0.00000")', "0.33333"),
        ("String(1/3)", "0.3333333333333"),
        ("String(Arctan(1)*4)", "3.14159265359"),
        ('String(Arctan(1)*4;"##0.00")', "3.14"),
        ('String(-1;"&x")', "0xFFFFFFFF"),
        ('String(-1;"&$")', "$FFFFFFFF"),
        ('String(0 ?+ 7;"&x")', "0x0080"),
        ('String(0 ?+ 7;"&$")', "$80"),
        ('String(0 ?+ 14;"&x")', "0x4000"),
        ('String(0 ?+ 14;"&$")', "$4000"),
        ('String(50.3;"&xml")', "50.3"),
        ('String(Num(1=1);"True;;False")', "True"),
        ('String(Num(1=2);"True;;False")', "False"),
        ("String(Log(-1))", ""),
        ("String(1/0)", "INF"),
        ("String(-1/0)", "-INF"),
        ("String(10;2)", "1010"),
        ("String(-10;2)", "-1010"),
        ("String(254;16)", "fe"),
        ("String(-16523461; 16)", "-fc20c5"),
        ("String(Log(-1); 10)", "NaN"),
        ('String(759.62;"&3")', "7.60e+2"),  # propertiesDisplay.md scientific notation
        ('String(25000;"&/5")', "6:56 AM"),  # number shown as a time
        ("String(Square root(2))", "1.414213562373"),  # square-root.md
        ("String(Log(Exp(1)))", "1"),  # log.md
    ],
)
def test_string_of_numbers(run, expression, expected):
    assert run.value(expression) == expected


# propertiesDisplay.md "Examples": 1234.50, -1234.50 and 0 with each format.  The rows whose
# result starts with spaces lose them in the Markdown table; those use visible fills here.
NUMBER_FORMATS = [
    ("###", "<<<", "<<<", ""),
    ("####", "1234", "<<<<", ""),
    ("#######", "1234", "-1234", ""),
    ("#####.##", "1234.5", "-1234.5", ""),
    ("####0.00", "1234.50", "-1234.50", "0.00"),
    ("#####0", "1234", "-1234", "0"),
    ("#####0DB;#####0CR;0", "1234DB", "1234CR", "0"),
    ("#####0;(#####0)", "1234", "(1234)", "0"),
    ("###,##0", "1,234", "-1,234", "0"),
    ("##,##0.00", "1,234.50", "-1,234.50", "0.00"),
    ("*******", "***1234", "**-1234", "*******"),
    ("******0", "***1234", "**-1234", "******0"),
    ("***,**0", "**1,234", "*-1,234", "******0"),
    ("**,**0.00", "*1,234.50", "-1,234.50", "*****0.00"),
    ("$*,**0.00;-$*,**0.00", "$1,234.50", "-$1,234.50", "$****0.00"),
    ("$^^^^0", "$ 1234", "$-1234", "$    0"),
    ("$^^^0;-$^^^0", "$1234", "-$1234", "$   0"),
    ("$^^^0 ;($^^^0)", "$1234 ", "($1234)", "$   0 "),
    ("$^,^^0.00 ;($^,^^0.00)", "$1,234.50 ", "($1,234.50)", "$    0.00 "),
    ("&2", "1.2e+3", "-1.2e+3", "0.0e+0"),
    ("&xml", "1234.5", "-1234.5", "0"),
    ("$###,##0.00;($###,##0.00);", "$1,234.50", "($1,234.50)", ""),
    ("$###,##0.00;($###,##0.00)", "$1,234.50", "($1,234.50)", "$0.00"),
]


@pytest.mark.parametrize("fmt, positive, negative, zero", NUMBER_FORMATS)
def test_number_display_formats(run, fmt, positive, negative, zero):
    for value, expected in (("1234.5", positive), ("-1234.5", negative), ("0", zero)):
        assert run.value(f'String({value};"{fmt}")') == expected


def test_formats_truncate_except_scientific(run):
    # propertiesDisplay.md: only the scientific notation rounds
    assert run.value('String(1.999;"0.00")') == "1.99"
    assert run.value('String(0.29;"0.00")') == "0.29"
    assert run.value('String(1.999;"&2")') == "2.0e+0"


@pytest.mark.parametrize(
    "expression, expected",
    [  # commands/string.md date section
        ("String(!2023-11-27!)", "11/27/2023"),
        ("String(!2023-11-27!;Internal date long)", "November 27, 2023"),
        ('String(!2023-11-27!;"EEEE d MMMM y GGGG")', "Monday 27 November 2023 Anno Domini"),
        ("String(!2023-11-27!;Internal date abbreviated)", "Nov 27, 2023"),
        ("String(!2006-12-29!;Internal date short)", "12/29/2006"),
        ("String(!2006-12-29!;Internal date short special)", "12/29/06"),
        ("String(!1896-12-29!;Internal date short special)", "12/29/1896"),
        ("String(!2006-12-29!;System date short)", "12/29/2006"),
        ("String(!2006-12-29!;System date abbreviated)", "Fri, Dec 29, 2006"),
        ("String(!2006-12-29!;System date long)", "Friday, December 29, 2006"),
        ("String(!2010-09-13!;ISO Date)", "2010-09-13T00:00:00"),
        ("String(!2010-09-13!;ISO Date;?18:11:53?)", "2010-09-13T18:11:53"),
        ("String(!00-00-00!)", "00/00/00"),
        ("String(!00-00-00!;Internal date long+Blank if null date)", ""),
    ],
)
def test_string_of_dates(run, expression, expected):
    assert run.value(expression) == expected


@pytest.mark.parametrize(
    "expression, expected",
    [  # commands/string.md, with the French time zone of its examples
        ("String(!2023-11-27!;ISO Date GMT)", "2023-11-26T23:00:00Z"),
        ('String(!2023-11-27!;"E dd/MM/yyyy zzzz")', "Mon 27/11/2023 GMT+01:00"),
        ("String(!2023-11-27!;\"E dd/MM/yyyy 'at' hh:mm aa O\";?11:15:00?)", "Mon 27/11/2023 at 11:15 AM GMT+1"),
        ("String(!2010-09-13!;ISO Date GMT)", "2010-09-12T22:00:00Z"),
        ("String(!2010-09-09!;Date RFC 1123)", "Wed, 08 Sep 2010 22:00:00 GMT"),
        ("String(!2010-09-09!;ISO date GMT;?10:30:41?)", "2010-09-09T08:30:41Z"),
    ],
)
def test_string_of_dates_with_time_zone(run, paris, expression, expected):
    assert run.value(expression) == expected


@pytest.mark.parametrize(
    "expression, expected",
    [  # commands/string.md time section and the Time Display Formats table (for 01:02:03)
        ("String(?17:30:45?;HH MM AM PM)", "5:30 PM"),
        ("String(?17:30:45?;Hour Min Sec)", "17 hours 30 minutes 45 seconds"),
        ("String(?01:02:03?;HH MM SS)", "01:02:03"),
        ("String(?01:02:03?;HH MM)", "01:02"),
        ("String(?01:02:03?;Hour min sec)", "1 hour 2 minutes 3 seconds"),
        ("String(?01:02:03?;Hour min)", "1 hour 2 minutes"),
        ("String(?01:02:03?;HH MM AM PM)", "1:02 AM"),
        ("String(?01:02:03?;MM SS)", "62:03"),
        ("String(?01:02:03?;Min sec)", "62 minutes 3 seconds"),
        ("String(?01:02:03?;ISO time)", "0000-00-00T01:02:03"),
        ("String(?01:02:03?;System time short)", "01:02:03"),
        ('String(Time("13:00:00");Hour Min)', "13 hours 0 minute"),  # time.md
        ("String(?17:30:45?;\"'It is' K a\")", "It is 5 PM"),
        ("String(?00:00:00?;HH MM+Blank if null time)", ""),
        ("String(?25:00:00?)", "25:00:00"),
    ],
)
def test_string_of_times(run, expression, expected):
    assert run.value(expression) == expected


@pytest.mark.parametrize(
    "date, time_, pattern, expected",
    [  # Project/date-time-formats.md examples
        ("!2000-06-15!", "?00:00:00?", "QQQQ", "2nd quarter"),
        ("!2001-03-17!", "?00:00:00?", "D", "76"),
        ("!1954-03-17!", "?00:00:00?", "w", "11"),
        ("!1954-03-17!", "?00:00:00?", "eeee", "Wednesday"),
        ("!2020-01-01!", "?15:00:00?", "a", "PM"),
        ("!2020-01-01!", "?18:00:00?", "K a", "6 PM"),
        ("!2020-01-01!", "?09:10:25?", " HH : mm : ss ", "09 : 10 : 25"),
        ("!2020-01-01!", "?09:10:25?", "' 'HH : mm : ss' '", " 09 : 10 : 25 "),
        ("!2020-01-01!", "?15:30:00?", "HH 'hours and' mm 'minutes'", "15 hours and 30 minutes"),
        ("!2020-11-28!", "?00:00:00?", "'Day' #D 'of the year'", "Day #333 of the year"),
        ("!2020-01-29!", "?00:00:00?", "eeee, dd", "Wednesday, 29"),
        ("!1996-07-02!", "?00:00:00?", "yy yyyy yyyyyy", "96 1996 001996"),
        ("!1996-09-02!", "?00:00:00?", "M MM MMM MMMM MMMMM", "9 09 Sep September S"),
        ("!1996-07-02!", "?00:00:00?", "E EEEE EEEEE EEEEEE", "Tue Tuesday T Tu"),
        ("!1996-07-02!", "?00:00:00?", "h:mm k H", "12:00 24 0"),
        ("!1996-07-02!", "?13:04:05?", "hh:mm:ss a", "01:04:05 PM"),
        ("!1996-07-02!", "?00:00:00?", "bbbb", "midnight"),
        ("!1996-07-02!", "?12:00:00?", "b", "noon"),
        ("!1996-07-02!", "?22:00:00?", "B", "at night"),
    ],
)
def test_date_time_patterns(run, date, time_, pattern, expected):
    assert run.value(f'String({date};"{pattern}";{time_})') == expected


def test_bad_format_arguments(run):
    from fourd.runtime.errors import FourDError

    with pytest.raises(FourDError):
        run.value("String(10;1)")  # base 1 is out of range
    with pytest.raises(FourDError):
        run.value("String(!2020-01-01!;99)")
    with pytest.raises(FourDError):
        run.value("String(?01:00:00?;True)")
