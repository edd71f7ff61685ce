"""Shipped models. Installed as the ``borderie.pretrained`` package (see pyproject.toml).

Each subfolder is a model directory that ``borderie.load(path)`` reads;
``default/`` is what ``borderie.load()`` loads.
"""
