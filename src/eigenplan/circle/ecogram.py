"""The circle picture (ecogram): the household in the middle, the people around it in three
rings by how close they are, each drawn with a colour *and* a shape for their relation, with the
number of open commitments they carry. Laid out here in plain numbers and drawn as SVG by a
template on the server (circle/_ecogram_svg.html): no JavaScript, printable, and with a text
alternative made from the same `Picture` so that the two cannot tell different stories."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigenplan.households.models import CircleMember, Household

Relation = CircleMember.Relation
Closeness = CircleMember.Closeness

WIDTH = 800
HEIGHT = 960
CENTRE_X = 400
CENTRE_Y = 410
CORE_RADIUS = 80
RING_RADII = {Closeness.CLOSE: 160, Closeness.NEAR: 250, Closeness.FURTHER: 340}
# Where each ring's first person stands (degrees, 0 = right, clockwise): staggered so that the
# rings' people do not line up on one spoke, and away from the ring's label at the top.
RING_START = {Closeness.CLOSE: -60.0, Closeness.NEAR: -35.0, Closeness.FURTHER: -75.0}
LEGEND_TOP = 870

# Okabe-Ito colours (told apart with every common colour vision deficiency), each with its own
# shape and a dark outline (contrast with the white page), so that colour never carries the
# relation alone.
STYLE = {
    Relation.FAMILY: ("#E69F00", "circle"),
    Relation.FRIEND: ("#56B4E9", "square"),
    Relation.NEIGHBOUR: ("#009E73", "triangle"),
    Relation.VOLUNTEER: ("#F0E442", "diamond"),
    Relation.PEER_EXPERT: ("#CC79A7", "hexagon"),
    Relation.PROFESSIONAL: ("#0072B2", "star"),
}


def _points(corners: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in corners)


def _regular(count: int, radius: float, turn: float = -90.0) -> list[tuple[float, float]]:
    return [
        (
            radius * math.cos(math.radians(turn + 360 * i / count)),
            radius * math.sin(math.radians(turn + 360 * i / count)),
        )
        for i in range(count)
    ]


def _star(outer: float, inner: float) -> list[tuple[float, float]]:
    corners = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + 36 * i)
        corners.append((radius * math.cos(angle), radius * math.sin(angle)))
    return corners


# Every shape drawn around (0, 0); a person's group is moved into place with a transform, so the
# same relation is the same element wherever it stands (the legend included).
SHAPES = {
    "circle": ("circle", {"r": "16"}),
    "square": ("rect", {"x": "-14", "y": "-14", "width": "28", "height": "28"}),
    "triangle": ("polygon", {"points": _points([(0, -18), (17, 13), (-17, 13)])}),
    "diamond": ("polygon", {"points": _points([(0, -19), (19, 0), (0, 19), (-19, 0)])}),
    "hexagon": ("polygon", {"points": _points(_regular(6, 17, turn=0))}),
    "star": ("polygon", {"points": _points(_star(20, 9))}),
}


@dataclass(frozen=True)
class Mark:
    """How a relation is drawn."""

    relation: str
    label: str
    colour: str
    element: str  # "circle", "rect" or "polygon"
    attributes: tuple[tuple[str, str], ...]


def mark_for(relation: str) -> Mark:
    colour, shape = STYLE[Relation(relation)]
    element, attributes = SHAPES[shape]
    return Mark(
        relation=relation,
        label=str(Relation(relation).label),
        colour=colour,
        element=element,
        attributes=tuple(attributes.items()),
    )


@dataclass(frozen=True)
class PlacedPerson:
    name: str
    relation: str
    mark: Mark
    closeness: str
    closeness_label: str
    open_commitments: int
    x: float
    y: float
    # The tie from the edge of the household to the person.
    line_x1: float
    line_y1: float
    line_x2: float
    line_y2: float
    # The name and the commitments go on the outer side of the mark, away from the household:
    # below it in the lower half of the picture, above it in the upper half.
    name_y: int = 38
    commitments_y: int = 56

    @property
    def commitments_text(self) -> str:
        if not self.open_commitments:
            return _("geen open afspraken")
        return ngettext("%(n)s open afspraak", "%(n)s open afspraken", self.open_commitments) % {
            "n": self.open_commitments
        }


@dataclass(frozen=True)
class Ring:
    closeness: str
    label: str
    radius: int
    people: tuple[PlacedPerson, ...]

    @property
    def label_y(self) -> int:
        return CENTRE_Y - self.radius - 8


@dataclass(frozen=True)
class LegendEntry:
    mark: Mark
    x: int
    y: int


@dataclass(frozen=True)
class Picture:
    title: str
    description: str
    household_names: tuple[str, ...]
    rings: tuple[Ring, ...]
    legend: tuple[LegendEntry, ...]
    width: int = WIDTH
    height: int = HEIGHT
    centre_x: int = CENTRE_X
    centre_y: int = CENTRE_Y
    core_radius: int = CORE_RADIUS

    @property
    def people(self) -> list[PlacedPerson]:
        return [person for ring in self.rings for person in ring.people]

    @property
    def household_lines(self) -> list[tuple[str, float]]:
        """Every first name of the household in the middle, one per line, centred vertically;
        the lines come closer together (and the letters smaller) in a large household."""
        names = list(self.household_names) or [_("Huishouden")]
        spacing = self.line_spacing
        top = self.centre_y - spacing * (len(names) - 1) / 2 + 5
        return [(name, round(top + spacing * i, 1)) for i, name in enumerate(names)]

    @property
    def line_spacing(self) -> float:
        return min(20.0, 2 * (self.core_radius - 12) / max(1, len(self.household_names)))

    @property
    def household_font_size(self) -> int:
        return max(9, min(16, int(self.line_spacing) - 3))


def _place(member, open_commitments: int, radius: int, angle: float) -> PlacedPerson:
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    x, y = CENTRE_X + radius * cos, CENTRE_Y + radius * sin
    return PlacedPerson(
        name=member.name,
        relation=member.relation,
        mark=mark_for(member.relation),
        closeness=member.closeness,
        closeness_label=str(Closeness(member.closeness).label),
        open_commitments=open_commitments,
        x=round(x, 1),
        y=round(y, 1),
        line_x1=round(CENTRE_X + CORE_RADIUS * cos, 1),
        line_y1=round(CENTRE_Y + CORE_RADIUS * sin, 1),
        line_x2=round(x - 22 * cos, 1),
        line_y2=round(y - 22 * sin, 1),
        **({"name_y": -48, "commitments_y": -30} if sin < -0.2 else {}),
    )


# A box (left, top, right, bottom) around what is drawn for a person or a ring's label, to keep
# them from overlapping.
Box = tuple[float, float, float, float]
TURNS = range(0, 360, 5)


def _person_box(person: PlacedPerson) -> Box:
    # The mark above, the name and the commitments below it (about 8 and 7 px a letter).
    half = max(20.0, len(person.name) * 4.6, len(person.commitments_text) * 3.8) + 4
    top = min(-21, person.name_y - 14)
    bottom = max(21, person.commitments_y + 6)
    return (person.x - half, person.y + top, person.x + half, person.y + bottom)


def _ring_label_box(closeness: str, label: str) -> Box:
    half = len(label) * 4 + 4
    y = CENTRE_Y - RING_RADII[closeness] - 8
    return (CENTRE_X - half, y - 14, CENTRE_X + half, y + 4)


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


PEOPLE_AREA: Box = (0, 0, WIDTH, LEGEND_TOP - 60)  # above the legend


def _outside(box: Box) -> float:
    area = (box[2] - box[0]) * (box[3] - box[1])
    return area - _overlap(box, PEOPLE_AREA)


def _crowding(boxes: list[Box], taken: list[Box]) -> float:
    """How much the boxes overlap each other and what is already there, and stick out."""
    inside = sum(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    return (
        inside
        + sum(_overlap(a, b) for a in boxes for b in taken)
        + sum(_outside(box) for box in boxes)
    )


def _lay_out_ring(closeness, in_ring, open_counts, taken: list[Box]) -> tuple[PlacedPerson, ...]:
    """The ring's people evenly around it, turned so that they crowd the other rings' people
    (and the ring labels) least: the first turn with the least overlap, so the same circle is
    always drawn the same way."""
    radius = RING_RADII[closeness]
    step = 360 / len(in_ring) if in_ring else 0
    best, least = (), math.inf
    for turn in TURNS:
        people = tuple(
            _place(m, open_counts.get(m.pk, 0), radius, RING_START[closeness] + turn + step * i)
            for i, m in enumerate(in_ring)
        )
        crowding = _crowding([_person_box(p) for p in people], taken)
        if crowding < least:
            best, least = people, crowding
        if not crowding:
            break
    return best


def _lay_out(members, open_counts) -> dict[str, tuple[PlacedPerson, ...]]:
    """Every ring turned in turn, given the others, until nothing overlaps (or a few rounds
    have not found a way)."""
    labels = [_ring_label_box(c, str(Closeness(c).label)) for c in Closeness.values]
    in_ring = {c: [m for m in members if m.closeness == c] for c in Closeness.values}
    placed: dict[str, tuple[PlacedPerson, ...]] = {c: () for c in Closeness.values}
    for _round in range(4):
        for closeness in Closeness.values:
            others = [
                _person_box(p) for c, people in placed.items() if c != closeness for p in people
            ]
            placed[closeness] = _lay_out_ring(
                closeness, in_ring[closeness], open_counts, labels + others
            )
        boxes = [_person_box(p) for people in placed.values() for p in people]
        if not _crowding(boxes, labels):
            break
    return placed


def build_picture(
    household: Household,
    *,
    persons: list,
    members: list[CircleMember],
    open_counts: dict[int, int],
) -> Picture:
    """Lay out the household's picture from what the caller read (circle.selectors)."""
    placed = _lay_out(members, open_counts)
    rings = tuple(
        Ring(
            closeness=closeness,
            label=str(Closeness(closeness).label),
            radius=RING_RADII[closeness],
            people=placed[closeness],
        )
        for closeness in Closeness.values
    )
    legend = tuple(
        LegendEntry(mark_for(relation), x=70 + 250 * (i % 3), y=LEGEND_TOP + 50 * (i // 3))
        for i, relation in enumerate(Relation.values)
    )
    count = len(members)
    return Picture(
        title=_("Kaart van de kring van %(household)s") % {"household": household},
        description=ngettext(
            "In het midden staat het huishouden. Daaromheen staat %(n)s persoon uit de kring, "
            "in drie ringen: heel dichtbij, dichtbij en verder weg. Kleur en vorm laten de "
            "relatie zien. Onder de kaart staat alles ook als lijst.",
            "In het midden staat het huishouden. Daaromheen staan %(n)s mensen uit de kring, "
            "in drie ringen: heel dichtbij, dichtbij en verder weg. Kleur en vorm laten de "
            "relatie zien. Onder de kaart staat alles ook als lijst.",
            count,
        )
        % {"n": count},
        household_names=tuple(person.first_name for person in persons),
        rings=rings,
        legend=legend,
    )
