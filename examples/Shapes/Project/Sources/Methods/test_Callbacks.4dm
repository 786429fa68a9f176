// #tags: formulas
// Collection callbacks given as formulas and as a method name (Pipeline).
#DECLARE($t : Object)

var $pipeline:=cs.Pipeline.new()
var $shapes:=[cs.Square.new(3); cs.Circle.new(1); cs.Rectangle.new(1; 2)]
$t.assertEqual($pipeline.largerThan($shapes; 3).extract("name"); ["Square"; "Circle"])
$t.assertEqual($pipeline.byArea($shapes).extract("name"); ["Rectangle"; "Circle"; "Square"])
$t.assertEqual(Round($pipeline.totalArea($shapes); 4); Round(11+Pi; 4))
