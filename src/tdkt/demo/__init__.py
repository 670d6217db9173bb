"""Demo data: `tdkt demo` builds the whole procuracy sector (units before and after 2025-07-01,
about 15,000 people, ten years of records and awards, clusters and demo accounts),
deterministically from a seed. Everything it writes is DEMO DATA (see `geo` for what is real)."""
