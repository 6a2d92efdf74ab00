"""A member's own API tokens: create one (shown once), see when each was last used, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.decorators import member_required

from . import selectors, services
from .forms import TokenCreateForm


@never_cache
@member_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenCreateForm(request.POST or None)
    issued = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                issued = services.token_create(user=request.user, name=form.cleaned_data["name"])
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                # Rendered, not redirected: the secret must not wait in a session for the next page.
                form = TokenCreateForm()
                status = 201
        if issued is None:
            status = 400
    return render(
        request,
        "api/tokens.html",
        {"form": form, "issued": issued, "tokens": selectors.tokens_of(user=request.user)},
        status=status,
    )


@member_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(selectors.tokens_of(user=request.user), pk=pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi mã “%(name)s”.") % {"name": token.name})
    return redirect("api:tokens")
