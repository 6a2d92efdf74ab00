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
import gc
import hashlib
import io
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
from .models import DataElement, DataSet, DataValue, ImportBatch, Submission, SubmissionEvent
from .periods import Period, PeriodError
from .units import ancestor_codes_bulk
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
class _Row:
    """A row of the file that gives figures: (cell key, figure, column) for each, one in the list layout."""

    number: int
    unit_code: str
    period: Period
    period_key: str
    cells: list[tuple[str, Figure, str]]


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
    with _cyclic_collection_paused():
        return _import_file(actor, data_set, file_name, content, submit)


@contextmanager
def _cyclic_collection_paused():
    """A large file keeps millions of objects alive until the import ends, and the cyclic garbage
    collector would walk them again and again as more are made (half the time of parsing 100,000
    rows). Reference counting still frees everything else; collection resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import_file(actor, data_set: DataSet, file_name: str, content: bytes, submit: bool) -> ImportResult:
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
    parsed, rows = _parse(table, schema, data_set, errors)
    if not errors and not parsed:
        errors.add(0, "", _("Tệp không có số liệu nào."))
    try:
        with transaction.atomic():
            # Units, rights and locked forms are checked even when some cells were unreadable,
            # so one pass reports every error of the file.
            forms = _resolve(parsed, data_set, actor, errors)
            if errors:
                return _failed(errors.items, started, errors.total)
            result = _write(forms, schema, data_set, actor, submit, file_name, digest, file_format, rows)
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


def _parse(table, schema: Schema, data_set: DataSet, errors: _Errors) -> tuple[list[_Row], int]:
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
    unit_at, period_at = column_of[UNIT], column_of[PERIOD]
    value_columns = [
        (index, role, schema.by_key[role].element, labels[index])
        for index, role in roles.items()
        if role in schema.by_key
    ]
    parsed: list[_Row] = []
    periods: dict[object, tuple[Period, str] | str] = {}
    for number, cells in rows[1:]:
        width = len(cells)
        unit_code = _code(cells[unit_at] if unit_at < width else None)
        if not unit_code:
            errors.add(number, labels[unit_at], _("Thiếu mã đơn vị."))
            continue
        raw_period = cells[period_at] if period_at < width else None
        if raw_period not in periods:
            try:
                period = Period.parse(raw_period, data_set.period_type)
                periods[raw_period] = (period, period.key)
            except PeriodError as error:
                periods[raw_period] = str(error)
        period = periods[raw_period]
        if isinstance(period, str):
            errors.add(number, labels[period_at], period)
            continue
        if long_layout:

            def cell(role, cells=cells, width=width):
                index = column_of.get(role)
                return cells[index] if index is not None and index < width else None

            found = _parse_long(number, cell, schema, labels, column_of, errors)
            if found is not None:
                parsed.append(_Row(number, unit_code, *period, [found]))
            continue
        figures = []
        for index, key, element, label in value_columns:
            raw = cells[index] if index < width else None
            if _blank(raw):
                continue
            try:
                figure = parse_figure(element, raw)
            except FigureError as error:
                errors.add(number, label, str(error))
                continue
            figures.append((key, figure, label))
        if figures:
            parsed.append(_Row(number, unit_code, *period, figures))
    return parsed, len(rows) - 1


def _parse_long(number, cell, schema, labels, column_of, errors) -> tuple[str, Figure, str] | None:
    code = _code(cell(ELEMENT))
    option = _code(cell(OPTION))
    key = f"{code}.{option}" if option else code
    label = labels[column_of[ELEMENT]]
    element = schema.by_code.get(code)
    if element is None:
        errors.add(number, label, _("Bộ số liệu không có chỉ tiêu mã “%(code)s”.") % {"code": code})
        return None
    if key not in schema.by_key:
        if element.breakdown_id and not option:
            reason = _("Chỉ tiêu “%(code)s” phân tổ theo %(breakdown)s: hãy ghi mã mục ở cột phan_to.")
            errors.add(number, label, reason % {"code": code, "breakdown": element.breakdown.name})
        else:
            reason = _("Chỉ tiêu “%(code)s” không có mục phân tổ “%(option)s”.")
            errors.add(
                number, labels.get(column_of.get(OPTION), label), reason % {"code": code, "option": option}
            )
        return None
    raw = cell(VALUE)
    if _blank(raw):
        return None
    try:
        figure = parse_figure(element, raw)
    except FigureError as error:
        errors.add(number, labels[column_of[VALUE]], str(error))
        return None
    return key, figure, labels[column_of[VALUE]]


@dataclass
class _Form:
    """One form the file writes into, with each cell's figure and the row that gave it."""

    unit: Unit
    period: Period
    period_key: str
    figures: dict[str, tuple[Figure, int]]
    submission: Submission | None = None  # the stored form, when there is one
    pk: int | None = None
    codes: dict[str, str] = field(default_factory=dict)
    outcome: tuple[int, int, bool, str] = (0, 0, False, "")


def _code_variants(code: str) -> set[str]:
    """Excel drops leading zeros from codes typed as numbers (01 → 1); try them back."""
    variants = {code}
    if code.isdigit():
        variants |= {code.zfill(2), code.zfill(3), code.zfill(5)}
    return variants


def _resolve(rows: list[_Row], data_set: DataSet, actor, errors: _Errors) -> dict[tuple[int, str], _Form]:
    """The forms the rows write into, keyed by (unit id, period key); every refusal goes to ``errors``."""
    today = timezone.localdate()
    scope = scoping.scope_for(actor, Capability.RECORD)
    wanted = {variant for row in rows for variant in _code_variants(row.unit_code)}
    by_code: dict[str, list[Unit]] = {}
    wanted_list = sorted(wanted)
    for start in range(0, len(wanted_list), CHUNK):
        for unit in Unit.objects.filter(code__in=wanted_list[start : start + CHUNK]).only(
            "pk", "code", "name", "level", "path", "valid_from", "valid_to", "tree"
        ):
            by_code.setdefault(unit.code, []).append(unit)
    picker = _UnitPicker(by_code, data_set, scope, today)
    resolved: dict[tuple[str, str], Unit | str] = {}
    forms: dict[tuple[int, str], _Form] = {}
    for row in rows:
        memo = (row.unit_code, row.period_key)
        unit = resolved.get(memo)
        if unit is None:
            unit = resolved[memo] = picker.pick(row.unit_code, row.period)
        if isinstance(unit, str):
            errors.add(row.number, _("Mã đơn vị"), unit)
            continue
        form = forms.get((unit.pk, row.period_key))
        if form is None:
            figures = {key: (figure, row.number) for key, figure, _column in row.cells}
            forms[(unit.pk, row.period_key)] = _Form(unit, row.period, row.period_key, figures)
            continue
        for key, figure, column in row.cells:
            earlier = form.figures.get(key)
            if earlier is not None and earlier[1] != row.number:
                errors.add(
                    row.number,
                    column,
                    _("Ô số liệu này đã có ở dòng %(row)s của tệp.") % {"row": earlier[1]},
                )
                continue
            form.figures[key] = (figure, row.number)
    periods = sorted({period_key for _unit_id, period_key in forms})
    unit_ids = sorted({unit_id for unit_id, _period_key in forms})
    for start in range(0, len(unit_ids), CHUNK):
        for submission in Submission.objects.select_for_update().filter(
            data_set=data_set, period__in=periods, unit_id__in=unit_ids[start : start + CHUNK]
        ):
            form = forms.get((submission.unit_id, submission.period))
            if form is not None:
                form.submission = submission
    for form in forms.values():
        submission = form.submission
        if submission is None or submission.is_editable:
            continue
        for number in sorted({number for _figure, number in form.figures.values()}):
            errors.add(
                number,
                _("Kỳ báo cáo"),
                _("Báo cáo của %(unit)s %(period)s đang ở trạng thái “%(state)s”; không ghi đè được.")
                % {
                    "unit": form.unit.name,
                    "period": form.period.label,
                    "state": submission.get_state_display(),
                },
            )
    return forms


class _UnitPicker:
    """Which unit a code names in a period, or why none may be written: the checks are per code,
    per period and per unit, so a file of 100,000 rows makes each of them once."""

    def __init__(self, by_code: dict[str, list[Unit]], data_set: DataSet, scope, today):
        self.by_code, self.data_set, self.scope, self.today = by_code, data_set, scope, today
        self._at_level: dict[str, list[Unit] | str] = {}
        self._dates: dict[Period, tuple] = {}
        self._covered: dict[int, bool] = {}

    def _units_at_level(self, code: str) -> list[Unit] | str:
        found = self._at_level.get(code)
        if found is None:
            candidates = [u for variant in _code_variants(code) for u in self.by_code.get(variant, [])]
            if not candidates:
                found = _("Không có đơn vị mã “%(code)s”.") % {"code": code}
            else:
                found = [u for u in candidates if u.level in self.data_set.levels]
                if not found:
                    reason = _("%(unit)s không thuộc cấp báo cáo bộ số liệu này.")
                    found = reason % {"unit": candidates[0].name}
            self._at_level[code] = found
        return found

    def _covers(self, unit: Unit) -> bool:
        covered = self._covered.get(unit.pk)
        if covered is None:
            covered = self._covered[unit.pk] = self.scope.covers(unit)
        return covered

    def pick(self, code: str, period: Period) -> Unit | str:
        at_level = self._units_at_level(code)
        if isinstance(at_level, str):
            return at_level
        dates = self._dates.get(period)
        if dates is None:
            dates = self._dates[period] = (period.start, period.end, period.is_future(self.today))
        first, last, future = dates
        # units.exists_during, with the period's dates worked out once
        in_period = [
            u for u in at_level if u.valid_from <= last and (u.valid_to is None or u.valid_to >= first)
        ]
        if not in_period:
            return _("Đơn vị mã “%(code)s” không tồn tại trong %(period)s.") % {
                "code": code,
                "period": period.label,
            }
        allowed = [u for u in in_period if self._covers(u)]
        if not allowed:
            return _("Bạn không có quyền nhập số liệu cho %(unit)s.") % {"unit": in_period[0].name}
        if future:
            return _("Chưa đến %(period)s, chưa thể nhập số liệu.") % {"period": period.label}
        return allowed[0]


def _write(
    forms: dict[tuple[int, str], _Form], schema, data_set, actor, submit, file_name, digest, file_format, rows
) -> ImportResult:
    """Write every form; the rules run on each form's merged cells before anything is written."""
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
    ordered = [forms[key] for key in sorted(forms)]
    _check(ordered, schema, data_set, submit)

    # New forms are inserted with their final counts and state; existing ones get one UPDATE per outcome.
    new = [form for form in ordered if form.submission is None]
    existing = [form for form in ordered if form.submission is not None]
    codes = ancestor_codes_bulk(list({form.unit.pk: form.unit for form in new}.values()))
    ids = bulk.reserve_ids(Submission, len(new))
    new_rows = []
    for index, form in enumerate(new):
        form.codes = codes[form.unit.pk]
        row = _new_submission(data_set, form, actor, now)
        if ids is not None:
            form.pk = row["id"] = ids[index]
        new_rows.append(row)
    if new_rows:
        bulk.insert(Submission, new_rows, with_pk=ids is not None)
        if ids is None:
            _read_new_ids(new, data_set)
    groups: dict[tuple, list[int]] = {}
    for form in existing:
        submission = form.submission
        form.pk = submission.pk
        form.codes = {
            "province_code": submission.province_code,
            "district_code": submission.district_code,
            "commune_code": submission.commune_code,
        }
        groups.setdefault(form.outcome[:3], []).append(submission.pk)
    for (blocking, warnings, goes_up), pks in groups.items():
        changes = {
            "blocking_count": blocking,
            "warning_count": warnings,
            "version": F("version") + 1,
            "updated_by": actor,
            "updated_at": now,
        }
        if goes_up:
            changes.update(state=State.SUBMITTED, submitted_at=now, submitted_by=actor, return_reason="")
        for start in range(0, len(pks), CHUNK):
            Submission.objects.filter(pk__in=pks[start : start + CHUNK]).update(**changes)

    # The figures: an upsert per cell of a form that existed, so a figure imported twice is stored
    # once; a form created just now has no figures yet, so its cells are plainly inserted.
    columns = {cell.key: (cell.element.pk, cell.option.code if cell.option else "") for cell in schema.cells}
    _check_elements(ordered, columns)
    if new:
        bulk.insert(DataValue, _values(new, columns, batch, now), columns=VALUE_COLUMNS)
    if existing:
        bulk.insert(
            DataValue,
            _values(existing, columns, batch, now),
            columns=VALUE_COLUMNS,
            conflict=["submission", "data_element", "option_code"],
            update=["value", "text_value", "batch", "updated_at"],
        )

    def event(submission_id: int, kind: str, note: str = "") -> tuple:  # EVENT_COLUMNS
        return (submission_id, kind, actor.pk, now, batch.pk, note)

    imported = _("%(n)s ô từ tệp %(file)s.")
    events = [event(form.pk, EventKind.CREATED) for form in new]
    events += [
        event(form.pk, EventKind.IMPORTED, imported % {"n": len(form.figures), "file": file_name})
        for form in ordered
    ]
    submitted, held_back = 0, []
    for form in ordered:
        blocking, _warnings, goes_up, note = form.outcome
        if blocking:
            held_back.append(form)
        if goes_up:
            submitted += 1
            events.append(event(form.pk, EventKind.SUBMITTED, note))
        elif submit:
            events.append(event(form.pk, EventKind.SUBMIT_REFUSED, note))
    bulk.insert(SubmissionEvent, events, columns=EVENT_COLUMNS)
    values_written = sum(len(form.figures) for form in ordered)
    batch.values_written, batch.submissions_touched, batch.submitted = values_written, len(ordered), submitted
    batch.save(update_fields=["values_written", "submissions_touched", "submitted"])
    return ImportResult(
        ok=True,
        batch=batch,
        rows=rows,
        values_written=values_written,
        submissions=len(ordered),
        submitted=submitted,
        held_back=[_held_back(form, data_set, actor, now) for form in held_back],
    )


def _check(ordered: list[_Form], schema: Schema, data_set: DataSet, submit: bool) -> None:
    """Each form's outcome (blocking, warnings, goes up, note) from its cells after the import.

    The cells are what the form already holds overlaid with the file, so the rules run before any write.
    """
    stored: dict[int, Cells] = {}
    ids = [form.submission.pk for form in ordered if form.submission is not None]
    for start in range(0, len(ids), CHUNK):
        for submission_id, code, option, value, text in DataValue.objects.filter(
            submission_id__in=ids[start : start + CHUNK]
        ).values_list("submission_id", "data_element__code", "option_code", "value", "text_value"):
            cells = stored.setdefault(submission_id, {})
            cells[f"{code}.{option}" if option else code] = text if text else value
    recorded = {}
    if any(e.source for e in schema.elements):
        pairs = [(form.unit.pk, form.period) for form in ordered]
        recorded = supervision.recorded_counts_bulk(data_set=data_set, pairs=pairs)
    for form in ordered:
        cells = stored.get(form.submission.pk, {}) if form.submission is not None else {}
        for key, (figure, _row) in form.figures.items():
            cells[key] = figure.text if figure.text else figure.number
        violations = schema.check(
            cells, require_complete=submit, recorded=recorded.get((form.unit.pk, form.period_key), {})
        )
        blocking, warnings = counts(violations)
        goes_up = submit and not blocking
        shown = [v for v in violations if v.blocking] if blocking else violations
        form.outcome = (blocking, warnings, goes_up, "\n".join(v.message for v in shown))


def _check_elements(ordered: list[_Form], columns: dict[str, tuple[int, str]]) -> None:
    """The figures' data elements still exist: checked once here, as the database no longer
    checks each figure's element (nor its form, which this transaction created or holds locked)."""
    used: set[str] = set()
    for form in ordered:
        used.update(form.figures)
    ids = {columns[key][0] for key in used}
    if DataElement.objects.filter(pk__in=ids).count() != len(ids):
        # What the per-row foreign-key check reported at commit: an element deleted meanwhile.
        raise IntegrityError("a data element of the import was deleted while it ran")


def _new_submission(data_set: DataSet, form: _Form, actor, now) -> dict:
    blocking, warnings, goes_up, _note = form.outcome
    period = form.period
    return {
        "data_set_id": data_set.pk,
        "unit_id": form.unit.pk,
        "period_type": period.type,
        "period": form.period_key,
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
        **form.codes,
    }


def _read_new_ids(new: list[_Form], data_set: DataSet) -> None:
    """Where ids cannot be drawn beforehand (SQLite), read back those of the forms just inserted."""
    if not new:
        return
    by_key = {(form.unit.pk, form.period_key): form for form in new}
    periods = sorted({form.period_key for form in new})
    unit_ids = sorted({form.unit.pk for form in new})
    for start in range(0, len(unit_ids), CHUNK):
        for pk, unit_id, period in Submission.objects.filter(
            data_set=data_set, period__in=periods, unit_id__in=unit_ids[start : start + CHUNK]
        ).values_list("pk", "unit_id", "period"):
            form = by_key.get((unit_id, period))
            if form is not None:
                form.pk = pk


EVENT_COLUMNS = ("submission_id", "kind", "actor_id", "at", "batch_id", "note")
VALUE_COLUMNS = (
    "submission_id",
    "unit_id",
    "period",
    "province_code",
    "district_code",
    "commune_code",
    "yyyymm",
    "yyyymm_end",
    "batch_id",
    "updated_at",
    "data_element_id",
    "option_code",
    "value",
    "text_value",
)


def _values(forms: list[_Form], columns: dict[str, tuple[int, str]], batch, now) -> Iterator[tuple]:
    """The DataValue rows of ``forms`` (VALUE_COLUMNS): what a form's cells share is built once."""
    for form in forms:
        submission, period, codes = form.submission, form.period, form.codes
        shared = (
            form.pk,
            form.unit.pk,
            form.period_key,
            codes["province_code"],
            codes["district_code"],
            codes["commune_code"],
            submission.yyyymm if submission is not None else period.yyyymm_start,
            submission.yyyymm_end if submission is not None else period.yyyymm_end,
            batch.pk,
            now,
        )
        for key, (figure, _row) in form.figures.items():
            yield (*shared, *columns[key], figure.number, figure.text)


def _held_back(form: _Form, data_set: DataSet, actor, now) -> Submission:
    """The form as the result page lists it: unit, period and the number of blocking errors."""
    submission = form.submission
    if submission is None:
        submission = Submission(id=form.pk, **_new_submission(data_set, form, actor, now))
    submission.unit = form.unit
    submission.blocking_count, submission.warning_count = form.outcome[:2]
    return submission
