"""Request and response shapes of the REST API; the OpenAPI document is generated from them."""

import datetime
from typing import Annotated, Literal

from django.core.validators import validate_email
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, StringConstraints

from danvan.meetings.choices import ChairRole, MeetingStatus, Outcome
from danvan.petitions.choices import Channel, Kind, Status
from danvan.petitions.selectors import SORTS
from danvan.units.choices import Level

BIGINT = 9_223_372_036_854_775_807


def _clean(value: str) -> str:
    """Text the databases can store: no NUL character, no lone surrogate."""
    if "\x00" in value:
        raise ValueError(_("Không được chứa ký tự NUL."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(_("Không phải văn bản UTF-8 hợp lệ.")) from None
    return value


def _email(value: str) -> str:
    value = value.strip()
    if value:
        try:
            validate_email(value)
        except Exception:
            raise ValueError(_("Địa chỉ thư điện tử không hợp lệ.")) from None
    return value


def _reasonable_moment(value: datetime.datetime) -> datetime.datetime:
    if not 1945 <= value.year <= 2100:
        raise ValueError(_("Thời điểm phải trong khoảng năm 1945–2100."))
    return value


def Text(max_length: int, min_length: int = 0):
    return Annotated[
        str, StringConstraints(min_length=min_length, max_length=max_length), AfterValidator(_clean)
    ]


# Unit, topic and meeting-type codes: 90001, 90001-001, giao-thong-nong-thon.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,59}$")]
Id = Annotated[int, Field(ge=1, le=BIGINT)]
Moment = Annotated[datetime.datetime, AfterValidator(_reasonable_moment)]
Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_clean), AfterValidator(_email)]
Version = Annotated[int, Field(ge=0, le=2_147_483_647)]

StatusFilter = Literal.__getitem__(("open", *Status.values))
Sort = Literal.__getitem__(tuple(SORTS))


class Error(Schema):
    code: str = Field(description="Mã lỗi ổn định, ví dụ not_found, stale_version.")
    message: str = Field(description="Thông báo tiếng Việt.")
    message_en: str = Field(description="Thông báo tiếng Anh.")
    fields: dict[str, list[str]] | None = Field(None, description="Lỗi theo từng trường, nếu có.")


# --- units ---------------------------------------------------------------------------------------


class UnitRef(Schema):
    id: int
    code: str
    name: str
    level: Level


class UnitOut(UnitRef):
    short_name: str
    kind_name: str
    tree: str
    parent_id: int | None
    valid_from: datetime.date
    valid_to: datetime.date | None
    is_current: bool = Field(description="Còn hiệu lực vào hôm nay.")
    latitude: float | None
    longitude: float | None


class UnitDetail(UnitOut):
    ancestors: list[UnitRef]
    children_count: int


class SuccessionOut(Schema):
    unit: UnitRef
    share: float = Field(description="Phần của đơn vị cũ chuyển sang đơn vị mới (1 = toàn bộ).")
    is_primary: bool
    effective_date: datetime.date


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str


class MembershipOut(Schema):
    unit: UnitRef
    role: str
    role_label: str
    organisation: OrganisationOut | None


class MeOut(Schema):
    username: str
    full_name: str
    is_superuser: bool
    memberships: list[MembershipOut]


# --- topics --------------------------------------------------------------------------------------


class TopicOut(Schema):
    code: str
    name: str
    keywords: list[str]


class TopicGroupOut(TopicOut):
    topics: list[TopicOut]


# --- petitions -----------------------------------------------------------------------------------


class PetitionFilters(Schema):
    status: StatusFilter | None = Field(None, description="open = mới, đã chuyển hoặc đang giải quyết.")
    kind: Kind | None = None
    channel: Channel | None = None
    topic: Code | None = Field(None, description="Mã lĩnh vực hoặc nhóm lĩnh vực.")
    unit: Code | None = Field(None, description="Mã đơn vị: ý kiến phát sinh hoặc đang xử lý trong đơn vị.")
    organisation: Id | None = Field(None, description="Mã số tổ chức xử lý.")
    overdue: bool = False
    due_this_week: bool = False
    q: Text(100) | None = Field(None, description="Tìm trong nội dung và mã tra cứu.")
    sort: Sort = "-received_at"


class TopicRef(Schema):
    code: str
    name: str


class OrganisationRef(Schema):
    id: int
    name: str


class PetitionOut(Schema):
    id: int
    tracking_code: str
    kind: Kind
    kind_label: str
    channel: Channel
    status: Status
    status_label: str
    topic: TopicRef | None
    unit: UnitRef
    handling_unit: UnitRef
    handling_organisation: OrganisationRef | None
    title: str
    received_at: datetime.datetime
    acceptance_due: datetime.date
    due_date: datetime.date | None
    is_overdue: bool
    answered_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    version: int = Field(description="Gửi lại trong mỗi thao tác để tránh ghi đè thay đổi của người khác.")


class CitizenOut(Schema):
    name: str
    phone: str
    email: str
    address: str


class EventOut(Schema):
    kind: str
    kind_label: str
    at: datetime.datetime
    actor: str | None
    text: str
    is_internal: bool
    from_unit: UnitRef | None
    to_unit: UnitRef | None
    organisation: OrganisationRef | None
    other_petition: str | None = Field(description="Mã tra cứu của ý kiến liên quan (gộp).")
    due_date: datetime.date | None
    rating: int | None


class PetitionDetail(PetitionOut):
    text: str
    public_answer: str
    citizen: CitizenOut | None = Field(description="Chỉ có khi người gọi được xem danh tính người gửi.")
    is_complex: bool
    is_remote: bool
    competent_level: str
    people_count: int | None
    extensions: int
    merged_into: str | None
    rating: int | None
    rating_comment: str
    allowed_actions: list[str] = Field(description="Các thao tác người gọi làm được lúc này.")
    timeline: list[EventOut]


class PetitionCreated(PetitionDetail):
    pin: str | None = Field(
        description="Mã PIN tra cứu cho người dân, chỉ trả về một lần; null khi gửi lại cùng Idempotency-Key."
    )


class PetitionIn(Schema):
    unit_code: Code | None = Field(None, description="Mã đơn vị nơi phát sinh (xã, thôn, tỉnh…).")
    unit_id: Id | None = Field(None, description="Hoặc mã số đơn vị (id) thay cho unit_code.")
    kind: Kind = Kind.PETITION
    channel: Channel
    topic: Code | None = Field(None, description="Mã lĩnh vực.")
    title: Text(200, 1)
    text: Text(20_000, 1)
    citizen_name: Text(120) = ""
    citizen_phone: Text(30) = ""
    citizen_email: Email = ""
    citizen_address: Text(255) = ""
    is_complex: bool = False
    is_remote: bool = False
    competent_level: Literal["", "commune", "district", "province"] = Field(
        "", description="Cấp có thẩm quyền giải quyết (để nhận biết khiếu nại vượt cấp)."
    )
    people_count: int | None = Field(
        None, ge=1, le=1_000_000, description="Số người ký tên hoặc có mặt (đơn, đoàn đông người)."
    )
    received_at: Moment | None = Field(None, description="Mặc định: lúc gửi.")
    handling_unit_code: Code | None = Field(None, description="Đơn vị có thẩm quyền, nếu khác nơi phát sinh.")


class VersionIn(Schema):
    version: Version | None = Field(None, description="version đã đọc; sai lệch thì trả 409.")


class AnswerIn(VersionIn):
    answer: Text(20_000, 1)


class ReasonIn(VersionIn):
    reason: Text(2000, 1)


class AcceptIn(VersionIn):
    organisation_id: Id
    note: Text(5000) = ""


class ForwardIn(ReasonIn):
    to_unit_code: Code | None = None
    to_unit_id: Id | None = None


class MergeIn(VersionIn):
    into: Text(16, 1) = Field(description="Mã tra cứu của ý kiến gốc.")
    reason: Text(500) = ""


class NoteIn(Schema):
    text: Text(5000, 1)


# --- meetings ------------------------------------------------------------------------------------


class MeetingFilters(Schema):
    unit: Code | None = Field(None, description="Mã đơn vị tổ chức (gồm cả cấp dưới).")
    meeting_type: Code | None = None
    status: MeetingStatus | None = None
    start: datetime.date | None = Field(None, description="Từ ngày (YYYY-MM-DD).")
    end: datetime.date | None = Field(None, description="Đến ngày (YYYY-MM-DD).")


class ChairIn(Schema):
    name: Text(120, 1)
    role: ChairRole


class OpinionIn(Schema):
    text: Text(5000, 1)
    outcome: Outcome
    topic: Code | None = None
    answer: Text(20_000) = ""
    forward_to_code: Code | None = Field(None, description="Đơn vị nhận khi outcome = forwarded.")
    kind: Kind = Kind.PETITION


class MeetingIn(Schema):
    meeting_type: Code
    host_unit_code: Code | None = None
    host_unit_id: Id | None = None
    venue_unit_code: Code | None = Field(None, description="Thôn, ấp nơi họp (thuộc đơn vị tổ chức).")
    venue: Text(255) = ""
    starts_at: Moment
    chairs: list[ChairIn] = Field(default_factory=list, max_length=20)
    title: Text(300) = ""
    attendance: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    attendance_composition: Text(500) = ""
    policies_explained: Text(20_000) = ""
    minutes: Text(100_000) = ""
    is_public: bool = True
    opinions: list[OpinionIn] = Field(default_factory=list, max_length=500)


class MeetingTypeOut(Schema):
    code: str
    name: str
    category: str
    category_label: str


class ChairOut(Schema):
    name: str
    role: ChairRole
    role_label: str


class OpinionPetitionRef(Schema):
    id: int
    tracking_code: str
    status: Status


class OpinionOut(Schema):
    position: int
    text: str
    outcome: Outcome
    topic: TopicRef | None
    answer: str
    petition: OpinionPetitionRef


class MeetingOut(Schema):
    id: int
    meeting_type: MeetingTypeOut
    host_unit: UnitRef
    venue_unit: UnitRef | None
    venue: str
    starts_at: datetime.datetime
    status: MeetingStatus
    level: str
    title: str
    attendance: int | None
    is_public: bool
    opinions_count: int


class MeetingDetail(MeetingOut):
    attendance_composition: str
    policies_explained: str
    minutes: str
    chairs: list[ChairOut]
    opinions: list[OpinionOut]
