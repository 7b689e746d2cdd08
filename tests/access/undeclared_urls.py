"""A URL configuration with one view that declares no access rule, for the middleware test."""

from django.http import HttpResponse
from django.urls import include, path


def undeclared(request):
    return HttpResponse("secret figures 4711")


urlpatterns = [path("undeclared/", undeclared), path("", include("brytupp.urls"))]
