"""Time-based one-time codes (TOTP, RFC 6238) as authenticator apps make them: SHA-1, 6 digits,
a new code every 30 seconds. pyotp computes the codes; which time steps count, and that no code
is accepted twice, is decided here. The clock is Django's (timezone.now), so tests can move it.
"""

import hmac
import secrets
import string

import pyotp
import segno
from django.conf import settings
from django.utils import timezone

STEP_SECONDS = 30
DIGITS = 6
# A code from the step before or after also counts: phones' clocks drift and people type slowly.
TOLERANCE_STEPS = 1
RECOVERY_CODE_COUNT = 10
# 10 characters from 32 (no 0/O, 1/I/L): 50 bits each, typed as two groups of five.
RECOVERY_ALPHABET = "".join(c for c in string.ascii_lowercase + string.digits if c not in "01ilo")
RECOVERY_CODE_LENGTH = 10


def new_secret() -> str:
    """A new shared secret: 32 base32 characters, 160 bits (RFC 4226's recommendation)."""
    return pyotp.random_base32(length=32)


def current_step() -> int:
    return int(timezone.now().timestamp()) // STEP_SECONDS


def code_at(secret: str, step: int) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).at(step * STEP_SECONDS)


def matching_step(secret: str, code: str, *, after: int = 0) -> int | None:
    """The time step (near now, later than `after`) whose code is `code`, or None."""
    code = normalise_code(code)
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = current_step()
    for step in range(now - TOLERANCE_STEPS, now + TOLERANCE_STEPS + 1):
        if step > after and hmac.compare_digest(code_at(secret, step), code):
            return step
    return None


def normalise_code(code: str) -> str:
    """What people type, without spaces, dashes and capitals ("123 456", "abcde-fghij")."""
    return "".join(ch for ch in (code or "") if ch not in " -\t").lower()[:64]


def grouped(secret: str, size: int = 4) -> str:
    """The secret as people can read it off the screen and type it: "ABCD EFGH ..."."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


def provisioning_uri(secret: str, username: str) -> str:
    issuer = f"eigenplan {settings.MUNICIPALITY_NAME}"
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=username, issuer_name=issuer
    )


def qr_data_uri(uri: str) -> str:
    """The QR code as an SVG data: URI for an <img> (the Content-Security-Policy allows data:
    images; an SVG shown as an image runs no script)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2, dark="#000", light="#fff")


def new_recovery_codes() -> list[str]:
    """Fresh recovery codes as shown to the user: "abcde-fghij"."""
    codes = []
    for _n in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _i in range(RECOVERY_CODE_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def looks_like_recovery_code(code: str) -> bool:
    code = normalise_code(code)
    return len(code) == RECOVERY_CODE_LENGTH and all(ch in RECOVERY_ALPHABET for ch in code)
