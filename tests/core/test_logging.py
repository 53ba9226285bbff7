"""No BSN in any log line: the redaction filter, and that every handler of the configured
logging uses it."""

import io
import logging
import os
import subprocess
import sys

import pytest

from eigenplan.core.logging import RedactBSNFilter

BSN = "999990068"


@pytest.fixture
def logged():
    """A logger writing through a handler with the filter; returns what it wrote."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactBSNFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.bsn_redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_the_message_and_its_arguments_are_redacted(logged):
    logger, stream = logged
    logger.warning("Lookup of %s failed", BSN)
    logger.warning("BSN %s in %r", "9999.90.068", {"bsn": BSN, "id": 123456789})
    logger.info(f"Direct: {BSN} and 9999 90 068")
    logger.error("By name: %(bsn)s", {"bsn": BSN})
    lines = stream.getvalue().splitlines()
    assert lines == [
        "WARNING Lookup of [BSN] failed",
        "WARNING BSN [BSN] in {'bsn': '[BSN]', 'id': 123456789}",
        "INFO Direct: [BSN] and [BSN]",
        "ERROR By name: [BSN]",
    ]


def test_other_numbers_stay(logged):
    logger, stream = logged
    logger.warning("household %s, phone %s, amount %s", 123456789, "0612345678", 1234567.89)
    # Digits that pass the elfproef go, whatever they were: better too much than too little.
    logger.warning("amount %s", 1234567.82)
    assert stream.getvalue().splitlines() == [
        "WARNING household 123456789, phone 0612345678, amount 1234567.89",
        "WARNING amount [BSN]",
    ]


def test_a_traceback_and_a_stack_are_redacted(logged):
    logger, stream = logged
    try:
        int(f"BSN {BSN}")
    except ValueError:
        logger.exception("Could not read %s", BSN)
    logger.warning("with the stack", stack_info=True, extra={"unused": BSN})
    output = stream.getvalue()
    assert BSN not in output
    assert "invalid literal for int() with base 10: 'BSN [BSN]'" in output
    assert "Could not read [BSN]" in output and "Stack (most recent call last)" in output


def test_a_broken_format_string_is_logged_redacted_not_raised(logged):
    logger, stream = logged
    logger.warning("two %s %s", BSN)  # one argument short
    assert BSN not in stream.getvalue() and "[BSN]" in stream.getvalue()


def test_the_configured_handlers_redact():
    for name in ("", "django", "django.server"):
        console = [h for h in logging.getLogger(name).handlers if h.get_name() == "console"]
        assert console, f"logger {name!r} does not write through the console handler"
        assert any(isinstance(f, RedactBSNFilter) for h in console for f in h.filters)


def test_a_bsn_logged_anywhere_in_the_running_app_comes_out_redacted():
    script = (
        "import django, logging\n"
        "django.setup()\n"
        f"logging.getLogger('eigenplan.households').warning('person %s', '{BSN}')\n"
        "try:\n"
        f"    raise ValueError('{BSN}')\n"
        "except ValueError:\n"
        "    logging.getLogger('django.request').exception('Internal Server Error: /x')\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "eigenplan.settings", "EIGENPLAN_DEMO": "1"}
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert "person [BSN]" in result.stderr
    assert "ValueError: [BSN]" in result.stderr
    assert BSN not in result.stderr + result.stdout
