"""The WSGI module loads the URL configuration when imported, so that gunicorn's master (which
imports it once, ``preload_app``) forks workers that need not load it on their first request."""

import os
import subprocess
import sys

PROBE = (
    "import sys; import brytupp.wsgi; "
    "print(sorted(name for name in ('brytupp.urls', 'brytupp.web.case_page') "
    "if name in sys.modules))"
)


def test_importing_the_wsgi_module_loads_every_view():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="brytupp.settings.test")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['brytupp.urls', 'brytupp.web.case_page']"
