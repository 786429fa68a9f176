// Classes, formulas and Try/Catch together: run with `fourd run examples/shapes_demo.4dm`
var $square : cs.Square
var $area : 4D.Function
var $shapes : Collection

$square:=cs.Square.new(5)
ALERT($square.label+": "+$square.description())

// A formula stored in an object is called as a method, with This bound to the object
$area:=Formula(This.getArea())
$shapes:=[cs.Rectangle.new(2; 3); $square]
For each ($shape; $shapes)
	$shape.area:=$area
	ALERT($shape.name+" area = "+String($shape.area()))
End for each

// Errors: Try/Catch and Last errors
Try
	throw({errCode: 42; message: "No {what} here"; what: "circle"})
Catch
	ALERT("Caught "+String(Last errors[0].errCode)+": "+Last errors[0].message)
End try
