"""The system's default criteria sets, one per subject, on 100 points.

Modelled on the criteria provincial and district Mass Mobilisation Boards publish for
the "Dân vận khéo" movement: registration and organisation, people's participation,
effectiveness, innovation, durability and replicability for models; for commune party
organisations and agencies, leadership of mass-mobilisation work, grassroots democracy,
handling citizens' opinions and the movement itself. A board copies one into its own
version and adapts it.

``install_defaults`` takes the model classes as arguments so the data migration can
pass its historical models and the demo and tests the real ones; it is idempotent.
"""

from __future__ import annotations

from decimal import Decimal

# (code, title, [(code, text, max points, evidence)])
COLLECTIVE = [
    (
        "I",
        "Đăng ký, xây dựng kế hoạch và tổ chức thực hiện",
        [
            (
                "1.1",
                "Có đăng ký mô hình với cấp ủy; kế hoạch có mục tiêu, nội dung, cách làm, "
                "thời gian cụ thể, phù hợp thực tiễn địa phương.",
                5,
                "Bản đăng ký, kế hoạch thực hiện mô hình",
            ),
            (
                "1.2",
                "Phân công rõ cơ quan, tổ chức, cá nhân chủ trì và phối hợp; có sự tham gia của "
                "chính quyền, Mặt trận Tổ quốc và các đoàn thể.",
                5,
                "Văn bản phân công, quy chế phối hợp",
            ),
            (
                "1.3",
                "Tuyên truyền, vận động để Nhân dân hiểu, đồng thuận với mục tiêu của mô hình.",
                5,
                "Biên bản họp dân, tài liệu tuyên truyền",
            ),
        ],
    ),
    (
        "II",
        "Sự tham gia của Nhân dân",
        [
            (
                "2.1",
                "Thu hút đông đảo Nhân dân tham gia; phát huy phương châm “dân biết, dân bàn, dân làm, "
                "dân kiểm tra, dân giám sát, dân thụ hưởng”.",
                10,
                "Danh sách hộ, người tham gia; biên bản bàn bạc",
            ),
            (
                "2.2",
                "Huy động được nguồn lực trong Nhân dân (ngày công, tiền, vật tư, hiến đất…) và xã hội hóa.",
                10,
                "Sổ theo dõi đóng góp, công khai tài chính",
            ),
            (
                "2.3",
                "Nhân dân đồng tình, hài lòng với kết quả của mô hình.",
                5,
                "Phiếu lấy ý kiến, biên bản nghiệm thu có đại diện Nhân dân",
            ),
        ],
    ),
    (
        "III",
        "Hiệu quả của mô hình",
        [
            (
                "3.1",
                "Đạt hoặc vượt mục tiêu đề ra; kết quả được lượng hóa bằng số liệu cụ thể.",
                15,
                "Báo cáo kết quả, số liệu trước và sau khi thực hiện",
            ),
            (
                "3.2",
                "Mang lại lợi ích thiết thực về kinh tế, văn hóa – xã hội, quốc phòng – an ninh "
                "hoặc xây dựng hệ thống chính trị ở cơ sở.",
                10,
                "Báo cáo, hình ảnh",
            ),
            (
                "3.3",
                "Góp phần giải quyết vấn đề bức xúc ở cơ sở; củng cố mối quan hệ mật thiết giữa Đảng, "
                "chính quyền với Nhân dân.",
                10,
                "Báo cáo, xác nhận của cấp ủy cơ sở",
            ),
        ],
    ),
    (
        "IV",
        "Tính mới, sáng tạo",
        [
            (
                "4.1",
                "Cách làm mới, sáng tạo, phù hợp đặc điểm địa phương, đơn vị; dễ hiểu, dễ làm.",
                10,
                "Thuyết minh cách làm",
            ),
        ],
    ),
    (
        "V",
        "Tính bền vững và khả năng nhân rộng",
        [
            (
                "5.1",
                "Mô hình được duy trì thường xuyên, hiệu quả từ 01 năm trở lên.",
                5,
                "Báo cáo định kỳ (hằng quý) của đơn vị",
            ),
            (
                "5.2",
                "Có khả năng nhân rộng; đã được học tập, áp dụng ở địa bàn, đơn vị khác.",
                10,
                "Văn bản chỉ đạo nhân rộng, báo cáo nơi áp dụng",
            ),
        ],
    ),
]

INDIVIDUAL = [
    (
        "I",
        "Phẩm chất, uy tín",
        [
            (
                "1.1",
                "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước "
                "và quy định của địa phương.",
                10,
                "Nhận xét của cấp ủy, chi bộ nơi cư trú hoặc công tác",
            ),
            (
                "1.2",
                "Có uy tín, được Nhân dân tin yêu; sống gần dân, trọng dân, có trách nhiệm với dân.",
                10,
                "Ý kiến của Ban công tác Mặt trận, các đoàn thể",
            ),
        ],
    ),
    (
        "II",
        "Cách làm, phương pháp vận động Nhân dân",
        [
            (
                "2.1",
                "Có cách làm hay, sáng tạo trong tuyên truyền, vận động Nhân dân.",
                15,
                "Thuyết minh cách làm",
            ),
            (
                "2.2",
                "Trực tiếp tham gia, nêu gương, lôi cuốn Nhân dân cùng làm.",
                15,
                "Hình ảnh, báo cáo",
            ),
        ],
    ),
    (
        "III",
        "Kết quả, hiệu quả",
        [
            (
                "3.1",
                "Kết quả cụ thể, được lượng hóa (công trình, hộ thoát nghèo, vụ việc hòa giải thành…).",
                20,
                "Số liệu, xác nhận của chính quyền cơ sở",
            ),
            (
                "3.2",
                "Tác động tích cực đến cộng đồng, góp phần thực hiện nhiệm vụ chính trị ở địa phương.",
                15,
                "Báo cáo, ý kiến của Nhân dân",
            ),
        ],
    ),
    (
        "IV",
        "Sức lan tỏa",
        [
            (
                "4.1",
                "Được cộng đồng học tập, làm theo; được giới thiệu, biểu dương.",
                15,
                "Bài viết, văn bản biểu dương",
            ),
        ],
    ),
]

COMMUNE_PARTY = [
    (
        "I",
        "Lãnh đạo, chỉ đạo công tác dân vận",
        [
            (
                "1.1",
                "Ban hành nghị quyết, kế hoạch thực hiện công tác dân vận và phong trào thi đua "
                "“Dân vận khéo” trong năm.",
                10,
                "Nghị quyết, kế hoạch",
            ),
            (
                "1.2",
                "Kiện toàn Khối dân vận, phân công cấp ủy viên phụ trách; duy trì giao ban định kỳ.",
                5,
                "Quyết định kiện toàn, biên bản giao ban",
            ),
            (
                "1.3",
                "Kiểm tra, giám sát, sơ kết, tổng kết công tác dân vận.",
                5,
                "Báo cáo sơ kết, tổng kết",
            ),
        ],
    ),
    (
        "II",
        "Thực hiện dân chủ ở cơ sở",
        [
            (
                "2.1",
                "Thực hiện Luật Thực hiện dân chủ ở cơ sở: công khai, Nhân dân bàn và quyết định, "
                "tham gia ý kiến, kiểm tra, giám sát.",
                10,
                "Văn bản công khai, biên bản hội nghị",
            ),
            (
                "2.2",
                "Người đứng đầu cấp ủy, chính quyền đối thoại trực tiếp với Nhân dân theo quy định.",
                10,
                "Kế hoạch, biên bản hội nghị đối thoại",
            ),
        ],
    ),
    (
        "III",
        "Tiếp nhận, giải quyết ý kiến, kiến nghị của Nhân dân",
        [
            ("3.1", "Tiếp công dân định kỳ đúng quy định.", 5, "Sổ tiếp công dân"),
            (
                "3.2",
                "Giải quyết kịp thời ý kiến, kiến nghị; không để khiếu kiện đông người, vượt cấp, "
                "không phát sinh “điểm nóng”.",
                15,
                "Báo cáo kết quả giải quyết",
            ),
        ],
    ),
    (
        "IV",
        "Phong trào thi đua “Dân vận khéo”",
        [
            (
                "4.1",
                "Có mô hình, điển hình “Dân vận khéo” được công nhận trong năm.",
                10,
                "Quyết định công nhận",
            ),
            ("4.2", "Mô hình được duy trì, nhân rộng.", 5, "Báo cáo"),
            (
                "4.3",
                "Xây dựng chính quyền thân thiện vì Nhân dân phục vụ; hồ sơ thủ tục hành chính "
                "giải quyết đúng hạn.",
                10,
                "Số liệu một cửa",
            ),
        ],
    ),
    (
        "V",
        "Kết quả thực hiện nhiệm vụ chính trị",
        [
            (
                "5.1",
                "Hoàn thành các chỉ tiêu kinh tế – xã hội, quốc phòng – an ninh của năm.",
                10,
                "Báo cáo kinh tế – xã hội",
            ),
            (
                "5.2",
                "Tổ chức đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên.",
                5,
                "Kết quả xếp loại",
            ),
        ],
    ),
]

AGENCY = [
    (
        "I",
        "Lãnh đạo, chỉ đạo công tác dân vận của cơ quan",
        [
            ("1.1", "Có kế hoạch thực hiện công tác dân vận và phong trào “Dân vận khéo”.", 10, "Kế hoạch"),
            ("1.2", "Phân công lãnh đạo phụ trách; kiểm tra, sơ kết định kỳ.", 10, "Báo cáo"),
        ],
    ),
    (
        "II",
        "Thực hiện dân chủ trong cơ quan",
        [("2.1", "Thực hiện quy chế dân chủ trong hoạt động của cơ quan.", 20, "Quy chế, biên bản hội nghị")],
    ),
    (
        "III",
        "Phục vụ Nhân dân, doanh nghiệp",
        [
            (
                "3.1",
                "Cải cách hành chính; giải quyết hồ sơ đúng hạn, công khai, minh bạch.",
                15,
                "Số liệu giải quyết hồ sơ",
            ),
            (
                "3.2",
                "Tác phong, thái độ phục vụ; không có phản ánh tiêu cực của người dân, doanh nghiệp.",
                15,
                "Kết quả khảo sát sự hài lòng",
            ),
        ],
    ),
    (
        "IV",
        "Tham gia phong trào “Dân vận khéo”",
        [("4.1", "Có mô hình, điển hình được công nhận hoặc nhân rộng.", 20, "Quyết định công nhận")],
    ),
    (
        "V",
        "Kỷ luật, kỷ cương",
        [("5.1", "Không có cán bộ, công chức vi phạm kỷ luật; không có đơn thư vượt cấp.", 10, "Báo cáo")],
    ),
]

MODEL_GRADES = [("Xuất sắc", 90, True), ("Đạt", 80, True), ("Chưa đạt", 0, False)]
RATING_GRADES = [("“Dân vận khéo” xuất sắc", 90, True), ("“Dân vận khéo”", 80, True), ("Chưa đạt", 0, False)]

DEFAULT_SETS = {
    "collective_model": ("Bộ tiêu chí mô hình tập thể “Dân vận khéo”", COLLECTIVE, MODEL_GRADES),
    "individual_model": ("Bộ tiêu chí điển hình cá nhân “Dân vận khéo”", INDIVIDUAL, MODEL_GRADES),
    "commune_party": (
        "Bộ tiêu chí đánh giá tổ chức cơ sở đảng cấp xã “Dân vận khéo”",
        COMMUNE_PARTY,
        RATING_GRADES,
    ),
    "agency": ("Bộ tiêu chí đánh giá cơ quan, đơn vị “Dân vận khéo”", AGENCY, RATING_GRADES),
}
DESCRIPTION = (
    "Bộ tiêu chí mặc định của hệ thống (thang điểm 100). Ban Dân vận các cấp sao chép thành "
    "phiên bản của đơn vị mình và điều chỉnh theo hướng dẫn của cấp ủy."
)


def install_defaults(CriteriaSet, CriteriaGroup, Criterion, GradeBand) -> int:
    """Create the default set of each subject that has none; returns how many were created."""
    created = 0
    for subject, (name, groups, grades) in DEFAULT_SETS.items():
        if CriteriaSet.objects.filter(subject=subject, unit__isnull=True).exists():
            continue
        criteria_set = CriteriaSet.objects.create(
            subject=subject, version=1, name=name, description=DESCRIPTION, status="published"
        )
        for group_order, (group_code, title, criteria) in enumerate(groups, start=1):
            group = CriteriaGroup.objects.create(
                criteria_set=criteria_set, order=group_order, code=group_code, title=title
            )
            for order, (code, text, points, evidence) in enumerate(criteria, start=1):
                Criterion.objects.create(
                    group=group,
                    order=order,
                    code=code,
                    text=text,
                    max_points=Decimal(points),
                    evidence=evidence,
                )
        for label, min_points, qualifies in grades:
            GradeBand.objects.create(
                criteria_set=criteria_set, label=label, min_points=Decimal(min_points), qualifies=qualifies
            )
        created += 1
    return created


def install(apps=None) -> int:
    """``install_defaults`` with the real models (``apps`` given: the historical ones)."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    return install_defaults(
        *(
            apps.get_model("emulation", name)
            for name in ("CriteriaSet", "CriteriaGroup", "Criterion", "GradeBand")
        )
    )
