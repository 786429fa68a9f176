"""User classes: cs / 4D stores, constructors, functions, computed properties, Super, shared and singleton classes.

Examples come from Concepts/classes.md, API/ClassClass.md, commands/super.md,
commands/this.md, commands/ob-class.md and commands/ob-instance-of.md; the
expected values are the ones the pages state in their comments.
"""

from __future__ import annotations

import threading

import pytest

from fourd.runtime.errors import FourDError

PERSON = """
property firstName; lastName : Text

Class constructor($firstname : Text; $lastname : Text)
 This.firstName:=$firstname
 This.lastName:=$lastname

Function get fullName() -> $fullName : Text
 $fullName:=This.firstName+" "+This.lastName

Function set fullName( $fullName : Text )
 $p:=Position(" "; $fullName)
 This.firstName:=Substring($fullName; 1; $p-1)
 This.lastName:=Substring($fullName; $p+1)

Function sayHello() -> $welcome : Text
 $welcome:="Hello "+This.fullName

Function whoAmI() : Text
 return Current method name
"""

RECTANGLE = """
Class constructor($width : Integer; $height : Integer)
 This.name:="Rectangle"
 This.height:=$height
 This.width:=$width

Function getArea() : Integer
 return (This.height)*(This.width)

Function nbSides() : Text
 return "I have 4 sides"
"""

SQUARE = """
Class extends Rectangle

Class constructor ($side : Integer)
 Super($side;$side)
 This.name:="Square"

Function description() : Text
  return Super.nbSides()+" which are all equal"

Function ctorName() : Text
  return Current method name
"""


@pytest.fixture
def classes(run):
    lib = run.runtime.classes
    lib.add_source("Person", PERSON)
    lib.add_source("Rectangle", RECTANGLE)
    lib.add_source("Square", SQUARE)
    return run


def add(run, name: str, text: str) -> None:
    run.runtime.classes.add_source(name, text)


def code_of(run, source: str) -> int:
    with pytest.raises(FourDError) as info:
        run(source)
    return info.value.code


# -- classes.md: constructor, functions, computed properties -------------------------------


def test_person_example(classes):
    # classes.md, introduction: $hello:=$person.sayHello() //"Hello John Doe"
    assert classes('$person:=cs.Person.new("John";"Doe")\nreturn $person.sayHello()') == "Hello John Doe"
    assert classes('$person:=cs.Person.new("John";"Doe")\nreturn $person.firstName') == "John"


def test_computed_property_get_and_set(classes):
    # classes.md, Function get / Function set, example 1
    src = '$person:=cs.Person.new("John";"Doe")\n$person.fullName:="John Smith"\nreturn $person.lastName+"|"+$person.fullName'
    assert classes(src) == "Smith|John Smith"


def test_computed_properties_are_not_own_properties(classes):
    # The getter lives on the class (prototype), as in JavaScript: not in OB Keys nor in JSON.
    assert classes('return OB Keys(cs.Person.new("A";"B")).join(",")') == "firstName,lastName"
    assert classes('return JSON Stringify(cs.Person.new("A";"B"))') == '{"firstName":"A","lastName":"B"}'
    assert classes('return String(cs.Person.new("A";"B"))') == '{"firstName":"A","lastName":"B"}'


def test_read_only_and_write_only_computed_properties(run):
    add(run, "Temp", "Function get celsius() : Real\n return 20\n\nFunction set secret($v : Text)\n This._s:=$v\n")
    assert run('$t:=cs.Temp.new()\n$t.secret:="x"\nreturn $t._s') == "x"
    assert run("return Undefined(cs.Temp.new().secret)") is True  # set-only reads as undefined
    assert code_of(run, "$t:=cs.Temp.new()\n$t.celsius:=3") == -10744


def test_assigning_undefined_to_computed_property_calls_getter_then_setter(run):
    # classes.md: "the Function get is first called to retrieve the value type, then the Function set
    # is called with an empty value of that type".
    add(
        run,
        "Box",
        'Function get size() : Integer\n This.log+="g"\n return 5\n\n'
        'Function set size($v)\n This.log+="s"\n This.type:=Value type($v)\n This.got:=$v\n',
    )
    # The setter gets an Integer 0 (9 is Is longint); stored in a property it becomes a Real, as any number.
    assert (
        run('$b:=cs.Box.new()\n$b.log:=""\n$b.size:=$nothing\nreturn $b.log+String($b.type)+String($b.got)') == "gs90"
    )


def test_rectangle_get_area(run):
    # classes.md, Function, example 1: $area:=$rect.getArea() //5000
    add(run, "Rectangle", RECTANGLE)
    assert run("$rect:=cs.Rectangle.new(50;100)\nreturn $rect.getArea()") == 5000


def test_this_in_function_refers_to_the_object(run):
    # classes.md / this.md: $val:=$o.f() //8
    add(run, "ob", "Function f() : Integer\n return This.a+This.b\n")
    assert run("$o:=cs.ob.new()\n$o.a:=5\n$o.b:=3\nreturn $o.f()") == 8


def test_this_in_constructor_is_the_new_object(run):
    # this.md: $val:=$o.a //42
    add(run, "ob", "Class constructor\n This.a:=42\n")
    assert run("$o:=cs.ob.new()\nreturn $o.a") == 42


def test_this_outside_any_object_is_null(run):
    assert run("return This") is None


def test_class_function_read_as_a_value_is_a_4d_function(classes):
    src = "$r:=cs.Rectangle.new(2;3)\n$f:=$r.getArea\nreturn String($f.call($r))+String(OB Instance of($f;4D.Function))"
    assert classes(src) == "6True"


def test_current_method_name_in_class_code(classes):
    # current-method-name.md: ClassName.FunctionName / ClassName:constructor
    assert classes('return cs.Person.new("a";"b").whoAmI()') == "Person.whoAmI"
    add(classes, "Named", "Class constructor\n This.n:=Current method name\n")
    assert classes("return cs.Named.new().n") == "Named:constructor"


def test_function_calls_with_default_result_types(run):
    # classes.md, Function example 2: return $width * $height, else 0
    add(
        run,
        "Geo",
        "Function getRectArea($width : Integer; $height : Integer) : Integer\n If ($width > 0 && $height > 0)\n  return $width * $height\n Else\n  return 0\n End if\n",
    )
    assert run('$g:=cs.Geo.new()\nreturn String($g.getRectArea(3;4))+" "+String($g.getRectArea(-1;4))') == "12 0"


def test_unknown_member_function_is_an_error(classes):
    assert code_of(classes, '$p:=cs.Person.new("a";"b")\n$p.nothing()') == -10729


# -- properties ---------------------------------------------------------------------------------


def test_property_declarations_and_initial_values(run):
    # classes.md, property example: $o:=cs.MyClass.new() //$o:{"color" : "Blue"}
    add(run, "MyClass", 'property name : Text\nproperty age : Integer\nproperty color : Text := "Blue"\n')
    assert run("return JSON Stringify(cs.MyClass.new())") == '{"color":"Blue"}'
    assert run('$o:=cs.MyClass.new()\n$o.name:="John"\nreturn JSON Stringify($o)') == '{"color":"Blue","name":"John"}'


def test_property_types_and_inference(run):
    add(
        run,
        "Typed",
        'property name : Text := "Smith"\nproperty age : Integer := 42\nproperty birthDate := !1988-09-29!\nproperty fuzzy\n',
    )
    assert run('$o:=cs.Typed.new()\nreturn String(Value type($o.age))+" "+String(Value type($o.birthDate))') == "9 4"
    assert run('return OB Keys(cs.Typed.new()).join(",")') == "name,age,birthDate"


def test_initializers_run_before_constructor_parent_first(run):
    # classes.md: initialized properties are added before the constructor; parent's before child's.
    add(run, "Base", 'property a := "base"\nClass constructor\n This.seen:=This.b\n')
    add(run, "Child", 'Class extends Base\nproperty b := "child"\n')
    assert run('return OB Keys(cs.Child.new()).join(",")') == "a,b,seen"
    assert run("return cs.Child.new().seen") == "child"


def test_property_and_function_cannot_share_a_name(run):
    add(run, "Clash", "property size : Integer\n\nFunction size()\n return 1\n")
    assert code_of(run, "$o:=cs.Clash.new()") == -10742


# -- inheritance and Super --------------------------------------------------------------------------


def test_super_in_constructor_and_function(classes):
    # super.md examples 1 and 2
    assert classes("$s:=cs.Square.new(5)\nreturn $s.getArea()") == 25
    assert classes("return cs.Square.new(5).name") == "Square"
    assert classes("$square:=cs.Square.new()\nreturn $square.description()") == "I have 4 sides which are all equal"


def test_inherited_functions_and_instance_of(classes):
    # ob-instance-of.md: true for the class, its ancestors and 4D.Object; false otherwise.
    src = "$s:=cs.Square.new(2)\nreturn String(OB Instance of($s;cs.Square))+String(OB Instance of($s;cs.Rectangle))+String(OB Instance of($s;4D.Object))+String(OB Instance of($s;cs.Person))"
    assert classes(src) == "TrueTrueTrueFalse"


def test_ob_class(classes):
    # ob-class.md: $class contains Class: Polygon; null when not an object.
    assert classes("return OB Class(cs.Square.new(2)).name") == "Square"
    assert classes("return OB Class(New object).name") == "Object"
    assert classes("return OB Class(Formula(1)).name") == "Function"
    assert classes('return OB Class("text")') is None


def test_ob_instance_of_needs_a_class(classes):
    # ob-instance-of.md: if class is not a valid Class object, error -10745
    assert code_of(classes, "return OB Instance of(New object;New object)") == -10745


def test_class_object_properties(classes):
    # ClassClass.md: .name, .superclass (4D.Object.superclass is null), .isShared, .isSingleton, .me
    assert classes("return cs.Square.superclass.name") == "Rectangle"
    assert classes("return cs.Rectangle.superclass.name") == "Object"
    assert classes("return 4D.Object.superclass") is None
    assert (
        classes("return String(cs.Square.isShared)+String(cs.Square.isSingleton)+String(cs.Square.isSessionSingleton)")
        == "FalseFalseFalse"
    )
    assert classes("return Undefined(cs.Square.me)") is True
    assert classes("return OB Class(cs.Square).name") == "Class"


def test_class_stores(classes):
    assert classes('return OB Keys(cs).join(",")') == "Person,Rectangle,Square"
    assert classes('return OB Keys(4D).indexOf("Function")>=0') is True
    assert classes("return Undefined(cs.Nothing)") is True
    assert classes("return Undefined(cs.person)") is True  # class names are case sensitive


def test_class_without_constructor_passes_arguments_to_parent(classes):
    add(classes, "Plain", "Class extends Rectangle\n")
    assert classes("return cs.Plain.new(3;4).getArea()") == 12


def test_this_before_super_is_error_10743(classes):
    add(classes, "Bad", "Class extends Rectangle\nClass constructor\n This.x:=1\n Super(1;2)\n")
    assert code_of(classes, "$o:=cs.Bad.new()") == -10743


def test_super_called_twice_is_error_10746(classes):
    add(classes, "Twice", "Class extends Rectangle\nClass constructor\n Super(1;2)\n Super(1;2)\n")
    assert code_of(classes, "$o:=cs.Twice.new()") == -10746


def test_super_outside_a_class_is_error_10746(run):
    assert code_of(run, "Super(1)") == -10746
    assert code_of(run, "$x:=Super.fn()") == -10746


def test_constructor_not_calling_super_is_error_10748(classes):
    add(classes, "Lazy", "Class extends Rectangle\nClass constructor\n var $x : Integer\n")
    assert code_of(classes, "$o:=cs.Lazy.new()") == -10748


def test_one_constructor_per_class(run):
    add(run, "Two", "Class constructor\n This.a:=1\nClass constructor\n This.a:=2\n")
    assert code_of(run, "$o:=cs.Two.new()") == -10742


def test_extension_errors(run):
    add(run, "Selfish", "Class extends Selfish\n")
    add(run, "A", "Class extends B\n")
    add(run, "B", "Class extends A\n")
    add(run, "Orphan", "Class extends Nowhere\n")
    add(run, "Fn", "Class extends 4D.Function\n")
    for name in ("Selfish", "A", "Orphan", "Fn"):
        assert code_of(run, f"$o:=cs.{name}.new()") == -10741, name


def test_extending_4d_object_is_allowed(run):
    add(run, "Obj", "Class extends 4D.Object\nClass constructor\n Super()\n This.ok:=True\n")
    assert run("return cs.Obj.new().ok") is True


def test_code_outside_functions_is_an_error(run):
    add(run, "Loose", "$x:=1\nFunction f\n")
    assert code_of(run, "$o:=cs.Loose.new()") == -10742


# -- shared classes ---------------------------------------------------------------------------------


def test_shared_class_instances_are_shared(run):
    # classes.md, Creating a shared class
    add(
        run,
        "SPerson",
        "shared Class constructor($firstname : Text; $lastname : Text)\n This.firstName:=$firstname\n This.lastName:=$lastname\n",
    )
    assert run('$person:=cs.SPerson.new("John"; "Smith")\nreturn OB Is shared($person)') is True
    assert run("return cs.SPerson.isShared") is True
    assert code_of(run, '$person:=cs.SPerson.new("John"; "Smith")\n$person.age:=3') == -10726


def test_shared_function_runs_inside_use(run):
    # classes.md, Shared functions: "no need to call use/end use"
    add(
        run,
        "Foo",
        "shared Class constructor()\n  This.variable:=1\n\nshared Function Bar($value : Integer)\n  This.variable:=$value\n\nFunction Baz($value : Integer)\n  This.variable:=$value\n",
    )
    assert run("$f:=cs.Foo.new()\n$f.Bar(5)\nreturn $f.variable") == 5
    assert code_of(run, "$f:=cs.Foo.new()\n$f.Baz(5)") == -10726


def test_shared_class_initializers_become_shared(run):
    # classes.md: property myCollection := ["something"] becomes a shared collection
    add(
        run,
        "Holder",
        'property myCollection := ["something"]\nproperty myObject := {a: {b: 1}}\nshared Class constructor()\n',
    )
    assert run("$h:=cs.Holder.new()\nreturn OB Is shared($h.myCollection) & OB Is shared($h.myObject.a)") is True


def test_shared_keyword_ignored_in_non_shared_class(run):
    add(run, "NS", "Class constructor\n This.v:=0\nshared Function setV($v)\n This.v:=$v\n")
    assert run("$o:=cs.NS.new()\n$o.setV(4)\nreturn $o.v") == 4


# -- singletons ---------------------------------------------------------------------------------------


def test_process_singleton(run):
    # classes.md: cs.ProcessTag.me returns the same instance within a process, another one elsewhere.
    add(run, "ProcessTag", "singleton Class constructor()\n This.id:=New object\n")
    assert run("return cs.ProcessTag.me=cs.ProcessTag.me") is True
    assert run("return cs.ProcessTag.isSingleton & Not(cs.ProcessTag.isShared)") is True
    assert run("return cs.ProcessTag.new()=cs.ProcessTag.me") is True  # new() on an instantiated singleton
    here = run("return cs.ProcessTag.me")
    rt = run.runtime
    other = {}

    def in_other_process():
        rt.bind_thread(rt.new_process("Other"))
        other["value"] = rt.run_source("return cs.ProcessTag.me")

    t = threading.Thread(target=in_other_process)
    t.start()
    t.join()
    assert other["value"] is not here


def test_shared_singleton_vehicle_factory(run):
    # classes.md, Shared singleton example
    add(run, "Vehicle", "Class constructor\n This.kind:=OB Class(This).name\n")
    add(run, "Truck", "Class extends Vehicle\n")
    add(run, "Car", "Class extends Vehicle\n")
    add(
        run,
        "VehicleFactory",
        """
property vehicleBuilt : Integer

shared singleton Class constructor()
  This.vehicleBuilt := 0

shared Function buildVehicle ($type : Text) -> $vehicle : cs.Vehicle
  Case of
    : $type="car"
      $vehicle:=cs.Car.new()
    : $type="truck"
      $vehicle:=cs.Truck.new()
  Else
    $vehicle:=cs.Car.new()
  End case
  This.vehicleBuilt+=1
""",
    )
    assert run('$vehicle:=cs.VehicleFactory.me.buildVehicle("truck")\nreturn $vehicle.kind') == "Truck"
    assert run('$v:=cs.VehicleFactory.me.buildVehicle("car")\nreturn cs.VehicleFactory.me.vehicleBuilt') == 2
    assert (
        run("return cs.VehicleFactory.isShared & cs.VehicleFactory.isSingleton & OB Is shared(cs.VehicleFactory.me)")
        is True
    )


def test_session_singleton(run):
    # classes.md, Session singleton example
    add(
        run,
        "ItemInventory",
        "property itemList : Collection:=[]\n\nsession singleton Class constructor()\n\nshared function addItem($item:object)\n    This.itemList.push($item)\n",
    )
    assert (
        run('cs.ItemInventory.me.addItem(New shared object("name";"pen"))\nreturn cs.ItemInventory.me.itemList.length')
        == 1
    )
    assert run("return cs.ItemInventory.isSessionSingleton & cs.ItemInventory.isShared") is True
    rt = run.runtime
    session = rt.sessions.create("remote", "bob")
    result = {}

    def in_other_session():
        rt.bind_thread(rt.new_process("Web", session))
        result["n"] = rt.run_source("return cs.ItemInventory.me.itemList.length")

    t = threading.Thread(target=in_other_session)
    t.start()
    t.join()
    assert result["n"] == 0


# -- loading ------------------------------------------------------------------------------------------


def test_classes_folder_on_disk(run, tmp_path):
    folder = tmp_path / "Classes"
    folder.mkdir()
    (folder / "Polygon.4dm").write_text(
        "Class constructor( $width : Integer ; $height : Integer)\n This.area:=$width*$height\n", encoding="utf-8"
    )
    run.runtime.classes.add_folder(folder)
    # ob-class.md / ob-instance-of.md examples
    assert run("$poly:=cs.Polygon.new(4;3)\nreturn $poly.area") == 12
    assert run("return OB Instance of(cs.Polygon.new(4;3);cs.Polygon)") is True


def test_error_in_class_function_is_located_in_the_class(run):
    add(run, "Err", "Function boom()\n var $x : Integer\n $x:=1\\0\n")
    with pytest.raises(FourDError) as info:
        run("cs.Err.new().boom()")
    assert info.value.method == "Err.boom"
    assert info.value.line == 3


# -- three levels of inheritance ---------------------------------------------------------------------

ANIMAL = """
property legs : Integer := 0

Class constructor($name : Text)
 This.name:=$name
 This.trail:=["Animal"]

Function who() : Text
 return "Animal"

Function describe() : Text
 return This.name+" has "+String(This.legs)+" legs"

Function where() : Text
 return Current method name

Function get kind() : Text
 return "animal"

Function get sound() : Text
 return "..."

Function set sound($s : Text)
 This._sound:=$s
"""

DOG = """
Class extends Animal

property legs : Integer := 4

Class constructor($name : Text)
 Super($name)
 This.trail.push("Dog")

Function who() : Text
 return "Dog<"+Super.who()

Function get kind() : Text
 return "dog, a kind of "+Super.kind
"""

PUPPY = """
Class extends Dog

Class constructor($name : Text; $age : Integer)
 Super($name)
 This.age:=$age
 This.trail.push("Puppy")

Function who() : Text
 return "Puppy<"+Super.who()

Function describe() : Text
 return Super.describe()+", "+String(This.age)+" months old"

Function get kind() : Text
 return "puppy, "+Super.kind
"""


@pytest.fixture
def zoo(run):
    add(run, "Animal", ANIMAL)
    add(run, "Dog", DOG)
    add(run, "Puppy", PUPPY)
    return run


def test_constructors_chain_through_three_levels(zoo):
    # classes.md, Class extends / super.md: each constructor calls its parent's with Super().
    assert zoo('return cs.Puppy.new("Rex"; 3).trail.join(">")') == "Animal>Dog>Puppy"
    assert zoo('$p:=cs.Puppy.new("Rex"; 3)\nreturn [$p.name; $p.age; $p.legs]').items == ["Rex", 3, 4]


def test_super_function_calls_chain_through_three_levels(zoo):
    # Super is the parent of the class that defines the running function, not of This's class.
    assert zoo('return cs.Puppy.new("Rex"; 3).who()') == "Puppy<Dog<Animal"
    assert zoo('return cs.Dog.new("Fido").who()') == "Dog<Animal"
    # Puppy.describe -> Super.describe() found two levels up, in Animal.
    assert zoo('return cs.Puppy.new("Rex"; 3).describe()') == "Rex has 4 legs, 3 months old"


def test_grandparent_function_runs_with_the_grandchild_as_this(zoo):
    assert zoo('return cs.Puppy.new("Rex"; 3).where()') == "Animal.where"  # current-method-name.md
    assert zoo('$p:=cs.Puppy.new("Rex"; 3)\n$f:=$p.describe\nreturn $f.call(cs.Dog.new("Fido"))') == (
        "Fido has 4 legs,  months old"  # a Dog has no age: String(Undefined) is ""
    )


def test_class_objects_of_three_levels(zoo):
    # ClassClass.md: .superclass; ob-instance-of.md: true for every ancestor
    assert zoo("return cs.Puppy.superclass.superclass.name") == "Animal"
    assert zoo("return cs.Puppy.superclass.superclass.superclass.name") == "Object"
    src = '$p:=cs.Puppy.new("a"; 1)\nreturn [OB Instance of($p; cs.Animal); OB Instance of($p; cs.Dog); OB Instance of(cs.Dog.new("b"); cs.Puppy)]'
    assert zoo(src).items == [True, True, False]
    assert zoo('return OB Class(cs.Puppy.new("a"; 1)).superclass=cs.Dog') is True


def test_inherited_computed_properties(zoo):
    # Getters override each other and reach the parent's with Super.<name>; setters are inherited.
    assert zoo('return cs.Puppy.new("a"; 1).kind') == "puppy, dog, a kind of animal"
    assert zoo('$p:=cs.Puppy.new("a"; 1)\n$p.sound:="woof"\nreturn $p._sound') == "woof"
    assert zoo('return cs.Puppy.new("a"; 1).sound') == "..."
    # kind has getters only, at every level: read-only for the grandchild too.
    assert code_of(zoo, '$p:=cs.Puppy.new("a"; 1)\n$p.kind:="cat"') == -10744
    assert zoo('return OB Keys(cs.Puppy.new("a"; 1)).join(",")') == "legs,name,trail,age"


def test_full_address_getter_returns_an_object(run):
    # classes.md, Function get example 2
    add(
        run,
        "Contact",
        "Function get fullAddress()->$result : Object\n $result:=New object\n $result.fullName:=This.fullName\n"
        " $result.city:=This.city\n",
    )
    src = '$c:=cs.Contact.new()\n$c.fullName:="Ann Lee"\n$c.city:="Paris"\nreturn JSON Stringify($c.fullAddress)'
    assert run(src) == '{"fullName":"Ann Lee","city":"Paris"}'


def test_constructor_example_of_class_class_page(run):
    # ClassClass.md, .new(): $person.firstName = "John", .lastName = "Doe", .age = 40
    add(
        run,
        "Person",
        "Class constructor($firstname : Text; $lastname : Text; $age : Integer)\n This.firstName:=$firstname\n"
        " This.lastName:=$lastname\n This.age:=$age\n",
    )
    src = 'var $person : cs.Person\n$person:=cs.Person.new("John";"Doe";40)\nreturn JSON Stringify($person)'
    assert run(src) == '{"firstName":"John","lastName":"Doe","age":40}'


def test_unknown_class_is_its_own_error(run):
    # cs.Name of a missing class reads as Undefined; calling new() on it names the class.
    with pytest.raises(FourDError) as info:
        run("$o:=cs.Unknown.new()")
    assert (info.value.code, info.value.message) == (-10740, "The class cs.Unknown does not exist")
    with pytest.raises(FourDError) as info:
        run("$o:=4D.Nothing.new(1)")
    assert info.value.message == "The class 4D.Nothing does not exist"
    assert run("return Try(cs.Unknown.new())=Null & (Last errors[0].errCode=-10740)") is True


# -- singletons and shared classes across processes -----------------------------------------------


def in_threads(rt, count: int, body) -> list:
    """Run ``body(i)`` in ``count`` threads, each bound to a new 4D process; their results in order."""
    results: list = [None] * count
    errors: list = []
    start = threading.Barrier(count)

    def target(i: int) -> None:
        try:
            rt.bind_thread(rt.new_process(f"T{i}"))
            start.wait()
            results[i] = body(i)
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    return results


def test_process_singleton_example_with_random_tags(run):
    # classes.md, Process singleton: the same tag within a process, another instance in another one.
    add(run, "ProcessTag", "singleton Class constructor()\n This.tag:=Random\n")
    src = "var $mySingleton := cs.ProcessTag.me\nvar $myOtherSingleton := cs.ProcessTag.me\nreturn $myOtherSingleton.tag=$mySingleton.tag"
    assert run(src) is True
    rt = run.runtime
    mine = run("return cs.ProcessTag.me")
    theirs = in_threads(rt, 2, lambda i: rt.run_source("return [cs.ProcessTag.me; cs.ProcessTag.me]"))
    for pair in theirs:
        assert pair.items[0] is pair.items[1]  # one instance per process...
        assert pair.items[0] is not mine  # ...that is not the main process's
    assert theirs[0].items[0] is not theirs[1].items[0]


def test_shared_singleton_is_one_instance_for_every_process(run):
    add(
        run,
        "Registry",
        "property names : Collection := []\nshared singleton Class constructor()\n\n"
        "shared Function add($name : Text)\n This.names.push($name)\n",
    )
    rt = run.runtime
    instances = in_threads(rt, 3, lambda i: rt.run_source(f'cs.Registry.me.add("T{i}")\nreturn cs.Registry.me'))
    main = run("return cs.Registry.me")
    assert all(instance is main for instance in instances)
    assert sorted(run("return cs.Registry.me.names").items) == ["T0", "T1", "T2"]


def test_session_singleton_is_shared_by_the_processes_of_a_session(run):
    add(run, "Cart", "property items : Collection := []\nsession singleton Class constructor()\n")
    rt = run.runtime
    web = rt.sessions.create("web", "ann")

    def in_session(session):
        def body(i):
            rt.bind_thread(rt.new_process(f"in {session.id}", session))
            return rt.run_source("return cs.Cart.me")

        return body

    (a, b) = in_threads(rt, 2, in_session(web))
    main = run("return cs.Cart.me")
    assert a is b  # two processes of the web session
    assert a is not main  # the main session has its own
    assert run("return OB Is shared(cs.Cart.me.items)") is True


COUNTER = """
shared Class constructor()
 This.count:=0
 This.byName:=New shared object

// A read-modify-write over two statements: safe only because a shared function runs inside Use(This).
shared Function add($name : Text)
 var $n : Integer
 $n:=This.count
 This.count:=$n+1
 This.byName[$name]:=Num(This.byName[$name])+1

Function unsafeAdd()
 This.count:=This.count+1
"""


def test_shared_class_instance_used_from_two_threads(run):
    add(run, "Counter", COUNTER)
    rt = run.runtime
    counter = run("return cs.Counter.new()")
    code = rt.compile_source("#DECLARE($c : cs.Counter; $name : Text)\nFor ($i; 1; 400)\n $c.add($name)\nEnd for\n")
    in_threads(rt, 2, lambda i: rt.run_code(code, [counter, f"T{i}"], rt.current_process()))
    assert counter.props["count"] == 800
    assert counter.props["byName"].props == {"T0": 400, "T1": 400}
    # A function without `shared` may not write the shared instance, whatever the thread.
    unsafe = rt.compile_source("#DECLARE($c)\n$c.unsafeAdd()")

    def attempt(i: int) -> int:
        with pytest.raises(FourDError) as info:
            rt.run_code(unsafe, [counter], rt.current_process())
        return info.value.code

    assert in_threads(rt, 1, attempt) == [-10726]


def test_shared_class_with_new_process_and_call_worker(run):
    # The same from 4D code: New process and CALL WORKER share one instance of a shared class.
    add(run, "Counter", COUNTER)
    run.runtime.methods.add_source(
        "Count up", "#DECLARE($c : cs.Counter; $name : Text)\nFor ($i; 1; 300)\n $c.add($name)\nEnd for\n"
    )
    src = """var $c:=cs.Counter.new()
$p:=New process("Count up"; 0; "P"; $c; "process")
CALL WORKER("w"; "Count up"; $c; "worker")
CALL WORKER("w"; Formula($1.add("formula")); $c)
$tries:=0
Repeat
 DELAY PROCESS(Current process; 1)
 $tries+=1
Until (((Process state($p)<0) & ($c.count=601)) | ($tries>600))
KILL WORKER("w")
return $c"""
    counter = run(src)
    assert counter.props["byName"].props == {"process": 300, "worker": 300, "formula": 1}


def test_builtin_classes_fourd_implements(run):
    # classes.md, `4D`: OB Keys(4D) lists the built-in classes; objects of them know their class.
    assert {"Object", "Class", "Function", "Signal", "Session"} <= set(run("return OB Keys(4D)").items)
    src = "return [OB Class(New signal)=4D.Signal; OB Instance of(Session; 4D.Session); OB Instance of(Session; 4D.Signal); 4D.Signal.superclass.name]"
    assert run(src).items == [True, True, False, "Object"]
    assert code_of(run, "$s:=4D.Signal.new()") == -10747  # signals come from New signal
    run('$keys:=OB Keys(4D)\nALERT("There are "+String($keys.length)+" built-in classes.")')
    assert run.out.getvalue().startswith("There are ")
