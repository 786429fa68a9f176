"""Values stored in objects and collections (storedvalue.stored): numbers are Reals ("Numerical object
properties are always considered real values", value-type.md), times are seconds (SET DATABASE PARAMETER,
Times inside objects: "times are converted and stored as number of seconds in objects"), whatever stores
them: a command, an assignment to a property or an element, or a literal; on both back ends."""

from __future__ import annotations

import pytest
from backends import run_on_backend

DECLARE = "var $i : Integer\n$i:=3\nvar $h : Time\n$h:=?01:00:00?\n$u:=$i\n"

# Each program stores $i (a typed Integer), $u (an untyped one) and $h (a Time) one way and returns
# the Value type of each stored value and the stored values themselves.
STORES = {
    "property": "$o:={}\n$o.i:=$i\n$o.u:=$u\n$o.h:=$h",
    "property_by_name": '$o:={}\n$o["i"]:=$i\n$o["u"]:=$u\n$o["h"]:=$h',
    "object_literal": "$o:={i: $i; u: $u; h: $h}",
    "new_object": 'var $o : Object:=New object("i"; $i; "u"; $u; "h"; $h)',
    "shared_in_use": "$o:=New shared object\nUse ($o)\n$o.i:=$i\n$o.u:=$u\n$o.h:=$h\nEnd use",
    "class_instance": "$o:=cs.Holder.new()\n$o.i:=$i\n$o.u:=$u\n$o.h:=$h",
    "collection_element": "$c:=[0; 0; 0]\n$c[0]:=$i\n$c[1]:=$u\n$c[2]:=$h\n$o:={i: $c[0]; u: $c[1]; h: $c[2]}",
    "collection_literal": "$c:=[$i; $u; $h]\n$o:={i: $c[0]; u: $c[1]; h: $c[2]}",
}
REPORT = (
    '\nreturn String(Value type($o.i))+" "+String(Value type($o.u))+" "+String(Value type($o.h))'
    '+" "+String($o.i)+" "+String($o.h)'
)


@pytest.mark.parametrize("generated", [True, False], ids=["generated", "closures"])
@pytest.mark.parametrize("name", sorted(STORES))
def test_numbers_are_stored_as_reals_and_times_as_seconds(name, generated):
    source = DECLARE + STORES[name] + REPORT
    result = run_on_backend(source, generated, methods={}, classes={"Holder": "Class constructor\n"})
    assert result == ("ok", "1 1 1 3 3600")


@pytest.mark.parametrize("generated", [True, False], ids=["generated", "closures"])
def test_undefined_still_leaves_out_or_nulls(generated):
    source = "$o:={a: $o.none; b: 1}\n$c:=[$o.none]\nreturn JSON Stringify($o)+JSON Stringify($c)"
    assert run_on_backend(source, generated, methods={}, classes={}) == ("ok", '{"b":1}[null]')


@pytest.mark.parametrize("generated", [True, False], ids=["generated", "closures"])
def test_map_stores_its_results_as_any_element(generated):
    # A formula returning an Integer: through the plain path (a local) and the general one (a command).
    source = (
        'var $i : Integer\n$i:=4\n$a:=[1].map(Formula($i))\n$b:=["ab"].map(Formula(Length($1.value)))\n'
        'return String(Value type($a[0]))+" "+String(Value type($b[0]))+" "+String($a[0]+$b[0])'
    )
    assert run_on_backend(source, generated, methods={}, classes={}) == ("ok", "1 1 6")
