"""Cross-border professional practice: fields and professions, the kernel's practice fields, mechanisms, scopes.

Reference data names a field of practice (`legal`, `construction`, …) and the regulated professions within it
(`lawyer`, `physician`, `quantity_surveyor`, …); the rules kernel groups professions more coarsely into its
practice fields (`lawyer`, `doctor`, `surveyor`, …). `PROFESSION` records, for each profession, the kernel field
whose pathway it practises under (`practice_field_of`), and `PRACTICE_FIELD` the profession an application in a
kernel field names by default (`default_profession`): the one translation between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from talentbridge.vocabulary.terms import Concept, Term

# Fields named in the GBA practice measures.
PROFESSIONAL_FIELD = Concept(
    "professional_field",
    [
        Term("legal", "Legal services", "法律服务", "法律服務"),
        Term("construction", "Construction and engineering", "建筑及工程", "建築及工程"),
        Term("urban_planning", "Urban planning", "城乡规划", "城鄉規劃"),
        Term("medical", "Medical and health", "医疗卫生", "醫療衞生"),
        Term("tourism", "Tourism", "旅游", "旅遊"),
        Term("tax", "Tax services", "税务服务", "稅務服務"),
        Term("veterinary", "Veterinary services", "兽医", "獸醫"),
        Term("education", "Education", "教育", "教育"),
        Term("accounting", "Accounting", "会计", "會計"),
        Term("finance", "Finance and insurance", "金融保险", "金融保險"),
    ],
)


@dataclass(frozen=True, kw_only=True)
class Profession(Term):
    field: str  # a PROFESSIONAL_FIELD code
    practice_field: str | None  # the kernel's PRACTICE_FIELD whose pathway it practises under; None: none


def _profession(code: str, field: str, practice_field: str | None, en: str, zh_hans: str, zh_hant: str) -> Profession:
    return Profession(code, en, zh_hans, zh_hant, field=field, practice_field=practice_field)


# Regulated professions per field. Construction professions follow the HK statutory registration boards
# named in the Guangdong interim guidelines (effective 1 Jan 2021); the other engineers and landscape
# architects file under the kernel's structural-engineer and architect pathways; Chinese medicine
# practitioners and dentists hold the short-term medical licence like physicians.
PROFESSION = Concept(
    "profession",
    [
        _profession("lawyer", "legal", "lawyer", "Lawyer", "律师", "律師"),
        _profession("architect", "construction", "architect", "Architect", "建筑师", "建築師"),
        _profession(
            "structural_engineer",
            "construction",
            "structural_engineer",
            "Structural engineer",
            "结构工程师",
            "結構工程師",
        ),
        _profession(
            "building_services_engineer",
            "construction",
            "structural_engineer",
            "Building services engineer",
            "建筑设备工程师",
            "屋宇裝備工程師",
        ),
        _profession(
            "civil_engineer", "construction", "structural_engineer", "Civil engineer", "土木工程师", "土木工程師"
        ),
        _profession(
            "geotechnical_engineer",
            "construction",
            "structural_engineer",
            "Geotechnical engineer",
            "岩土工程师",
            "岩土工程師",
        ),
        _profession("quantity_surveyor", "construction", "surveyor", "Quantity surveyor", "工料测量师", "工料測量師"),
        _profession("building_surveyor", "construction", "surveyor", "Building surveyor", "建筑测量师", "建築測量師"),
        _profession("landscape_architect", "construction", "architect", "Landscape architect", "园境师", "園境師"),
        _profession("planner", "urban_planning", "planner", "Planner", "规划师", "規劃師"),
        _profession("physician", "medical", "doctor", "Medical practitioner", "医师", "醫生"),
        _profession(
            "chinese_medicine_practitioner",
            "medical",
            "doctor",
            "Chinese medicine practitioner",
            "中医师",
            "中醫師",
        ),
        _profession("dentist", "medical", "doctor", "Dentist", "牙医", "牙醫"),
        _profession("pharmacist", "medical", None, "Pharmacist", "药剂师", "藥劑師"),
        _profession("nurse", "medical", None, "Nurse", "护士", "護士"),
        _profession("physiotherapist", "medical", None, "Physiotherapist", "物理治疗师", "物理治療師"),
        _profession("tour_guide", "tourism", "tour_guide", "Tour guide", "导游", "導遊"),
        _profession("tour_escort", "tourism", None, "Tour escort", "领队", "領隊"),
        _profession("tax_adviser", "tax", "tax_adviser", "Tax adviser", "税务师", "稅務師"),
        _profession("veterinary_surgeon", "veterinary", "veterinarian", "Veterinary surgeon", "兽医师", "獸醫"),
        _profession("teacher", "education", "teacher", "Teacher", "教师", "教師"),
        _profession(
            "certified_public_accountant",
            "accounting",
            None,
            "Certified public accountant",
            "注册会计师",
            "執業會計師",
        ),
        _profession("insurance_intermediary", "finance", None, "Insurance intermediary", "保险中介", "保險中介"),
    ],
)


@dataclass(frozen=True, kw_only=True)
class PracticeField(Term):
    profession: str  # the PROFESSION an application in this field names unless the person chooses another


def _field(code: str, profession: str, en: str, zh_hans: str, zh_hant: str) -> PracticeField:
    return PracticeField(code, en, zh_hans, zh_hant, profession=profession)


# The kernel's practice fields, in the order its pathway parameters are indexed by ("none" first, see below).
PRACTICE_FIELD = Concept(
    "practice_field",
    [
        _field("lawyer", "lawyer", "Lawyer", "律师", "律師"),
        _field("architect", "architect", "Architect", "建筑师", "建築師"),
        _field("structural_engineer", "structural_engineer", "Structural engineer", "结构工程师", "結構工程師"),
        _field("surveyor", "quantity_surveyor", "Surveyor", "测量师", "測量師"),
        _field("planner", "planner", "Planner", "规划师", "規劃師"),
        _field("doctor", "physician", "Doctor", "医师", "醫生"),
        _field("tour_guide", "tour_guide", "Tour guide", "导游", "導遊"),
        _field("tax_adviser", "tax_adviser", "Tax adviser", "税务师", "稅務師"),
        _field("teacher", "teacher", "Teacher", "教师", "教師"),
        _field("veterinarian", "veterinary_surgeon", "Veterinarian", "兽医", "獸醫"),
    ],
)
NO_PRACTICE_FIELD = Term("none", "No regulated field", "无受规管专业", "無受規管專業")

# Profession -> the kernel's practice field (professions without one are absent), and back.
PRACTICE_FIELD_OF: dict[str, str] = {p.code: p.practice_field for p in PROFESSION if p.practice_field}
DEFAULT_PROFESSION: dict[str, str] = {field.code: field.profession for field in PRACTICE_FIELD}


def practice_field_of(profession: str) -> str:
    """The kernel's practice field of a reference profession, `none` when no pathway covers it."""
    return PRACTICE_FIELD_OF.get(profession, NO_PRACTICE_FIELD.code)


def default_profession(practice_field: str) -> str:
    """The reference profession an application in the kernel's `practice_field` names by default ("" for none)."""
    return DEFAULT_PROFESSION.get(practice_field, "")


def professions_of(practice_field: str) -> tuple[str, ...]:
    """The reference professions that practise under the kernel's `practice_field`, in reference order."""
    return tuple(code for code, field in PRACTICE_FIELD_OF.items() if field == practice_field)


# How a pathway works (DOMAIN: registration/record filing, administrative confirmation, exam, short-term licence).
PRACTICE_MECHANISM = Concept(
    "practice_mechanism",
    [
        Term("record_filing", "Registration or record filing", "登记或备案", "登記或備案"),
        Term(
            "administrative_confirmation",
            "Administrative confirmation (practise first, confirm within one month)",
            "行政确认（先执业，一个月内确认）",
            "行政確認（先執業，一個月內確認）",
        ),
        Term("examination_licence", "Examination-based licence", "考试取得执业证", "考試取得執業證"),
        Term("short_term_licence", "Short-term licence", "短期执业许可", "短期執業許可"),
    ],
)
NO_PATHWAY = Term("none", "No pathway", "无执业途径", "無執業途徑")

# Where a pathway applies: a zone's own pathway, or the nine cities'.
PATHWAY_SCOPE = Concept(
    "pathway_scope",
    [
        Term("zone", "Zone-specific pathway", "区域专门途径", "區域專門途徑"),
        Term("nine_cities", "Nine-cities pathway", "内地九市途径", "內地九市途徑"),
    ],
)
