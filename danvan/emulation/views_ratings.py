"""The annual "Dân vận khéo" rating of commune party organisations and agencies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import valid_on_q

from . import ratings, selectors
from .choices import AssessmentKind, RatingStatus
from .forms import RatingDecisionForm, RatingFilterForm, RatingOpenForm
from .models import AnnualRating
from .scoring import score_matrix
from .views import errors_to_form, has_capability, score_page


def _visible(request, pk: int) -> AnnualRating:
    try:
        return selectors.rating_detail(user=request.user, pk=pk)
    except AnnualRating.DoesNotExist as error:
        raise Http404(_("Không tìm thấy đánh giá.")) from error


def _communes(user):
    scope = scoping.scope_for(user, Capability.RECORD)
    return (
        Unit.objects.filter(scope.q("path"), level=Level.COMMUNE)
        .filter(valid_on_q(timezone.localdate()))
        .select_related("parent")
        .order_by("path")
    )


@member_required
def rating_list(request):
    form = RatingFilterForm(request.GET or None)
    year = timezone.localdate().year
    status = ""
    if form.is_valid():
        year = form.cleaned_data["nam"] or year
        status = form.cleaned_data["status"]
    return render(
        request,
        "emulation/ratings.html",
        {
            "form": form,
            "year": year,
            "ratings": selectors.rating_list(user=request.user, year=year, status=status),
            "counts": selectors.rating_counts(user=request.user, year=year),
            "can_open": has_capability(request.user, Capability.RECORD),
        },
    )


@member_required
def rating_open(request):
    if not has_capability(request.user, Capability.RECORD):
        raise PermissionDenied(_("Bạn không có quyền mở đợt đánh giá."))
    form = RatingOpenForm(request.POST or None, units=_communes(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            rating = ratings.rating_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Đã mở đợt đánh giá. Bước tiếp theo: tự chấm điểm."))
            return redirect("emulation:rating", pk=rating.pk)
    return render(request, "emulation/rating_open.html", {"form": form}, status=400 if form.errors else 200)


def _context(request, rating: AnnualRating, **extra) -> dict:
    user = request.user
    may_record = scoping.can(user, Capability.RECORD, rating.unit)
    may_appraise = ratings.may_appraise(user, rating)
    assessments = list(rating.assessments.select_related("assessor").order_by("kind", "submitted_at"))
    shown = (
        assessments
        if (may_appraise or not rating.is_open)
        else [a for a in assessments if a.kind == AssessmentKind.SELF]
    )
    context = {
        "rating": rating,
        "matrix": score_matrix(shown, rating.criteria_set),
        "show_appraisals": may_appraise or not rating.is_open,
        "may_self_assess": may_record and rating.status in (RatingStatus.OPENED, RatingStatus.SELF_ASSESSED),
        "may_appraise": may_appraise
        and rating.status in (RatingStatus.SELF_ASSESSED, RatingStatus.APPRAISED),
        "may_decide": may_appraise and rating.status == RatingStatus.APPRAISED,
        "superior": ratings.superior_of(rating),
    }
    if context["may_decide"]:
        context["decision_form"] = RatingDecisionForm(initial={"version": rating.version})
    context.update(extra)
    return context


@member_required
def rating_detail(request, pk: int):
    rating = _visible(request, pk)
    if request.method == "POST":
        if not ratings.may_appraise(request.user, rating):
            raise PermissionDenied(_("Bạn không có quyền kết luận đánh giá này."))
        form = RatingDecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                ratings.rating_decide(
                    actor=request.user,
                    rating=rating,
                    rated=data["result"],
                    decision_number=data["decision_number"],
                    decision_date=data["decision_date"],
                    note=data["note"],
                    expected_version=data["version"],
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("Đã ghi kết luận đánh giá."))
                return redirect("emulation:rating", pk=pk)
        return render(
            request, "emulation/rating.html", _context(request, rating, decision_form=form), status=400
        )
    return render(request, "emulation/rating.html", _context(request, rating))


@member_required
def rating_self_assess(request, pk: int):
    rating = _visible(request, pk)
    scoping.require(request.user, Capability.RECORD, rating.unit)

    def save(form):
        ratings.rating_self_assess(
            actor=request.user,
            rating=rating,
            points=form.points(),
            notes=form.notes(),
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )

    response = score_page(
        request,
        target=rating,
        criteria_set=rating.criteria_set,
        appraisal=False,
        existing=rating.assessments.filter(kind=AssessmentKind.SELF).first(),
        save=save,
        back_url=rating.get_absolute_url(),
        heading=_("Tự chấm điểm năm %(year)s: %(name)s") % {"year": rating.year, "name": rating.name},
    )
    if response is None:
        messages.success(request, _("Đã lưu phiếu tự chấm điểm."))
        return redirect("emulation:rating", pk=pk)
    return response


@member_required
def rating_appraise(request, pk: int):
    rating = _visible(request, pk)
    if not ratings.may_appraise(request.user, rating):
        raise PermissionDenied(_("Chỉ Ban Thường vụ cấp trên thẩm định đánh giá này."))

    def save(form):
        ratings.rating_appraise(
            actor=request.user,
            rating=rating,
            points=form.points(),
            notes=form.notes(),
            comment=form.cleaned_data["comment"],
            organisation=form.cleaned_data.get("organisation") or "",
            expected_version=form.cleaned_data["version"],
        )

    response = score_page(
        request,
        target=rating,
        criteria_set=rating.criteria_set,
        appraisal=True,
        existing=rating.assessments.filter(kind=AssessmentKind.APPRAISAL, assessor=request.user).first(),
        save=save,
        back_url=rating.get_absolute_url(),
        heading=_("Thẩm định năm %(year)s: %(name)s") % {"year": rating.year, "name": rating.name},
    )
    if response is None:
        messages.success(request, _("Đã lưu phiếu thẩm định."))
        return redirect("emulation:rating", pk=pk)
    return response
