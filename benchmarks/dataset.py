"""The database a benchmark runs on: migrated, with the real units and the generated national set."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

SIZES = {  # petitions, years
    "small": (10_000, 1),
    "medium": (2_000_000, 2),
    "large": (10_000_000, 5),
}
PASSWORD = "Benchmark-2026!"
PIN = "000000"  # the PIN of every generated petition (national.py hashes this one)


def database_create(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` if it is missing (SQLite creates its file)."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg

    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


@dataclass
class Dataset:
    size: str
    petitions: int
    years: int
    generated_seconds: float | None
    petitions_per_second: float | None
    aggregates_seconds: float | None


def dataset_ensure(*, size: str, log) -> Dataset:
    """Migrate, load the units, and generate the set of ``size`` unless it is there already."""
    from django.core.management import call_command

    from danvan.demo.national import generated_count, national_generate
    from danvan.units.models import Unit

    petitions, years = SIZES[size]
    call_command("migrate", verbosity=0, interactive=False)
    if not Unit.objects.exists():
        call_command("load_units", verbosity=0)
    existing = generated_count()
    if existing == petitions:
        log(f"Reusing the {size} set already in the database ({existing:,} petitions).")
        from danvan.facts.models import MonthlyCount, RollupCount

        if MonthlyCount.objects.exists() and not RollupCount.objects.exists():
            log("Its roll-ups predate them: rebuilding the aggregates.")
            call_command("rebuild_aggregates", verbosity=0)
        return Dataset(size, petitions, years, None, None, None)
    if existing:
        raise SystemExit(
            f"The database holds {existing:,} generated petitions, not the {petitions:,} of '{size}': "
            "give another database (--database) or drop this one."
        )
    started = time.perf_counter()
    summary = national_generate(petitions=petitions, years=years, seed=1, log=log)
    log(f"Generated in {time.perf_counter() - started:.0f} s.")
    log("Steps: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.seconds.items()))
    return Dataset(
        size,
        petitions,
        years,
        time.perf_counter() - started,
        summary.petitions_per_second,
        summary.seconds.get("aggregates"),
    )


@dataclass
class Personas:
    province_officer: str
    nation_board: object
    api_token: str
    province: object
    commune: object


def personas_ensure() -> Personas:
    """A province officer (the inbox), a national board member (reports, imports), an API token."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from danvan.accounts.models import Membership
    from danvan.api.services import token_create, token_revoke
    from danvan.petitions.models import Petition
    from danvan.units.choices import Level, Tree
    from danvan.units.models import Unit

    nation = Unit.objects.get(level=Level.NATION)
    busiest = (
        Petition.objects.values("province_code")
        .annotate(n=Count("pk"))
        .order_by("-n", "province_code")
        .first()
    )
    province = Unit.objects.get(tree=Tree.SINCE_2025, level=Level.PROVINCE, code=busiest["province_code"])
    commune_code = (
        Petition.objects.filter(province_code=province.code)
        .values("commune_code")
        .annotate(n=Count("pk"))
        .order_by("-n", "commune_code")
        .first()["commune_code"]
    )
    commune = Unit.objects.get(tree=Tree.SINCE_2025, level=Level.COMMUNE, code=commune_code)
    users = get_user_model().objects
    officer, _ = users.get_or_create(username="bench.tinh", defaults={"first_name": "Cán bộ tỉnh"})
    board, _ = users.get_or_create(username="bench.tw", defaults={"first_name": "Ban chỉ đạo"})
    for user in (officer, board):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=officer, unit=province, role="officer")
    Membership.objects.get_or_create(user=board, unit=nation, role="board")
    # Each run needs the secret, which is shown once: revoke the earlier runs' tokens (a member
    # may hold only 20 active ones).
    for earlier in officer.api_tokens.filter(name="benchmark", revoked_at__isnull=True):
        token_revoke(actor=officer, token=earlier)
    token = token_create(user=officer, name="benchmark").secret
    return Personas(officer.username, board, token, province, commune)
