"""Tools theme: Base64, Generate digest, password hashes, Choose, external processes, monitoring."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from fourd.commands import _bcrypt
from fourd.runtime.errors import FourDError
from fourd.runtime.values import Blob4D


def test_base64_text_and_blob(run):
    assert run('$t:="hello"\nBASE64 ENCODE($t;$e)\nreturn [$t;$e]').items == ["hello", "aGVsbG8="]
    assert run('$t:="hello"\nBASE64 ENCODE($t)\nreturn $t') == "aGVsbG8="  # no output: in place
    assert run('$t:="aGVsbG8="\nBASE64 DECODE($t;$d)\nreturn $d') == "hello"
    # the text's UTF-8 bytes are encoded; * gives Base64URL
    assert run('BASE64 ENCODE("é?>";$e)\nreturn $e') == "w6k/Pg=="
    assert run('BASE64 ENCODE("é?>";$e;*)\nreturn $e') == "w6k_Pg"
    assert run('$u:="w6k_Pg"\nBASE64 DECODE($u;$d;*)\nreturn $d') == "é?>"
    blob = run(
        'var $b; $out : Blob\nTEXT TO BLOB("ab";$b;UTF8 text without length)\nBASE64 ENCODE($b;$out)\nreturn $out'
    )
    assert type(blob) is Blob4D and bytes(blob.data) == b"YWI="


def test_base64_decode_invalid_gives_empty(run):
    # base64-decode.md: invalid contents give an empty value
    assert run('$t:="@@not base64@@"\nBASE64 DECODE($t;$d)\nreturn $d') == ""


def test_generate_digest_documented_keys(run):
    # generate-digest.md example 2 and its note on empty text
    fox = '"The quick brown fox jumps over the lazy dog."'
    assert run.value(f"Generate digest({fox};MD5 digest)") == "e4d909c290d0fb1ca068ffaddf22cbd0"
    assert run.value(f"Generate digest({fox};SHA1 digest)") == "408d94384216f890ff7a0c3528e8bed1e0b01621"
    assert run.value('Generate digest("";MD5 digest)') == "d41d8cd98f00b204e9800998ecf8427e"
    assert run.value('Generate digest("abc";SHA256 digest)') == hashlib.sha256(b"abc").hexdigest()
    assert len(run.value('Generate digest("abc";SHA512 digest)')) == 128
    assert run.value('Generate digest("a";SHA256 digest;*)') == "ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs"
    with pytest.raises(FourDError):
        run.value('Generate digest("a";99)')


def test_bcrypt_known_vector():
    # the OpenBSD bcrypt test vector for "U*U" (cost 5), computed by the pure-Python code
    known = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"
    _prefix, cost, salt = _bcrypt.parse(known)
    assert "$2a$05$CCCCCCCCCCCCCCCCCCCCC." + _bcrypt._encode64(_bcrypt._pure_hash(b"U*U", cost, salt)) == known
    assert _bcrypt.verify("U*U", known) is True
    assert _bcrypt.verify("U*V", known) is False


def test_password_hash_round_trip(run):
    # generate-password-hash.md example (cost 4): two passes differ, both verify
    code = """$options:=New object("algorithm";"bcrypt";"cost";4)
$h1:=Generate password hash("secret";$options)
$h2:=Generate password hash("secret";$options)
return [$h1#$h2; Verify password hash("secret";$h1); Verify password hash("Secret";$h2); Substring($h1;1;7)]"""
    assert run(code).items == [True, True, False, "$2y$04$"]


@pytest.mark.parametrize(
    "options,code",
    [('New object("algorithm";"BCRYPT")', 850), ('New object("cost";3)', 852), ('New object("cost";32)', 852)],
)
def test_password_hash_errors(run, options, code):
    with pytest.raises(FourDError) as info:
        run.value(f'Generate password hash("x";{options})')
    assert info.value.code == code


def test_verify_password_hash_errors(run):
    with pytest.raises(FourDError) as info:
        run.value('Verify password hash("x";"md5:abc")')
    assert info.value.code == 850
    with pytest.raises(FourDError) as info:
        run.value('Verify password hash("x";"$2y$04$short")')
    assert info.value.code == 851


def test_choose(run):
    # choose.md: Boolean picks value 1 or 2; a number picks from 0; out of range gives the empty value
    assert run.value('Choose(False;"Mr";"Ms")') == "Ms"
    assert run.value('Choose(True;"Mr";"Ms")') == "Mr"
    assert run.value('Choose(2;"Single";"Married";"Widowed";"Divorced")') == "Widowed"
    assert run.value('Choose(0;"Single";"Married")') == "Single"
    assert run.value('Choose(7;"Single";"Married")') == ""
    assert run.value("Choose(7;1;2)") == 0
    with pytest.raises(FourDError):
        run.value('Choose(True;"a";"b";"c")')  # a Boolean needs exactly three parameters


def test_choose_evaluates_every_value(run):
    # choose.md warning: every value is evaluated, so an invalid one fails in all cases
    with pytest.raises(FourDError):
        run.value('Choose(True;"red1";"blue"+2)')


@pytest.mark.skipif(shutil.which("cat") is None, reason="needs cat")
def test_launch_external_process_streams(run):
    code = (
        'var $in; $out; $err : Text\n$in:="data"\nLAUNCH EXTERNAL PROCESS("cat";$in;$out;$err)\nreturn [$out;$err;OK]'
    )
    assert run(code).items == ["data", "", 1]
    code = 'var $pid : Integer\nLAUNCH EXTERNAL PROCESS("cat";$pid)\nreturn $pid>0'
    assert run(code) is True
    assert run('LAUNCH EXTERNAL PROCESS("/no/such/program")\nreturn OK') == 0


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs sh")
def test_environment_variables_for_the_next_launch(run, tmp_path):
    code = f"""SET ENVIRONMENT VARIABLE("FOURD_TEST_VAR";"hello")
SET ENVIRONMENT VARIABLE("_4D_OPTION_CURRENT_DIRECTORY";"{tmp_path}")
LAUNCH EXTERNAL PROCESS("sh -c 'echo $FOURD_TEST_VAR; pwd'";$in;$out)
LAUNCH EXTERNAL PROCESS("sh -c 'echo [$FOURD_TEST_VAR]'";$in;$out2)
return [$out;$out2]"""
    first, second = run(code).items
    assert first.split() == ["hello", str(tmp_path)]
    assert second.strip() == "[]"  # the variables applied to the next call only


def test_monitoring_records_slow_methods(run, tmp_path):
    (tmp_path / "slow.4dm").write_text("DELAY PROCESS(Current process;1)\n", encoding="utf-8")
    (tmp_path / "fast.4dm").write_text("$x:=1\n", encoding="utf-8")
    run.runtime.methods.add_folder(tmp_path)
    code = """START MONITORING ACTIVITY(0.005;Activity language)
slow
fast
$a:=Monitored activity
STOP MONITORING ACTIVITY
return [$a.length; $a[0].activityKind; $a[0].activityData.method; Monitored activity.length]"""
    assert run(code).items == [1, 1, "slow", 0]


def test_activity_snapshot_is_empty_headless(run):
    code = """ARRAY OBJECT($ops;2)
ACTIVITY SNAPSHOT($ops)
ARRAY TEXT($u;1)
ACTIVITY SNAPSHOT($u;$s;$d;$i;*)
return [Size of array($ops);Size of array($u);Type($d)]"""
    assert run(code).items == [0, 0, 16]


@pytest.mark.parametrize(
    "command", ['OPEN URL("http://www.4d.com")', "MOBILE APP REFRESH SESSIONS", 'SET MACRO PARAMETER(1;"x")']
)
def test_headless_errors(run, command):
    with pytest.raises(FourDError) as info:
        run(command)
    assert info.value.key == "unsupported_headless"
