"""Demo of grassroots democracy on two real communes of the seeds' provinces, written through the
services as officials would: Cầu Ngang (Vĩnh Long, formerly Trà Vinh) and Tân Lạc (Phú Thọ, formerly
Hòa Bình), each with a year of postings up to today, consultations with opinions, decisions by the
households and a supervision board. Idempotent: nothing is written once Cầu Ngang has postings.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.activities.models import Recommendation
from danvan.units import services as unit_services
from danvan.units.choices import Level, Tree
from danvan.units.models import Unit

from . import services
from .models import ConsultationSubject, DecisionMatter, DisclosureCategory, DisclosureForm, Posting
from .periods import period_bounds

COMMUNES = (("Vĩnh Long", "Cầu Ngang"), ("Phú Thọ", "Tân Lạc"))
HAMLETS = {
    "Cầu Ngang": "Khóm Minh Thuận A\nKhóm Minh Thuận B\nẤp Mỹ Cẩm A\nẤp Mỹ Cẩm B",
    "Tân Lạc": "Xóm Mường Khến\nXóm Tân Thịnh\nXóm Bưng",
}


def _pdf(title: str) -> SimpleUploadedFile:
    """A one-page PDF whose text is the item's title (enough for the type check and a reader)."""
    text = title.encode("ascii", "replace").decode()
    stream = f"BT /F1 12 Tf 40 800 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return SimpleUploadedFile(f"{title[:40]}.pdf", body, content_type="application/pdf")


def _commune(province: str, name: str) -> Unit | None:
    return (
        Unit.objects.filter(
            tree=Tree.SINCE_2025,
            level=Level.COMMUNE,
            short_name=name,
            parent__short_name=province,
            valid_to__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def _hamlets(commune: Unit) -> list[Unit]:
    if not commune.children.filter(level=Level.HAMLET).exists():
        unit_services.hamlets_create(commune=commune, text=HAMLETS[commune.short_name])
    return list(commune.children.filter(level=Level.HAMLET).order_by("code"))


def _quarter_key(day: datetime.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def _previous_quarters(today: datetime.date, count: int) -> list[str]:
    keys, day = [], today.replace(day=1)
    while len(keys) < count:
        day = (day - datetime.timedelta(days=1)).replace(day=1)
        key = _quarter_key(day)
        if key != _quarter_key(today) and key not in keys:
            keys.append(key)
    return list(reversed(keys))


def _post(actor, unit, code: str, title: str, *, days_ago: int, late_by: int = 0, attach: bool = True, **kw):
    posted_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    category = DisclosureCategory.objects.get(code=code)
    forms = list(
        DisclosureForm.objects.filter(code__in=kw.pop("forms", ["niem-yet-tru-so", "cong-thong-tin"]))
    )
    if category.recurrence == "none":
        kw.setdefault("document_date", posted_on - datetime.timedelta(days=1 + late_by))
    posting = services.posting_record(
        actor=actor, unit=unit, category=category, title=title, posted_on=posted_on, forms=forms, **kw
    )
    if attach:
        services.attachment_add(actor=actor, posting=posting, upload=_pdf(title))
    return posting


def _board_of_postings(actor, commune: Unit, hamlets: list[Unit], label: str) -> None:
    today = timezone.localdate()
    quarters = _previous_quarters(today, 4)
    for index, key in enumerate(quarters):
        # Each quarter's execution is posted some days after the quarter; the third one late.
        end = period_bounds(key)[1]
        days_ago = (today - end).days - (35 if index == 2 else 10)
        _post(
            actor,
            commune,
            "thuc-hien-ngan-sach-quy",
            f"Tình hình thực hiện dự toán ngân sách {label} quý {key[-1]}/{key[:4]}",
            days_ago=max(days_ago, 1),
            period_key=key,
            summary="Thu ngân sách đạt kế hoạch quý; chi thường xuyên, chi đầu tư theo dự toán được giao.",
        )
    year = today.year - 1
    _post(
        actor,
        commune,
        "du-toan-ngan-sach",
        f"Dự toán ngân sách {label} năm {today.year}",
        days_ago=330,
        period_key=str(today.year - 1),
    )
    _post(
        actor,
        commune,
        "quyet-toan-ngan-sach",
        f"Quyết toán ngân sách {label} năm {year - 1}",
        days_ago=300,
        period_key=str(year - 1),
    )
    _post(
        actor,
        commune,
        "ke-hoach-kinh-te-xa-hoi",
        f"Kế hoạch phát triển kinh tế – xã hội {label} năm {today.year}",
        days_ago=320,
        period_key=str(today.year - 1),
    )
    _post(
        actor,
        commune,
        "quy-hoach-su-dung-dat",
        f"Kế hoạch sử dụng đất năm {today.year} của {label}",
        days_ago=250,
    )
    _post(
        actor,
        commune,
        "du-an-dau-tu",
        f"Dự án nâng cấp đường liên {hamlets[0].name} – {hamlets[1].name}",
        days_ago=200,
        hamlet=hamlets[0],
    )
    _post(
        actor,
        commune,
        "thu-tuc-hanh-chinh",
        "Danh mục thủ tục hành chính tiếp nhận tại bộ phận một cửa",
        days_ago=150,
        attach=False,
    )
    _post(
        actor,
        commune,
        "chinh-sach-an-sinh",
        f"Danh sách hộ nghèo, cận nghèo năm {today.year} (dự kiến)",
        days_ago=60,
        late_by=6,
    )
    _post(
        actor,
        commune,
        "phi-le-phi",
        "Mức thu phí chợ, lệ phí chứng thực",
        days_ago=40,
        attach=False,
        forms=["niem-yet-tru-so"],
    )
    _post(
        actor,
        commune,
        "dong-gop-cua-nhan-dan",
        "Kết quả vận động đóng góp xây dựng nhà văn hóa ấp",
        days_ago=20,
        period_end=today + datetime.timedelta(days=3),
        short_reason="Bảng tin nhà văn hóa được sửa chữa; nội dung tiếp tục đăng trên cổng thông tin.",
    )
    early = _post(
        actor,
        commune,
        "ket-luan-thanh-tra",
        "Kết luận kiểm tra việc quản lý quỹ đền ơn đáp nghĩa",
        days_ago=15,
    )
    services.posting_take_down(
        actor=actor,
        posting=early,
        taken_down_on=today - datetime.timedelta(days=2),
        reason="Bảng tin bị gió làm hỏng",
    )
    services.posting_record(
        actor=actor,
        unit=commune,
        category=DisclosureCategory.objects.get(code="thu-hoi-dat-boi-thuong"),
        title=f"Phương án bồi thường, hỗ trợ mở rộng đường {hamlets[1].name}",
        document_date=today - datetime.timedelta(days=12),
    )


def _consultations(actor, commune: Unit, hamlets: list[Unit]) -> None:
    today = timezone.localdate()
    closed = services.consultation_open(
        actor=actor,
        unit=commune,
        subject=ConsultationSubject.objects.get(code="du-thao-ke-hoach-ktxh"),
        title=f"Dự thảo kế hoạch phát triển kinh tế – xã hội năm {today.year + 1}",
        draft_text="Mục tiêu: thu nhập bình quân tăng 8%; 100% tuyến đường ấp được cứng hóa; "
        "giảm 1,5% hộ nghèo.",
        questions="Mục tiêu nào cần điều chỉnh?\nCông trình nào cần ưu tiên đầu tư?",
        opens_on=today - datetime.timedelta(days=40),
        closes_on=today - datetime.timedelta(days=20),
    )
    texts = [
        ("paper", "Ưu tiên nạo vét kênh thủy lợi trước mùa khô.", None),
        ("paper", "Đề nghị thêm đèn chiếu sáng tuyến đường ra chợ.", None),
        ("meeting", f"Hội nghị {hamlets[0].name}: đa số tán thành, đề nghị làm cầu bê tông.", (46, 41, 3)),
        ("meeting", f"Hội nghị {hamlets[1].name}: tán thành mục tiêu giảm nghèo.", (38, 35, 1)),
    ]
    opinions = []
    for channel, text, tally in texts:
        participants, agree, disagree = tally or (None, None, None)
        opinions.append(
            services.opinion_record(
                actor=actor,
                consultation=closed,
                channel=channel,
                text=text,
                received_on=today - datetime.timedelta(days=30),
                hamlet=hamlets[0] if channel == "meeting" else None,
                participants=participants,
                agree=agree,
                disagree=disagree,
            )
        )
    services.consultation_conclude(
        actor=actor,
        consultation=closed,
        summary="Nhận 4 ý kiến (2 phiếu, 2 hội nghị ấp với 84 người dự, 76 tán thành). "
        "Đa số tán thành dự thảo.",
        groups=[
            {
                "title": "Thủy lợi, giao thông",
                "response_kind": "accepted",
                "response": "Bổ sung nạo vét kênh và cầu bê tông vào danh mục công trình năm tới.",
                "opinion_ids": [opinions[0].pk, opinions[2].pk],
            },
            {
                "title": "Chiếu sáng đường ra chợ",
                "response_kind": "explained",
                "response": "Đã có trong dự án điện chiếu sáng do huyện đầu tư; dự kiến hoàn thành quý II.",
                "opinion_ids": [opinions[1].pk],
            },
        ],
        concluded_on=today - datetime.timedelta(days=15),
    )
    open_one = services.consultation_open(
        actor=actor,
        unit=commune,
        subject=ConsultationSubject.objects.get(code="nong-thon-moi"),
        title="Dự thảo đề án xây dựng xã nông thôn mới kiểu mẫu",
        draft_text="Tiêu chí: 100% hộ dùng nước sạch; mỗi ấp một mô hình phân loại rác tại nguồn; "
        "đường ấp có cây xanh.",
        questions="Anh, chị có đồng ý mức đóng góp 200.000 đồng/hộ cho trồng cây xanh?",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=25),
    )
    services.opinion_submit(consultation=open_one, text="Đồng ý, nhưng hộ nghèo nên được miễn đóng góp.")
    services.opinion_submit(consultation=open_one, text="Đề nghị thêm thùng rác công cộng ở chợ.")


def _decisions(actor, hamlets: list[Unit]) -> None:
    today = timezone.localdate()
    services.decision_record(
        actor=actor,
        unit=hamlets[2] if len(hamlets) > 2 else hamlets[0],
        matter=DecisionMatter.objects.get(code="huong-uoc"),
        title="Hương ước (sửa đổi): giữ gìn vệ sinh môi trường, tổ chức việc cưới, việc tang",
        method="meeting",
        held_on=today - datetime.timedelta(days=90),
        place="Nhà văn hóa ấp",
        households_entitled=212,
        households_present=151,
        votes_for=139,
        votes_against=9,
        ballots_invalid=0,
        minutes="Hội nghị đại diện hộ gia đình thông qua 5 chương, 24 điều; đề nghị UBND xã công nhận.",
    )
    services.decision_record(
        actor=actor,
        unit=hamlets[1],
        matter=DecisionMatter.objects.get(code="muc-dong-gop"),
        title="Mức đóng góp làm đường bê tông: 500.000 đồng/hộ",
        method="ballot",
        held_on=today - datetime.timedelta(days=45),
        households_entitled=180,
        households_present=132,
        votes_for=86,
        votes_against=40,
        ballots_invalid=6,
    )


def _board(actor, commune: Unit, kind: str, members, activities) -> None:
    today = timezone.localdate()
    board = services.board_form(
        actor=actor,
        unit=commune,
        kind=kind,
        term_start=today - datetime.timedelta(days=420),
        term_end=today + datetime.timedelta(days=680),
        recognised_by="Quyết định công nhận của Ban Thường trực Ủy ban MTTQ xã",
        members=members,
    )
    for title, subject, days_ago, findings, recommendations in activities:
        link = services.board_activity_record(
            actor=actor,
            board=board,
            title=title,
            subject=subject,
            held_on=today - datetime.timedelta(days=days_ago),
            findings=findings,
            recommendations=[
                (text, subject, today - datetime.timedelta(days=days_ago - 30)) for text, _ in recommendations
            ],
        )
        for recommendation, (_text, settled) in zip(
            Recommendation.objects.filter(activity=link.activity).order_by("pk"), recommendations, strict=True
        ):
            if settled:
                services.board_recommendation_update(
                    actor=actor,
                    recommendation=recommendation,
                    status="settled",
                    response="Đơn vị đã khắc phục và báo cáo bằng văn bản.",
                    settled_on=today - datetime.timedelta(days=days_ago - 20),
                )


def demo_democracy(*, actor) -> list[Unit]:
    """Write the demo; returns the communes it used (none when the units are not loaded)."""
    communes = [c for c in (_commune(p, n) for p, n in COMMUNES) if c is not None]
    if not communes or Posting.objects.filter(unit__in=communes).exists():
        return communes
    for commune in communes:
        hamlets = _hamlets(commune)
        label = commune.name.replace("Xã ", "xã ")
        _board_of_postings(actor, commune, hamlets, label)
        _consultations(actor, commune, hamlets)
        _decisions(actor, hamlets)
    _board(
        actor,
        communes[0],
        "inspection_board",
        [
            ("Thạch Thị Sa Rây", "head", "Ấp Mỹ Cẩm A"),
            ("Nguyễn Văn Lợi", "deputy", "Khóm Minh Thuận A"),
            ("Kim Sóc Kha", "member", "Ấp Mỹ Cẩm B"),
        ],
        [
            (
                "Giám sát việc thu, chi quỹ xây dựng nhà văn hóa ấp",
                "Ban nhân dân ấp Mỹ Cẩm A",
                75,
                "Chứng từ chi đầy đủ; chưa niêm yết công khai kết quả thu chi quý gần nhất.",
                [("Niêm yết công khai kết quả thu, chi tại nhà văn hóa ấp", True)],
            ),
            (
                "Giám sát việc giải quyết thủ tục hành chính tại bộ phận một cửa",
                "Ủy ban nhân dân xã",
                30,
                "Còn 3 hồ sơ trễ hẹn chưa có văn bản xin lỗi người dân.",
                [("Gửi văn bản xin lỗi và hẹn lại thời gian trả kết quả", False)],
            ),
        ],
    )
    if len(communes) > 1:
        _board(
            actor,
            communes[1],
            "investment_board",
            [("Bùi Văn Thắng", "head", "Xóm Mường Khến"), ("Đinh Thị Hoa", "member", "Xóm Tân Thịnh")],
            [
                (
                    "Giám sát thi công đường bê tông xóm Tân Thịnh",
                    "Ban quản lý dự án xã",
                    50,
                    "Mặt đường đúng thiết kế; thiếu biển báo thi công.",
                    [
                        ("Bổ sung biển báo, rào chắn tại điểm thi công", True),
                        ("Công khai dự toán công trình tại xóm", False),
                    ],
                ),
            ],
        )
    return communes
