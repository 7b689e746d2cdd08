"""The case's pages, under /arenden/ in the ``cases`` namespace (``cases/urls.py``)."""
