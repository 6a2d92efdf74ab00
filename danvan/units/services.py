"""Writes to the unit tree. Callers check permissions through ``accounts.scoping``
(units sit below accounts, so they cannot import it)."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.textproc.folding import fold

from .choices import HamletKind, Level, OrganisationKind
from .models import Organisation, Unit

HAMLET_NAME_MAX = 120
_SPACES = re.compile(r"\s+")
# The longest kinds first, so "tổ dân phố" wins over a shorter prefix.
_KIND_WORDS = sorted((k.value for k in HamletKind), key=len, reverse=True)


@dataclass(frozen=True)
class HamletLine:
    line_number: int
    kind_name: str
    short_name: str

    @property
    def name(self) -> str:
        return f"{self.kind_name} {self.short_name}"


def clean_name(raw: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", raw or "")).strip()


def parse_hamlet_name(raw: str, *, default_kind: str) -> tuple[str, str]:
    """Split "Thôn Đông Hải" into ("Thôn", "Đông Hải"); a bare name gets ``default_kind``."""
    name = clean_name(raw)
    lowered = name.lower()
    for kind in _KIND_WORDS:
        if lowered == kind:
            return kind.capitalize(), ""
        if lowered.startswith(kind + " "):
            return kind.capitalize(), name[len(kind) + 1 :].strip()
    return default_kind.capitalize(), name


def _validate_commune(commune: Unit, day: datetime.date) -> None:
    if commune.level != Level.COMMUNE:
        raise ValidationError(_("Thôn, tổ dân phố chỉ được thêm vào đơn vị cấp xã."), code="not_commune")
    if not commune.is_valid_on(day):
        raise ValidationError(
            _("%(unit)s không còn hiệu lực vào ngày %(day)s.")
            % {"unit": commune.name, "day": day.strftime("%d/%m/%Y")},
            code="commune_not_valid",
        )


def parse_hamlet_lines(text: str, *, default_kind: str) -> list[HamletLine]:
    """Read one hamlet per non-empty line; every problem names its line."""
    if default_kind not in HamletKind.values:
        raise ValidationError(_("Loại thôn, tổ dân phố không hợp lệ."), code="bad_kind")
    lines, errors, seen = [], [], {}
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        kind_name, short_name = parse_hamlet_name(raw, default_kind=default_kind)
        if not short_name:
            errors.append(_("Dòng %(line)s: thiếu tên sau “%(kind)s”.") % {"line": number, "kind": kind_name})
            continue
        line = HamletLine(number, kind_name, short_name)
        if len(line.name) > HAMLET_NAME_MAX:
            errors.append(
                _("Dòng %(line)s: tên dài quá %(max)s ký tự.") % {"line": number, "max": HAMLET_NAME_MAX}
            )
            continue
        key = line.name.casefold()
        if key in seen:
            errors.append(
                _("Dòng %(line)s: “%(name)s” trùng với dòng %(other)s.")
                % {"line": number, "name": line.name, "other": seen[key]}
            )
            continue
        seen[key] = number
        lines.append(line)
    if errors:
        raise ValidationError(errors)
    if not lines:
        raise ValidationError(_("Chưa có tên thôn, tổ dân phố nào."), code="empty")
    return lines


def _next_hamlet_numbers(commune: Unit, count: int) -> list[int]:
    prefix = f"{commune.code}-"
    used = [
        int(code[len(prefix) :])
        for code in Unit.objects.filter(
            tree=commune.tree, level=Level.HAMLET, code__startswith=prefix
        ).values_list("code", flat=True)
        if code[len(prefix) :].isdigit()
    ]
    start = max(used, default=0) + 1
    return list(range(start, start + count))


@transaction.atomic
def hamlets_create(
    *, commune: Unit, text: str, default_kind: str = HamletKind.THON, valid_from: datetime.date | None = None
) -> list[Unit]:
    """Add hamlets / residential groups under a commune, all or none.

    ``text`` holds one name per line ("Thôn Đông", "Ấp 3", or a bare name that
    takes ``default_kind``). A duplicate of an open hamlet of the commune, or of
    another line, refuses the whole paste and names the line.
    """
    # Lock the commune so two people adding hamlets at once get distinct codes.
    commune = Unit.objects.select_for_update().get(pk=commune.pk)
    _validate_commune(commune, valid_from or datetime.date.today())
    # A hamlet entered today has existed as long as its commune, unless told otherwise,
    # so the meetings and petitions recorded there earlier can point at it.
    valid_from = valid_from or commune.valid_from
    lines = parse_hamlet_lines(text, default_kind=default_kind)
    existing = {
        name.casefold(): name
        for name in Unit.objects.filter(
            parent=commune, level=Level.HAMLET, valid_to__isnull=True
        ).values_list("name", flat=True)
    }
    errors = [
        _("Dòng %(line)s: “%(name)s” đã có trong %(commune)s.")
        % {"line": line.line_number, "name": existing[line.name.casefold()], "commune": commune.name}
        for line in lines
        if line.name.casefold() in existing
    ]
    if errors:
        raise ValidationError(errors)
    numbers = _next_hamlet_numbers(commune, len(lines))
    hamlets = [
        Unit(
            tree=commune.tree,
            level=Level.HAMLET,
            code=f"{commune.code}-{number:03d}",
            name=line.name,
            short_name=line.short_name,
            kind_name=line.kind_name,
            parent=commune,
            path="",
            valid_from=valid_from,
            search_key=f"{fold(line.name)} {commune.code}-{number:03d}",
            latitude=None,
            longitude=None,
        )
        for line, number in zip(lines, numbers, strict=True)
    ]
    try:
        with transaction.atomic():
            for hamlet in hamlets:
                # One by one so auditlog records each creation.
                hamlet.save()
                hamlet.path = f"{commune.path}{hamlet.pk}/"
                hamlet.save(update_fields=["path"])
    except IntegrityError as error:
        raise ValidationError(
            _("Một thôn, tổ dân phố cùng tên vừa được người khác thêm; hãy tải lại trang."), code="race"
        ) from error
    return hamlets


@transaction.atomic
def hamlet_close(*, hamlet: Unit, valid_to: datetime.date) -> Unit:
    """End a hamlet's validity (merged or renamed); its records keep pointing at it."""
    if hamlet.level != Level.HAMLET:
        raise ValidationError(_("Chỉ đóng được thôn, tổ dân phố."), code="not_hamlet")
    if valid_to < hamlet.valid_from:
        raise ValidationError(_("Ngày hết hiệu lực phải sau ngày bắt đầu."), code="bad_date")
    hamlet.valid_to = valid_to
    hamlet.save(update_fields=["valid_to", "updated_at"])
    return hamlet


@transaction.atomic
def organisation_create(*, unit: Unit, kind: str, name: str) -> Organisation:
    name = clean_name(name)
    if kind not in OrganisationKind.values:
        raise ValidationError(_("Loại tổ chức không hợp lệ."), code="bad_kind")
    if not name:
        raise ValidationError(_("Tên tổ chức không được để trống."), code="empty")
    # Compared in Python: SQLite folds only ASCII case, and names are Vietnamese.
    if any(
        n.casefold() == name.casefold()
        for n in Organisation.objects.filter(unit=unit).values_list("name", flat=True)
    ):
        raise ValidationError(
            _("%(unit)s đã có tổ chức “%(name)s”.") % {"unit": unit.name, "name": name}, code="duplicate"
        )
    return Organisation.objects.create(unit=unit, kind=kind, name=name, search_key=fold(name))


STANDARD_ORGANISATIONS = [
    (OrganisationKind.PARTY_COMMITTEE, "Đảng ủy"),
    (OrganisationKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân"),
    (OrganisationKind.FATHERLAND_FRONT, "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    (OrganisationKind.WOMENS_UNION, "Hội Liên hiệp Phụ nữ"),
    (OrganisationKind.YOUTH_UNION, "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    (OrganisationKind.FARMERS_UNION, "Hội Nông dân"),
    (OrganisationKind.VETERANS_ASSOCIATION, "Hội Cựu chiến binh"),
]


@transaction.atomic
def organisations_ensure_standard(*, unit: Unit) -> list[Organisation]:
    """The party committee, people's committee, Front and the four mass organisations of a unit."""
    result = []
    for kind, base_name in STANDARD_ORGANISATIONS:
        name = f"{base_name} {unit.name}"
        organisation, _created = Organisation.objects.get_or_create(
            unit=unit, name=name, defaults={"kind": kind, "search_key": fold(name)}
        )
        result.append(organisation)
    return result
