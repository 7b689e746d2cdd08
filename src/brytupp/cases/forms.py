"""Forms of the case's pages."""
