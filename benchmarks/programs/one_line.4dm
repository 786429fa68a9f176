ALERT("ready")
