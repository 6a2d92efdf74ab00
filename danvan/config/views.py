import datetime

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.reports.dashboard import unit_dashboard
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import valid_on_q


def home(request):
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    return dashboard(request)


@member_required
def dashboard(request):
    today = datetime.date.today()
    scope = scoping.scope_for(request.user)
    units = Unit.objects.filter(scope.q("path")).filter(valid_on_q(today))
    counts = dict.fromkeys(Level.values, 0)
    for level in units.values_list("level", flat=True):
        counts[level] += 1
    memberships = scoping.active_memberships(request.user)
    board = unit_dashboard(user=request.user, unit=memberships[0].unit, today=today) if memberships else None
    return render(
        request,
        "dashboard.html",
        {
            "unit_counts": [(Level(level).label, count) for level, count in counts.items() if count],
            "today": today,
            "board": board,
        },
    )


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
