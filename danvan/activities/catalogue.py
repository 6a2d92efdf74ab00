"""The data sets the product ships with, declared as data and installed by a migration.

They follow the seed reports: Tân Lạc's "friendly government" dossiers, Hà Nam's
supervisions and social critique by the Front, the organisations, the people's
councils and the two community boards, training conferences, grassroots
democracy conferences in agencies and enterprises, and the yearly rating of
commune governments. Administrators change them in the admin afterwards;
``install`` only adds what is missing, so it never overwrites their edits.
"""

from __future__ import annotations

from collections.abc import Callable

P, D, C = "province", "district", "commune"

OPTION_SETS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "organiser": (
        "Chủ thể giám sát, phản biện",
        [
            ("fatherland_front", "Mặt trận Tổ quốc"),
            ("womens_union", "Hội Liên hiệp Phụ nữ"),
            ("youth_union", "Đoàn Thanh niên"),
            ("farmers_union", "Hội Nông dân"),
            ("veterans_association", "Hội Cựu chiến binh"),
            ("trade_union", "Công đoàn"),
            ("peoples_council", "Hội đồng nhân dân"),
            ("inspection_board", "Ban Thanh tra nhân dân"),
            ("investment_board", "Ban Giám sát đầu tư của cộng đồng"),
        ],
    ),
    "trainee_kind": (
        "Đối tượng tập huấn",
        [
            ("mobilisation_officials", "Cán bộ làm công tác dân vận"),
            ("front_and_unions", "Cán bộ Mặt trận, đoàn thể"),
            ("government_officials", "Cán bộ, công chức chính quyền"),
            ("party_members", "Đảng viên"),
            ("others", "Người dân và đối tượng khác"),
        ],
    ),
    "friendly_rating": (
        "Mức xếp loại chính quyền thân thiện",
        [("tot", "Tốt"), ("kha", "Khá"), ("dat", "Đạt"), ("chua_dat", "Chưa đạt")],
    ),
}

# Element: (code, name, short name, value type, breakdown, option set, required, source, help, min, max)
DATA_SETS: list[dict] = [
    {
        "code": "ho-so-thu-tuc-hanh-chinh",
        "name": "Hồ sơ thủ tục hành chính",
        "description": "Phong trào “Chính quyền thân thiện vì Nhân dân phục vụ”: hồ sơ thủ tục hành chính "
        "tiếp nhận và giải quyết trong kỳ tại bộ phận một cửa.",
        "period_type": "quarter",
        "levels": [P, D, C],
        "days_to_submit": 10,
        "uses_cutoff": True,
        "elements": [
            (
                "received",
                "Tổng số hồ sơ tiếp nhận",
                "Tiếp nhận",
                "integer",
                None,
                None,
                True,
                "",
                "Gồm hồ sơ kỳ trước chuyển sang và hồ sơ mới tiếp nhận trong kỳ "
                "(trực tiếp, trực tuyến, bưu chính).",
                None,
                None,
            ),
            (
                "settled_on_time",
                "Đã giải quyết đúng hạn, trước hạn",
                "Đúng hạn",
                "integer",
                None,
                None,
                True,
                "",
                "",
                None,
                None,
            ),
            (
                "settled_late",
                "Đã giải quyết quá hạn",
                "Quá hạn",
                "integer",
                None,
                None,
                True,
                "",
                "",
                None,
                None,
            ),
            (
                "in_progress",
                "Đang giải quyết",
                "Đang giải quyết",
                "integer",
                None,
                None,
                True,
                "",
                "Hồ sơ còn trong hạn hoặc đã quá hạn nhưng chưa có kết quả khi chốt số liệu.",
                None,
                None,
            ),
            (
                "returned",
                "Trả lại, từ chối giải quyết",
                "Trả lại",
                "integer",
                None,
                None,
                False,
                "",
                "Hồ sơ trả lại cho tổ chức, cá nhân vì không đủ điều kiện giải quyết.",
                None,
                None,
            ),
        ],
        "rules": [
            (
                "Đã giải quyết không vượt số tiếp nhận",
                "settled_on_time + settled_late",
                "<=",
                "received",
                "high",
                "Số hồ sơ đã giải quyết (đúng hạn và quá hạn) không được lớn hơn tổng số hồ sơ tiếp nhận.",
                False,
                "skip_if_all_missing",
            ),
            (
                "Đã và đang giải quyết không vượt số tiếp nhận",
                "settled_on_time + settled_late + in_progress",
                "<=",
                "received",
                "high",
                "Số hồ sơ đã giải quyết cộng đang giải quyết không được lớn hơn tổng số hồ sơ tiếp nhận.",
                False,
                "skip_if_all_missing",
            ),
            (
                "Các phần cộng lại bằng tổng",
                "settled_on_time + settled_late + in_progress + returned",
                "==",
                "received",
                "medium",
                "Hồ sơ đã giải quyết, đang giải quyết và trả lại chưa cộng lại bằng tổng số hồ sơ tiếp nhận.",
                False,
                "skip_if_all_missing",
            ),
        ],
    },
    {
        "code": "giam-sat-phan-bien",
        "name": "Giám sát và phản biện xã hội",
        "description": "Hoạt động giám sát, phản biện xã hội của Mặt trận Tổ quốc, các đoàn thể, "
        "Hội đồng nhân "
        "dân, Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng; kiến nghị sau giám sát và kết quả "
        "giải quyết. Các cuộc giám sát đã ghi nhận được đếm vào đây.",
        "period_type": "half_year",
        "levels": [P, D, C],
        "days_to_submit": 15,
        "uses_cutoff": True,
        "elements": [
            (
                "supervisions",
                "Số cuộc giám sát",
                "Giám sát",
                "integer",
                "organiser",
                None,
                False,
                "supervision.activities",
                "",
                None,
                None,
            ),
            (
                "critiques",
                "Số hội nghị phản biện xã hội",
                "Phản biện",
                "integer",
                "organiser",
                None,
                False,
                "supervision.critiques",
                "",
                None,
                None,
            ),
            (
                "recommendations",
                "Số kiến nghị sau giám sát, phản biện",
                "Kiến nghị",
                "integer",
                "organiser",
                None,
                False,
                "supervision.recommendations",
                "",
                None,
                None,
            ),
            (
                "recommendations_settled",
                "Số kiến nghị đã được giải quyết",
                "Đã giải quyết",
                "integer",
                "organiser",
                None,
                False,
                "supervision.recommendations_settled",
                "",
                None,
                None,
            ),
        ],
        "rules": [
            (
                "Kiến nghị đã giải quyết không vượt số kiến nghị",
                "recommendations_settled",
                "<=",
                "recommendations",
                "high",
                "Số kiến nghị đã được giải quyết không được lớn hơn số kiến nghị đã đưa ra.",
                True,
                "skip_if_all_missing",
            ),
        ],
    },
    {
        "code": "tap-huan",
        "name": "Tập huấn, bồi dưỡng nghiệp vụ dân vận",
        "description": "Hội nghị, lớp tập huấn, bồi dưỡng nghiệp vụ công tác dân vận "
        "và số lượt người tham dự "
        "theo đối tượng.",
        "period_type": "quarter",
        "levels": [P, D, C],
        "days_to_submit": 10,
        "uses_cutoff": True,
        "elements": [
            (
                "conferences",
                "Số hội nghị, lớp tập huấn, bồi dưỡng",
                "Số lớp",
                "integer",
                None,
                None,
                True,
                "",
                "",
                None,
                None,
            ),
            (
                "participants",
                "Số lượt người tham dự",
                "Người tham dự",
                "integer",
                "trainee_kind",
                None,
                False,
                "",
                "",
                None,
                None,
            ),
        ],
        "rules": [
            (
                "Có lớp thì có người tham dự",
                "participants",
                ">=",
                "conferences",
                "medium",
                "Số lượt người tham dự ít hơn số hội nghị, lớp tập huấn; hãy kiểm tra lại số người tham dự.",
                False,
                "skip_if_all_missing",
            ),
        ],
    },
    {
        "code": "dan-chu-co-so",
        "name": "Thực hiện dân chủ ở cơ sở",
        "description": "Luật Thực hiện dân chủ ở cơ sở 2022: hội nghị cán bộ, công chức, viên chức "
        "ở cơ quan, "
        "đơn vị và hội nghị người lao động ở doanh nghiệp có tổ chức công đoàn.",
        "period_type": "year",
        "levels": [P, D, C],
        "days_to_submit": 20,
        "uses_cutoff": True,
        "elements": [
            (
                "agencies_total",
                "Tổng số cơ quan, đơn vị hành chính, sự nghiệp",
                "Cơ quan, đơn vị",
                "integer",
                None,
                None,
                True,
                "",
                "",
                None,
                None,
            ),
            (
                "agencies_held",
                "Số cơ quan, đơn vị đã tổ chức hội nghị cán bộ, công chức, viên chức",
                "Đã tổ chức hội nghị CBCCVC",
                "integer",
                None,
                None,
                True,
                "",
                "",
                None,
                None,
            ),
            (
                "enterprises_total",
                "Số doanh nghiệp có tổ chức công đoàn",
                "Doanh nghiệp có công đoàn",
                "integer",
                None,
                None,
                False,
                "",
                "",
                None,
                None,
            ),
            (
                "enterprises_held",
                "Số doanh nghiệp có công đoàn đã tổ chức hội nghị người lao động",
                "Đã tổ chức hội nghị người lao động",
                "integer",
                None,
                None,
                False,
                "",
                "",
                None,
                None,
            ),
        ],
        "rules": [
            (
                "Cơ quan đã tổ chức không vượt tổng số",
                "agencies_held",
                "<=",
                "agencies_total",
                "high",
                "Số cơ quan, đơn vị đã tổ chức hội nghị không được lớn hơn tổng số cơ quan, đơn vị.",
                False,
                "skip_if_all_missing",
            ),
            (
                "Doanh nghiệp đã tổ chức không vượt tổng số",
                "enterprises_held",
                "<=",
                "enterprises_total",
                "high",
                "Số doanh nghiệp đã tổ chức hội nghị người lao động không được lớn hơn "
                "số doanh nghiệp có công đoàn.",
                False,
                "skip_if_all_missing",
            ),
        ],
    },
    {
        "code": "chinh-quyen-than-thien",
        "name": "Xếp loại chính quyền thân thiện cấp xã",
        "description": "Kết quả đánh giá, xếp loại chính quyền cấp xã "
        "“thân thiện vì Nhân dân phục vụ” mỗi năm: "
        "xã tự chấm điểm, cấp trên thẩm định và phê duyệt xếp loại.",
        "period_type": "year",
        "levels": [C],
        "days_to_submit": 30,
        "uses_cutoff": False,
        "elements": [
            (
                "self_score",
                "Điểm tự chấm",
                "Điểm tự chấm",
                "number",
                None,
                None,
                True,
                "",
                "Thang điểm 100 theo bộ tiêu chí của tỉnh.",
                0,
                100,
            ),
            (
                "satisfaction",
                "Tỷ lệ người dân hài lòng (%)",
                "Hài lòng (%)",
                "percent",
                None,
                None,
                False,
                "",
                "Theo khảo sát sự hài lòng của người dân trong năm.",
                None,
                None,
            ),
            (
                "rating",
                "Kết quả xếp loại",
                "Xếp loại",
                "option",
                None,
                "friendly_rating",
                True,
                "",
                "",
                None,
                None,
            ),
        ],
        "rules": [],
    },
]


def install(get_model: Callable[[str], type] | None = None) -> None:
    """Create the shipped option sets and data sets, adding only what is missing."""
    if get_model is None:
        from django.apps import apps

        def get_model(name: str):
            return apps.get_model("activities", name)

    option_set_model, option_model = get_model("OptionSet"), get_model("Option")
    data_set_model, element_model, rule_model = (
        get_model("DataSet"),
        get_model("DataElement"),
        get_model("ValidationRule"),
    )
    option_sets = {}
    for code, (name, options) in OPTION_SETS.items():
        option_set, _created = option_set_model.objects.get_or_create(code=code, defaults={"name": name})
        option_sets[code] = option_set
        existing = set(option_model.objects.filter(option_set=option_set).values_list("code", flat=True))
        for order, (option_code, option_name) in enumerate(options, start=1):
            if option_code not in existing:
                option_model.objects.create(
                    option_set=option_set, code=option_code, name=option_name, sort_order=order * 10
                )
    for order, spec in enumerate(DATA_SETS, start=1):
        data_set, _created = data_set_model.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "period_type": spec["period_type"],
                "levels": spec["levels"],
                "days_to_submit": spec["days_to_submit"],
                "uses_cutoff": spec["uses_cutoff"],
                "sort_order": order * 10,
            },
        )
        existing = set(element_model.objects.filter(data_set=data_set).values_list("code", flat=True))
        for position, element in enumerate(spec["elements"], start=1):
            code, name, short, value_type, breakdown, option_set, required, source, help_text, low, high = (
                element
            )
            if code in existing:
                continue
            element_model.objects.create(
                data_set=data_set,
                code=code,
                name=name,
                short_name=short,
                value_type=value_type,
                breakdown=option_sets[breakdown] if breakdown else None,
                option_set=option_sets[option_set] if option_set else None,
                is_required=required,
                source=source,
                help_text=help_text,
                min_value=low,
                max_value=high,
                sort_order=position * 10,
            )
        existing = set(rule_model.objects.filter(data_set=data_set).values_list("name", flat=True))
        for position, rule in enumerate(spec["rules"], start=1):
            name, left, operator, right, importance, message, per_option, missing = rule
            if name in existing:
                continue
            rule_model.objects.create(
                data_set=data_set,
                name=name,
                left=left,
                operator=operator,
                right=right,
                importance=importance,
                message=message,
                per_option=per_option,
                missing_value_strategy=missing,
                sort_order=position * 10,
            )
