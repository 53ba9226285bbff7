"""The `eigenplan` commands of the core app, run through call_command."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eigenplan.core.demo_data import DEMO_PASSWORD, demo_households
from eigenplan.core.management.commands import serve
from eigenplan.core.seeding import seeded_households

pytestmark = pytest.mark.django_db


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_loaddemo_loads_once_and_reset_loads_again():
    output = run("loaddemo")
    assert "Loaded the demo municipality: 4 neighbourhoods, 20 households" in output
    assert DEMO_PASSWORD in output
    assert "nothing changed" in run("loaddemo")
    assert "Loaded the demo municipality" in run("loaddemo", "--reset")
    assert demo_households().count() == 20


def test_demo_and_seed_refuse_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    for command in ("loaddemo", "demo", "seed"):
        with pytest.raises(CommandError, match="demo mode"):
            run(command)
    assert not demo_households().exists()


def test_demo_without_serving_migrates_loads_and_lists_the_accounts():
    output = run("demo", "--no-serve", "--port", "8123")
    assert "Loaded the demo municipality" in output
    assert "fatima" in output and "Fatima El Amrani" in output and "Regisseur" in output
    assert f"every password: {DEMO_PASSWORD}" in output
    assert "http://127.0.0.1:8123/" in output


def test_seed_prints_counts_and_time_refuses_a_second_time_and_removes():
    output = run("seed", "--households", "30", "--seed", "12")
    assert "Seeded 30 households in" in output
    assert "households" in output and "versions" in output and "s12-r1" in output
    assert seeded_households(12).count() == 30
    with pytest.raises(CommandError, match="loaded already"):
        run("seed", "--households", "30", "--seed", "12")
    assert seeded_households(12).count() == 30
    assert "Removed seed 12: 30 households" in run("seed", "--seed", "12", "--remove")
    assert not seeded_households(12).exists()


def test_serve_collects_static_files_then_becomes_gunicorn(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    with mock.patch.object(serve.os, "execv") as execv:
        output = run("serve", "--port", "8124", "--workers", "3")
    assert (tmp_path / "admin").is_dir()
    program, argv = execv.call_args.args
    assert program == argv[0]
    assert argv[0].endswith("/gunicorn") or argv[1:3] == ["-m", "gunicorn"]
    assert "eigenplan.wsgi:application" in argv
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8124"
    assert argv[argv.index("--workers") + 1] == "3"
    assert "http://127.0.0.1:8124/" in output
