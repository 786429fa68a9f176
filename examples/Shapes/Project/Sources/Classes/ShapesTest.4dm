// The 4D tests of the example (run them with `fourd test examples/Shapes`).
// Each test_ function gets the testing context $t.

// #tags: classes
Function test_three_levels($t : Object)
	var $square:=cs.Square.new(3)
	$t.assertEqual($square.describe(); "Square: area 9, perimeter 12, 3x3, side 3"; "Super.describe() through three classes")
	$t.assertEqual($square.nbSides(); "I have 4 sides which are all equal")
	$t.assertEqual(cs.Square.superclass.superclass.name; "Shape")
	$t.assert(OB Instance of($square; cs.Shape) & OB Instance of($square; cs.Rectangle))
	$t.assertFalse(OB Instance of($square; cs.Circle))

// #tags: classes
Function test_computed_properties($t : Object)
	var $square:=cs.Square.new(2)
	$square.side:=5
	$t.assertEqual($square.width; 5; "the setter changed both sides")
	$t.assertEqual($square.area; 25; "area is computed by Rectangle")
	$t.assertEqual($square.label; "Square (25)"; "label is computed by Shape")
	$t.assertEqual(OB Keys($square); ["name"; "width"; "height"]; "computed properties are not stored")
	Try
		$square.area:=1
		$t.fail("area should be read-only")
	Catch
		$t.assertEqual(Last errors[0].errCode; -10744; "area is read-only")
	End try

// #tags: errors
Function test_errors_thrown_by_class_functions($t : Object)
	var $error : Object
	Try
		cs.Circle.new(2).scale(0)
	Catch
		$error:=Last errors[0]
	End try
	$t.assertEqual($error.errCode; 1)
	$t.assertEqual($error.componentSignature; "SHPE")
	$t.assertEqual($error.message; "Cannot scale Circle by 0")
	$t.assertEqual($error.factor; 0; "the thrown object's own properties are in Last errors")
	var $rectangle : cs.Rectangle:=Try(cs.Rectangle.new(-1; 2))
	$t.assert($rectangle=Null)
	$t.assertEqual(Last errors[0].message; "Negative size -1x2")
	$t.assertEqual(Try(cs.Hexagon.new()); Null)
	$t.assertEqual(Last errors[0].errCode; -10740; "no such class")

// #tags: formulas
Function test_pipeline_calls_formulas($t : Object)
	var $pipeline:=cs.Pipeline.new()
	$pipeline.add("double"; Formula(This.area*2)).add("plus"; Formula(This.area+Num($1))).add("method"; "Round(This.perimeter; 1)")
	$t.assertEqual($pipeline.run(cs.Rectangle.new(1; 2)); ["double=4"; "plus=2"; "method=6"])
	$t.assertEqual($pipeline.runWith(cs.Rectangle.new(1; 2); [10]); [4; 12; 6])

// #tags: singleton
Function test_registry_is_one_shared_singleton($t : Object)
	var $registry:=cs.ShapeRegistry.me
	$t.assert(cs.ShapeRegistry.isShared & cs.ShapeRegistry.isSingleton)
	$t.assert(OB Is shared($registry) & OB Is shared($registry.created); "the initializer's object is shared too")
	$t.assert(cs.ShapeRegistry.new()=$registry; "new() gives the singleton")
	var $circles : Integer:=$registry.count("Circle")
	cs.Circle.new(1)
	$t.assertEqual($registry.count("Circle"); $circles+1)
	Try
		$registry.total:=0
		$t.fail("a shared object written outside Use")
	Catch
		$t.assertEqual(Last errors[0].errCode; -10726; "written outside a shared function")
	End try
