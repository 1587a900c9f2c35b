"""Rule variables by area: practice, endorsement, insurance, opportunities."""
