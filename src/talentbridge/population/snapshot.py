"""A columnar Parquet snapshot of persons with licence and contribution aggregates, streamed in batches.

Each batch of persons is read by id range (runs occupy contiguous id blocks), aggregated with polars
and written as one part file; polars then streams the parts into the single output file, so memory
stays bounded by the batch size whatever the population size.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import polars as pl
from django.db.models import Max, Min

from talentbridge.population.models import ContributionPeriod, Licence, Person, PopulationRun

SNAPSHOT_BATCH = 100_000
DAYS_PER_MONTH = 30.4375
SNAPSHOT_COLUMNS = (
    "person_id", "run_id", "number", "residence", "sex", "birth_date", "age", "education",
    "professional_title", "work_city", "employer_id", "monthly_wage", "has_account",
    "licence_count", "main_profession", "max_years_of_practice", "contribution_periods",
    "contribution_months", "mainland_contribution_months", "hong_kong_contribution_months",
    "macao_contribution_months", "current_contribution_wage", "first_contribution", "contributing_now",
)  # fmt: skip


def _frame(rows: list[tuple[object, ...]], schema: Mapping[str, pl.DataType | type[pl.DataType]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema, orient="row")


def _persons(lo: int, hi: int, run_id: int | None) -> pl.DataFrame:
    people = Person.objects.filter(id__gte=lo, id__lt=hi)
    if run_id is not None:
        people = people.filter(run_id=run_id)
    columns = ("id", "run_id", "number", "residence", "sex", "birth_date", "education", "professional_title")
    more = ("work_city__code", "employer_id", "monthly_wage", "user_id", "run__as_of")
    rows = list(people.order_by("id").values_list(*columns, *more))
    schema = {
        "person_id": pl.Int64, "run_id": pl.Int64, "number": pl.Int64, "residence": pl.String, "sex": pl.String,
        "birth_date": pl.Date, "education": pl.String, "professional_title": pl.String, "work_city": pl.String,
        "employer_id": pl.Int64, "monthly_wage": pl.Float64, "user_id": pl.Int64, "as_of": pl.Date,
    }  # fmt: skip
    return _frame([(*r[:10], float(r[10]), *r[11:]) for r in rows], schema)


def _licence_aggregates(lo: int, hi: int) -> pl.DataFrame:
    rows = Licence.objects.filter(person_id__gte=lo, person_id__lt=hi).values_list(
        "person_id", "profession__code", "years_of_practice"
    )
    licences = _frame(list(rows), {"person_id": pl.Int64, "profession": pl.String, "years": pl.Int64})
    return licences.group_by("person_id").agg(
        licence_count=pl.len().cast(pl.Int64),
        main_profession=pl.col("profession").sort_by("years", descending=True).first(),
        max_years_of_practice=pl.col("years").max(),
    )


def _contribution_aggregates(lo: int, hi: int, as_of: dt.date) -> pl.DataFrame:
    rows = ContributionPeriod.objects.filter(person_id__gte=lo, person_id__lt=hi).values_list(
        "person_id", "scheme", "start", "end", "monthly_wage"
    )
    periods = _frame(
        [(*r[:4], float(r[4])) for r in rows],
        {"person_id": pl.Int64, "scheme": pl.String, "start": pl.Date, "end": pl.Date, "wage": pl.Float64},
    ).with_columns(months=((pl.col("end").fill_null(as_of) - pl.col("start")).dt.total_days() / DAYS_PER_MONTH).floor())

    def months_in(prefix: str) -> pl.Expr:
        return pl.col("months").filter(pl.col("scheme").str.starts_with(prefix)).sum().cast(pl.Int64)

    return periods.group_by("person_id").agg(
        contribution_periods=pl.len().cast(pl.Int64),
        contribution_months=pl.col("months").sum().cast(pl.Int64),
        mainland_contribution_months=months_in("gd_"),
        hong_kong_contribution_months=months_in("hk_"),
        macao_contribution_months=months_in("mo_"),
        current_contribution_wage=pl.col("wage").sort_by("start").last(),
        first_contribution=pl.col("start").min(),
        contributing_now=pl.col("end").is_null().any(),
    )


def snapshot_batches(*, run_id: int | None = None, batch_size: int = SNAPSHOT_BATCH) -> Iterator[pl.DataFrame]:
    """The snapshot, one frame of at most `batch_size` persons at a time, in person order."""
    people = Person.objects.all() if run_id is None else Person.objects.filter(run_id=run_id)
    bounds = people.aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        return
    for lo in range(bounds["lo"], bounds["hi"] + 1, batch_size):
        persons = _persons(lo, lo + batch_size, run_id)
        if persons.height == 0:
            continue
        as_of = persons["as_of"][0]
        yield (
            persons.join(_licence_aggregates(lo, lo + batch_size), on="person_id", how="left")
            .join(_contribution_aggregates(lo, lo + batch_size, as_of), on="person_id", how="left")
            .with_columns(
                age=(pl.col("as_of").dt.year() - pl.col("birth_date").dt.year())
                - (pl.col("as_of").dt.ordinal_day() < pl.col("birth_date").dt.ordinal_day()).cast(pl.Int32),
                has_account=pl.col("user_id").is_not_null(),
                licence_count=pl.col("licence_count").fill_null(0),
                contribution_periods=pl.col("contribution_periods").fill_null(0),
                contribution_months=pl.col("contribution_months").fill_null(0),
            )
            .select(SNAPSHOT_COLUMNS)
        )


def snapshot_count(*, run_id: int | None = None) -> int:
    return (Person.objects.all() if run_id is None else Person.objects.filter(run_id=run_id)).count()


def snapshot_write(
    path: str | Path,
    *,
    run_id: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = SNAPSHOT_BATCH,
) -> int:
    """Write the snapshot (of one run, or of every person) to a Parquet file; returns the row count."""
    if run_id is not None and not PopulationRun.objects.filter(pk=run_id).exists():
        raise ValueError(f"no population run {run_id}")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with tempfile.TemporaryDirectory(dir=target.parent) as parts:
        for index, frame in enumerate(snapshot_batches(run_id=run_id, batch_size=batch_size)):
            frame.write_parquet(Path(parts) / f"part-{index:06d}.parquet")
            rows += frame.height
            if on_progress:
                on_progress(rows)
        if rows:
            pl.scan_parquet(Path(parts) / "*.parquet").sink_parquet(target)
        else:
            pl.DataFrame(schema=dict.fromkeys(SNAPSHOT_COLUMNS, pl.String)).write_parquet(target)
    return rows
