"""How a view declares its rule: ``@requires(policies.case_work)``."""

from __future__ import annotations

from collections.abc import Callable

from .policies import NAMESPACE_RULES, Rule


def requires(rule: Rule) -> Callable:
    def declare(view):
        view.access_rule = rule
        return view

    return declare


def rule_for_view(view_func, namespaces: list[str] | tuple[str, ...] = ()) -> Rule | None:
    rule = getattr(view_func, "access_rule", None)
    if rule is None and hasattr(view_func, "view_class"):
        rule = getattr(view_func.view_class, "access_rule", None)
    if rule is None:
        for namespace in namespaces:
            if namespace in NAMESPACE_RULES:
                return NAMESPACE_RULES[namespace]
    return rule
