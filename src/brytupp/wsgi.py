import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brytupp.settings.production")
application = get_wsgi_application()

# The URL configuration imports every view (and WeasyPrint): about half a second, which Django
# would otherwise spend on each process's first request. Loaded here, gunicorn's master loads it
# once (preload_app) and every worker, the ones replaced after max_requests too, forks with it.
get_resolver().url_patterns  # noqa: B018 - loading is the point
