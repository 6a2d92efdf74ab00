"""Reads: the records most similar to a text within a unit's subtree, and "one concern" clusters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.meetings.models import Opinion
from danvan.petitions.choices import Kind, Status
from danvan.petitions.models import Petition
from danvan.textproc import similarity
from danvan.textproc.classifier import shipped_model
from danvan.textproc.corpus import reference_vocabulary
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import unit_ancestor_codes, unit_ancestors, unit_predecessor_paths

from .models import Concern, ConcernMember, SimilarityKey

# Chosen on the evaluation set (`manage.py evaluate_text`): the score above which a record is
# shown to a person as "Có thể trùng với". BENCHMARKS.md and docs/similar.md give its precision.
THRESHOLD = 0.18
CANDIDATES = 60
PER_KEY = 300
MAX_LIMIT = 50


@dataclass(frozen=True)
class SimilarRecord:
    petition: Petition
    score: float
    shared: tuple[str, ...]

    @property
    def record(self) -> str:
        """``opinion`` for what was said at a conference or reception, ``petition`` otherwise."""
        return "opinion" if getattr(self.petition, "meeting_pk", None) else "petition"

    @property
    def pieces(self) -> list[tuple[str, bool]]:
        return similarity.highlight(f"{self.petition.title}. {self.petition.text}"[:600], self.shared)

    @property
    def shared_as_written(self) -> list[str]:
        """The shared terms as this record writes them ("ĐT-746", "ấp An Thuận")."""
        return similarity.as_written(f"{self.petition.title}. {self.petition.text}", self.shared)


@dataclass(frozen=True)
class Scope:
    """Where a lookup in a unit reads: the subtrees of the unit and of the units it succeeded
    (records keep their old units), and the codes the index is filtered on first."""

    paths: tuple[str, ...]
    province_codes: tuple[str, ...]  # empty: the nation
    commune_codes: tuple[str, ...]  # empty: whole provinces
    context: frozenset[str]  # terms of the unit's and its ancestors' names

    @property
    def index_filter(self) -> dict:
        if not self.province_codes:
            return {}
        found = {"province_code__in": self.province_codes}
        return found | ({"commune_code__in": self.commune_codes} if self.commune_codes else {})

    @property
    def q(self) -> Q:
        found = Q()
        for path in self.paths:
            found |= Q(unit__path__under=path)
        return found


def scope_of(unit: Unit) -> Scope:
    """The unit's scope, kept for ten minutes: the tree changes by decree, lookups by keystroke."""
    key = f"danvan:pulse:scope:{unit.pk}:{unit.path}"
    found = cache.get(key)
    if found is None:
        found = _scope_of(unit)
        cache.set(key, found, 600)
    return found


def _scope_of(unit: Unit) -> Scope:
    context = similarity.context_terms([*(u.name for u in unit_ancestors(unit=unit)), unit.name])
    if unit.level == Level.NATION:
        return Scope((unit.path,), (), (), context)
    paths = (unit.path, *unit_predecessor_paths(units=[unit]))
    # Codes repeat across the 2025 reform: they narrow the index read, the units' paths decide.
    codes = [unit_ancestor_codes(unit=u) for u in Unit.objects.filter(path__in=paths)]
    local = unit.level in (Level.COMMUNE, Level.HAMLET)
    return Scope(
        paths,
        tuple(sorted({c["province_code"] for c in codes})),
        tuple(sorted({c["commune_code"] for c in codes})) if local else (),
        context,
    )


def similar_records(
    *,
    text: str,
    unit: Unit,
    user=None,
    public: bool = False,
    trusted: bool = False,
    limit: int = 5,
    exclude_ids: tuple[int, ...] = (),
    threshold: float = THRESHOLD,
) -> list[SimilarRecord]:
    """The records of ``unit``'s subtree most likely to raise the concern ``text`` raises, best first.

    ``user`` must be allowed to see ``unit``; ``public`` (the portal) keeps only records whose
    answer is public, never a denunciation, and nothing of their senders. ``trusted`` is for the
    command line, which reads the whole database anyway.
    """
    if not (public or trusted) and not scoping.can(user, Capability.VIEW, unit):
        raise PermissionDenied(_("Bạn không có quyền xem ý kiến của %(unit)s.") % {"unit": unit.name})
    limit = max(1, min(int(limit), MAX_LIMIT))
    vocabulary = reference_vocabulary()
    query = similarity.analyse(text)
    scope = scope_of(unit)
    context = scope.context
    query_terms = similarity.Analysis(query.words, query.terms - context, query.names - context)
    keys = similarity.keys(query_terms, vocabulary, limit=similarity.QUERY_KEYS)
    if not keys:
        return []
    rows = SimilarityKey.objects.filter(**scope.index_filter)
    if exclude_ids:
        rows = rows.exclude(petition_id__in=exclude_ids)
    if public:
        rows = rows.filter(
            petition__status__in=[Status.ANSWERED, Status.CLOSED], petition__public_answer__gt=""
        ).exclude(petition__kind=Kind.DENUNCIATION)
    # Each key's newest records only: a word that many records share costs no more than a rare one,
    # and a concern raised again is most often raised again soon.
    shared = Counter()
    for key in keys:
        shared.update(
            rows.filter(key=key).order_by("-petition_id").values_list("petition_id", flat=True)[:PER_KEY]
        )
    candidate_ids = [
        pk for pk, _n in sorted(shared.items(), key=lambda item: (-item[1], -item[0]))[:CANDIDATES]
    ]
    petitions = (
        Petition.objects.filter(scope.q, pk__in=candidate_ids)
        .select_related("unit", "topic")
        .annotate(
            meeting_pk=Subquery(Opinion.objects.filter(petition=OuterRef("pk")).values("meeting_id")[:1])
        )
    )
    # Words and names first; the topic classifier only looks at what could still pass.
    likely = []
    for petition in petitions:
        body = f"{petition.title}. {petition.text}"
        match = similarity.score(query, similarity.analyse(body), vocabulary, context=context)
        if match.score >= threshold:
            likely.append((petition, body, match))
    model = shipped_model()
    if model is not None and likely:
        agreement = model.agreement(text, [t for _p, t, _m in likely])
        likely = [(p, t, m.agreeing(a)) for (p, t, m), a in zip(likely, agreement, strict=True)]
    found = [
        SimilarRecord(petition=p, score=round(m.score, 3), shared=m.shared[:6])
        for p, _t, m in likely
        if m.score >= threshold
    ]
    found.sort(key=lambda r: (-r.score, -r.petition.pk))
    return found[:limit]


def concern_of(*, petition: Petition) -> Concern | None:
    membership = ConcernMember.objects.filter(petition=petition).select_related("concern").first()
    return membership.concern if membership else None


def concern_members(*, concern: Concern, user) -> list[Petition]:
    """The records of a concern the user may see (a cluster may span units)."""
    ids = ConcernMember.objects.filter(concern=concern).values("petition_id")
    scope = scoping.scope_for(user, Capability.VIEW)
    return list(
        Petition.objects.filter(pk__in=ids)
        .filter(scope.q("unit__path") | scope.q("handling_unit__path"))
        .select_related("unit")
        .order_by("received_at", "pk")
    )
