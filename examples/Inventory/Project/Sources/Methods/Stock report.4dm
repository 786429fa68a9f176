// Stock report: the startup method of the README example
// fourd --project Inventory.4DProject --startup-method "Stock report" --user-param "Main warehouse"
var $where : Text
var $ignored : Real:=Get database parameter(User param value; $where)
If ($where="")
	$where:="(no --user-param)"
End if

var $stock : Collection:=[]
Add item($stock; "Bolt"; 120; 0.25)
Add item($stock; "Nut"; 80; 0.1)
Add item($stock; "Hinge"; 4; 3.5)

LOG EVENT(Into system standard outputs; "Stock of "+$where+": "+String($stock.length)+" lines, worth "+Format price(Stock value($stock)))
If (Application type=tool4d)
	LOG EVENT(Into system standard outputs; "headless: "+String(Application info.headless))
End if
