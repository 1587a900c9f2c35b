"""Cross-border social insurance: contribution records, imports, benefit estimates, claims, statements."""
