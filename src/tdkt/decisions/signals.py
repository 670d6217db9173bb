"""What the money of a decision does, told to whoever listens above (the fund, tdkt.funds):
sent by the decisions' services inside their transaction, so that a receiver's refusal (a
DomainError) rolls the whole event back. Every signal carries `actor` and `now`.

- `decision_signed(decision)`: the decision is signed; its lines carry their amounts.
- `awardee_paid(awardee)`: the line's reward was paid (`paid_on`).
- `awardee_revoked(awardee)`: the line's award was revoked; its money status is now CANCELLED
  (it was unpaid) or TO_RECOVER (it was paid).
- `awardee_recovered(awardee)`: the line's paid reward came back."""

from django.dispatch import Signal

decision_signed = Signal()
awardee_paid = Signal()
awardee_revoked = Signal()
awardee_recovered = Signal()
