"""An unfiltered inbox shows the filter form rendered once a minute; a filtered one renders its own."""

import pytest
from django.urls import reverse

from danvan.petitions import views
from danvan.petitions.models import Topic

pytestmark = pytest.mark.django_db


def _filters(html: str) -> str:
    start = html.index('id="inbox-filters"')
    return html[start : html.index("</form>", start)]


def test_it_renders_the_blank_filter_form_once_for_every_officer(personas, monkeypatch):
    first = personas.client(personas.officer_a).get(reverse("petitions:inbox")).content.decode()
    rendered = []
    monkeypatch.setattr(views, "render_to_string", lambda *a, **k: rendered.append(a) or "")
    other = personas.client(personas.province_board).get(reverse("petitions:inbox"), {"trang": 2})
    assert not rendered, "the second officer's page reused the rendered form"
    assert _filters(other.content.decode()) == _filters(first)
    assert 'name="q"' in _filters(first) and 'name="topic"' in _filters(first)
    assert Topic.objects.filter(is_active=True, parent__isnull=False).first().name in _filters(first)


def test_it_renders_a_filtered_form_with_its_own_values(personas):
    client = personas.client(personas.officer_a)
    client.get(reverse("petitions:inbox"))  # the blank form is cached now
    html = _filters(
        client.get(reverse("petitions:inbox"), {"status": "new", "q": "cầu tạm"}).content.decode()
    )
    assert 'value="cầu tạm"' in html
    assert '<option value="new" selected>' in html
