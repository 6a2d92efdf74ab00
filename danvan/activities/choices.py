"""Choices for periodic figures: period types, value types, form states, rules, supervision."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodType(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half_year", _("6 tháng")
    YEAR = "year", _("Năm")


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên không âm")
    NUMBER = "number", _("Số (có thể có phần thập phân)")
    PERCENT = "percent", _("Tỷ lệ phần trăm (0–100)")
    BOOLEAN = "boolean", _("Có / Không")
    OPTION = "option", _("Chọn một mức trong danh mục")

    @classmethod
    def numeric(cls) -> list[str]:
        return [cls.INTEGER, cls.NUMBER, cls.PERCENT, cls.BOOLEAN]


class State(models.TextChoices):
    """The life of one entry form (unit × data set × period)."""

    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại để sửa")

    @classmethod
    def editable(cls) -> list[str]:
        return [cls.DRAFT, cls.RETURNED]

    @classmethod
    def reported(cls) -> list[str]:
        """States that count as "submitted" for completeness."""
        return [cls.SUBMITTED, cls.APPROVED]


STATE_COLOUR = {
    "": "#6b7280",
    State.DRAFT: "#92400e",
    State.SUBMITTED: "#1d4ed8",
    State.APPROVED: "#166534",
    State.RETURNED: "#991b1b",
}


class EventKind(models.TextChoices):
    CREATED = "created", _("Tạo báo cáo")
    SAVED = "saved", _("Lưu số liệu")
    IMPORTED = "imported", _("Nhập từ tệp")
    FILLED = "filled", _("Lấy số từ hoạt động giám sát")
    SUBMIT_REFUSED = "submit_refused", _("Gửi không thành công: số liệu chưa khớp")
    SUBMITTED = "submitted", _("Gửi báo cáo")
    APPROVED = "approved", _("Phê duyệt")
    RETURNED = "returned", _("Trả lại để sửa")


class Operator(models.TextChoices):
    EQ = "==", _("bằng (=)")
    NE = "!=", _("khác (≠)")
    LT = "<", _("nhỏ hơn (<)")
    LE = "<=", _("không lớn hơn (≤)")
    GT = ">", _("lớn hơn (>)")
    GE = ">=", _("không nhỏ hơn (≥)")


OPERATOR_SYMBOL = {"==": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}
# The sign shown when a rule fails: "120 > 100" for a broken "≤".
OPERATOR_BROKEN = {"==": "≠", "!=": "=", "<": "≥", "<=": ">", ">": "≤", ">=": "<"}


class Importance(models.TextChoices):
    HIGH = "high", _("Cao: chặn gửi báo cáo")
    MEDIUM = "medium", _("Trung bình: cảnh báo, vẫn gửi được")
    LOW = "low", _("Thấp: lưu ý")

    @classmethod
    def blocking(cls) -> list[str]:
        return [cls.HIGH]


class MissingValueStrategy(models.TextChoices):
    SKIP_IF_ALL_MISSING = "skip_if_all_missing", _("Bỏ qua khi mọi ô đều trống")
    SKIP_IF_ANY_MISSING = "skip_if_any_missing", _("Bỏ qua khi có ô trống")
    NEVER_SKIP = "never_skip", _("Luôn kiểm tra (ô trống tính là 0)")


class Source(models.TextChoices):
    """Where a figure can be counted from instead of typed in."""

    NONE = "", _("Nhập tay")
    SUPERVISIONS = "supervision.activities", _("Đếm các cuộc giám sát đã ghi nhận")
    CRITIQUES = "supervision.critiques", _("Đếm các hội nghị phản biện xã hội đã ghi nhận")
    RECOMMENDATIONS = "supervision.recommendations", _("Đếm các kiến nghị đã ghi nhận")
    RECOMMENDATIONS_SETTLED = "supervision.recommendations_settled", _("Đếm các kiến nghị đã được giải quyết")


class Organiser(models.TextChoices):
    """Who supervises; the values match OrganisationKind where one exists."""

    FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
    WOMENS_UNION = "womens_union", _("Hội Liên hiệp Phụ nữ")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên")
    FARMERS_UNION = "farmers_union", _("Hội Nông dân")
    VETERANS_ASSOCIATION = "veterans_association", _("Hội Cựu chiến binh")
    TRADE_UNION = "trade_union", _("Công đoàn")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân")
    INVESTMENT_BOARD = "investment_board", _("Ban Giám sát đầu tư của cộng đồng")


class SupervisionKind(models.TextChoices):
    SUPERVISION = "supervision", _("Giám sát")
    SOCIAL_CRITIQUE = "social_critique", _("Phản biện xã hội")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Chưa giải quyết")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    SETTLED = "settled", _("Đã giải quyết")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.OPEN, cls.IN_PROGRESS]


RECOMMENDATION_COLOUR = {
    RecommendationStatus.OPEN: "#991b1b",
    RecommendationStatus.IN_PROGRESS: "#92400e",
    RecommendationStatus.SETTLED: "#166534",
}
