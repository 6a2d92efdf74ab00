"""The citizens' "Đã có ý kiến tương tự": answered records like the one being typed, before sending."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from danvan.petitions.selectors import petitions_public, suggest_topic_for
from danvan.pulse.selectors import similar_records

from . import picker, ratelimit
from .forms import SubmitForm

MIN_TEXT = 12
# A lookup costs a little database work: a generous bound per address still stops a scraper.
LOOKUPS_PER_HOUR = 600


def _scope(request):
    """The commune picked (neighbouring hamlets report the same road), else the province."""
    day = timezone.localdate()
    for name, queryset in (("commune", picker.communes(day=day)), ("province", picker.provinces(day=day))):
        unit = picker.pick(queryset, request.GET.get(name))
        if unit is not None:
            return unit
    return None


def _within_budget(ip: str) -> bool:
    # A fixed hourly window is enough here: this budget guards a read, not a write.
    key = f"danvan:portal:similar:{ip}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= LOOKUPS_PER_HOUR
    except ValueError:  # expired between add and incr
        return True


@require_GET
def similar(request):
    text = f"{request.GET.get('title', '')}. {request.GET.get('text', '')}".strip(" .")
    unit = _scope(request)
    records = []
    if unit is not None and len(text) >= MIN_TEXT and _within_budget(ratelimit.client_ip(request)):
        records = similar_records(text=text, unit=unit, public=True, limit=3)
    return render(request, "portal/_similar.html", {"records": records})


@require_GET
def topic_suggest(request):
    """The topic select with the suggested topic, unless the citizen has chosen another one."""
    text = f"{request.GET.get('title', '')}. {request.GET.get('text', '')}"
    suggested = suggest_topic_for(text=text).topic if len(text) >= MIN_TEXT else None
    current, last = request.GET.get("topic", ""), request.GET.get("topic_suggested", "")
    keep = current if current and current != last else None
    value = keep or (str(suggested.pk) if suggested else "")
    form = SubmitForm(initial={"topic": value}, day=timezone.localdate())
    return render(
        request,
        "portal/_topic_suggest.html",
        {"field": form["topic"], "suggested": value if not keep else last},
    )


@require_GET
def answered_detail(request, pk: int):
    """One answered petition, as the public list shows it: never its sender, never a denunciation."""
    petition = petitions_public().filter(pk=pk).first()
    if petition is None:
        raise Http404
    return render(request, "portal/answered_detail.html", {"petition": petition})
