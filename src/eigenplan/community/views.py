"""The page with questions that help a resident think of people for their circle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigenplan.community import services
from eigenplan.community.forms import ThinkingQuestionsForm
from eigenplan.core.forms import apply_service
from eigenplan.plans.views import household_for


@login_required
def questions(request, household_id):
    household, _view = household_for(request, household_id, "households.manage_circle")
    form = ThinkingQuestionsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        added = apply_service(
            form,
            services.add_names_from_questions,
            actor=request.user,
            household=household,
            answers=form.cleaned_data,
        )
        if added is not None:
            if added:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s persoon staat nu in uw kring. Nodig deze persoon uit als u wilt.",
                        "%(n)s mensen staan nu in uw kring. Nodig ze uit als u wilt.",
                        len(added),
                    )
                    % {"n": len(added)},
                )
            else:
                messages.info(request, _("Deze mensen stonden al in uw kring."))
            return redirect("households:invitations", household.pk)
    return render(request, "community/questions.html", {"household": household, "form": form})
