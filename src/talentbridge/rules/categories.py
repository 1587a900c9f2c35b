"""Category enums shared by variables, parameters (as array indices), snapshots and the CLI."""

from openfisca_core.indexed_enums import Enum


class WorkCity(Enum):
    guangzhou = "Guangzhou"
    shenzhen = "Shenzhen"
    zhuhai = "Zhuhai"
    foshan = "Foshan"
    huizhou = "Huizhou"
    dongguan = "Dongguan"
    zhongshan = "Zhongshan"
    jiangmen = "Jiangmen"
    zhaoqing = "Zhaoqing"


class PracticeField(Enum):
    none = "No regulated field"
    lawyer = "Lawyer"
    architect = "Architect"
    structural_engineer = "Structural engineer"
    surveyor = "Surveyor"
    planner = "Planner"
    doctor = "Doctor"
    tour_guide = "Tour guide"
    tax_adviser = "Tax adviser"
    teacher = "Teacher"
    veterinarian = "Veterinarian"


class PracticeZone(Enum):
    nine_cities = "The nine mainland GBA cities, outside any special zone"
    qianhai = "Qianhai (Shenzhen)"
    hengqin = "Hengqin (Zhuhai)"
    nansha = "Nansha (Guangzhou)"
    huangpu = "Huangpu (Guangzhou)"


class HomeJurisdiction(Enum):
    hong_kong = "Hong Kong SAR"
    macao = "Macao SAR"


class PracticeMechanism(Enum):
    none = "No pathway"
    record_filing = "Registration or record filing"
    administrative_confirmation = "Administrative confirmation"
    examination_licence = "Examination-based licence"
    short_term_licence = "Short-term licence"


class PracticePathwayScope(Enum):
    none = "No pathway"
    zone = "Zone-specific pathway"
    nine_cities = "Nine-cities pathway"


class TalentCategory(Enum):
    none = "Not a talent category"
    outstanding = "Outstanding talent"
    research = "Research talent"
    culture_education = "Culture and education talent"
    health = "Health talent"
    legal = "Legal talent"
    other = "Other talent"


class EducationLevel(Enum):
    none = "No formal qualification"
    secondary = "Secondary"
    sub_degree = "Sub-degree"
    bachelor = "Bachelor's degree"
    postgraduate = "Postgraduate degree"


ENUMS: dict[str, type[Enum]] = {
    "work_city": WorkCity,
    "practice_field": PracticeField,
    "practice_zone": PracticeZone,
    "home_jurisdiction": HomeJurisdiction,
    "practice_mechanism": PracticeMechanism,
    "practice_pathway_scope": PracticePathwayScope,
    "talent_category": TalentCategory,
    "education_level": EducationLevel,
}
