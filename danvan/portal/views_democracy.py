"""Citizens' side of grassroots democracy: any commune's public board, without login, and the open
consultations where a citizen gives an opinion (rate-limited per address like every portal write).

The portal imports the democracy app, never the reverse (DESIGN.md §1).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from danvan.democracy import selectors, services
from danvan.democracy.models import Consultation, Posting, PostingAttachment
from danvan.democracy.serializers import board_json
from danvan.units.choices import Level
from danvan.units.models import Unit

from . import picker, ratelimit
from .forms import HONEYPOT
from .views import _too_many

PER_PAGE = 20


class PublicOpinionForm(forms.Form):
    """The citizen's opinion on a draft put to consultation."""

    text = forms.CharField(
        label=gettext_lazy("Ý kiến của bạn"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Hãy nêu ý kiến của bạn.")},
    )
    hamlet = forms.ModelChoiceField(
        label=gettext_lazy("Bạn ở thôn, tổ dân phố"), queryset=Unit.objects.none(), required=False
    )
    author_name = forms.CharField(
        label=gettext_lazy("Họ tên (không bắt buộc, không công khai)"), max_length=120, required=False
    )

    def __init__(self, *args, hamlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if hamlets is not None:
            self.fields["hamlet"].queryset = hamlets


@require_GET
def board_index(request):
    """Pick a province, then a commune; the communes that have posted lately are listed too."""
    day = timezone.localdate()
    province = picker.pick(picker.provinces(day=day), request.GET.get("province"))
    active = (
        Posting.objects.filter(is_public=True, posted_on__isnull=False, unit__level=Level.COMMUNE)
        .values("unit")
        .annotate(n=Count("pk"))
        .order_by("-n")[:20]
    )
    units = Unit.objects.in_bulk([row["unit"] for row in active])
    return render(
        request,
        "portal/democracy/index.html",
        {
            "provinces": picker.provinces(day=day),
            "province": province,
            "communes": picker.communes_of(province=province, day=day),
            "active": [(units[row["unit"]], row["n"]) for row in active if row["unit"] in units],
            "consultations": selectors.consultations_open(today=day)[:20],
        },
    )


def _commune(pk: int) -> Unit:
    unit = selectors.commune_with_board(pk=pk)
    if unit is None:
        raise Http404(_("Không tìm thấy xã, phường."))
    return unit


@require_GET
def board(request, pk: int):
    unit = _commune(pk)
    today = timezone.localdate()
    archive = Paginator(selectors.postings_published(unit=unit), PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/democracy/board.html",
        {
            "unit": unit,
            "today": today,
            "current": selectors.board_public(unit=unit, today=today),
            "archive": archive,
            "consultations": selectors.consultations_public(unit=unit, today=today),
            "decisions": selectors.decisions_public(unit=unit)[:50],
            "boards": selectors.boards_public(unit=unit, today=today),
        },
    )


@require_GET
def board_json_view(request, pk: int):
    """The commune's board as JSON for other sites (independent of Open311)."""
    unit = _commune(pk)
    response = JsonResponse(board_json(unit=unit, base_url=request.build_absolute_uri("/").rstrip("/")))
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def attachment(request, pk: int, attachment_pk: int):
    found = get_object_or_404(
        PostingAttachment.objects.select_related("posting"),
        pk=attachment_pk,
        posting_id=pk,
        posting__is_public=True,
        posting__posted_on__lte=timezone.localdate(),
    )
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


def _public_consultation(pk: int) -> Consultation:
    consultation = (
        Consultation.objects.select_related("unit", "subject", "hamlet", "result_posting")
        .filter(pk=pk, opens_on__lte=timezone.localdate())
        .first()
    )
    if consultation is None:
        raise Http404(_("Không tìm thấy dự thảo."))
    return consultation


@never_cache
@require_http_methods(["GET", "POST"])
def consultation(request, pk: int):
    item = _public_consultation(pk)
    today = timezone.localdate()
    is_open = item.is_open(today)
    hamlets = Unit.objects.filter(parent=item.unit, level=Level.HAMLET).order_by("name")
    form = PublicOpinionForm(request.POST or None, hamlets=hamlets) if is_open else None
    context = {
        "consultation": item,
        "is_open": is_open,
        "form": form,
        "tally": selectors.consultation_tally(consultation=item),
        "groups": item.groups.all(),
        "opinions": selectors.opinions_public(consultation=item) if item.concluded_on else None,
    }
    if request.method == "POST":
        if form is None:
            context["limit_error"] = _("Dự thảo này không còn nhận ý kiến.")
            return render(request, "portal/democracy/consultation.html", context, status=400)
        ip = ratelimit.client_ip(request)
        if ratelimit.is_limited(ip):
            return _too_many(request, "portal/democracy/consultation.html", context)
        if request.POST.get(HONEYPOT):
            ratelimit.hit(ip)
            return render(
                request,
                "portal/refused.html",
                {"message": _("Không thể tiếp nhận ý kiến này. Vui lòng tải lại trang và gửi lại.")},
                status=400,
            )
        if form.is_valid():
            try:
                services.opinion_submit(consultation=item, **form.cleaned_data)
            except ValidationError as error:
                for name, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                ratelimit.hit(ip)
                request.session["democracy_thanks"] = item.pk
                return redirect("portal:democracy_consultation", pk=item.pk)
        return render(request, "portal/democracy/consultation.html", context, status=400)
    context["thanks"] = request.session.pop("democracy_thanks", None) == item.pk
    return render(request, "portal/democracy/consultation.html", context)
