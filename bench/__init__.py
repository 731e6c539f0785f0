"""Benchmarks (python -m bench). Separate from the tests; tests never assert timings."""
