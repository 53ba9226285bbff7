"""Pages for support, mandate requests and decision letters. Views stay thin: they find the
household the user stands with, hand the typed input to a service, and render. Permission is
checked here for the page and again in every service for the change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from eigenplan.core.forms import apply_service
from eigenplan.decisions import selectors, services
from eigenplan.decisions.forms import (
    CorrectLawForm,
    DecideForm,
    GrantForm,
    MandateRequestForm,
    SupportItemForm,
)
from eigenplan.decisions.models import DecisionLetter, MandateRequest, SupportItem
from eigenplan.households.access import standing
from eigenplan.households.models import Household
from eigenplan.privacy.audit import record_access


def household_for(request, household_id: int, perm: str):
    """The household in the URL: 404 for whoever has no standing with it (no probing of ids),
    403 for whoever stands with it but may not do this. A read is logged for the resident."""
    household = get_object_or_404(
        Household.objects.select_related("neighbourhood"), pk=household_id
    )
    if not standing(request.user, household).has_any_access:
        raise Http404
    if not request.user.has_perm(perm, household):
        raise PermissionDenied
    if request.method == "GET":
        record_access(actor=request.user, household=household, what="decisions")
    return household


# --- the coordinator: support from the plan ---------------------------------------------------


@login_required
def support(request, household_id):
    household = household_for(request, household_id, "decisions.manage_support")
    if request.method == "POST" and request.POST.get("do") == "letter":
        try:
            letter = services.issue_letter(actor=request.user, household=household)
        except ValidationError as refused:
            for error in refused.messages:
                messages.error(request, error)
            return redirect("decisions:support", household.pk)
        messages.success(request, _("De beschikking is gemaakt. De inwoner ziet haar in het plan."))
        return redirect("decisions:letter", household.pk, letter.pk)
    mandate = selectors.mandate_of(request.user)
    return render(
        request,
        "decisions/support.html",
        {
            "household": household,
            "actions": selectors.professional_actions(household),
            "pending_letter": selectors.undecided_letter_decisions(household),
            "letters": list(selectors.letters_of(household)[:50]),
            "mandate": mandate,
        },
    )


@login_required
def support_new(request, household_id):
    household = household_for(request, household_id, "decisions.manage_support")
    actions = selectors.professional_actions(household)
    provisions = list(selectors.catalogue())
    persons = list(household.persons.all())
    initial = {"action_id": request.GET.get("actie", "")}
    form = SupportItemForm(
        request.POST or None,
        initial=initial,
        actions=actions,
        provisions=provisions,
        persons=persons,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = next((a for a in actions if a.pk == data["action_id"]), None)
        provision = next((p for p in provisions if str(p.pk) == data["provision_id"]), None)
        if action is None:
            form.add_error("action_id", _("Kies een actie van een professional uit het plan."))
        else:
            item = apply_service(
                form,
                services.create_support_item,
                actor=request.user,
                action=action,
                provision=provision,
                maatwerk_kind=data["maatwerk_kind"],
                description=data["description"],
                product_category=data["product_category"],
                product_code_value=data["product_code"],
                unit=data["unit"],
                frequency=data["frequency"],
                price_per_unit=data["price_per_unit"],
                volume=data["volume"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                person_id=data["person_id"] or None,
                law=data["law"],
                law_reason=data["law_reason"],
            )
            if item is not None:
                messages.success(request, _("De ondersteuning is klaargezet."))
                return redirect("decisions:support_item", household.pk, item.pk)
    return render(
        request,
        "decisions/support_form.html",
        {"household": household, "form": form, "has_actions": bool(actions)},
    )


@login_required
def support_item(request, household_id, item_id):
    household = household_for(request, household_id, "decisions.manage_support")
    item = get_object_or_404(selectors.support_items_of(household), pk=item_id)
    do = request.POST.get("do") if request.method == "POST" else None
    correct = CorrectLawForm(
        request.POST if do == "correct" else None,
        initial={"law": item.law, "law_reason": item.law_correction_reason},
    )
    grant = GrantForm(request.POST if do == "grant" else None)
    ask = MandateRequestForm(request.POST if do == "request" else None)
    if do == "correct" and correct.is_valid():
        done = apply_service(
            correct,
            services.correct_law,
            actor=request.user,
            item=item,
            law=correct.cleaned_data["law"],
            reason=correct.cleaned_data["law_reason"],
        )
        if done is not None:
            messages.success(request, _("De wet is aangepast."))
            return redirect("decisions:support_item", household.pk, item.pk)
    elif do == "grant" and grant.is_valid():
        # The service refuses (403) whatever falls outside the mandate, forged forms too.
        done = apply_service(
            grant,
            services.grant_within_mandate,
            actor=request.user,
            item=item,
            reasons=grant.cleaned_data["reasons"],
        )
        if done is not None:
            messages.success(request, _("U heeft de ondersteuning toegekend."))
            return redirect("decisions:support", household.pk)
    elif do == "request" and ask.is_valid():
        done = apply_service(
            ask,
            services.request_mandate_decision,
            actor=request.user,
            item=item,
            reasoning=ask.cleaned_data["reasoning"],
        )
        if done is not None:
            messages.success(
                request,
                _("Uw verzoek is naar %(name)s gestuurd. Besluit uiterlijk op %(date)s.")
                % {"name": done.mandate.holder, "date": done.deadline.strftime("%d-%m-%Y")},
            )
            return redirect("decisions:support", household.pk)
    elif do is not None and do not in ("correct", "grant", "request"):
        raise PermissionDenied
    fit = services.mandate_fit(selectors.mandate_of(request.user), item)
    return render(
        request,
        "decisions/support_item.html",
        {
            "household": household,
            "item": item,
            "fit": fit,
            "correct": correct,
            "grant": grant,
            "ask": ask,
            "is_draft": item.status == SupportItem.Status.DRAFT,
        },
    )


# --- mandate holders and the team lead --------------------------------------------------------


@login_required
@require_safe
def dashboard(request):
    """Open mandate requests: waiting on me, and for a team lead all of their teams. Overdue and
    escalated ones first."""
    if not request.user.is_professional:
        raise PermissionDenied
    requests = selectors.dashboard_requests(request.user)
    return render(
        request,
        "decisions/dashboard.html",
        {
            "requests": requests,
            "is_lead": bool(selectors.led_team_ids(request.user)),
            "mandate": selectors.mandate_of(request.user),
        },
    )


@login_required
def request_detail(request, mandate_request_id):
    mandate_request = get_object_or_404(
        MandateRequest.objects.select_related(
            "support_item__provision", "mandate__holder", "household", "requested_by"
        ),
        pk=mandate_request_id,
    )
    if not selectors.may_view_request(request.user, mandate_request):
        raise Http404
    household = mandate_request.household
    is_holder = mandate_request.mandate.holder_id == request.user.pk
    can_decide = is_holder and mandate_request.status == MandateRequest.Status.OPEN
    if request.method == "POST" and not can_decide:
        raise PermissionDenied
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = apply_service(
            form,
            services.decide_request,
            actor=request.user,
            request=mandate_request,
            outcome=form.cleaned_data["outcome"],
            reasons=form.cleaned_data["reasons"],
        )
        if decision is not None:
            messages.success(request, _("Uw besluit is vastgelegd. De regisseur maakt de brief."))
            return redirect("decisions:dashboard")
    if request.method == "GET":
        record_access(actor=request.user, household=household, what="decisions")
    item = mandate_request.support_item
    return render(
        request,
        "decisions/request_detail.html",
        {
            "req": mandate_request,
            "item": item,
            "household": household,
            "form": form,
            "can_decide": can_decide,
            "fit": services.mandate_fit(mandate_request.mandate, item) if can_decide else None,
            "steps": list(
                mandate_request.steps.select_related("from_mandate__holder", "to_mandate__holder")
            ),
        },
    )


# --- letters ----------------------------------------------------------------------------------


@login_required
@require_safe
def letter_list(request, household_id):
    household = household_for(request, household_id, "decisions.view_decisions")
    return render(
        request,
        "decisions/letter_list.html",
        {"household": household, "letters": list(selectors.letters_of(household)[:100])},
    )


def _letter(request, household_id, letter_id):
    household = household_for(request, household_id, "decisions.view_decisions")
    return household, get_object_or_404(DecisionLetter, pk=letter_id, household=household)


@login_required
@require_safe
def letter(request, household_id, letter_id):
    household, found = _letter(request, household_id, letter_id)
    return render(request, "decisions/letter.html", {"household": household, "letter": found})


@login_required
@require_safe
def letter_pdf(request, household_id, letter_id):
    household, found = _letter(request, household_id, letter_id)
    response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="beschikking-{found.issued_at:%Y-%m-%d}-{found.pk}.pdf"'
    )
    return response
