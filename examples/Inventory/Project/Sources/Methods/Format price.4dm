//%attributes = {"invisible":true}
// Format price($amount) -> "12.50 EUR": two decimals and the currency set by On Startup
#DECLARE($amount : Real) -> $text : Text

var $cents : Integer:=Round($amount*100; 0)
var $decimals : Text:=String($cents%100)
If (Length($decimals)<2)
	$decimals:="0"+$decimals
End if
$text:=String($cents\100)+"."+$decimals
If (Storage.currency#Null)
	$text:=$text+" "+Storage.currency
End if
