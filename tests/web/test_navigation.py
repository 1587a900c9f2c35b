"""Each reviewer's navigation offers the work of their authority, and nothing of another service."""

import pytest
from django.urls import reverse

from talentbridge.accounts.models import Role


@pytest.mark.parametrize(
    ("authority", "practice", "awards", "queue"),
    [
        ("GD-DHURD", True, False, True),
        # a verifying body (a home registration body) answers verifications: no queue, no registers
        ("HK-ERB", False, False, False),
        ("SHENZHEN-EXIT-ENTRY", False, False, True),
        ("ZHUHAI-SIF", False, True, True),
    ],
)
def test_a_reviewer_sees_the_registers_of_their_service_only(make_user, signed_in, authority, practice, awards, queue):
    html = signed_in(make_user(Role.REVIEWER, authority=authority)).get(reverse("web:home")).content.decode()
    nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]

    assert (f'href="{reverse("web:practice_registrations")}"' in nav) is practice
    assert (f'href="{reverse("web:practice_alerts")}"' in nav) is practice
    assert (f'href="{reverse("web:insurance_awards")}"' in nav) is awards
    # a fund records contributions for its city: its imports are in its navigation
    assert (f'href="{reverse("web:insurance_imports")}"' in nav) is awards
    assert (f'href="{reverse("web:review_queue")}"' in nav) is queue
    assert f'href="{reverse("web:verifications")}"' in nav
