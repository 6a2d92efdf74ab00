"""Background jobs (huey): e-mails and the daily deadline reminders."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role


def _send(subject_template: str, body_template: str, context: dict, recipients: list[str]) -> int:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(subject_template, context).strip()
        body = render_to_string(body_template, context)
    return send_mail(subject, body, None, recipients)


def handler_emails(petition) -> list[str]:
    """Handlers of the assigned organisation, else the officers and board of the handling unit."""
    memberships = Membership.objects.filter(is_active=True).select_related("user")
    if petition.handling_organisation_id:
        chosen = memberships.filter(organisation_id=petition.handling_organisation_id)
    else:
        chosen = memberships.filter(unit_id=petition.handling_unit_id, role__in=[Role.OFFICER, Role.BOARD])
    return [m.user.email for m in chosen if m.user.is_active]


def _petition(petition_id: int):
    from .models import Petition

    return Petition.objects.select_related("handling_unit", "handling_organisation", "unit").get(
        pk=petition_id
    )


@db_task()
def mail_handlers_assigned(petition_id: int) -> int:
    petition = _petition(petition_id)
    return _send(
        "petitions/mail/assigned_subject.txt",
        "petitions/mail/assigned.txt",
        {"petition": petition, "site_url": settings.SITE_URL},
        handler_emails(petition),
    )


@db_task()
def mail_unit_forwarded(petition_id: int) -> int:
    petition = _petition(petition_id)
    return _send(
        "petitions/mail/forwarded_subject.txt",
        "petitions/mail/forwarded.txt",
        {"petition": petition, "site_url": settings.SITE_URL},
        handler_emails(petition),
    )


@db_task()
def mail_citizen_answered(petition_id: int) -> int:
    petition = _petition(petition_id)
    return _send(
        "petitions/mail/answered_subject.txt",
        "petitions/mail/answered.txt",
        {"petition": petition, "site_url": settings.SITE_URL},
        [petition.citizen_email],
    )


def send_deadline_reminders(today: datetime.date | None = None) -> int:
    """Remind handlers of petitions due within 2 working days and of overdue ones."""
    from .selectors import petitions_due_soon, petitions_overdue

    today = today or timezone.localdate()
    sent = 0
    for template, petitions in (
        ("due_soon", petitions_due_soon(today=today)),
        ("overdue", petitions_overdue(today=today)),
    ):
        for petition in petitions:
            sent += _send(
                f"petitions/mail/{template}_subject.txt",
                f"petitions/mail/{template}.txt",
                {"petition": petition, "site_url": settings.SITE_URL, "today": today},
                handler_emails(petition),
            )
    return sent


@db_periodic_task(crontab(hour="7", minute="0"))
def daily_deadline_reminders() -> int:
    return send_deadline_reminders()
