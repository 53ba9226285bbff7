"""The burgerservicenummer (BSN): validation, encryption, a keyed hash for lookups, masking and
redaction.

eigenplan may hold a BSN only to carry out a law that prescribes it (UAVG art. 46), so the number
is protected wherever it goes:

- stored encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package),
  through MultiFernet so that keys can rotate: the first key of `EIGENPLAN_BSN_KEYS` encrypts,
  every key decrypts, and `eigenplan rotate_bsn_keys` re-encrypts what an older key wrote;
- found by exact match through an HMAC-SHA256 of the number under a separate key
  (`EIGENPLAN_BSN_HASH_KEY`), never by decrypting rows. A plain hash would not do: there are
  only about 90 million valid BSNs, so an unkeyed hash is reversed by trying them all;
- shown only masked (the last three digits), unless a law requires the whole number, and then
  through `Person.reveal_bsn`, which asks for a reason and writes an audit event;
- redacted from log lines by `eigenplan.core.logging.RedactBSNFilter`, never in a URL.

This module needs no app registry, so settings.py can read the keys through it.
"""

import base64
import binascii
import functools
import hashlib
import hmac
import re
from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

BSN_LENGTH = 9
# The weights of the elfproef (11-test) for a BSN: 9, 8, ..., 2 and -1 for the last digit.
ELFPROEF_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
# How many digits a masked BSN still shows. The last digits are personal data too: three are
# enough to check a number against a letter ("eindigt op 782") and leave about 90,000 valid
# numbers possible.
MASK_VISIBLE_DIGITS = 3
MASK_CHARACTER = "•"
# People write a BSN as 123456782, 1234.56.782 or 1234 56 782; more than this is not a BSN.
_MAX_INPUT_LENGTH = 20
_SEPARATORS = re.compile(r"[ .\-]")
_NINE_DIGITS = re.compile(r"[0-9]{9}")
# A BSN somewhere in a text: nine ASCII digits, with at most one space, dot or hyphen between
# two of them, not part of a longer number. Whether it is a BSN the elfproef decides.
_BSN_IN_TEXT = re.compile(r"(?<![0-9])[0-9](?:[ .\-]?[0-9]){8}(?![0-9])")
REDACTED = "[BSN]"

MESSAGES = {
    "required": _("Vul het BSN in."),
    "format": _("Dit BSN klopt niet. Een BSN heeft 9 cijfers."),
    "checksum": _("Dit BSN klopt niet. Kijk of u alle cijfers goed heeft overgenomen."),
}

# Demo mode only: public keys, so the demo works without configuration. Production refuses them.
DEMO_BSN_KEY = "ZWlnZW5wbGFuIGRlbW8gQlNOIGtleTogcHVibGljISE="  # "eigenplan demo BSN key: public!!"
DEMO_BSN_HASH_KEY = "demo-only-bsn-hash-key-public-never-use-in-production"
MIN_HASH_KEY_LENGTH = 32
KEY_HELP = (
    'Generate an encryption key with: python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())" and a hash key with: openssl rand -hex 32.'
)


class BSNDecryptionError(Exception):
    """A stored BSN that none of the configured keys can decrypt (or that was tampered with)."""


# --- validation ------------------------------------------------------------------------------


def passes_elfproef(digits: str) -> bool:
    """True when `digits` is nine ASCII digits whose weighted sum is divisible by 11 (and not
    0: 000000000 passes the sum but is no BSN)."""
    if not isinstance(digits, str) or not _NINE_DIGITS.fullmatch(digits):
        return False
    total = sum(w * int(d) for w, d in zip(ELFPROEF_WEIGHTS, digits, strict=True))
    return total % 11 == 0 and digits != "000000000"


def validate_bsn(value) -> str:
    """The BSN in `value` as nine digits; spaces, dots and hyphens between the digits are
    allowed. Raises ValidationError with a plain Dutch message otherwise. Usable as a Django
    validator."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(MESSAGES["required"], code="bsn_required")
    if not isinstance(value, str) or len(value) > _MAX_INPUT_LENGTH:
        # Not an int either: 012345678 as a number loses its first digit.
        raise ValidationError(MESSAGES["format"], code="bsn_format")
    digits = _SEPARATORS.sub("", value.strip())
    if not _NINE_DIGITS.fullmatch(digits):
        raise ValidationError(MESSAGES["format"], code="bsn_format")
    if not passes_elfproef(digits):
        raise ValidationError(MESSAGES["checksum"], code="bsn_checksum")
    return digits


def is_valid_bsn(value) -> bool:
    try:
        validate_bsn(value)
    except ValidationError:
        return False
    return True


# --- display and logs ------------------------------------------------------------------------


def mask_bsn(bsn: str) -> str:
    """'••••••782': only the last three digits. Empty for no BSN."""
    if not bsn:
        return ""
    digits = validate_bsn(bsn)
    hidden = BSN_LENGTH - MASK_VISIBLE_DIGITS
    return MASK_CHARACTER * hidden + digits[hidden:]


def redact_bsns(text: str) -> str:
    """`text` with every number that passes the elfproef (also written as 1234.56.782 or
    1234 56 782) replaced by [BSN]. Other numbers stay."""

    def replace(match: re.Match) -> str:
        digits = _SEPARATORS.sub("", match.group(0))
        return REDACTED if passes_elfproef(digits) else match.group(0)

    return _BSN_IN_TEXT.sub(replace, text)


# --- keys ------------------------------------------------------------------------------------


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
    except (ValueError, binascii.Error, UnicodeEncodeError):
        return False


def keys_from_environment(
    environ: Mapping[str, str], *, demo_mode: bool
) -> tuple[list[str], str, str]:
    """(encryption keys, hash key, old hash key) from the environment, for settings.py.

    EIGENPLAN_BSN_KEYS: comma-separated Fernet keys; the first encrypts, all decrypt.
    EIGENPLAN_BSN_HASH_KEY: the key of the lookup hash (at least 32 characters).
    EIGENPLAN_BSN_HASH_KEY_OLD: only while `eigenplan rotate_bsn_keys --rehash` runs.

    Production refuses to start (ImproperlyConfigured) without keys, with malformed keys or with
    the public demo keys. Messages name the variable, never a key."""
    keys = [k.strip() for k in environ.get("EIGENPLAN_BSN_KEYS", "").split(",") if k.strip()]
    hash_key = environ.get("EIGENPLAN_BSN_HASH_KEY", "").strip()
    hash_key_old = environ.get("EIGENPLAN_BSN_HASH_KEY_OLD", "").strip()
    if demo_mode:
        keys = keys or [DEMO_BSN_KEY]
        hash_key = hash_key or DEMO_BSN_HASH_KEY
    missing = [
        name
        for name, value in (("EIGENPLAN_BSN_KEYS", keys), ("EIGENPLAN_BSN_HASH_KEY", hash_key))
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            f"{' and '.join(missing)} not set. The BSN is stored encrypted and production "
            "refuses to start without its keys; demo mode (EIGENPLAN_DEMO=1) has public demo "
            f"keys. {KEY_HELP}"
        )
    for position, key in enumerate(keys, start=1):
        if not _is_fernet_key(key):
            raise ImproperlyConfigured(
                f"EIGENPLAN_BSN_KEYS: key {position} is not a Fernet key (32 bytes, url-safe "
                f"base64, 44 characters). {KEY_HELP}"
            )
    for name, value in (
        ("EIGENPLAN_BSN_HASH_KEY", hash_key),
        ("EIGENPLAN_BSN_HASH_KEY_OLD", hash_key_old),
    ):
        if value and len(value) < MIN_HASH_KEY_LENGTH:
            raise ImproperlyConfigured(
                f"{name} is too short: use at least {MIN_HASH_KEY_LENGTH} characters. {KEY_HELP}"
            )
        if value and value in keys:
            raise ImproperlyConfigured(f"{name} must differ from the EIGENPLAN_BSN_KEYS.")
    if hash_key_old and hash_key_old == hash_key:
        raise ImproperlyConfigured(
            "EIGENPLAN_BSN_HASH_KEY_OLD is the same as EIGENPLAN_BSN_HASH_KEY: set the old key "
            "only while rotating to a new one."
        )
    if not demo_mode and (DEMO_BSN_KEY in keys or DEMO_BSN_HASH_KEY in (hash_key, hash_key_old)):
        raise ImproperlyConfigured(
            "The public demo BSN keys are set outside demo mode. Generate your own keys. "
            f"{KEY_HELP}"
        )
    return keys, hash_key, hash_key_old


def _configured_keys() -> tuple[str, ...]:
    keys = tuple(getattr(settings, "BSN_KEYS", ()) or ())
    if not keys:
        raise ImproperlyConfigured("BSN_KEYS is empty: set EIGENPLAN_BSN_KEYS.")
    return keys


def _configured_hash_key() -> str:
    key = getattr(settings, "BSN_HASH_KEY", "")
    if not key:
        raise ImproperlyConfigured("BSN_HASH_KEY is empty: set EIGENPLAN_BSN_HASH_KEY.")
    return key


@functools.lru_cache(maxsize=8)
def _ciphers(keys: tuple[str, ...]) -> tuple[Fernet, MultiFernet]:
    fernets = [Fernet(key) for key in keys]
    return fernets[0], MultiFernet(fernets)


# --- encryption ------------------------------------------------------------------------------


def encrypt_bsn(bsn: str) -> str:
    """A Fernet token (ASCII) of the BSN under the current key. Each call gives another token."""
    _primary, cipher = _ciphers(_configured_keys())
    return cipher.encrypt(validate_bsn(bsn).encode("ascii")).decode("ascii")


def decrypt_bsn(token: str) -> str:
    _primary, cipher = _ciphers(_configured_keys())
    try:
        return cipher.decrypt(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError, AttributeError) as error:
        raise BSNDecryptionError(
            "A stored BSN could not be decrypted with any key in EIGENPLAN_BSN_KEYS."
        ) from error


def is_encrypted_with_current_key(token: str) -> bool:
    primary, _cipher = _ciphers(_configured_keys())
    try:
        primary.decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        return False
    return True


def reencrypt(token: str) -> str:
    """The same BSN encrypted with the current key (raises BSNDecryptionError when no key
    reads it). Fernet keeps the token's original timestamp."""
    _primary, cipher = _ciphers(_configured_keys())
    try:
        return cipher.rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError) as error:
        raise BSNDecryptionError(
            "A stored BSN could not be decrypted with any key in EIGENPLAN_BSN_KEYS."
        ) from error


# --- lookup ----------------------------------------------------------------------------------


def hash_bsn(bsn: str, *, key: str | None = None) -> str:
    """HMAC-SHA256 of the BSN (64 hex characters) under the hash key."""
    if key is None:
        key = _configured_hash_key()
    if not key:
        raise ImproperlyConfigured("An empty BSN hash key was given.")
    return hmac.new(
        key.encode("utf-8"), validate_bsn(bsn).encode("ascii"), hashlib.sha256
    ).hexdigest()


def lookup_hashes(bsn: str) -> list[str]:
    """The hashes a stored row may carry for this BSN: under the current hash key and, while a
    rehash is under way, under EIGENPLAN_BSN_HASH_KEY_OLD."""
    hashes = [hash_bsn(bsn)]
    old = getattr(settings, "BSN_HASH_KEY_OLD", "")
    if old:
        hashes.append(hash_bsn(bsn, key=old))
    return hashes
