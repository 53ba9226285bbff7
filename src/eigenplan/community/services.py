"""Writes for the community catalogue and for growing a circle: one transaction each, validation
first, an audit event with the change."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigenplan.community.models import CommunityOffer
from eigenplan.households import services as household_services
from eigenplan.households.models import CircleMember, Household, Neighbourhood
from eigenplan.privacy.audit import record_event

# --- the CSV import -------------------------------------------------------------------------

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
MAX_OFFER_LENGTH = 600

# The columns of the file, by the names a municipality may give them (letter case ignored).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("naam",),
    "kind": ("soort",),
    "offer": ("aanbod", "wat ze bieden"),
    "contact_name": ("contactpersoon", "contact"),
    "phone": ("telefoon", "telefoonnummer"),
    "email": ("e-mail", "email", "e-mailadres"),
    "website": ("website",),
    "codes": ("buurtcodes", "buurtcode", "cbs-buurtcodes", "cbs-buurtcode"),
}
REQUIRED_COLUMNS = ("name", "kind", "offer", "codes")
KIND_WORDS = {
    "ervaringsdeskundige": CommunityOffer.Kind.PEER_EXPERT,
    "peer_expert": CommunityOffer.Kind.PEER_EXPERT,
    "initiatief": CommunityOffer.Kind.INITIATIVE,
    "initiatief in de buurt": CommunityOffer.Kind.INITIATIVE,
    "initiative": CommunityOffer.Kind.INITIATIVE,
}
CODE_SEPARATORS = re.compile(r"[\s,;|]+")
PHONE_CHARACTERS = set("0123456789+- ()")
OFFER_FIELDS = ("name", "kind", "offer", "contact_name", "phone", "email", "website")


@dataclass(frozen=True)
class RejectedRow:
    row: int  # the row as a spreadsheet numbers it: the header is row 1
    name: str
    reasons: tuple[str, ...]


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


def _decode(data: bytes) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(_("Dit bestand is te groot. Het mag niet groter zijn dan 2 MB."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # What Excel on Windows saves as "CSV" without asking.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "Dit bestand kunnen we niet lezen. Sla het op als CSV (UTF-8) en probeer het "
                "opnieuw."
            )
        ) from None


def _reader(text: str):
    # The delimiter is the one the header uses most: column names hold no commas or semicolons,
    # while the offers' own words often do.
    header = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=header.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _column_positions(header: list[str]) -> dict[str, int]:
    names = [cell.strip().casefold() for cell in header]
    positions = {}
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(names):
            if name in aliases:
                positions[key] = index
                break
    missing = [COLUMNS[key][0] for key in REQUIRED_COLUMNS if key not in positions]
    if missing:
        raise ValidationError(
            ngettext(
                "De eerste regel van het bestand moet de namen van de kolommen hebben. "
                "Deze kolom ontbreekt: %(columns)s.",
                "De eerste regel van het bestand moet de namen van de kolommen hebben. "
                "Deze kolommen ontbreken: %(columns)s.",
                len(missing),
            )
            % {"columns": ", ".join(missing)}
        )
    return positions


def _clean_row(values: dict[str, str], known_codes: dict[str, int]) -> tuple[dict, list[str]]:
    """The offer's fields and its neighbourhood ids from one row, or the reasons it is refused."""
    reasons = []
    name = values["name"]
    if not name:
        reasons.append(_("De naam ontbreekt."))
    elif len(name) > 150:
        reasons.append(_("De naam is te lang (niet meer dan 150 tekens)."))
    kind = KIND_WORDS.get(values["kind"].casefold())
    if kind is None:
        reasons.append(
            _("De soort is '%(kind)s'. Kies 'ervaringsdeskundige' of 'initiatief'.")
            % {"kind": values["kind"]}
            if values["kind"]
            else _("De soort ontbreekt. Kies 'ervaringsdeskundige' of 'initiatief'.")
        )
    offer = values["offer"]
    if not offer:
        reasons.append(_("Er staat niet in wat ze bieden (kolom aanbod)."))
    elif len(offer) > MAX_OFFER_LENGTH:
        reasons.append(
            _("Wat ze bieden is te lang (niet meer dan %(n)s tekens).") % {"n": MAX_OFFER_LENGTH}
        )
    if len(values["contact_name"]) > 120:
        reasons.append(_("De naam van de contactpersoon is te lang (niet meer dan 120 tekens)."))
    phone = values["phone"]
    if phone and (len(phone) > 20 or not set(phone) <= PHONE_CHARACTERS):
        reasons.append(_("Het telefoonnummer klopt niet. Gebruik alleen cijfers, spaties, + of -."))
    email = values["email"]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            reasons.append(_("Het e-mailadres klopt niet."))
    website = values["website"]
    if website:
        if "://" not in website:
            website = "https://" + website
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            reasons.append(_("De website klopt niet."))
        if len(website) > 200:
            reasons.append(_("Het adres van de website is te lang (niet meer dan 200 tekens)."))
    if not (phone or email or website):
        reasons.append(
            _(
                "Er staat geen telefoonnummer, e-mailadres of website in. Mensen moeten contact "
                "kunnen opnemen."
            )
        )
    codes = [code.upper() for code in CODE_SEPARATORS.split(values["codes"]) if code]
    unknown = sorted({code for code in codes if code not in known_codes})
    if not codes:
        reasons.append(_("Er staat geen buurtcode in. Zet er minstens één CBS-buurtcode in."))
    elif unknown:
        reasons.append(
            ngettext(
                "Deze buurtcode kennen we niet: %(codes)s.",
                "Deze buurtcodes kennen we niet: %(codes)s.",
                len(unknown),
            )
            % {"codes": ", ".join(unknown[:10])}
        )
    fields = {
        "name": name,
        "kind": kind,
        "offer": offer,
        "contact_name": values["contact_name"],
        "phone": phone,
        "email": email,
        "website": website,
        "neighbourhood_ids": frozenset(known_codes[code] for code in codes if code in known_codes),
    }
    return fields, reasons


def _rows(text: str):
    """(row number, cells) for every row after the header that is not empty."""
    reader = _reader(text)
    try:
        header = next(reader, None)
        if header is None:
            raise ValidationError(_("Dit bestand is leeg."))
        yield 1, header
        for number, cells in enumerate(reader, start=2):
            if number > MAX_IMPORT_ROWS + 1:
                raise ValidationError(
                    _("Dit bestand heeft te veel regels. Gebruik niet meer dan %(n)s regels.")
                    % {"n": MAX_IMPORT_ROWS}
                )
            if any(cell.strip() for cell in cells):
                yield number, cells
    except csv.Error as error:
        raise ValidationError(
            _("Dit bestand kunnen we niet lezen als CSV (bij regel %(row)s).")
            % {"row": reader.line_num}
        ) from error


def _natural_key(name: str, kind: str) -> tuple[str, str]:
    return name.casefold(), kind


@transaction.atomic
def import_offers(*, actor, data: bytes) -> ImportResult:
    """Add or update the catalogue from a CSV file (one offer per row; columns naam, soort,
    aanbod, contactpersoon, telefoon, e-mail, website, buurtcodes). Idempotent: a row is matched
    on its kind and name, letter case ignored, and a second import of the same file changes
    nothing. Offers not in the file stay as they are. Every refused row comes back with its
    reasons; the good rows are saved. A file that cannot be read raises ValidationError."""
    if not (actor.is_staff and actor.has_perm("community.add_communityoffer")):
        raise PermissionDenied(_("U mag het aanbod in de buurt niet aanpassen."))
    rows = _rows(_decode(data))
    _number, header = next(rows)
    positions = _column_positions(header)
    parsed = []
    for number, cells in rows:
        values = {
            key: (
                cells[positions[key]].strip()
                if key in positions and positions[key] < len(cells)
                else ""
            )
            for key in COLUMNS
        }
        parsed.append((number, values))
    all_codes = {
        code.upper()
        for _number, values in parsed
        for code in CODE_SEPARATORS.split(values["codes"])
        if code
    }
    known_codes = dict(
        Neighbourhood.objects.filter(cbs_code__in=all_codes).values_list("cbs_code", "id")
    )
    result = ImportResult()
    seen: dict[tuple[str, str], int] = {}
    good = []
    for number, values in parsed:
        fields, reasons = _clean_row(values, known_codes)
        if not reasons:
            key = _natural_key(fields["name"], fields["kind"])
            if key in seen:
                reasons.append(
                    _("Dit aanbod staat al in regel %(row)s van dit bestand.") % {"row": seen[key]}
                )
            else:
                seen[key] = number
        if reasons:
            result.rejected.append(RejectedRow(number, values["name"][:150], tuple(reasons)))
        else:
            good.append(fields)
    existing = {
        _natural_key(offer.name, offer.kind): offer
        for offer in CommunityOffer.objects.filter(
            kind__in={fields["kind"] for fields in good}
        ).prefetch_related("neighbourhoods")
        if _natural_key(offer.name, offer.kind) in seen
    }
    for fields in good:
        neighbourhood_ids = fields.pop("neighbourhood_ids")
        offer = existing.get(_natural_key(fields["name"], fields["kind"]))
        if offer is None:
            offer = CommunityOffer.objects.create(**fields)
            offer.neighbourhoods.set(neighbourhood_ids)
            result.created.append(offer.name)
            continue
        current_ids = {n.pk for n in offer.neighbourhoods.all()}
        changed = [name for name in OFFER_FIELDS if getattr(offer, name) != fields[name]]
        if not changed and current_ids == neighbourhood_ids:
            result.unchanged.append(offer.name)
            continue
        for name in changed:
            setattr(offer, name, fields[name])
        if changed:
            offer.save()
        if current_ids != neighbourhood_ids:
            offer.neighbourhoods.set(neighbourhood_ids)
        result.updated.append(offer.name)
    record_event(
        actor=actor,
        household=None,
        verb="import_community_offers",
        detail={
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": len(result.unchanged),
            "rejected": len(result.rejected),
        },
    )
    return result


@transaction.atomic
def save_offer(*, actor, name, kind, offer, neighbourhoods, **contact) -> CommunityOffer:
    """Add an offer, or update the one with this kind and name (the demo and scripts use this;
    the admin edits offers directly)."""
    if not (actor is None or actor.is_staff):
        raise PermissionDenied(_("U mag het aanbod in de buurt niet aanpassen."))
    found = CommunityOffer.objects.filter(name__iexact=name, kind=kind).first()
    fields = {"name": name, "kind": kind, "offer": offer, **contact}
    if found is None:
        found = CommunityOffer.objects.create(**fields)
    else:
        for key, value in fields.items():
            setattr(found, key, value)
        found.save()
    found.neighbourhoods.set(neighbourhoods)
    record_event(actor=actor, household=None, verb="save", obj=found)
    return found


# --- growing the circle ---------------------------------------------------------------------

MAX_NAMES = 20


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    relation: str
    detail: str  # what goes into "how do you know this person?"


def thinking_questions() -> list[Question]:
    """The questions that help a resident think of people (the slugs are the form's fields)."""
    friend, family = CircleMember.Relation.FRIEND, CircleMember.Relation.FAMILY
    return [
        Question(
            "familie",
            _("Wie uit uw familie kunt u bellen? Ook familie die verder weg woont."),
            family,
            _("familie"),
        ),
        Question(
            "buren",
            _("Welke buren groet u? Wie woont er al lang in de straat?"),
            CircleMember.Relation.NEIGHBOUR,
            _("uit de buurt"),
        ),
        Question(
            "school",
            _("Wie kent u van school? Van uzelf, of van de school van uw kinderen."),
            friend,
            _("van school"),
        ),
        Question(
            "geloof",
            _("Wie kent u van de kerk, de moskee of een andere plek waar u gelooft?"),
            friend,
            _("van de kerk of moskee"),
        ),
        Question(
            "sport",
            _("Wie kent u van de sportclub, een hobby of een vereniging?"),
            friend,
            _("van de sportclub of hobby"),
        ),
        Question(
            "werk", _("Wie kent u van uw werk, nu of van vroeger?"), friend, _("van het werk")
        ),
        Question(
            "vroeger",
            _("Wie was er vroeger belangrijk voor u? Iemand die u uit het oog verloor?"),
            friend,
            _("van vroeger"),
        ),
    ]


def _names(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@transaction.atomic
def add_names_from_questions(
    *, actor, household: Household, answers: dict[str, str]
) -> list[CircleMember]:
    """The names the resident wrote under the questions, as circle members who are not invited
    yet (the resident invites them when they want). A name already in the circle is skipped.
    Nothing is saved when a name is too long or there are too many."""
    if not actor.has_perm("households.manage_circle", household):
        raise PermissionDenied(_("U mag dit niet doen bij dit huishouden."))
    questions = thinking_questions()
    wanted = [
        (question, name)
        for question in questions
        for name in _names(answers.get(question.slug, ""))
    ]
    errors = {}
    for question in questions:
        too_long = [name for name in _names(answers.get(question.slug, "")) if len(name) > 150]
        if too_long:
            errors[question.slug] = _("Deze naam is te lang: %(name)s…") % {
                "name": too_long[0][:40]
            }
    if not wanted and not errors:
        raise ValidationError(_("Schrijf minstens één naam op. Eén naam per regel."))
    if len(wanted) > MAX_NAMES:
        errors[None] = _("Dat zijn veel namen. Schrijf er niet meer dan %(n)s tegelijk op.") % {
            "n": MAX_NAMES
        }
    if errors:
        raise ValidationError(errors)
    known = {
        name.casefold()
        for name in household.circle.filter(is_active=True).values_list("name", flat=True)
    }
    added = []
    for question, name in wanted:
        if name.casefold() in known:
            continue
        known.add(name.casefold())
        added.append(
            household_services.add_circle_member(
                actor=actor,
                household=household,
                name=name,
                relation=question.relation,
                relation_detail=str(question.detail),
            )
        )
    return added
