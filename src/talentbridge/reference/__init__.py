"""Reference data: jurisdictions, cities, zones, professions, document types, authorities."""
