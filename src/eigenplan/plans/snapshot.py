"""A plan frozen as plain data, and the difference between two such snapshots in plain words.

A snapshot keeps both ids (to match goals and actions across versions) and the words a person
saw (names, labels), so that an old version reads the same after circle members leave.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _

from eigenplan.plans.models import Action, LifeDomain, Plan

SNAPSHOT_FORMAT = 1


def build_snapshot(plan: Plan) -> dict:
    """The plan's content as JSON-ready data. Four queries, whatever the plan's size."""
    goals = plan.goals.select_related("person").prefetch_related(
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("person", "circle_member"),
        )
    )
    circle = plan.household.circle.filter(is_active=True)
    return {
        "format": SNAPSHOT_FORMAT,
        "strengths": plan.strengths,
        "dream": plan.dream,
        "contributions": plan.contributions,
        "goals": [
            {
                "id": goal.pk,
                "text": goal.text,
                "life_domain": goal.life_domain,
                "person": goal.person.first_name if goal.person_id else "",
                "actions": [
                    {
                        "id": action.pk,
                        "description": action.description,
                        "performer": action.performer,
                        "performer_label": action.performer_label,
                        "due_date": action.due_date.isoformat() if action.due_date else None,
                        "status": action.status,
                    }
                    for action in goal.actions.all()
                ],
            }
            for goal in goals
        ],
        "circle": [
            {"id": member.pk, "name": member.name, "relation": member.relation} for member in circle
        ],
    }


@dataclass
class Change:
    """One difference between two versions, as a sentence a resident understands."""

    kind: str  # "added", "removed" or "changed"
    sentence: str
    details: list[tuple[str, str, str]] = field(default_factory=list)  # (what, before, after)


def _quote(text: str) -> str:
    # The sentence around the quote ends with its own full stop.
    text = " ".join(text.split()).rstrip(".")
    return f"“{text if len(text) <= 80 else text[:77] + '…'}”"


def _domain_label(value: str) -> str:
    try:
        return str(LifeDomain(value).label)
    except ValueError:
        return value


def _date_label(value: str | None) -> str:
    if not value:
        return _("geen datum")
    return formats.date_format(datetime.date.fromisoformat(value), "j F Y")


def _status_label(value: str) -> str:
    try:
        return str(Action.Status(value).label)
    except ValueError:
        return value


TEXT_PARTS = {
    "strengths": lambda: _("Wat goed gaat"),
    "dream": lambda: _("De droom"),
    "contributions": lambda: _("Wat ik kan geven"),
}


def _diff_texts(old: dict, new: dict) -> list[Change]:
    changes = []
    for key, label in TEXT_PARTS.items():
        before, after = old.get(key, ""), new.get(key, "")
        if before == after:
            continue
        if not before:
            changes.append(
                Change(
                    "added", _("%(part)s is ingevuld.") % {"part": label()}, [(label(), "", after)]
                )
            )
        elif not after:
            changes.append(
                Change(
                    "removed",
                    _("%(part)s is leeggemaakt.") % {"part": label()},
                    [(label(), before, "")],
                )
            )
        else:
            changes.append(
                Change(
                    "changed",
                    _("%(part)s is veranderd.") % {"part": label()},
                    [(label(), before, after)],
                )
            )
    return changes


def _action_details(before: dict, after: dict) -> list[tuple[str, str, str]]:
    details = []
    if before["description"] != after["description"]:
        details.append((_("wat"), before["description"], after["description"]))
    if before["performer_label"] != after["performer_label"]:
        details.append((_("wie"), before["performer_label"], after["performer_label"]))
    if before["due_date"] != after["due_date"]:
        details.append(
            (_("datum"), _date_label(before["due_date"]), _date_label(after["due_date"]))
        )
    if before["status"] != after["status"]:
        details.append(
            (
                _("hoe het ervoor staat"),
                _status_label(before["status"]),
                _status_label(after["status"]),
            )
        )
    return details


def _diff_actions(goal_text: str, old_actions: list, new_actions: list) -> list[Change]:
    changes = []
    old_by_id = {a["id"]: a for a in old_actions}
    new_by_id = {a["id"]: a for a in new_actions}
    for action in new_actions:
        previous = old_by_id.get(action["id"])
        if previous is None:
            changes.append(
                Change(
                    "added",
                    _(
                        "Actie toegevoegd bij doel %(goal)s: %(action)s. Wie: %(who)s. "
                        "Klaar op: %(date)s."
                    )
                    % {
                        "goal": _quote(goal_text),
                        "action": _quote(action["description"]),
                        "who": action["performer_label"],
                        "date": _date_label(action["due_date"]),
                    },
                )
            )
            continue
        details = _action_details(previous, action)
        if details:
            changes.append(
                Change(
                    "changed",
                    _("Actie veranderd: %(action)s.") % {"action": _quote(action["description"])},
                    details,
                )
            )
    for action in old_actions:
        if action["id"] not in new_by_id:
            changes.append(
                Change(
                    "removed",
                    _("Actie weggehaald bij doel %(goal)s: %(action)s.")
                    % {"goal": _quote(goal_text), "action": _quote(action["description"])},
                )
            )
    return changes


def _diff_goals(old: dict, new: dict) -> list[Change]:
    changes = []
    old_by_id = {g["id"]: g for g in old.get("goals", [])}
    new_ids = {g["id"] for g in new.get("goals", [])}
    for goal in new.get("goals", []):
        previous = old_by_id.get(goal["id"])
        if previous is None:
            changes.append(
                Change(
                    "added",
                    _("Doel toegevoegd: %(goal)s (%(domain)s).")
                    % {"goal": _quote(goal["text"]), "domain": _domain_label(goal["life_domain"])},
                )
            )
            changes.extend(_diff_actions(goal["text"], [], goal["actions"]))
            continue
        details = []
        if previous["text"] != goal["text"]:
            details.append((_("doel"), previous["text"], goal["text"]))
        if previous["life_domain"] != goal["life_domain"]:
            details.append(
                (
                    _("leefgebied"),
                    _domain_label(previous["life_domain"]),
                    _domain_label(goal["life_domain"]),
                )
            )
        if previous["person"] != goal["person"]:
            details.append(
                (
                    _("voor wie"),
                    previous["person"] or _("het huishouden"),
                    goal["person"] or _("het huishouden"),
                )
            )
        if details:
            changes.append(
                Change(
                    "changed",
                    _("Doel veranderd: %(goal)s.") % {"goal": _quote(goal["text"])},
                    details,
                )
            )
        changes.extend(_diff_actions(goal["text"], previous["actions"], goal["actions"]))
    for goal in old.get("goals", []):
        if goal["id"] not in new_ids:
            changes.append(
                Change("removed", _("Doel weggehaald: %(goal)s.") % {"goal": _quote(goal["text"])})
            )
    return changes


def _diff_circle(old: dict, new: dict) -> list[Change]:
    old_ids = {m["id"] for m in old.get("circle", [])}
    new_ids = {m["id"] for m in new.get("circle", [])}
    changes = [
        Change("added", _("Nieuw in de kring: %(name)s.") % {"name": m["name"]})
        for m in new.get("circle", [])
        if m["id"] not in old_ids
    ]
    changes += [
        Change("removed", _("Niet meer in de kring: %(name)s.") % {"name": m["name"]})
        for m in old.get("circle", [])
        if m["id"] not in new_ids
    ]
    return changes


def diff_snapshots(old: dict, new: dict) -> list[Change]:
    """What changed from `old` to `new`, texts first, then goals with their actions, then the
    circle. An empty list means the two versions say the same."""
    return _diff_texts(old, new) + _diff_goals(old, new) + _diff_circle(old, new)
