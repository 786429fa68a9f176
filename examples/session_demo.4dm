// Run the Session storage example on the current session and show what it changed.
//   fourd run examples/session_demo.4dm
#DECLARE() -> $summary : Text

var $id : Text:=Session.id
ALERT("Session "+$id+" ("+Session.info.type+")")

Set session setting($id; "dark mode")
ALERT("settings.text = "+Session.storage.settings.text)

Set session setting($id; "light mode")  // the second call takes the Else branch
ALERT("settings.text = "+Session.storage.settings.text)

var $activity : Object:=Process activity(Sessions only)
$summary:=String($activity.sessions.length)+" session(s); storage = "+JSON Stringify(Session storage($id))
