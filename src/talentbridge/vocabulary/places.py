"""Places: jurisdictions, cities, special zones, the kernel's home SARs and practice zones, destinations.

Two layers name the same places differently, and the tables here are the one translation between them:
accounts, reference data and endorsements name a jurisdiction `HK` / `MO` / `GD`; the rules kernel names a
professional's home SAR `hong_kong` / `macao` (`HOME_JURISDICTION_OF`, `JURISDICTION_OF_HOME`). Reference data
names the SARs as cities `hongkong` / `macao` (`SAR_CITY_OF`).
Source: Outline Development Plan for the Guangdong-Hong Kong-Macao Greater Bay Area (State Council, Feb 2019).
"""

from __future__ import annotations

from dataclasses import dataclass

from talentbridge.vocabulary.terms import Concept, Label, Term

JURISDICTION = Concept(
    "jurisdiction",
    [
        Term("GD", "Guangdong Province", "广东省", "廣東省"),
        Term("HK", "Hong Kong SAR", "香港特别行政区", "香港特別行政區"),
        Term("MO", "Macao SAR", "澳门特别行政区", "澳門特別行政區"),
    ],
)


@dataclass(frozen=True, kw_only=True)
class City(Term):
    jurisdiction: str
    mainland: bool


def _city(code: str, en: str, zh_hans: str, zh_hant: str, jurisdiction: str = "GD") -> City:
    return City(code, en, zh_hans, zh_hant, jurisdiction=jurisdiction, mainland=jurisdiction == "GD")


# The nine mainland GBA cities, then Hong Kong and Macao; the kernel's `work_city` is the first nine, in order.
CITY = Concept(
    "city",
    [
        _city("guangzhou", "Guangzhou", "广州", "廣州"),
        _city("shenzhen", "Shenzhen", "深圳", "深圳"),
        _city("zhuhai", "Zhuhai", "珠海", "珠海"),
        _city("foshan", "Foshan", "佛山", "佛山"),
        _city("huizhou", "Huizhou", "惠州", "惠州"),
        _city("dongguan", "Dongguan", "东莞", "東莞"),
        _city("zhongshan", "Zhongshan", "中山", "中山"),
        _city("jiangmen", "Jiangmen", "江门", "江門"),
        _city("zhaoqing", "Zhaoqing", "肇庆", "肇慶"),
        _city("hongkong", "Hong Kong", "香港", "香港", "HK"),
        _city("macao", "Macao", "澳门", "澳門", "MO"),
    ],
)
MAINLAND_CITY = CITY.subset("mainland_city", (city.code for city in CITY if city.mainland))
# The city that stands for each SAR in reference data: `HK` -> `hongkong`, `MO` -> `macao`.
SAR_CITY_OF: dict[str, str] = {city.jurisdiction: city.code for city in CITY if not city.mainland}


@dataclass(frozen=True, kw_only=True)
class Zone(Term):
    city: str
    short: Label


def _zone(code: str, city: str, names: tuple[str, str, str], short: tuple[str, str, str]) -> Zone:
    return Zone(code, *names, city=city, short=dict(zip(("en", "zh_hans", "zh_hant"), short, strict=True)))


# Cooperation zones with rules of their own (reference data adds each plan's source).
SPECIAL_ZONE = Concept(
    "special_zone",
    [
        _zone(
            "qianhai",
            "shenzhen",
            (
                "Qianhai Shenzhen-Hong Kong Modern Service Industry Cooperation Zone",
                "前海深港现代服务业合作区",
                "前海深港現代服務業合作區",
            ),
            ("Qianhai", "前海", "前海"),
        ),
        _zone(
            "hengqin",
            "zhuhai",
            ("Guangdong-Macao In-Depth Cooperation Zone in Hengqin", "横琴粤澳深度合作区", "橫琴粵澳深度合作區"),
            ("Hengqin", "横琴", "橫琴"),
        ),
        _zone("nansha", "guangzhou", ("Nansha", "南沙", "南沙"), ("Nansha", "南沙", "南沙")),
        _zone("huangpu", "guangzhou", ("Huangpu", "黄埔", "黃埔"), ("Huangpu", "黄埔", "黃埔")),
        _zone(
            "hetao",
            "shenzhen",
            (
                "Hetao Shenzhen-Hong Kong Science and Technology Innovation Cooperation Zone",
                "河套深港科技创新合作区",
                "河套深港科技創新合作區",
            ),
            ("Hetao", "河套", "河套"),
        ),
    ],
)

# The kernel's practice zones: the nine cities outside any zone, then the zones with practice rules of their own.
NINE_CITIES = Term("nine_cities", "nine cities", "内地九市", "內地九市")
PRACTICE_ZONE = Concept(
    "practice_zone",
    [
        NINE_CITIES,
        *(Term(zone.code, **SPECIAL_ZONE[zone.code].short) for zone in SPECIAL_ZONE if zone.code != "hetao"),
    ],
)
# The city of each special zone (a practice application in a zone is made in its city).
ZONE_CITY: dict[str, str] = {zone.code: zone.city for zone in SPECIAL_ZONE}


@dataclass(frozen=True, kw_only=True)
class HomeJurisdiction(Term):
    jurisdiction: str


def _home(code: str, jurisdiction: str) -> HomeJurisdiction:
    named = JURISDICTION[jurisdiction]
    return HomeJurisdiction(code, named.en, named.zh_hans, named.zh_hant, jurisdiction=jurisdiction)


# The kernel's home SAR of a cross-border professional, named like the jurisdiction it is.
HOME_JURISDICTION = Concept("home_jurisdiction", [_home("hong_kong", "HK"), _home("macao", "MO")])
HOME_JURISDICTION_OF: dict[str, str] = {home.jurisdiction: home.code for home in HOME_JURISDICTION}
JURISDICTION_OF_HOME: dict[str, str] = {home.code: home.jurisdiction for home in HOME_JURISDICTION}


def home_jurisdiction_of(jurisdiction: str) -> str:
    """The kernel's home SAR of a jurisdiction code: `HK` -> `hong_kong`, `MO` -> `macao` (KeyError for `GD`)."""
    return HOME_JURISDICTION_OF[jurisdiction]


def jurisdiction_of_home(home: str) -> str:
    """The jurisdiction code of the kernel's home SAR: `hong_kong` -> `HK`, `macao` -> `MO`."""
    return JURISDICTION_OF_HOME[home]


def _sar(code: str) -> Term:
    city = CITY[SAR_CITY_OF[code]]
    return Term(code, city.en, city.zh_hans, city.zh_hant)


# Where one stay is made, and where a talent endorsement takes its holder (jurisdiction codes).
STAY_DESTINATION = Concept("stay_destination", [_sar("HK"), _sar("MO")])
HK_AND_MACAO = Term("HK_MO", "Hong Kong and Macao", "香港和澳门", "香港和澳門")
DESTINATION = Concept("destination", [*STAY_DESTINATION, HK_AND_MACAO])
