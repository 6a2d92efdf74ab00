"""The one scoping rule: a member sees and acts on their unit's subtree only.

Every selector of every domain app filters through ``scope_to_units``; every
write checks ``require``. A unit created by a reform also reaches the records
of the units it succeeded, so a new commune's officers keep their history.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.units.models import Unit
from danvan.units.selectors import unit_predecessor_paths

from .models import Membership
from .roles import ROLE_CAPABILITIES, Capability

_CACHE_ATTR = "_danvan_scope_cache"


@dataclass(frozen=True)
class Scope:
    """The paths a user reaches with one capability; ``everything`` for superusers."""

    paths: tuple[str, ...]
    everything: bool = False

    def covers(self, unit: Unit) -> bool:
        return self.everything or any(unit.path.startswith(p) for p in self.paths)

    def q(self, path_field: str) -> Q:
        if self.everything:
            return Q()
        if not self.paths:
            return Q(pk__in=[])
        query = Q()
        for path in self.paths:
            query |= Q(**{f"{path_field}__under": path})
        return query

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.paths


def _minimal(paths: list[str]) -> tuple[str, ...]:
    """Drop paths that lie under another one, so queries stay short."""
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(sorted(kept))


def active_memberships(user: AbstractBaseUser | AnonymousUser) -> list[Membership]:
    if not user.is_authenticated:
        return []
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if "memberships" not in cache:
        cache["memberships"] = list(
            Membership.objects.filter(user=user, is_active=True).select_related("unit", "organisation")
        )
    return cache["memberships"]


def scope_for(user: AbstractBaseUser | AnonymousUser, capability: str = Capability.VIEW) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope(paths=())
    if user.is_superuser:
        return Scope(paths=(), everything=True)
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    key = f"scope:{capability}"
    if key not in cache:
        units = [m.unit for m in active_memberships(user) if capability in ROLE_CAPABILITIES[m.role]]
        paths = [u.path for u in units] + unit_predecessor_paths(units=units)
        cache[key] = Scope(paths=_minimal(paths))
    return cache[key]


def forget(user) -> None:
    """Drop the per-request cache after memberships change."""
    user.__dict__.pop(_CACHE_ATTR, None)


def scope_to_units(
    qs: QuerySet, user, *, capability: str = Capability.VIEW, path_field: str = "unit__path"
) -> QuerySet:
    return qs.filter(scope_for(user, capability).q(path_field))


def can(user, capability: str, unit: Unit) -> bool:
    if user.is_authenticated and user.is_active and not user.is_superuser:
        # A unit inside the member's own subtree needs no look at the units it succeeded (two
        # queries on every API intake): those only widen the scope.
        direct = (m.unit.path for m in active_memberships(user) if capability in ROLE_CAPABILITIES[m.role])
        if any(unit.path.startswith(path) for path in direct):
            return True
    return scope_for(user, capability).covers(unit)


def require(user, capability: str, unit: Unit) -> None:
    """Refuse with a Vietnamese message when ``user`` may not do ``capability`` in ``unit``."""
    if not can(user, capability, unit):
        raise PermissionDenied(
            _("Bạn không có quyền “%(capability)s” tại %(unit)s.")
            % {"capability": Capability(capability).label, "unit": unit.name}
        )


def is_member(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or active_memberships(user)))
