"""The rules kernel's inputs derived from generated persons, licences and contribution periods.

One function, `rules_inputs`, turns a batch of persons (with their licences and contribution
periods) into the columns of `talentbridge.rules.simulate.SNAPSHOT_COLUMNS`. Facts the generator
records are carried over (city, education, licences, contribution wages and months); facts it does
not record (permanent residence, citizenship, discipline, talent category, job loss, injuries) are
drawn with plausible, not official, shares. Every draw is a hash of (run seed, person number,
stream), so a person gets the same values whatever the batch size or the order of reading.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import polars as pl
from numpy.typing import NDArray

from talentbridge import vocabulary
from talentbridge.insurance.aggregation import personal_account_rate
from talentbridge.population.persons import CURRENCY_FACTOR, GD_AVERAGE_WAGE
from talentbridge.rules.categories import WorkCity
from talentbridge.rules.simulate import SNAPSHOT_COLUMNS
from talentbridge.rules.system import rulebook

# Reference profession -> the kernel's practice field, reference residence -> the kernel's home SAR, recorded
# education -> the kernel's level: the vocabulary's tables. Any other profession maps to `none`.
PROFESSION_FIELD: dict[str, str] = vocabulary.PRACTICE_FIELD_OF
HOME_JURISDICTION: dict[str, str] = vocabulary.HOME_JURISDICTION_OF
# The kernel has no "not applicable" home SAR: mainland persons take its default, and their
# practice field is `none`, so no pathway ever reads it.
MAINLAND_HOME_JURISDICTION = "hong_kong"
EDUCATION_LEVEL: dict[str, str] = vocabulary.EDUCATION_LEVEL_OF
HIGH_TITLES = ("associate_senior", "senior")  # 副高 and 正高
CADRE_EDUCATION = ("bachelor", "master", "doctorate")
PENSION_SCHEMES = ("gd_employee", "gd_flexible")  # flexible workers join pension, not unemployment
EMPLOYEE_SCHEME = "gd_employee"

# Shares drawn per person [synthetic, plausible]. Keys name the draw streams.
SHARES_BY_RESIDENCE: dict[str, dict[str, float]] = {
    "permanent_resident": {"HK": 0.92, "MO": 0.88},
    "chinese_citizen": {"HK": 0.93, "MO": 0.95},
}
SHARES: dict[str, float] = {
    "licence_current": 0.97,
    "disciplinary_record": 0.02,
    "outstanding": 0.03,  # of 正高 mainland talents
    "legal": 0.15,  # of mainland lawyers with a title: arbitrators and mediators on the official lists
    "other_talent": 0.35,  # of 副高/正高 at firms: recognised by talent or science authorities
    "eep": 0.80,
    "hetao": 0.03,  # of people working in Shenzhen outside Qianhai
    "job_loss": 0.45,  # of people not contributing now
    "job_seeker_after_loss": 0.75,
    "job_seeker_otherwise": 0.10,
    "injury": 0.01,  # of people with employee contributions
    "work_arranged": 0.50,
}
# Special zones by work city: (zone, cumulative share) drawn in order; the rest practise in the nine cities.
ZONES_BY_CITY = {
    "shenzhen": (("qianhai", 0.15),),
    "zhuhai": (("hengqin", 0.20),),
    "guangzhou": (("nansha", 0.12), ("huangpu", 0.20)),
}
MACAO_HENGQIN_SHARE = 0.45  # Macao residents working in Zhuhai favour Hengqin
# Relative frequency of disability grades 1 (most severe) .. 10 among the injured.
GRADE_WEIGHTS = np.array([1, 1, 2, 2, 3, 4, 6, 10, 15, 20], dtype=np.float64)
STREAMS = {name: position for position, name in enumerate((*SHARES_BY_RESIDENCE, *SHARES, "zone", "grade"))}

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(x: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """SplitMix64's finaliser: a bijective scramble of 64-bit integers (wrapping arithmetic)."""
    x = x + _GOLDEN
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def draw(seed: NDArray[np.int64], number: NDArray[np.int64], stream: str) -> NDArray[np.float64]:
    """A uniform number in [0, 1) per person, a pure function of (seed, person number, stream)."""
    key = _mix(seed.astype(np.uint64) * _GOLDEN + np.uint64(STREAMS[stream]))
    bits = _mix(key ^ number.astype(np.uint64))
    return (bits >> np.uint64(11)).astype(np.float64) * 2.0**-53


@functools.cache
def kernel_constants(as_of: dt.date) -> tuple[float, dict[str, float]]:
    """The pension calculation base and each city's minimum wage in force on `as_of`, from the kernel."""
    parameters = rulebook().parameters(as_of.isoformat())
    minimum_wage = parameters.insurance.minimum_wage
    cities = list(WorkCity.__members__)
    return float(parameters.insurance.pension.calculation_base), {c: float(minimum_wage[c]) for c in cities}


def _months_between(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Whole calendar months from `start` to `end` (a month counts once its day of month is reached)."""
    months = (end.dt.year() - start.dt.year()) * 12 + end.dt.month().cast(pl.Int32) - start.dt.month().cast(pl.Int32)
    return (months - (end.dt.day() < start.dt.day()).cast(pl.Int32)).clip(lower_bound=0)


def _practice(persons: pl.DataFrame, licences: pl.DataFrame) -> pl.DataFrame:
    """Per SAR licence holder: the licence that counts (a mapped field first, then most years)."""
    held = (
        licences.join(persons.select("person_id", "residence"), on="person_id", how="inner")
        .filter(pl.col("residence").is_in(list(HOME_JURISDICTION)))
        .with_columns(field=pl.col("profession").replace_strict(PROFESSION_FIELD, default="none"))
        .sort(["person_id", pl.col("field") == "none", "years", "profession"], descending=[False, False, True, False])
    )
    return held.unique("person_id", keep="first", maintain_order=True).select(
        "person_id",
        practice_field="field",
        years_of_practice=pl.col("years").cast(pl.Float64),
        has_licence=pl.lit(True),
    )


def _mainland_licences(persons: pl.DataFrame, licences: pl.DataFrame) -> pl.DataFrame:
    """Per mainland person: whether they hold a mainland lawyer's or doctor's licence."""
    fields = licences.join(persons.select("person_id", "residence"), on="person_id", how="inner").filter(
        pl.col("residence") == "GD"
    )
    field = pl.col("profession").replace_strict(PROFESSION_FIELD, default="none")
    return fields.group_by("person_id").agg(
        mainland_lawyer=(field == "lawyer").any(), mainland_doctor=(field == "doctor").any()
    )


def _account_rates(periods: pl.DataFrame) -> pl.Expr:
    """Per period: the kernel's personal-account rate in force in its first month (no interest credited)."""
    rates = {start: personal_account_rate(start.replace(day=1)) for start in periods["start"].unique().to_list()}
    return pl.col("start").replace_strict(rates, default=None, return_dtype=pl.Float64)


def _contributions(persons: pl.DataFrame, periods: pl.DataFrame) -> pl.DataFrame:
    """Per person: pension and unemployment months, contribution index, account balance, latest wage."""
    months = _months_between(pl.col("start"), pl.col("end").fill_null(pl.col("as_of")))
    dated = (
        periods.join(persons.select("person_id", "as_of"), on="person_id", how="inner")
        .sort(["person_id", "start"])
        .with_columns(
            months=months,
            pension=pl.col("scheme").is_in(PENSION_SCHEMES),
            employee=pl.col("scheme") == EMPLOYEE_SCHEME,
            account_rate=_account_rates(periods),
        )
    )
    pension_months = pl.col("months").filter(pl.col("pension"))
    pension_wages = pl.col("wage").filter(pl.col("pension"))
    return dated.group_by("person_id").agg(
        pension_months=pension_months.sum(),
        index_months=(pension_months * pension_wages / GD_AVERAGE_WAGE).sum(),
        account=(pension_months * pension_wages * pl.col("account_rate").filter(pl.col("pension"))).sum(),
        unemployment_months=pl.col("months").filter(pl.col("employee")).sum(),
        employee_wage=pl.col("wage").filter(pl.col("employee")).last(),
        contributing_now=pl.col("end").is_null().any(),
    )


def _retirement_age_months() -> pl.Expr:
    """Statutory retirement age in months under the reform from 1 Jan 2025, by sex, cadre status and birth month.

    Men 60 -> 63 and female cadres 55 -> 58 by one month per four months of birth from 1965 and 1970;
    female workers 50 -> 55 by one month per two months of birth from 1975.
    """
    born = pl.col("birth_date").dt.year() * 12 + pl.col("birth_date").dt.month().cast(pl.Int32) - 1

    def delayed(base_years: int, from_year: int, every: int, most: int) -> pl.Expr:
        since = born - from_year * 12
        extra = pl.when(since >= 0).then((since // every + 1).clip(upper_bound=most)).otherwise(0)
        return base_years * 12 + extra

    cadre = pl.col("education").is_in(CADRE_EDUCATION) | pl.col("professional_title").is_in(
        ["intermediate", *HIGH_TITLES]
    )
    return (
        pl.when(pl.col("sex") == "M")
        .then(delayed(60, 1965, 4, 36))
        .when(cadre)
        .then(delayed(55, 1970, 4, 36))
        .otherwise(delayed(50, 1975, 2, 60))
    )


def _draws(persons: pl.DataFrame) -> pl.DataFrame:
    seed, number = persons["seed"].to_numpy(), persons["number"].to_numpy()
    return pl.DataFrame({f"u_{name}": draw(seed, number, name) for name in STREAMS})


def _zone(u: pl.Expr) -> pl.Expr:
    zone = pl.lit("nine_cities")
    for city, zones in ZONES_BY_CITY.items():
        for name, upto in reversed(zones):
            share = pl.lit(upto)
            if name == "hengqin":
                share = pl.when(pl.col("residence") == "MO").then(MACAO_HENGQIN_SHARE).otherwise(upto)
            zone = pl.when((pl.col("work_city") == city) & (u < share)).then(pl.lit(name)).otherwise(zone)
    return zone


def _talent_category() -> pl.Expr:
    high = pl.col("professional_title").is_in(HIGH_TITLES)
    kind = pl.col("employer_kind")
    titled = pl.col("professional_title").is_in(["intermediate", *HIGH_TITLES])
    category = (
        pl.when(pl.col("residence") != "GD")
        .then(pl.lit("none"))
        .when((pl.col("professional_title") == "senior") & (pl.col("u_outstanding") < SHARES["outstanding"]))
        .then(pl.lit("outstanding"))
        .when(high & (kind == "research_institute"))
        .then(pl.lit("research"))
        .when(high & (kind == "university"))
        .then(pl.lit("culture_education"))
        .when(high & ((kind == "hospital") | pl.col("mainland_doctor")))
        .then(pl.lit("health"))
        .when(titled & pl.col("mainland_lawyer") & (pl.col("u_legal") < SHARES["legal"]))
        .then(pl.lit("legal"))
        .when(high & kind.is_not_null() & (pl.col("u_other_talent") < SHARES["other_talent"]))
        .then(pl.lit("other"))
        .otherwise(pl.lit("none"))
    )
    return category


def _by_residence(share: dict[str, float], u: pl.Expr) -> pl.Expr:
    return u < pl.col("residence").replace_strict(share, default=0.0, return_dtype=pl.Float64)


def _disability_grade(u_injury: pl.Expr, u_grade: pl.Expr, injured_base: pl.Expr) -> pl.Expr:
    cumulative = np.cumsum(GRADE_WEIGHTS) / GRADE_WEIGHTS.sum()
    grade = pl.lit(10, dtype=pl.Int32)
    for position in reversed(range(len(cumulative) - 1)):
        grade = (
            pl.when(u_grade < float(cumulative[position])).then(pl.lit(position + 1, dtype=pl.Int32)).otherwise(grade)
        )
    return pl.when(injured_base & (u_injury < SHARES["injury"])).then(grade).otherwise(pl.lit(0, dtype=pl.Int32))


def _kernel_constants(persons: pl.DataFrame) -> pl.DataFrame:
    """Per distinct `as_of`: the calculation base and each city's minimum wage, as join tables."""
    rows = []
    for as_of in persons["as_of"].unique().to_list():
        base, minimum = kernel_constants(as_of)
        rows += [(as_of, city, base, wage) for city, wage in minimum.items()]
    return pl.DataFrame(
        rows,
        schema={"as_of": pl.Date, "work_city": pl.String, "calculation_base": pl.Float64, "minimum_wage": pl.Float64},
        orient="row",
    )


def rules_inputs(persons: pl.DataFrame, licences: pl.DataFrame, periods: pl.DataFrame) -> pl.DataFrame:
    """`person_id`, `residence` and every rules input column, in `SNAPSHOT_COLUMNS` order and types.

    persons: person_id, number, seed, as_of, residence, sex, birth_date, education, professional_title,
    work_city, employer_kind, monthly_wage; licences: person_id, profession, years;
    periods: person_id, scheme, start, end, wage.
    """
    frame = (
        pl.concat([persons, _draws(persons)], how="horizontal")
        .join(_practice(persons, licences), on="person_id", how="left")
        .join(_mainland_licences(persons, licences), on="person_id", how="left")
        .join(_contributions(persons, periods), on="person_id", how="left")
        .join(_kernel_constants(persons), on=["as_of", "work_city"], how="left")
        .with_columns(
            pl.col("has_licence", "mainland_lawyer", "mainland_doctor", "contributing_now").fill_null(False),
            pl.col("practice_field").fill_null("none"),
            pl.col("years_of_practice", "pension_months", "index_months", "account", "unemployment_months")
            .fill_null(0)
            .cast(pl.Float64),
        )
    )
    sar = pl.col("residence").is_in(list(HOME_JURISDICTION))
    job_loss = ~pl.col("contributing_now") & (pl.col("u_job_loss") < SHARES["job_loss"])
    seeker_share = pl.when(job_loss).then(SHARES["job_seeker_after_loss"]).otherwise(SHARES["job_seeker_otherwise"])
    grade = _disability_grade(pl.col("u_injury"), pl.col("u_grade"), pl.col("unemployment_months") > 0)
    frame = frame.with_columns(
        practice_field=pl.when(sar).then(pl.col("practice_field")).otherwise(pl.lit("none")),
        practice_zone=_zone(pl.col("u_zone")),
        home_jurisdiction=pl.col("residence").replace_strict(HOME_JURISDICTION, default=MAINLAND_HOME_JURISDICTION),
        holds_home_licence=pl.col("has_licence") & (pl.col("u_licence_current") < SHARES["licence_current"]),
        is_permanent_resident=_by_residence(SHARES_BY_RESIDENCE["permanent_resident"], pl.col("u_permanent_resident")),
        is_chinese_citizen=~sar | _by_residence(SHARES_BY_RESIDENCE["chinese_citizen"], pl.col("u_chinese_citizen")),
        has_disciplinary_record=pl.col("has_licence")
        & (pl.col("u_disciplinary_record") < SHARES["disciplinary_record"]),
        talent_category=_talent_category(),
        holds_valid_eep=(pl.col("residence") == "GD") & (pl.col("u_eep") < SHARES["eep"]),
        pension_calculation_base=pl.col("calculation_base"),
        average_contribution_index=pl.when(pl.col("pension_months") > 0)
        .then((pl.col("index_months") / pl.col("pension_months")).round(4))
        .otherwise(1.0),
        contribution_years=(pl.col("pension_months") / 12.0).round(4),
        personal_account_balance=pl.col("account").round(2),
        retirement_age_months=_retirement_age_months(),
        unemployment_contribution_months=pl.col("unemployment_months"),
        involuntary_job_loss=job_loss,
        registered_as_job_seeker=~pl.col("contributing_now") & (pl.col("u_job_seeker_after_loss") < seeker_share),
        local_minimum_wage=pl.col("minimum_wage"),
        disability_grade=grade,
        pre_injury_average_wage=pl.col("employee_wage").fill_null(0.0),
        local_average_wage=pl.lit(GD_AVERAGE_WAGE),
        employer_arranges_work=(grade > 0) & (pl.col("u_work_arranged") < SHARES["work_arranged"]),
        age=pl.col("as_of").dt.year()
        - pl.col("birth_date").dt.year()
        - (
            (pl.col("as_of").dt.month() < pl.col("birth_date").dt.month())
            | (
                (pl.col("as_of").dt.month() == pl.col("birth_date").dt.month())
                & (pl.col("as_of").dt.day() < pl.col("birth_date").dt.day())
            )
        ).cast(pl.Int32),
        education_level=pl.col("education").replace_strict(EDUCATION_LEVEL),
        is_hong_kong_graduate=(pl.col("residence") == "HK") & (pl.col("education") != "secondary"),
        offered_monthly_salary_hkd=(pl.col("monthly_wage") * CURRENCY_FACTOR["hk_mpf"]).round(0),
    ).with_columns(
        works_in_hetao_shenzhen_park=(pl.col("work_city") == "shenzhen")
        & (pl.col("practice_zone") == "nine_cities")
        & (pl.col("u_hetao") < SHARES["hetao"]),
    )
    return frame.select(
        pl.col("person_id").cast(pl.Int64),
        pl.col("residence").cast(pl.String),
        *(pl.col(name).cast(dtype) for name, dtype in SNAPSHOT_COLUMNS.items()),
    )
