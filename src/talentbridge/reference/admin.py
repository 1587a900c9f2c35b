"""Admin pages for reference data."""

from django.contrib import admin

from talentbridge.reference import models

for model in (
    models.Jurisdiction,
    models.City,
    models.SpecialZone,
    models.ProfessionalField,
    models.Profession,
    models.IdentityDocumentType,
    models.Authority,
    models.CalendarDay,
):
    admin.site.register(model)
