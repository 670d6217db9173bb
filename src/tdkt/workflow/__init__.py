"""The bottom floor of every object that changes under users' hands: row locks and the version a
user edited (optimistic locking). Apps at any floor import from here, never sideways."""
