LOG EVENT(Into system standard outputs; "object method: "+Current method name)
