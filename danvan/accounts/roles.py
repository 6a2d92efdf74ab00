"""Roles of a membership and what each lets its holder do in their unit's subtree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    READER = "reader", _("Xem")
    OFFICER = "officer", _("Cán bộ nhập liệu")
    HANDLER = "handler", _("Cán bộ xử lý")
    BOARD = "board", _("Ban chỉ đạo / thẩm định")
    ADMIN = "admin", _("Quản trị đơn vị")


class Capability(models.TextChoices):
    VIEW = "view", _("Xem hồ sơ")
    RECORD = "record", _("Ghi nhận hồ sơ")
    HANDLE = "handle", _("Xử lý, trả lời")
    APPROVE = "approve", _("Thẩm định, phê duyệt, báo cáo")
    MANAGE_UNITS = "manage_units", _("Quản lý thôn, tổ chức")
    MANAGE_MEMBERS = "manage_members", _("Quản lý thành viên")


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.READER: frozenset({Capability.VIEW}),
    Role.OFFICER: frozenset({Capability.VIEW, Capability.RECORD, Capability.MANAGE_UNITS}),
    Role.HANDLER: frozenset({Capability.VIEW, Capability.HANDLE}),
    Role.BOARD: frozenset({Capability.VIEW, Capability.RECORD, Capability.HANDLE, Capability.APPROVE}),
    Role.ADMIN: frozenset(Capability.values),
}

ROLE_COLOUR = {
    Role.READER: "#4b5563",
    Role.OFFICER: "#166534",
    Role.HANDLER: "#1e40af",
    Role.BOARD: "#9a3412",
    Role.ADMIN: "#7f1d1d",
}


def roles_with(capability: str) -> list[str]:
    return [role for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities]
