import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from eigenplan.accounts import second_factor
from tests.factories import (
    CircleMemberFactory,
    CoordinatorFactory,
    HouseholdFactory,
    PersonFactory,
    PlanFactory,
    UserFactory,
)

# No per-example deadline: on a busy two-core CI machine a slow example says nothing about the
# code, and a flaky failure hides real ones. Hypothesis still limits the number of examples.
hypothesis_settings.register_profile("eigenplan", deadline=None)
hypothesis_settings.load_profile("eigenplan")


class World:
    """One household with everyone around it, and a second household nobody here may touch."""

    def __init__(self):
        self.coordinator = CoordinatorFactory(username="coordinator", display_name="Sanne de Vries")
        self.household = HouseholdFactory(coordinator=self.coordinator)
        self.resident = UserFactory(username="resident", display_name="Fatima El Amrani")
        self.resident_person = PersonFactory(
            household=self.household, user=self.resident, first_name="Fatima"
        )
        self.plan = PlanFactory(household=self.household)
        self.circle_user = UserFactory(
            username="sister", role="circle_member", display_name="Samira"
        )
        self.circle_member = CircleMemberFactory(
            household=self.household,
            user=self.circle_user,
            name="Samira",
            shared_life_domains=["housing"],
        )
        self.other_coordinator = CoordinatorFactory(username="othercoordinator")
        self.other_household = HouseholdFactory(coordinator=self.other_coordinator)
        self.other_resident = UserFactory(username="otherresident")
        PersonFactory(household=self.other_household, user=self.other_resident)
        self.other_plan = PlanFactory(household=self.other_household)
        self.stranger = UserFactory(username="stranger")


@pytest.fixture
def world(db):
    return World()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is right for production and far too slow for hundreds of test users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _forget_recent_reads():
    # The read log's in-process shortcut outlives a test's database rollback; ids are reused.
    from eigenplan.privacy.audit import recent_reads

    recent_reads.clear()
    yield
    recent_reads.clear()


@pytest.fixture(autouse=True)
def _force_login_passes_both_steps(monkeypatch):
    """`client.force_login(user)` stands for a complete login, the second step (the TOTP code
    professionals need) included, so tests about other things need not set up an app. Tests of
    the second step itself log in with the password, or use `force_login_first_step`."""
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        second_factor.mark_verified(session, "test")
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(Client, "force_login_first_step", original, raising=False)
