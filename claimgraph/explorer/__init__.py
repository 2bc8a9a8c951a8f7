"""The Streamlit explorer: one module per page, plus shared loading, escaping and paging helpers.

``app.py`` at the top of the repository wires the pages together; every page reads the current
article's :class:`~claimgraph.model.AuditResult` through :mod:`claimgraph.explorer.state` and
calls the library for everything it shows.
"""
