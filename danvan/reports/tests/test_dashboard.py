import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.meetings.tests.factories import held
from danvan.petitions import services
from danvan.petitions.tests.factories import organisation, receive

pytestmark = pytest.mark.django_db


def test_it_shows_headline_figures_overdue_petitions_and_the_trend(personas):
    petition = receive(personas).petition
    services.petition_accept(
        actor=personas.officer_a, petition=petition, organisation=organisation(personas.tree.commune_a)
    )
    type(petition).objects.filter(pk=petition.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    held(personas, day=timezone.localdate() - datetime.timedelta(days=1))
    page = personas.client(personas.officer_a).get(reverse("home")).content.decode()
    assert "Xã An Bình — từ đầu năm" in page
    assert petition.tracking_code in page and "ý kiến quá hạn giải quyết" in page
    assert 'id="trend-data"' in page


def test_it_hides_other_communes_overdue_petitions(personas):
    petition = receive(personas).petition
    type(petition).objects.filter(pk=petition.pk).update(
        status="in_progress", due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    page = personas.client(personas.officer_b).get(reverse("home")).content.decode()
    assert petition.tracking_code not in page


def test_it_builds_the_dashboard_in_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    for _ in range(5):
        receive(personas)
    client = personas.client(personas.province_board)
    with django_assert_max_num_queries(40):
        client.get(reverse("home"))
