"""Generate a synthetic population into the database, batch by batch, with bulk writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import polars as pl
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.casework.models import Application, AuditEvent, Decision, InfoRequest, Verification
from talentbridge.core import clock
from talentbridge.core.businessdays import add_business_days
from talentbridge.population.bulk import reserve_ids, write_frame
from talentbridge.population.cases import SYNTHETIC_DOMAIN, CaseContext, cases_generate
from talentbridge.population.models import ContributionPeriod, Licence, Person, PopulationRun
from talentbridge.population.persons import (
    BATCH_SIZE,
    CASE_STREAM,
    CITY_SHARE,
    EMPLOYER_STREAM,
    MAINLAND_CITIES,
    batch_rng,
    persons_batch,
)
from talentbridge.reference.models import Authority, City, Profession
from talentbridge.reference.selectors import work_calendar_for

DEFAULT_AS_OF = dt.date(2025, 7, 1)  # fixed, so that a seed means the same data on any day
PERSONS_PER_EMPLOYER = 200
EMPLOYER_WORDS = (
    np.array(["Pearl River", "Greater Bay", "Lingnan", "Harbour", "Southern", "Qianhai", "Hengqin", "Nansha"]),
    np.array(["Engineering", "Medical", "Legal", "Technology", "Design", "Logistics", "Education", "Finance"]),
    np.array(["Co., Ltd.", "Group", "Partners", "Institute", "Centre"]),
)
EMPLOYER_KINDS = np.array(Organisation.Kind.values)
EMPLOYER_KIND_SHARE = [0.70, 0.08, 0.08, 0.08, 0.03, 0.03]


def _ids(model: type[City] | type[Profession] | type[Authority]) -> dict[str, int]:
    return dict(model.objects.values_list("code", "id"))


def _employers(seed: int, persons: int, city_ids: dict[str, int]) -> tuple[pl.DataFrame, np.ndarray]:
    """Employers in the nine cities, in proportion to where people work; ids laid out city by city."""
    rng = batch_rng(seed, EMPLOYER_STREAM, 0)
    per_city = np.maximum(3, np.round(persons / PERSONS_PER_EMPLOYER * CITY_SHARE)).astype(np.int64)
    total = int(per_city.sum())
    city = np.repeat(MAINLAND_CITIES, per_city)
    words = [w[rng.integers(0, w.size, size=total)] for w in EMPLOYER_WORDS]
    name = np.char.add(np.char.add(np.char.add(words[0], " "), words[1]), np.char.add(" ", words[2]))
    serial = pl.Series(np.arange(total)).cast(pl.String).str.pad_start(6, "0")
    frame = pl.DataFrame(
        {
            "name": np.char.add(np.char.add(name, " "), np.char.capitalize(city.astype(str))),
            "kind": EMPLOYER_KINDS[rng.choice(EMPLOYER_KINDS.size, size=total, p=EMPLOYER_KIND_SHARE)],
            "city_id": [city_ids[c] for c in city],
            "serial": serial,
        }
    ).with_columns(
        name=pl.concat_str([pl.col("name"), pl.lit(" "), pl.col("serial")]),
        unified_social_credit_code=pl.concat_str([pl.lit("91440000SYN"), pl.col("serial")]),
    )
    return frame, per_city


def staff_create(run: PopulationRun) -> dict[str, tuple[int, int]]:
    """Two synthetic reviewers at every authority, so four-eyes decisions have two distinct people."""
    unusable = make_password(None)
    authorities = list(Authority.objects.order_by("code"))
    users = [
        User(
            email=f"reviewer{k}.{authority.code.lower()}.r{run.pk}@{SYNTHETIC_DOMAIN}",
            full_name=f"Reviewer {k} {authority.code}",
            role=Role.REVIEWER,
            authority=authority,
            password=unusable,
        )
        for authority in authorities
        for k in (1, 2)
    ]
    created = User.objects.bulk_create(users)
    pairs = zip(authorities, created[::2], created[1::2], strict=True)
    return {authority.code: (first.pk, second.pk) for authority, first, second in pairs}


def _mapped(column: str, mapping: dict[str, int]) -> pl.Expr:
    return pl.col(column).replace_strict(mapping, return_dtype=pl.Int64)


def _person_rows(
    batch: pl.DataFrame, run: PopulationRun, ids: dict[str, dict[str, int]], bases: dict[str, int]
) -> pl.DataFrame:
    return batch.select(
        id=pl.int_range(0, pl.len(), dtype=pl.Int64) + bases["person"],
        run_id=pl.lit(run.pk, dtype=pl.Int64),
        number=pl.col("number"),
        residence=pl.col("residence"),
        sex=pl.col("sex"),
        birth_date=pl.col("birth_date"),
        education=pl.col("education"),
        professional_title=pl.col("professional_title"),
        work_city_id=_mapped("work_city", ids["city"]),
        employer_id=pl.when(pl.col("employer_index") >= 0).then(pl.col("employer_id")),
        monthly_wage=pl.col("monthly_wage").cast(pl.Decimal(10, 2)),
        user_id=pl.col("user_id"),
    )


def _write_batch(
    seed: int,
    batch: int,
    count: int,
    run: PopulationRun,
    ids: dict[str, dict[str, int]],
    employer_offsets: tuple[int, np.ndarray, pl.DataFrame],
    context: CaseContext,
) -> None:
    org_base, city_offset, employers = employer_offsets
    generated = persons_batch(seed, batch, count, run.as_of, np.diff(np.append(city_offset, employers.height)))
    city_index = {c: i for i, c in enumerate(MAINLAND_CITIES)}
    persons = generated.persons.with_columns(
        employer_id=pl.col("work_city")
        .replace_strict(city_index, return_dtype=pl.Int64)
        .map_batches(lambda s: pl.Series(city_offset[s.to_numpy()]))
        + pl.col("employer_index")
        + org_base,
    )
    selected = batch_rng(seed, CASE_STREAM, batch).random(count) < run.applications_share
    first_licence = generated.licences.unique("person", keep="first", maintain_order=True).rename(
        {"number": "licence_number"}
    )
    applicants = (
        persons.with_row_index("person")
        .filter(pl.Series(selected))
        .with_columns(pl.col("person").cast(pl.Int64))
        .join(first_licence, on="person", how="left")
        .join(employers.select(employer_id="id", employer_name="name"), on="employer_id", how="left")
        .with_columns(employer_name=pl.when(pl.col("employer_index") >= 0).then(pl.col("employer_name")))
        .sort("person")
    )
    bases = {"person": reserve_ids(Person, count)}
    user_base = reserve_ids(User, applicants.height) if applicants.height else 0
    application_base = reserve_ids(Application, applicants.height) if applicants.height else 0
    cases = cases_generate(batch_rng(seed, CASE_STREAM + 1, batch), applicants, context, user_base, application_base)
    user_of_person = np.full(count, -1, dtype=np.int64)
    user_of_person[applicants["person"].to_numpy()] = user_base + np.arange(applicants.height)
    persons = persons.with_columns(user_id=pl.Series(user_of_person)).with_columns(
        user_id=pl.when(pl.col("user_id") >= 0).then(pl.col("user_id"))
    )
    person_id = pl.col("person") + bases["person"]
    with transaction.atomic():
        write_frame(User, cases.users)
        write_frame(Person, _person_rows(persons, run, ids, bases))
        write_frame(
            Licence,
            generated.licences.select(
                person_id=person_id,
                profession_id=_mapped("profession", ids["profession"]),
                issuing_body_id=_mapped("issuing_body", ids["authority"]),
                number=pl.col("number"),
                issued_on=pl.col("issued_on"),
                years_of_practice=pl.col("years_of_practice"),
            ),
        )
        write_frame(
            ContributionPeriod,
            generated.contributions.select(
                person_id=person_id,
                city_id=_mapped("city", ids["city"]),
                scheme=pl.col("scheme"),
                start=pl.col("start"),
                end=pl.col("end"),
                monthly_wage=pl.col("monthly_wage").cast(pl.Decimal(10, 2)),
            ),
        )
        write_frame(Application, cases.applications)
        write_frame(AuditEvent, cases.events)
        write_frame(Decision, cases.decisions)
        write_frame(InfoRequest, cases.info_requests)
        write_frame(Verification, cases.verifications)


def population_generate(
    *,
    persons: int,
    seed: int,
    applications_share: float = 0.05,
    as_of: dt.date = DEFAULT_AS_OF,
    on_progress: Callable[[int], None] | None = None,
) -> PopulationRun:
    """Generate `persons` people (and a share of them with accounts and cases); same seed, same data."""
    if persons < 1 or not 0.0 <= applications_share <= 1.0:
        raise ValueError("persons must be positive and applications_share between 0 and 1")
    ids = {"city": _ids(City), "profession": _ids(Profession), "authority": _ids(Authority)}
    run = PopulationRun.objects.create(
        seed=seed, persons=persons, applications_share=applications_share, as_of=as_of, created_at=clock.now()
    )
    employers, per_city = _employers(seed, persons, ids["city"])
    org_base = reserve_ids(Organisation, employers.height)
    employers = employers.with_columns(id=pl.int_range(0, pl.len(), dtype=pl.Int64) + org_base)
    write_frame(Organisation, employers)
    calendar = work_calendar_for("GD")
    context = CaseContext(
        run_id=run.pk,
        as_of=as_of,
        authority_ids=ids["authority"],
        staff=staff_create(run),
        deadline_after=lambda day, days: add_business_days(day, days, calendar),
    )
    city_offset = np.concatenate([[0], np.cumsum(per_city)[:-1]])
    for batch, start in enumerate(range(0, persons, BATCH_SIZE)):
        count = min(BATCH_SIZE, persons - start)
        _write_batch(seed, batch, count, run, ids, (org_base, city_offset, employers), context)
        if on_progress:
            on_progress(count)
    tables_analyze()
    run.finished_at = clock.now()
    run.save(update_fields=["finished_at"])
    return run


def tables_analyze() -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load, as autovacuum may not have yet."""
    if connection.vendor != "postgresql":
        return
    models = (Person, Licence, ContributionPeriod, Organisation, User, Application, AuditEvent, Decision)
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
