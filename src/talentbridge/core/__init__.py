"""Shared kernel: clock, errors, business days, base models and i18n helpers."""
