"""ipywidgets glue: controls wired to pure functions, and French messages instead of tracebacks.

The notebook edition (JupyterLab and Voilà): imports the core and ipywidgets; never the live
or offline editions. :mod:`.course` implements :class:`widgets.facade.CourseFacade`.
"""
