"""The web interface: sign-in, start pages per role, organisation pages, Django admin.

Views parse input, call one selector or service, and render; each declares its access rule.
"""
