"""The ``borderie`` command line."""
