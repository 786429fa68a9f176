//%attributes = {"executedOnServer":true}
// The example of the "Session storage" page (commands/session-storage.md):
// store a "settings" text in the storage of the session whose id is given.
// fourd run "examples/Set session setting.4dm" <session id> <text>

#DECLARE($id : Text; $text : Text)
var $obj : Object

$obj:=Session storage($id)

If($obj.settings=Null)
	Use($obj)
		$obj.settings:=New shared object("text"; $text)
	End use
Else
	Use($obj.settings)
		$obj.settings.text:=$text
	End use
End if
