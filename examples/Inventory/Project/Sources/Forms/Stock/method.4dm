// Form method of the Stock form (loaded by fourd; forms are not displayed headless)
LOG EVENT(Into system standard outputs; "Stock form: "+Current method name)
