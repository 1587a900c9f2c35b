"""GBA Talent Bridge: cross-border talent services for the Greater Bay Area."""
