import datetime

import pytest
from django.core import mail

from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.petitions import services
from danvan.petitions.selectors import petitions_due_soon, petitions_overdue
from danvan.petitions.tasks import send_deadline_reminders
from danvan.petitions.tests.factories import organisation, receive

pytestmark = pytest.mark.django_db


def test_it_finds_overdue_petitions_by_query_and_reminds_their_handlers(personas):
    committee = organisation(personas.tree.commune_a)
    handler = UserFactory(username="ubnd.a", email="ubnd.a@example.invalid")
    MembershipFactory(user=handler, unit=personas.tree.commune_a, role="handler", organisation=committee)
    petition = services.petition_accept(
        actor=personas.officer_a, petition=receive(personas).petition, organisation=committee
    )
    due = petition.due_date
    assert list(petitions_overdue(today=due)) == []
    assert list(petitions_due_soon(today=due - datetime.timedelta(days=1))) == [petition]
    assert list(petitions_overdue(today=due + datetime.timedelta(days=1))) == [petition]
    assert send_deadline_reminders(today=due + datetime.timedelta(days=1)) == 1
    assert mail.outbox[-1].to == ["ubnd.a@example.invalid"] and "quá hạn" in mail.outbox[-1].subject
    services.petition_answer(actor=handler, petition=petition, answer="Đã trả lời")
    assert list(petitions_overdue(today=due + datetime.timedelta(days=1))) == []
