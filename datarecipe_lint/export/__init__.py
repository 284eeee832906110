"""Exports of the recipe into formats other audiences fix: Croissant RAI (``croissant``) and the
EU AI Act training-content summary (``eu_summary``), both from the facts in ``facts``. Imported
only by ``datarecipe export`` and the Action's ``export`` input."""
