"""Who may record what: a social insurance fund for anyone insured in its city, an employer for its own employees.

An employee of an organisation is a person already on record with a contribution period naming that
organisation as the employer (by its registration number when the organisation has one, else by its
exact name) — recorded by a fund or by the organisation itself in an earlier import under this same
rule — and the row itself must name that organisation. The first period of a new employee is therefore
recorded by the fund.
"""

from __future__ import annotations

from dataclasses import dataclass

from talentbridge.accounts.models import Role, User


@dataclass(frozen=True)
class Importer:
    """Whose rows a file may record: a fund's (its cities), or an employer's (its employees, its own name)."""

    city_ids: frozenset[int] | None = None
    organisation_id: int | None = None
    organisation_name: str = ""
    organisation_code: str = ""

    @property
    def is_employer(self) -> bool:
        return self.organisation_id is not None

    def names_this_employer(self, name: str, code: str) -> bool:
        """The row's employer is this organisation: by its registration number when both the organisation and
        the row have one, else by its exact name (the number is an optional column)."""
        if self.organisation_code and code.strip():
            return code.strip().casefold() == self.organisation_code.strip().casefold()
        return " ".join(name.split()).casefold() == " ".join(self.organisation_name.split()).casefold()


def allowed_cities(user: User) -> frozenset[int] | None:
    """A fund reports only for its own city; an employer for any of the nine cities."""
    if user.role == Role.REVIEWER and user.authority is not None and user.authority.city_id:
        return frozenset({user.authority.city_id})
    return None


def importer_for(user: User) -> Importer:
    """What the user's rows may record: a fund's city, or an employer's own employees under its own name."""
    if user.role == Role.ORGANISATION_STAFF and user.organisation is not None:
        organisation = user.organisation
        return Importer(
            organisation_id=organisation.pk,
            organisation_name=organisation.name,
            organisation_code=organisation.unified_social_credit_code or "",
        )
    return Importer(city_ids=allowed_cities(user))
