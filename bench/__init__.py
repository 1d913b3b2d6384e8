"""Benchmarks: `make bench` (or `python -m bench`). Not tests: they measure, they do not judge."""
