"""Word and Excel files: the recognition decision with its list, the certificates, and the statistics."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from danvan.documents.decree30 import PARTY, STATE, Decree30Document, Issuer, short_date

from .choices import Award, Field, IssuerKind, Kind, RecognitionLevel
from .issuers import LEVEL_PHRASE
from .models import EmulationModel, RecognitionDecision
from .statistics import LEVEL_ORDER, RecognitionStats

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MOVEMENT = "“Dân vận khéo”"


def _issuer(decision: RecognitionDecision) -> tuple[str, Issuer]:
    kind = PARTY if decision.issuer_kind == IssuerKind.PARTY else STATE
    return kind, Issuer(name=decision.issuer_name, parent=decision.issuer_parent, kind=kind)


def _authority(decision: RecognitionDecision) -> str:
    """The body that decides, as the line above the preamble reads: "BAN THƯỜNG VỤ HUYỆN ỦY TÂN LẠC"."""
    if decision.issuer_kind == IssuerKind.STATE:
        return f"CHỦ TỊCH {decision.issuer_name}".upper()
    return decision.awarding_body.upper() if decision.awarding_body else decision.issuer_name.upper()


def _owner(model: EmulationModel) -> str:
    if model.kind == Kind.INDIVIDUAL and model.owner_position:
        return f"{model.owner_name}, {model.owner_position}"
    return model.owner_name


def decision_docx(decision: RecognitionDecision, models: Sequence[EmulationModel]) -> bytes:
    """The decision: header, title, preamble, articles, signature; the list of models on its own page."""
    kind, issuer = _issuer(decision)
    level = LEVEL_PHRASE[decision.level]
    year = decision.date.year
    title = _("về việc công nhận mô hình, điển hình %(movement)s %(level)s năm %(year)s") % {
        "movement": MOVEMENT,
        "level": level,
        "year": year,
    }
    doc = Decree30Document(kind=kind, title=_("Quyết định %(number)s") % {"number": decision.number})
    doc.header(issuer=issuer, number=decision.number, place=decision.place, day=decision.date)
    doc.title("QUYẾT ĐỊNH", title[0].upper() + title[1:] if kind == STATE else title)
    doc.heading(_authority(decision))
    for line in filter(None, (line.strip() for line in decision.basis.splitlines())):
        doc.paragraph(line, italic=kind == STATE)
    doc.heading("QUYẾT ĐỊNH:" if kind == STATE else "QUYẾT ĐỊNH")
    collective = sum(1 for m in models if m.kind == Kind.COLLECTIVE)
    individual = len(models) - collective
    doc.article(
        _("Điều 1."),
        _(
            "Công nhận %(count)s mô hình, điển hình %(movement)s %(level)s năm %(year)s "
            "(%(collective)s tập thể, %(individual)s cá nhân), có danh sách kèm theo."
        )
        % {
            "count": len(models),
            "movement": MOVEMENT,
            "level": level,
            "year": year,
            "collective": collective,
            "individual": individual,
        },
    )
    article = 2
    if decision.award:
        doc.article(
            _("Điều %(n)s.") % {"n": article},
            _(
                "Tặng %(award)s của %(body)s cho các tập thể, cá nhân có tên tại Điều 1 đã có thành tích "
                "xuất sắc trong phong trào thi đua %(movement)s."
            )
            % {"award": Award(decision.award).label, "body": decision.awarding_body, "movement": MOVEMENT},
        )
        article += 1
    doc.article(
        _("Điều %(n)s.") % {"n": article},
        _(
            "Ban Dân vận, Văn phòng và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
            "Quyết định này. Quyết định có hiệu lực kể từ ngày ký."
        ),
    )
    doc.signature(
        on_behalf=decision.signer_on_behalf,
        position=decision.signer_title,
        name=decision.signer_name,
        recipients=[
            _("Như Điều %(n)s,") % {"n": article},
            _("Ban Dân vận cấp trên,"),
            _("Lưu Văn phòng."),
        ],
    )
    doc.page_break()
    doc.heading(_("DANH SÁCH"), after=0)
    doc.heading(
        _("mô hình, điển hình %(movement)s %(level)s năm %(year)s")
        % {"movement": MOVEMENT, "level": level, "year": year},
        after=0,
    )
    doc.heading(
        _("(Kèm theo Quyết định số %(number)s ngày %(date)s của %(body)s)")
        % {"number": decision.number, "date": short_date(decision.date), "body": decision.awarding_body},
        bold=False,
        after=6,
    )
    doc.table(
        [_("STT"), _("Tên mô hình, điển hình"), _("Tập thể, cá nhân"), _("Đơn vị"), _("Lĩnh vực")],
        [
            [index, model.name, _owner(model), model.unit.name, model.get_field_display()]
            for index, model in enumerate(models, start=1)
        ],
        widths_mm=[12, 55, 40, 30, doc.text_width_mm - 137],
        align=["center", "left", "left", "left", "left"],
    )
    return doc.to_bytes()


def certificates_docx(models: Sequence[EmulationModel]) -> bytes:
    """One certificate (giấy khen, bằng khen, giấy chứng nhận) per recognised model, one page each."""
    first = models[0].decision
    kind, _issuer_block = _issuer(first)
    doc = Decree30Document(kind=kind, title=_("Giấy khen “Dân vận khéo”"))
    for index, model in enumerate(models):
        decision = model.decision
        _kind, issuer = _issuer(decision)
        if index:
            doc.page_break()
        doc.header(issuer=issuer, number=None, place=decision.place, day=decision.date)
        award = Award(decision.award or Award.CERTIFICATE).label.upper()
        doc.heading(award, size=20, after=12)
        doc.heading(decision.awarding_body.upper(), after=6)
        doc.heading(_("TẶNG") if decision.award != Award.CERTIFICATE else _("CHỨNG NHẬN"), after=6)
        doc.heading(model.owner_name, size=16, after=0)
        if model.owner_position:
            doc.heading(model.owner_position, bold=False, after=0)
        doc.heading(model.unit.name, bold=False, after=12)
        doc.paragraph(
            _(
                "Đã có thành tích xuất sắc trong phong trào thi đua %(movement)s với mô hình “%(name)s” "
                "(lĩnh vực %(field)s), được công nhận điển hình %(movement)s %(level)s năm %(year)s."
            )
            % {
                "movement": MOVEMENT,
                "name": model.name,
                "field": model.get_field_display().lower(),
                "level": LEVEL_PHRASE[model.recognition_level],
                "year": decision.date.year,
            },
            align="center",
            indent=False,
        )
        doc.paragraph(
            _("Quyết định số %(number)s ngày %(date)s.")
            % {"number": decision.number, "date": short_date(decision.date)},
            align="center",
            indent=False,
            italic=True,
        )
        doc.signature(
            on_behalf=decision.signer_on_behalf,
            position=decision.signer_title,
            name=decision.signer_name,
            recipients=[_("Số vào sổ: %(n)s") % {"n": f"{decision.number}/{model.pk}"}],
        )
    return doc.to_bytes()


def stats_xlsx(stats: RecognitionStats) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tổng hợp")
    bold = Font(bold=True)
    sheet.append(
        [_("Mô hình, điển hình “Dân vận khéo” được công nhận — %(period)s") % {"period": stats.period_label}]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    if stats.unit:
        sheet.append([stats.unit.name])
    sheet.append([stats.narrative])
    sheet.append([])
    header = [_("Lĩnh vực"), *[str(RecognitionLevel(lv).label) for lv in LEVEL_ORDER], _("Tổng")]
    if stats.compare is not None:
        header += [_("Năm %(year)s") % {"year": stats.compare_year}, _("Tăng, giảm")]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    compare = {r.label: r for r in stats.field_rows}
    for label, cells, total in stats.matrix:
        row = [label, *cells, total]
        if stats.compare is not None:
            row += [compare[label].compare, compare[label].delta]
        sheet.append(row)
    totals = [_("Cộng"), *[stats.current.by_level[lv] for lv in LEVEL_ORDER], stats.current.total]
    if stats.compare is not None:
        totals += [stats.compare.total, stats.delta]
    sheet.append(totals)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.append([])
    sheet.append([_("Tập thể"), stats.current.by_kind[Kind.COLLECTIVE]])
    sheet.append([_("Cá nhân"), stats.current.by_kind[Kind.INDIVIDUAL]])
    sheet.column_dimensions["A"].width = 34
    for index in range(2, 9):
        sheet.column_dimensions[get_column_letter(index)].width = 16

    years = workbook.create_sheet(_("Theo năm"))
    years.append([_("Năm"), *[str(label) for label in Field.labels], _("Tổng")])
    for cell in years[1]:
        cell.font = bold
    for year, breakdown in stats.per_year:
        years.append([year, *breakdown.by_field.values(), breakdown.total])
    years.column_dimensions["A"].width = 10
    for index in range(2, 7):
        years.column_dimensions[get_column_letter(index)].width = 22

    funnel = workbook.create_sheet(_("Đăng ký – công nhận"))
    f = stats.funnel
    for label, value in [
        (_("Đăng ký"), f.registered),
        (_("Đã tự chấm điểm"), f.self_assessed),
        (_("Đã thẩm định"), f.appraised),
        (_("Được công nhận"), f.recognised),
        (_("— tập thể"), f.collective),
        (_("— cá nhân"), f.individual),
        (_("Điển hình tiêu biểu"), f.outstanding),
        (_("Đã nhân rộng"), f.replicated),
        (_("Không công nhận"), f.not_recognised),
        (_("Đang xét"), f.pending),
        *f.awards.items(),
    ]:
        funnel.append([str(label), value])
    funnel.column_dimensions["A"].width = 30
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
