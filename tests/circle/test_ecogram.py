"""The circle picture says the same as its text alternative, for every demo household: the
same people, in the same rings, with the same relation and the same number of open
commitments, all read back from what was rendered (positions, shapes and colours through the
picture's own legend), and checked against the database."""

import math
import re

import pytest
from django.urls import reverse
from lxml import etree, html

from eigenplan.core.demo_data import demo_households, load_demo
from eigenplan.households.models import CircleMember
from eigenplan.plans.models import Action
from tests.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def shape_of(group) -> tuple:
    """A mark's element, geometry and colour: what a reader sees, apart from where it is."""
    mark = next(child for child in group if child.get("class") == "ep-ecogram__mark")
    attributes = {k: v for k, v in mark.attrib.items() if k != "class"}
    return (mark.tag.replace(SVG, ""), tuple(sorted(attributes.items())))


def geometry_of(shape: tuple) -> tuple:
    element, attributes = shape
    return element, tuple((k, v) for k, v in attributes if k != "fill")


def text_of(group, css_class: str) -> str:
    return next(child for child in group if child.get("class") == css_class).text.strip()


def read_picture(svg) -> tuple[list[str], list[tuple]]:
    rings = svg.findall(f".//{SVG}circle[@class='ep-ecogram__ring']")
    labels = svg.findall(f".//{SVG}text[@class='ep-ecogram__ring-label']")
    ring_label = {float(c.get("r")): t.text.strip() for c, t in zip(rings, labels, strict=True)}
    centre = (float(rings[0].get("cx")), float(rings[0].get("cy")))
    legend = {}
    for entry in svg.findall(f".//{SVG}g[@class='ep-ecogram__legend-entry']"):
        legend[shape_of(entry)] = text_of(entry, "ep-ecogram__legend-label")
    # Colour is never the only cue: every relation has its own shape too.
    assert len({geometry_of(shape) for shape in legend}) == len(legend)
    people = []
    for person in svg.findall(f".//{SVG}g[@class='ep-ecogram__person']"):
        x, y = map(
            float, re.fullmatch(r"translate\((\S+) (\S+)\)", person.get("transform")).groups()
        )
        distance = math.dist((x, y), centre)
        radius = min(ring_label, key=lambda r: abs(r - distance))
        assert abs(radius - distance) < 1, "a person stands between the rings"
        people.append(
            (
                ring_label[radius],
                text_of(person, "ep-ecogram__name"),
                legend[shape_of(person)],
                text_of(person, "ep-ecogram__commitments"),
            )
        )
    household = [
        t.text.strip() for t in svg.findall(f".//{SVG}text[@class='ep-ecogram__household-name']")
    ]
    return household, sorted(people)


def read_list(page) -> tuple[list[str], list[tuple]]:
    section = page.xpath("//section[contains(@class, 'ep-ecogram-list')]")[0]
    household = section.xpath(".//span[@class='ep-ecogram-list__household']")[0].text_content()
    people = []
    for heading in section.xpath(".//h3"):
        ring = heading.text_content().strip()
        following = heading.getnext()
        for item in following.xpath(".//li") if following.tag == "ul" else []:
            people.append(
                tuple(
                    [ring]
                    + [
                        item.xpath(f".//span[@class='ep-ecogram-list__{part}']")[0]
                        .text_content()
                        .strip()
                        for part in ("name", "relation", "commitments")
                    ]
                )
            )
    return [name.strip() for name in household.split(",") if name.strip()], sorted(people)


def test_the_picture_and_its_list_agree_for_every_demo_household(client, settings):
    settings.DEMO_MODE = True
    load_demo()
    reader = CoordinatorFactory(username="lezer")
    households = list(demo_households().order_by("pk"))
    seen_rings, seen_relations, seen_counts = set(), set(), set()
    for household in households:
        # The assigned coordinator sees the whole plan (nothing withdrawn in the demo).
        type(household).objects.filter(pk=household.pk).update(coordinator=reader)
        client.force_login(reader)
        response = client.get(reverse("circle:map", args=[household.pk]))
        assert response.status_code == 200, household
        text = response.content.decode()
        svg = etree.fromstring(re.search(r"<svg.*?</svg>", text, re.S).group(0))
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert str(household) in title.text
        drawn_household, drawn = read_picture(svg)
        listed_household, listed = read_list(html.fromstring(text))
        assert drawn == listed, household
        assert drawn_household == listed_household
        # ... and both say what the database says.
        members = CircleMember.objects.filter(household=household, is_active=True)
        assert sorted(name for _ring, name, _rel, _count in drawn) == sorted(
            m.name for m in members
        )
        for member in members:
            open_count = sum(
                action.is_open_commitment
                for action in Action.objects.filter(circle_member=member, performer="circle_member")
            )
            (row,) = [row for row in drawn if row[1] == member.name]
            assert row[0] == member.get_closeness_display()
            assert row[2] == member.get_relation_display()
            assert row[3].startswith(str(open_count) if open_count else "geen")
            seen_rings.add(row[0])
            seen_relations.add(row[2])
            seen_counts.add(open_count)
    # The demo shows every ring, every relation, and people with and without commitments.
    assert len(seen_rings) == 3 and len(seen_relations) == 6
    assert 0 in seen_counts and max(seen_counts) >= 3


def test_a_circle_of_ten_is_laid_out_without_names_running_into_each_other(world):
    from eigenplan.circle import ecogram
    from tests.factories import CircleMemberFactory

    rings = {"close": 2, "near": 4, "further": 4}
    members = [
        CircleMemberFactory(
            household=world.household,
            name=f"Anna de Vries {n:02d}{ring[0]}",  # as long as "Samira El Amrani"
            closeness=ring,
            relation=CircleMember.Relation.values[n % 6],
        )
        for ring, count in rings.items()
        for n in range(count)
    ]
    picture = ecogram.build_picture(
        world.household,
        persons=list(world.household.persons.all()),
        members=members,
        open_counts={member.pk: 2 for member in members},
    )
    assert len(picture.people) == len(members)
    boxes = [ecogram._person_box(person) for person in picture.people]
    labels = [ecogram._ring_label_box(ring, "Verder weg") for ring in rings]
    # The boxes are generous estimates of the text: a corner of a few pixels is no overlap.
    assert ecogram._crowding(boxes, labels) < 100
    # Everything stays inside the picture.
    assert all(b[0] >= 0 and b[1] >= 0 and b[2] <= picture.width for b in boxes)
    assert all(b[3] <= ecogram.LEGEND_TOP - 60 for b in boxes)
