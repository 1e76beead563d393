"""natodebate — the helper library of the course *Restraint or Resolve?*.

Four layers, each importing only the ones before it:

``data``    load and validate the tables in ``data/``
``models``  pure functions: argument strength, sensitivity, fact checks
``figures`` plotly figures built from model results
``panels``  ipywidgets panels wiring controls to models and figures
"""

__version__ = "0.1.0"
