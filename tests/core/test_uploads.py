"""validate_upload: the real type from the first bytes, the name must fit it, size limits, plain
Dutch refusals; and it never crashes, whatever bytes and name it gets."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from eigenplan.core.uploads import (
    DEFAULT_MAX_BYTES,
    KNOWN_TYPES,
    UploadValidator,
    sniff,
    validate_upload,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
EXE = b"MZ\x90\x00" + b"\x00" * 60


class NamedBytes(io.BytesIO):
    """A binary file with any name at all (Django's UploadedFile refuses some names itself)."""

    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name = name


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(file, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_upload(file, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("brief.pdf", PDF, "application/pdf"),
        ("BRIEF.PDF", PDF, "application/pdf"),
        ("scan.png", PNG, "image/png"),
        ("foto.jpg", JPEG, "image/jpeg"),
        ("foto.JPEG", JPEG, "image/jpeg"),
        ("map/../paspoort.pdf", PDF, "application/pdf"),
    ],
)
def test_real_files_with_fitting_names_pass(name, content, expected):
    file = upload(name, content)
    assert validate_upload(file) == expected
    assert file.tell() == 0  # ready to be stored


def test_what_the_browser_claims_does_not_count():
    error = refusal(upload("virus.pdf", EXE, content_type="application/pdf"))
    assert error.code == "content_mismatch"
    assert error.messages == [
        "Dit bestand is geen echte PDF, ook al eindigt de naam op .pdf. Misschien is het "
        "beschadigd. Kies een ander bestand."
    ]


def test_a_name_that_does_not_fit_the_content_is_refused():
    error = refusal(upload("foto.png", PDF))
    assert error.code == "extension_mismatch"
    assert error.messages == [
        "De naam van het bestand past niet bij wat erin zit. Het is een PDF, dus de naam moet "
        "eindigen op .pdf."
    ]
    assert refusal(upload("foto", JPEG)).messages == [
        "De naam van het bestand past niet bij wat erin zit. Het is een JPEG-foto, dus de naam "
        "moet eindigen op .jpg of .jpeg."
    ]


def test_unknown_kinds_of_file_are_refused():
    error = refusal(upload("setup.exe", EXE))
    assert error.code == "unsupported_type"
    assert error.messages == [
        "Dit soort bestand kunnen wij niet aannemen. Kies een PDF, PNG-afbeelding of JPEG-foto."
    ]


def test_a_type_the_caller_does_not_allow_is_refused():
    error = refusal(upload("scan.png", PNG), allowed={"application/pdf"})
    assert error.code == "unsupported_type"
    assert error.messages == ["Dit soort bestand kunnen wij niet aannemen. Kies een PDF."]


def test_empty_and_too_large_files_are_refused():
    assert refusal(upload("leeg.pdf", b"")).code == "empty"
    too_large = refusal(upload("groot.pdf", PDF + b"0" * DEFAULT_MAX_BYTES))
    assert too_large.code == "too_large"
    assert too_large.messages == ["Het bestand is te groot. Het mag niet groter zijn dan 10 MB."]
    exactly = upload("precies.pdf", PDF + b"0" * (DEFAULT_MAX_BYTES - len(PDF)))
    assert validate_upload(exactly) == "application/pdf"
    small_limit = refusal(upload("scan.png", PNG), max_bytes=len(PNG) - 1)
    assert small_limit.code == "too_large"


@pytest.mark.parametrize(
    ("limit", "said"), [(1536 * 1024, "1,5 MB"), (2 * 1024 * 1024, "2 MB"), (512 * 1024, "512 kB")]
)
def test_the_limit_is_said_the_dutch_way(limit, said):
    error = refusal(upload("a.pdf", PDF + b"0" * 3 * 1024 * 1024), max_bytes=limit)
    assert error.messages == [f"Het bestand is te groot. Het mag niet groter zijn dan {said}."]


def test_plain_binary_files_work_too(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(PDF)
    with path.open("rb") as file:
        assert validate_upload(file) == "application/pdf"
    nameless = io.BytesIO(PNG)  # no name at all: the extension cannot fit
    assert refusal(nameless).code == "extension_mismatch"


def test_allowing_a_type_without_magic_numbers_is_a_programming_error():
    with pytest.raises(ValueError, match="no magic numbers"):
        validate_upload(upload("a.txt", b"hallo"), allowed={"text/plain"})


def test_the_validator_for_model_fields():
    validator = UploadValidator(allowed={"application/pdf"}, max_bytes=1024)
    validator(upload("brief.pdf", PDF))
    with pytest.raises(ValidationError):
        validator(upload("scan.png", PNG))
    assert validator == UploadValidator(allowed={"application/pdf"}, max_bytes=1024)
    path, args, kwargs = validator.deconstruct()
    assert path == "eigenplan.core.uploads.UploadValidator"
    assert kwargs == {"allowed": frozenset({"application/pdf"}), "max_bytes": 1024}


# --- property tests ---------------------------------------------------------------------------

NAMES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["a.pdf", "b.PNG", "c.jpg", "d.jpeg", "e", ".pdf", "f.pdf.exe", "g.exe.pdf"]),
)
MAGIC = st.sampled_from([s for t in KNOWN_TYPES.values() for s in t.signatures] + [b""])


@settings(max_examples=300, deadline=None)
@given(prefix=MAGIC, content=st.binary(max_size=300), name=NAMES, limit=st.integers(0, 400))
def test_never_crashes_and_only_passes_what_it_recognised(prefix, content, name, limit):
    data = prefix + content
    file = NamedBytes(data, name)
    try:
        result = validate_upload(file, max_bytes=limit)
    except ValidationError as error:
        assert error.messages and all(isinstance(m, str) and m for m in error.messages)
        assert error.code in {
            "empty",
            "too_large",
            "unsupported_type",
            "content_mismatch",
            "extension_mismatch",
        }
    else:
        assert 0 < len(data) <= limit
        assert sniff(data) == result
        assert name.lower().endswith(KNOWN_TYPES[result].extensions)
    assert file.tell() == 0


@settings(max_examples=200, deadline=None)
@given(content=st.binary(min_size=1, max_size=64))
def test_sniffing_agrees_with_the_magic_numbers(content):
    found = sniff(content)
    if found is None:
        assert not any(content.startswith(s) for t in KNOWN_TYPES.values() for s in t.signatures)
    else:
        assert any(content.startswith(s) for s in KNOWN_TYPES[found].signatures)
