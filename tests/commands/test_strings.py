"""String theme commands, with the results the command pages state."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import Array4D, Blob4D, Collection4D


@pytest.mark.parametrize(
    "expression, expected",
    [
        ('Change string("Acme";"CME";2)', "ACME"),  # change-string.md
        ('Change string("November";"Dec";1)', "December"),
        ('Change string("abc";"xyz";3)', "abx"),  # same length as source
        ('Change string("abc";"x";0)', "abc"),
        ('Delete string("Lamborghini";6;6)', "Lambo"),  # delete-string.md
        ('Delete string("Indentation";6;2)', "Indention"),
        ('Delete string("abcdef";3;32000)', "ab"),
        ('Delete string("abc";0;1)', "bc"),
        ('Insert string("The tree";" green";4)', "The green tree"),  # insert-string.md
        ('Insert string("Shut";"o";3)', "Shout"),
        ('Insert string("Indention";"ta";6)', "Indentation"),
        ('Insert string("ab";"c";99)', "abc"),
        ('Substring("08/04/62";4;2)', "04"),  # substring.md
        ('Substring("Emergency";1;6)', "Emerge"),
        ('Substring("abc";2)', "bc"),
        ('Substring("abc";5)', ""),
        ('Length("Topaz")', 5),  # length.md
        ('Length("Citizen")', 7),
        ("Length(Char(1))", 1),
        ('Position("ll";"Willow")', 3),  # position.md
        ('Position("day";"Today is the first day";1)', 3),
        ('Position("day";"Today is the first day";4)', 20),
        ('Position("DAY";"Today is the first day";1;*)', 0),
        ('Position("";"")', 0),
        ('Position("where";"somewhere";1;$l;sk whole word)', 0),
        ('Position("where";"some where";1;$l;sk whole word)', 6),
        ('Position("é";"e é";1;$l;sk case insensitive)', 3),
        ('Position("E";"e é";1;$l;sk diacritic insensitive)', 0),
        ('Position("ae";"Cæsar")', 2),
        ('Replace string("Willow";"ll";"d")', "Widow"),  # replace-string.md
        ('Replace string("Shout";"o";"")', "Shut"),
        ('Replace string("Crème brûlée";"Brulee";"caramel")', "Crème caramel"),
        ('Replace string("Crème brûlée";"Brulee";"caramel";*)', "Crème brûlée"),
        ('Replace string("aaa";"a";"b";2)', "bba"),
        ('Replace string("aAa";"a";"b";*)', "bAb"),
        ('Replace string("abc";"";"x")', "abc"),
        ('Lowercase("DÉJÀ VU")', "deja vu"),  # lowercase.md
        ('Lowercase("DÉJÀ VU";*)', "déjà vu"),
        ('Uppercase("hélène")', "HELENE"),  # uppercase.md
        ('Uppercase("hélène";*)', "HÉLÈNE"),
        ('Trim("     Hello World!    ")', "Hello World!"),  # trim.md
        ('Trim end("     Hello World!    ")', "     Hello World!"),
        ('Trim start("     Hello World!    ")', "Hello World!    "),
        ('Trim("\\t\\r\\nx\\n")', "x"),
        ('Character code("ABC")', 65),  # character-code.md
        ("Char(65)+Char(97)", "Aa"),
        (
            'Compare strings("alpha Bravo charlie Delta Echo Fox-Trot";"Alpha Bravo Charlie Delta Echo Fox-Trot";sk char codes)',
            1,
        ),
        (
            'Compare strings("alpha Bravo charlie Delta Echo Fox-Trot";"Alpha Bravo Charlie Delta Echo Fox-Trot";sk char codes+sk case insensitive)',
            0,
        ),
        ('Compare strings("ete";"été")', 0),
        ('Compare strings("ete";"été";sk strict)', -1),
        ('Compare strings("a";"à";sk case insensitive)', -1),
        ('Compare strings("A";"à";sk diacritic insensitive)', 1),  # same letter: lowercase first
        ('Compare strings("alpha";"Bravo";sk strict)', -1),  # language order, not character codes
        ('Compare strings("alpha";"Alpha";sk strict)', -1),  # CollectionClass.md: "alpha","Alpha"
        ('Compare strings("Alpha";"alpha";sk strict)', 1),
        ('Compare strings("Alpha";"alpha";sk char codes)', -1),
        ('Compare strings("élan";"etre";sk strict)', -1),  # letters before accents
        ('Compare strings("abc";"ABD")', -1),
        ('Compare strings("abc@";"abcd")', -1),  # @ is a character here
        ('Num("ABCD")', 0),  # num.md
        ('Num("A1B2C3")', 123),
        ('Num("123")', 123),
        ('Num("123.4")', 123.4),
        ('Num("-123")', -123),
        ('Num("-123e2")', -12300),
        ('Num("123-456")', 123),
        ('Num("-9")', -9),
        ('Num("123e-2")', 1.23),
        ('Num("33,333.33";".")', 33333.33),
        ('Num("33 333,33";",")', 33333.33),
        ('Num("ff";16)', 255),
        ('Num("0xFF")', 0),
        ('Num("0xFF";16)', 255),
        ('Num("2";2)', 0),
        ('Num("10.3";16)', 16),
        ('Num("123.20"; 10)', 123),
        ("Num(True)", 1),
        ("Num(False)", 0),
        ("Num(12.5)", 12.5),
        ("Num(?00:01:00?)", 60),
        ('("Good"*Num(500<1000))+("Bad"*Num(500>=1000))', "Good"),
    ],
)
def test_documented_results(run, expression, expected):
    result = run(f"var $l : Integer\nreturn {expression}")
    assert result == expected
    assert type(result) is type(expected) or {type(result), type(expected)} <= {int, float}


def test_position_returns_length_found(run):
    # position.md: Position("œ";"Bœuf";1;$length) gives 2 and $length 1
    assert run('var $l : Integer\n$p:=Position("œ";"Bœuf";1;$l)\nreturn String($p)+"/"+String($l)') == "2/1"
    assert run('var $l : Integer\n$p:=Position("ss";"Straße";1;$l)\nreturn String($p)+"/"+String($l)') == "5/1"
    assert run('var $l : Integer\n$p:=Position("b";"abc";1;$l;*)\nreturn String($p)+"/"+String($l)') == "2/1"


def test_position_replace_loop_example(run):
    # position.md example 3
    code = """var $lengthFound : Integer
$string:="Hello Joelle et joel!"
$p:=0
Repeat
  $p:=Position("joel";$string;$p+1;$lengthFound;sk case insensitive+sk diacritic insensitive)
  If($p>0)
    $string:=Substring($string;1;$p-1)+"Joël"+Substring($string;$p+$lengthFound)
  End if
Until($p<=0)
return $string"""
    assert run(code) == "Hello Joëlle et Joël!"


def test_split_string_examples(run):
    # split-string.md example 1
    src = '$vt:="John;Doe;120 jefferson st.;Riverside;; NJ; 08075"\n'
    plain = run(src + 'return Split string($vt;";")')
    assert isinstance(plain, Collection4D)
    assert plain.items == ["John", "Doe", "120 jefferson st.", "Riverside", "", " NJ", " 08075"]
    assert run(src + 'return Split string($vt;";";sk ignore empty strings)').items == [
        "John",
        "Doe",
        "120 jefferson st.",
        "Riverside",
        " NJ",
        " 08075",
    ]
    both = run(src + 'return Split string($vt;";";sk ignore empty strings+sk trim spaces)')
    assert both.items == ["John", "Doe", "120 jefferson st.", "Riverside", "NJ", "08075"]
    assert run('return Split string("abc";"")').items == ["a", "b", "c"]
    assert run('return Split string("a--b";"--")').items == ["a", "b"]
    assert run('return Split string("abc";",")').items == ["abc"]


def test_string_of_scalars(run):
    # string.md: Text as is, Boolean True/False, Undefined "", Null "null"
    assert run.value('String("abc";"###")') == "abc"
    assert run.value("String(True)") == "True"
    assert run.value('String(1=2;"##")') == "False"
    assert run("$o:=New object\nreturn String($o.missing)") == ""
    assert run('$o:=New object("n";Null)\nreturn String($o.n)') == "null"


@pytest.mark.parametrize(
    "code, expected",
    [  # match-regex.md example 4
        ('return Match regex("a.b";"---a-b---";1;$pos_found;$length_found)', True),
        ('return Match regex("a.b";"---a-b---";1;$pos_found;$length_found;*)', False),
        ('return Match regex("a.b";"---a-b---";4;$pos_found;$length_found;*)', True),
        (
            '$ok:=Match regex("a.b";"---a-b---";1;$pos_found;$length_found)\nreturn String($pos_found)+"/"+String($length_found)',
            "4/3",
        ),
        ('return Match regex(".*smith.*";"John smith jr")', True),
        ('return Match regex("smith";"John smith jr")', False),  # complete equality
        ('return Match regex("smith";"John smith jr";1)', True),
        ('return Match regex("(?<year>\\\\d{4})";"in 2024";1)', True),
        ('return Match regex("\\\\p{L}+";"Élan")', True),
    ],
)
def test_match_regex(run, code, expected):
    assert run(code) == expected


def test_match_regex_fills_arrays_with_groups(run):
    # match-regex.md example 3: element 0 is the whole match, then the groups
    pos, lengths = Array4D("Integer", [0]), Array4D("Integer", [0])
    code = 'return Match regex("(.*)stuff(.*)";"my stuff here";1;$1;$2)'
    assert run(code, pos, lengths) is True
    assert pos.items == [1, 1, 9]
    assert lengths.items == [13, 3, 5]


def test_match_regex_errors(run):
    with pytest.raises(FourDError) as info:
        run('return Match regex("(";"x")')
    assert "regular expression" in info.value.message
    with pytest.raises(FourDError) as info:
        run('return Match regex("a";"b";1;$p)')
    assert info.value.code == -10602


def test_get_text_keywords(run):
    # get-text-keywords.md: "10,000 Jean-Pierre BC45" gives 4 keywords; French elision
    words = Array4D("Text", [""])
    run("GET TEXT KEYWORDS(\"10,000 Jean-Pierre BC45 L'homme Today's\";$1)", words)
    assert words.items[1:] == ["10,000", "Jean", "Pierre", "BC45", "L'", "homme", "Today's"]
    unique = Array4D("Text", [""])
    run('GET TEXT KEYWORDS("a b A c b";$1;*)', unique)
    assert unique.items[1:] == ["a", "b", "c"]


def test_charset_round_trip(run):
    blob = run('CONVERT FROM TEXT("héllo";"UTF-8";$b)\nreturn $b')
    assert isinstance(blob, Blob4D) and bytes(blob.data) == "héllo".encode()
    assert run('CONVERT FROM TEXT("héllo";"ISO-8859-1";$b)\nreturn Convert to text($b;4)') == "héllo"
    assert run('CONVERT FROM TEXT("x";"windows-1252";$b)\nreturn OK') == 1
    # An unknown character set sets OK to 0 (convert-from-text.md); it is not an error.
    assert run('CONVERT FROM TEXT("x";"no-such-set";$b)\nreturn OK') == 0


@pytest.mark.parametrize(
    "code",
    [
        "return Length(12)",
        'return Substring("a")',
        'return Uppercase("a";1)',
        'return Replace string("a";"b")',
        "return Num(!2020-01-01!)",
        'return Split string(1;",")',
        'return Position("a")',
    ],
)
def test_wrong_arguments_are_4d_errors(run, code):
    with pytest.raises(FourDError) as info:
        run(code)
    assert info.value.code in (-10602, -10603)


def test_character_code_constants(run):
    # character-code.md example 3 and Concepts/string.md: codes compared with Character code
    assert run.value("Char(Carriage return)+Char(Tab)+Char(Line feed)") == "\r\t\n"
    assert run.value('Character code("@")=At sign') is True
    assert run.value('Character code(" ")=Space') is True
    assert run('$t:="a\\tb"\nreturn Character code($t[[2]])=Tab') is True
