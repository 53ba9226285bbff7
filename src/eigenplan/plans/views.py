"""Pages for the plan. Views stay thin: they find the household the user stands with, hand
the typed input to a service, and render. Permission is checked here for the page and again
in every service for the change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenplan.accounts.reauth import requires_recent_login
from eigenplan.core.forms import apply_service
from eigenplan.households import services as household_services
from eigenplan.households.access import standing
from eigenplan.households.caseload import caseload_of
from eigenplan.households.forms import CircleMemberForm
from eigenplan.households.models import CircleMember
from eigenplan.households.selectors import active_circle, pen_holders, shared_with_my_team_role
from eigenplan.plans import selectors, services
from eigenplan.plans.forms import (
    ActionForm,
    ApproveForm,
    CompareForm,
    DeclineForm,
    ExplanationForm,
    GoalForm,
    PlanTextForm,
    ProposalTextForm,
)
from eigenplan.plans.models import Action, Goal, PlanVersion, Proposal
from eigenplan.plans.snapshot import diff_snapshots
from eigenplan.privacy.audit import record_read
from eigenplan.privacy.consent import sharing_history


def household_for(request, household_id: int, perm: str = "plans.view_plan"):
    """The household in the URL and the user's standing with it. A household the user has no
    standing with does not exist for them (404, so ids cannot be probed); one they see but may
    not act on in this way gives 403."""
    household = get_object_or_404(selectors.households_with_plan(), pk=household_id)
    view = standing(request.user, household)
    if not view.has_any_access:
        raise Http404
    if not request.user.has_perm(perm, household):
        raise PermissionDenied
    # A read by anyone but the pen holder shows in the resident's access log.
    record_read(request, household)
    return household, view


def _overview_url(household) -> str:
    return reverse("plans:overview", args=[household.pk])


# --- the plan ---------------------------------------------------------------------------------


@login_required
def overview(request, household_id):
    household, view = household_for(request, household_id)
    page = selectors.plan_page(household, view)
    contact = None
    if view.is_circle_member and not view.sees_whole_plan and view.sees_contact_details:
        # Shared with this circle member: the address, and how to reach the pen holders.
        contact = {"address": household.address, "people": pen_holders(household)}
    return render(
        request,
        "plans/overview.html",
        {
            "household": household,
            # Whose plan, in the heading: the address only for those who may see it.
            "household_label": (
                str(household)
                if view.sees_contact_details
                else get_text_list(list(dict.fromkeys(p.first_name for p in page.persons)), _("en"))
                or _("dit huishouden")
            ),
            "contact": contact,
            "page": page,
            "plan": page.plan,
            "view": view,
            "shows_dream": view.shows_dream,
            "can_edit": request.user.has_perm("plans.edit_plan", household),
            "can_propose": request.user.has_perm("plans.propose", household),
            "emergencies": page.emergencies,
        },
    )


STEPS = [
    ("wat-goed-gaat", gettext_lazy("Wat goed gaat")),
    ("droom", gettext_lazy("Mijn droom")),
    ("doelen", gettext_lazy("Mijn doelen")),
    ("kring", gettext_lazy("Wie helpt")),
    ("controleren", gettext_lazy("Controleren en goedkeuren")),
]
STEP_SLUGS = [slug for slug, _label in STEPS]

TEXT_STEPS = {
    "wat-goed-gaat": [
        (
            "strengths",
            gettext_lazy("Wat gaat goed in uw leven? Waar bent u goed in?"),
            gettext_lazy(
                "Denk aan uzelf en aan de mensen in uw huis. Bijvoorbeeld: ik ben een "
                "goede moeder, mijn zoon kan goed tekenen."
            ),
        ),
        (
            "contributions",
            gettext_lazy("Wat kunt u voor anderen doen?"),
            gettext_lazy(
                "Iedereen kan iets geven. Bijvoorbeeld: ik kan koken voor de buurvrouw, "
                "ik kan helpen met Arabisch vertalen."
            ),
        ),
    ],
    "droom": [
        (
            "dream",
            gettext_lazy("Wat is uw droom?"),
            gettext_lazy(
                "Hoe ziet uw leven eruit als het goed gaat? Schrijf het op zoals u het zelf zegt."
            ),
        ),
    ],
}


def _step_context(household, slug):
    index = STEP_SLUGS.index(slug)
    return {
        "household": household,
        "steps": STEPS,
        "step": slug,
        "step_number": index + 1,
        "step_label": STEPS[index][1],
        "previous_step": STEP_SLUGS[index - 1] if index else None,
        "next_step": STEP_SLUGS[index + 1] if index + 1 < len(STEPS) else None,
    }


def _text_forms(plan, slug, data=None):
    return [
        (
            field,
            PlanTextForm(
                data,
                prefix=field,
                label=label,
                help_text=help_text,
                initial={"text": getattr(plan, field), "revision": plan.revision},
            ),
        )
        for field, label, help_text in TEXT_STEPS[slug]
    ]


@login_required
def start(request, household_id, step="wat-goed-gaat"):
    """The guided start: what goes well, the dream, goals, who helps, check and approve."""
    if step not in STEP_SLUGS:
        raise Http404
    household, view = household_for(request, household_id, "plans.edit_plan")
    plan = selectors.plan_of(household)
    context = _step_context(household, step)
    if step in TEXT_STEPS:
        return _text_step(request, household, plan, step, context)
    if step == "doelen":
        return _goals_step(request, household, plan, context)
    if step == "kring":
        return _circle_step(request, household, context)
    return _check_step(request, household, plan, view, context)


def _text_step(request, household, plan, step, context):
    if request.method == "POST":
        forms = _text_forms(plan, step, request.POST)
        if all(form.is_valid() for _field, form in forms):
            first = forms[0][1]
            saved = apply_service(
                first,
                services.update_plan_texts,
                actor=request.user,
                plan=plan,
                texts={field: form.cleaned_data["text"] for field, form in forms},
                expected_revision=first.expected_revision(),
            )
            if saved is not None:
                messages.success(request, _("Opgeslagen."))
                return redirect(_after_step(request, household, context))
    else:
        forms = _text_forms(plan, step)
    context["forms"] = [form for _field, form in forms]
    context["plan"] = plan
    return render(request, "plans/start_text.html", context)


def _after_step(request, household, context) -> str:
    if request.POST.get("next") == "overview" or not context["next_step"]:
        return _overview_url(household)
    return reverse("plans:start", args=[household.pk, context["next_step"]])


def _goals_step(request, household, plan, context):
    persons = list(household.persons.all())
    form = GoalForm(request.POST or None, persons=persons)
    if request.method == "POST" and form.is_valid():
        goal = apply_service(
            form,
            services.add_goal,
            actor=request.user,
            plan=plan,
            text=form.cleaned_data["text"],
            life_domain=form.cleaned_data["life_domain"],
            person_id=form.cleaned_data["person_id"],
        )
        if goal is not None:
            messages.success(request, _("Uw doel is toegevoegd: %(goal)s") % {"goal": goal.text})
            return redirect("plans:start", household.pk, "doelen")
    context.update(
        {
            "plan": plan,
            "form": form,
            "groups": selectors.group_by_life_domain(plan.goals.select_related("person")),
        }
    )
    return render(request, "plans/start_goals.html", context)


def _circle_step(request, household, context):
    form = CircleMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = apply_service(
            form,
            household_services.add_circle_member,
            actor=request.user,
            household=household,
            **_circle_fields(form),
        )
        if member is not None:
            messages.success(request, _("%(name)s staat nu in uw kring.") % {"name": member.name})
            return redirect("plans:start", household.pk, "kring")
    context.update({"form": form, "circle": list(active_circle(household))})
    return render(request, "plans/start_circle.html", context)


def _circle_fields(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "revision"}


def _check_step(request, household, plan, view, context):
    page = selectors.plan_page(household, view)
    form = ApproveForm(request.POST or None, initial={"revision": page.plan.revision})
    if request.method == "POST" and form.is_valid():
        version = apply_service(
            form,
            services.approve_plan,
            actor=request.user,
            plan=page.plan,
            expected_revision=form.expected_revision(),
            note=form.cleaned_data["note"],
        )
        if version is not None:
            messages.success(
                request,
                _("U heeft uw plan goedgekeurd. Dit is nu versie %(n)s.") % {"n": version.number},
            )
            return redirect("plans:overview", household.pk)
        page = selectors.plan_page(household, view, fresh=True)
    context.update(
        {
            "page": page,
            "plan": page.plan,
            "form": form,
            "view": view,
            "shows_dream": True,
            "can_edit": True,
        }
    )
    return render(request, "plans/start_check.html", context)


# --- goals and actions -----------------------------------------------------------------------


def _goal_for(request, household_id, goal_id, perm):
    household, view = household_for(request, household_id, perm)
    goal = get_object_or_404(
        Goal.objects.select_related("plan"), pk=goal_id, plan__household=household
    )
    if not view.sees_whole_plan and goal.life_domain not in view.shared_life_domains:
        raise Http404
    return household, view, goal


@login_required
def goal_edit(request, household_id, goal_id):
    household, view, goal = _goal_for(request, household_id, goal_id, "plans.edit_plan")
    persons = list(household.persons.all())
    initial = {
        "text": goal.text,
        "life_domain": goal.life_domain,
        "person_id": goal.person_id or "",
        "revision": goal.revision,
    }
    form = GoalForm(request.POST or None, persons=persons, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = apply_service(
            form,
            services.update_goal,
            actor=request.user,
            goal=goal,
            expected_revision=form.expected_revision(),
            text=form.cleaned_data["text"],
            life_domain=form.cleaned_data["life_domain"],
            person_id=form.cleaned_data["person_id"],
        )
        if saved is not None:
            messages.success(request, _("Uw doel is aangepast."))
            return redirect(_overview_url(household) + f"#doel-{goal.pk}")
    return render(
        request, "plans/goal_form.html", {"household": household, "goal": goal, "form": form}
    )


@login_required
def goal_delete(request, household_id, goal_id):
    household, view, goal = _goal_for(request, household_id, goal_id, "plans.edit_plan")
    return _confirm_removal(
        request,
        household,
        thing=goal.text,
        question=_("Wilt u dit doel weghalen, met alle acties erbij?"),
        remove=lambda: services.delete_goal(actor=request.user, goal=goal),
        done=_("Het doel is weggehaald. In oude versies staat het nog."),
    )


def _confirm_removal(request, household, *, thing, question, remove, done, anchor=""):
    """Removing something asks first (GET), removes on POST, and says what happened."""
    if request.method == "POST":
        remove()
        messages.success(request, done)
        return redirect(_overview_url(household) + anchor)
    return render(
        request,
        "plans/confirm_delete.html",
        {"household": household, "thing": thing, "question": question},
    )


def _action_form(request, household, initial=None):
    return ActionForm(
        request.POST or None,
        initial=initial,
        persons=list(household.persons.all()),
        circle=list(active_circle(household)),
    )


def _action_fields(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "revision"}


@login_required
def action_add(request, household_id, goal_id):
    household, view, goal = _goal_for(request, household_id, goal_id, "plans.edit_plan")
    form = _action_form(request, household)
    if request.method == "POST" and form.is_valid():
        action = apply_service(
            form, services.add_action, actor=request.user, goal=goal, **_action_fields(form)
        )
        if action is not None:
            messages.success(request, _("De actie is toegevoegd."))
            return redirect(_overview_url(household) + f"#doel-{goal.pk}")
    return render(
        request,
        "plans/action_form.html",
        {"household": household, "goal": goal, "form": form, "action": None},
    )


def _action_initial(action) -> dict:
    return {
        "description": action.description,
        "performer": action.performer,
        "person_id": action.person_id or "",
        "circle_member_id": action.circle_member_id or "",
        "performer_name": action.performer_name,
        "due_date": action.due_date.isoformat() if action.due_date else "",
        "status": action.status,
        "revision": action.revision,
    }


def _action_for(request, household_id, action_id, perm):
    household, view = household_for(request, household_id, perm)
    action = get_object_or_404(
        Action.objects.select_related("goal__plan"), pk=action_id, goal__plan__household=household
    )
    if not view.sees_whole_plan and action.goal.life_domain not in view.shared_life_domains:
        raise Http404
    return household, view, action


@login_required
def action_edit(request, household_id, action_id):
    household, view, action = _action_for(request, household_id, action_id, "plans.edit_plan")
    form = _action_form(request, household, initial=_action_initial(action))
    if request.method == "POST" and form.is_valid():
        saved = apply_service(
            form,
            services.update_action,
            actor=request.user,
            action=action,
            expected_revision=form.expected_revision(),
            **_action_fields(form),
        )
        if saved is not None:
            messages.success(request, _("De actie is aangepast."))
            return redirect(_overview_url(household) + f"#doel-{action.goal_id}")
    return render(
        request,
        "plans/action_form.html",
        {"household": household, "goal": action.goal, "form": form, "action": action},
    )


@login_required
def action_delete(request, household_id, action_id):
    household, view, action = _action_for(request, household_id, action_id, "plans.edit_plan")
    return _confirm_removal(
        request,
        household,
        thing=action.description,
        question=_("Wilt u deze actie weghalen?"),
        remove=lambda: services.delete_action(actor=request.user, action=action),
        done=_("De actie is weggehaald."),
    )


# --- circle ----------------------------------------------------------------------------------


def _member_for(request, household_id, member_id):
    household, view = household_for(request, household_id, "households.manage_circle")
    member = get_object_or_404(CircleMember, pk=member_id, household=household, is_active=True)
    return household, member


@login_required
@requires_recent_login  # what a circle member may see is consent
def circle_member_edit(request, household_id, member_id):
    household, member = _member_for(request, household_id, member_id)
    initial = {
        "name": member.name,
        "relation": member.relation,
        "relation_detail": member.relation_detail,
        "closeness": member.closeness,
        "email": member.email,
        "phone": member.phone,
        "shared_life_domains": member.shared_life_domains,
        "shares_dream": member.shares_dream,
        "shares_contact": member.shares_contact,
        "revision": member.revision,
    }
    form = CircleMemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = apply_service(
            form,
            household_services.update_circle_member,
            actor=request.user,
            member=member,
            expected_revision=form.expected_revision(),
            **_circle_fields(form),
        )
        if saved is not None:
            messages.success(
                request, _("De gegevens van %(name)s zijn aangepast.") % {"name": saved.name}
            )
            return redirect(_overview_url(household) + "#kring")
    return render(
        request,
        "plans/circle_member_form.html",
        {
            "household": household,
            "member": member,
            "form": form,
            "sharing_history": list(sharing_history(member)[:20]),
        },
    )


@login_required
@requires_recent_login  # what a circle member may see is consent
def circle_member_remove(request, household_id, member_id):
    household, member = _member_for(request, household_id, member_id)
    return _confirm_removal(
        request,
        household,
        thing=member.name,
        question=_(
            "Wilt u deze persoon uit uw kring halen? Deze persoon kan uw plan dan niet meer zien."
        ),
        remove=lambda: household_services.remove_circle_member(actor=request.user, member=member),
        done=_("%(name)s staat niet meer in uw kring en kan uw plan niet meer zien.")
        % {"name": member.name},
        anchor="#kring",
    )


# --- proposals -------------------------------------------------------------------------------


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _proposal_target(request, household, view, kind):
    """The goal or action a proposal is about, from the query string, within this household."""
    goal = action = None
    source = request.POST if request.method == "POST" else request.GET
    if kind in (Proposal.Kind.CHANGE_GOAL, Proposal.Kind.ADD_ACTION):
        goal = get_object_or_404(
            Goal, pk=_int_or_404(source.get("doel")), plan__household=household
        )
        if not view.sees_whole_plan and goal.life_domain not in view.shared_life_domains:
            raise Http404
    elif kind == Proposal.Kind.CHANGE_ACTION:
        action = get_object_or_404(
            Action.objects.select_related("goal"),
            pk=_int_or_404(source.get("actie")),
            goal__plan__household=household,
        )
        if not view.sees_whole_plan and action.goal.life_domain not in view.shared_life_domains:
            raise Http404
    return goal, action


def _payload_form(kind, household, data=None, initial=None):
    persons = list(household.persons.all())
    if kind in (Proposal.Kind.ADD_GOAL, Proposal.Kind.CHANGE_GOAL):
        return GoalForm(data, persons=persons, initial=initial, prefix="p")
    if kind in (Proposal.Kind.ADD_ACTION, Proposal.Kind.CHANGE_ACTION):
        return ActionForm(
            data,
            persons=persons,
            circle=list(active_circle(household)),
            initial=initial,
            prefix="p",
        )
    return ProposalTextForm(data, initial=initial, prefix="p")


def _payload_from(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "revision"}


@login_required
def proposal_new(request, household_id, kind):
    household, view = household_for(request, household_id, "plans.propose")
    if kind not in Proposal.Kind.values:
        raise Http404
    goal, action = _proposal_target(request, household, view, kind)
    initial = None
    if kind == Proposal.Kind.CHANGE_GOAL:
        initial = {
            "text": goal.text,
            "life_domain": goal.life_domain,
            "person_id": goal.person_id or "",
        }
    elif kind == Proposal.Kind.CHANGE_ACTION:
        initial = _action_initial(action)
    data = request.POST if request.method == "POST" else None
    form = _payload_form(kind, household, data, initial)
    explanation = ExplanationForm(data)
    if data is not None and form.is_valid() and explanation.is_valid():
        proposal = apply_service(
            form,
            services.make_proposal,
            actor=request.user,
            plan=selectors.plan_of(household),
            kind=kind,
            payload=_payload_from(form),
            goal=goal,
            action=action,
            explanation=explanation.cleaned_data["explanation"],
        )
        if proposal is not None:
            messages.success(
                request, _("Uw voorstel is verstuurd. De inwoner beslist of het in het plan komt.")
            )
            return redirect(_overview_url(household))
    return render(
        request,
        "plans/proposal_form.html",
        {
            "household": household,
            "kind": kind,
            "kind_label": Proposal.Kind(kind).label,
            "goal": goal,
            "action": action,
            "form": form,
            "explanation": explanation,
        },
    )


@login_required
def proposal_list(request, household_id):
    household, view = household_for(request, household_id)
    plan = selectors.plan_of(household)
    proposals = list(selectors.proposals_for(plan, view)[:100])
    return render(
        request,
        "plans/proposal_list.html",
        {
            "household": household,
            "open": [p for p in proposals if p.is_open],
            "answered": [p for p in proposals if not p.is_open],
            "can_answer": request.user.has_perm("plans.answer_proposal", household),
        },
    )


@login_required
def proposal_detail(request, household_id, proposal_id):
    household, view = household_for(request, household_id)
    plan = selectors.plan_of(household)
    proposal = get_object_or_404(selectors.proposals_for(plan, view), pk=proposal_id)
    may_answer = request.user.has_perm("plans.answer_proposal", household)
    if request.method == "POST" and not may_answer:
        raise PermissionDenied
    if request.method == "POST" and not proposal.is_open:
        messages.info(request, _("Dit voorstel is al beantwoord."))
        return redirect("plans:proposal_detail", household.pk, proposal.pk)
    can_answer = may_answer and proposal.is_open
    form = decline = None
    if can_answer:
        data = request.POST if request.method == "POST" else None
        answer = request.POST.get("answer") if data is not None else None
        form = _payload_form(
            proposal.kind, household, data if answer == "accept" else None, proposal.payload
        )
        decline = DeclineForm(data if answer == "decline" else None)
        if answer == "accept" and form.is_valid():
            saved = apply_service(
                form,
                services.accept_proposal,
                actor=request.user,
                proposal=proposal,
                changes=_payload_from(form),
            )
            if saved is not None:
                messages.success(
                    request,
                    _("Het voorstel staat nu in uw plan. Keur uw plan goed als u klaar bent."),
                )
                return redirect("plans:proposals", household.pk)
        elif answer == "decline" and decline.is_valid():
            saved = apply_service(
                decline,
                services.decline_proposal,
                actor=request.user,
                proposal=proposal,
                reason=decline.cleaned_data["reason"],
            )
            if saved is not None:
                messages.success(request, _("U heeft het voorstel niet overgenomen."))
                return redirect("plans:proposals", household.pk)
    shown = _payload_form(
        proposal.kind, household, None, proposal.final_payload or proposal.payload
    )
    return render(
        request,
        "plans/proposal_detail.html",
        {
            "household": household,
            "proposal": proposal,
            "form": form,
            "decline": decline,
            "can_answer": can_answer,
            "summary": _describe(shown),
        },
    )


def _describe(form) -> list[tuple[str, str]]:
    """What a form's initial values say, as (label, words) pairs for reading, not editing."""
    lines = []
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if name == "revision" or value in (None, "", []):
            continue
        choices = {str(k): str(v) for k, v in getattr(field, "choices", [])}
        lines.append((str(field.label), choices.get(str(value), str(value))))
    return lines


# --- versions --------------------------------------------------------------------------------


@login_required
def version_list(request, household_id):
    household, view = household_for(request, household_id, "plans.view_versions")
    plan = selectors.plan_of(household)
    versions = list(selectors.versions_of(plan))
    numbers = sorted(v.number for v in versions)
    compare = CompareForm(
        numbers=numbers,
        initial={
            "van": numbers[-2] if len(numbers) > 1 else None,
            "naar": numbers[-1] if numbers else None,
        },
    )
    return render(
        request,
        "plans/version_list.html",
        {"household": household, "versions": versions, "compare": compare},
    )


@login_required
def version_detail(request, household_id, number):
    household, view = household_for(request, household_id, "plans.view_versions")
    version = get_object_or_404(PlanVersion, plan__household=household, number=number)
    return render(
        request,
        "plans/version_detail.html",
        {"household": household, "version": version, "snapshot": version.snapshot},
    )


@login_required
def version_compare(request, household_id):
    household, view = household_for(request, household_id, "plans.view_versions")
    plan = selectors.plan_of(household)
    numbers = list(plan.versions.order_by("number").values_list("number", flat=True))
    form = CompareForm(request.GET or None, numbers=numbers)
    changes = old = new = None
    if form.is_valid():
        pair = {
            v.number: v
            for v in plan.versions.filter(
                number__in=[form.cleaned_data["van"], form.cleaned_data["naar"]]
            )
        }
        old, new = pair[form.cleaned_data["van"]], pair[form.cleaned_data["naar"]]
        changes = diff_snapshots(old.snapshot, new.snapshot)
    return render(
        request,
        "plans/version_compare.html",
        {
            "household": household,
            "form": form,
            "changes": changes,
            "old": old,
            "new": new,
        },
    )


# --- coordinator -----------------------------------------------------------------------------


@login_required
def caseload(request):
    """The coordinator's households, what needs attention first (households.caseload)."""
    if not request.user.is_professional:
        raise PermissionDenied
    load = caseload_of(request.user, request.GET.get("pagina"))
    # Households of the team that share part of their file with this professional's role.
    shared = list(shared_with_my_team_role(request.user).select_related("neighbourhood")[:50])
    return render(
        request,
        "plans/caseload.html",
        {"page": load.page, "rows": load.rows, "load": load, "shared": shared},
    )
