"""The shell of the web interface: the root URLs and the ``web`` namespace that gathers each
app's pages, the start page that sends each role to its own page, navigation (``context``),
the overviews of a unit, a district and the city, the administration page, the language
switch, the Django admin site, the security-header middleware, the base templates, the error
pages and the static files.

Pages live with their domain (``signin``, ``organisation``, ``worklists``, …); the shell holds
no domain rule: who sees which page or menu item is ``access.policies``'.
"""
