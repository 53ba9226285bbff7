"""`eigenplan rotate_bsn_keys [--rehash]`: re-encrypt every stored BSN with the current key and,
with --rehash, renew the lookup hashes under a new hash key.

Encryption key rotation (EIGENPLAN_BSN_KEYS, Fernet keys, the first encrypts, all decrypt):

1. put the new key in front: EIGENPLAN_BSN_KEYS=<new>,<old>, and restart the app;
2. run `eigenplan rotate_bsn_keys`: everything the old key wrote is re-encrypted with the new;
3. take the old key out of EIGENPLAN_BSN_KEYS and restart.

Hash key rotation (EIGENPLAN_BSN_HASH_KEY):

1. set EIGENPLAN_BSN_HASH_KEY_OLD=<current hash key> and EIGENPLAN_BSN_HASH_KEY=<new>, and
   restart: lookups try both keys, so persons stay findable while the rehash runs;
2. run `eigenplan rotate_bsn_keys --rehash`;
3. remove EIGENPLAN_BSN_HASH_KEY_OLD and restart.

Both are idempotent: a second run changes nothing. Rows are locked and written per batch, so the
app can keep running. The output has counts and person ids, never a BSN.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from eigenplan.households import identifiers
from eigenplan.households.models import Person


@dataclass
class Rotation:
    checked: int = 0
    reencrypted: int = 0
    rehashed: int = 0
    hash_repaired: int = 0  # matched neither hash key; rewritten from the decrypted BSN
    unreadable: list[int] = field(default_factory=list)


def rotate(*, rehash: bool = False, batch_size: int = 1000) -> Rotation:
    result = Rotation()
    old_hash_key = settings.BSN_HASH_KEY_OLD
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                Person.objects.select_for_update()
                .filter(pk__gt=last_pk)
                .exclude(bsn_encrypted="")
                .order_by("pk")
                .only("pk", "bsn_encrypted", "bsn_hash")[:batch_size]
            )
            if not batch:
                return result
            changed = []
            for person in batch:
                result.checked += 1
                try:
                    dirty = False
                    if not identifiers.is_encrypted_with_current_key(person.bsn_encrypted):
                        person.bsn_encrypted = identifiers.reencrypt(person.bsn_encrypted)
                        result.reencrypted += 1
                        dirty = True
                    if rehash:
                        bsn = identifiers.decrypt_bsn(person.bsn_encrypted)
                        new_hash = identifiers.hash_bsn(bsn)
                        if person.bsn_hash != new_hash:
                            if person.bsn_hash == identifiers.hash_bsn(bsn, key=old_hash_key):
                                result.rehashed += 1
                            else:
                                result.hash_repaired += 1
                            person.bsn_hash = new_hash
                            dirty = True
                except identifiers.BSNDecryptionError:
                    result.unreadable.append(person.pk)
                    continue
                if dirty:
                    changed.append(person)
            fields = ["bsn_encrypted", "bsn_hash"] if rehash else ["bsn_encrypted"]
            Person.objects.bulk_update(changed, fields)
            last_pk = batch[-1].pk


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored BSN with the first key of EIGENPLAN_BSN_KEYS; with --rehash, "
        "also renew the lookup hashes under EIGENPLAN_BSN_HASH_KEY (needs the previous hash key "
        "in EIGENPLAN_BSN_HASH_KEY_OLD). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rehash",
            action="store_true",
            help=(
                "Also renew the lookup hashes under EIGENPLAN_BSN_HASH_KEY. Set the previous "
                "hash key in EIGENPLAN_BSN_HASH_KEY_OLD first, so lookups keep working meanwhile."
            ),
        )
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="persons per transaction (1000)"
        )

    def handle(self, *args, rehash: bool, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if rehash and not settings.BSN_HASH_KEY_OLD:
            raise CommandError(
                "--rehash needs the previous hash key in EIGENPLAN_BSN_HASH_KEY_OLD (and the new "
                "one in EIGENPLAN_BSN_HASH_KEY), so persons stay findable while it runs."
            )
        result = rotate(rehash=rehash, batch_size=batch_size)
        already = result.checked - result.reencrypted - len(result.unreadable)
        self.stdout.write(
            f"Checked {result.checked} stored BSNs: {result.reencrypted} re-encrypted with the "
            f"current key, {already} already current."
        )
        if rehash:
            self.stdout.write(
                f"Lookup hashes: {result.rehashed} renewed under the new hash key, "
                f"{result.hash_repaired} matched neither key and were rewritten."
            )
        if result.unreadable:
            ids = ", ".join(str(pk) for pk in result.unreadable[:20])
            more = " …" if len(result.unreadable) > 20 else ""
            raise CommandError(
                f"{len(result.unreadable)} stored BSNs could not be decrypted with any key in "
                f"EIGENPLAN_BSN_KEYS (persons {ids}{more}). Add the key they were encrypted "
                "with and run again; the other rows are done."
            )
