"""Importing figures from XLSX or CSV: all or nothing, an error per row, never counted twice.

Two layouts are read, told apart by their header row:

* the template ("wide"): one row per unit and period, one column per cell, headed
  "Vietnamese label [code]" — ``Mã đơn vị [ma_don_vi]``, ``Kỳ báo cáo [ky]``,
  ``Tổng số hồ sơ tiếp nhận [received]``, ``Số cuộc giám sát – Mặt trận Tổ quốc
  [supervisions.fatherland_front]``;
* the list ("long", like DHIS2's CSV): one row per figure with the columns
  ``ma_don_vi, ky, chi_tieu, phan_to, gia_tri``.

Every row is checked before anything is written; one bad row and nothing is saved.
Values are upserted on (form, element, option), so a figure imported twice is stored
once, and a file whose SHA-256 was already imported is recognised and skipped.
Writes are bulk operations: the number of queries does not grow with the rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import time
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.units.models import Unit

from . import bulk, supervision
from .choices import EventKind, State
from .models import DataSet, DataValue, ImportBatch, Submission, SubmissionEvent
from .periods import Period, PeriodError
from .units import ancestor_codes_bulk, exists_during
from .validation import Cells, Schema, counts
from .values import Figure, FigureError, fold, parse_figure

MAX_BYTES = 30 * 1024 * 1024
MAX_ERRORS = 1000
BATCH = 1000
CHUNK = 5000

UNIT, NAME, PERIOD, ELEMENT, OPTION, VALUE = "ma_don_vi", "ten_don_vi", "ky", "chi_tieu", "phan_to", "gia_tri"
ALIASES = {
    UNIT: {"ma_don_vi", "ma don vi", "ma dv", "ma", "orgunit", "unit"},
    NAME: {"ten_don_vi", "ten don vi", "don vi", "ten"},
    PERIOD: {"ky", "ky bao cao", "period"},
    ELEMENT: {"chi_tieu", "chi tieu", "ma chi tieu", "dataelement"},
    OPTION: {"phan_to", "phan to", "categoryoptioncombo"},
    VALUE: {"gia_tri", "gia tri", "value", "so lieu"},
}
_BRACKETED = re.compile(r"\[([^\]]+)\]\s*$")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class ImportResult:
    ok: bool
    errors: list[RowError] = field(default_factory=list)
    error_total: int = 0
    batch: ImportBatch | None = None
    duplicate_of: ImportBatch | None = None
    rows: int = 0
    values_written: int = 0
    submissions: int = 0
    submitted: int = 0
    held_back: list[Submission] = field(default_factory=list)
    seconds: float = 0.0


class _Errors:
    def __init__(self):
        self.items: list[RowError] = []
        self.total = 0

    def add(self, row: int, column: str, reason: str) -> None:
        self.total += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append(RowError(row, column, reason))

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass
class _Entry:
    row: int
    unit_code: str
    period: Period
    key: str
    figure: Figure
    column: str


# --- reading the file ------------------------------------------------------------------------


def read_table(file_name: str, content: bytes) -> tuple[str, list[tuple[int, list]]]:
    """("xlsx" | "csv", [(row number, cells)]); raises ValueError with a Vietnamese message."""
    if content[:4] == b"PK\x03\x04":
        return "xlsx", _read_xlsx(content)
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        raise ValueError(_("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ."))
    if file_name.lower().endswith(".xls"):
        raise ValueError(_("Định dạng .xls cũ không được hỗ trợ; hãy lưu lại thành .xlsx hoặc .csv."))
    return "csv", _read_csv(content)


def _read_xlsx(content: bytes) -> list[tuple[int, list]]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(content)) as workbook:
            name = "Số liệu" if "Số liệu" in workbook.sheet_names else workbook.sheet_names[0]
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (CalamineError, PasswordError, XmlError, ZipError, IndexError, ValueError) as error:
        raise ValueError(_("Không mở được tệp Excel: tệp hỏng hoặc không phải .xlsx.")) from error
    return [(number, [_cell(value) for value in row]) for number, row in enumerate(rows, start=1)]


def _cell(value):
    """Cells as openpyxl gave them: None when empty, whole numbers as int (calamine reads floats)."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _read_csv(content: bytes) -> list[tuple[int, list]]:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes almost any byte string
        raise ValueError(_("Không đọc được bảng mã của tệp CSV; hãy lưu với UTF-8."))
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(number, row) for number, row in enumerate(reader, start=1)]
    except csv.Error as error:
        raise ValueError(_("Tệp CSV không hợp lệ: %(error)s.") % {"error": error}) from error


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _code(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- the header --------------------------------------------------------------------------------


def _header_roles(header: list, schema: Schema, row_number: int, errors: _Errors) -> dict[int, str]:
    """Column index → UNIT / NAME / PERIOD / ELEMENT / OPTION / VALUE or a cell key."""
    by_label = {fold(cell.label): cell.key for cell in schema.cells}
    by_key = {cell.key.lower(): cell.key for cell in schema.cells}
    roles: dict[int, str] = {}
    for index, raw in enumerate(header):
        if _blank(raw):
            continue
        text = str(raw).strip()
        bracketed = _BRACKETED.search(text)
        candidates = [bracketed.group(1).strip()] if bracketed else []
        candidates += [text]
        role = None
        for candidate in candidates:
            key = fold(candidate)
            role = next((name for name, aliases in ALIASES.items() if key in aliases), None)
            role = role or by_key.get(candidate.lower()) or by_label.get(key)
            if role:
                break
        if role is None:
            errors.add(
                row_number,
                f"{_column_letter(index)} ({text})",
                _(
                    "Không nhận ra cột “%(name)s”: không phải mã đơn vị, kỳ báo cáo "
                    "hay chỉ tiêu của bộ số liệu."
                )
                % {"name": text},
            )
        elif role in roles.values():
            errors.add(row_number, f"{_column_letter(index)} ({text})", _("Cột này bị lặp lại."))
        else:
            roles[index] = role
    present = set(roles.values())
    for needed, label in ((UNIT, _("Mã đơn vị")), (PERIOD, _("Kỳ báo cáo"))):
        if needed not in present:
            errors.add(row_number, label, _("Thiếu cột “%(name)s”.") % {"name": label})
    long_layout = ELEMENT in present or VALUE in present
    if long_layout and not {ELEMENT, VALUE} <= present:
        errors.add(row_number, _("Chỉ tiêu"), _("Dạng danh sách cần đủ cột “chi_tieu” và “gia_tri”."))
    if not long_layout and not (present - {UNIT, NAME, PERIOD}):
        errors.add(row_number, "", _("Tệp không có cột số liệu nào của bộ số liệu này."))
    return roles


# --- the import --------------------------------------------------------------------------------


def import_file(
    *, actor, data_set: DataSet, file_name: str, content: bytes, submit: bool = False
) -> ImportResult:
    """Check every row, then write them all in one transaction, or write nothing."""
    started = time.monotonic()
    if len(content) > MAX_BYTES:
        return _failed([RowError(0, "", _("Tệp lớn quá 30 MB; hãy chia nhỏ."))], started)
    digest = hashlib.sha256(content).hexdigest()
    previous = ImportBatch.objects.filter(data_set=data_set, sha256=digest).select_related("actor").first()
    if previous is not None:
        return ImportResult(ok=True, duplicate_of=previous, seconds=time.monotonic() - started)
    try:
        file_format, table = read_table(file_name, content)
    except ValueError as error:
        return _failed([RowError(0, "", str(error))], started)
    errors = _Errors()
    schema = Schema(data_set)
    entries, rows = _parse(table, schema, data_set, errors)
    if not errors and not entries:
        errors.add(0, "", _("Tệp không có số liệu nào."))
    try:
        with transaction.atomic():
            # Units, rights and locked forms are checked even when some cells were unreadable,
            # so one pass reports every error of the file.
            plan = _resolve(entries, data_set, actor, errors)
            if errors:
                return _failed(errors.items, started, errors.total)
            result = _write(plan, schema, data_set, actor, submit, file_name, digest, file_format, rows)
    except IntegrityError:
        # The same file, uploaded twice at once: the other upload won and this one wrote nothing.
        previous = ImportBatch.objects.filter(data_set=data_set, sha256=digest).first()
        if previous is None:
            raise
        return ImportResult(ok=True, duplicate_of=previous, seconds=time.monotonic() - started)
    result.seconds = time.monotonic() - started
    ImportBatch.objects.filter(pk=result.batch.pk).update(seconds=result.seconds)
    return result


def _failed(errors: list[RowError], started: float, total: int | None = None) -> ImportResult:
    errors = sorted(errors, key=lambda e: (e.row, e.column))
    return ImportResult(
        ok=False, errors=errors, error_total=total or len(errors), seconds=time.monotonic() - started
    )


def _parse(table, schema: Schema, data_set: DataSet, errors: _Errors) -> tuple[list[_Entry], int]:
    rows = [(number, cells) for number, cells in table if not all(_blank(c) for c in cells)]
    if not rows:
        return [], 0
    header_number, header = rows[0]
    roles = _header_roles(header, schema, header_number, errors)
    if errors:
        return [], 0
    column_of = {role: index for index, role in roles.items()}
    labels = {index: str(header[index]).strip() for index in roles}
    long_layout = ELEMENT in column_of
    entries: list[_Entry] = []
    periods: dict[object, Period | str] = {}
    for number, cells in rows[1:]:

        def cell(role, cells=cells):
            index = column_of.get(role)
            return cells[index] if index is not None and index < len(cells) else None

        unit_code = _code(cell(UNIT))
        if not unit_code:
            errors.add(number, labels[column_of[UNIT]], _("Thiếu mã đơn vị."))
            continue
        raw_period = cell(PERIOD)
        if raw_period not in periods:
            try:
                periods[raw_period] = Period.parse(raw_period, data_set.period_type)
            except PeriodError as error:
                periods[raw_period] = str(error)
        period = periods[raw_period]
        if isinstance(period, str):
            errors.add(number, labels[column_of[PERIOD]], period)
            continue
        if long_layout:
            _parse_long(number, cells, cell, unit_code, period, schema, labels, column_of, errors, entries)
            continue
        for index, role in roles.items():
            if role in (UNIT, NAME, PERIOD):
                continue
            raw = cells[index] if index < len(cells) else None
            if _blank(raw):
                continue
            element = schema.by_key[role].element
            try:
                figure = parse_figure(element, raw)
            except FigureError as error:
                errors.add(number, labels[index], str(error))
                continue
            entries.append(_Entry(number, unit_code, period, role, figure, labels[index]))
    return entries, len(rows) - 1


def _parse_long(number, cells, cell, unit_code, period, schema, labels, column_of, errors, entries) -> None:
    code = _code(cell(ELEMENT))
    option = _code(cell(OPTION))
    key = f"{code}.{option}" if option else code
    label = labels[column_of[ELEMENT]]
    element = schema.by_code.get(code)
    if element is None:
        errors.add(number, label, _("Bộ số liệu không có chỉ tiêu mã “%(code)s”.") % {"code": code})
        return
    if key not in schema.by_key:
        if element.breakdown_id and not option:
            reason = _("Chỉ tiêu “%(code)s” phân tổ theo %(breakdown)s: hãy ghi mã mục ở cột phan_to.")
            errors.add(number, label, reason % {"code": code, "breakdown": element.breakdown.name})
        else:
            reason = _("Chỉ tiêu “%(code)s” không có mục phân tổ “%(option)s”.")
            errors.add(
                number, labels.get(column_of.get(OPTION), label), reason % {"code": code, "option": option}
            )
        return
    raw = cell(VALUE)
    if _blank(raw):
        return
    try:
        figure = parse_figure(element, raw)
    except FigureError as error:
        errors.add(number, labels[column_of[VALUE]], str(error))
        return
    entries.append(_Entry(number, unit_code, period, key, figure, labels[column_of[VALUE]]))


@dataclass
class _Plan:
    entries: list[tuple[_Entry, Unit]]
    units: dict[int, Unit]
    submissions: dict[tuple[int, str], Submission]


def _code_variants(code: str) -> set[str]:
    """Excel drops leading zeros from codes typed as numbers (01 → 1); try them back."""
    variants = {code}
    if code.isdigit():
        variants |= {code.zfill(2), code.zfill(3), code.zfill(5)}
    return variants


def _resolve(entries: list[_Entry], data_set: DataSet, actor, errors: _Errors) -> _Plan:
    today = timezone.localdate()
    scope = scoping.scope_for(actor, Capability.RECORD)
    wanted = {variant for entry in entries for variant in _code_variants(entry.unit_code)}
    by_code: dict[str, list[Unit]] = {}
    wanted_list = sorted(wanted)
    for start in range(0, len(wanted_list), CHUNK):
        for unit in Unit.objects.filter(code__in=wanted_list[start : start + CHUNK]).only(
            "pk", "code", "name", "level", "path", "valid_from", "valid_to", "tree"
        ):
            by_code.setdefault(unit.code, []).append(unit)
    resolved: dict[tuple[str, Period], Unit | str] = {}
    seen: dict[tuple[int, str, str], int] = {}
    rows_reported: set[int] = set()
    plan_entries: list[tuple[_Entry, Unit]] = []
    for entry in entries:
        memo = (entry.unit_code, entry.period)
        if memo not in resolved:
            resolved[memo] = _pick_unit(entry, by_code, data_set, scope, today)
        unit = resolved[memo]
        if isinstance(unit, str):
            if entry.row not in rows_reported:
                rows_reported.add(entry.row)
                errors.add(entry.row, _("Mã đơn vị"), unit)
            continue
        cell_id = (unit.pk, entry.period.key, entry.key)
        if cell_id in seen and seen[cell_id] != entry.row:
            errors.add(
                entry.row,
                entry.column,
                _("Ô số liệu này đã có ở dòng %(row)s của tệp.") % {"row": seen[cell_id]},
            )
            continue
        seen[cell_id] = entry.row
        plan_entries.append((entry, unit))
    units = {unit.pk: unit for _entry, unit in plan_entries}
    submissions: dict[tuple[int, str], Submission] = {}
    periods = sorted({entry.period.key for entry, _unit in plan_entries})
    unit_ids = sorted(units)
    for start in range(0, len(unit_ids), CHUNK):
        for submission in Submission.objects.select_for_update().filter(
            data_set=data_set, period__in=periods, unit_id__in=unit_ids[start : start + CHUNK]
        ):
            submissions[(submission.unit_id, submission.period)] = submission
    reported: set[tuple[int, str]] = set()
    for entry, unit in plan_entries:
        submission = submissions.get((unit.pk, entry.period.key))
        if submission is not None and not submission.is_editable and (unit.pk, entry.row) not in reported:
            reported.add((unit.pk, entry.row))
            errors.add(
                entry.row,
                _("Kỳ báo cáo"),
                _("Báo cáo của %(unit)s %(period)s đang ở trạng thái “%(state)s”; không ghi đè được.")
                % {"unit": unit.name, "period": entry.period.label, "state": submission.get_state_display()},
            )
    return _Plan(plan_entries, units, submissions)


def _pick_unit(entry: _Entry, by_code, data_set: DataSet, scope, today) -> Unit | str:
    candidates = [u for variant in _code_variants(entry.unit_code) for u in by_code.get(variant, [])]
    if not candidates:
        return _("Không có đơn vị mã “%(code)s”.") % {"code": entry.unit_code}
    at_level = [u for u in candidates if u.level in data_set.levels]
    if not at_level:
        return _("%(unit)s không thuộc cấp báo cáo bộ số liệu này.") % {"unit": candidates[0].name}
    in_period = [u for u in at_level if exists_during(u, entry.period)]
    if not in_period:
        return _("Đơn vị mã “%(code)s” không tồn tại trong %(period)s.") % {
            "code": entry.unit_code,
            "period": entry.period.label,
        }
    allowed = [u for u in in_period if scope.covers(u)]
    if not allowed:
        return _("Bạn không có quyền nhập số liệu cho %(unit)s.") % {"unit": in_period[0].name}
    if entry.period.is_future(today):
        return _("Chưa đến %(period)s, chưa thể nhập số liệu.") % {"period": entry.period.label}
    return allowed[0]


def _write(
    plan: _Plan, schema, data_set, actor, submit, file_name, digest, file_format, rows
) -> ImportResult:
    """Write everything the plan holds; the rules run on the merged cells before anything is written."""
    now = timezone.now()
    batch = ImportBatch.objects.create(
        data_set=data_set,
        file_name=file_name[:255],
        sha256=digest,
        file_format=file_format,
        rows=rows,
        actor=actor,
        at=now,
    )
    pairs = sorted({(unit.pk, entry.period) for entry, unit in plan.entries}, key=lambda p: (p[0], p[1].key))
    outcomes = _check(plan, pairs, schema, data_set, submit)

    # New forms are inserted with their final counts and state; existing ones get one UPDATE per outcome.
    new_pairs = [
        (unit_id, period) for unit_id, period in pairs if (unit_id, period.key) not in plan.submissions
    ]
    existing = [
        plan.submissions[(unit_id, period.key)]
        for unit_id, period in pairs
        if (unit_id, period.key) in plan.submissions
    ]
    codes = ancestor_codes_bulk([plan.units[unit_id] for unit_id, _period in new_pairs])
    new_rows = {
        (unit_id, period.key): _new_submission(
            data_set, unit_id, period, codes[unit_id], outcomes[(unit_id, period.key)], actor, now
        )
        for unit_id, period in new_pairs
    }
    bulk.insert(Submission, new_rows.values())
    _load_new_ids(plan, data_set, new_rows)
    groups: dict[tuple, list[int]] = {}
    for submission in existing:
        groups.setdefault(outcomes[(submission.unit_id, submission.period)][:3], []).append(submission.pk)
    for (blocking, warnings, goes_up), ids in groups.items():
        changes = {
            "blocking_count": blocking,
            "warning_count": warnings,
            "version": F("version") + 1,
            "updated_by": actor,
            "updated_at": now,
        }
        if goes_up:
            changes.update(state=State.SUBMITTED, submitted_at=now, submitted_by=actor, return_reason="")
        for start in range(0, len(ids), CHUNK):
            Submission.objects.filter(pk__in=ids[start : start + CHUNK]).update(**changes)

    # The figures: an upsert per cell of a form that existed, so a figure imported twice is stored
    # once; a form created just now has no figures yet, so its cells are plainly inserted.
    fresh = [(e, u) for e, u in plan.entries if (u.pk, e.period.key) in new_rows]
    known = [(e, u) for e, u in plan.entries if (u.pk, e.period.key) not in new_rows]
    bulk.insert(DataValue, (_value(plan, schema, entry, unit, batch, now) for entry, unit in fresh))
    bulk.insert(
        DataValue,
        (_value(plan, schema, entry, unit, batch, now) for entry, unit in known),
        conflict=["submission", "data_element", "option_code"],
        update=["value", "text_value", "batch", "updated_at"],
    )

    touched = [plan.submissions[(unit_id, period.key)] for unit_id, period in pairs]
    written: dict[int, int] = {}
    for entry, unit in plan.entries:
        key = plan.submissions[(unit.pk, entry.period.key)].pk
        written[key] = written.get(key, 0) + 1

    def event(submission_id: int, kind: str, note: str = "") -> dict:
        return {
            "submission_id": submission_id,
            "kind": kind,
            "actor_id": actor.pk,
            "at": now,
            "batch_id": batch.pk,
            "note": note,
        }

    events = [event(plan.submissions[(u, p.key)].pk, EventKind.CREATED) for u, p in new_pairs]
    events += [
        event(
            s.pk,
            EventKind.IMPORTED,
            _("%(n)s ô từ tệp %(file)s.") % {"n": written.get(s.pk, 0), "file": file_name},
        )
        for s in touched
    ]
    submitted, held_back = 0, []
    for submission in touched:
        blocking, warnings, goes_up, note = outcomes[(submission.unit_id, submission.period)]
        submission.unit = plan.units[submission.unit_id]
        submission.blocking_count, submission.warning_count = blocking, warnings
        if blocking:
            held_back.append(submission)
        if goes_up:
            submitted += 1
            submission.state = State.SUBMITTED
            events.append(event(submission.pk, EventKind.SUBMITTED, note))
        elif submit:
            events.append(event(submission.pk, EventKind.SUBMIT_REFUSED, note))
    bulk.insert(SubmissionEvent, events)
    batch.values_written, batch.submissions_touched, batch.submitted = (
        len(plan.entries),
        len(touched),
        submitted,
    )
    batch.save(update_fields=["values_written", "submissions_touched", "submitted"])
    return ImportResult(
        ok=True,
        batch=batch,
        rows=rows,
        values_written=len(plan.entries),
        submissions=len(touched),
        submitted=submitted,
        held_back=held_back,
    )


def _check(plan: _Plan, pairs, schema: Schema, data_set: DataSet, submit: bool) -> dict:
    """{(unit id, period key): (blocking, warnings, goes up, note)} from each form's cells after the import.

    The cells are what the form already holds overlaid with the file, so the rules run before any write.
    """
    cells: dict[tuple[int, str], Cells] = {(unit_id, period.key): {} for unit_id, period in pairs}
    by_id = {s.pk: key for key, s in plan.submissions.items()}
    ids = list(by_id)
    for start in range(0, len(ids), CHUNK):
        for submission_id, code, option, value, text in DataValue.objects.filter(
            submission_id__in=ids[start : start + CHUNK]
        ).values_list("submission_id", "data_element__code", "option_code", "value", "text_value"):
            cells[by_id[submission_id]][f"{code}.{option}" if option else code] = text if text else value
    for entry, unit in plan.entries:
        figure = entry.figure
        cells[(unit.pk, entry.period.key)][entry.key] = figure.text if figure.text else figure.number
    recorded = {}
    if any(e.source for e in schema.elements):
        recorded = supervision.recorded_counts_bulk(data_set=data_set, pairs=list(pairs))
    outcomes = {}
    for key, own in cells.items():
        violations = schema.check(own, require_complete=submit, recorded=recorded.get(key, {}))
        blocking, warnings = counts(violations)
        goes_up = submit and not blocking
        shown = [v for v in violations if v.blocking] if blocking else violations
        outcomes[key] = (blocking, warnings, goes_up, "\n".join(v.message for v in shown))
    return outcomes


def _new_submission(data_set, unit_id, period, codes, outcome, actor, now) -> dict:
    blocking, warnings, goes_up, _note = outcome
    return {
        "data_set_id": data_set.pk,
        "unit_id": unit_id,
        "period_type": period.type,
        "period": period.key,
        "yyyymm": period.yyyymm_start,
        "yyyymm_end": period.yyyymm_end,
        "state": State.SUBMITTED if goes_up else State.DRAFT,
        "blocking_count": blocking,
        "warning_count": warnings,
        "version": 1,
        "created_at": now,
        "created_by_id": actor.pk,
        "updated_at": now,
        "updated_by_id": actor.pk,
        "submitted_at": now if goes_up else None,
        "submitted_by_id": actor.pk if goes_up else None,
        "return_reason": "",
        **codes,
    }


def _load_new_ids(plan: _Plan, data_set: DataSet, new_rows: dict) -> None:
    """Read back the keys of the forms just inserted and put them, as light objects, into the plan."""
    if not new_rows:
        return
    periods = sorted({period for _unit_id, period in new_rows})
    unit_ids = sorted({unit_id for unit_id, _period in new_rows})
    # Positional values in field order take Django's fast path for building instances (as
    # from_db does); keyword arguments cost several times more for 100,000 forms.
    fields = Submission._meta.concrete_fields
    defaults = {f.attname: f.get_default() for f in fields}
    attnames = [f.attname for f in fields]
    for start in range(0, len(unit_ids), CHUNK):
        for pk, unit_id, period in Submission.objects.filter(
            data_set=data_set, period__in=periods, unit_id__in=unit_ids[start : start + CHUNK]
        ).values_list("pk", "unit_id", "period"):
            row = new_rows.get((unit_id, period))
            if row is not None:
                values = {**defaults, **row, "id": pk}
                plan.submissions[(unit_id, period)] = Submission(*[values[name] for name in attnames])


def _value(plan: _Plan, schema: Schema, entry: _Entry, unit: Unit, batch, now) -> dict:
    submission = plan.submissions[(unit.pk, entry.period.key)]
    cell = schema.by_key[entry.key]
    return {
        "submission_id": submission.pk,
        "data_element_id": cell.element.pk,
        "option_code": cell.option.code if cell.option else "",
        "value": entry.figure.number,
        "text_value": entry.figure.text,
        "unit_id": unit.pk,
        "period": submission.period,
        "province_code": submission.province_code,
        "district_code": submission.district_code,
        "commune_code": submission.commune_code,
        "yyyymm": submission.yyyymm,
        "yyyymm_end": submission.yyyymm_end,
        "batch_id": batch.pk,
        "updated_at": now,
    }
