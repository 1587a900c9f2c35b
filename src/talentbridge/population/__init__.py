"""Synthetic populations and the demo data set."""
