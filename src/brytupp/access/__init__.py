"""Access: every rule of who may see and do what, in one module (``policies``).

Deny by default. A view is reachable only when it declares its rule (``@requires``); the
middleware refuses every other view, and a test walks the URL configuration to prove that
each one declares a rule. Each rule is written once and has two faces built from the same
definition: ``check(user, obj)`` for one object and ``queryset(user)`` for everything the
user may see. "Not found" and "not allowed" look the same: both are a 404.
"""
