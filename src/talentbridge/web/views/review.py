"""The reviewer's face: the authority's queue and the cases it is asked to verify."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from talentbridge.accounts.models import Role, User
from talentbridge.casework.models import Verification
from talentbridge.casework.selectors import authority_queue
from talentbridge.core import clock
from talentbridge.web.deadlines import CountdownCalculator
from talentbridge.web.errors import refused_status
from talentbridge.web.forms import QueueFilterForm
from talentbridge.web.views.access import role_required

PAGE_SIZE = 50


@login_required
@role_required(Role.REVIEWER)
@require_safe
def review_queue(request: HttpRequest) -> HttpResponse:
    """The authority's cases, nearest deadline first; a fixed number of queries whatever its size."""
    user: User = request.user  # type: ignore[assignment]
    form = QueueFilterForm(request.GET or None, authority_kind=user.authority.kind if user.authority else "")
    filters = form.cleaned_data if form.is_valid() else {}
    today = clock.today()
    cases = authority_queue(
        user=user,
        state=filters.get("state") or None,
        kind=filters.get("kind") or None,
        overdue_on=today if filters.get("overdue") else None,
        search=filters.get("q") or None,
    ).select_related("authority__jurisdiction")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    calculator = CountdownCalculator(today)
    for case in page:
        case.countdown = calculator.countdown(case.deadline, case.authority.jurisdiction.code)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.headers.get("HX-Request"):  # the results alone: the form is not shown again
        return render(request, "web/review/_queue_results.html", context)
    return render(request, "web/review/queue.html", context, status=refused_status() if form.errors else 200)


@login_required
@role_required(Role.REVIEWER)
@require_safe
def verifications(request: HttpRequest) -> HttpResponse:
    """Cases another authority asked this reviewer's authority to verify, open ones first;
    `?outcome=pending`: only those waiting for its answer (the dashboards' figure)."""
    user: User = request.user  # type: ignore[assignment]
    asked = (
        Verification.objects.filter(authority_id=user.authority_id or 0)
        .select_related("application__authority", "requested_by")
        .order_by("-outcome", "requested_at")
    )
    waiting_only = request.GET.get("outcome") == Verification.Outcome.PENDING
    if waiting_only:
        asked = asked.filter(outcome=Verification.Outcome.PENDING)
    page = Paginator(asked, PAGE_SIZE).get_page(request.GET.get("page"))
    query = "outcome=pending" if waiting_only else ""
    return render(
        request, "web/review/verifications.html", {"page": page, "waiting_only": waiting_only, "query": query}
    )
