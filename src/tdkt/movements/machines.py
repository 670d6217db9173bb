"""The state machines of the app's moving objects, for `tdkt.workflow.machine.move`: a movement,
a receiving unit's answer, a registration, a cluster's scoring sheet and its flag vote."""

from __future__ import annotations

from tdkt.movements.models import (
    ANSWER_TRANSITIONS,
    BALLOT_TRANSITIONS,
    MOVEMENT_TRANSITIONS,
    REGISTRATION_TRANSITIONS,
    SHEET_TRANSITIONS,
    AnswerStatus,
    AnswerTransition,
    BallotStatus,
    BallotTransition,
    MovementStatus,
    MovementTransition,
    RegistrationStatus,
    RegistrationTransition,
    SheetStatus,
    SheetTransition,
)
from tdkt.workflow.machine import Machine

# A draft is cancelled, and a register returned, only with a coded reason the unit can act on.
MOVEMENT = Machine(
    MOVEMENT_TRANSITIONS,
    MovementStatus,
    MovementTransition,
    "movement",
    "phong trào",
    frozenset({(MovementStatus.DRAFT, MovementStatus.CANCELLED)}),
)
ANSWER = Machine(ANSWER_TRANSITIONS, AnswerStatus, AnswerTransition, "answer", "việc triển khai")
REGISTRATION = Machine(
    REGISTRATION_TRANSITIONS,
    RegistrationStatus,
    RegistrationTransition,
    "registration",
    "bản đăng ký",
    frozenset({(RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED)}),
)
SHEET = Machine(SHEET_TRANSITIONS, SheetStatus, SheetTransition, "sheet", "bảng chấm điểm")
BALLOT = Machine(BALLOT_TRANSITIONS, BallotStatus, BallotTransition, "ballot", "cuộc bỏ phiếu")
