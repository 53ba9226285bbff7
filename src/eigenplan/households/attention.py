"""What needs a coordinator's attention, per household: the registry the caseload and the
household file read, and that every app fills with its own providers.

An app that has something to say (open proposals, overdue actions, legal deadlines, decisions
due, reviews due) writes a module `<app>/workspace.py` with one function per kind:

    from eigenplan.households.attention import AttentionItem, Urgency, provider

    @provider("deadlines")
    def deadlines(household_ids: list[int]) -> dict[int, list[AttentionItem]]:
        ...  # ONE query (or a fixed few) for all the households together

The registry finds these modules by itself (like rules.py): nothing else to wire. A provider is
called with the ids of all households on a coordinator's caseload at once and must use a fixed
number of queries however many there are, so the caseload stays constant in queries. It
returns items only for households that have something; each item says which part of the file
it is about (`part`, a privacy.parts value such as "conversations", "decisions" or a life
domain; None for what the coordinator always sees), and the caseload leaves out what the
resident does not share with the coordinator."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import IntEnum

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

DUE_SOON_DAYS = 14


class Urgency(IntEnum):
    """Lower is more urgent; the caseload sorts on it first, then on the due date."""

    OVERDUE = 0  # a date has passed
    DUE_SOON = 1  # a date within DUE_SOON_DAYS
    WAITING = 2  # someone waits, without a date
    LATER = 3  # a date further away


def urgency_of(due: datetime.date | None, today: datetime.date | None = None) -> Urgency:
    """The urgency of something with this due date (WAITING without one)."""
    if due is None:
        return Urgency.WAITING
    today = today or timezone.localdate()
    if due < today:
        return Urgency.OVERDUE
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return Urgency.DUE_SOON
    return Urgency.LATER


@dataclass(frozen=True)
class AttentionItem:
    kind: str  # the provider's key, e.g. "proposals", "actions_overdue", "deadlines"
    label: str  # what it is, in Dutch words, e.g. "Voorstellen wachten op de inwoner"
    due: datetime.date | None  # the date that matters most (the earliest), or None
    url: str  # where the coordinator deals with it
    urgency: Urgency
    count: int = 1  # how many of them
    # The part of the file it is about (privacy.parts); None: always shown to the coordinator.
    part: str | None = None


Provider = Callable[[list[int]], dict[int, list[AttentionItem]]]
_providers: dict[str, Provider] = {}
_discovered = False


def provider(kind: str) -> Callable[[Provider], Provider]:
    """Register `function` as the provider of `kind` (a second registration replaces it)."""

    def register(function: Provider) -> Provider:
        _providers[kind] = function
        return function

    return register


def discover() -> None:
    """Import every installed app's `workspace` module once: that registers its providers and
    its sections of the household file."""
    global _discovered
    if not _discovered:
        autodiscover_modules("workspace")
        _discovered = True


def providers() -> dict[str, Provider]:
    discover()
    return dict(_providers)


def attention_for(household_ids: Iterable[int]) -> dict[int, list[AttentionItem]]:
    """Every provider's items for these households, most urgent first per household. One call
    per provider, whatever the number of households."""
    ids = list(household_ids)
    found: dict[int, list[AttentionItem]] = {pk: [] for pk in ids}
    if not ids:
        return found
    for function in providers().values():
        for household_id, items in function(ids).items():
            if household_id in found:
                found[household_id].extend(items)
    for items in found.values():
        items.sort(key=sort_key)
    return found


def sort_key(item: AttentionItem) -> tuple:
    return (item.urgency, item.due or datetime.date.max, item.kind)


def visible(items: list[AttentionItem], parts: frozenset[str]) -> list[AttentionItem]:
    """The items about parts of the file the viewer may see."""
    return [item for item in items if item.part is None or item.part in parts]


def by_kind(items: list[AttentionItem]) -> list[AttentionItem]:
    """One item per kind: the counts added up, the earliest date, the highest urgency (a
    provider may give several, e.g. one per life domain)."""
    merged: dict[str, AttentionItem] = {}
    for item in items:
        first = merged.get(item.kind)
        if first is None:
            merged[item.kind] = item
            continue
        dues = [due for due in (first.due, item.due) if due is not None]
        merged[item.kind] = replace(
            first,
            count=first.count + item.count,
            due=min(dues) if dues else None,
            urgency=min(first.urgency, item.urgency),
        )
    return sorted(merged.values(), key=sort_key)
