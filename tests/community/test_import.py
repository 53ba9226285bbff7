"""The CSV import of the community catalogue: idempotent, every refused row with its reason."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eigenplan.community.models import CommunityOffer
from eigenplan.community.services import import_offers
from eigenplan.privacy.models import AuditEvent
from tests.factories import NeighbourhoodFactory, UserFactory

HEADER = [
    "naam",
    "soort",
    "aanbod",
    "contactpersoon",
    "telefoon",
    "e-mail",
    "website",
    "buurtcodes",
]


def csv_bytes(rows, *, header=HEADER, delimiter=";", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def row(
    name="Taalcafé", kind="initiatief", offer="Samen Nederlands praten.", codes="BU00000001", **kw
):
    return [
        name,
        kind,
        offer,
        kw.get("contact", ""),
        kw.get("phone", "06 12345678"),
        kw.get("email", ""),
        kw.get("website", ""),
        codes,
    ]


@pytest.fixture
def admin(db):
    return UserFactory(username="beheer", role="administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def hoods(db):
    return [
        NeighbourhoodFactory(cbs_code="BU00000001", name="Noord"),
        NeighbourhoodFactory(cbs_code="BU00000002", name="Zuid"),
    ]


def test_a_good_file_creates_the_offers_with_their_neighbourhoods(admin, hoods):
    data = csv_bytes(
        [
            row(),
            row(
                "Jordy", "ervaringsdeskundige", "Weet hoe schulden voelen.", "BU00000001 bu00000002"
            ),
        ]
    )
    result = import_offers(actor=admin, data=data)
    assert sorted(result.created) == ["Jordy", "Taalcafé"] and not result.rejected
    jordy = CommunityOffer.objects.get(name="Jordy")
    assert jordy.kind == CommunityOffer.Kind.PEER_EXPERT
    assert {n.cbs_code for n in jordy.neighbourhoods.all()} == {"BU00000001", "BU00000002"}
    assert AuditEvent.objects.filter(verb="import_community_offers", actor_id=admin.pk).exists()


def test_importing_the_same_file_twice_changes_nothing(admin, hoods):
    data = csv_bytes([row(), row("Jordy", "ervaringsdeskundige", codes="BU00000002")])
    import_offers(actor=admin, data=data)
    before = list(CommunityOffer.objects.values())
    again = import_offers(actor=admin, data=data)
    assert again.created == [] and again.updated == []
    assert sorted(again.unchanged) == ["Jordy", "Taalcafé"]
    assert list(CommunityOffer.objects.values()) == before


def test_a_row_matches_on_kind_and_name_whatever_the_letter_case(admin, hoods):
    import_offers(actor=admin, data=csv_bytes([row()]))
    result = import_offers(
        actor=admin, data=csv_bytes([row("TAALCAFÉ", offer="Nu op vrijdag.", codes="BU00000002")])
    )
    assert result.updated == ["TAALCAFÉ"]
    offer = CommunityOffer.objects.get()
    assert offer.offer == "Nu op vrijdag."
    assert [n.cbs_code for n in offer.neighbourhoods.all()] == ["BU00000002"]
    # The same name as another kind is another offer.
    import_offers(actor=admin, data=csv_bytes([row("Taalcafé", "ervaringsdeskundige")]))
    assert CommunityOffer.objects.count() == 2


def test_every_refused_row_comes_back_with_its_reasons_and_the_good_rows_are_saved(admin, hoods):
    data = csv_bytes(
        [
            row(),  # row 2: good
            row("", "soep"),  # row 3
            row("Onbekende buurt", codes="BU12345678 BU00000001"),  # row 4
            row("Geen contact", phone=""),  # row 5
            row("Taalcafé"),  # row 6: the same as row 2
            row("Fout adres", email="geen-adres", website="niet een site"),  # row 7
            row("Te lang", offer="x" * 601),  # row 8
            row("Geen buurt", codes=""),  # row 9
        ]
    )
    result = import_offers(actor=admin, data=data)
    assert result.created == ["Taalcafé"]
    reasons = {r.row: " ".join(r.reasons) for r in result.rejected}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert "De naam ontbreekt." in reasons[3] and "'soep'" in reasons[3]
    assert "BU12345678" in reasons[4] and "BU00000001" not in reasons[4]
    assert "contact" in reasons[5]
    assert "regel 2" in reasons[6]
    assert "e-mailadres" in reasons[7] and "website" in reasons[7]
    assert "600" in reasons[8]
    assert "buurtcode" in reasons[9]
    assert CommunityOffer.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "leeg"),
        (csv_bytes([row()], header=["naam", "soort"]), "aanbod, buurtcodes"),
        (b"\x00" * 10 + b";a\n", "kolom"),
        (b"x" * (2 * 1024 * 1024 + 1), "2 MB"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(admin, hoods, data, message):
    with pytest.raises(ValidationError) as error:
        import_offers(actor=admin, data=data)
    assert message in " ".join(error.value.messages)
    assert not CommunityOffer.objects.exists()


def test_spreadsheet_files_with_commas_a_bom_or_windows_letters_are_read(admin, hoods):
    with_bom = b"\xef\xbb\xbf" + csv_bytes(
        [row("Café A", offer="Koffie, thee; soep.")], delimiter=","
    )
    assert import_offers(actor=admin, data=with_bom).created == ["Café A"]
    windows = csv_bytes([row("Café B")], encoding="cp1252")
    assert import_offers(actor=admin, data=windows).created == ["Café B"]
    assert CommunityOffer.objects.get(name="Café A").offer == "Koffie, thee; soep."


def test_blank_rows_are_skipped_and_columns_may_come_in_any_order(admin, hoods):
    header = ["Buurtcodes", "Naam", "Aanbod", "Soort", "Telefoon"]
    data = csv_bytes(
        [["BU00000001", "Moestuin", "Samen tuinieren.", "Initiatief", "0123"], [], ["", ""]],
        header=header,
    )
    result = import_offers(actor=admin, data=data)
    assert result.created == ["Moestuin"] and result.rejected == []


def test_only_the_municipality_imports(hoods):
    coordinator = UserFactory(username="c", role="coordinator")
    with pytest.raises(PermissionDenied):
        import_offers(actor=coordinator, data=csv_bytes([row()]))


text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            text,
            st.sampled_from(["initiatief", "ervaringsdeskundige", "Initiatief", "", "iets"]),
            text,
            st.sampled_from(["06 12345678", "", "abc"]),
            st.sampled_from(["BU00000001", "BU00000002 BU00000001", "BU99", ""]),
        ),
        max_size=8,
    ),
    delimiter=st.sampled_from([";", ","]),
)
def test_every_row_is_either_saved_or_refused_and_a_second_import_changes_nothing(
    admin, hoods, rows, delimiter
):
    CommunityOffer.objects.all().delete()
    data = csv_bytes(
        [row(name, kind, offer, codes, phone=phone) for name, kind, offer, phone, codes in rows],
        delimiter=delimiter,
    )
    non_blank = [r for r in rows if any(part.strip() for part in (r[0], r[1], r[2], r[3], r[4]))]
    first = import_offers(actor=admin, data=data)
    assert first.accepted + len(first.rejected) == len(non_blank)
    assert all(r.reasons for r in first.rejected)
    assert CommunityOffer.objects.count() == len(first.created)
    for offer in CommunityOffer.objects.all():
        assert offer.name == offer.name.strip() and offer.name
    second = import_offers(actor=admin, data=data)
    assert second.created == [] and second.updated == []
    assert len(second.unchanged) == first.accepted
    assert [r.row for r in second.rejected] == [r.row for r in first.rejected]


def test_the_admin_page_reads_a_file_and_lists_the_refused_rows(client, admin, hoods):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(admin)
    url = reverse("admin:community_communityoffer_import")
    assert url in client.get(reverse("admin:community_communityoffer_changelist")).content.decode()
    upload = SimpleUploadedFile("aanbod.csv", csv_bytes([row(), row("Fout", codes="BU7")]))
    page = client.post(url, {"file": upload}).content.decode()
    assert "Nieuw: 1" in page
    assert "BU7" in page and "Fout" in page
    upload = SimpleUploadedFile("leeg.csv", b"")
    page = client.post(url, {"file": upload}).content.decode()
    assert "leeg" in page


def test_others_do_not_reach_the_import_page(client, hoods):
    from django.urls import reverse

    client.force_login(UserFactory(username="c", role="coordinator"))
    response = client.get(reverse("admin:community_communityoffer_import"))
    assert response.status_code == 302 and "/beheer/login/" in response["Location"]
