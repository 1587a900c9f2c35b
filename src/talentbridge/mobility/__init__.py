"""Talent endorsements for mainland talents to Hong Kong and Macao, employer attestations, stays."""
