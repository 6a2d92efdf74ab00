"""Demo data for the movement: a few realistic models at every step, a decision, a replication and a rating.

``demo_emulation`` goes through the same services as the pages, so every model has its
events, scores, decision and document fields. It does nothing when the province already
has models.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.units.services import organisations_ensure_standard

from . import defaults, ratings, services
from .choices import Field, Kind
from .models import EmulationModel
from .scoring import criteria_of

MODELS = [
    # (commune index, key, name, kind, field, owner, position, description, results)
    (
        0,
        "road",
        "Dân vận khéo trong xây dựng đường giao thông nông thôn",
        Kind.COLLECTIVE,
        Field.ECONOMY,
        "Ban Nhân dân ấp Mỹ Cẩm A",
        "",
        "Họp dân bàn phương án, công khai dự toán; vận động các hộ hiến đất mở rộng mặt đường, "
        "góp ngày công và tiền; Nhân dân cử tổ giám sát thi công.",
        "Bê tông hóa 3,2 km đường liên ấp; 46 hộ hiến 2.150 m² đất; Nhân dân đóng góp 1,1 tỷ đồng "
        "và 1.300 ngày công; không phát sinh khiếu nại.",
    ),
    (
        0,
        "camera",
        "Camera an ninh – “mắt thần” khu dân cư",
        Kind.COLLECTIVE,
        Field.DEFENCE_SECURITY,
        "Công an xã và Ban công tác Mặt trận khóm Minh Thuận A",
        "",
        "Vận động hộ kinh doanh, người dân góp kinh phí lắp camera tại các tuyến đường, giao lộ; "
        "kết nối về Công an xã.",
        "Lắp 24 camera; giảm 60% vụ trộm cắp vặt so với năm trước; hỗ trợ điều tra 5 vụ việc.",
    ),
    (
        1,
        "meals",
        "Bữa cơm nghĩa tình cho học sinh nghèo",
        Kind.COLLECTIVE,
        Field.CULTURE_SOCIETY,
        "Chi hội Phụ nữ ấp Bến Đáy",
        "",
        "Hội viên góp gạo, rau, thực phẩm; nấu bữa trưa miễn phí mỗi thứ Sáu cho học sinh "
        "có hoàn cảnh khó khăn.",
        "Duy trì 48 tuần liên tục; 120 học sinh được hỗ trợ mỗi tuần.",
    ),
    (
        1,
        "mediator",
        "Người hòa giải giỏi ở ấp Chợ",
        Kind.INDIVIDUAL,
        Field.POLITICAL_SYSTEM,
        "Thạch Sóc",
        "Tổ trưởng Tổ hòa giải ấp Chợ",
        "Kiên trì gặp gỡ từng bên, vận dụng hương ước và uy tín người có uy tín trong đồng bào Khmer.",
        "Hòa giải thành 17/19 vụ tranh chấp đất đai, mâu thuẫn gia đình trong năm; "
        "không có vụ khiếu kiện vượt cấp.",
    ),
    (
        0,
        "waste",
        "Chi hội Phụ nữ phân loại rác tại nguồn",
        Kind.COLLECTIVE,
        Field.CULTURE_SOCIETY,
        "Chi hội Phụ nữ khóm Minh Thuận B",
        "",
        "Hướng dẫn từng hộ phân loại rác hữu cơ làm phân bón, bán phế liệu gây quỹ hỗ trợ hội viên nghèo.",
        "",
    ),
    (
        1,
        "lane",
        "Tổ tự quản đường làng sáng – xanh – sạch",
        Kind.COLLECTIVE,
        Field.CULTURE_SOCIETY,
        "Tổ tự quản ấp Bến Đáy",
        "",
        "Các hộ tự quản đoạn đường trước nhà, trồng hoa, thắp đèn.",
        "",
    ),
]


def _points(model, share: Decimal) -> dict[int, Decimal]:
    return {c.pk: (c.max_points * share).quantize(Decimal("0.25")) for c in criteria_of(model.criteria_set)}


def _recorder(unit, officer_user, board_user):
    return officer_user if scoping.can(officer_user, Capability.RECORD, unit) else board_user


@transaction.atomic
def demo_emulation(*, province, communes: list, board_user, officer_user) -> None:
    """A handful of models on ``communes`` of ``province``; idempotent."""
    if EmulationModel.objects.filter(unit__path__under=province.path).exists():
        return
    defaults.install()
    for commune in communes:
        organisations_ensure_standard(unit=commune)
    today = timezone.localdate()
    last_year = today.year - 1
    registered_on = datetime.date(last_year, 3, 1)
    decided_last_year = datetime.date(last_year, 12, 15)
    decided_this_year = min(today, max(datetime.date(today.year, 1, 2), today - datetime.timedelta(days=7)))
    models = {}
    for index, key, name, kind, field, owner, position, description, results in MODELS:
        commune = communes[min(index, len(communes) - 1)]
        models[key] = services.model_register(
            actor=_recorder(commune, officer_user, board_user),
            unit=commune,
            name=name,
            kind=kind,
            field=field,
            owner_name=owner,
            owner_position=position,
            description=description,
            results=results,
            year=last_year if key in ("road", "camera") else today.year,
            period_start=registered_on if key in ("road", "camera") else None,
        )

    def through_appraisal(key, self_share, appraisal_share):
        model = models[key]
        services.model_self_assess(
            actor=_recorder(model.unit, officer_user, board_user),
            model=model,
            points=_points(model, self_share),
            comment="Đơn vị tự đánh giá theo bộ tiêu chí đang áp dụng.",
        )
        model.refresh_from_db()
        if appraisal_share is not None:
            services.model_appraise(
                actor=board_user,
                model=model,
                points=_points(model, appraisal_share),
                organisation="Ban Dân vận",
                comment="Mô hình có kết quả cụ thể, Nhân dân đồng tình.",
            )
            model.refresh_from_db()
        return model

    road = through_appraisal("road", Decimal("0.96"), Decimal("0.92"))
    services.model_decide(
        actor=board_user,
        model=road,
        recognised=True,
        level="province",
        decision_number="125-QĐ/TU",
        decision_date=decided_last_year,
        award="bang_khen",
        is_outstanding=True,
    )
    camera = through_appraisal("camera", Decimal("0.9"), Decimal("0.85"))
    services.model_decide(
        actor=board_user,
        model=camera,
        recognised=True,
        level="commune",
        decision_number="45-QĐ/ĐU",
        decision_date=decided_last_year,
        award="giay_khen",
    )
    through_appraisal("meals", Decimal("0.95"), Decimal("0.88"))
    through_appraisal("mediator", Decimal("0.9"), None)
    services.model_report_quarter(
        actor=_recorder(models["waste"].unit, officer_user, board_user),
        model=models["waste"],
        year=today.year,
        quarter=(today.month - 1) // 3 + 1,
        text="42 hộ tham gia phân loại rác; thu gom 1,2 tấn phế liệu, gây quỹ 6 triệu đồng.",
    )
    lane = through_appraisal("lane", Decimal("0.8"), Decimal("0.62"))
    services.model_decide(
        actor=board_user,
        model=lane,
        recognised=False,
        note="Mô hình mới triển khai, chưa đủ thời gian chứng minh hiệu quả; đề nghị tiếp tục duy trì.",
    )
    # The road model is learned from in the second commune and recognised there this year.
    if len(communes) > 1:
        copy = services.model_register(
            actor=_recorder(communes[1], officer_user, board_user),
            unit=communes[1],
            name="Đường giao thông do dân làm, dân giám sát",
            kind=Kind.COLLECTIVE,
            field=Field.ECONOMY,
            owner_name="Ban Nhân dân ấp Chợ",
            description="Học tập cách làm của ấp Mỹ Cẩm A: họp dân, công khai, Nhân dân giám sát thi công.",
            results="Bê tông hóa 1,4 km đường; 19 hộ hiến đất.",
            replicated_from=EmulationModel.objects.get(pk=road.pk),
        )
        models["copy"] = copy
        copy = through_appraisal("copy", Decimal("0.9"), Decimal("0.86"))
        services.model_decide(
            actor=board_user,
            model=copy,
            recognised=True,
            level="province",
            decision_number="18-QĐ/TU",
            decision_date=decided_this_year,
            award="giay_khen",
        )
    rating = ratings.rating_open(
        actor=_recorder(communes[0], officer_user, board_user), unit=communes[0], year=last_year
    )
    recorder = _recorder(communes[0], officer_user, board_user)
    ratings.rating_self_assess(
        actor=recorder, rating=rating, points={c.pk: c.max_points for c in criteria_of(rating.criteria_set)}
    )
    if ratings.may_appraise(board_user, rating):
        ratings.rating_appraise(
            actor=board_user,
            rating=rating,
            points={
                c.pk: (c.max_points * Decimal("0.9")).quantize(Decimal("0.25"))
                for c in criteria_of(rating.criteria_set)
            },
            organisation="Ban Dân vận",
        )
        ratings.rating_decide(
            actor=board_user,
            rating=rating,
            rated=True,
            decision_number="130-QĐ/TU",
            decision_date=decided_last_year,
        )
