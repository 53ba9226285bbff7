"""Support from the plan, the mandate and decisions, through the services."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from eigenplan.decisions import services
from eigenplan.decisions.models import Decision, Law, SupportItem
from eigenplan.privacy.models import AuditEvent
from tests.decisions.conftest import MONDAY, support

pytestmark = pytest.mark.django_db


def test_the_legal_ground_follows_the_first_matching_rule(catalogue):
    assert support(catalogue).law == Law.WMO  # category 02: the Wmo rule
    youth = support(catalogue, catalogue.youth_help, catalogue.jeugdhulp)
    assert youth.law == Law.JEUGDWET
    assert youth.derived_by.name == "Jeugdhulp-categorieën"


def test_custom_support_gets_its_law_from_the_age_of_the_person(catalogue):
    def maatwerk(person):
        return support(
            catalogue,
            catalogue.youth_help,
            provision=False,
            maatwerk_kind="youth",
            description="Een maatje dat mee naar school fietst.",
            product_category="50",
            unit="04",
            frequency="2",
            price_per_unit="25,00",
            person_id=person.pk,
        )

    assert maatwerk(catalogue.child).law == Law.JEUGDWET
    assert maatwerk(catalogue.world.resident_person).law == Law.WMO


def test_another_law_than_the_rules_needs_a_reason(catalogue):
    with pytest.raises(ValidationError) as refused:
        support(catalogue, law=Law.PARTICIPATIEWET)
    assert "law_reason" in refused.value.message_dict
    item = support(catalogue, law=Law.PARTICIPATIEWET, law_reason="Het gaat om werk.")
    assert (item.derived_law, item.law) == (Law.WMO, Law.PARTICIPATIEWET)
    services.correct_law(actor=catalogue.world.coordinator, item=item, law=Law.WMO, reason="")
    item.refresh_from_db()
    assert item.law == Law.WMO and item.law_correction_reason == ""


def test_only_professional_actions_of_the_own_households_become_support(catalogue, world):
    with pytest.raises(ValidationError):
        support(catalogue, catalogue.own_action)
    with pytest.raises(PermissionDenied):
        services.create_support_item(
            actor=world.other_coordinator,
            action=catalogue.help_at_home,
            provision=catalogue.begeleiding,
            volume=1,
            start_date=MONDAY,
            end_date=MONDAY,
        )


def test_the_coordinator_grants_within_the_mandate(catalogue, world):
    item = support(catalogue)
    assert item.total_cost == Decimal("1200.00")
    decision = services.grant_within_mandate(actor=world.coordinator, item=item, reasons="Nodig.")
    assert decision.outcome == Decision.Outcome.GRANTED
    assert decision.decided_by == world.coordinator
    assert decision.mandate == catalogue.coordinator_mandate
    assert decision.goal == catalogue.money_goal
    assert "niveau 1" in decision.mandate_label
    item.refresh_from_db()
    assert item.status == SupportItem.Status.GRANTED
    assert AuditEvent.objects.filter(verb="grant_support", object_id=str(decision.pk)).exists()


def test_the_yearly_budget_counts_everything_granted_to_the_household(catalogue, world):
    first = support(catalogue)  # 1,200
    services.grant_within_mandate(actor=world.coordinator, item=first)
    second = support(catalogue, volume=3)  # 1,800: exactly 3,000 in all
    services.grant_within_mandate(actor=world.coordinator, item=second)
    third = support(catalogue, volume=1, weeks=1)  # 60 more
    with pytest.raises(PermissionDenied) as refused:
        services.grant_within_mandate(actor=world.coordinator, item=third)
    assert "3060" in str(refused.value) and "3000" in str(refused.value)
    assert not Decision.objects.filter(support_item=third).exists()
    # Next year there is room again.
    next_year = support(catalogue, volume=1, weeks=1, start=datetime.date(2027, 3, 1))
    services.grant_within_mandate(actor=world.coordinator, item=next_year)


def test_a_law_outside_the_mandate_cannot_be_granted_alone(catalogue, world):
    item = support(catalogue, catalogue.youth_help, catalogue.jeugdhulp)
    with pytest.raises(PermissionDenied):
        services.grant_within_mandate(actor=world.coordinator, item=item)
    item.refresh_from_db()
    assert item.status == SupportItem.Status.DRAFT


@time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_above_the_mandate_the_request_goes_to_the_holder_with_a_deadline(catalogue, world):
    item = support(catalogue, catalogue.youth_help, catalogue.jeugdhulp)
    request = services.request_mandate_decision(
        actor=world.coordinator, item=item, reasoning="School lukt niet zonder hulp."
    )
    assert request.mandate == catalogue.lead_mandate
    assert request.deadline == datetime.date(2026, 3, 9)  # 5 working days after Monday
    with pytest.raises(PermissionDenied):
        services.decide_request(
            actor=world.coordinator, request=request, outcome="granted", reasons="Zelf gedaan."
        )
    with pytest.raises(ValidationError):
        services.decide_request(
            actor=catalogue.lead, request=request, outcome="granted", reasons=""
        )
    decision = services.decide_request(
        actor=catalogue.lead, request=request, outcome="granted", reasons="Past bij het doel."
    )
    assert decision.decided_by == catalogue.lead
    assert decision.mandate == catalogue.lead_mandate
    assert decision.goal == catalogue.school_goal
    request.refresh_from_db()
    assert request.status == "decided"
    with pytest.raises(ValidationError):
        services.decide_request(
            actor=catalogue.lead, request=request, outcome="refused", reasons="Toch niet."
        )


def test_one_letter_covers_every_decision_of_the_moment_in_html_and_pdf(catalogue, world):
    wmo = support(catalogue)
    services.grant_within_mandate(actor=world.coordinator, item=wmo, reasons="Helpt met de post.")
    youth = support(catalogue, catalogue.youth_help, catalogue.jeugdhulp)
    request = services.request_mandate_decision(
        actor=world.coordinator, item=youth, reasoning="Nodig voor school."
    )
    services.decide_request(
        actor=catalogue.lead, request=request, outcome="granted", reasons="Past bij het doel."
    )
    letter = services.issue_letter(actor=world.coordinator, household=world.household)
    assert letter.decisions.count() == 2
    for text in (
        wmo.description,
        youth.description,
        "Wmo 2015",
        "Jeugdwet",
        "Rust in mijn geldzaken",
        "bezwaar",
        "6 weken",
    ):
        assert text in letter.html
    pdf = PdfReader(io.BytesIO(bytes(letter.pdf)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Jeugdwet" in text and "Wmo 2015" in text and "bezwaar" in text
    assert pdf.metadata.title == letter.title
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    # Tagged: headings and paragraphs in the structure tree, for screen readers.
    assert root["/MarkInfo"]["/Marked"]
    document = root["/StructTreeRoot"]["/K"]
    document = (document[0] if isinstance(document, list) else document).get_object()
    kinds = [str(kid.get_object()["/S"]) for kid in document["/K"]]
    assert kinds.count("/H1") == 1 and kinds.count("/H3") == 2 and "/P" in kinds
    # Nothing new to put in a letter now.
    with pytest.raises(ValidationError):
        services.issue_letter(actor=world.coordinator, household=world.household)


def test_two_grants_at_once_cannot_both_fit_the_budget(transactional_db, catalogue, world):
    """Two grants for one household at the same moment, each within the budget alone but not
    together: the household row lock makes the second wait and then see the first. The budget
    sum is slowed down so that, without the lock, both would pass the check."""
    import threading
    import time

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks need a server database; runs on PostgreSQL")
    first, second = support(catalogue, volume=3), support(catalogue, volume=3)  # 1,800 each
    slow_sum = services.granted_cost_in_year

    def slowly(*args, **kwargs):
        total = slow_sum(*args, **kwargs)
        time.sleep(0.3)
        return total

    outcomes = []
    barrier = threading.Barrier(2)

    def grant(item):
        try:
            barrier.wait()
            services.grant_within_mandate(actor=world.coordinator, item=item)
            outcomes.append("granted")
        except PermissionDenied:
            outcomes.append("refused")
        finally:
            connections.close_all()

    original = services.granted_cost_in_year
    services.granted_cost_in_year = slowly
    try:
        threads = [threading.Thread(target=grant, args=(item,)) for item in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        services.granted_cost_in_year = original
    assert sorted(outcomes) == ["granted", "refused"]
    assert Decision.objects.count() == 1


def test_the_letter_pdf_prints_every_name_as_written(catalogue, world, tmp_path):
    """With the embedded font (DejaVu) a Turkish name keeps its letters; without it (Helvetica,
    Latin-1 only) the PDF still has readable text, the accents left off."""
    from eigenplan.decisions import letters

    world.resident_person.first_name = "Ayşe"
    world.resident_person.last_name = "Yıldız"
    world.resident_person.save()
    item = support(catalogue)
    services.grant_within_mandate(actor=world.coordinator, item=item)
    letter = services.issue_letter(actor=world.coordinator, household=world.household)
    content = letters.LetterContent.build(
        household=world.household,
        decisions=list(letter.decisions.all()),
        issued_on=MONDAY,
        objection_deadline=MONDAY,
        settings_row=services.DecisionSettings.current(),
        signed_by="Sanne",
    )

    def text_of(pdf: bytes) -> str:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    if (letters.FONT_DIR / "DejaVuSans.ttf").is_file():
        assert "Ayşe Yıldız" in text_of(letters.render_pdf(content))
    assert "Ayse Yildiz" in text_of(letters.render_pdf(content, font_dir=tmp_path))
