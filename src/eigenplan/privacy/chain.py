"""The audit trail as a hash chain: each event carries the hash of the event before it and its
own hash over a canonical serialisation of everything it says. Changing, deleting or moving an
event breaks the chain from that event on, and `verify_chain` finds the first broken link.

The hash is HMAC-SHA256 with a key that lives in the application's environment, not in the
database: EIGENPLAN_AUDIT_KEY (a setting or environment variable), else SECRET_KEY. Someone who
can write to the database but does not have the key cannot rebuild the chain after a change,
which a plain SHA-256 chain would let them do. Changing the key makes every existing event fail
verification, so set EIGENPLAN_AUDIT_KEY once and keep it when SECRET_KEY is rotated.

Nothing here knows about models: a migration uses the same functions for existing events.
"""

import datetime
import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings

FORMAT = 1  # part of every hash; a later change to the serialisation gets a new number
GENESIS = "0" * 64  # the "previous hash" of the first event
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_name",
    "actor_role",
    "actor_organisation",
    "household_id",
    "verb",
    "object_type",
    "object_id",
    "detail",
    "prev_hash",
)


def audit_key() -> bytes:
    key = (
        getattr(settings, "EIGENPLAN_AUDIT_KEY", "")
        or os.environ.get("EIGENPLAN_AUDIT_KEY", "")
        or settings.SECRET_KEY
    )
    return key.encode()


def normalise_detail(detail: Mapping[str, Any] | None) -> dict:
    """The detail as it comes back from the database: JSON objects with string keys, lists, text,
    whole numbers, booleans and null. Floats are refused: PostgreSQL's jsonb may give them back
    written differently (1e20 as 100000000000000000000), which would break the hash."""
    value = json.loads(json.dumps(detail or {}, allow_nan=False))
    _refuse_floats(value)
    return value


def _refuse_floats(value) -> None:
    if isinstance(value, float):
        raise TypeError("An audit event's detail may not hold fractions; write them as text.")
    if isinstance(value, dict):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_floats(item)


def _time(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def canonical(event: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed: a JSON object with sorted keys and no spaces, time in UTC
    with microseconds."""
    payload = {name: event[name] for name in HASHED_FIELDS}
    payload["occurred_at"] = _time(payload["occurred_at"])
    payload["format"] = FORMAT
    return _CANONICAL.encode(payload).encode()


_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def event_hash(event: Mapping[str, Any], key: bytes | None = None) -> str:
    return hmac.digest(key or audit_key(), canonical(event), hashlib.sha256).hex()


def link(events: Iterable, *, sequence: int, prev_hash: str) -> tuple[int, str]:
    """Give each event (model instances, in order) the next sequence number and its hashes,
    starting after (`sequence`, `prev_hash`). Returns the new head."""
    key = audit_key()
    for event in events:
        sequence += 1
        event.sequence = sequence
        event.prev_hash = prev_hash
        event.hash = event_hash(event.__dict__, key)
        prev_hash = event.hash
    return sequence, prev_hash


# --- verification ----------------------------------------------------------------------------


EDITED, MISSING, REORDERED = "edited", "missing", "reordered"


@dataclass(frozen=True)
class Break:
    sequence: int
    kind: str  # EDITED, MISSING or REORDERED
    explanation: str

    def __str__(self) -> str:
        return f"event {self.sequence}: {self.kind} ({self.explanation})"


@dataclass(frozen=True)
class Verdict:
    events: int  # how many events were checked and found in order
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(
    rows: Iterable[Mapping[str, Any]],
    *,
    head_sequence: int,
    head_hash: str,
    find_by_hash=lambda _hash: None,
) -> Verdict:
    """Walk the events in sequence order, up to the chain head as it stood when the walk began,
    and stop at the first broken link. `find_by_hash(h)` gives the sequence number of a stored
    event whose own hash is `h` (asked only when something is wrong, to tell a moved event from
    an edited one)."""
    key = audit_key()
    expected, prev_hash, checked = 1, GENESIS, 0
    for row in rows:
        sequence = row["sequence"]
        if sequence != expected:
            return Verdict(checked, _missing(expected, sequence - 1, "before the next event"))
        intact = event_hash(row, key) == row["hash"]
        if row["prev_hash"] != prev_hash:
            if intact and expected > 1:
                return Verdict(
                    checked - 1,
                    Break(
                        expected - 1,
                        EDITED,
                        "this event was replaced: the next event was chained to another one",
                    ),
                )
            origin = find_by_hash(row["prev_hash"])
            if origin is not None and origin != expected - 1:
                return Verdict(
                    checked,
                    Break(
                        sequence,
                        REORDERED,
                        f"this event was chained after event {origin}, not after event "
                        f"{expected - 1}",
                    ),
                )
            return Verdict(
                checked,
                Break(sequence, EDITED, "its link to the event before it was changed"),
            )
        if not intact:
            return Verdict(
                checked,
                Break(
                    sequence,
                    EDITED,
                    "its content does not match its hash (or the audit key has changed)",
                ),
            )
        prev_hash = row["hash"]
        checked += 1
        expected += 1
    if expected - 1 < head_sequence:
        return Verdict(checked, _missing(expected, head_sequence, "at the end"))
    if prev_hash != head_hash:
        return Verdict(
            checked - 1,
            Break(head_sequence, EDITED, "the newest event does not match the head of the chain"),
        )
    return Verdict(checked, None)


def _missing(first: int, last: int, where: str) -> Break:
    which = f"event {first}" if first == last else f"events {first} to {last}"
    return Break(first, MISSING, f"{which} deleted, {where}")
