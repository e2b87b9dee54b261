"""ipywidgets glue: controls wired to pure functions, and French messages instead of tracebacks.

The notebook edition (JupyterLab and Voilà): imports the core and ipywidgets; never the live
or offline editions. :mod:`.course` implements :class:`widgets.facade.CourseFacade`.

A widget here wires controls to the core: the arithmetic is in ``scoring``, the figures in
``figures``, the HTML it shows in ``widgets/templates`` (its own blocks in ``templates/ui/``).
"""
