"""Cross-border professional practice: pathways, eligibility checks, registrations, alerts, public register."""
