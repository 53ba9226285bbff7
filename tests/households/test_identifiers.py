"""The BSN: valid only by the elfproef, stored only encrypted, found by a keyed hash, revealed
only with a reason in the audit trail, and never in a page, an API answer, a URL or a log line."""

import base64
import json
from io import BytesIO, StringIO

import pytest
from cryptography.fernet import Fernet
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import assume, given
from hypothesis import strategies as st
from pypdf import PdfReader

from eigenplan.core.demo_data import load_demo
from eigenplan.households import identifiers
from eigenplan.households.identifiers import (
    DEMO_BSN_HASH_KEY,
    DEMO_BSN_KEY,
    BSNDecryptionError,
    decrypt_bsn,
    encrypt_bsn,
    hash_bsn,
    keys_from_environment,
    mask_bsn,
    redact_bsns,
    validate_bsn,
)
from eigenplan.households.models import Person
from eigenplan.plans import services as plan_services
from eigenplan.privacy.models import AuditEvent
from tests.factories import ActionFactory, GoalFactory, PersonFactory, UserFactory
from tests.settings_process import run_settings
from tests.test_page_permissions import ALL_URLS, Matrix, client_as, rule_for

# Fictional numbers from the range 9999xxxxx that test environments use; all pass the elfproef.
BSN = "999990068"
CHILD_BSN = "999990081"
OTHER_BSN = "999990093"
DIGITS = "0123456789"


def elfproef(digits: str) -> bool:
    """The 11-test written out independently of the code under test."""
    total = sum(int(d) * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True))
    return total % 11 == 0


def written_forms(bsn: str) -> list[str]:
    return [bsn, f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}", f"{bsn[:4]} {bsn[4:6]} {bsn[6:]}"]


def new_key() -> str:
    return Fernet.generate_key().decode()


def messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["123456782", "1234.56.782", " 1234 56 782 ", "1234-56-782"])
def test_a_valid_bsn_is_accepted_as_people_write_it(written):
    assert validate_bsn(written) == "123456782"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12345678", "Dit BSN klopt niet. Een BSN heeft 9 cijfers."),
        ("1234567820", "Dit BSN klopt niet. Een BSN heeft 9 cijfers."),
        ("12345678a", "Dit BSN klopt niet. Een BSN heeft 9 cijfers."),
        ("١٢٣٤٥٦٧٨٢", "Dit BSN klopt niet. Een BSN heeft 9 cijfers."),  # Arabic-Indic digits
        (123456782, "Dit BSN klopt niet. Een BSN heeft 9 cijfers."),  # a number loses a 0
        ("123456789", "Dit BSN klopt niet. Kijk of u alle cijfers goed heeft overgenomen."),
        ("000000000", "Dit BSN klopt niet. Kijk of u alle cijfers goed heeft overgenomen."),
        ("", "Vul het BSN in."),
        (None, "Vul het BSN in."),
    ],
)
def test_a_wrong_bsn_gets_a_plain_dutch_message(value, message):
    with pytest.raises(ValidationError) as raised:
        validate_bsn(value)
    assert messages(raised.value) == [message]


@given(st.text(alphabet=DIGITS, min_size=9, max_size=9))
def test_nine_digits_are_accepted_exactly_when_they_pass_the_elfproef(digits):
    expected = elfproef(digits) and digits != "000000000"
    assert identifiers.is_valid_bsn(digits) is expected
    assert identifiers.passes_elfproef(digits) is expected


@given(
    st.one_of(
        st.text(),
        st.text(alphabet=DIGITS + " .-\n\t\x00٣", max_size=30),
        st.binary(),
        st.integers(),
        st.none(),
        st.lists(st.text()),
    )
)
def test_hostile_input_is_a_validation_error_never_a_crash(value):
    try:
        result = validate_bsn(value)
    except ValidationError as error:
        assert messages(error)
    else:
        assert len(result) == 9 and set(result) <= set(DIGITS) and elfproef(result)


# --- masking and redaction -------------------------------------------------------------------


def test_the_mask_shows_only_the_last_three_digits():
    assert mask_bsn("123456782") == "••••••782"
    assert mask_bsn("") == ""


def test_redaction_replaces_bsns_in_every_written_form_and_leaves_other_numbers():
    text = "a 123456782, b 1234.56.782, c 1234 56 782; d 123456789 e 0612345678 f 1234567820"
    assert redact_bsns(text) == ("a [BSN], b [BSN], c [BSN]; d 123456789 e 0612345678 f 1234567820")


def not_ending_in_a_digit(text: str) -> bool:
    return text == "" or text[-1] not in DIGITS


def not_starting_with_a_digit(text: str) -> bool:
    return text == "" or text[0] not in DIGITS


valid_bsns = st.text(alphabet=DIGITS, min_size=9, max_size=9).filter(identifiers.is_valid_bsn)


@given(
    st.text().filter(not_ending_in_a_digit),
    valid_bsns,
    st.text().filter(not_starting_with_a_digit),
)
def test_a_bsn_anywhere_in_a_text_is_redacted(before, bsn, after):
    assume(bsn not in before and bsn not in after)
    assert bsn not in redact_bsns(before + bsn + after)


# --- encryption and lookup -------------------------------------------------------------------


def test_encryption_round_trips_and_the_token_does_not_hold_the_bsn():
    token = encrypt_bsn(BSN)
    assert decrypt_bsn(token) == BSN
    assert BSN not in token
    assert BSN.encode() not in base64.urlsafe_b64decode(token)
    assert encrypt_bsn(BSN) != token  # a fresh IV each time: equal BSNs do not look equal


def test_a_tampered_token_is_refused():
    token = encrypt_bsn(BSN)
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(BSNDecryptionError):
        decrypt_bsn(tampered)
    with pytest.raises(BSNDecryptionError):
        decrypt_bsn(Fernet(new_key()).encrypt(BSN.encode()).decode())


def test_the_lookup_hash_is_keyed():
    assert hash_bsn(BSN) == hash_bsn("9999.90.068")
    assert hash_bsn(BSN) != hash_bsn(BSN, key="another-key-" + "x" * 32)
    assert len(hash_bsn(BSN)) == 64 and BSN not in hash_bsn(BSN)


@pytest.mark.django_db
def test_the_database_holds_the_bsn_only_encrypted():
    person = PersonFactory()
    person.set_bsn("9999.90.068")
    person.save()
    assert person.has_bsn and person.masked_bsn == "••••••068"
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM households_person WHERE id = %s", [person.pk])
        row = cursor.fetchone()
    assert all(BSN not in str(value) for value in row)
    fields = {field.name for field in Person._meta.get_fields()}
    assert {"bsn_encrypted", "bsn_hash"} <= fields and "bsn" not in fields
    assert BSN not in str(person) and BSN not in repr(person)


@pytest.mark.django_db
def test_find_by_bsn_uses_the_hash():
    fatima = PersonFactory()
    fatima.set_bsn(BSN)
    fatima.save()
    other = PersonFactory()
    other.set_bsn(OTHER_BSN)
    other.save()
    PersonFactory()  # no BSN

    assert list(Person.objects.find_by_bsn("9999 90 068")) == [fatima]
    assert list(Person.objects.find_by_bsn(OTHER_BSN)) == [other]
    assert not Person.objects.find_by_bsn(CHILD_BSN).exists()
    assert not Person.objects.find_by_bsn("123").exists()
    assert not Person.objects.find_by_bsn("").exists()
    assert list(Person.objects.filter(household=fatima.household).find_by_bsn(BSN)) == [fatima]

    fatima.set_bsn(None)
    fatima.save()
    assert fatima.bsn_encrypted == fatima.bsn_hash == ""
    assert not Person.objects.find_by_bsn(BSN).exists()


@pytest.mark.django_db
def test_set_bsn_refuses_a_wrong_number_and_keeps_the_old_one():
    person = PersonFactory()
    person.set_bsn(BSN)
    before = (person.bsn_encrypted, person.bsn_hash)
    with pytest.raises(ValidationError, match="9 cijfers"):
        person.set_bsn("12345")
    with pytest.raises(ValidationError, match="cijfers goed"):
        person.set_bsn("123456789")
    assert (person.bsn_encrypted, person.bsn_hash) == before


# --- revealing -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_revealing_needs_a_reason_and_leaves_an_audit_event_without_the_bsn(world):
    person = world.resident_person
    person.set_bsn(BSN)
    person.save()

    for reason in ("", "   ", None, "x" * 501):
        with pytest.raises(ValidationError):
            person.reveal_bsn(actor=world.coordinator, reason=reason)
    assert not AuditEvent.objects.filter(verb="reveal_bsn").exists()

    reason = f"Aanvraag Wmo-voorziening (Wmo 2015 art. 5.1.1), niet {BSN} of 9999.90.068"
    assert person.reveal_bsn(actor=world.coordinator, reason=reason) == BSN

    event = AuditEvent.objects.get(verb="reveal_bsn")
    assert event.actor_id == world.coordinator.pk
    assert event.household_id == world.household.pk
    assert (event.object_type, event.object_id) == ("person", str(person.pk))
    assert event.detail == {
        "reason": "Aanvraag Wmo-voorziening (Wmo 2015 art. 5.1.1), niet [BSN] of [BSN]"
    }
    stored = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert all(form not in stored for form in written_forms(BSN))


@pytest.mark.django_db
def test_revealing_without_a_bsn_reveals_nothing(world):
    assert world.resident_person.reveal_bsn(actor=world.coordinator, reason="Wmo") is None
    assert not AuditEvent.objects.filter(verb="reveal_bsn").exists()


# --- key rotation ----------------------------------------------------------------------------


def rotate(*args) -> str:
    out = StringIO()
    call_command("rotate_bsn_keys", *args, stdout=out)
    return out.getvalue()


def persons_with(*bsns) -> list[Person]:
    persons = []
    for bsn in bsns:
        person = PersonFactory()
        person.set_bsn(bsn)
        person.save()
        persons.append(person)
    return persons


@pytest.mark.django_db
def test_rotation_reencrypts_with_the_new_key_and_old_tokens_decrypt_until_then(settings):
    old, new = new_key(), new_key()
    settings.BSN_KEYS = [old]
    fatima, henk = persons_with(BSN, OTHER_BSN)
    PersonFactory()  # no BSN: not counted

    settings.BSN_KEYS = [new, old]
    fatima.refresh_from_db()
    assert decrypt_bsn(fatima.bsn_encrypted) == BSN  # before the rotation, through the old key
    assert not identifiers.is_encrypted_with_current_key(fatima.bsn_encrypted)
    kim = persons_with(CHILD_BSN)[0]  # written after the new key came first
    assert identifiers.is_encrypted_with_current_key(kim.bsn_encrypted)

    output = rotate("--batch-size", "2")
    assert "Checked 3 stored BSNs: 2 re-encrypted with the current key, 1 already current." in (
        output
    )
    assert all(form not in output for form in written_forms(BSN))
    for person, bsn in ((fatima, BSN), (henk, OTHER_BSN), (kim, CHILD_BSN)):
        person.refresh_from_db()
        assert Fernet(new).decrypt(person.bsn_encrypted.encode()).decode() == bsn

    assert "0 re-encrypted with the current key, 3 already current." in rotate()  # idempotent
    settings.BSN_KEYS = [new]  # the old key can go
    fatima.refresh_from_db()
    assert fatima.reveal_bsn(actor=None, reason="Jeugdwet art. 7.2.1") == BSN


@pytest.mark.django_db
def test_rotation_reports_tokens_no_key_can_read(settings):
    lost_key = new_key()
    settings.BSN_KEYS = [lost_key]
    (lost,) = persons_with(BSN)
    settings.BSN_KEYS = [new_key()]
    persons_with(OTHER_BSN)
    with pytest.raises(CommandError, match=rf"1 stored BSNs could not be decrypted.*{lost.pk}"):
        rotate()


@pytest.mark.django_db
def test_rehash_renews_the_lookup_hashes_and_lookups_work_meanwhile(settings):
    old_hash_key, new_hash_key = "old-hash-key-" + "a" * 40, "new-hash-key-" + "b" * 40
    settings.BSN_HASH_KEY = old_hash_key
    fatima, henk = persons_with(BSN, OTHER_BSN)

    settings.BSN_HASH_KEY = new_hash_key
    with pytest.raises(CommandError, match="EIGENPLAN_BSN_HASH_KEY_OLD"):
        rotate("--rehash")
    assert not Person.objects.find_by_bsn(BSN).exists()  # why the old key must be given
    settings.BSN_HASH_KEY_OLD = old_hash_key
    assert list(Person.objects.find_by_bsn(BSN)) == [fatima]

    output = rotate("--rehash")
    assert "Lookup hashes: 2 renewed under the new hash key, 0 matched neither key" in output
    assert "0 renewed under the new hash key, 0 matched neither key" in rotate("--rehash")
    settings.BSN_HASH_KEY_OLD = ""
    assert list(Person.objects.find_by_bsn(BSN)) == [fatima]
    assert list(Person.objects.find_by_bsn(OTHER_BSN)) == [henk]
    henk.refresh_from_db()
    assert henk.bsn_hash == hash_bsn(OTHER_BSN, key=new_hash_key)


@pytest.mark.django_db
def test_rehash_rewrites_a_hash_that_matched_neither_key_from_the_encrypted_bsn(settings):
    settings.BSN_HASH_KEY = "a-third-hash-key-" + "c" * 40
    (person,) = persons_with(BSN)
    settings.BSN_HASH_KEY = "new-hash-key-" + "b" * 40
    settings.BSN_HASH_KEY_OLD = "old-hash-key-" + "a" * 40
    assert "0 renewed under the new hash key, 1 matched neither key" in rotate("--rehash")
    assert list(Person.objects.find_by_bsn(BSN)) == [person]


# --- configuration ---------------------------------------------------------------------------

HASH_KEY = "h" * 64


def test_demo_mode_has_public_keys_and_takes_configured_ones_first():
    assert keys_from_environment({}, demo_mode=True) == ([DEMO_BSN_KEY], DEMO_BSN_HASH_KEY, "")
    key = new_key()
    env = {"EIGENPLAN_BSN_KEYS": key, "EIGENPLAN_BSN_HASH_KEY": HASH_KEY}
    assert keys_from_environment(env, demo_mode=True) == ([key], HASH_KEY, "")


def test_production_reads_every_key_and_the_first_encrypts():
    first, second = new_key(), new_key()
    env = {
        "EIGENPLAN_BSN_KEYS": f" {first} , {second},",
        "EIGENPLAN_BSN_HASH_KEY": HASH_KEY,
        "EIGENPLAN_BSN_HASH_KEY_OLD": "o" * 64,
    }
    assert keys_from_environment(env, demo_mode=False) == ([first, second], HASH_KEY, "o" * 64)


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({}, "EIGENPLAN_BSN_KEYS and EIGENPLAN_BSN_HASH_KEY not set"),
        ({"EIGENPLAN_BSN_KEYS": "KEY"}, "EIGENPLAN_BSN_HASH_KEY not set"),
        ({"EIGENPLAN_BSN_HASH_KEY": HASH_KEY}, "EIGENPLAN_BSN_KEYS not set"),
        (
            {"EIGENPLAN_BSN_KEYS": "not-a-secret-fernet-key", "EIGENPLAN_BSN_HASH_KEY": HASH_KEY},
            "key 1 is not a Fernet key",
        ),
        ({"EIGENPLAN_BSN_KEYS": "KEY", "EIGENPLAN_BSN_HASH_KEY": "short"}, "too short"),
        ({"EIGENPLAN_BSN_KEYS": "KEY", "EIGENPLAN_BSN_HASH_KEY": "KEY"}, "must differ"),
        (
            {
                "EIGENPLAN_BSN_KEYS": "KEY",
                "EIGENPLAN_BSN_HASH_KEY": HASH_KEY,
                "EIGENPLAN_BSN_HASH_KEY_OLD": HASH_KEY,
            },
            "the same as",
        ),
        ({"EIGENPLAN_BSN_KEYS": DEMO_BSN_KEY, "EIGENPLAN_BSN_HASH_KEY": HASH_KEY}, "demo BSN keys"),
        (
            {"EIGENPLAN_BSN_KEYS": "KEY", "EIGENPLAN_BSN_HASH_KEY": DEMO_BSN_HASH_KEY},
            "demo BSN keys",
        ),
    ],
)
def test_production_refuses_missing_malformed_or_demo_keys(env, problem):
    key = new_key()
    env = {
        name: value.replace("KEY", key) if value == "KEY" else value for name, value in env.items()
    }
    with pytest.raises(ImproperlyConfigured, match=problem) as raised:
        keys_from_environment(env, demo_mode=False)
    assert key not in str(raised.value) and "not-a-secret-fernet-key" not in str(raised.value)


def test_production_refuses_to_start_without_the_bsn_keys():
    result = run_settings({"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "EIGENPLAN_BSN_KEYS and EIGENPLAN_BSN_HASH_KEY not set" in result.stderr


def test_production_starts_with_its_own_keys_and_not_with_the_demo_keys():
    keys = {"EIGENPLAN_BSN_KEYS": new_key(), "EIGENPLAN_BSN_HASH_KEY": HASH_KEY}
    assert run_settings({"SECRET_KEY": "x" * 50, **keys}).returncode == 0
    demo = {"EIGENPLAN_BSN_KEYS": DEMO_BSN_KEY, "EIGENPLAN_BSN_HASH_KEY": DEMO_BSN_HASH_KEY}
    result = run_settings({"SECRET_KEY": "x" * 50, **demo})
    assert result.returncode != 0 and "demo BSN keys" in result.stderr
    assert run_settings({"EIGENPLAN_DEMO": "1"}).returncode == 0


# --- never in a URL, a page or an API answer -------------------------------------------------


def url_parameters(resolver=None, prefix=""):
    """(route, parameter name) of every URL pattern, included ones too."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        names = set(entry.pattern.regex.groupindex) | set(getattr(entry.pattern, "converters", {}))
        for name in names:
            yield route, name
        if isinstance(entry, URLResolver):
            yield from url_parameters(entry, route)
        else:
            assert isinstance(entry, URLPattern)


def test_no_url_takes_a_bsn():
    parameters = list(url_parameters())
    assert ("huishoudens/<int:household_id>/plan/", "household_id") in parameters
    suspicious = [
        (route, name)
        for route, name in parameters
        if any(word in name.lower() for word in ("bsn", "burgerservice", "sofi"))
    ]
    assert not suspicious


class BSNWorld:
    """The `world` where the resident, her son and the other household's resident have a BSN."""

    def __init__(self, world):
        self.world = world
        self.persons = {
            BSN: world.resident_person,
            CHILD_BSN: PersonFactory(household=world.household, first_name="Yassin"),
            OTHER_BSN: world.other_household.persons.get(),
        }
        for bsn, person in self.persons.items():
            person.set_bsn(bsn)
            person.save()

    def assert_no_bsn_in(self, content: str, where: str) -> None:
        for person in self.persons.values():
            for secret in (person.bsn_encrypted, person.bsn_hash):
                assert secret not in content, where
        for bsn in self.persons:
            for form in written_forms(bsn):
                assert form not in content, f"{form} in {where}"


@pytest.fixture
def bsn_world(world):
    return BSNWorld(world)


def readable_text(response) -> str:
    """What a person reads in the answer: a PDF's text (its streams are compressed), else the
    body as it is."""
    if response.get("Content-Type") == "application/pdf":
        pages = PdfReader(BytesIO(response.content)).pages
        return " ".join(page.extract_text() for page in pages)
    return response.content.decode()


@pytest.mark.django_db
def test_no_page_shows_a_bsn(bsn_world):
    """Every page and API answer of the permission matrix that these people may see."""
    matrix = Matrix(bsn_world.world)
    seen = 0
    for url in ALL_URLS:
        rule = rule_for(url)
        if url.is_admin or rule is None:
            continue
        for role in ("resident", "minor", "coordinator", "colleague", "circle_shared"):
            if rule.get[role] != 200:
                continue
            address = matrix.address(url, rule)
            response = client_as(matrix.users[role]).get(address)
            assert response.status_code == 200, f"{role} {address}"
            bsn_world.assert_no_bsn_in(readable_text(response), f"{role} {address}")
            seen += 1
    assert seen > 60


@pytest.fixture
def plan_objects(world):
    goal = GoalFactory(plan=world.plan, life_domain="housing")
    action = ActionFactory(goal=goal)
    plan_services.approve_plan(actor=world.resident, plan=world.plan)
    return {"goal": goal, "action": action}


@pytest.mark.django_db
def test_no_api_answer_holds_a_bsn(client, bsn_world, plan_objects):
    world = bsn_world.world
    goal, action = plan_objects["goal"], plan_objects["action"]
    base = f"/api/v1/households/{world.household.pk}/"
    urls = [
        "/api/v1/households/",
        base,
        f"{base}circle/",
        f"{base}plan/",
        f"{base}plan/goals/",
        f"{base}plan/goals/{goal.pk}/",
        f"{base}plan/actions/{action.pk}/",
        f"{base}plan/proposals/",
        f"{base}plan/versions/",
        f"{base}plan/versions/1/",
        f"{base}plan/versions/compare/?from=1&to=1",
    ]
    for role in ("resident", "coordinator"):
        client.force_login(getattr(world, role))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, f"{role} {url}"
            bsn_world.assert_no_bsn_in(response.content.decode(), f"{role} {url}")
    persons = client.get(base).json()["persons"]
    assert {p["first_name"] for p in persons} >= {"Fatima", "Yassin"}
    assert all(set(p) == {"id", "first_name", "last_name", "date_of_birth"} for p in persons)
    schema = client.get("/api/v1/schema/", {"format": "json"}).content.decode().lower()
    assert "bsn" not in schema


@pytest.mark.django_db
def test_the_admin_shows_no_bsn(client, bsn_world):
    admin_user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    person = bsn_world.world.resident_person
    if Person in admin.site._registry:
        for url in (
            reverse("admin:households_person_changelist"),
            reverse("admin:households_person_change", args=[person.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 200
            bsn_world.assert_no_bsn_in(response.content.decode(), url)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    bsn_world.assert_no_bsn_in(response.content.decode(), "admin index")


@pytest.mark.django_db
def test_the_demo_has_bsns_that_no_page_or_api_answer_shows(client):
    load_demo()
    with_bsn = Person.objects.exclude(bsn_encrypted="").select_related("household", "user")
    demo_bsns = {decrypt_bsn(person.bsn_encrypted): person for person in with_bsn}
    assert len(demo_bsns) >= 4
    assert all(bsn.startswith("9999") and identifiers.is_valid_bsn(bsn) for bsn in demo_bsns)
    fatima = Person.objects.find_by_bsn("999990019").get()
    assert fatima.user.username == "fatima"

    for username in ("fatima", "sanne", "henk", "kevin"):
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        for person in demo_bsns.values():
            household = person.household.pk
            for url in (
                reverse("plans:overview", args=[household]),
                f"/api/v1/households/{household}/",
                "/api/v1/households/",
            ):
                content = client.get(url).content.decode()
                for bsn in demo_bsns:
                    assert all(form not in content for form in written_forms(bsn)), url
