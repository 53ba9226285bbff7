import pytest

from eigenplan.households.models import CircleMember
from tests.factories import CircleMemberFactory


@pytest.fixture
def ria(world):
    """A neighbour in the resident's circle, without an account yet; housing is shared."""
    return CircleMemberFactory(
        household=world.household,
        name="Ria",
        relation=CircleMember.Relation.NEIGHBOUR,
        email="ria@example.org",
        phone="06-12345678",
        shared_life_domains=["housing"],
    )
