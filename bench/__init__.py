"""Benchmarks run by `make bench`; each prints its figure and its ratio against a stated baseline."""
