"""The two state machines of this app, run by the award workflow's shared function
(`nominations.workflow.move`): it follows the table, locks the row, checks the version the user
edited, demands a coded reason of at least 20 characters where the table says so, and writes the
transition row."""

from __future__ import annotations

from tdkt.nominations.workflow import Machine
from tdkt.publicity.models import (
    EXAMPLE_NEEDS_REASON,
    EXAMPLE_TRANSITIONS,
    PUBLICATION_NEEDS_REASON,
    PUBLICATION_TRANSITIONS,
    ExampleStatus,
    ExampleTransition,
    PublicationStatus,
    PublicationTransition,
    ReasonCode,
)

EXAMPLE_MACHINE = Machine(
    EXAMPLE_TRANSITIONS,
    ExampleStatus,
    ExampleTransition,
    "example",
    "điển hình",
    EXAMPLE_NEEDS_REASON,
    ReasonCode,
)
PUBLICATION_MACHINE = Machine(
    PUBLICATION_TRANSITIONS,
    PublicationStatus,
    PublicationTransition,
    "publication",
    "việc công bố quyết định",
    PUBLICATION_NEEDS_REASON,
    ReasonCode,
)
