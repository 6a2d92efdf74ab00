from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FEEDBACK = "feedback", _("Phản ánh")
    PETITION = "petition", _("Kiến nghị")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    SUGGESTION = "suggestion", _("Góp ý")


class Channel(models.TextChoices):
    CONFERENCE = "conference", _("Hội nghị đối thoại")
    RECEPTION = "reception", _("Tiếp công dân")
    PORTAL = "portal", _("Cổng trực tuyến")
    PHONE = "phone", _("Điện thoại")
    MAIL = "mail", _("Thư")
    MASS_ORGANISATION = "mass_organisation", _("Đoàn thể")
    PRESS = "press", _("Báo chí")


class Status(models.TextChoices):
    NEW = "new", _("Mới tiếp nhận")
    FORWARDED = "forwarded", _("Đã chuyển cấp có thẩm quyền")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã kết thúc")
    REJECTED = "rejected", _("Không thụ lý")
    MERGED = "merged", _("Đã gộp vào ý kiến khác")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.NEW, cls.FORWARDED, cls.IN_PROGRESS]


STATUS_COLOUR = {
    Status.NEW: "#1d4ed8",
    Status.FORWARDED: "#7c3aed",
    Status.IN_PROGRESS: "#b45309",
    Status.ANSWERED: "#166534",
    Status.CLOSED: "#374151",
    Status.REJECTED: "#991b1b",
    Status.MERGED: "#6b7280",
}


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Tiếp nhận")
    ANSWERED_ON_SPOT = "answered_on_spot", _("Trả lời tại chỗ")
    ACCEPTED = "accepted", _("Thụ lý, giao xử lý")
    FORWARDED = "forwarded", _("Chuyển cấp có thẩm quyền")
    EXTENDED = "extended", _("Gia hạn")
    ANSWERED = "answered", _("Trả lời")
    RATED = "rated", _("Người dân đánh giá")
    REOPENED = "reopened", _("Mở lại")
    MERGED = "merged", _("Gộp vào ý kiến khác")
    CLOSED = "closed", _("Kết thúc")
    REJECTED = "rejected", _("Không thụ lý")
    NOTE = "note", _("Ghi chú nội bộ")


class DayType(models.TextChoices):
    WORKING = "working", _("Ngày làm việc")
    CALENDAR = "calendar", _("Ngày theo lịch")
