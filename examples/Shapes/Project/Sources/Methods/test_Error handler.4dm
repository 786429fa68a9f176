// #tags: errors
// ON ERR CALL: the handler gets the error of a class function and the code goes on.
#DECLARE($t : Object)

gErrors:=[]
ON ERR CALL("Log shape error")
var $result:=cs.Shape.new("blob").scale(3)
ON ERR CALL("")
$t.assertEqual(gErrors.length; 1)
$t.assertEqual(gErrors[0]; "2 in Shape.resize (line 33): A plain shape cannot be resized")
$t.assertEqual($result.name; "blob"; "scale() went on after the handler and returned This")
