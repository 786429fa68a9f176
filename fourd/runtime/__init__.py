"""The 4D runtime: values, operators, errors, the compiler to closures, processes and sessions."""
