"""The demo data set that ``make run`` loads: an administrator and a few personas on the real tree.

Idempotent: running it again creates nothing new and keeps the passwords.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.activities.demo import demo_activities
from danvan.emulation.demo import demo_emulation
from danvan.meetings.models import Meeting
from danvan.petitions.models import Petition
from danvan.units import services as unit_services
from danvan.units.choices import HamletKind, Level, OrganisationKind, Tree
from danvan.units.models import Organisation, Unit

User = get_user_model()

DEMO_PROVINCE = "Vĩnh Long"  # since 2025 it includes the former Trà Vinh, home of the Cầu Ngang seed
DEMO_COMMUNES = ("Cầu Ngang", "Hiệp Mỹ")
DEMO_HAMLETS = {
    "Cầu Ngang": "Khóm Minh Thuận A\nKhóm Minh Thuận B\nẤp Mỹ Cẩm A\nẤp Mỹ Cẩm B",
    "Hiệp Mỹ": "Ấp Bến Đáy\nẤp Chợ",
}


@dataclass
class DemoLogin:
    username: str
    description: str


def demo_password() -> str:
    password_file = settings.VAR_DIR / "demo_password"
    if not password_file.exists():
        password_file.write_text(secrets.token_urlsafe(9))
        password_file.chmod(0o600)
    return password_file.read_text().strip()


def _user(username: str, full_name: str, password: str, *, superuser: bool = False):
    user = User.objects.filter(username=username).first()
    if user is None:
        first, _sep, last = full_name.rpartition(" ")
        user = User(username=username, first_name=first, last_name=last, email=f"{username}@example.invalid")
        user.is_staff = user.is_superuser = superuser
        user.set_password(password)
        user.save()
    return user


def _member(user, unit: Unit, role: str, organisation=None) -> None:
    Membership.objects.get_or_create(
        user=user, unit=unit, role=role, is_active=True, defaults={"organisation": organisation}
    )


@transaction.atomic
def demo_setup() -> list[DemoLogin]:
    """Create the demo administrator and personas; needs ``load_units`` first."""
    password = demo_password()
    nation = Unit.objects.get(level=Level.NATION)
    province = Unit.objects.get(tree=Tree.SINCE_2025, level=Level.PROVINCE, short_name=DEMO_PROVINCE)
    communes = [
        Unit.objects.get(tree=Tree.SINCE_2025, level=Level.COMMUNE, parent=province, short_name=name)
        for name in DEMO_COMMUNES
    ]
    for unit in [province, *communes]:
        unit_services.organisations_ensure_standard(unit=unit)
    for commune in communes:
        if not commune.children.exists():
            unit_services.hamlets_create(
                commune=commune, text=DEMO_HAMLETS[commune.short_name], default_kind=HamletKind.AP
            )
    admin = _user("admin", "Quản trị Hệ thống", password, superuser=True)
    _member(admin, nation, Role.ADMIN)
    board = _user("tinh.vinhlong", "Ban Dân vận Tỉnh ủy", password)
    _member(board, province, Role.BOARD)
    _member(board, province, Role.ADMIN)
    officer_a = _user("xa.caungang", "Cán bộ Cầu Ngang", password)
    _member(officer_a, communes[0], Role.OFFICER)
    officer_b = _user("xa.hiepmy", "Cán bộ Hiệp Mỹ", password)
    _member(officer_b, communes[1], Role.OFFICER)
    committee = Organisation.objects.get(unit=communes[0], kind=OrganisationKind.PEOPLES_COMMITTEE)
    handler = _user("ubnd.caungang", "Chủ tịch UBND Cầu Ngang", password)
    _member(handler, communes[0], Role.HANDLER, organisation=committee)
    if not Petition.objects.filter(unit__in=[*communes, *Unit.objects.filter(parent__in=communes)]).exists():
        _demo_petitions(officer_a, officer_b, handler, communes, committee)
    if not Meeting.objects.filter(host_unit__in=communes).exists():
        _demo_meetings(board, officer_a, officer_b, province, communes)
    demo_activities(province=province, communes=communes, officer_user=officer_a, board_user=board)
    demo_emulation(province=province, communes=communes, board_user=board, officer_user=officer_a)
    return [
        DemoLogin("admin", "quản trị hệ thống, thấy toàn quốc"),
        DemoLogin("tinh.vinhlong", f"Ban Dân vận, quản trị {province.name}"),
        DemoLogin("xa.caungang", f"cán bộ {communes[0].name}"),
        DemoLogin("xa.hiepmy", f"cán bộ {communes[1].name}"),
        DemoLogin("ubnd.caungang", f"cán bộ xử lý, {committee.name}"),
    ]


DEMO_PETITIONS = [
    # (commune index, kind, channel, topic code, title, what happens)
    (
        0,
        "petition",
        "conference",
        "giao-thong-nong-thon",
        "Đường liên ấp Mỹ Cẩm A xuống cấp, đề nghị sửa chữa",
        "answer",
    ),
    (
        0,
        "petition",
        "conference",
        "gia-nong-san",
        "Giá lúa bấp bênh, đề nghị hỗ trợ kết nối tiêu thụ",
        "on_spot",
    ),
    (
        0,
        "feedback",
        "conference",
        "thoat-nuoc",
        "Cống thoát nước khóm Minh Thuận A bị tắc gây ngập",
        "accept",
    ),
    (
        0,
        "complaint",
        "reception",
        "tranh-chap-dat-dai",
        "Khiếu nại việc xác định ranh giới thửa đất",
        "accept",
    ),
    (0, "feedback", "phone", "te-nan-xa-hoi", "Tụ tập đá gà ban đêm ở ấp Mỹ Cẩm B", "new"),
    (
        0,
        "petition",
        "mass_organisation",
        "nguoi-co-cong",
        "Hội Cựu chiến binh đề nghị rà soát chế độ người có công",
        "forward",
    ),
    (0, "suggestion", "portal", "nong-thon-moi", "Góp ý tiêu chí xây dựng nông thôn mới nâng cao", "new"),
    (1, "petition", "conference", "o-nhiem", "Mùi hôi từ trại chăn nuôi gần trường học", "accept"),
    (1, "feedback", "conference", "dien-nuoc-sinh-hoat", "Ấp Bến Đáy thiếu nước sinh hoạt mùa khô", "answer"),
]


def _demo_petitions(officer_a, officer_b, handler, communes, committee) -> None:
    from danvan.petitions import services as petitions
    from danvan.petitions.models import Topic

    province = communes[0].parent
    for index, kind, channel, topic_code, title, outcome in DEMO_PETITIONS:
        commune = communes[index]
        officer = officer_a if index == 0 else officer_b
        receipt = petitions.petition_receive(
            actor=officer if channel != "portal" else None,
            unit=commune,
            kind=kind,
            channel=channel,
            topic=Topic.objects.filter(code=topic_code).first(),
            title=title,
            text=f"{title}. Ý kiến được ghi nhận để theo dõi đến khi có trả lời.",
        )
        petition = receipt.petition
        if outcome == "on_spot":
            petitions.petition_answer_on_spot(
                actor=officer, petition=petition, answer="Đồng chí Bí thư đã trả lời trực tiếp tại hội nghị."
            )
        elif outcome in ("accept", "answer"):
            organisation = Organisation.objects.get(unit=commune, kind=OrganisationKind.PEOPLES_COMMITTEE)
            petition = petitions.petition_accept(actor=officer, petition=petition, organisation=organisation)
            if outcome == "answer":
                answerer = handler if organisation == committee else officer
                if answerer is officer:
                    continue
                petitions.petition_answer(
                    actor=answerer,
                    petition=petition,
                    answer="UBND xã đã khảo sát và đưa vào kế hoạch sửa chữa trong quý tới.",
                )
        elif outcome == "forward":
            petitions.petition_forward(
                actor=officer,
                petition=petition,
                to_unit=province,
                reason="Thuộc thẩm quyền giải quyết của cấp tỉnh.",
            )


DEMO_OPINIONS = [
    (
        "Giá lúa bấp bênh, đề nghị hỗ trợ kết nối tiêu thụ",
        "answered_on_spot",
        "Xã kết nối hợp tác xã bao tiêu.",
    ),
    ("Tuyến đường liên ấp sạt lở, đi lại khó khăn", "answered_on_spot", "Xã đưa vào kế hoạch sửa chữa."),
    ("Tranh chấp ranh giới đất giữa hai hộ", "forwarded", "Thuộc thẩm quyền cấp tỉnh."),
    ("Đề nghị lắp đèn chiếu sáng đoạn đường trước trường", "recorded", ""),
]


def _demo_meetings(board, officer_a, officer_b, province, communes) -> None:
    import datetime

    from django.utils import timezone

    from danvan.meetings import services as meetings
    from danvan.meetings.models import MeetingType, Plan

    conference = MeetingType.objects.get(code="hoi-nghi-chi-bo-ap")
    reception = MeetingType.objects.get(code="tiep-cong-dan")
    today = timezone.localdate()
    if not Plan.objects.filter(unit=province).exists():
        meetings.plan_create(
            actor=board,
            unit=province,
            number="15-KH/TU",
            issued_on=datetime.date(today.year, 1, 5),
            title="Tổ chức hội nghị “Phát huy tài dân, sức dân – lợi cho dân” tại chi bộ ấp, khóm",
            valid_from=datetime.date(today.year, 1, 1),
            requirements=[
                {"meeting_type": conference, "target_level": "commune", "times": 1, "frequency": "month"}
            ],
        )
    for months_ago in (2, 1):
        day = (today.replace(day=1) - datetime.timedelta(days=30 * months_ago)).replace(day=12)
        for commune, officer in ((communes[0], officer_a), (communes[1], officer_b)):
            if commune is communes[1] and months_ago == 1:
                continue  # one commune missed a month, so the compliance view has something to show
            hamlet = commune.children.order_by("code").first()
            meeting = meetings.meeting_record(
                actor=officer,
                meeting_type=conference,
                host_unit=commune,
                venue_unit=hamlet,
                starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(8))),
                chairs=[("Nguyễn Văn Bí", "party_secretary"), ("Trần Văn Chủ", "peoples_committee_chair")],
                attendance=40,
                attendance_composition="Đảng viên, hội viên các đoàn thể, bà con trong ấp",
                policies_explained="Chủ trương sắp xếp đơn vị hành chính; chính sách hỗ trợ sản xuất.",
            )
            if commune is communes[0]:
                for text, outcome, answer in DEMO_OPINIONS:
                    meetings.opinion_add(
                        actor=officer,
                        meeting=meeting,
                        text=text,
                        outcome=outcome,
                        answer=answer,
                        forward_to=province if outcome == "forwarded" else None,
                    )
    meetings.meeting_record(
        actor=officer_a,
        meeting_type=reception,
        host_unit=communes[0],
        title="Tiếp công dân định kỳ",
        venue="Trụ sở Đảng ủy xã",
        starts_at=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time(8))
        ),
    )
