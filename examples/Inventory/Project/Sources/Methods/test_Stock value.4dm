// #tags: stock
// A test method: fourd test runs every project method whose name starts with "test_"
#DECLARE($t : Object)

var $stock : Collection:=[]
$t.assertEqual(Stock value($stock); 0; "an empty stock is worth nothing")
Add item($stock; "Bolt"; 10; 0.5)
Add item($stock; "Nut"; 4; 0.25)
$t.assertEqual(Stock value($stock); 6; "10×0.5 + 4×0.25")
$t.assertEqual($stock.length; 2)
