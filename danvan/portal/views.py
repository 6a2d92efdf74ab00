"""The citizens' side: submit without an account, track with code and PIN, read the answered petitions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.petitions.choices import STATUS_COLOUR, EventKind, Status
from danvan.petitions.models import Petition
from danvan.petitions.selectors import petition_timeline, petitions_public
from danvan.petitions.services import petition_check_pin, petition_citizen_reopen, petition_rate

from . import cookies, picker, ratelimit
from .forms import HONEYPOT, PublicFilterForm, RateForm, ReopenForm, SubmitForm, TrackForm, normalise_code
from .services import portal_submit

PER_PAGE = 20


def _too_many(request, template: str, context: dict) -> HttpResponse:
    minutes = max(1, (ratelimit.seconds_until_free(ratelimit.client_ip(request)) + 59) // 60)
    context["limit_error"] = _(
        "Bạn đã thao tác quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(minutes)s phút."
    ) % {"minutes": minutes}
    return render(request, template, context, status=429)


@require_GET
def home(request):
    return render(request, "portal/home.html")


# --- the unit picker's partials --------------------------------------------------------------


@require_GET
def communes(request):
    day = timezone.localdate()
    province = picker.pick(picker.provinces(day=day), request.GET.get("province"))
    empty = _("— Tất cả —") if request.GET.get("all") else _("— Chọn xã, phường —")
    return render(
        request,
        "portal/_options.html",
        {"units": picker.communes_of(province=province, day=day), "empty_label": empty},
    )


@require_GET
def hamlets(request):
    day = timezone.localdate()
    commune = picker.pick(picker.communes(day=day), request.GET.get("commune"))
    return render(
        request,
        "portal/_options.html",
        {"units": picker.hamlets_in(commune=commune, day=day), "empty_label": _("— Không chọn —")},
    )


# --- submit ----------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request):
    day = timezone.localdate()
    if request.method == "GET":
        # Built only if the cached fields have expired: the template asks for it inside the cache block.
        context = {
            "form": SimpleLazyObject(lambda: SubmitForm(day=day)),
            "blank": True,
            "day": day.isoformat(),
        }
        return render(request, "portal/submit.html", context)
    if "step" in request.POST:
        # Without JavaScript: the citizen chose a province or a commune; show the next list.
        form = SubmitForm(initial=request.POST.dict(), day=day)
        return render(request, "portal/submit.html", {"form": form})
    ip = ratelimit.client_ip(request)
    if ratelimit.is_limited(ip):
        return _too_many(
            request, "portal/submit.html", {"form": SubmitForm(initial=request.POST.dict(), day=day)}
        )
    if request.POST.get(HONEYPOT):
        # Filled by a robot: nothing is stored, and the answer says nothing useful to it.
        ratelimit.hit(ip)
        return render(
            request,
            "portal/refused.html",
            {"message": _("Không thể tiếp nhận ý kiến này. Vui lòng tải lại trang và gửi lại.")},
            status=400,
        )
    form = SubmitForm(request.POST, request.FILES, day=day)
    if form.is_valid():
        data = form.cleaned_data
        try:
            receipt = portal_submit(
                unit=form.unit,
                kind=data["kind"],
                topic=data["topic"],
                title=data["title"],
                text=data["text"],
                citizen_name=data["citizen_name"],
                citizen_phone=data["citizen_phone"],
                citizen_email=data["citizen_email"],
                citizen_address=data["citizen_address"],
                attachment=data["attachment"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            ratelimit.hit(ip)
            code = receipt.petition.tracking_code
            response = redirect("portal:submitted")
            cookies.receipt_give(response, code=code, pin=receipt.pin)
            cookies.track(request, response, code)
            return response
    return render(request, "portal/submit.html", {"form": form}, status=400)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@never_cache
@require_GET
def submitted(request):
    """The code and PIN, shown once: the browser is told to forget the PIN as soon as it is read."""
    response = render(request, "portal/submitted.html", {"receipt": cookies.receipt_of(request)})
    cookies.receipt_drop(request, response)
    return response


# --- track -----------------------------------------------------------------------------------


def _verified(request, code: str) -> Petition | None:
    if code not in cookies.tracked(request):
        return None
    return (
        Petition.objects.select_related("unit", "handling_unit", "topic", "merged_into")
        .filter(tracking_code=code)
        .first()
    )


def _track_url(code: str) -> str:
    return f"{reverse('portal:track')}?{urlencode({'ma': code})}"


def _public_events(petition: Petition):
    # Never internal notes, never who did it: the template shows the kind, the date, the units.
    return [
        event for event in petition_timeline(petition=petition, public=True) if event.kind != EventKind.NOTE
    ]


def _petition_context(petition: Petition, **forms) -> dict:
    answered = petition.status in (Status.ANSWERED, Status.CLOSED)
    merged_answer = ""
    if petition.status == Status.MERGED and petition.merged_into and petition.merged_into.is_public_listable:
        merged_answer = petition.merged_into.public_answer
    return {
        "petition": petition,
        "status_colour": STATUS_COLOUR.get(petition.status, "#4b5563"),
        "events": _public_events(petition),
        "merged_answer": merged_answer,
        "can_rate": answered and petition.rating is None,
        "can_reopen": answered and not petition.citizen_reopened,
        "rate_form": forms.get("rate_form") or RateForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "track_form": TrackForm(initial={"ma": petition.tracking_code}),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "GET":
        code = normalise_code(request.GET.get("ma", ""))
        petition = _verified(request, code) if code else None
        if petition is not None:
            return render(request, "portal/track.html", _petition_context(petition))
        return render(request, "portal/track.html", {"track_form": TrackForm(initial={"ma": code})})
    form = TrackForm(request.POST)
    ip = ratelimit.client_ip(request)
    if ratelimit.is_limited(ip):
        initial = {"ma": normalise_code(request.POST.get("ma", ""))}
        return _too_many(request, "portal/track.html", {"track_form": TrackForm(initial=initial)})
    if not form.is_valid():
        return render(request, "portal/track.html", {"track_form": form}, status=400)
    petition = petition_check_pin(tracking_code=form.cleaned_data["ma"], pin=form.cleaned_data["pin"])
    if petition is None:
        ratelimit.hit(ip)
        form.add_error(None, _("Mã tra cứu hoặc mã PIN không đúng."))
        return render(request, "portal/track.html", {"track_form": form}, status=400)
    response = redirect(_track_url(petition.tracking_code))
    cookies.track(request, response, petition.tracking_code)
    return response


def _citizen_action(request, code: str, form_class, key: str, action):
    code = normalise_code(code)
    petition = _verified(request, code)
    if petition is None:
        messages.error(request, _("Hãy nhập mã tra cứu và mã PIN trước."))
        return redirect(_track_url(code))
    form = form_class(request.POST)
    refused: list[str] = []
    if form.is_valid():
        try:
            action(petition, form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
                _add_errors(form, error)
            else:
                refused = error.messages  # e.g. rated already: the form is gone, say it at the top
        except PermissionDenied as error:
            refused = [str(error)]
        else:
            return redirect(_track_url(code))
    petition.refresh_from_db()
    context = _petition_context(petition, **{key: form})
    context["refused"] = refused
    return render(request, "portal/track.html", context, status=400)


@require_POST
def rate(request, code: str):
    def action(petition, data):
        petition_rate(petition=petition, rating=data["rating"], comment=data["comment"])
        messages.success(request, _("Cảm ơn bạn đã đánh giá câu trả lời."))

    return _citizen_action(request, code, RateForm, "rate_form", action)


@require_POST
def reopen(request, code: str):
    def action(petition, data):
        petition_citizen_reopen(petition=petition, reason=data["reason"])
        messages.success(request, _("Đề nghị xem xét lại đã được gửi đến cơ quan giải quyết."))

    return _citizen_action(request, code, ReopenForm, "reopen_form", action)


# --- the public list -------------------------------------------------------------------------


@require_GET
def answered(request):
    form = PublicFilterForm(request.GET or None, day=timezone.localdate())
    unit = form.unit if form.is_bound else None
    page = Paginator(petitions_public(unit=unit), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/answered.html",
        {"form": form, "page": page, "unit": unit, "query": query.urlencode()},
    )
