"""The audit trail is append-only and hash-chained: `audit verify` finds an edited, a deleted and
a moved event, and on PostgreSQL the database refuses to change or delete one at all.

Tampering happens with raw SQL, as someone with database access would do it. On PostgreSQL the
trigger would refuse that, so the tamper tests switch it off inside the test's own transaction
(ALTER TABLE ... DISABLE TRIGGER, rolled back with the test): they run on both databases."""

import itertools
import threading
import time
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, OperationalError, connection, connections, transaction

from eigenplan.core.seeding import remove_seeded, seed_municipality
from eigenplan.households.models import Household
from eigenplan.plans import services
from eigenplan.privacy import chain
from eigenplan.privacy.audit import record_event, verify_trail
from eigenplan.privacy.models import AppendOnlyError, AuditChainHead, AuditEvent
from tests.factories import GoalFactory, HouseholdFactory, PersonFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
TABLE = AuditEvent._meta.db_table
TRIGGER = "privacy_auditevent_append_only"


@contextmanager
def tampering():
    """A cursor that may change audit rows behind the application's back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGER}")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TRIGGER}")


def verify() -> str:
    """`eigenplan audit verify`: its output when the trail is whole, else the error (exit 1)."""
    try:
        call_command("audit", "verify", "--chunk-size", "3", stdout=(out := _Out()))
    except CommandError as error:
        assert error.returncode == 1
        return f"BROKEN {error}"
    return out.text.strip()


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


@pytest.fixture
def trail(world):
    """Ten events for the world's household, written by the services."""
    for n in range(5):
        goal = services.add_goal(
            actor=world.resident, plan=world.plan, text=f"Doel {n}", life_domain="housing"
        )
        services.update_goal(
            actor=world.resident,
            goal=goal,
            text=f"Doel {n}, aangepast",
            life_domain="money",
            person_id=None,
        )
    return list(AuditEvent.objects.order_by("sequence"))


def test_services_write_a_valid_chain(trail):
    assert [e.sequence for e in trail] == list(range(1, 11))
    assert trail[0].prev_hash == chain.GENESIS
    for before, after in itertools.pairwise(trail):
        assert after.prev_hash == before.hash
    head = AuditChainHead.objects.get()
    assert (head.sequence, head.hash) == (10, trail[-1].hash)
    assert verify() == "OK, 10 events"


def test_an_empty_trail_is_ok(db):
    assert verify() == "OK, 0 events"


def test_an_edited_event_is_found(trail):
    with tampering() as cursor:
        cursor.execute("UPDATE privacy_auditevent SET verb = 'view' WHERE sequence = 4")
    assert verify().startswith("BROKEN The audit trail is broken at event 4: edited")


def test_an_edited_detail_is_found_whatever_the_key_order(trail):
    with tampering() as cursor:
        cursor.execute(
            "UPDATE privacy_auditevent SET detail = %s WHERE sequence = 7",
            ['{"a": 1}'],
        )
    assert "at event 7: edited" in verify()


def test_an_event_edited_with_a_recomputed_plain_hash_is_found(trail, settings):
    """Someone who rewrites an event and its hash, but does not have the key."""
    event = AuditEvent.objects.get(sequence=5)
    forged = {name: getattr(event, name) for name in chain.HASHED_FIELDS}
    forged["actor_name"] = "Niemand"
    with tampering() as cursor:
        cursor.execute(
            "UPDATE privacy_auditevent SET actor_name = %s, hash = %s WHERE sequence = 5",
            ["Niemand", chain.event_hash(forged, key=b"a guessed key")],
        )
    assert "at event 5: edited" in verify()


def test_a_deleted_event_is_found(trail):
    with tampering() as cursor:
        cursor.execute("DELETE FROM privacy_auditevent WHERE sequence = 6")
    assert verify() == (
        "BROKEN The audit trail is broken at event 6: missing (event 6 deleted, before the next "
        "event). The 5 events before it are in order."
    )


def test_deleted_newest_events_are_found(trail):
    with tampering() as cursor:
        cursor.execute("DELETE FROM privacy_auditevent WHERE sequence >= 9")
    assert "at event 9: missing (events 9 to 10 deleted, at the end)" in verify()


def test_a_reordered_event_is_found(trail):
    """Events 3 and 4 swap places in the chain."""
    with tampering() as cursor:
        cursor.execute("UPDATE privacy_auditevent SET sequence = -3 WHERE sequence = 3")
        cursor.execute("UPDATE privacy_auditevent SET sequence = 3 WHERE sequence = 4")
        cursor.execute("UPDATE privacy_auditevent SET sequence = 4 WHERE sequence = -3")
    assert "at event 3: reordered (this event was chained after event 4" in verify()


def test_another_key_fails_from_the_first_event(trail, settings):
    settings.EIGENPLAN_AUDIT_KEY = "another key"
    assert "at event 1: edited" in verify()


def test_the_application_never_updates_or_deletes_an_event(trail):
    event = trail[0]
    event.verb = "view"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="view")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert verify() == "OK, 10 events"


@postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE privacy_auditevent SET verb = 'view' WHERE sequence = 2",
        "DELETE FROM privacy_auditevent",
    ],
    ids=["update", "delete"],
)
def test_postgresql_refuses_to_change_or_delete_an_event(trail, sql):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert verify() == "OK, 10 events"


def test_deleting_a_household_or_user_leaves_its_events_as_they_were(world):
    household = HouseholdFactory()
    resident = UserFactory()
    PersonFactory(household=household, user=resident)
    plan = PlanFactory(household=household)
    GoalFactory(plan=plan)
    services.approve_plan(actor=resident, plan=plan)
    event = AuditEvent.objects.get(household_id=household.pk)
    ids = (household.pk, resident.pk)

    Household.objects.filter(pk=household.pk).delete()
    resident.delete()

    again = AuditEvent.objects.get(pk=event.pk)
    assert (again.household_id, again.actor_id, again.hash) == (*ids, event.hash)
    assert verify() == "OK, 1 events"


def test_a_rolled_back_change_leaves_no_gap(world):
    services.add_goal(actor=world.resident, plan=world.plan, text="Eén", life_domain="housing")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.add_goal(actor=world.resident, plan=world.plan, text="Twee", life_domain="work")
        raise RuntimeError
    services.add_goal(actor=world.resident, plan=world.plan, text="Drie", life_domain="work")
    assert list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True)) == [
        1,
        2,
    ]
    assert verify() == "OK, 2 events"


def test_fractions_in_the_detail_are_refused(world):
    with pytest.raises(TypeError):
        record_event(actor=world.resident, household=world.household, verb="x", detail={"a": 0.5})


def test_a_missing_head_is_made_again_from_the_newest_event(trail):
    AuditChainHead.objects.all().delete()
    assert "head of the chain is missing" in verify()
    record_event(actor=None, household=None, verb="check")
    assert verify() == "OK, 11 events"


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_valid_chain(world):
    """Several threads, each with its own connection, append at the same time. On PostgreSQL
    they really wait for each other on the chain head's row lock. SQLite lets one writer in at a
    time; the test database lives in memory, where a writer that finds the database busy fails
    at once ("table is locked") instead of waiting as with a database file, so here the threads
    try again, in whatever order they get in."""
    writers, events_each = 4, 8
    start = threading.Barrier(writers)
    failures = []

    def write(n):
        try:
            start.wait()
            for i in range(events_each):
                while True:
                    try:
                        record_event(
                            actor=world.resident,
                            household=world.household,
                            verb="update",
                            detail={"writer": n, "i": i},
                        )
                        break
                    except OperationalError as error:
                        if connection.vendor != "sqlite" or "locked" not in str(error):
                            raise
                        time.sleep(0.001)
        except Exception as error:  # reported below, in the test's thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    total = writers * events_each
    assert sorted(AuditEvent.objects.values_list("sequence", flat=True)) == list(
        range(1, total + 1)
    )
    assert verify() == f"OK, {total} events"


def test_seeded_audit_events_are_chained(db):
    seed_municipality(households=60, seed=21, batch_size=25, insert_batch_size=7)
    seeded = AuditEvent.objects.count()
    assert seeded > 60
    assert verify() == f"OK, {seeded} events"
    # Removing a seed leaves its events; a new seed continues the chain.
    remove_seeded(seed=21)
    seed_municipality(households=10, seed=22)
    assert AuditEvent.objects.count() > seeded
    verdict = verify_trail(chunk_size=50)
    assert verdict.ok and verdict.events == AuditEvent.objects.count()
