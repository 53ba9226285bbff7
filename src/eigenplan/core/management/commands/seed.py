"""`eigenplan seed --households N --seed S`: a deterministic synthetic municipality for scale
tests (see eigenplan.core.seeding)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from eigenplan.core.seeding import (
    DEFAULT_BATCH_SIZE,
    SEED_PASSWORD,
    SeedingError,
    remove_seeded,
    seed_municipality,
    username_prefix,
)


class Command(BaseCommand):
    help = (
        "Build a synthetic municipality of N households for scale tests. The same --seed always "
        "gives the same data; a seed that is loaded already is refused. Demo mode only "
        "(EIGENPLAN_DEMO=1): every seeded user has the same, published password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=1000, help="default: 1000")
        parser.add_argument("--seed", type=int, default=1, help="default: 1")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"households per transaction (default: {DEFAULT_BATCH_SIZE})",
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help="delete what this seed made instead of adding it",
        )

    def handle(self, *args, households, seed, batch_size, remove, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Seeded users share a published password, so seeding runs only in demo mode "
                "(EIGENPLAN_DEMO=1). For a production-like timing, add DEBUG=0."
            )
        if remove:
            started = time.monotonic()
            counts = remove_seeded(seed=seed)
            self.stdout.write(
                f"Removed seed {seed}: {counts['households']} households and "
                f"{counts['users']} users in {time.monotonic() - started:.1f} s."
            )
            return
        last_report = [0.0]
        verbosity = options.get("verbosity", 1)

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if verbosity >= 1 and (done == total or now - last_report[0] >= 10):
                last_report[0] = now
                self.stdout.write(f"  {done:,} of {total:,} households")

        self.stdout.write(f"Seeding {households:,} households with seed {seed}...")
        try:
            counts = seed_municipality(
                households=households, seed=seed, batch_size=batch_size, progress=progress
            )
        except SeedingError as error:
            raise CommandError(str(error)) from error
        seconds = counts.pop("seconds")
        width = max(len(key) for key in counts)
        for key, value in counts.items():
            self.stdout.write(f"  {key.replace('_', ' '):<{width}}  {value:>10,}")
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {households:,} households in {seconds:.1f} s.")
        )
        self.stdout.write(
            f"Seeded users are named '{username_prefix(seed)}...' (residents "
            f"{username_prefix(seed)}r1, coordinators {username_prefix(seed)}c1); "
            f"their password is: {SEED_PASSWORD}"
        )
