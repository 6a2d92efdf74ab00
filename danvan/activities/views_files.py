"""Importing figures from a file and downloading the template."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability

from . import exports, imports
from .forms import ImportForm
from .models import ImportBatch
from .units import reporting_units
from .views import _data_set, _period_unit_form


def _require_some_record(request) -> None:
    if scoping.scope_for(request.user, Capability.RECORD).is_empty:
        raise PermissionDenied(_("Bạn không có quyền nhập số liệu."))


@member_required
def import_view(request, code: str):
    data_set = _data_set(code)
    _require_some_record(request)
    template_form, _period, _root = _period_unit_form(request, data_set, capability=Capability.RECORD)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = imports.import_file(
                actor=request.user,
                data_set=data_set,
                file_name=upload.name,
                content=upload.read(),
                submit=form.cleaned_data["submit"],
            )
            if result.duplicate_of is not None:
                previous = result.duplicate_of
                messages.info(
                    request,
                    _(
                        "Tệp này đã được nhập lúc %(at)s (%(file)s); "
                        "số liệu không bị ghi hay tính thêm lần nữa."
                    )
                    % {"at": previous.at.strftime("%d/%m/%Y %H:%M"), "file": previous.file_name},
                )
            elif result.ok:
                messages.success(
                    request,
                    _("Đã nhập %(values)s ô số liệu vào %(forms)s báo cáo từ %(rows)s dòng.")
                    % {"values": result.values_written, "forms": result.submissions, "rows": result.rows},
                )
            else:
                status = 400
        else:
            status = 400
    batches = ImportBatch.objects.filter(data_set=data_set, actor=request.user).order_by("-at")[:10]
    return render(
        request,
        "activities/import.html",
        {
            "data_set": data_set,
            "form": form,
            "template_form": template_form,
            "result": result,
            "batches": batches,
        },
        status=status,
    )


@member_required
def template_view(request, code: str):
    """The XLSX (or CSV) template for the units under a unit, prefilled with what is saved."""
    data_set = _data_set(code)
    _require_some_record(request)
    _form, period, root = _period_unit_form(request, data_set, capability=Capability.RECORD)
    if root is None:
        raise PermissionDenied(_("Bạn chưa được giao đơn vị nào."))
    scope = scoping.scope_for(request.user, Capability.RECORD)
    units = [u for u in reporting_units(data_set=data_set, root=root, period=period) if scope.covers(u)]
    name = f"mau-{data_set.code}-{root.code}-{period.key}"
    if request.GET.get("dinh_dang") == "csv":
        response = HttpResponse(
            exports.template_csv(data_set=data_set, units=units, period=period),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        exports.template_xlsx(data_set=data_set, units=units, period=period), content_type=exports.XLSX_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
