"""The eligibility engine: pure Python, no Django import. Facts in, verdicts out."""
