"""The `eigenplan` console script: Django's management commands, plus `demo`, `serve` and `seed`
(themselves management commands)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else ["eigenplan", *argv])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigenplan.settings")
    from django.core.management import execute_from_command_line

    from eigenplan import settings as _settings

    if os.environ.get("DATABASE_URL") is None:
        _settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
