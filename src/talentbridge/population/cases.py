"""Vectorised applicant accounts and cases in every workflow state, with the audit trail of their route."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from talentbridge.casework.workflow import Workflow, registry
from talentbridge.population.demo import reason_for
from talentbridge.population.paths import replay, route_variants

SYNTHETIC_DOMAIN = "synthetic.talentbridge.example"
REFERENCE_ALPHABET = np.array(list("23456789ABCDEFGHJKLMNPQRSTUVWXYZ"))
STATE_WEIGHT = {
    "draft": 0.07, "submitted": 0.07, "in_review": 0.12, "verification": 0.05, "info_requested": 0.05,
    "resubmitted": 0.03, "pending_second_approval": 0.04, "approved": 0.35, "refused": 0.08,
    "withdrawn": 0.06, "expired": 0.03, "revoked": 0.02,
}  # fmt: skip
SLOW_STEPS = {"expire": 45, "tacit_approve": 32}  # days: platform actions wait for the deadline to pass
DECIDING_AUTHORITY = {
    "lawyer": "GD-DOJ", "planner": "GD-DNR", "tour_guide": "GD-TOURISM", "tour_escort": "GD-TOURISM",
    "physician": "GD-HEALTH", "chinese_medicine_practitioner": "GD-HEALTH", "dentist": "GD-HEALTH",
    "nurse": "GD-HEALTH",
}  # fmt: skip  # every other licensed profession is construction: GD-DHURD
SURNAMES = {
    "HK": np.array(["Chan", "Wong", "Lee", "Cheung", "Lau", "Ho", "Leung", "Lam", "Tang", "Ng"]),
    "MO": np.array(["Leong", "Chan", "Ho", "Lei", "Wong", "Lam", "Sou", "Cheong", "Ieong", "Lo"]),
    "GD": np.array(["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"]),
}
GIVEN = np.array(["Wai", "Ming", "Ka", "Hui", "Jie", "Fang", "Yan", "Kin", "Lok", "Ting", "Yu", "Hao"])
LANGUAGE = {"HK": "zh-hant", "MO": "zh-hant", "GD": "zh-hans"}


@dataclass(frozen=True)
class CaseFrames:
    users: pl.DataFrame
    applications: pl.DataFrame
    events: pl.DataFrame
    decisions: pl.DataFrame
    info_requests: pl.DataFrame
    verifications: pl.DataFrame


@dataclass(frozen=True)
class CaseContext:
    """What the generator needs from the database: ids by code, staff per authority, the work calendar."""

    run_id: int
    as_of: dt.date
    authority_ids: dict[str, int]
    staff: dict[str, tuple[int, int]]  # authority code -> (first reviewer, second reviewer) user ids
    deadline_after: Callable[[dt.date, int], dt.date]


def _pick_kind(rng: np.random.Generator, applicants: pl.DataFrame) -> np.ndarray:
    residence = applicants["residence"].to_numpy()
    licensed = applicants["profession"].is_not_null().to_numpy()
    practice = licensed & (rng.random(residence.size) < 0.7)
    kind = np.where(practice, "practice_registration", "benefit_claim")
    return np.where(residence == "GD", "talent_endorsement", kind)


def _pick_states(rng: np.random.Generator, kind: np.ndarray) -> np.ndarray:
    """Weighted states; the first cases of each kind take every state once, so all states appear."""
    state = np.empty(kind.size, dtype=object)
    for name, workflow in registry().items():
        rows = np.flatnonzero(kind == name)
        states = list(workflow.states)
        weights = np.array([STATE_WEIGHT.get(s, 0.02) for s in states])
        state[rows] = np.array(states)[rng.choice(len(states), size=rows.size, p=weights / weights.sum())]
        covered = rows[: len(states)]
        state[covered] = states[: covered.size]
    return state.astype(str)


def _authorities(applicants: pl.DataFrame, kind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The deciding authority and the authority asked to verify, by kind, city and licence."""
    city = np.char.upper(applicants["work_city"].to_numpy().astype(str))
    profession = applicants["profession"].fill_null("").to_numpy()
    issuer = applicants["issuing_body"].fill_null("").to_numpy()
    practice = np.array([DECIDING_AUTHORITY.get(p, "GD-DHURD") for p in profession])
    deciding = np.where(kind == "talent_endorsement", np.char.add(city, "-EXIT-ENTRY"), np.char.add(city, "-SIF"))
    deciding = np.where(kind == "practice_registration", practice, deciding)
    verifying = np.where(kind == "practice_registration", issuer, np.char.add(city, "-HRSS"))
    return deciding, verifying


def _payloads(rng: np.random.Generator, applicants: pl.DataFrame, kind: np.ndarray) -> pl.Series:
    n = applicants.height
    title = applicants["professional_title"].to_numpy()
    senior = np.isin(title, ["associate_senior", "senior"])
    category = np.array(["research", "culture_education", "health"])[rng.integers(0, 3, size=n)]
    category = np.where(senior, category, np.where(rng.random(n) < 0.1, "outstanding", "other"))
    digits = pl.Series(rng.integers(10_000_000, 99_999_999, size=n)).cast(pl.String)
    frame = applicants.with_columns(
        kind=pl.Series(kind),
        category=pl.Series(category),
        destination=pl.Series(np.array(["HK", "MO", "HK_MO"])[rng.choice(3, size=n, p=[0.6, 0.15, 0.25])]),
        benefit=pl.Series(
            np.array(["pension", "unemployment", "work_injury"])[rng.choice(3, size=n, p=[0.3, 0.5, 0.2])]
        ),
        digits=digits,
    )
    practice = pl.struct(
        profession=pl.col("profession"),
        city=pl.col("work_city"),
        licence_number=pl.col("licence_number"),
        years_of_practice=pl.col("years_of_practice").clip(0, 60),
    ).struct.json_encode()
    endorsement = pl.struct(
        category=pl.col("category"),
        destination=pl.col("destination"),
        employer=pl.col("employer_name").fill_null("Self-employed"),
        eep_number=pl.concat_str([pl.lit("C"), pl.col("digits")]),
    ).struct.json_encode()
    claim = pl.struct(
        benefit=pl.col("benefit"),
        city=pl.col("work_city"),
        insurance_number=pl.concat_str([pl.col("residence"), pl.col("digits"), pl.col("number").cast(pl.String)]),
    ).struct.json_encode()
    expression = (
        pl.when(pl.col("kind") == "practice_registration")
        .then(practice)
        .when(pl.col("kind") == "talent_endorsement")
        .then(endorsement)
        .otherwise(claim)
    )
    return frame.select(payload=expression)["payload"]


def _references(prefix: np.ndarray, year: np.ndarray, application_id: np.ndarray) -> pl.Series:
    """`PR-2025-XXXXXXXX`: the code is a bijective scramble of the id, so references never repeat."""
    code = (application_id.astype(np.int64) * 0x9E3779B1 + 0x5BD1E995) % (1 << 40)
    chars = [REFERENCE_ALPHABET[(code >> (5 * k)) & 31] for k in range(7, -1, -1)]
    return pl.DataFrame({"p": prefix, "y": year.astype(str), **{f"c{i}": c for i, c in enumerate(chars)}}).select(
        pl.concat_str([pl.col("p"), pl.lit("-"), pl.col("y"), pl.lit("-"), *[pl.col(f"c{i}") for i in range(8)]])
    )[:, 0]


def _users(
    rng: np.random.Generator, applicants: pl.DataFrame, ids: np.ndarray, joined: np.ndarray, run_id: int
) -> pl.DataFrame:
    n = applicants.height
    residence = applicants["residence"].to_numpy().astype(str)
    surname = np.empty(n, dtype=object)
    for res, names in SURNAMES.items():
        mask = residence == res
        surname[mask] = names[rng.integers(0, names.size, size=mask.sum())]
    given = np.char.add(np.char.add(GIVEN[rng.integers(0, GIVEN.size, size=n)], " "), GIVEN[rng.integers(0, 12, n)])
    emails = applicants.select(
        pl.concat_str([pl.lit("p"), pl.col("number").cast(pl.String), pl.lit(f".r{run_id}@{SYNTHETIC_DOMAIN}")])
    )[:, 0]
    english = rng.random(n) < 0.15
    return pl.DataFrame(
        {
            "id": ids,
            "password": pl.Series(rng.integers(0, 2**62, size=n)).cast(pl.String).str.pad_start(20, "0"),
            "email": emails,
            "full_name": np.char.add(np.char.add(surname.astype(str), " "), given),
            "role": "applicant",
            "residence": residence,
            "preferred_language": np.where(english, "en", np.array([LANGUAGE[r] for r in residence], dtype="U8")),
            "is_active": True,
            "is_staff": False,
            "is_superuser": False,
            "date_joined": joined,
            "email_confirmed_at": joined + np.timedelta64(1, "h"),
        }
    ).with_columns(password=pl.concat_str([pl.lit("!synthetic-"), pl.col("password")]))


def cases_generate(
    rng: np.random.Generator,
    applicants: pl.DataFrame,
    context: CaseContext,
    user_base: int,
    application_base: int,
    *,
    only_kind: str | None = None,
    authority_code: str | None = None,
) -> CaseFrames:
    """One applicant account and one case per row of `applicants`, spread over every workflow state.

    `only_kind` and `authority_code` force every case into one kind and one authority's queue (load tests).
    """
    n = applicants.height
    kind = _pick_kind(rng, applicants) if only_kind is None else np.full(n, only_kind)
    state = _pick_states(rng, kind)
    deciding, verifying = _authorities(applicants, kind)
    if authority_code is not None:
        deciding = np.full(n, authority_code)
    user_ids = user_base + np.arange(n)
    app_ids = application_base + np.arange(n)
    staff_a = np.array([context.staff[c][0] for c in deciding])
    staff_b = np.array([context.staff[c][1] for c in deciding])
    verifier = np.array([context.staff[c][0] if c in context.staff else -1 for c in verifying])
    as_of_ts = np.datetime64(dt.datetime.combine(context.as_of, dt.time(1, 0)), "ms")  # 09:00 in the GBA
    final = np.isin(state, ["approved", "refused", "withdrawn", "expired", "revoked"])
    age = np.where(final, rng.uniform(3, 600, n), rng.uniform(0, 2, n)) * 86_400
    end = as_of_ts - age.astype("timedelta64[s]")
    columns: dict[str, np.ndarray] = {
        "created_at": end.copy(),
        "state_entered_at": end.copy(),
        "submitted_at": np.full(n, np.datetime64("NaT"), dtype="datetime64[ms]"),
        "decided_at": np.full(n, np.datetime64("NaT"), dtype="datetime64[ms]"),
        "version": np.ones(n, dtype=np.int64),
    }
    frames: dict[str, list[pl.DataFrame]] = {"events": [], "decisions": [], "info_requests": [], "verifications": []}
    for name, workflow in registry().items():
        variants = route_variants(workflow)
        for state_name, routes in variants.items():
            rows = np.flatnonzero((kind == name) & (state == state_name))
            if rows.size == 0:
                continue
            weights = np.array([3.0] + [1.0] * (len(routes) - 1))
            choice = rng.choice(len(routes), size=rows.size, p=weights / weights.sum())
            for index, route in enumerate(routes):
                members = rows[choice == index]
                if members.size:
                    group = _Group(workflow, route, members, app_ids, user_ids, staff_a, staff_b, verifier, verifying)
                    group.emit(rng, end[members], columns, frames, context)
    applications = _applications(rng, applicants, kind, state, deciding, app_ids, user_ids, columns, context)
    joined = columns["created_at"] - (rng.uniform(1, 30, n) * 86_400).astype("timedelta64[s]")
    users = _users(rng, applicants, user_ids, joined, context.run_id)
    return CaseFrames(
        users=_utc(users),
        applications=_utc(applications),
        **{
            key: _utc(pl.concat(parts, how="diagonal_relaxed")) if parts else pl.DataFrame()
            for key, parts in frames.items()
        },
    )


def _utc(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(pl.Datetime).dt.cast_time_unit("us").dt.replace_time_zone("UTC"))


def _applications(
    rng: np.random.Generator,
    applicants: pl.DataFrame,
    kind: np.ndarray,
    state: np.ndarray,
    deciding: np.ndarray,
    app_ids: np.ndarray,
    user_ids: np.ndarray,
    columns: dict[str, np.ndarray],
    context: CaseContext,
) -> pl.DataFrame:
    workflows = registry()
    local_day = (columns["state_entered_at"] + np.timedelta64(8, "h")).astype("datetime64[D]")
    days = np.array([workflows[k].states[s].deadline_business_days or 0 for k, s in zip(kind, state, strict=True)])
    deadline = np.full(kind.size, np.datetime64("NaT"), dtype="datetime64[D]")
    for day, span in {(d, s) for d, s in zip(local_day.tolist(), days.tolist(), strict=True) if s}:
        deadline[(local_day == np.datetime64(day)) & (days == span)] = np.datetime64(context.deadline_after(day, span))
    prefix = np.array([workflows[k].prefix for k in kind])
    year = (columns["created_at"] + np.timedelta64(8, "h")).astype("datetime64[Y]").astype(int) + 1970
    return pl.DataFrame(
        {
            "id": app_ids,
            "reference": _references(prefix, year, app_ids),
            "kind": kind,
            "applicant_id": user_ids,
            "authority_id": np.array([context.authority_ids[c] for c in deciding]),
            "state": state,
            "payload": _payloads(rng, applicants, kind),
            "rules_version": np.array([workflows[k].rules_version for k in kind]),
            "version": columns["version"],
            "deadline": deadline,
            "state_entered_at": columns["state_entered_at"],
            "created_at": columns["created_at"],
            "submitted_at": columns["submitted_at"],
            "decided_at": columns["decided_at"],
        }
    )


@dataclass
class _Group:
    """The cases of one kind that follow one route: their events are emitted column-wise."""

    workflow: Workflow
    route: tuple[str, ...]
    members: np.ndarray
    app_ids: np.ndarray
    user_ids: np.ndarray
    staff_a: np.ndarray
    staff_b: np.ndarray
    verifier: np.ndarray
    verifying: np.ndarray

    def _actor(self, step: str) -> tuple[str, np.ndarray | None]:
        transition = self.workflow.transitions[step]
        role = sorted(transition.by)[0]
        m = self.members
        if role == "applicant":
            return role, self.user_ids[m]
        if role == "verifier":
            return role, self.verifier[m]
        if role == "system":
            return role, None
        return role, (self.staff_b if transition.four_eyes else self.staff_a)[m]

    def emit(
        self,
        rng: np.random.Generator,
        end: np.ndarray,
        columns: dict[str, np.ndarray],
        frames: dict[str, list[pl.DataFrame]],
        context: CaseContext,
    ) -> None:
        m, size = self.members, self.members.size
        gaps = rng.uniform(0.1, 6.0, (size, len(self.route))) * 86_400
        for j, step in enumerate(self.route):
            if step in SLOW_STEPS:
                gaps[:, j] = (SLOW_STEPS[step] + rng.uniform(0, 3, size)) * 86_400
        offsets = np.cumsum(gaps, axis=1).astype("timedelta64[s]")
        created = end - (offsets[:, -1] if self.route else np.timedelta64(0, "s"))
        times = [created + offsets[:, j] for j in range(len(self.route))]
        columns["created_at"][m] = created
        columns["state_entered_at"][m] = times[-1] if times else created
        columns["version"][m] = 1 + len(self.route)
        rules = self.workflow.rules_version
        app = self.app_ids[m]
        base = {"application_id": app, "rules_version": rules}
        frames["events"].append(
            pl.DataFrame({**base, "actor_id": self.user_ids[m], "actor_role": "applicant", "action": "created",
                          "from_state": "", "to_state": self.workflow.initial, "reason": "", "data": "{}", "at": created})
        )  # fmt: skip
        for j, ((source, target), step) in enumerate(zip(replay(self.workflow, self.route), self.route, strict=True)):
            role, actor = self._actor(step)
            reason = reason_for(self.workflow.kind, step)
            data = pl.Series(np.char.add(np.char.add('{"authority": "', self.verifying[m].astype(str)), '"}'))
            frames["events"].append(
                pl.DataFrame({**base, "actor_id": actor, "actor_role": role, "action": step, "from_state": source,
                              "to_state": target, "reason": reason,
                              "data": data if step == "request_verification" else "{}", "at": times[j]})
            )  # fmt: skip
            if step == "submit":
                columns["submitted_at"][m] = times[j]
            transition = self.workflow.transitions[step]
            if transition.decision:
                columns["decided_at"][m] = times[j]
                proposer = self.staff_a[m] if transition.four_eyes else None
                frames["decisions"].append(
                    pl.DataFrame({"application_id": app, "outcome": transition.decision, "decided_by_id": actor,
                                  "proposed_by_id": proposer, "reason": reason, "rules_version": rules,
                                  "decided_at": times[j]})
                )  # fmt: skip
            following = self.route[j + 1] if j + 1 < len(self.route) else None
            answered = times[j + 1] if following else None
            if step == "request_info":
                replied = following == "reply"
                frames["info_requests"].append(
                    pl.DataFrame({"application_id": app, "requested_by_id": actor, "message": reason,
                                  "requested_at": times[j], "reply": reason_for(self.workflow.kind, "reply") if replied else "",
                                  "replied_by_id": self.user_ids[m] if replied else None,
                                  "replied_at": answered if replied else None})
                )  # fmt: skip
            if step == "request_verification":
                outcome = {"confirm_verification": "confirmed", "deny_verification": "not_confirmed"}
                done = following in outcome
                frames["verifications"].append(
                    pl.DataFrame({"application_id": app, "authority_id": [context.authority_ids[c] for c in self.verifying[m]],
                                  "requested_by_id": actor, "question": reason, "requested_at": times[j],
                                  "outcome": outcome.get(following or "", "pending"), "note": reason_for(self.workflow.kind, following or ""),
                                  "responded_by_id": self.verifier[m] if done else None,
                                  "responded_at": answered if done else None})
                )  # fmt: skip
