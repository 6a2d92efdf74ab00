from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import scoping, selectors, services
from .decorators import member_required
from .forms import MemberCreateForm, MembershipGrantForm
from .roles import Capability


def _require_any_admin(user) -> None:
    if scoping.scope_for(user, Capability.MANAGE_MEMBERS).is_empty:
        raise PermissionDenied(_("Chỉ quản trị đơn vị mới quản lý được thành viên."))


def _apply(form, call) -> bool:
    """Run a service; put its refusals on the form so nothing is half saved."""
    try:
        call()
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    except PermissionDenied as error:
        form.add_error("unit", str(error))
        return False
    return True


@member_required
def member_list(request):
    _require_any_admin(request.user)
    organisations = selectors.organisations_managed_by(user=request.user)
    create_form = MemberCreateForm(prefix="new", organisations=organisations)
    grant_form = MembershipGrantForm(prefix="grant", organisations=organisations)
    if request.method == "POST":
        if "new-username" in request.POST:
            create_form = MemberCreateForm(request.POST, prefix="new", organisations=organisations)
            if create_form.is_valid() and _apply(
                create_form,
                lambda: services.member_create(
                    actor=request.user, request=request, **create_form.cleaned_data
                ),
            ):
                messages.success(request, _("Đã tạo tài khoản %(username)s.") % create_form.cleaned_data)
                return redirect("accounts:members")
        else:
            grant_form = MembershipGrantForm(request.POST, prefix="grant", organisations=organisations)
            if grant_form.is_valid() and _apply(
                grant_form,
                lambda: services.membership_grant(
                    actor=request.user,
                    user=grant_form.cleaned_data["username"],
                    unit=grant_form.cleaned_data["unit"],
                    role=grant_form.cleaned_data["role"],
                    organisation=grant_form.cleaned_data["organisation"],
                ),
            ):
                messages.success(request, _("Đã gán vai trò."))
                return redirect("accounts:members")
    return render(
        request,
        "accounts/member_list.html",
        {
            "memberships": selectors.memberships_managed_by(user=request.user),
            "create_form": create_form,
            "grant_form": grant_form,
        },
        status=400 if request.method == "POST" else 200,
    )


@member_required
@require_POST
def membership_revoke(request, pk: int):
    membership = get_object_or_404(selectors.memberships_managed_by(user=request.user), pk=pk)
    try:
        services.membership_revoke(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Đã thu hồi vai trò của %(username)s.") % {"username": membership.user.username}
        )
    return redirect("accounts:members")
