"""Pages of the family group conference. Thin: find the conference the user stands with (404
when it does not exist for them), check what the page needs (403), hand typed input to a
service, render. The services check everything again."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from eigenplan.accounts.models import Role
from eigenplan.conferences import selectors, services
from eigenplan.conferences.access import conference_standing, is_circle_only
from eigenplan.conferences.forms import (
    ApproveForm,
    AssessmentForm,
    AssignForm,
    ConditionForm,
    InformationForm,
    ParticipantForm,
    PreparationForm,
    ReferralForm,
    ReviewDateForm,
)
from eigenplan.conferences.models import (
    Conference,
    DraftAction,
    DraftGoal,
    Participant,
    ProfessionalInput,
    Status,
)
from eigenplan.core.forms import apply_service
from eigenplan.households.access import standing
from eigenplan.households.models import Household
from eigenplan.households.selectors import active_circle
from eigenplan.plans.forms import ActionForm, GoalForm
from eigenplan.privacy.audit import record_access


def conference_for(request, household_id: int, conference_id: int):
    """The conference in the URL and how the user stands towards it."""
    conference = get_object_or_404(
        Conference.objects.select_related(
            "household__neighbourhood", "independent_coordinator", "approved_version"
        ).defer("approved_version__snapshot"),
        pk=conference_id,
        household_id=household_id,
    )
    view = conference_standing(request.user, conference)
    if not view.exists:
        raise Http404
    return conference, view


def _render(request, template: str, context: dict):
    """Render a conference page; a read by anyone but the pen holder shows in the resident's
    access log (only for pages that show something: not for refusals)."""
    if request.method == "GET":
        record_access(actor=request.user, household=context["household"], what="conference")
    return render(request, template, context)


def _detail_url(conference) -> str:
    return reverse("conferences:detail", args=[conference.household_id, conference.pk])


def _context(conference, view, **extra) -> dict:
    """What every conference page shows: the conference, and what comes next (`page`)."""
    extra.setdefault("page", selectors.conference_page(conference, view))
    return {"conference": conference, "household": conference.household, "view": view, **extra}


def _fail(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- the household's conferences, and the referral ----------------------------------------------


@login_required
def start(request, household_id):
    household = get_object_or_404(Household, pk=household_id)
    view = standing(request.user, household)
    if not view.has_any_access:
        raise Http404
    may_refer = view.holds_pen or view.is_coordinator
    if request.method == "POST" and not may_refer:
        raise PermissionDenied
    conferences = selectors.conferences_of(household)
    if is_circle_only(view):
        conferences = conferences.filter(participants__circle_member_id=view.circle_member_id)
    conferences = list(conferences)
    current = next((c for c in conferences if c.is_open), None)
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        conference = apply_service(
            form,
            services.refer,
            actor=request.user,
            household=household,
            question=form.cleaned_data["question"],
        )
        if conference is not None:
            messages.success(request, _("De aanmelding is gedaan."))
            return redirect(_detail_url(conference))
    if request.method == "GET":
        record_access(actor=request.user, household=household, what="conference")
    return render(
        request,
        "conferences/start.html",
        {
            "household": household,
            "view": view,
            "conferences": conferences,
            "current": current,
            "form": form if may_refer and current is None else None,
        },
    )


@login_required
def mine(request):
    """The independent coordinator's conferences."""
    if request.user.role != Role.INDEPENDENT_COORDINATOR:
        raise PermissionDenied
    return render(
        request,
        "conferences/mine.html",
        {"conferences": list(selectors.assigned_to(request.user))},
    )


@login_required
def detail(request, household_id, conference_id):
    conference, view = conference_for(request, household_id, conference_id)
    return _render(request, "conferences/detail.html", _context(conference, view))


# Steps taken with one button on the conference page.
STEP_SERVICES = {
    "informatieronde": services.start_information_round,
    "eigen-tijd": services.start_private_time,
    "presenteren": services.present_plan,
    "beoordelen": services.start_assessment,
    "stoppen": services.stop,
}
STEP_DONE = {
    "informatieronde": gettext_lazy("De informatieronde is begonnen."),
    "eigen-tijd": gettext_lazy("De eigen tijd van de familie is begonnen."),
    "presenteren": gettext_lazy("Het plan is gepresenteerd."),
    "beoordelen": gettext_lazy("De professionals kunnen het plan nu beoordelen."),
    "stoppen": gettext_lazy("De conferentie is gestopt."),
}


@login_required
@require_POST
def step(request, household_id, conference_id):
    conference, view = conference_for(request, household_id, conference_id)
    if not (view.holds_pen or view.is_independent_coordinator):
        raise PermissionDenied
    service = STEP_SERVICES.get(request.POST.get("stap", ""))
    if service is None:
        raise Http404
    try:
        service(actor=request.user, conference=conference)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, STEP_DONE[request.POST["stap"]])
    return redirect(_detail_url(conference))


@login_required
def assign(request, household_id, conference_id):
    conference, view = conference_for(request, household_id, conference_id)
    if not view.may_assign:
        raise PermissionDenied
    candidates = list(
        get_user_model()
        .objects.filter(role=Role.INDEPENDENT_COORDINATOR, is_active=True)
        .order_by("display_name", "username")
    )
    initial = {"coordinator": conference.independent_coordinator_id or ""}
    form = AssignForm(request.POST or None, candidates=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = next(
            (user for user in candidates if str(user.pk) == form.cleaned_data["coordinator"]), None
        )
        saved = apply_service(
            form,
            services.assign_coordinator,
            actor=request.user,
            conference=conference,
            coordinator=chosen,
        )
        if saved is not None:
            messages.success(
                request, _("%(name)s is de onafhankelijk coördinator.") % {"name": chosen}
            )
            return redirect(_detail_url(conference))
    return _render(request, "conferences/assign.html", _context(conference, view, form=form))


@login_required
def preparation(request, household_id, conference_id):
    conference, view = conference_for(request, household_id, conference_id)
    if not view.may_prepare:
        raise PermissionDenied
    circle = list(active_circle(conference.household))
    posted = request.POST if request.method == "POST" else None
    adding = posted is not None and "deelnemer" in posted
    initial = {
        # An <input type="datetime-local"> takes its value in ISO form only.
        "meeting_at": (
            timezone.localtime(conference.meeting_at).strftime("%Y-%m-%dT%H:%M")
            if conference.meeting_at
            else ""
        ),
        "meeting_place": conference.meeting_place,
        "language": conference.language,
        "interpreter": conference.interpreter,
    }
    form = PreparationForm(None if adding else posted, initial=initial)
    participant_form = ParticipantForm(posted if adding else None, circle=circle)
    if posted is not None and not adding and form.is_valid():
        saved = apply_service(
            form,
            services.update_preparation,
            actor=request.user,
            conference=conference,
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(request, _("De voorbereiding is opgeslagen."))
            return redirect(_detail_url(conference))
    if adding and participant_form.is_valid():
        added = apply_service(
            participant_form,
            services.add_participant,
            actor=request.user,
            conference=conference,
            **participant_form.cleaned_data,
        )
        if added is not None:
            messages.success(request, _("%(name)s staat op de lijst.") % {"name": added.name})
            return redirect("conferences:preparation", conference.household_id, conference.pk)
    return _render(
        request,
        "conferences/preparation.html",
        _context(
            conference,
            view,
            form=form,
            participant_form=participant_form,
            participants=list(conference.participants.all()),
        ),
    )


@login_required
@require_POST
def participant_remove(request, household_id, conference_id, participant_id):
    conference, view = conference_for(request, household_id, conference_id)
    if not view.may_prepare:
        raise PermissionDenied
    participant = get_object_or_404(Participant, pk=participant_id, conference=conference)
    try:
        services.remove_participant(actor=request.user, participant=participant)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(
            request, _("%(name)s staat niet meer op de lijst.") % {"name": participant}
        )
    return redirect("conferences:preparation", conference.household_id, conference.pk)


@login_required
def information(request, household_id, conference_id):
    """What the professionals know, and their concerns and conditions."""
    conference, view = conference_for(request, household_id, conference_id)
    if not view.may_see_inputs or (request.method == "POST" and not view.may_add_input):
        raise PermissionDenied
    posted = request.POST if request.method == "POST" else None
    kind = (posted or {}).get("soort")
    info_form = InformationForm(posted if kind == "informatie" else None, prefix="info")
    condition_form = ConditionForm(posted if kind == "voorwaarde" else None, prefix="cond")
    if kind == "informatie" and info_form.is_valid():
        saved = apply_service(
            info_form,
            services.add_input,
            actor=request.user,
            conference=conference,
            kind=ProfessionalInput.Kind.INFORMATION,
            text=info_form.cleaned_data["text"],
        )
        if saved is not None:
            messages.success(request, _("Uw informatie is opgeslagen."))
            return redirect("conferences:information", conference.household_id, conference.pk)
    if kind == "voorwaarde" and condition_form.is_valid():
        saved = apply_service(
            condition_form,
            services.add_input,
            actor=request.user,
            conference=conference,
            kind=ProfessionalInput.Kind.CONDITION,
            text=condition_form.cleaned_data["concern"],
            condition=condition_form.cleaned_data["condition"],
        )
        if saved is not None:
            messages.success(request, _("Uw zorg en voorwaarde zijn opgeslagen."))
            return redirect("conferences:information", conference.household_id, conference.pk)
    may_write = view.may_add_input and conference.status in (
        Status.REFERRED,
        Status.PREPARING,
        Status.INFORMATION,
    )
    return _render(
        request,
        "conferences/information.html",
        _context(
            conference,
            view,
            info_form=info_form,
            condition_form=condition_form,
            may_write=may_write,
        ),
    )


# --- the family's plan ------------------------------------------------------------------------


def _draft_for(request, household_id, conference_id):
    """The family's plan exists only for who may see it now: in private family time nobody
    but the family (404 for everyone else, so not even its existence shows)."""
    conference, view = conference_for(request, household_id, conference_id)
    if not view.may_see_draft(conference):
        raise Http404
    if request.method == "POST" and not view.may_edit_draft(conference):
        raise PermissionDenied
    return conference, view


@login_required
def draft(request, household_id, conference_id):
    conference, view = _draft_for(request, household_id, conference_id)
    persons = list(conference.household.persons.all())
    form = GoalForm(request.POST or None, persons=persons)
    if request.method == "POST" and form.is_valid():
        goal = apply_service(
            form,
            services.add_draft_goal,
            actor=request.user,
            conference=conference,
            text=form.cleaned_data["text"],
            life_domain=form.cleaned_data["life_domain"],
            person_id=form.cleaned_data["person_id"],
        )
        if goal is not None:
            messages.success(request, _("Het doel staat in het plan: %(goal)s") % {"goal": goal})
            return redirect("conferences:draft", conference.household_id, conference.pk)
    return _render(
        request,
        "conferences/draft.html",
        _context(
            conference,
            view,
            form=form,
            groups=selectors.draft_groups(conference, view),
            can_edit=view.may_edit_draft(conference),
        ),
    )


def _action_form(request, household, initial=None, data=None):
    return ActionForm(
        data,
        initial=initial,
        persons=list(household.persons.all()),
        circle=list(active_circle(household)),
    )


@login_required
def draft_goal(request, household_id, conference_id, goal_id):
    conference, view = _draft_for(request, household_id, conference_id)
    goal = get_object_or_404(DraftGoal, pk=goal_id, conference=conference)
    if goal.life_domain not in view.draft_domains():
        raise Http404
    if not view.may_edit_draft(conference):
        raise PermissionDenied
    household = conference.household
    back = redirect("conferences:draft", conference.household_id, conference.pk)
    posted = request.POST if request.method == "POST" else None
    if posted is not None and "weghalen" in posted:
        services.delete_draft_goal(actor=request.user, goal=goal)
        messages.success(request, _("Het doel is uit het plan gehaald."))
        return back
    adding = posted is not None and "actie" in posted
    goal_form = GoalForm(
        None if adding else posted,
        persons=list(household.persons.all()),
        initial={"text": goal.text, "life_domain": goal.life_domain, "person_id": goal.person_id},
    )
    action_form = _action_form(request, household, data=posted if adding else None)
    if posted is not None and not adding and goal_form.is_valid():
        fields = {k: v for k, v in goal_form.cleaned_data.items() if k != "revision"}
        if apply_service(
            goal_form, services.update_draft_goal, actor=request.user, goal=goal, **fields
        ):
            messages.success(request, _("Het doel is aangepast."))
            return back
    if adding and action_form.is_valid():
        fields = {k: v for k, v in action_form.cleaned_data.items() if k != "revision"}
        if apply_service(
            action_form, services.add_draft_action, actor=request.user, goal=goal, **fields
        ):
            messages.success(request, _("De actie staat in het plan."))
            return back
    return _render(
        request,
        "conferences/draft_goal.html",
        _context(conference, view, goal=goal, goal_form=goal_form, action_form=action_form),
    )


@login_required
def draft_action(request, household_id, conference_id, action_id):
    conference, view = _draft_for(request, household_id, conference_id)
    action = get_object_or_404(
        DraftAction.objects.select_related("goal"), pk=action_id, goal__conference=conference
    )
    if action.goal.life_domain not in view.draft_domains():
        raise Http404
    if not view.may_edit_draft(conference):
        raise PermissionDenied
    back = redirect("conferences:draft", conference.household_id, conference.pk)
    if request.method == "POST" and "weghalen" in request.POST:
        services.delete_draft_action(actor=request.user, action=action)
        messages.success(request, _("De actie is uit het plan gehaald."))
        return back
    initial = {
        "description": action.description,
        "performer": action.performer,
        "person_id": action.person_id or "",
        "circle_member_id": action.circle_member_id or "",
        "performer_name": action.performer_name,
        "due_date": action.due_date.isoformat() if action.due_date else "",
        "status": action.status,
    }
    form = _action_form(request, conference.household, initial=initial, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
        if apply_service(
            form, services.update_draft_action, actor=request.user, action=action, **fields
        ):
            messages.success(request, _("De actie is aangepast."))
            return back
    return _render(
        request,
        "conferences/draft_action.html",
        _context(conference, view, action=action, form=form),
    )


# --- assessment, approval, review -------------------------------------------------------------


@login_required
def assessment(request, household_id, conference_id):
    """Per condition: does the presented plan meet it, and why (the professionals); the result
    for the family."""
    conference, view = conference_for(request, household_id, conference_id)
    if not view.may_see_inputs or (request.method == "POST" and not view.may_add_input):
        raise PermissionDenied
    may_assess = view.may_add_input and conference.status == Status.ASSESSMENT
    forms = {}
    if request.method == "POST":
        chosen = request.POST.get("voorwaarde", "")
        condition = get_object_or_404(
            ProfessionalInput,
            pk=int(chosen) if chosen.isdigit() and len(chosen) < 10 else 0,
            conference=conference,
            kind=ProfessionalInput.Kind.CONDITION,
        )
        form = AssessmentForm(request.POST, prefix=f"v{condition.pk}")
        forms[condition.pk] = form
        if form.is_valid():
            answer = {"yes": True, "no": False}.get(form.cleaned_data["is_met"])
            saved = apply_service(
                form,
                services.assess_condition,
                actor=request.user,
                condition=condition,
                is_met=answer,
                reason=form.cleaned_data["reason"],
            )
            if saved is not None:
                messages.success(request, _("Uw beoordeling is opgeslagen."))
                return redirect("conferences:assessment", conference.household_id, conference.pk)
    page = selectors.conference_page(conference, view)
    conditions = [item for item in page.inputs if item.is_condition]
    rows = [
        (
            item,
            forms.get(item.pk)
            or AssessmentForm(
                prefix=f"v{item.pk}",
                initial={
                    "is_met": {True: "yes", False: "no"}.get(item.is_met, ""),
                    "reason": item.assessment_reason,
                },
            ),
        )
        for item in conditions
    ]
    return _render(
        request,
        "conferences/assessment.html",
        _context(conference, view, page=page, rows=rows, may_assess=may_assess),
    )


@login_required
def approve(request, household_id, conference_id):
    conference, view = conference_for(request, household_id, conference_id)
    if not view.holds_pen:
        raise PermissionDenied
    if conference.status != Status.ASSESSMENT:
        messages.error(request, _("Het plan kan nu niet worden goedgekeurd."))
        return redirect(_detail_url(conference))
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = apply_service(
            form,
            services.approve,
            actor=request.user,
            conference=conference,
            note=form.cleaned_data["note"],
        )
        if saved is not None:
            messages.success(
                request,
                _("U heeft het plan goedgekeurd. Het is nu versie %(n)s van uw plan.")
                % {"n": saved.approved_version.number},
            )
            return redirect(_detail_url(conference))
    page = selectors.conference_page(conference, view)
    return _render(
        request,
        "conferences/approve.html",
        _context(
            conference,
            view,
            page=page,
            form=form,
            groups=selectors.draft_groups(conference, view),
            conditions=[item for item in page.inputs if item.is_condition],
        ),
    )


@login_required
def review_date(request, household_id, conference_id):
    conference, view = conference_for(request, household_id, conference_id)
    if not (view.holds_pen or view.is_independent_coordinator):
        raise PermissionDenied
    if conference.status not in (Status.APPROVED, Status.FOLLOW_UP):
        messages.error(request, _("Er is nog geen goedgekeurd plan om op terug te kijken."))
        return redirect(_detail_url(conference))
    suggested = conference.review_date or services.suggested_review_date(conference)
    # An <input type="date"> takes its value in ISO form only.
    form = ReviewDateForm(request.POST or None, initial={"review_date": suggested.isoformat()})
    if request.method == "POST" and form.is_valid():
        saved = apply_service(
            form,
            services.set_review_date,
            actor=request.user,
            conference=conference,
            review_date=form.cleaned_data["review_date"],
        )
        if saved is not None:
            messages.success(request, _("De datum om terug te kijken is opgeslagen."))
            return redirect(_detail_url(conference))
    return _render(
        request,
        "conferences/review_date.html",
        _context(conference, view, form=form, suggested=suggested),
    )


@login_required
def review(request, household_id, conference_id):
    """Looking back: per goal what was promised and what is done; the family starts the next
    version of its plan."""
    conference, view = conference_for(request, household_id, conference_id)
    if conference.approved_version_id is None:
        raise Http404
    if request.method == "POST":
        if not view.holds_pen:
            raise PermissionDenied
        try:
            services.start_next_version(actor=request.user, conference=conference)
        except ValidationError as error:
            _fail(request, error)
            return redirect("conferences:review", conference.household_id, conference.pk)
        messages.success(
            request,
            _(
                "U werkt nu aan de volgende versie van uw plan. Pas aan wat nodig is, en keur het "
                "goed als het klaar is."
            ),
        )
        return redirect("plans:overview", conference.household_id)
    return _render(
        request,
        "conferences/review.html",
        _context(
            conference,
            view,
            goals=selectors.review_goals(conference, view),
            may_start_next=view.holds_pen and conference.status == Status.FOLLOW_UP,
        ),
    )
