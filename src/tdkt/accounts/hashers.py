"""The hasher for one-time passwords only.

Why a low iteration count is safe here: a one-time password is drawn by
`tdkt.accounts.services.generate_one_time_password` (16 characters from a 55-letter alphabet,
about 92 bits of entropy), so no dictionary and no affordable brute force reaches it however cheap
each guess is; it also stops signing in after a few days and must be changed at the first sign-in.
What the strong default hasher protects against (guessing a human-chosen password from a stolen
hash) does not apply. Cheap hashing lets one import create hundreds of accounts in seconds.

The hasher comes AFTER Django's default in PASSWORD_HASHERS: it still verifies these hashes, and
Django re-hashes the password with the default hasher on the first successful sign-in. Passwords
people choose themselves are always hashed with the default."""

from __future__ import annotations

from django.contrib.auth.hashers import (
    PBKDF2PasswordHasher,
    get_hashers_by_algorithm,
    make_password,
)


class OneTimePasswordHasher(PBKDF2PasswordHasher):
    algorithm = "onetime_pbkdf2"
    iterations = 1000


def make_one_time_password_hash(password: str) -> str:
    """The fast hash when the hasher is configured (it always is outside tests that swap the
    hashers), else the default one, so that the password still verifies."""
    if OneTimePasswordHasher.algorithm in get_hashers_by_algorithm():
        return make_password(password, hasher=OneTimePasswordHasher.algorithm)
    return make_password(password)
