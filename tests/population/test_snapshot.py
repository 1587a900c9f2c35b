"""The Parquet snapshot in the rules kernel's schema, and its background export."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.test import override_settings

from talentbridge.accounts.models import Role, User
from talentbridge.core.errors import Forbidden
from talentbridge.core.models import TaskProgress
from talentbridge.population.generate import population_generate
from talentbridge.population.models import ContributionPeriod, Licence, Person, PopulationRun
from talentbridge.population.rules_inputs import PROFESSION_FIELD
from talentbridge.population.services import snapshot_export_start, snapshot_latest
from talentbridge.population.snapshot import SNAPSHOT_SCHEMA, snapshot_write
from talentbridge.population.tasks import export_snapshot
from talentbridge.rules.categories import ENUMS
from talentbridge.rules.contract import NON_NEGATIVE_UNITS, RANGES
from talentbridge.rules.simulate import SNAPSHOT_COLUMNS, simulate
from talentbridge.rules.system import rulebook

LAWYER_MINIMUM = "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"


def _snapshot(run: PopulationRun, path: Path, batch_size: int = 100_000) -> pl.DataFrame:
    snapshot_write(path, run_id=run.pk, batch_size=batch_size)
    return pl.read_parquet(path)


def _whole_months(start: dt.date, end: dt.date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day))


def test_snapshot_has_exactly_the_rules_schema_with_one_row_per_person(
    population: PopulationRun, tmp_path: Path
) -> None:
    path = tmp_path / "snapshot.parquet"

    rows = snapshot_write(path, run_id=population.pk, batch_size=64)

    frame = pl.read_parquet(path)
    assert rows == frame.height == 300
    assert frame.schema == pl.Schema(SNAPSHOT_SCHEMA)
    assert list(frame.columns) == ["person_id", "residence", *SNAPSHOT_COLUMNS]
    assert frame["person_id"].is_sorted()
    assert frame["person_id"].to_list() == list(population.people.order_by("id").values_list("id", flat=True))


def test_every_value_lies_in_its_variable_domain(population: PopulationRun, tmp_path: Path) -> None:
    frame = _snapshot(population, tmp_path / "snapshot.parquet")

    variables = rulebook().variables
    for name in SNAPSHOT_COLUMNS:
        column = frame[name]
        assert column.null_count() == 0, name
        if name in ENUMS:
            assert set(column.cast(pl.String)) <= set(ENUMS[name].__members__), name
            continue
        if column.dtype == pl.Boolean:
            continue
        low, high = RANGES.get(name, (0 if variables[name].unit in NON_NEGATIVE_UNITS else None, None))
        assert low is None or column.min() >= low, name  # type: ignore[operator]
        assert high is None or column.max() <= high, name  # type: ignore[operator]
    assert set(frame["disability_grade"]) <= set(range(11))
    assert (frame["disability_grade"] == 0).mean() > 0.9  # type: ignore[operator]
    assert set(frame["residence"]) == {"HK", "MO", "GD"}


def test_inputs_follow_the_generated_persons_licences_and_contributions(
    population: PopulationRun, tmp_path: Path
) -> None:
    frame = _snapshot(population, tmp_path / "snapshot.parquet", batch_size=50)
    rows = {row["person_id"]: row for row in frame.iter_rows(named=True)}
    licences: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for person_id, profession, years in Licence.objects.values_list(
        "person_id", "profession__code", "years_of_practice"
    ):
        licences[person_id].append((profession, years))
    months: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for person_id, scheme, start, end in ContributionPeriod.objects.values_list("person_id", "scheme", "start", "end"):
        months[person_id][scheme] += _whole_months(start, end or population.as_of)

    for person in Person.objects.filter(run=population).select_related("work_city", "employer"):
        row = rows[person.pk]
        assert (row["residence"], row["work_city"]) == (person.residence, person.work_city.code)
        birthday_passed = (population.as_of.month, population.as_of.day) >= (
            person.birth_date.month,
            person.birth_date.day,
        )
        assert row["age"] == population.as_of.year - person.birth_date.year - (not birthday_passed)
        pension = months[person.pk]["gd_employee"] + months[person.pk]["gd_flexible"]
        assert row["contribution_years"] == round(pension / 12, 4)
        assert row["unemployment_contribution_months"] == months[person.pk]["gd_employee"]
        if person.residence == "GD":
            assert (row["practice_field"], row["years_of_practice"], row["holds_home_licence"]) == ("none", 0.0, False)
            assert (row["is_permanent_resident"], row["is_chinese_citizen"]) == (False, True)
            if person.professional_title in {"associate_senior", "senior"} and person.employer:
                kind = person.employer.kind
                if kind in {"research_institute", "university", "hospital"}:
                    expected = {"research_institute": "research", "university": "culture_education"}.get(kind, "health")
                    assert row["talent_category"] in {expected, "outstanding"}
            continue
        assert row["home_jurisdiction"] == {"HK": "hong_kong", "MO": "macao"}[person.residence]
        assert (row["talent_category"], row["holds_valid_eep"]) == ("none", False)
        held = sorted(licences[person.pk], key=lambda lic: (PROFESSION_FIELD.get(lic[0]) is None, -lic[1], lic[0]))
        field, years = (PROFESSION_FIELD.get(held[0][0], "none"), float(held[0][1])) if held else ("none", 0.0)
        assert (row["practice_field"], row["years_of_practice"]) == (field, years)
        if not held:
            assert row["holds_home_licence"] is False


def test_simulate_runs_unchanged_on_the_exported_snapshot(population: PopulationRun, tmp_path: Path) -> None:
    frame = _snapshot(population, tmp_path / "snapshot.parquet")

    result = simulate(tmp_path / "snapshot.parquet", {}, by=["practice_field"])

    assert result["persons"] == 300
    counts = frame.group_by("practice_field").len()
    assert {g["key"]["practice_field"]: g["persons"] for g in result["groups"]} == dict(counts.iter_rows())
    assert all(o["gained"] == o["lost"] == 0 for o in result["total"]["outputs"].values())


def test_relaxing_the_lawyers_minimum_years_moves_exactly_the_lawyers_between_the_thresholds(
    reference: None, tmp_path: Path
) -> None:
    run = population_generate(persons=2_000, seed=5, applications_share=0.0)
    path = tmp_path / "snapshot.parquet"
    frame = _snapshot(run, path)
    old = float(
        rulebook()
        .get_parameters_at_instant("2025-01-01")
        .practice.pathways.lawyer.nine_cities.minimum_years_of_practice
    )
    new = old - 2

    result = simulate(path, {LAWYER_MINIMUM: {"2025-01-01": new}}, by=["practice_field"])

    meets_the_others = (
        (pl.col("practice_field") == "lawyer")  # Hong Kong and Macao lawyers alike
        & pl.col("holds_home_licence")
        & pl.col("is_permanent_resident")
        & pl.col("is_chinese_citizen")
        & ~pl.col("has_disciplinary_record")
    )
    years = pl.col("years_of_practice")
    moved = frame.filter(meets_the_others & (years >= new) & (years < old)).height
    eligible_before = frame.filter(meets_the_others & (years >= old)).height
    by_field = {g["key"]["practice_field"]: g["outputs"]["practice_eligible"] for g in result["groups"]}
    assert moved > 0
    assert by_field["lawyer"] == {
        "before": eligible_before,
        "after": eligible_before + moved,
        "gained": moved,
        "lost": 0,
    }
    assert all(o["gained"] == o["lost"] == 0 for field, o in by_field.items() if field != "lawyer")


def test_the_same_seed_gives_the_same_snapshot_whatever_the_batch_size(reference: None, tmp_path: Path) -> None:
    settings = {"persons": 300, "seed": 11, "applications_share": 0.0}
    first, second = population_generate(**settings), population_generate(**settings)
    other = population_generate(**{**settings, "seed": 12})

    a = _snapshot(first, tmp_path / "a.parquet", batch_size=64).drop("person_id")
    b = _snapshot(second, tmp_path / "b.parquet", batch_size=1_000).drop("person_id")
    c = _snapshot(other, tmp_path / "c.parquet").drop("person_id")

    assert a.equals(b)
    assert not a.equals(c)


def test_an_empty_export_still_has_the_schema(reference: None, tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"

    assert snapshot_write(path) == 0

    assert pl.read_parquet(path).schema == pl.Schema(SNAPSHOT_SCHEMA)


def test_export_task_reports_done_with_the_row_count(population: PopulationRun, tmp_path: Path) -> None:
    progress = TaskProgress.objects.create(label="export")
    path = tmp_path / "export.parquet"

    export_snapshot.call(str(progress.pk), str(path))

    progress.refresh_from_db()
    assert (progress.status, progress.done, progress.total) == ("done", 300, 300)
    assert progress.result == {"path": str(path), "rows": 300}
    assert pl.read_parquet(path).height == 300
    assert [p.name for p in tmp_path.iterdir()] == ["export.parquet"]  # no part files left behind


def test_export_start_enqueues_the_task_after_commit(
    population: PopulationRun,
    make_user: Callable[..., User],
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    analyst = make_user(Role.ANALYST)

    with override_settings(SNAPSHOT_ROOT=tmp_path):
        with django_capture_on_commit_callbacks(execute=True):
            progress = snapshot_export_start(user=analyst)
        latest = snapshot_latest()

    progress.refresh_from_db()
    assert (progress.status, progress.owner_id, progress.done) == ("done", analyst.pk, 300)
    assert Path(progress.result["path"]).parent == tmp_path
    assert latest == Path(progress.result["path"])


def test_an_applicant_cannot_start_an_export(make_user: Callable[..., User]) -> None:
    with pytest.raises(Forbidden):
        snapshot_export_start(user=make_user(Role.APPLICANT))

    assert TaskProgress.objects.count() == 0


def test_snapshot_latest_is_the_newest_file_or_none(snapshot_root: Path) -> None:
    assert snapshot_latest() is None
    snapshot_root.mkdir(parents=True)
    assert snapshot_latest() is None

    older, newer = snapshot_root / "population-b.parquet", snapshot_root / "population-a.parquet"
    for path, moment in ((older, 1_700_000_000), (newer, 1_700_000_100)):
        path.write_bytes(b"PAR1")
        os.utime(path, (moment, moment))
    (snapshot_root / "notes.txt").write_text("not a snapshot")

    assert snapshot_latest() == newer


def test_the_personal_account_is_credited_at_the_kernels_rate(population: PopulationRun, tmp_path: Path) -> None:
    from talentbridge import rules
    from talentbridge.population import rules_inputs

    frame = _snapshot(population, tmp_path / "snapshot.parquet")
    first = dt.date(2006, 1, 1)  # the rate's first value; earlier months are credited at it
    expected: dict[int, float] = defaultdict(float)
    for person_id, start, end, wage in ContributionPeriod.objects.filter(
        person__run=population, scheme__in=["gd_employee", "gd_flexible"]
    ).values_list("person_id", "start", "end", "monthly_wage"):
        rate = rules.personal_account_rate(max(start.replace(day=1), first))
        expected[person_id] += _whole_months(start, end or population.as_of) * float(wage) * rate

    balances = dict(zip(frame["person_id"], frame["personal_account_balance"], strict=True))
    assert any(expected.values())
    for person_id, balance in balances.items():
        assert balance == pytest.approx(round(expected[person_id], 2), abs=0.011), person_id
    assert not hasattr(rules_inputs, "PERSONAL_ACCOUNT_RATE")  # no copy of the kernel's rate
