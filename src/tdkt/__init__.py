"""TĐKT: emulation and commendation work of the Vietnamese People's Procuracy."""
