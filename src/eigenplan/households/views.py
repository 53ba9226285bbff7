"""Pages for inviting the circle: the resident's side (who is invited, send, resend, cancel,
the one-time code) and the invited person's side (open the link, type the code, join)."""

import time

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from eigenplan.accounts.reauth import requires_recent_login
from eigenplan.core.forms import apply_service
from eigenplan.households import selectors, services
from eigenplan.households.forms import (
    AcceptInvitationForm,
    CircleMemberForm,
    InvitationCodeForm,
    InvitationForm,
    NewMemberInvitationForm,
    SignInLinkForm,
)
from eigenplan.households.models import CircleInvitation, CircleMember
from eigenplan.plans.models import LifeDomain
from eigenplan.plans.views import household_for

MANAGE = "households.manage_circle"
# The code is shown to the resident once, from the session, right after sending.
CODE_KEY = "eigenplan_invitation_code"
# The invited person typed the right code: which invitation, and when.
VERIFIED_KEY = "eigenplan_invitation_verified"
VERIFIED_MINUTES = 30
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


# --- the resident's side ----------------------------------------------------------------------


@login_required
def invitations(request, household_id):
    household, _view = household_for(request, household_id, MANAGE)
    return render(
        request,
        "households/invitations.html",
        {"household": household, "rows": selectors.invitation_overview(household)},
    )


def _member_fields(form) -> dict:
    """What the circle member form says about the person (not the invitation's fields)."""
    fields = set(CircleMemberForm.base_fields) - {"revision"}
    return {name: form.cleaned_data.get(name) for name in fields}


def _invitation_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "channel": data.get("channel") or "",
        "code_by": data.get("code_by") or "",
        "language": data.get("language") or "",
    }


@login_required
@requires_recent_login  # inviting someone gives them access to the plan
def invite(request, household_id, member_id=None):
    household, _view = household_for(request, household_id, MANAGE)
    member = None
    if member_id is not None:
        member = get_object_or_404(CircleMember, pk=member_id, household=household, is_active=True)
        if member.user_id is not None:
            messages.info(request, _("%(name)s doet al mee.") % {"name": member.name})
            return redirect("households:invitations", household.pk)
    data = request.POST if request.method == "POST" else None
    if member is None:
        form = NewMemberInvitationForm(data)
    else:
        form = InvitationForm(data, initial={"email": member.email, "phone": member.phone})
    if request.method == "POST" and form.is_valid():
        if member is None:
            sent = apply_service(
                form,
                services.add_and_invite_circle_member,
                actor=request.user,
                household=household,
                invitation=_invitation_fields(form),
                **_member_fields(form),
            )
        else:
            sent = apply_service(
                form,
                services.invite_circle_member,
                actor=request.user,
                member=member,
                email=form.cleaned_data.get("email") or "",
                phone=form.cleaned_data.get("phone") or "",
                **_invitation_fields(form),
            )
        if sent is not None:
            name = sent.invitation.circle_member.name
            if sent.code is None:
                messages.success(
                    request,
                    _("De uitnodiging voor %(name)s is verstuurd. De code gaat per sms.")
                    % {"name": name},
                )
                return redirect("households:invitations", household.pk)
            request.session[CODE_KEY] = {"id": sent.invitation.pk, "code": sent.code}
            return redirect("households:invitation_code", household.pk, sent.invitation.pk)
    return render(
        request,
        "households/invite.html",
        {"household": household, "member": member, "form": form},
    )


def _invitation_for(request, household_id, invitation_id):
    """The household (pen holders only) and one of its own invitations; 404 for another's."""
    household, _view = household_for(request, household_id, MANAGE)
    invitation = get_object_or_404(
        CircleInvitation.objects.select_related("circle_member"),
        pk=invitation_id,
        household=household,
    )
    return household, invitation


@never_cache
@login_required
def invitation_code(request, household_id, invitation_id):
    household, invitation = _invitation_for(request, household_id, invitation_id)
    shown = request.session.get(CODE_KEY) or {}
    code = None
    if shown.get("id") == invitation.pk:
        code = shown.get("code")
        del request.session[CODE_KEY]  # shown once
    return render(
        request,
        "households/invitation_code.html",
        {
            "household": household,
            "invitation": invitation,
            "code": f"{code[:3]} {code[3:]}" if code else None,
        },
    )


@login_required
def invitation_cancel(request, household_id, invitation_id):
    household, invitation = _invitation_for(request, household_id, invitation_id)
    error = None
    if request.method == "POST":
        try:
            services.cancel_invitation(actor=request.user, invitation=invitation)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(
                request,
                _("De uitnodiging voor %(name)s is ingetrokken. De link werkt niet meer.")
                % {"name": invitation.circle_member.name},
            )
            return redirect("households:invitations", household.pk)
    return render(
        request,
        "households/invitation_cancel.html",
        {"household": household, "invitation": invitation, "error": error},
    )


# --- the invited person's side ----------------------------------------------------------------


def _unusable(request, why: str, *, sign_in: bool = False):
    """A clear page for a link that cannot be used (any more); 404 only for a link that never
    existed."""
    return render(
        request,
        "households/link_unusable.html",
        {"why": why, "sign_in": sign_in},
        status=404 if why == "unknown" else 200,
    )


def _shared_parts(member: CircleMember) -> list[str]:
    labels = dict(LifeDomain.choices)
    parts = [
        _("de doelen en afspraken over: %(domain)s") % {"domain": labels[d]}
        for d in member.shared_life_domains
        if d in labels
    ]
    if member.shares_dream:
        parts.insert(0, _("de droom en wat goed gaat"))
    if member.shares_contact:
        parts.append(_("het adres en de contactgegevens van het huishouden"))
    return parts


@sensitive_post_parameters("code")
@never_cache
def accept(request):
    """The link from the invitation: type the code."""
    token = request.GET.get("sleutel", "")
    invitation = services.find_invitation(token)
    why = services.why_unusable(invitation)
    if why is not None:
        return _unusable(request, why)
    if request.user.is_authenticated:
        return render(request, "households/accept_signed_in.html", {"invitation": invitation})
    form = InvitationCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            apply_service(
                form,
                services.verify_invitation_code,
                request=request,
                invitation=invitation,
                code=form.cleaned_data.get("code") or "",
            )
        except services.InvitationUnusable as unusable:
            return _unusable(request, unusable.why)
        if not form.errors:
            request.session.cycle_key()
            request.session[VERIFIED_KEY] = {"id": invitation.pk, "at": time.time()}
            return redirect("households:accept_welcome")
    return render(
        request,
        "households/accept.html",
        {"invitation": invitation, "inviter": invitation.invited_by, "form": form},
    )


def _verified_invitation(request) -> CircleInvitation | None:
    verified = request.session.get(VERIFIED_KEY) or {}
    if not verified.get("id") or time.time() - verified.get("at", 0) > VERIFIED_MINUTES * 60:
        return None
    return (
        CircleInvitation.objects.select_related("circle_member", "invited_by", "household")
        .filter(pk=verified["id"])
        .first()
    )


@sensitive_post_parameters("password", "password2")
@never_cache
def accept_welcome(request):
    """After the right code: what the resident shares, and how to sign in from now on."""
    invitation = _verified_invitation(request)
    if invitation is None:
        return _unusable(request, "unknown")
    why = services.why_unusable(invitation)
    if why is not None:
        return _unusable(request, why)
    form = AcceptInvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with_password = form.cleaned_data.get("how") != AcceptInvitationForm.LINK_ONLY
        try:
            user = apply_service(
                form,
                services.accept_invitation,
                invitation=invitation,
                with_password=with_password,
                username=form.cleaned_data.get("username") or "",
                password=form.cleaned_data.get("password") or "",
                password2=form.cleaned_data.get("password2") or "",
            )
        except services.InvitationUnusable as unusable:
            return _unusable(request, unusable.why)
        if user is not None:
            request.session.pop(VERIFIED_KEY, None)
            login(request, user, backend=MODEL_BACKEND)
            if with_password:
                messages.success(
                    request,
                    _("Welkom! U doet nu mee. U logt voortaan in met gebruikersnaam %(username)s.")
                    % {"username": user.username},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Welkom! U doet nu mee. Wilt u later terugkomen? Vraag dan op de "
                        "inlogpagina een nieuwe link aan."
                    ),
                )
            return redirect("plans:overview", invitation.household_id)
    return render(
        request,
        "households/accept_welcome.html",
        {
            "invitation": invitation,
            "member": invitation.circle_member,
            "inviter": invitation.invited_by,
            "shared": _shared_parts(invitation.circle_member),
            "form": form,
        },
    )


@never_cache
def sign_in_link(request):
    """A circle member without a password asks for a new single-use sign-in link."""
    form = SignInLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        apply_service(
            form,
            services.request_sign_in_link,
            request=request,
            address=form.cleaned_data.get("address") or "",
        )
        if not form.errors:
            messages.success(
                request,
                _(
                    "Als wij dit adres of nummer kennen, krijgt u zo een link om in te loggen. "
                    "De link werkt één keer."
                ),
            )
            return redirect("households:sign_in_link")
    return render(request, "households/sign_in_link.html", {"form": form})


@never_cache
def sign_in_link_use(request):
    """The link from the sign-in message. Logging in takes a press of the button (a POST), so a
    mail program that opens links to check them does not use it up."""
    link = services.find_sign_in_link(request.GET.get("sleutel", ""))
    if link is None:
        return _unusable(request, "unknown", sign_in=True)
    if request.method == "POST":
        user = services.use_sign_in_link(link=link)
        if user is not None:
            login(request, user, backend=MODEL_BACKEND)
            return redirect("home")
    elif link.used_at is None and link.expires_at > timezone.now() and link.user.is_active:
        return render(request, "households/sign_in_link_use.html", {})
    expired = link.used_at is None and link.expires_at <= timezone.now()
    return _unusable(request, "expired" if expired else "used", sign_in=True)
