"""natodebate — the helper library of the course *Restraint or Resolve?*.

Four layers, each importing only the ones before it:

``data``    load and validate the tables in ``data/``
``models``  pure functions: argument strength, sensitivity, fact checks
``figures`` plotly figures built from model results
``panels``  ipywidgets panels wiring controls to models and figures

Importing any of them changes no setting of Python, pandas or plotly. A lesson
calls :func:`setup_notebook` once, in its first code cell.
"""

__version__ = "0.1.0"

__all__ = ["setup_notebook"]


def setup_notebook() -> None:
    """Set a lesson's kernel up for the course's figures (call it once, at
    the top of a lesson; calling it again does no harm). It changes two
    plotly settings and nothing else:

    * ``plotly.io.renderers.default = "plotly_mimetype"``: figures are sent
      as plotly's mime type only, which JupyterLab draws itself, offline; the
      default renderer would also embed the 4 MB plotly.js bundle in the
      notebook;
    * ``plotly.io.templates.default = "natodebate"``: the course's white
      template (``figures.course_template()``) becomes plotly's default, so
      that figures need not each carry a copy of it (plotly copies and
      validates a template named on a figure, for every figure).

    pandas is left alone: a student's own DataFrame renders as usual. Course
    figures look the same with or without this call.
    """
    import plotly.io as pio

    from .figures import COURSE_TEMPLATE, course_template

    pio.templates[COURSE_TEMPLATE] = course_template()
    pio.templates.default = COURSE_TEMPLATE
    pio.renderers.default = "plotly_mimetype"
