"""Pages for the resident's GDPR rights beyond the download: asking for a correction and
following it (AVG art. 16), the coordinator's answers and deadlines, closing a household's file,
and how long each kind of data is kept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from eigenplan.accounts.models import Role
from eigenplan.core.forms import apply_service
from eigenplan.plans.views import household_for
from eigenplan.privacy import retention, selectors, services
from eigenplan.privacy.forms import (
    CorrectionAnswerForm,
    CorrectionExtendForm,
    CorrectionRequestForm,
)
from eigenplan.privacy.models import CorrectionRequest

VIEW_PERM = "privacy.view_corrections"
PER_PAGE = 50


@login_required
def correction_list(request, household_id):
    household, view = household_for(request, household_id, VIEW_PERM)
    return render(
        request,
        "privacy/correction_list.html",
        {
            "household": household,
            "view": view,
            "corrections": list(selectors.corrections_of(household)),
            "today": timezone.localdate(),
            "can_ask": request.user.has_perm("privacy.request_correction", household),
        },
    )


@login_required
def correction_new(request, household_id):
    household, _view = household_for(request, household_id, "privacy.request_correction")
    form = CorrectionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        correction = apply_service(
            form,
            services.request_correction,
            actor=request.user,
            household=household,
            **form.cleaned_data,
        )
        if correction is not None:
            messages.success(
                request,
                _("Uw vraag is verstuurd. U krijgt uiterlijk %(date)s antwoord.")
                % {"date": _date(correction.deadline)},
            )
            return redirect("privacy:correction_detail", household.pk, correction.pk)
    return render(request, "privacy/correction_form.html", {"household": household, "form": form})


def _date(day) -> str:
    return formats.date_format(day, "j F Y")


@login_required
def correction_detail(request, household_id, correction_id):
    household, view = household_for(request, household_id, VIEW_PERM)
    correction = get_object_or_404(CorrectionRequest, pk=correction_id, household=household)
    can_answer = request.user.has_perm("privacy.answer_correction", household)
    answer_form = CorrectionAnswerForm(request.POST if request.POST.get("do") == "answer" else None)
    extend_form = CorrectionExtendForm(request.POST if request.POST.get("do") == "extend" else None)
    if request.method == "POST":
        if not can_answer:
            raise PermissionDenied
        done = None
        if request.POST.get("do") == "answer" and answer_form.is_valid():
            done = apply_service(
                answer_form,
                services.answer_correction,
                actor=request.user,
                correction=correction,
                **answer_form.cleaned_data,
            )
            message = _("Uw antwoord is opgeslagen. De inwoner ziet het nu.")
        elif request.POST.get("do") == "extend" and extend_form.is_valid():
            done = apply_service(
                extend_form,
                services.extend_correction,
                actor=request.user,
                correction=correction,
                **extend_form.cleaned_data,
            )
            message = _("U heeft meer tijd genomen. De inwoner ziet de nieuwe datum en uw reden.")
        if done is not None:
            messages.success(request, message)
            return redirect("privacy:correction_detail", household.pk, correction.pk)
    today = timezone.localdate()
    return render(
        request,
        "privacy/correction_detail.html",
        {
            "household": household,
            "view": view,
            "correction": correction,
            "can_answer": can_answer and correction.is_open,
            "can_extend": can_answer
            and correction.is_open
            and not correction.is_extended
            and today <= correction.first_deadline,
            "answer_form": answer_form,
            "extend_form": extend_form,
            "today": today,
            "overdue": correction.is_overdue(today),
        },
    )


@login_required
def correction_queue(request):
    """A coordinator's open requests, nearest deadline first; for a team lead also every
    overdue request, with its coordinator (who is late, not what was asked)."""
    if not request.user.is_professional:
        raise PermissionDenied
    today = timezone.localdate()
    mine = Paginator(selectors.open_corrections_for_coordinator(request.user), PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    overdue = (
        list(selectors.overdue_corrections(today)[:PER_PAGE])
        if request.user.role == Role.TEAM_LEAD
        else []
    )
    return render(
        request,
        "privacy/correction_queue.html",
        {"page": mine, "overdue": overdue, "today": today},
    )


@login_required
def household_file(request, household_id):
    """The coordinator closes the household's file when the support ends (or opens it again)."""
    household, _view = household_for(request, household_id, "privacy.close_file")
    rule = retention.rule_for("closed_household")
    if request.method == "POST":
        service = (
            services.reopen_household_file
            if request.POST.get("do") == "reopen"
            else services.close_household_file
        )
        try:
            service(actor=request.user, household=household)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("Het dossier is gesloten.")
                if household.closed_at
                else _("Het dossier is weer open."),
            )
        return redirect("privacy:household_file", household.pk)
    return render(
        request,
        "privacy/household_file.html",
        {
            "household": household,
            "rule": rule,
            "last_day": rule.last_day_kept(household.closed_at) if household.closed_at else None,
            "open_corrections": household.correction_requests.filter(
                status=CorrectionRequest.Status.OPEN
            ).count(),
        },
    )


def retention_overview(request):
    """How long we keep each kind of data, and what happens after: for everyone, logged in or
    not (it is part of what a municipality must tell, AVG art. 13)."""
    return render(request, "privacy/retention.html", {"rules": retention.current_rules()})
