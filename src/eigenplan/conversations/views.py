"""Pages for requests for support and kitchen-table conversations. Thin: find the household
the user stands with (404 for anyone without standing, 403 for those who may not do this),
hand the typed input to a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eigenplan.conversations import selectors, services
from eigenplan.conversations.forms import (
    CloseDeadlineForm,
    ConfirmReadForm,
    EventForm,
    NoteForm,
    OwnPlanForm,
    PreparationForm,
    ReportForm,
    RequestForm,
    ResponseForm,
)
from eigenplan.conversations.models import (
    Conversation,
    Deadline,
    Law,
    ReportNote,
    SupportRequest,
)
from eigenplan.core.forms import apply_service
from eigenplan.households.access import standing
from eigenplan.plans import selectors as plan_selectors
from eigenplan.privacy.audit import record_access

VIEW = "conversations.view"
# What the resident's access log says was read (privacy.views.READS).
READ_WHAT = "conversations"


def household_for(request, household_id: int, perm: str = VIEW):
    household = get_object_or_404(plan_selectors.households_with_plan(), pk=household_id)
    view = standing(request.user, household)
    if not view.has_any_access:
        raise Http404
    if not request.user.has_perm(perm, household):
        raise PermissionDenied
    if request.method == "GET":
        record_access(actor=request.user, household=household, what=READ_WHAT)
    return household, view


def _date(day) -> str:
    return formats.date_format(day, "j F Y")


# --- requests ---------------------------------------------------------------------------------


@login_required
def request_list(request, household_id):
    household, view = household_for(request, household_id)
    return render(
        request,
        "conversations/request_list.html",
        {
            "household": household,
            "view": view,
            "requests": list(selectors.requests_of(household)),
            "today": timezone.localdate(),
            "can_record": request.user.has_perm("conversations.record_request", household),
        },
    )


@login_required
def request_new(request, household_id):
    household, view = household_for(request, household_id, "conversations.record_request")
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        support_request = apply_service(
            form,
            services.record_request,
            actor=request.user,
            household=household,
            **form.service_fields(),
        )
        if support_request is not None:
            messages.success(request, _("De vraag is opgeslagen."))
            return redirect("conversations:request_detail", household.pk, support_request.pk)
    return render(
        request,
        "conversations/request_form.html",
        {"household": household, "view": view, "form": form},
    )


def _own_plan_due(support_request: SupportRequest) -> Deadline | None:
    for deadline in support_request.deadlines.all():
        if deadline.rule is not None and deadline.rule.code == "wmo-persoonlijk-plan":
            return deadline
    return None


@login_required
def request_detail(request, household_id, request_id):
    household, view = household_for(request, household_id)
    support_request = get_object_or_404(selectors.requests_of(household), pk=request_id)
    user = request.user
    may_answer = user.has_perm("conversations.prepare", household)
    may_manage = user.has_perm("conversations.manage_deadlines", household)
    do = request.POST.get("do") if request.method == "POST" else None
    own_plan_form = OwnPlanForm(request.POST if do == "own_plan" else None)
    deadlines = list(support_request.deadlines.all())
    open_deadlines = [d for d in deadlines if d.is_open]
    close_form = CloseDeadlineForm(
        request.POST if do == "close" else None, deadlines=open_deadlines
    )
    event_form = EventForm(request.POST if do == "event" else None)
    if request.method == "POST":
        done = None
        if do == "own_plan" and may_answer:
            if own_plan_form.is_valid():
                done = apply_service(
                    own_plan_form,
                    services.answer_own_plan,
                    actor=user,
                    request=support_request,
                    answer=own_plan_form.cleaned_data["answer"],
                )
                message = _("Uw antwoord is opgeslagen.")
        elif do == "close" and may_manage:
            if close_form.is_valid() and close_form.cleaned_data["deadline"] is None:
                close_form.add_error("deadline", _("Kies een termijn."))
            elif close_form.is_valid():
                deadline = get_object_or_404(
                    Deadline, pk=close_form.cleaned_data["deadline"], request=support_request
                )
                done = apply_service(
                    close_form,
                    services.close_deadline,
                    actor=user,
                    deadline=deadline,
                    outcome=close_form.cleaned_data["outcome"],
                    note=close_form.cleaned_data["note"],
                )
                message = _("De termijn is afgesloten.")
        elif do == "event" and may_manage:
            if event_form.is_valid():
                done = apply_service(
                    event_form,
                    services.start_event_clocks,
                    actor=user,
                    request=support_request,
                    event=event_form.cleaned_data["event"],
                )
                message = _("De termijn loopt nu.")
        else:
            raise PermissionDenied
        if done is not None:
            messages.success(request, message)
            return redirect("conversations:request_detail", household.pk, support_request.pk)
    return render(
        request,
        "conversations/request_detail.html",
        {
            "household": household,
            "view": view,
            "support_request": support_request,
            "deadlines": deadlines,
            "open_deadlines": open_deadlines,
            "own_plan_deadline": _own_plan_due(support_request),
            "offers_wmo_plan": Law.WMO in support_request.laws,
            "offers_family_group_plan": Law.JEUGDWET in support_request.laws,
            "client_support": selectors.client_support(),
            "may_answer": may_answer,
            "may_manage": may_manage,
            "may_record": user.has_perm("conversations.record", household),
            "own_plan_form": own_plan_form,
            "close_form": close_form,
            "event_form": event_form,
            "events": event_form.fields["event"].choices,
            "today": timezone.localdate(),
        },
    )


# --- conversations ----------------------------------------------------------------------------


@login_required
def conversation_list(request, household_id):
    household, view = household_for(request, household_id)
    return render(
        request,
        "conversations/conversation_list.html",
        {
            "household": household,
            "view": view,
            "conversations": list(selectors.conversations_of(household)),
            "can_prepare": request.user.has_perm("conversations.prepare", household),
            "can_record": request.user.has_perm("conversations.record", household),
        },
    )


@login_required
def prepare(request, household_id):
    """The resident's preparation: saved every time they press the button, and whatever is
    fine is saved even when another field is refused."""
    household, view = household_for(request, household_id, "conversations.prepare")
    conversation = selectors.open_conversation(household)
    initial = {"revision": conversation.revision if conversation else None}
    if conversation is not None:
        initial |= {f: getattr(conversation, f) for f in services.PREPARATION_FIELDS}
    form = PreparationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        texts = {f: form.cleaned_data[f] for f in services.PREPARATION_FIELDS}
        result = apply_service(
            form,
            services.save_preparation,
            actor=request.user,
            household=household,
            expected_revision=form.expected_revision(),
            **texts,
        )
        if result is not None:
            conversation, errors = result
            if not errors:
                messages.success(request, _("Opgeslagen. U kunt later verder schrijven."))
                if request.POST.get("next") == "list":
                    return redirect("conversations:list", household.pk)
                return redirect("conversations:prepare", household.pk)
            for field, field_errors in errors.items():
                for error in field_errors:
                    form.add_error(field, error)
            form.data = form.data.copy()
            form.data["revision"] = conversation.revision
            messages.warning(request, _("De andere antwoorden zijn opgeslagen."))
    return render(
        request,
        "conversations/prepare.html",
        {"household": household, "view": view, "form": form, "conversation": conversation},
    )


@login_required
@require_POST
def conversation_new(request, household_id):
    household, _view = household_for(request, household_id, "conversations.record")
    support_request = None
    if request.POST.get("request"):
        try:
            request_id = int(request.POST["request"])
        except ValueError:
            raise Http404 from None
        support_request = get_object_or_404(SupportRequest, pk=request_id, household=household)
    conversation = services.start_conversation(
        actor=request.user, household=household, request=support_request
    )
    return redirect("conversations:record", household.pk, conversation.pk)


def _conversation_for(request, household_id, conversation_id, perm=VIEW):
    household, view = household_for(request, household_id, perm)
    conversation = get_object_or_404(
        selectors.with_notes(household.conversations.all()), pk=conversation_id
    )
    return household, view, conversation


@login_required
def conversation_detail(request, household_id, conversation_id):
    household, view, conversation = _conversation_for(request, household_id, conversation_id)
    user = request.user
    may_answer = user.has_perm("conversations.answer_report", household)
    may_respond = user.has_perm("conversations.record", household)
    do = request.POST.get("do") if request.method == "POST" else None
    note_form = NoteForm(request.POST if do == "note" else None)
    response_form = ResponseForm(request.POST if do == "respond" else None)
    read_form = ConfirmReadForm(
        request.POST if do == "read" else None, initial={"revision": conversation.revision}
    )
    if request.method == "POST":
        done = None
        if do == "note" and may_answer:
            if note_form.is_valid():
                done = apply_service(
                    note_form,
                    services.add_note,
                    actor=user,
                    conversation=conversation,
                    kind=note_form.cleaned_data["kind"],
                    text=note_form.cleaned_data["text"],
                )
                message = _("Uw reactie staat nu bij het verslag.")
        elif do == "respond" and may_respond:
            if response_form.is_valid():
                note = get_object_or_404(
                    ReportNote, pk=response_form.cleaned_data["note"], conversation=conversation
                )
                done = apply_service(
                    response_form,
                    services.add_note,
                    actor=user,
                    conversation=conversation,
                    kind=ReportNote.Kind.RESPONSE,
                    text=response_form.cleaned_data["text"],
                    in_reply_to=note,
                )
                message = _("Uw reactie is opgeslagen. De inwoner ziet hem nu.")
        elif do == "read" and may_answer:
            if read_form.is_valid():
                done = apply_service(
                    read_form,
                    services.confirm_read,
                    actor=user,
                    conversation=conversation,
                    expected_revision=read_form.expected_revision(),
                )
                message = _("Dank u. Het verslag is nu definitief. Uw reacties blijven erbij.")
        else:
            raise PermissionDenied
        if done is not None:
            messages.success(request, message)
            return redirect("conversations:detail", household.pk, conversation.pk)
    return render(
        request,
        "conversations/conversation_detail.html",
        {
            "household": household,
            "view": view,
            "conversation": conversation,
            "notes": conversation.resident_notes,
            "may_answer": may_answer and conversation.has_report,
            "may_confirm": may_answer and conversation.status == Conversation.Status.FOR_READING,
            "may_respond": may_respond,
            "may_record": may_respond and not conversation.is_final,
            "note_form": note_form,
            "response_form": response_form,
            "responding_to": response_form.data.get("note") if do == "respond" else None,
            "read_form": read_form,
        },
    )


@login_required
def conversation_record(request, household_id, conversation_id):
    """The coordinator's one screen: the resident's own plan and preparation beside the report.
    No budgets, no products: the conversation is about the resident's life."""
    household, view, conversation = _conversation_for(
        request, household_id, conversation_id, "conversations.record"
    )
    if conversation.is_final:
        messages.info(request, _("Dit verslag is definitief. U kunt wel reageren."))
        return redirect("conversations:detail", household.pk, conversation.pk)
    form = ReportForm(
        request.POST or None,
        initial={
            "held_on": conversation.held_on,
            "attendees": conversation.attendees,
            "discussed": conversation.discussed,
            "agreed": conversation.agreed,
            "revision": conversation.revision,
        },
    )
    if request.method == "POST" and form.is_valid():
        for_reading = request.POST.get("do") == "for_reading"
        saved = apply_service(
            form,
            services.save_report,
            actor=request.user,
            conversation=conversation,
            expected_revision=form.expected_revision(),
            held_on=form.cleaned_data["held_on"],
            attendees=form.cleaned_data["attendees"],
            discussed=form.cleaned_data["discussed"],
            agreed=form.cleaned_data["agreed"],
            for_reading=for_reading,
        )
        if saved is not None:
            if for_reading:
                messages.success(
                    request,
                    _(
                        "Het verslag staat klaar voor de inwoner. Het is definitief als de "
                        "inwoner het heeft gelezen."
                    ),
                )
                return redirect("conversations:detail", household.pk, conversation.pk)
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect("conversations:record", household.pk, conversation.pk)
    page = plan_selectors.plan_page(household, view)
    return render(
        request,
        "conversations/conversation_record.html",
        {
            "household": household,
            "view": view,
            "conversation": conversation,
            "plan": page.plan,
            "groups": page.groups,
            "shows_dream": view.shows_dream,
            "form": form,
        },
    )
