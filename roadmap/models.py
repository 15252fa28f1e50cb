"""The feuille de route: governance, axes, project sheets, costing, indicators, documents."""
