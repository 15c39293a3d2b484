"""Use cases: one function per user action. No Qt here; plain arguments in, plain data out."""
