"""The page sweep: every page each demo role reaches from its navigation, read as a person reads it.

A role's pages are found, never listed: the sweep opens the home page and every link of the site's
navigation (`nav.site-nav`), then follows the links it finds on those pages one and two levels
further (case pages, registrations, endorsements, certificates, imports, what-if runs…), bounded
per kind of page and per role. A new page linked from anywhere a role can reach is swept without
editing this module.

On each page the person's text is read: the text nodes outside <script>, <style>, <template> and
<textarea> (form values), and the words a field or a button shows (an input's placeholder, a submit
button's value); never other attributes or form values. Text in <code>, <kbd> and <samp> is a literal shown as
such on purpose (a version, a hash, the column names an import file must have): it is read for
internal markers and parameter paths only. In the text no internal marker (`[unverified]`, `[src]`,
`DOMAIN.md`, `TODO`, "placeholder") and no raw code may appear:

* snake_case identifiers (`hong_kong`, `nine_cities`) and dotted parameter paths
  (`practice.pathways.lawyer.nine_cities.minimum_years_of_practice`);
* Python's `True`, `False`, and `None` standing alone in a text node;
* the platform's vocabulary, read from the database and the code so that a new code is caught:
  reference codes (authorities `GD-DHURD`, cities, zones, professions, fields, jurisdictions,
  identity documents), every choice of every model field, the workflows' kinds, states and
  transitions, and the rules' codes, variable names and parameter path segments (labels.yaml). How a code
  is matched depends on its shape, never on the page:
  - codes with an upper-case letter, a digit or a hyphen (`GD-DHURD`, `SHENZHEN-SIF`) match as a whole
    token, case-sensitively, in every language (`HK-ERB-DEMO-1`, a licence number, has no token `HK-ERB`);
  - two-letter codes (`HK`, `MO`, `GD`) are also the usual abbreviations in English titles ("guidelines
    for HK professionals"), so they are flagged when they stand alone in a text node;
  - lower-case codes of places (cities, zones: `shenzhen`, `qianhai`) match in every language, since a
    place's name is capitalised in English;
  - other lower-case one-word codes (`draft`, `architect`, `legal`) are also English words, so they
    are flagged on the Chinese pages only, where an English word is never the page's own text, and
    only in a text node of fewer than three Latin words: an English sentence on a Chinese page is
    a person's own words (a reason, a message) or a gap in translation, which the translation
    tests catch.

Four kinds of text are data a person is meant to read as it is, and are removed before matching:
e-mail addresses, web addresses (http/https, or a host name such as `www.arb.org.hk`), signed
credentials (a JWT shown to be copied) and file names (`my_licence.pdf`, as the person named it).

Status: every page a role is linked to opens (200); the one documented redirect is an anonymous
visitor sent to the sign-in page, which brings them back (`?next=`). Downloads (a document, a
certificate's .jwt) are checked for their status only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from talentbridge.rules.labels import LABELS_FILE

LANGUAGES = ("en", "zh-hans", "zh-hant")
CHINESE = {"zh-hans", "zh-hant"}

# How far and how wide the sweep goes from the navigation.
DEPTH = 2  # nav pages are level 0; their links level 1; the links of those level 2
PER_ROUTE = 16  # at most this many pages of one URL pattern per role (the 15 demo practice cases fit)
PER_ROLE = 250  # and at most this many pages in all per role

# Paths the sweep never opens, by rule:
#  /static/  files, not pages;
#  /admin/   Django's admin site: the framework's maintenance screens, with the framework's texts;
#  /api/     the machine interface (JSON); its interactive docs are the API's own tool.
EXCLUDED_PREFIXES = ("/static/", "/admin/", "/api/")

# Where anonymous visitors are sent for pages that need an account: the one documented redirect.
SIGN_IN_PATH = "/accounts/login/"

MARKERS = re.compile(r"\[unverified|\[src\b|DOMAIN\.md|placeholder", re.IGNORECASE)
TODO = re.compile(r"(?<![A-Za-z])TODO(?![A-Za-z])")  # upper case: "todo" is a word
_A = r"A-Za-z0-9_"  # ASCII word characters: Chinese next to a code still leaves it a code
SNAKE = re.compile(rf"(?<![{_A}.\-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![{_A}\-])")
DOTTED = re.compile(rf"(?<![{_A}.\-/])[a-z][a-z0-9_]*(?:\.[a-z0-9_]+){{2,}}(?![{_A}\-])")
PYTHON_WORDS = re.compile(rf"(?<![{_A}])(?:True|False)(?![{_A}])")
TEMPLATE_LEFTOVERS = re.compile(r"\{\{|\{%|%\([a-z_]+\)[sd]|\{[a-z_]+\}")

# Data shown on purpose, removed before matching (see the module's docstring).
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEB_ADDRESS = re.compile(r"https?://\S+|\b(?:[a-z0-9-]+\.)+(?:hk|mo|cn|com|org|net|gov|edu|example)\b(?:/\S*)?")
JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]*")
FILE_NAME = re.compile(r"[\w.+-]+\.(?:pdf|png|jpe?g|gif|webp|csv|xlsx?|jwt|json|parquet|txt|docx?)\b", re.IGNORECASE)

LATIN_WORD = re.compile(r"[A-Za-z]+")
SENTENCE_WORDS = 3

# Not read: scripts and styles, and form values.
_SKIPPED_ELEMENTS = {"script", "style", "template", "textarea"}
# Literals shown as such on purpose (a version, a hash, a file name, the column names an import file
# must have): read for internal markers and parameter paths only.
_LITERAL_ELEMENTS = {"code", "kbd", "samp"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}  # fmt: skip


class _TextAndLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.literals: list[str] = []
        self._literal = 0
        self.links: list[str] = []
        self.nav_links: list[str] = []
        self._skip = 0
        self._nav = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input" and not self._skip:
            # the words shown in a field or on a button are text a person reads
            values = dict(attrs)
            shown = values.get("placeholder") or ""
            if (values.get("type") or "").lower() in {"submit", "button", "reset"}:
                shown += " " + (values.get("value") or "")
            self.handle_data(shown)
        if tag in _VOID:
            return
        self._stack.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        if tag in _SKIPPED_ELEMENTS:
            self._skip += 1
        if tag in _LITERAL_ELEMENTS:
            self._literal += 1
        if tag == "nav" and "site-nav" in classes:
            self._nav += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)
                if self._nav:
                    self.nav_links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._stack:
            return
        while self._stack:
            open_tag = self._stack.pop()
            if open_tag in _SKIPPED_ELEMENTS:
                self._skip -= 1
            if open_tag in _LITERAL_ELEMENTS:
                self._literal -= 1
            if open_tag == "nav" and self._nav:
                self._nav -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            (self.literals if self._literal else self.texts).append(" ".join(data.split()))


def read_page(html: str) -> _TextAndLinks:
    """The page's visible text nodes, all its link targets and those of its site navigation."""
    parser = _TextAndLinks()
    parser.feed(html)
    parser.close()
    return parser


# --- The vocabulary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    tokens: re.Pattern[str] | None  # codes with upper case, digits or hyphens: everywhere
    alone: frozenset[str]  # two-letter codes: when they are a text node's whole text
    places: re.Pattern[str] | None  # lower-case place codes: everywhere
    words: re.Pattern[str] | None  # lower-case one-word codes: Chinese pages only


def _pattern(codes: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(codes), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(rf"(?<![{_A}\-])(?:{'|'.join(map(re.escape, ordered))})(?![{_A}\-$])")


def vocabulary_codes() -> tuple[set[str], set[str]]:
    """(all codes, place codes) of the platform: reference codes, model choices, workflow names."""
    from talentbridge.casework.workflow import registry

    codes: set[str] = set()
    places: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("talentbridge."):
            continue
        for model_field in model._meta.get_fields():
            choices = getattr(model_field, "flatchoices", None) or ()
            codes.update(str(value) for value, _label in choices if isinstance(value, str) and value)
        if model._meta.app_label == "reference" and any(f.name == "code" for f in model._meta.get_fields()):
            values = set(model.objects.values_list("code", flat=True))
            codes |= values
            if model.__name__ in {"City", "SpecialZone"}:
                places |= values
    for workflow in registry().values():
        codes.add(workflow.kind)
        codes.update(workflow.states)
        codes.update(workflow.transitions)
    rules_labels = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    for section in ("codes", "segments", "variables"):
        codes.update(rules_labels.get(section) or {})
    return codes, places


def vocabulary() -> Vocabulary:
    codes, places = vocabulary_codes()
    shaped = {c for c in codes if re.search(r"[A-Z0-9\-]", c) and re.fullmatch(r"[A-Za-z0-9_\-]+", c)}
    lower_words = {c for c in codes if re.fullmatch(r"[a-z]+", c)}
    return Vocabulary(
        tokens=_pattern(c for c in shaped if len(c) > 2),
        alone=frozenset(c for c in shaped if len(c) <= 2),
        places=_pattern(places & lower_words),
        words=_pattern(lower_words - places),
    )


def offending_tokens(
    texts: Iterable[str], language: str, vocab: Vocabulary, *, literal: bool = False
) -> list[tuple[str, str]]:
    """Each marker or raw code found in these text nodes: (`kind: token`, where in the text node).

    `literal`: the nodes are literals (<code>), read for internal markers and parameter paths only.
    """
    found: list[tuple[str, str]] = []
    for raw in texts:
        text = FILE_NAME.sub(" ", JWT.sub(" ", WEB_ADDRESS.sub(" ", EMAIL.sub(" ", raw))))
        hits = [f"internal marker: {m}" for m in [*MARKERS.findall(text), *TODO.findall(text)]]
        hits += [f"template text: {m}" for m in TEMPLATE_LEFTOVERS.findall(text)]
        hits += [f"parameter path: {m}" for m in DOTTED.findall(text)]
        if literal:
            found += [(hit, _around(raw, hit.split(": ", 1)[1])) for hit in hits]
            continue
        rest = DOTTED.sub(" ", text)
        hits += [f"snake_case code: {m}" for m in SNAKE.findall(rest)]
        rest = SNAKE.sub(" ", rest)
        hits += [f"Python value: {m}" for m in PYTHON_WORDS.findall(rest)]
        if rest.strip() == "None":
            hits.append("Python value: None")
        if rest.strip(" :;,.()") in vocab.alone:
            hits.append(f"code: {rest.strip(' :;,.()')}")
        for kind, pattern in (("code", vocab.tokens), ("place code", vocab.places)):
            if pattern is not None:
                hits += [f"{kind}: {m}" for m in pattern.findall(rest)]
        # An English sentence on a Chinese page is a person's own words (a reason, a message) or a
        # gap in translation (the translation tests catch those): a code stands alone or among Chinese.
        if language in CHINESE and vocab.words is not None and len(LATIN_WORD.findall(rest)) < SENTENCE_WORDS:
            hits += [f"code or English word on a Chinese page: {m}" for m in vocab.words.findall(rest)]
        found += [(hit, _around(raw, hit.split(": ", 1)[1])) for hit in hits]
    return found


def _around(text: str, token: str, width: int = 40) -> str:
    """The part of `text` around `token`, to show where it was."""
    at = max(text.find(token), 0)
    start, end = max(at - width, 0), at + len(token) + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


# --- The crawl ----------------------------------------------------------------------------------


@dataclass
class Visit:
    path: str
    depth: int
    status: int
    route: str
    content_type: str = ""
    location: str = ""
    texts: list[str] = field(default_factory=list)
    literals: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    nav_links: list[str] = field(default_factory=list)


def route_of(path: str) -> str:
    """The URL pattern's name (`web:case_detail`), the unit the sweep bounds and reports by."""
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return urlsplit(path).path


def on_site(base: str, href: str) -> str | None:
    """The site-relative path (with query) of a link, or None when the sweep does not open it."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urldefrag(urljoin(f"http://testserver{base}", href)).url)
    if parts.scheme not in {"http", "https"} or parts.netloc != "testserver":
        return None
    if parts.path.startswith(EXCLUDED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def open_page(client: Client, path: str, depth: int = 0) -> Visit:
    """GET one page; an HTML page's text and links are read, a download's bytes are not."""
    response = client.get(path)
    content_type = response.get("Content-Type", "")
    visit = Visit(
        path=path,
        depth=depth,
        status=response.status_code,
        route=route_of(path),
        content_type=content_type,
        location=response.get("Location", ""),
    )
    if response.streaming:
        # Read to the end: the test client then closes the response with the database connection kept
        # (closing it by hand fires request_finished, which on PostgreSQL closes the test's connection).
        for _chunk in response.streaming_content:  # type: ignore[attr-defined]
            pass
    elif content_type.startswith("text/html") and response.status_code == 200:
        page = read_page(response.content.decode())
        visit.texts, visit.literals = page.texts, page.literals
        visit.links, visit.nav_links = page.links, page.nav_links
    return visit


def crawl(client: Client, *, depth: int = DEPTH, per_route: int = PER_ROUTE) -> list[Visit]:
    """Open the home page and the navigation's pages, then follow their links `depth` levels."""
    visits: dict[str, Visit] = {}
    opened: Counter[str] = Counter()
    home = open_page(client, "/")
    visits["/"] = home
    opened[home.route] += 1
    level = ["/", *dict.fromkeys(p for href in home.nav_links if (p := on_site("/", href)))]
    for distance in range(depth + 1):
        found: dict[str, None] = {}
        for path in level:
            if path not in visits:
                route = route_of(path)
                if opened[route] >= per_route or len(visits) >= PER_ROLE:
                    continue
                opened[route] += 1
                visits[path] = open_page(client, path, distance)
            if distance < depth:
                base = urlsplit(path).path
                found.update(dict.fromkeys(t for href in visits[path].links if (t := on_site(base, href))))
        level = [path for path in found if path not in visits]
    return list(visits.values())


# --- The judgement ------------------------------------------------------------------------------


def status_problem(visit: Visit, *, anonymous: bool) -> str | None:
    """Why this page's status is not the expected one, or None.

    Every page a role is linked to opens (200). The one documented redirect: a visitor without an
    account is sent to the sign-in page, which brings them back (`?next=`) to the page asked for.
    Any other redirect means a page links to an old address: the link should name the page itself.
    """
    if visit.status == 200:
        return None
    if visit.status == 302 and anonymous:
        target = urlsplit(visit.location)
        if target.path == SIGN_IN_PATH and "next=" in target.query:
            return None
    where = f" to {visit.location}" if visit.location else ""
    return f"status {visit.status}{where}"


@dataclass(frozen=True)
class Offence:
    role: str
    language: str
    path: str
    route: str
    problem: str
    context: str = ""


def judge(role: str, language: str, visits: list[Visit], vocab: Vocabulary) -> list[Offence]:
    offences: list[Offence] = []
    for visit in visits:
        problem = status_problem(visit, anonymous=role == "anonymous")
        if problem:
            offences.append(Offence(role, language, visit.path, visit.route, problem))
        tokens = offending_tokens(visit.texts, language, vocab)
        tokens += offending_tokens(visit.literals, language, vocab, literal=True)
        for token, context in dict(tokens).items():
            offences.append(Offence(role, language, visit.path, visit.route, token, context))
    return offences


def report(offences: list[Offence], *, pages: int) -> str:
    """All offences, grouped by URL pattern, then by problem, naming the roles, languages and pages."""
    lines = [f"{len(offences)} problems on the {pages} pages swept:"]
    by_route: dict[str, dict[str, list[Offence]]] = {}
    for offence in offences:
        by_route.setdefault(offence.route, {}).setdefault(offence.problem, []).append(offence)
    for route in sorted(by_route):
        lines.append(f"{route}:")
        for problem, items in sorted(by_route[route].items()):
            roles = ", ".join(sorted({o.role for o in items}))
            languages = ", ".join(lang for lang in LANGUAGES if any(o.language == lang for o in items))
            paths = sorted({_short(o.path) for o in items})
            shown = ", ".join(paths[:2]) + (f" (+{len(paths) - 2} more)" if len(paths) > 2 else "")
            context = f"; in «{items[0].context}»" if items[0].context else ""
            lines.append(f"  {problem} — roles: {roles}; languages: {languages}; pages: {shown}{context}")
    return "\n".join(lines)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Roles --------------------------------------------------------------------------------------


def role_client(key: str, language: str) -> Client:
    """A test client for a demo account (`anonymous`: nobody signed in) reading in `language`.

    Each role and language browses from an address of its own, as separate people do: rate limits
    count per address, and one address opening every page of every role would meet them.
    """
    n = role_keys().index(key) * len(LANGUAGES) + LANGUAGES.index(language) + 1
    client = Client(REMOTE_ADDR=f"198.51.100.{n}")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if key != "anonymous":
        from talentbridge.accounts.models import User
        from talentbridge.population.demo_accounts import demo_account

        user = User.objects.get(email=demo_account(key).email)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def role_keys() -> list[str]:
    from talentbridge.population.demo_accounts import DEMO_ACCOUNTS

    return ["anonymous", *(account.key for account in DEMO_ACCOUNTS)]


def seat_keys() -> list[str]:
    """One demo account per seat (role, authority, organisation, residence), and the anonymous visitor.

    Two accounts in the same seat (the two reviewers of one authority) are shown the same pages; the
    browser, slower than the test client, opens them once.
    """
    from talentbridge.population.demo_accounts import DEMO_ACCOUNTS

    seats: dict[tuple[Any, ...], str] = {}
    for account in DEMO_ACCOUNTS:
        seats.setdefault((account.role, account.authority, account.organisation, account.residence), account.key)
    return ["anonymous", *seats.values()]


def sweep(keys: Iterable[str], languages: Iterable[str] = LANGUAGES) -> tuple[list[Offence], int]:
    """Crawl and judge every role in every language; (offences, pages opened)."""
    vocab = vocabulary()
    offences: list[Offence] = []
    pages = 0
    for key in keys:
        for language in languages:
            visits = crawl(role_client(key, language))
            pages += len(visits)
            offences += judge(key, language, visits, vocab)
    return offences, pages


def representatives(visits: list[Visit], *, per_route: int = 1) -> list[str]:
    """The first `per_route` HTML pages (status 200) of each URL pattern, for the browser."""
    chosen: dict[str, list[str]] = {}
    for visit in visits:
        if visit.status == 200 and visit.content_type.startswith("text/html"):
            paths = chosen.setdefault(visit.route, [])
            if len(paths) < per_route:
                paths.append(visit.path)
    return [path for paths in chosen.values() for path in paths]


def demo_extras() -> dict[str, Any]:
    """What the demo lacks for a full sweep: a what-if run by the policy officer (its page is swept)."""
    from django.test import TestCase

    from talentbridge.accounts.models import User
    from talentbridge.policy.services import whatif_start
    from talentbridge.population.demo_accounts import demo_account
    from talentbridge.population.services import snapshot_latest

    snapshot = snapshot_latest()
    if snapshot is None:
        return {}
    officer = User.objects.get(email=demo_account("policy_officer").email)
    with TestCase.captureOnCommitCallbacks(execute=True):
        run = whatif_start(
            user=officer,
            reform={"practice.pathways.lawyer.nine_cities.minimum_years_of_practice": {"2024-01-01": 2}},
            by=["practice_field"],
            period="2025-01",
            snapshot_path=snapshot,
        )
    return {"whatif_run": run.pk}
