"""CSV imports in the admin: idempotent, every rejected row with its reason."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eigenplan.conversations.imports import import_deadline_rules
from eigenplan.core.models import ClosedDay
from eigenplan.decisions.imports import import_mandates, import_provisions, import_rules
from eigenplan.decisions.models import LegalGroundRule, Mandate, Provision
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "reference;name;plain_description;product_category;product_code;unit;frequency;"
PROVISIONS = (
    HEADER
    + """price_per_unit;law
WMO-02A;Begeleiding;Iemand helpt u thuis.;02;02A01;04;2;60,00;
JW-45;Jeugdhulp ambulant;Gesprekken voor uw kind.;45;45A48;04;2;95.00;jeugdwet
BAD-1;Onbekende eenheid;Iets.;02;;99;2;10;
BAD-2;Geen prijs;Iets.;02;;04;2;gratis;
;Zonder kenmerk;Iets.;02;;04;2;1;
"""
)


def test_provisions_import_is_idempotent_and_says_why_rows_are_rejected(db):
    admin = UserFactory(username="beheer", role="administrator")
    first = import_provisions(PROVISIONS.encode("utf-8-sig"), actor=admin)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    assert [line for line, _reason in first.rejected] == [4, 5, 6]
    reasons = dict(first.rejected)
    assert "unit" in reasons[4]
    assert "gratis" in reasons[5]
    assert "kenmerk" in reasons[6]
    again = import_provisions(PROVISIONS, actor=admin)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = import_provisions(PROVISIONS.replace("60,00", "62,50"), actor=admin)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    assert Provision.objects.get(reference="WMO-02A").price_per_unit == Decimal("62.50")
    assert Provision.objects.count() == 2


def test_rules_and_mandates_import(db):
    admin = UserFactory(username="beheer", role="administrator")
    import_provisions(PROVISIONS, actor=admin)
    rules = import_rules(
        "name,priority,provision_reference,product_category,maatwerk_kind,min_age,max_age,law\n"
        "Jeugd,10,,45,,,,jeugdwet\n"
        "Begeleiding,20,WMO-02A,,,18,,wmo\n"
        "Kapot,30,BESTAAT-NIET,,,,,wmo\n"
        "Vreemde wet,40,,,,,,belastingwet\n",
        actor=admin,
    )
    assert rules.created == 2 and len(rules.rejected) == 2
    assert "BESTAAT-NIET" in dict(rules.rejected)[4]
    assert LegalGroundRule.objects.get(name="Begeleiding").min_age == 18

    CoordinatorFactory(username="sanne")
    CoordinatorFactory(username="ruud", role="team_lead")
    UserFactory(username="fatima")
    csv = (
        "username,level,laws,yearly_budget_per_household,escalates_to\n"
        "sanne,1,wmo|general,3000,ruud\n"  # escalates to a mandate further down: fine
        "ruud,2,wmo|jeugdwet|general,40000,\n"
        "fatima,1,wmo,100,\n"
        "niemand,1,wmo,100,\n"
    )
    report = import_mandates(csv, actor=admin)
    assert report.created == 2
    assert {line for line, _ in report.rejected} == {4, 5}
    sanne = Mandate.objects.get(holder__username="sanne")
    assert sanne.escalates_to.holder.username == "ruud"
    assert sanne.laws == ["general", "wmo"]
    again = import_mandates(csv, actor=admin)
    assert again.unchanged == 2 and again.created == 0


def test_the_admin_imports_from_an_uploaded_file(db, client):
    admin = UserFactory(username="beheer", role="administrator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    address = reverse("admin:decisions_provision_import")
    assert "reference" in client.get(address).content.decode()
    upload = SimpleUploadedFile("catalogus.csv", PROVISIONS.encode(), "text/csv")
    response = client.post(address, {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200  # rejected rows: the page shows them
    assert "Afgewezen regels" in page and "gratis" in page
    assert Provision.objects.count() == 2
    days = SimpleUploadedFile(
        "dagen.csv", b"date,name\n2026-12-24,Kerstavond\n24-12-2026,Fout\n", "text/csv"
    )
    response = client.post(reverse("admin:core_closedday_import"), {"file": days})
    assert ClosedDay.objects.get().name == "Kerstavond"
    assert "24-12-2026" in response.content.decode()


DEADLINE_RULES = (
    "code;law;starts_on;urgency;name;amount;unit;source;unverified\n"
    "wmo-onderzoek;wmo;melding;always;Onderzoek naar uw situatie;6;weeks;"
    "Wmo 2015 art. 2.3.2;nee\n"
    "wgs-spoed;wgs;melding;urgent;Eerste gesprek;3;working_days;Wgs art. 4;ja\n"
    "kapot;wmo;melding;always;Zonder lengte;;weeks;Wmo;nee\n"
    "raar;onbekend;melding;always;Rare wet;2;weeks;Wmo;nee\n"
)


def test_deadline_rules_import_by_code_idempotent_with_reasons(db):
    from eigenplan.conversations.models import DeadlineRule

    actor = UserFactory(username="beheer", role="administrator")
    report = import_deadline_rules(DEADLINE_RULES, actor=actor)
    assert [line for line, _reason in report.rejected] == [4, 5]
    assert "amount" in report.rejected[0][1] and "law" in report.rejected[1][1]
    investigation = DeadlineRule.objects.get(code="wmo-onderzoek")
    assert (investigation.amount, investigation.unit, investigation.unverified) == (
        6,
        "weeks",
        False,
    )
    assert DeadlineRule.objects.get(code="wgs-spoed").unverified
    again = import_deadline_rules(DEADLINE_RULES, actor=actor)
    assert again.created == 0 and again.updated == 0 and again.unchanged == 2


def test_letter_texts_import(db, client):
    from eigenplan.decisions.models import LetterText

    admin = UserFactory(username="beheer", role="administrator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    csv_file = b"key,text\nintro,Beste inwoner. Dit hebben we besloten.\nslot,Onbekend\n"
    upload = SimpleUploadedFile("teksten.csv", csv_file, "text/csv")
    response = client.post(reverse("admin:decisions_lettertext_import"), {"file": upload})
    assert LetterText.objects.get(key="intro").text == "Beste inwoner. Dit hebben we besloten."
    assert "Onbekende tekst: slot" in response.content.decode()
