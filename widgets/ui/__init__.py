"""ipywidgets glue: controls wired to pure functions, and French messages instead of tracebacks."""
