"""Django's own messages that its Vietnamese catalogue leaves in English and that a user of this
project can meet. Listed with `gettext_noop` so that `make messages` keeps them in the project's
catalogue (src/tdkt/locale), whose translations come before Django's (LOCALE_PATHS)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = (
    # Every form CharField refuses a NUL (ProhibitNullCharactersValidator): a pasted or posted
    # control character in any text box answers with this message.
    gettext_noop("Null characters are not allowed."),
)
