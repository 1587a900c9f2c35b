"""Routes through a workflow: the transitions that lead from its initial state to each state."""

from __future__ import annotations

from collections import deque

from talentbridge.casework.workflow import Workflow

# Round trips from `in_review` back to it, inserted into a route to vary case histories.
DETOURS: tuple[tuple[str, ...], ...] = (
    ("request_verification", "confirm_verification"),
    ("request_info", "reply", "start_review"),
)


def _shortest(workflow: Workflow, *, allow_system: bool) -> dict[str, tuple[str, ...]]:
    routes: dict[str, tuple[str, ...]] = {workflow.initial: ()}
    queue = deque([workflow.initial])
    while queue:
        state = queue.popleft()
        for step in workflow.available(state):
            if (step.by == {"system"} and not allow_system) or step.target in routes:
                continue
            routes[step.target] = (*routes[state], step.name)
            queue.append(step.target)
    return routes


def shortest_routes(workflow: Workflow) -> dict[str, tuple[str, ...]]:
    """The shortest route to every state, using platform (deadline) actions only where nothing else leads."""
    return {**_shortest(workflow, allow_system=True), **_shortest(workflow, allow_system=False)}


def replay(workflow: Workflow, route: tuple[str, ...]) -> list[tuple[str, str]]:
    """The (from, to) state of every step of `route`; raises ValueError if a step is not allowed."""
    state, visited = workflow.initial, []
    for name in route:
        step = workflow.transitions.get(name)
        if step is None or state not in step.sources:
            raise ValueError(f"{workflow.kind}: {name!r} is not allowed from {state!r}")
        visited.append((state, step.target))
        state = step.target
    return visited


def _with_detour(route: tuple[str, ...], detour: tuple[str, ...]) -> tuple[str, ...] | None:
    if "start_review" not in route:
        return None
    at = route.index("start_review") + 1
    return (*route[:at], *detour, *route[at:])


def route_variants(workflow: Workflow) -> dict[str, list[tuple[str, ...]]]:
    """For every state: its shortest route, the same with each detour, and tacit routes to approval."""
    variants: dict[str, list[tuple[str, ...]]] = {}
    for state, route in shortest_routes(workflow).items():
        candidates = [route, *(_with_detour(route, d) for d in DETOURS)]
        if state == "approved":
            tacit = [t.name for t in workflow.transitions.values() if t.by == {"system"} and t.target == state]
            candidates += [("submit", "start_review", name) for name in tacit]
        valid = []
        for candidate in candidates:
            if candidate is None or candidate in valid:
                continue
            try:
                replay(workflow, candidate)
            except ValueError:
                continue
            valid.append(candidate)
        variants[state] = valid
    return variants
