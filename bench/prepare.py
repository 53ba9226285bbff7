"""Get one benchmark database ready, inside Django: migrate, seed (or reuse), analyse, log in a
spread of seeded users, write the request sequence, and count the queries per page.

Run by bench.run in a process of its own, with DATABASE_URL pointing at the database for one
size and seed (`python -m bench.prepare --size 1000 --seed 1 --out DIR`). Writes
DIR/targets.json (read by bench.loadgen), DIR/requests.tsv (read by bench/wrk/mix.lua) and
prints a JSON line with what it found.

Everything here is deterministic for a given size and seed: the seeded rows (see
eigenplan.core.seeding), the users and households picked (one random.Random(seed)) and the
order of the requests. Only session keys and API tokens are new each time.
"""

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

# The mix of journeys: page name -> (weight in the mix, what it is).
PAGES = {
    "plan": (18, "resident opens their plan (HTML)"),
    "version_diff": (8, "resident compares the last two approved versions (HTML)"),
    "proposals": (8, "resident reads the proposals on their plan (HTML)"),
    "circle_view": (8, "circle member with an account opens the plan, shared domains only (HTML)"),
    "caseload": (8, "coordinator opens their caseload, first or second page (HTML)"),
    "household_file": (10, "coordinator opens one of their households' plan (HTML)"),
    "api_households": (8, "coordinator lists their households (API, token)"),
    "api_goals": (10, "resident lists goals with actions (API, token)"),
    "api_proposals": (8, "coordinator lists a household's proposals (API, token)"),
    "api_versions": (7, "resident lists approved versions (API, token)"),
    "api_circle": (7, "resident lists their circle (API, token)"),
    "access_log": (4, "resident reads who looked at their file (HTML)"),
    "sharing": (3, "resident opens who may see what (HTML)"),
    "household_file_new": (6, "coordinator opens the household file of one of their households"),
    "commitments": (4, "resident opens who in their circle promised what (HTML)"),
    "circle_map": (3, "resident opens the circle picture (HTML with SVG)"),
    "my_commitments": (4, "circle member with an account opens what is asked of them (HTML)"),
    "requests": (4, "coordinator or resident opens the requests and their legal clocks (HTML)"),
    "support": (4, "coordinator opens the support from the plan and its decisions (HTML)"),
    "letters": (2, "resident opens the list of their decision letters (HTML)"),
}
SEQUENCE_LENGTH = 40_000
POOL = 2000  # users per kind, at most: many plans, so the database cache is not trivially hot
QUERY_SAMPLES = 8  # requests per page whose queries are counted
NEEDS_FRESH_DATABASE = 3  # exit status: drop this database and call again


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigenplan.settings")
    import django

    django.setup()


def generator_version() -> str:
    """A hash of the data generator: a database seeded by another version is seeded again."""
    import eigenplan.core.seeding as seeding

    return hashlib.sha256(Path(seeding.__file__).read_bytes()).hexdigest()[:16]


def _meta(cursor, *, write: dict | None = None) -> dict:
    """bench_meta: what the benchmark knows about this database, kept in the database itself
    (generator version, seeding time), so that a reused database explains itself."""
    cursor.execute(
        "CREATE TABLE IF NOT EXISTS bench_meta (key varchar(40) PRIMARY KEY, value text NOT NULL)"
    )
    for key, value in (write or {}).items():
        cursor.execute("DELETE FROM bench_meta WHERE key = %s", [key])
        cursor.execute("INSERT INTO bench_meta (key, value) VALUES (%s, %s)", [key, str(value)])
    cursor.execute("SELECT key, value FROM bench_meta")
    return dict(cursor.fetchall())


def ensure_seeded(size: int, seed: int) -> dict:
    """Migrate; seed unless this seed is fully there already, made by this version of the
    generator. Returns how it went."""
    from django.core.management import call_command
    from django.db import connection

    from eigenplan.core.seeding import seed_municipality, seeded_households

    call_command("migrate", verbosity=0, interactive=False)
    version = generator_version()
    with connection.cursor() as cursor:
        meta = _meta(cursor)
    present = seeded_households(seed).count()
    known = meta.get("generator")
    if present == size and known == version:
        seconds = meta.get("seed_seconds")
        return {"reused": True, "seed_seconds": float(seconds) if seconds else None}
    if present or known:
        # Deleting and seeding again would leave the database bloated (its size is reported):
        # bench.run drops it and calls us again on an empty one.
        print(
            f"bench: seed {seed} holds {present:,} households of {size:,}, or was made by "
            "another version of the generator; the database must be made again",
            file=sys.stderr,
            flush=True,
        )
        raise SystemExit(NEEDS_FRESH_DATABASE)
    print(f"bench: seeding {size:,} households (seed {seed})", file=sys.stderr, flush=True)
    counts = seed_municipality(households=size, seed=seed)
    _analyse()
    with connection.cursor() as cursor:
        _meta(cursor, write={"generator": version, "seed_seconds": counts["seconds"]})
    return {"reused": False, "seed_seconds": counts["seconds"]}


def _analyse() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum would give them later."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def database_size() -> int:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    name = Path(connection.settings_dict["NAME"])
    return sum(p.stat().st_size for p in name.parent.glob(name.name + "*") if p.is_file())


def _sample(rng: random.Random, rows: list, n: int) -> list:
    rows = sorted(rows)
    return rows if len(rows) <= n else rng.sample(rows, n)


def pick_pools(seed: int, rng: random.Random) -> dict[str, list[tuple]]:
    """(user id, household id, extra) for every page, drawn from the seeded municipality."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Max

    from eigenplan.accounts.models import Role
    from eigenplan.conversations.models import SupportRequest
    from eigenplan.core.seeding import seeded_households, username_prefix
    from eigenplan.decisions.models import DecisionLetter, SupportItem
    from eigenplan.households.models import CircleMember, Person
    from eigenplan.plans.models import Action, PlanVersion, Proposal

    prefix = username_prefix(seed)
    households = seeded_households(seed)
    residents = _sample(
        rng,
        list(
            Person.objects.filter(
                household__in=households, user__username__startswith=f"{prefix}r"
            ).values_list("user_id", "household_id")
        ),
        POOL,
    )
    # Plans with two versions or more, and with proposals: among all residents, not only the
    # sample above, so that these pages too spread over many plans.
    latest = dict(
        PlanVersion.objects.filter(plan__household__in=households)
        .values_list("plan__household_id")
        .annotate(n=Max("number"))
        .filter(n__gte=2)
        .values_list("plan__household_id", "n")
    )
    with_proposals = set(
        Proposal.objects.filter(plan__household__in=households)
        .values_list("plan__household_id", flat=True)
        .annotate(n=Count("id"))
    )
    pens = dict(
        Person.objects.filter(
            household__in=households, user__username__startswith=f"{prefix}r"
        ).values_list("household_id", "user_id")
    )
    versioned = _sample(rng, [(pens[h], h, n) for h, n in latest.items() if h in pens], POOL)
    proposing = _sample(rng, [(pens[h], h) for h in with_proposals if h in pens], POOL)
    circle = _sample(
        rng,
        list(
            CircleMember.objects.filter(
                household__in=households, user__isnull=False, is_active=True
            ).values_list("user_id", "household_id")
        ),
        POOL,
    )
    coordinators = _sample(
        rng,
        list(
            get_user_model()
            .objects.filter(role=Role.COORDINATOR, username__startswith=prefix)
            .values_list("id", flat=True)
        ),
        POOL // 4,
    )
    coordinated = _sample(
        rng,
        list(
            households.filter(coordinator_id__in=coordinators).values_list("coordinator_id", "id")
        ),
        POOL,
    )
    # Households with what the newer pages show: commitments of their circle, requests for
    # support, support items, decision letters. Among all of them, like the plans above.
    committed = set(
        Action.objects.filter(goal__plan__household__in=households)
        .exclude(commitment=Action.Commitment.NONE)
        .values_list("goal__plan__household_id", flat=True)
        .distinct()
    )
    requested = dict(
        SupportRequest.objects.filter(household__in=households)
        .values_list("household_id", "household__coordinator_id")
        .distinct()
    )
    supported = set(
        SupportItem.objects.filter(household__coordinator_id__in=coordinators)
        .values_list("household_id", flat=True)
        .distinct()
    )
    lettered = set(
        DecisionLetter.objects.filter(household__in=households)
        .values_list("household_id", flat=True)
        .distinct()
    )
    coordinator_of = dict(households.filter(pk__in=supported).values_list("id", "coordinator_id"))
    # The requests page: by the resident and by the coordinator, both.
    asking = [(pens[h], h) for h in requested if h in pens]
    asking += [(c, h) for h, c in requested.items() if c is not None]
    return {
        "residents": residents,
        "versioned": versioned,
        "proposing": proposing,
        "circle": circle,
        "coordinators": [(c,) for c in coordinators],
        "coordinated": coordinated,
        "committed": _sample(rng, [(pens[h], h) for h in committed if h in pens], POOL),
        "requesting": _sample(rng, asking, POOL),
        "supported": _sample(rng, [(coordinator_of[h], h) for h in supported], POOL),
        "lettered": _sample(rng, [(pens[h], h) for h in lettered if h in pens], POOL),
    }


def log_in(user_ids: set[int]) -> tuple[dict[int, str], dict[int, str]]:
    """A session key and an API token for every user."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from rest_framework.authtoken.models import Token

    from eigenplan.accounts import second_factor

    sessions, tokens = {}, {}
    with transaction.atomic():
        for user in get_user_model().objects.filter(pk__in=user_ids).order_by("pk"):
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            if second_factor.required(user):
                # As after typing the code from the app: the benchmark measures the pages, not
                # the login.
                second_factor.mark_verified(store, "totp")
            store.create()
            sessions[user.pk] = store.session_key
            tokens[user.pk] = Token.objects.get_or_create(user=user)[0].key
    return sessions, tokens


def build_sequence(pools: dict, rng: random.Random, sessions: dict, tokens: dict) -> list[dict]:
    from django.conf import settings

    cookie = settings.SESSION_COOKIE_NAME

    def html(user_id):
        return {"Cookie": f"{cookie}={sessions[user_id]}"}

    def api(user_id):
        return {"Authorization": f"Token {tokens[user_id]}", "Accept": "application/json"}

    def make(page: str) -> dict:
        if page == "plan":
            user, household = rng.choice(pools["residents"])
            return {"path": f"/huishoudens/{household}/plan/", "headers": html(user)}
        if page == "version_diff":
            user, household, n = rng.choice(pools["versioned"])
            path = f"/huishoudens/{household}/plan/versies/vergelijken/?van={n - 1}&naar={n}"
            return {"path": path, "headers": html(user)}
        if page == "proposals":
            user, household = rng.choice(pools["proposing"])
            return {"path": f"/huishoudens/{household}/plan/voorstellen/", "headers": html(user)}
        if page == "circle_view":
            user, household = rng.choice(pools["circle"])
            return {"path": f"/huishoudens/{household}/plan/", "headers": html(user)}
        if page == "caseload":
            (user,) = rng.choice(pools["coordinators"])
            path = "/mijn-huishoudens/" + ("?pagina=2" if rng.random() < 0.3 else "")
            return {"path": path, "headers": html(user)}
        if page == "household_file":
            user, household = rng.choice(pools["coordinated"])
            return {"path": f"/huishoudens/{household}/plan/", "headers": html(user)}
        if page == "api_households":
            (user,) = rng.choice(pools["coordinators"])
            return {"path": "/api/v1/households/", "headers": api(user)}
        if page == "api_goals":
            user, household = rng.choice(pools["residents"])
            return {"path": f"/api/v1/households/{household}/plan/goals/", "headers": api(user)}
        if page == "api_proposals":
            user, household = rng.choice(pools["coordinated"])
            path = f"/api/v1/households/{household}/plan/proposals/"
            return {"path": path, "headers": api(user)}
        if page == "api_versions":
            user, household = rng.choice(pools["residents"])
            path = f"/api/v1/households/{household}/plan/versions/"
            return {"path": path, "headers": api(user)}
        if page == "api_circle":
            user, household = rng.choice(pools["residents"])
            return {"path": f"/api/v1/households/{household}/circle/", "headers": api(user)}
        if page == "access_log":
            user, household = rng.choice(pools["residents"])
            path = f"/huishoudens/{household}/plan/wie-keek-er/"
            return {"path": path, "headers": html(user)}
        if page == "sharing":
            user, household = rng.choice(pools["residents"])
            path = f"/huishoudens/{household}/plan/wie-mag-wat-zien/"
            return {"path": path, "headers": html(user)}
        if page == "household_file_new":
            user, household = rng.choice(pools["coordinated"])
            return {"path": f"/huishoudens/{household}/huishouddossier/", "headers": html(user)}
        if page == "commitments":
            user, household = rng.choice(pools["committed"])
            path = f"/huishoudens/{household}/plan/kring/afspraken/"
            return {"path": path, "headers": html(user)}
        if page == "circle_map":
            user, household = rng.choice(pools["residents"])
            return {"path": f"/huishoudens/{household}/plan/kring/kaart/", "headers": html(user)}
        if page == "my_commitments":
            user, _household = rng.choice(pools["circle"])
            return {"path": "/mijn-afspraken/", "headers": html(user)}
        if page == "requests":
            user, household = rng.choice(pools["requesting"])
            return {"path": f"/huishoudens/{household}/vragen/", "headers": html(user)}
        if page == "support":
            user, household = rng.choice(pools["supported"])
            return {"path": f"/huishoudens/{household}/ondersteuning/", "headers": html(user)}
        if page == "letters":
            user, household = rng.choice(pools["lettered"])
            return {"path": f"/huishoudens/{household}/besluiten/", "headers": html(user)}
        raise ValueError(page)

    names = [p for p in PAGES if _pool_for(p, pools)]
    weights = [PAGES[p][0] for p in names]
    sequence = []
    for page in rng.choices(names, weights=weights, k=SEQUENCE_LENGTH):
        sequence.append({"page": page, **make(page)})
    return sequence


def _pool_for(page: str, pools: dict) -> list:
    return pools[
        {
            "plan": "residents",
            "version_diff": "versioned",
            "proposals": "proposing",
            "circle_view": "circle",
            "caseload": "coordinators",
            "household_file": "coordinated",
            "api_households": "coordinators",
            "api_goals": "residents",
            "api_proposals": "coordinated",
            "api_versions": "residents",
            "api_circle": "residents",
            "access_log": "residents",
            "sharing": "residents",
            "household_file_new": "coordinated",
            "commitments": "committed",
            "circle_map": "residents",
            "my_commitments": "circle",
            "requests": "requesting",
            "support": "supported",
            "letters": "lettered",
        }[page]
    ]


def count_queries(sequence: list[dict]) -> dict[str, dict]:
    """Queries per page with Django's test client against this database: the same requests
    and credentials the load generator sends, a few per page. Fails on anything but 200."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    found: dict[str, list[int]] = {}
    warmed: set[str] = set()
    client = Client(HTTP_HOST="127.0.0.1")
    for target in sequence:
        counts = found.setdefault(target["page"], [])
        if len(counts) >= QUERY_SAMPLES:
            continue
        if target["page"] not in warmed:
            # The first request of a page in a process also fills caches (content types,
            # permissions, translations): one-time queries a running worker does not repeat.
            warmed.add(target["page"])
            _send(client, target)
        with CaptureQueriesContext(connection) as captured:
            _send(client, target)
        counts.append(len(captured))
    return {
        page: {"median": statistics.median(c), "min": min(c), "max": max(c)}
        for page, c in sorted(found.items())
    }


def _send(client, target: dict) -> None:
    client.cookies.clear()
    headers = dict(target["headers"])
    if "Cookie" in headers:
        name, _sep, value = headers.pop("Cookie").partition("=")
        client.cookies[name] = value
    response = client.get(target["path"], headers=headers)
    if response.status_code != 200:
        raise SystemExit(
            f"bench: {target['page']} {target['path']} answered {response.status_code}"
        )


def write_wrk_requests(sequence: list[dict], path: Path) -> None:
    """One request a line for bench/wrk/mix.lua: page, path, then header name and value pairs,
    separated by tabs."""
    with path.open("w", encoding="utf-8") as f:
        for target in sequence:
            fields = [target["page"], target["path"]]
            for name, value in target["headers"].items():
                fields += [name, value]
            f.write("\t".join(fields) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, help="directory for targets.json, requests.tsv")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    setup_django()
    from django.db import connection

    started = time.monotonic()
    seeding = ensure_seeded(args.size, args.seed)
    rng = random.Random(f"bench-{args.size}-{args.seed}")  # noqa: S311 - test data
    pools = pick_pools(args.seed, rng)
    users = {row[0] for rows in pools.values() for row in rows}
    sessions, tokens = log_in(users)
    sequence = build_sequence(pools, rng, sessions, tokens)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest, DEBUG off
    queries = count_queries(sequence)
    info = {
        "size": args.size,
        "seed": args.seed,
        "vendor": connection.vendor,
        "database": str(connection.settings_dict["NAME"]),
        "database_bytes": database_size(),
        "seeding": seeding,
        "users_logged_in": len(users),
        "pool_sizes": {name: len(rows) for name, rows in pools.items()},
        "pages": {name: PAGES[name][1] for name in PAGES},
        "queries": queries,
        "prepare_seconds": round(time.monotonic() - started, 1),
    }
    (out / "targets.json").write_text(json.dumps({**info, "sequence": sequence}))
    write_wrk_requests(sequence, out / "requests.tsv")
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
