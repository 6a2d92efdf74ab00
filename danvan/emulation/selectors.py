"""Reads over the movement, shared by views, exports and (later) reports; every one goes through scoping."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.textproc.folding import fold
from danvan.units.models import Unit
from danvan.units.selectors import unit_predecessor_paths

from .choices import AssessmentKind, CriteriaSetStatus, Field, RatingStatus, Status
from .models import AnnualRating, Assessment, CriteriaSet, EmulationModel, RecognitionDecision


def subtree_q(unit: Unit, path_field: str = "unit__path") -> Q:
    """The unit's subtree and, for a unit created by a reform, the subtrees of the units it succeeded."""
    query = Q(**{f"{path_field}__under": unit.path})
    for path in unit_predecessor_paths(units=[unit]):
        query |= Q(**{f"{path_field}__under": path})
    return query


# --- models -----------------------------------------------------------------------------------


def models_visible_to(*, user) -> QuerySet[EmulationModel]:
    return scoping.scope_to_units(EmulationModel.objects.all(), user, capability=Capability.VIEW)


@dataclass
class ModelFilters:
    status: str = ""
    field: str = ""
    kind: str = ""
    level: str = ""
    year: int | None = None
    decided_year: int | None = None
    unit: Unit | None = None
    query: str = ""
    sort: str = "-year"


SORTS = {
    "-year": ("-year", "-pk"),
    "name": ("name", "pk"),
    "-decision_date": ("-decision_date", "-pk"),
    "-appraisal_score": ("-appraisal_score", "-pk"),
    "status": ("status", "-pk"),
}


def model_list(*, user, filters: ModelFilters) -> QuerySet[EmulationModel]:
    qs = models_visible_to(user=user)
    if filters.status == "open":
        qs = qs.filter(status__in=Status.open_values())
    elif filters.status == "recognised":
        qs = qs.filter(status__in=Status.recognised_values())
    elif filters.status:
        qs = qs.filter(status=filters.status)
    for name in ("field", "kind"):
        if value := getattr(filters, name):
            qs = qs.filter(**{name: value})
    if filters.level:
        qs = qs.filter(recognition_level=filters.level)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.decided_year:
        qs = qs.filter(decision_date__year=filters.decided_year)
    if filters.unit is not None:
        qs = qs.filter(subtree_q(filters.unit))
    for word in fold(filters.query).split():
        qs = qs.filter(search_key__contains=word)
    return qs.select_related("unit", "decision").order_by(*SORTS.get(filters.sort, SORTS["-year"]))


def model_counters(*, user) -> dict[str, int]:
    """Headline numbers of the list, in one query."""
    return models_visible_to(user=user).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=Status.open_values())),
        registered=Count("pk", filter=Q(status=Status.REGISTERED)),
        self_assessed=Count("pk", filter=Q(status=Status.SELF_ASSESSED)),
        appraised=Count("pk", filter=Q(status=Status.APPRAISED)),
        recognised=Count("pk", filter=Q(status__in=Status.recognised_values())),
        replicated=Count("pk", filter=Q(status=Status.REPLICATED)),
    )


@dataclass
class Todo:
    to_self_assess: QuerySet[EmulationModel]
    to_appraise: QuerySet[EmulationModel]
    to_decide: QuerySet[EmulationModel]
    ratings_to_self_assess: QuerySet[AnnualRating]

    @property
    def empty(self) -> bool:
        return not any(qs.exists() for qs in vars(self).values())


def model_todo(*, user, limit: int = 8) -> Todo:
    """What waits for this user: scoring their unit's models, appraising, deciding."""
    record = scoping.scope_for(user, Capability.RECORD)
    approve = scoping.scope_for(user, Capability.APPROVE)
    mine = Assessment.objects.filter(model=OuterRef("pk"), kind=AssessmentKind.APPRAISAL, assessor=user)
    base = EmulationModel.objects.select_related("unit")
    return Todo(
        to_self_assess=base.filter(record.q("unit__path"), status=Status.REGISTERED).order_by("-pk")[:limit],
        to_appraise=base.filter(approve.q("unit__path"), status__in=[Status.SELF_ASSESSED, Status.APPRAISED])
        .exclude(Exists(mine))
        .order_by("pk")[:limit],
        to_decide=base.filter(approve.q("unit__path"), status=Status.APPRAISED).order_by("pk")[:limit],
        ratings_to_self_assess=AnnualRating.objects.filter(record.q("unit__path"), status=RatingStatus.OPENED)
        .select_related("unit")
        .order_by("-year")[:limit],
    )


def model_detail(*, user, pk: int) -> EmulationModel:
    return (
        models_visible_to(user=user)
        .select_related(
            "unit", "owner_organisation", "criteria_set", "decision", "replicated_from__unit", "decided_by"
        )
        .get(pk=pk)
    )


def model_assessments(*, model: EmulationModel) -> list[Assessment]:
    return list(model.assessments.select_related("assessor", "criteria_set").order_by("kind", "submitted_at"))


def models_awaiting_decision(*, user) -> QuerySet[EmulationModel]:
    return (
        scoping.scope_to_units(EmulationModel.objects.all(), user, capability=Capability.APPROVE)
        .filter(status=Status.APPRAISED)
        .select_related("unit", "criteria_set")
        .order_by("unit__path", "name")
    )


def replication_sources(*, user) -> QuerySet[EmulationModel]:
    """Recognised models a unit may replicate: those of the provinces the user works in."""
    paths = set()
    for membership in scoping.active_memberships(user):
        # The path's first two segments are the nation and the province.
        parts = membership.unit.path.strip("/").split("/")
        paths.add("/" + "/".join(parts[:2]) + "/")
    qs = EmulationModel.objects.filter(status__in=Status.recognised_values())
    if not user.is_superuser:
        query = Q(pk__in=[])
        for path in paths:
            query |= Q(unit__path__under=path)
        qs = qs.filter(query)
    return qs.select_related("unit").order_by("name")


# --- decisions --------------------------------------------------------------------------------


def decisions_visible_to(*, user) -> QuerySet[RecognitionDecision]:
    """Decisions issued in the user's subtree, and those that recognised a model of it."""
    scope = scoping.scope_for(user, Capability.VIEW)
    visible_models = EmulationModel.objects.filter(scope.q("unit__path"), decision=OuterRef("pk"))
    return RecognitionDecision.objects.filter(scope.q("unit__path") | Q(Exists(visible_models)))


def decision_list(*, user) -> QuerySet[RecognitionDecision]:
    return (
        decisions_visible_to(user=user)
        .select_related("unit")
        .annotate(model_count=Count("models"))
        .order_by("-date", "-pk")
    )


def decision_detail(*, user, pk: int) -> RecognitionDecision:
    return decisions_visible_to(user=user).select_related("unit", "created_by").get(pk=pk)


def field_order() -> Case:
    """Fields in the order reviews list them: economy, culture–society, defence–security, political system."""
    return Case(
        *(When(field=value, then=Value(i)) for i, value in enumerate(Field.values)), default=Value(99)
    )


def decision_models(*, decision: RecognitionDecision) -> QuerySet[EmulationModel]:
    return decision.models.select_related("unit").order_by(field_order(), "unit__path", "name")


# --- criteria sets ----------------------------------------------------------------------------


def criteria_sets_visible_to(*, user) -> QuerySet[CriteriaSet]:
    """The defaults, sets issued in the user's subtree, and sets issued above it (which apply to it)."""
    scope = scoping.scope_for(user, Capability.VIEW)
    qs = CriteriaSet.objects.select_related("unit")
    if scope.everything:
        return qs
    above: set[int] = set()
    for path in scope.paths:
        above |= {int(part) for part in path.strip("/").split("/") if part}
    return qs.filter(Q(unit__isnull=True) | Q(unit_id__in=above) | scope.q("unit__path"))


def criteria_set_list(*, user) -> QuerySet[CriteriaSet]:
    return (
        criteria_sets_visible_to(user=user)
        .annotate(assessment_count=Count("assessments"))
        .order_by("subject", "unit__path", "-version")
    )


def current_sets(*, user) -> QuerySet[CriteriaSet]:
    return criteria_sets_visible_to(user=user).filter(status=CriteriaSetStatus.PUBLISHED)


# --- annual ratings ----------------------------------------------------------------------------


def ratings_visible_to(*, user) -> QuerySet[AnnualRating]:
    return scoping.scope_to_units(AnnualRating.objects.all(), user, capability=Capability.VIEW)


def rating_list(*, user, year: int | None = None, status: str = "") -> QuerySet[AnnualRating]:
    qs = ratings_visible_to(user=user).select_related("unit", "criteria_set")
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-year", "unit__path", "name")


def rating_counts(*, user, year: int) -> dict[str, int]:
    return (
        ratings_visible_to(user=user)
        .filter(year=year)
        .aggregate(
            total=Count("pk"),
            rated=Count("pk", filter=Q(status=RatingStatus.RATED)),
            not_rated=Count("pk", filter=Q(status=RatingStatus.NOT_RATED)),
            open=Count(
                "pk",
                filter=Q(
                    status__in=[RatingStatus.OPENED, RatingStatus.SELF_ASSESSED, RatingStatus.APPRAISED]
                ),
            ),
        )
    )


def rating_detail(*, user, pk: int) -> AnnualRating:
    return (
        ratings_visible_to(user=user)
        .select_related("unit__parent", "criteria_set", "organisation")
        .get(pk=pk)
    )


# --- the public showcase -------------------------------------------------------------------------


def public_models() -> QuerySet[EmulationModel]:
    """Recognised models: public by nature (they are published to be learned from)."""
    return EmulationModel.objects.filter(status__in=Status.recognised_values())


def public_model(*, pk: int) -> EmulationModel:
    return public_models().select_related("unit", "decision", "replicated_from").get(pk=pk)
