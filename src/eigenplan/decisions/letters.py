"""The decision letter (beschikking): one text, rendered as accessible HTML and as a PDF that
carries real text, a title and its language. The municipality words the fixed parts itself
(LetterText in the admin); the defaults here are B1 Dutch."""

import datetime
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from eigenplan.decisions.models import Decision, DecisionSettings, Law, LetterText
from eigenplan.decisions.words import amount_in_words

DEFAULT_TEXTS = {
    LetterText.Key.INTRO: (
        "U heeft met uw regisseur een plan gemaakt. In deze brief staat wat de gemeente heeft "
        "besloten over de ondersteuning uit uw plan. Lees de brief rustig door. Heeft u vragen? "
        "Bel of mail dan uw regisseur."
    ),
    LetterText.Key.OBJECTION: (
        "Bent u het niet eens met een besluit in deze brief? Dan kunt u bezwaar maken. Dat doet "
        "u binnen {weken} weken na de datum van deze brief, dus uiterlijk op {uiterlijk}. Schrijf "
        "in uw bezwaar uw naam en adres, de datum, over welk besluit het gaat en waarom u het er "
        "niet mee eens bent. Zet uw handtekening eronder. Uw regisseur helpt u graag."
    ),
    LetterText.Key.GENERAL: (
        "Dit is een algemene voorziening. Daarvoor is geen beschikking nodig. U kunt er gewoon "
        "gebruik van maken."
    ),
    LetterText.Key.CLOSING: "Met vriendelijke groet,",
}


def letter_texts() -> dict[str, str]:
    texts = dict(DEFAULT_TEXTS)
    texts.update(dict(LetterText.objects.values_list("key", "text")))
    return texts


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


@dataclass
class LetterItem:
    what: str
    amount: str
    goal: str
    period: str
    granted: bool
    outcome: str
    legal_ground: str
    is_general: bool
    reasons: str
    decided_by: str


@dataclass
class LetterContent:
    title: str
    addressee: str
    address_lines: list[str]
    date: str
    intro: str
    items: list[LetterItem]
    general_note: str
    objection: str
    objection_deadline: datetime.date
    closing: str
    signed_by: str
    sender: str
    municipality: str
    has_decisions: bool = field(default=True)

    @classmethod
    def build(
        cls,
        *,
        household,
        decisions: list[Decision],
        issued_on: datetime.date,
        objection_deadline: datetime.date,
        settings_row: DecisionSettings,
        signed_by: str,
    ) -> "LetterContent":
        from django.conf import settings

        texts = letter_texts()
        adults = [p for p in household.persons.all() if p.is_adult_on(issued_on)]
        addressee = " en ".join(f"{p.first_name} {p.last_name}" for p in adults) or _("De bewoners")
        items = []
        for decision in decisions:
            item = decision.support_item
            granted = decision.outcome == Decision.Outcome.GRANTED
            items.append(
                LetterItem(
                    what=item.description,
                    amount=amount_in_words(item.volume, item.unit, item.frequency),
                    goal=decision.goal_text,
                    period=_("van %(start)s tot en met %(end)s")
                    % {"start": _date(item.start_date), "end": _date(item.end_date)},
                    granted=granted,
                    outcome=_("U krijgt deze ondersteuning.")
                    if granted
                    else _("U krijgt deze ondersteuning niet."),
                    legal_ground=str(Law(decision.law).label),
                    is_general=decision.law == Law.GENERAL,
                    reasons=decision.reasons,
                    decided_by=decision.decided_by_name,
                )
            )
        values = {
            "weken": settings_row.objection_weeks,
            "uiterlijk": _date(objection_deadline),
        }
        return cls(
            title=_("Besluit over uw ondersteuning, %(date)s") % {"date": _date(issued_on)},
            addressee=addressee,
            address_lines=[
                f"{household.street} {household.house_number}",
                f"{household.postcode} {household.city}",
            ],
            date=_date(issued_on),
            intro=texts[LetterText.Key.INTRO].format(**values),
            items=items,
            general_note=texts[LetterText.Key.GENERAL].format(**values),
            objection=texts[LetterText.Key.OBJECTION].format(**values),
            objection_deadline=objection_deadline,
            closing=texts[LetterText.Key.CLOSING].format(**values),
            signed_by=signed_by,
            sender=settings_row.municipality_department,
            municipality=settings.MUNICIPALITY_NAME,
        )


def render_html(content: LetterContent) -> str:
    """The letter as an HTML fragment (stored; shown inside the site's page)."""
    return render_to_string("decisions/_letter_body.html", {"letter": content})


# The letter's font: DejaVu Sans (Debian's fonts-dejavu-core), embedded, so that every name
# prints as written (Aydın, Şahin) and the PDF carries its own font. Without it the PDF falls
# back to Helvetica, a standard font that knows Latin-1 only: other letters lose their accent.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PLAIN = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "€": "EUR", "…": "...", "ı": "i"}
)


def _latin1(text: str) -> str:
    text = text.translate(PLAIN)
    if all(ord(char) < 256 for char in text):
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare).encode("latin-1", "replace").decode("latin-1")


class _LetterPDF(FPDF):
    def __init__(self, *args, font_dir: Path = FONT_DIR, **kwargs):
        super().__init__(*args, **kwargs)
        regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            self.add_font("DejaVu", "", str(regular))
            self.add_font("DejaVu", "B", str(bold))
            self.letter_font, self.to_text = "DejaVu", str
        else:
            self.letter_font, self.to_text = "Helvetica", _latin1

    def use(self, style: str = "", size: int = 11) -> None:
        self.set_font(self.letter_font, style, size)

    def footer(self):
        # The page number is not part of the letter's content: an artifact for screen readers.
        self._out("/Artifact BMC")
        self.set_y(-15)
        self.use(size=9)
        self.cell(0, 10, self.to_text(_("Pagina %(n)s") % {"n": self.page_no()}), align="C")
        self._out("EMC")

    def block(self, tag: str, text: str, *, style: str = "", size: int = 11, height: float = 6):
        """Write `text` as one element of the document's structure (/H1, /H2, /H3 or /P), so
        that the PDF is tagged: a screen reader finds the headings and paragraphs. fpdf2 2.8
        tags only figures by itself; this uses its structure-tree builder (pinned below 2.9).
        A block starts on a new page when it would not fit, as a tagged block may not be cut;
        one taller than a page (never in a letter) is written untagged."""
        self.use(style, size)
        text = self.to_text(text)
        # Left-aligned, never justified: even word spacing reads easier (B1, dyslexia).
        lines = self.multi_cell(self.epw, height, text, align="L", dry_run=True, output="LINES")
        needed = len(lines) * height
        if self.will_page_break(needed) and needed <= self.eph:
            self.add_page()
        tagged = needed <= self.eph
        if tagged:
            mcid = self.struct_builder.next_mcid_for_page(self.page)
            self._add_marked_content(struct_type=f"/{tag}", mcid=mcid)
            self._out(f"/{tag} <</MCID {mcid}>> BDC")
        self.multi_cell(self.epw, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if tagged:
            self._out("EMC")


def render_pdf(
    content: LetterContent,
    *,
    font_dir: Path = FONT_DIR,
    created_at: datetime.datetime | None = None,
) -> bytes:
    """The same letter as a tagged PDF with real text in an embedded font, its title and
    language in the metadata, the title shown by viewers, and a bookmark per section.
    `created_at` (default: now) is the PDF's creation date, which also goes into its file id:
    the same content and time give the same bytes (core.seeding relies on it)."""
    pdf = _LetterPDF(format="A4", font_dir=font_dir)
    if created_at is not None:
        pdf.set_creation_date(created_at)
    pdf.set_title(content.title)
    pdf.set_lang("nl-NL")
    pdf.set_author(f"{content.sender}, {content.municipality}")
    pdf.set_subject(_("Beschikking"))
    pdf.set_creator("eigenplan")
    pdf.set_display_mode("fullwidth")
    pdf.viewer_preferences = _viewer_preferences()
    pdf.set_margins(20, 20, 20)
    pdf.add_page()

    def heading(text: str, tag: str = "H2", size: int = 13) -> None:
        pdf.start_section(pdf.to_text(text), level=0 if tag != "H3" else 1)
        pdf.block(tag, text, style="B", size=size, height=7)
        pdf.ln(1)

    def paragraph(text: str, style: str = "") -> None:
        pdf.block("P", text, style=style)
        pdf.ln(2)

    paragraph(f"{content.sender}, {content.municipality}")
    paragraph("\n".join([content.addressee, *content.address_lines]))
    paragraph(_("Datum: %(date)s") % {"date": content.date})
    heading(content.title, "H1", 16)
    paragraph(content.intro)
    heading(_("Wat hebben we besloten?"))
    for number, item in enumerate(content.items, start=1):
        heading(f"{number}. {item.what}", "H3", 12)
        paragraph(item.outcome, "B")
        lines = [
            (_("Hoeveel"), item.amount),
            (_("Voor uw doel"), item.goal),
            (_("Wanneer"), item.period),
            (_("Wettelijke grondslag"), item.legal_ground),
            (_("Waarom"), item.reasons),
            (_("Besloten door"), item.decided_by),
        ]
        for label, value in lines:
            paragraph(f"{label}: {value}")
        if item.is_general:
            paragraph(content.general_note)
    heading(_("Bent u het er niet mee eens?"))
    paragraph(content.objection)
    paragraph(content.closing)
    paragraph(f"{content.signed_by}\n{content.sender}")
    return bytes(pdf.output())


def _viewer_preferences():
    from fpdf.prefs import ViewerPreferences

    return ViewerPreferences(display_doc_title=True)
