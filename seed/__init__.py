"""Deterministic demo and large data sets (SPEC §10). Run with `python -m seed`."""
