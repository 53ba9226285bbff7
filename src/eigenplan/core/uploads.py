"""Checks for uploaded files, for every form or API call that accepts one.

    from eigenplan.core.uploads import validate_upload

    content_type = validate_upload(request.FILES["bijlage"])  # ValidationError in Dutch (B1)

or on a model or form field: ``FileField(validators=[UploadValidator()])``.

What is checked, in this order:

1. the size: not empty, not larger than `max_bytes` (10 MiB unless the caller says otherwise);
2. the real type, sniffed from the first bytes of the file (its "magic number"), never from the
   name or the Content-Type the browser sent: both are whatever the sender wants them to be;
3. the type is one the caller allows (PDF, PNG and JPEG by default);
4. the name's extension fits that type, so a PDF called "foto.png" is refused as well: another
   program would open it by its name.

This is not a virus scan and does not prove a file is well-formed: a PDF can still carry
scripts. Serve uploads with Content-Disposition: attachment and X-Content-Type-Options: nosniff,
never from the same place as the pages, and store them under a generated name.
"""

import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

MiB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MiB


@dataclass(frozen=True)
class FileType:
    content_type: str
    label: str  # what the person uploading calls it, in Dutch
    extensions: tuple[str, ...]
    signatures: tuple[bytes, ...]  # the file starts with one of these


# Types we know how to recognise. Add one here before allowing it anywhere.
KNOWN_TYPES: dict[str, FileType] = {
    t.content_type: t
    for t in (
        FileType("application/pdf", "PDF", (".pdf",), (b"%PDF-",)),
        FileType("image/png", "PNG-afbeelding", (".png",), (b"\x89PNG\r\n\x1a\n",)),
        FileType("image/jpeg", "JPEG-foto", (".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    )
}
DEFAULT_ALLOWED = frozenset({"application/pdf", "image/png", "image/jpeg"})
HEAD_BYTES = max(len(s) for t in KNOWN_TYPES.values() for s in t.signatures)


def sniff(head: bytes) -> str | None:
    """The content type the bytes say they are, or None when we do not recognise them."""
    for file_type in KNOWN_TYPES.values():
        if any(head.startswith(signature) for signature in file_type.signatures):
            return file_type.content_type
    return None


def _size(file) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    position = file.tell()
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(position)
    return size


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if not isinstance(head, bytes):
        raise TypeError("validate_upload needs a file opened in binary mode")
    return head


def _extension(name) -> str:
    return os.path.splitext(os.path.basename(str(name or "")))[1].lower()


def _size_text(n: int) -> str:
    """10 MB, 1,5 MB, 512 kB: as people read sizes (in Dutch, with a decimal comma)."""
    if n >= MiB:
        value = n / MiB
        number = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
        return f"{number} MB"
    return f"{max(1, n // 1024)} kB"


def _either(items: list[str]) -> str:
    """One of the items: a; a of b; a, b of c."""
    if len(items) == 1:
        return items[0]
    return _("%(first)s of %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def validate_upload(file, *, allowed=DEFAULT_ALLOWED, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Check an uploaded file (a Django UploadedFile or any binary file object with a name).
    Returns its real content type; raises ValidationError with a Dutch message otherwise. The
    file is left at position 0."""
    unknown = set(allowed) - set(KNOWN_TYPES)
    if unknown:
        raise ValueError(f"no magic numbers known for {sorted(unknown)}; add them to KNOWN_TYPES")
    allowed_types = [t for c, t in KNOWN_TYPES.items() if c in allowed]
    size = _size(file)
    if size <= 0:
        raise ValidationError(_("Het bestand is leeg. Kies een ander bestand."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("Het bestand is te groot. Het mag niet groter zijn dan %(max)s.")
            % {"max": _size_text(max_bytes)},
            code="too_large",
        )
    detected = sniff(_head(file))
    extension = _extension(getattr(file, "name", ""))
    if detected is None or detected not in allowed:
        claimed = next((t for t in allowed_types if extension in t.extensions), None)
        if detected is None and claimed is not None:
            raise ValidationError(
                _(
                    "Dit bestand is geen echte %(type)s, ook al eindigt de naam op %(extension)s. "
                    "Misschien is het beschadigd. Kies een ander bestand."
                )
                % {"type": claimed.label, "extension": extension},
                code="content_mismatch",
            )
        raise ValidationError(
            _("Dit soort bestand kunnen wij niet aannemen. Kies een %(types)s.")
            % {"types": _either([t.label for t in allowed_types])},
            code="unsupported_type",
        )
    file_type = KNOWN_TYPES[detected]
    if extension not in file_type.extensions:
        raise ValidationError(
            _(
                "De naam van het bestand past niet bij wat erin zit. Het is een %(type)s, "
                "dus de naam moet eindigen op %(extensions)s."
            )
            % {"type": file_type.label, "extensions": _either(list(file_type.extensions))},
            code="extension_mismatch",
        )
    return detected


@deconstructible
class UploadValidator:
    """validate_upload as a validator for a model or form FileField."""

    def __init__(self, allowed=DEFAULT_ALLOWED, max_bytes: int = DEFAULT_MAX_BYTES):
        self.allowed = frozenset(allowed)
        self.max_bytes = max_bytes

    def __call__(self, file) -> None:
        validate_upload(file, allowed=self.allowed, max_bytes=self.max_bytes)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
        )

    def __hash__(self) -> int:
        return hash((self.allowed, self.max_bytes))
