"""Users, roles, organisations, authorities' staff, API tokens and per-object permissions."""
