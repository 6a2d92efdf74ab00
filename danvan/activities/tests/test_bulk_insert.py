"""bulk.insert: rows as mappings or as tuples of named columns, defaults for the rest, upserts."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from danvan.activities import bulk
from danvan.activities.choices import EventKind
from danvan.activities.models import DataValue, SubmissionEvent

from .helpers import consistent, save

pytestmark = pytest.mark.django_db


def test_it_fills_the_columns_tuples_leave_out_and_upserts_on_conflict(personas):
    submission = save(personas.officer_a, personas.tree.commune_a, **consistent()).submission
    at = timezone.now() - datetime.timedelta(days=1)
    written = bulk.insert(
        SubmissionEvent, [(submission.pk, EventKind.IMPORTED, at)], columns=("submission_id", "kind", "at")
    )
    event = SubmissionEvent.objects.get(kind=EventKind.IMPORTED)
    assert written == 1 and (event.submission, event.at, event.note, event.actor, event.batch) == (
        submission,
        at,
        "",
        None,
        None,
    )
    stored = DataValue.objects.get(submission=submission, data_element__code="received")
    before = timezone.now()
    row = {
        "submission_id": submission.pk,
        "data_element_id": stored.data_element_id,
        "option_code": "",
        "value": Decimal("12.5"),
        "unit_id": submission.unit_id,
        "period": submission.period,
        "yyyymm": submission.yyyymm,
        "yyyymm_end": submission.yyyymm_end,
    }
    columns = list(row)
    bulk.insert(
        DataValue,
        [tuple(row.values())],
        columns=columns,
        conflict=["submission", "data_element", "option_code"],
        update=["value", "updated_at"],
    )
    stored.refresh_from_db()
    assert stored.value == Decimal("12.5") and stored.updated_at >= before
    assert DataValue.objects.filter(submission=submission).count() == 5
