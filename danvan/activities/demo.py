"""Demo figures for the demo communes: a few periods in each data set, one form that breaks a rule.

The broken form is modelled on Tân Lạc's published figures, where settled plus in
progress exceeds received (25,487 + 326 > 25,723): it stays a draft with the
message beside the field. Idempotent: it does nothing once the demo units have figures.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.units.models import Unit

from . import catalogue, services, supervision
from .models import DataSet, Submission, SupervisionActivity
from .periods import Period
from .units import exists_during
from .values import Figure

# Quarterly dossiers of a commune, oldest first: (received, on time, late, in progress, returned).
DOSSIERS = [
    [(1_812, 1_760, 12, 30, 10), (2_031, 1_978, 9, 36, 8), (2_143, 2_104, 20, 31, 0)],
    [(955, 920, 4, 25, 6), None, (1_020, 990, 3, 21, 6)],
]
# What happens to each of those forms: approved, submitted, or left as a draft.
DOSSIER_FATES = [["approved", "submitted", "draft"], ["approved", None, "submitted"]]

ACTIVITIES = [
    # (organiser, kind, title, subject, days after the window opens, [(recommendation, addressee, settled?)])
    (
        "fatherland_front",
        "supervision",
        "Giám sát việc công khai thu chi quỹ xây dựng nông thôn mới",
        "Ủy ban nhân dân xã",
        20,
        [
            ("Niêm yết công khai thu chi hằng quý tại nhà văn hóa các ấp", "Ủy ban nhân dân xã", True),
            ("Lấy ý kiến người dân trước khi điều chỉnh mức đóng góp", "Ủy ban nhân dân xã", False),
        ],
    ),
    (
        "investment_board",
        "supervision",
        "Giám sát thi công tuyến đường liên ấp Mỹ Cẩm A – Mỹ Cẩm B",
        "Ban quản lý dự án xã",
        45,
        [("Bổ sung biển báo và rào chắn tại điểm thi công", "Ban quản lý dự án xã", True)],
    ),
    (
        "inspection_board",
        "supervision",
        "Giám sát việc tiếp nhận, trả kết quả hồ sơ tại bộ phận một cửa",
        "Bộ phận một cửa xã",
        70,
        [("Niêm yết thời hạn trả kết quả từng thủ tục", "Ủy ban nhân dân xã", False)],
    ),
    (
        "farmers_union",
        "social_critique",
        "Phản biện dự thảo đề án chuyển đổi cơ cấu cây trồng",
        "Ủy ban nhân dân xã",
        90,
        [("Bổ sung hỗ trợ giống cho hộ nghèo khi chuyển đổi", "Ủy ban nhân dân xã", False)],
    ),
]


def _figures(**cells) -> dict[str, Figure]:
    result = {}
    for key, value in cells.items():
        key = key.replace("__", ".")
        result[key] = Figure(text=value) if isinstance(value, str) else Figure(number=Decimal(value))
    return result


def _recorder(unit: Unit, officer_user, board_user):
    return officer_user if scoping.can(officer_user, Capability.RECORD, unit) else board_user


def _finish(fate: str | None, outcome, actor, board_user) -> None:
    if fate in ("submitted", "approved"):
        result = services.submission_submit(actor=actor, submission=outcome.submission)
        if fate == "approved" and result.submitted:
            services.submission_approve(actor=board_user, submission=result.submission, note="Số liệu khớp.")


def _fill(
    data_set: DataSet, unit: Unit, period: Period, actor, fate: str | None, board_user, **cells
) -> None:
    if not exists_during(unit, period) or period.is_future(timezone.localdate()):
        return
    outcome = services.submission_save(
        actor=actor, data_set=data_set, unit=unit, period=period, cells=_figures(**cells)
    )
    _finish(fate, outcome, actor, board_user)


@transaction.atomic
def demo_activities(*, province: Unit, communes: list, officer_user, board_user) -> None:
    """Fill a few periods for the demo province and communes (idempotent)."""
    catalogue.install()
    units = [province, *communes]
    if (
        Submission.objects.filter(unit__in=units).exists()
        or SupervisionActivity.objects.filter(unit__in=units).exists()
    ):
        return
    today = timezone.localdate()
    sets = {d.code: d for d in DataSet.objects.all()}

    dossiers = sets["ho-so-thu-tuc-hanh-chinh"]
    quarters = list(reversed([Period.of("quarter", today).shift(-1 - i) for i in range(3)]))
    for commune, rows, fates in zip(communes, DOSSIERS, DOSSIER_FATES, strict=False):
        actor = _recorder(commune, officer_user, board_user)
        for quarter, row, fate in zip(quarters, rows, fates, strict=True):
            if row is None:
                continue
            received, on_time, late, in_progress, returned = row
            _fill(
                dossiers,
                commune,
                quarter,
                actor,
                fate,
                board_user,
                received=received,
                settled_on_time=on_time,
                settled_late=late,
                in_progress=in_progress,
                returned=returned,
            )

    # Supervision: activities in the last finished half-year's window, then the form counted from them.
    half = Period.of("half_year", today).previous()
    first_day, last_day = half.dates(cutoff=True)
    commune = communes[0]
    actor = _recorder(commune, officer_user, board_user)
    for organiser, kind, title, subject, offset, recommendations in ACTIVITIES:
        held_on = min(first_day + datetime.timedelta(days=offset), last_day, today)
        if not commune.is_valid_on(held_on):
            continue
        activity = supervision.activity_record(
            actor=actor,
            unit=commune,
            organiser=organiser,
            kind=kind,
            title=title,
            subject=subject,
            held_on=held_on,
            findings="Cơ bản thực hiện đúng quy định; còn một số nội dung chưa công khai kịp thời.",
            recommendations=[
                (text, addressee, held_on + datetime.timedelta(days=30))
                for text, addressee, _settled in recommendations
            ],
        )
        for recommendation, (_text, _addressee, settled) in zip(
            activity.recommendations.order_by("pk"), recommendations, strict=True
        ):
            if settled:
                supervision.recommendation_update(
                    actor=actor,
                    recommendation=recommendation,
                    status="settled",
                    response="Đã thực hiện, báo cáo kết quả bằng văn bản.",
                    settled_on=min(held_on + datetime.timedelta(days=20), today),
                )
    if exists_during(commune, half) and supervision.recorded_counts(
        data_set=sets["giam-sat-phan-bien"], unit=commune, period=half
    ):
        outcome = services.submission_fill_from_activities(
            actor=actor, data_set=sets["giam-sat-phan-bien"], unit=commune, period=half
        )
        _finish("submitted", outcome, actor, board_user)

    training = sets["tap-huan"]
    _fill(
        training,
        commune,
        quarters[-1],
        actor,
        "submitted",
        board_user,
        conferences=2,
        participants__mobilisation_officials=46,
        participants__front_and_unions=61,
        participants__party_members=85,
    )

    # Grassroots democracy and the friendly-government rating: the last full year.
    year = Period.of("year", today).previous()
    _fill(
        sets["dan-chu-co-so"],
        province,
        year,
        board_user,
        "approved",
        board_user,
        agencies_total=412,
        agencies_held=398,
        enterprises_total=236,
        enterprises_held=191,
    )
    for commune, (score, satisfaction, rating) in zip(
        communes, [(92.5, 95, "tot"), (84, 88.5, "kha")], strict=False
    ):
        _fill(
            sets["chinh-quyen-than-thien"],
            commune,
            year,
            _recorder(commune, officer_user, board_user),
            "approved",
            board_user,
            self_score=score,
            satisfaction=satisfaction,
            rating=rating,
        )
