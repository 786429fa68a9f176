// An ON ERR CALL handler: logs the error in the process variable gErrors and
// lets the interrupted method go on.
gErrors.push(String(Error)+" in "+Error method+" (line "+String(Error line)+"): "+Last errors[0].message)
