"""Vectorised synthetic persons, licences and contribution histories; a pure function of seed and size.

Proportions are plausible, not official: they shape test and benchmark data only. Every frame
uses codes (city, profession, authority) and batch-local row numbers; `generate.py` maps them to ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from talentbridge import vocabulary

BATCH_SIZE = 100_000  # fixed: the data depend on the seed and the count only, never on memory settings
PERSON_STREAM, EMPLOYER_STREAM, CASE_STREAM = 0, 1, 2

RESIDENCES = np.array(["HK", "MO", "GD"])
RESIDENCE_SHARE = [0.55, 0.15, 0.30]
MAINLAND_CITIES = np.array(vocabulary.MAINLAND_CITY.codes)
CITY_SHARE = np.array([0.25, 0.30, 0.10, 0.08, 0.05, 0.08, 0.05, 0.05, 0.04])
EDUCATION = np.array(vocabulary.EDUCATION.codes)
EDUCATION_SHARE = {  # by residence
    "HK": [0.12, 0.18, 0.48, 0.19, 0.03],
    "MO": [0.18, 0.20, 0.45, 0.14, 0.03],
    "GD": [0.04, 0.10, 0.46, 0.30, 0.10],
}
TITLES = np.array(vocabulary.PROFESSIONAL_TITLE.codes)  # "none" first: HK and Macao residents hold none
LICENCE_SHARE = {"HK": 0.30, "MO": 0.25, "GD": 0.12}
# Profession -> issuing body by jurisdiction of the licence holder, with a relative frequency.
# Approximation: the reference data name only HK's Medical Council for health professions.
PROFESSION_ISSUERS: dict[str, tuple[float, dict[str, str]]] = {
    "lawyer": (0.14, {"HK": "HK-LAWSOC", "MO": "MO-AAM", "GD": "GD-DOJ"}),
    "architect": (0.07, {"HK": "HK-ARB", "MO": "MO-DSSCU", "GD": "GD-DHURD"}),
    "structural_engineer": (0.08, {"HK": "HK-ERB", "MO": "MO-DSSCU", "GD": "GD-DHURD"}),
    "building_services_engineer": (0.05, {"HK": "HK-ERB", "MO": "MO-DSSCU", "GD": "GD-DHURD"}),
    "civil_engineer": (0.08, {"HK": "HK-ERB", "MO": "MO-DSSCU", "GD": "GD-DHURD"}),
    "quantity_surveyor": (0.04, {"HK": "HK-SRB", "MO": "MO-DSSCU", "GD": "GD-DHURD"}),
    "building_surveyor": (0.03, {"HK": "HK-SRB", "MO": "MO-DSSCU", "GD": "GD-DHURD"}),
    "planner": (0.04, {"HK": "HK-PRB", "MO": "MO-DSSCU", "GD": "GD-DNR"}),
    "physician": (0.16, {"HK": "HK-MCHK", "MO": "MO-SSM", "GD": "GD-HEALTH"}),
    "chinese_medicine_practitioner": (0.06, {"HK": "HK-MCHK", "MO": "MO-SSM", "GD": "GD-HEALTH"}),
    "dentist": (0.04, {"HK": "HK-MCHK", "MO": "MO-SSM", "GD": "GD-HEALTH"}),
    "nurse": (0.09, {"HK": "HK-MCHK", "MO": "MO-SSM", "GD": "GD-HEALTH"}),
    "tour_guide": (0.06, {"HK": "HK-TIA", "MO": "MO-DST", "GD": "GD-TOURISM"}),
    "tour_escort": (0.02, {"HK": "HK-TIA", "MO": "MO-DST", "GD": "GD-TOURISM"}),
}
PROFESSIONS = np.array(list(PROFESSION_ISSUERS))
PROFESSION_SHARE = np.array([share for share, _ in PROFESSION_ISSUERS.values()])
PROFESSION_SHARE = PROFESSION_SHARE / PROFESSION_SHARE.sum()
# Guangdong average monthly wage used to bound contribution wages to 60%-300% [unverified, synthetic].
GD_AVERAGE_WAGE = 11_000.0
CURRENCY_FACTOR = {"hk_mpf": 1.08, "mo_fss": 1.11}  # CNY -> HKD / MOP, rounded


@dataclass(frozen=True)
class PersonBatch:
    """One batch of persons and their rows; `person` columns in licences/contributions are batch-local."""

    persons: pl.DataFrame
    licences: pl.DataFrame
    contributions: pl.DataFrame


def batch_rng(seed: int, stream: int, batch: int) -> np.random.Generator:
    return np.random.default_rng([seed, stream, batch])


def _days(as_of: dt.date) -> int:
    return (as_of - dt.date(1970, 1, 1)).days


def _as_dates(days: np.ndarray) -> pl.Series:
    return pl.Series(days.astype("datetime64[D]"))


def _choice_by_group(rng: np.random.Generator, groups: np.ndarray, table: dict[str, list[float]]) -> np.ndarray:
    """For each row, an index drawn from the probability vector of its group."""
    u = rng.random(groups.size)
    out = np.zeros(groups.size, dtype=np.int64)
    for key, probs in table.items():
        mask = groups == key
        out[mask] = np.searchsorted(np.cumsum(probs), u[mask], side="right")
    return np.minimum(out, len(next(iter(table.values()))) - 1)


def persons_batch(seed: int, batch: int, count: int, as_of: dt.date, employers_per_city: np.ndarray) -> PersonBatch:
    """`count` persons numbered from `batch * BATCH_SIZE`; employers are indices into a per-city table."""
    rng = batch_rng(seed, PERSON_STREAM, batch)
    residence = RESIDENCES[rng.choice(3, size=count, p=RESIDENCE_SHARE)]
    sex = np.where(rng.random(count) < 0.52, "M", "F")
    age = 22 + np.floor(43 * rng.beta(2.0, 3.0, size=count)).astype(np.int64)
    birth = _days(as_of) - np.floor(age * 365.25).astype(np.int64) - rng.integers(0, 365, size=count)
    education = _choice_by_group(rng, residence, EDUCATION_SHARE)
    seniority = (age - 22) / 43 * 2.6 + education * 0.45 + rng.normal(0, 0.7, size=count)
    title = np.clip(np.floor(seniority), 0, 4).astype(np.int64)
    title = np.where(residence == "GD", np.maximum(title, 1), 0)
    city = rng.choice(MAINLAND_CITIES.size, size=count, p=CITY_SHARE)
    city = np.where((residence == "MO") & (rng.random(count) < 0.5), 2, city)  # Macao residents favour Zhuhai
    employed = rng.random(count) < 0.92
    employer = np.floor(rng.random(count) * employers_per_city[city]).astype(np.int64)
    wage = np.exp(rng.normal(np.log(8_000 * (1 + 0.3 * education) * (1 + 0.2 * title)), 0.45))
    persons = pl.DataFrame(
        {
            "number": np.arange(batch * BATCH_SIZE, batch * BATCH_SIZE + count, dtype=np.int64),
            "residence": residence,
            "sex": sex,
            "birth_date": _as_dates(birth),
            "education": EDUCATION[education],
            "professional_title": TITLES[title],
            "work_city": MAINLAND_CITIES[city],
            "employer_index": np.where(employed, employer, -1),
            "monthly_wage": np.round(wage, -1),
            "age": age,
        }
    )
    return PersonBatch(
        persons=persons,
        licences=_licences(rng, residence, age, as_of),
        contributions=_contributions(rng, residence, birth, city, wage, employed, as_of),
    )


def _licences(rng: np.random.Generator, residence: np.ndarray, age: np.ndarray, as_of: dt.date) -> pl.DataFrame:
    share = np.select([residence == "HK", residence == "MO"], [LICENCE_SHARE["HK"], LICENCE_SHARE["MO"]], 0.12)
    holders = np.flatnonzero(rng.random(residence.size) < share)
    second = holders[rng.random(holders.size) < 0.08]
    person = np.sort(np.concatenate([holders, second]))
    profession = rng.choice(PROFESSIONS.size, size=person.size, p=PROFESSION_SHARE)
    issuers = {res: np.array([PROFESSION_ISSUERS[p][1][res] for p in PROFESSIONS]) for res in ("HK", "MO", "GD")}
    holder_res = residence[person]
    body = np.where(holder_res == "HK", issuers["HK"][profession], issuers["GD"][profession])
    body = np.where(holder_res == "MO", issuers["MO"][profession], body)
    years = np.minimum(np.floor(rng.exponential(8.0, size=person.size)), np.maximum(age[person] - 23, 0))
    issued = _days(as_of) - np.floor(years * 365.25).astype(np.int64) - rng.integers(1, 365, size=person.size)
    serial = rng.integers(10_000, 999_999, size=person.size)
    frame = pl.DataFrame(
        {
            "person": person,
            "profession": PROFESSIONS[profession],
            "issuing_body": body,
            "serial": serial,
            "issued_on": _as_dates(issued),
            "years_of_practice": years.astype(np.int64),
        }
    )
    return frame.with_columns(
        number=pl.concat_str([pl.col("issuing_body"), pl.lit("-"), pl.col("serial").cast(pl.String).str.zfill(6)])
    ).drop("serial")


def _contributions(
    rng: np.random.Generator,
    residence: np.ndarray,
    birth: np.ndarray,
    city: np.ndarray,
    wage: np.ndarray,
    employed: np.ndarray,
    as_of: dt.date,
) -> pl.DataFrame:
    """Career periods: earlier ones often at home (HK/Macao), later ones in a mainland city."""
    today = _days(as_of)
    count = residence.size
    periods = 1 + rng.binomial(3, 0.35, size=count)
    person = np.repeat(np.arange(count), periods)
    first_row = np.concatenate([[0], np.cumsum(periods)[:-1]])
    position = np.arange(person.size) - np.repeat(first_row, periods)
    is_last = position == periods[person] - 1
    career_start = np.minimum(birth + 22 * 365 + rng.integers(0, 6 * 365, size=count), today - 60)
    fraction = rng.random(person.size)
    fraction[position == 0] = 0.0
    fraction = fraction[np.argsort(person + fraction * 0.999, kind="stable")]
    span = today - career_start[person]
    start = career_start[person] + np.floor(fraction * span).astype(np.int64)
    next_start = np.append(start[1:], today)
    end = np.where(
        is_last, today - rng.integers(30, 700, size=person.size), next_start - rng.integers(0, 90, size=person.size)
    )
    ongoing = is_last & (rng.random(person.size) < 0.85)
    end = np.maximum(end, start + 30)
    home = residence[person]
    mainland = (home == "GD") | (rng.random(person.size) < np.where(is_last, 0.85, 0.3))
    scheme = np.where(home == "HK", "hk_mpf", "mo_fss")
    flexible = ~employed[person] & is_last
    scheme = np.where(mainland, np.where(flexible, "gd_flexible", "gd_employee"), scheme)
    earlier_city = MAINLAND_CITIES[rng.choice(MAINLAND_CITIES.size, size=person.size, p=CITY_SHARE)]
    period_city = np.where(is_last, MAINLAND_CITIES[city[person]], earlier_city)
    period_city = np.where(
        mainland, period_city, np.where(home == "HK", vocabulary.SAR_CITY_OF["HK"], vocabulary.SAR_CITY_OF["MO"])
    )
    growth = 0.6 + 0.4 * (start - career_start[person]) / np.maximum(span, 1)
    contribution_wage = wage[person] * growth
    bounded = np.clip(contribution_wage, 0.6 * GD_AVERAGE_WAGE, 3.0 * GD_AVERAGE_WAGE)
    factor = np.select([scheme == "hk_mpf", scheme == "mo_fss"], list(CURRENCY_FACTOR.values()), 1.0)
    contribution_wage = np.where(mainland, bounded, contribution_wage * factor)
    return (
        pl.DataFrame(
            {
                "person": person,
                "city": period_city,
                "scheme": scheme,
                "start": _as_dates(start),
                "end": _as_dates(end),
                "ongoing": ongoing,
                "monthly_wage": np.round(contribution_wage, 0),
            }
        )
        .with_columns(end=pl.when(pl.col("ongoing")).then(None).otherwise(pl.col("end")))
        .drop("ongoing")
    )
