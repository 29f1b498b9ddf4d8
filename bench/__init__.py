"""Benchmarks of the suite: `python -m bench` (see bench/run.py)."""
