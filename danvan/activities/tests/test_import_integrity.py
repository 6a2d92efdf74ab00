"""What the database no longer checks per figure and per event, the import checks and keeps:
every figure and event points at its own form (and batch) and an existing element, and a large
import fails as a whole."""

import pytest
from django.db import IntegrityError
from django.db.models import F

from danvan.activities import imports
from danvan.activities.choices import EventKind
from danvan.activities.models import DataElement, DataValue, ImportBatch, Submission, SubmissionEvent
from danvan.units.tests.factories import UnitFactory

from .helpers import consistent, save
from .test_import import csv_bytes, run

pytestmark = pytest.mark.django_db

HEADER = ["ma_don_vi", "ky", "received", "settled_on_time", "settled_late", "in_progress"]


def communes(personas, count: int) -> list:
    return [UnitFactory(code=f"9{n:04d}", parent=personas.tree.province) for n in range(100, 100 + count)]


def nothing_written() -> bool:
    return not (
        Submission.objects.exists()
        or DataValue.objects.exists()
        or SubmissionEvent.objects.exists()
        or ImportBatch.objects.exists()
    )


def test_it_ties_each_figure_and_event_to_its_own_form_new_or_stored(personas):
    stored = save(personas.province_board, personas.tree.commune_a, **consistent()).submission
    units = [personas.tree.commune_a, *communes(personas, 30)]
    rows = [HEADER] + [[u.code, period, 10, 5, 1, 1] for u in units for period in ("2025Q3", "2025Q4")]
    result = run(personas.province_board, csv_bytes(rows), name="many.csv")
    assert result.ok, result.errors
    assert (result.submissions, result.values_written) == (62, 248)
    forms = {(s.unit_id, s.period): s for s in Submission.objects.all()}
    assert len(forms) == 62 and forms[(personas.tree.commune_a.pk, "2025Q4")] == stored
    # The copies on each figure agree with the form it points at, and nothing points nowhere.
    values = DataValue.objects.filter(batch=result.batch)
    assert values.count() == 248
    assert not values.exclude(submission__in=Submission.objects.all()).exists()
    assert not values.exclude(unit=F("submission__unit"), period=F("submission__period")).exists()
    assert not values.exclude(
        yyyymm=F("submission__yyyymm"), commune_code=F("submission__commune_code")
    ).exists()
    assert set(values.values_list("data_element__code", flat=True)) == set(HEADER[2:])
    assert DataValue.objects.get(submission=stored, data_element__code="received").value == 10
    created = SubmissionEvent.objects.filter(batch=result.batch, kind=EventKind.CREATED)
    assert sorted(created.values_list("submission_id", flat=True)) == sorted(
        s.pk for s in forms.values() if s != stored
    )
    events = SubmissionEvent.objects.filter(batch=result.batch)
    assert not events.exclude(submission__in=Submission.objects.all()).exists()
    assert events.count() == 62 + 61 and ImportBatch.objects.filter(pk=result.batch.pk).exists()
    imported = SubmissionEvent.objects.filter(batch=result.batch, kind=EventKind.IMPORTED)
    assert imported.count() == 62 and set(imported.values_list("note", flat=True)) == {"4 ô từ tệp many.csv."}


def test_it_writes_nothing_when_one_row_of_a_large_file_is_wrong(personas):
    units = communes(personas, 200)
    rows = [HEADER] + [[u.code, "2025Q4", 10, 5, 1, 1] for u in units]
    rows[151][0] = "99999"
    result = run(personas.province_board, csv_bytes(rows), name="large.csv", submit=True)
    assert not result.ok
    assert [(e.row, e.reason) for e in result.errors] == [(152, "Không có đơn vị mã “99999”.")]
    assert nothing_written()


def test_it_writes_nothing_when_an_element_is_deleted_while_it_runs(personas, monkeypatch):
    units = communes(personas, 20)
    rows = [HEADER] + [[u.code, "2025Q4", 10, 5, 1, 1] for u in units]
    check = imports._check

    def element_deleted_meanwhile(*args, **kwargs):
        check(*args, **kwargs)
        DataElement.objects.filter(code="settled_late", data_set__code="ho-so-thu-tuc-hanh-chinh").delete()

    monkeypatch.setattr(imports, "_check", element_deleted_meanwhile)
    with pytest.raises(IntegrityError):
        run(personas.province_board, csv_bytes(rows), name="race.csv")
    assert nothing_written()
