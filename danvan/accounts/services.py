"""Writes to accounts: memberships and the users behind them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.units.models import Organisation, Unit

from . import scoping
from .models import Membership
from .roles import Capability, Role

User = get_user_model()


def _check_grant(*, actor, unit: Unit, role: str, organisation: Organisation | None) -> None:
    scoping.require(actor, Capability.MANAGE_MEMBERS, unit)
    if role not in Role.values:
        raise ValidationError(_("Vai trò không hợp lệ."), code="bad_role")
    if organisation is not None and organisation.unit_id != unit.pk:
        raise ValidationError(_("Tổ chức phải thuộc đơn vị của thành viên."), code="organisation_unit")
    if role == Role.HANDLER and organisation is None:
        raise ValidationError(
            _("Cán bộ xử lý cần được gán cho một tổ chức."), code="handler_needs_organisation"
        )


@transaction.atomic
def membership_grant(
    *, actor, user, unit: Unit, role: str, organisation: Organisation | None = None
) -> Membership:
    """Give ``user`` a role in ``unit``; the actor must administer a unit above it."""
    _check_grant(actor=actor, unit=unit, role=role, organisation=organisation)
    if Membership.objects.filter(user=user, unit=unit, role=role, is_active=True).exists():
        raise ValidationError(
            _("%(user)s đã có vai trò này tại %(unit)s.") % {"user": user.get_username(), "unit": unit.name},
            code="duplicate",
        )
    membership = Membership.objects.create(
        user=user, unit=unit, role=role, organisation=organisation, created_by=actor
    )
    scoping.forget(user)
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> Membership:
    scoping.require(actor, Capability.MANAGE_MEMBERS, membership.unit)
    if membership.user_id == actor.pk and membership.role == Role.ADMIN:
        raise ValidationError(_("Bạn không thể tự thu hồi quyền quản trị của mình."), code="self_revoke")
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    scoping.forget(membership.user)
    return membership


@transaction.atomic
def member_create(
    *,
    actor,
    username: str,
    full_name: str,
    email: str,
    unit: Unit,
    role: str,
    organisation: Organisation | None = None,
    request=None,
):
    """Create an account with its first membership and e-mail a link to set the password."""
    _check_grant(actor=actor, unit=unit, role=role, organisation=organisation)
    username = username.strip()
    if not username:
        raise ValidationError(_("Tên đăng nhập không được để trống."), code="empty_username")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            _("Tên đăng nhập “%(username)s” đã được dùng.") % {"username": username}, code="taken"
        )
    first, _sep, last = full_name.strip().rpartition(" ")
    user = User(
        username=username, email=email.strip(), first_name=first or last, last_name=last if first else ""
    )
    user.set_unusable_password()
    user.save()
    membership = Membership.objects.create(
        user=user, unit=unit, role=role, organisation=organisation, created_by=actor
    )
    if user.email:
        form = PasswordResetForm({"email": user.email})
        if form.is_valid():
            # Unusable passwords are skipped by Django's reset form, so send to this user directly.
            transaction.on_commit(lambda: _send_set_password(form, user, request))
    return user, membership


def _send_set_password(form: PasswordResetForm, user, request) -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    domain = request.get_host() if request else "127.0.0.1:8000"
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": "danvan",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request and request.is_secure() else "http",
    }
    form.send_mail(
        "registration/password_set_subject.txt",
        "registration/password_set_email.txt",
        context,
        None,
        user.email,
    )
