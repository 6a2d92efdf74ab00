"""Officials' pages of similar opinions: the as-you-type box, a petition's similar records, concerns."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability
from danvan.petitions.models import Petition
from danvan.petitions.permissions import may_handle, may_record
from danvan.petitions.selectors import petition_detail
from danvan.units.models import Unit

from . import selectors, services

TEXT_PARAMS = ("text", "op-text")
MIN_TEXT = 12


def _typed_text(request) -> str:
    title = request.GET.get("title", "")
    text = next((request.GET[p] for p in TEXT_PARAMS if request.GET.get(p)), "")
    return f"{title}. {text}" if title else text


def _unit_param(request) -> Unit | None:
    for name in ("unit", "op-unit", "host_unit"):
        value = request.GET.get(name, "")
        if value.isdigit():
            return Unit.objects.filter(pk=int(value)).first()
    return None


@member_required
@require_GET
def similar_box(request):
    """ "Có thể trùng với": records like the one being typed, in the chosen unit's subtree."""
    text, unit = _typed_text(request), _unit_param(request)
    context = {"records": [], "text_too_short": len(text.strip(" .")) < MIN_TEXT, "unit": unit}
    if unit is not None and not context["text_too_short"]:
        if not scoping.can(request.user, Capability.VIEW, unit):
            context["refused"] = True
        else:
            context["records"] = selectors.similar_records(text=text, unit=unit, user=request.user)
    return render(request, "pulse/_similar_box.html", context)


def _visible(request, pk: int) -> Petition:
    try:
        return petition_detail(user=request.user, pk=pk)
    except Petition.DoesNotExist as error:
        raise Http404(_("Không tìm thấy ý kiến.")) from error


def _section_context(request, petition: Petition) -> dict:
    concern = selectors.concern_of(petition=petition)
    members = selectors.concern_members(concern=concern, user=request.user) if concern else []
    linked = {p.pk for p in members}
    records = selectors.similar_records(
        text=f"{petition.title}. {petition.text}",
        unit=petition.unit,
        user=request.user,
        exclude_ids=(petition.pk,),
        limit=8,
    )
    return {
        "petition": petition,
        "concern": concern,
        "members": [p for p in members if p.pk != petition.pk],
        "records": [r for r in records if r.petition.pk not in linked],
        "may_link": may_record(request.user, petition) or may_handle(request.user, petition),
    }


@member_required
@require_GET
def petition_similar(request, pk: int):
    """A petition's similar records and its concern, fetched by the petition page (htmx)."""
    petition = _visible(request, pk)
    if not scoping.can(request.user, Capability.VIEW, petition.unit):
        # Visible as the handling unit's but arisen elsewhere: compare within what the user sees.
        return render(request, "pulse/_petition_similar.html", {"petition": petition, "outside": True})
    return render(request, "pulse/_petition_similar.html", _section_context(request, petition))


@member_required
@require_POST
def concern_link(request, pk: int):
    petition = _visible(request, pk)
    other_pk = request.POST.get("other", "")
    other = _visible(request, int(other_pk)) if other_pk.isdigit() else None
    error = None
    if other is None:
        error = _("Hãy chọn ý kiến cần liên kết.")
    else:
        try:
            services.concern_link(actor=request.user, petition=petition, other=other)
        except (ValidationError, PermissionDenied) as failure:
            error = " ".join(getattr(failure, "messages", None) or [str(failure)])
    return _after_change(request, petition, error, _("Đã liên kết là cùng một vấn đề."))


@member_required
@require_POST
def concern_unlink(request, pk: int):
    petition = _visible(request, pk)
    error = None
    try:
        services.concern_unlink(actor=request.user, petition=petition)
    except (ValidationError, PermissionDenied) as failure:
        error = " ".join(getattr(failure, "messages", None) or [str(failure)])
    return _after_change(request, petition, error, _("Đã tách khỏi vấn đề chung."))


def _after_change(request, petition: Petition, error: str | None, success: str):
    if request.htmx:
        context = _section_context(request, petition) | {"error": error, "done": None if error else success}
        return render(request, "pulse/_petition_similar.html", context, status=400 if error else 200)
    (messages.error if error else messages.success)(request, error or success)
    return redirect("petitions:detail", pk=petition.pk)
