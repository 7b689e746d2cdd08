import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_sign_in_page_is_served_in_swedish_by_default(client):
    response = client.get(reverse("web:login"))

    assert response.status_code == 200
    assert response["Content-Language"] == "sv"
