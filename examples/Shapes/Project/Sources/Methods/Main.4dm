// The Shapes example. Run it with
//   fourd --project examples/Shapes/Project/Shapes.4DProject --startup-method Main
// and its tests with `fourd test examples/Shapes`.
var $square : cs.Square:=cs.Square.new(5)
var $shapes : Collection:=[cs.Rectangle.new(2; 3); $square; cs.Circle.new(1)]
var $shape : cs.Shape

// Inheritance: functions and computed properties from three levels of classes
ALERT($square.describe())
ALERT($square.nbSides())
$square.side:=4
ALERT("side 4: area "+String($square.area)+", a Shape: "+String(OB Instance of($square; cs.Shape)))

// Formulas: a pipeline of steps called on each shape, and collection callbacks
var $pipeline:=cs.Pipeline.new()
$pipeline.add("area"; Formula(Round(This.area; 2))).add("class"; Formula(OB Class(This).name)).add("round"; "This.perimeter>0 & (OB Class(This)=cs.Circle)")
For each ($shape; $shapes)
	ALERT($pipeline.run($shape).join(", "))
End for each
ALERT("total area "+String(Round($pipeline.totalArea($shapes); 2)))
ALERT("larger than 5: "+$pipeline.largerThan($shapes; 5).map(Formula($1.value.label)).join(", "))
ALERT("by area: "+$pipeline.byArea($shapes).extract("name").join(", "))

// A formula stored in an object runs as a method of that object
var $card:={shape: $square; title: Formula("["+This.shape.label+"]")}
ALERT($card.title()+" "+$card["title"]())

// Errors thrown by class functions: Try/Catch, Try(), ON ERR CALL
Try
	$square.scale(-2)
Catch
	ALERT("caught "+Last errors[0].componentSignature+" "+String(Last errors[0].errCode)+": "+Last errors[0].message)
End try
var $circle : cs.Circle:=Try(cs.Circle.new(-1))
ALERT("Try(): "+String($circle)+", "+Last errors[0].message)
gErrors:=[]
ON ERR CALL("Log shape error")
cs.Shape.new("blob").scale(2)
ON ERR CALL("")
ALERT(gErrors.join(Char(Line feed)))

// The shared singleton counts the shapes every process built
var $before : Integer:=cs.ShapeRegistry.me.total
var $builders:=[New process("Build shapes"; 0; "Builder 1"; 6); New process("Build shapes"; 0; "Builder 2"; 4)]
While ($builders.some(Formula(Process state($1.value)>=0)))
	DELAY PROCESS(Current process; 1)
End while
ALERT("the builders made "+String(cs.ShapeRegistry.me.total-$before)+" shapes")
ALERT("registry: "+cs.ShapeRegistry.me.kinds.map(Formula($1.value+" "+String(cs.ShapeRegistry.me.count($1.value)))).join(", "))
