"""`eigenplan serve`: collect the static files, then run gunicorn in the foreground.

The same in demo mode and in production: gunicorn serves the pages, whitenoise the static files
(in DEBUG it finds them in the apps as well, so a changed stylesheet shows without collecting).
"""

import os
import sys
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

WSGI_APPLICATION = "eigenplan.wsgi:application"


def default_workers() -> int:
    configured = os.environ.get("WEB_CONCURRENCY")
    if configured:
        return int(configured)
    return min(2 * (os.cpu_count() or 1) + 1, 8)


def gunicorn_command() -> list[str]:
    """The gunicorn of this virtualenv: the script next to the Python that runs us, or else
    `python -m gunicorn`."""
    script = Path(sys.executable).with_name("gunicorn")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "gunicorn"]


ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'


def gunicorn_argv(*, host: str, port: int, workers: int) -> list[str]:
    return [
        *gunicorn_command(),
        WSGI_APPLICATION,
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        # No query strings and no Referer in the access log: single-use links (invitations,
        # sign-in links) carry their token in the query string (?sleutel=), never in the path.
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--error-logfile",
        "-",
    ]


class Command(BaseCommand):
    help = (
        "Collect static files and serve eigenplan with gunicorn in the foreground. Outside "
        "127.0.0.1/localhost, set ALLOWED_HOSTS."
    )
    requires_system_checks = []  # gunicorn's workers load Django and run their own checks

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
        parser.add_argument("--port", type=int, default=8000, help="default: 8000")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="gunicorn worker processes (default: $WEB_CONCURRENCY, or 2 x CPUs + 1, max 8)",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="skip collectstatic (when the image already holds the collected files)",
        )

    def handle(self, *args, host, port, workers, no_collectstatic=False, **options):
        workers = workers or default_workers()
        if workers < 1:
            raise CommandError("--workers must be 1 or more.")
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
            self.stdout.write("Static files collected.")
        argv = gunicorn_argv(host=host, port=port, workers=workers)
        self.stdout.write(
            f"Serving eigenplan on http://{host}:{port}/ with gunicorn ({workers} workers). "
            "Stop with Ctrl+C."
        )
        self.stdout.flush()
        sys.stderr.flush()
        # The workers open their own connections; don't hand ours over the exec.
        connections.close_all()
        os.execv(argv[0], argv)  # noqa: S606 - our own gunicorn, no shell, fixed arguments
