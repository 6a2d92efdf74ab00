"""E-mail about petitions, sent by background jobs after the transaction commits."""

from __future__ import annotations

from django.db import transaction

from . import tasks


def _later(task, petition_id: int) -> None:
    transaction.on_commit(lambda: task(petition_id))


def on_received(petition) -> None:
    """Nothing to send yet: the commune's officers see it in their inbox."""


def on_assigned(petition) -> None:
    if petition.handling_organisation_id:
        _later(tasks.mail_handlers_assigned, petition.pk)


def on_forwarded(petition) -> None:
    _later(tasks.mail_unit_forwarded, petition.pk)


def on_answered(petition) -> None:
    if petition.citizen_email:
        _later(tasks.mail_citizen_answered, petition.pk)
