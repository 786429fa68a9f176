// A test class: its name ends in "Test"; each function named test_… is a test
// and receives the testing context $t.

// #tags: class
Function test_value($t : Object)
	var $item : cs.Item:=cs.Item.new("Bolt"; 10; 0.5)
	$t.assertEqual($item.value; 5)

Function test_restock($t : Object)
	var $item : cs.Item:=cs.Item.new("Nut"; 1; 0.1)
	$item.restock(4)
	$t.assertEqual($item.quantity; 5; "1 + 4 restocked")
	$t.run("negative restock is refused"; Formula(cs.InventoryTest.new().refuses($1; $item)))

Function refuses($t : Object; $item : cs.Item)
	var $failed : Boolean:=False
	Try
		$item.restock(-1)
	Catch
		$failed:=True
	End try
	$t.assert($failed; "restock(-1) should throw")
