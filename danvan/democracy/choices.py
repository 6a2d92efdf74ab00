"""Choices of grassroots democracy (Luật Thực hiện dân chủ ở cơ sở, 10/2022/QH15)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Recurrence(models.TextChoices):
    """How often an item of the public board falls due (e.g. the budget's execution each quarter)."""

    NONE = "none", _("Khi có văn bản")
    QUARTER = "quarter", _("Hằng quý")
    YEAR = "year", _("Hằng năm")


class OpinionChannel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến trên cổng")
    PAPER = "paper", _("Phiếu lấy ý kiến (cán bộ nhập)")
    MEETING = "meeting", _("Tổng hợp từ hội nghị thôn, tổ dân phố")


class ResponseKind(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu")
    EXPLAINED = "explained", _("Giải trình")


class DecisionMethod(models.TextChoices):
    MEETING = "meeting", _("Hội nghị đại diện hộ gia đình")
    BALLOT = "ballot", _("Phát phiếu lấy ý kiến hộ gia đình")
    ONLINE = "online", _("Biểu quyết trực tuyến")


class PassBase(models.TextChoices):
    ENTITLED = "entitled", _("Trên tổng số hộ gia đình của thôn, tổ dân phố")
    PRESENT = "present", _("Trên số hộ gia đình tham dự")


class BoardKind(models.TextChoices):
    """The values match ``activities.choices.Organiser``: a board's supervision feeds the same counts."""

    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân")
    INVESTMENT_BOARD = "investment_board", _("Ban Giám sát đầu tư của cộng đồng")


class MemberRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó Trưởng ban")
    MEMBER = "member", _("Thành viên")


class EventKind(models.TextChoices):
    DUE = "due", _("Ghi nhận nội dung phải công khai")
    POSTED = "posted", _("Niêm yết, công khai")
    SHORT_PERIOD = "short_period", _("Công khai ngắn hơn thời hạn luật định")
    TAKEN_DOWN = "taken_down", _("Gỡ niêm yết")
    CONSULTATION_OPENED = "consultation_opened", _("Đưa dự thảo ra lấy ý kiến")
    OPINION = "opinion", _("Ghi nhận ý kiến")
    CONCLUDED = "concluded", _("Tổng hợp, tiếp thu, giải trình")
    DECISION = "decision", _("Ghi nhận kết quả Nhân dân bàn và quyết định")
    BOARD_FORMED = "board_formed", _("Công nhận Ban")
    MEMBER = "member", _("Thay đổi thành viên Ban")
    SUPERVISION = "supervision", _("Hoạt động giám sát, kiểm tra")
    RECOMMENDATION = "recommendation", _("Theo dõi kiến nghị")


CONSULTATION_RESULT = "ket-qua-lay-y-kien"
