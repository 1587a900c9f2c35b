"""The one entity of the rulebook: a person (plural persons)."""

from openfisca_core.entities import build_entity

Person = build_entity(
    key="person",
    plural="persons",
    label="A person: a cross-border professional, talent, worker or graduate",
    doc="Every rule of the kernel applies to one person at a time, evaluated for a month on one day of it.",
    is_person=True,
)

entities = [Person]
