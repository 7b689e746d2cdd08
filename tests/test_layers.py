"""The shell sits on top: no module of a domain app imports from ``brytupp.web``. Only URL
modules, which assemble a namespace's pages the way the root URL conf does, may name the
shell's case page."""

import ast
from pathlib import Path

import brytupp

PACKAGE = Path(brytupp.__file__).resolve().parent
# Not domain apps: the shell itself and the project's settings.
OUTSIDE = {"web", "settings"}


def _is_url_module(path: Path) -> bool:
    return path.name == "urls.py" or path.name.endswith("_urls.py")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_domain_module_imports_the_shell():
    offenders = sorted(
        str(path.relative_to(PACKAGE))
        for app in PACKAGE.iterdir()
        if app.is_dir() and app.name not in OUTSIDE and (app / "__init__.py").exists()
        for path in app.rglob("*.py")
        if not _is_url_module(path)
        and any(name == "brytupp.web" or name.startswith("brytupp.web.") for name in _imports(path))
    )

    assert offenders == []
