"""The workflow kernel: the bottom floor of every object that changes under users' hands.

- `machine`: the table of allowed moves and the one function that moves an object (`move`);
- `rows`: the transition row every moving object keeps (`TransitionRow`);
- `reasons`: the one set of coded reasons (`ReasonCode`) and their check;
- `locking`: row locks and the version a user edited (optimistic locking);
- `clock`: the injected clock (`now=`), one way for every service;
- `access`: who may act for a unit (`ensure_can`, the 404 helper family), answered by the
  policy that `settings.TDKT_ACCESS_POLICY` names, so that apps on any floor ask without
  importing the accounts app;
- `notices`: the notification hook a move calls.
- `parameters`: the dated rule parameters in force, from the store
  `settings.TDKT_PARAMETERS` names (the eligibility app), for the apps below it.

Apps import from here, never sideways from another app's plumbing. See docs/architecture.md."""
