"""People: talent categories, professional titles, education, sex.

Labels of the talent categories are the National Immigration Administration's (杰出、科研、文教、卫健、法律、其他人才;
DOMAIN, section 2). The generator records a person's education in five levels (`EDUCATION`); the rules kernel reads
four and none (`EDUCATION_LEVEL`): `Education.level` is the one translation between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from talentbridge.vocabulary.terms import Concept, Term

# The six categories of the talent endorsement (往来港澳人才签注), in force 20 Feb 2023.
TALENT_CATEGORY = Concept(
    "talent_category",
    [
        Term("outstanding", "Outstanding talent", "杰出人才", "傑出人才"),
        Term("research", "Research talent", "科研人才", "科研人才"),
        Term("culture_education", "Culture and education talent", "文教人才", "文教人才"),
        Term("health", "Health talent", "卫健人才", "衞健人才"),
        Term("legal", "Legal talent", "法律人才", "法律人才"),
        Term("other", "Other talent", "其他人才", "其他人才"),
    ],
)
# The kernel's answer for a person in none of them.
NO_TALENT_CATEGORY = Term("none", "Not a talent category", "不属人才类别", "不屬人才類別")

# Mainland professional and technical titles (职称); HK and Macao residents usually hold none.
PROFESSIONAL_TITLE = Concept(
    "professional_title",
    [
        Term("none", "No professional title", "无职称", "無職稱"),
        Term("junior", "Junior (初级)", "初级", "初級"),
        Term("intermediate", "Intermediate (中级)", "中级", "中級"),
        Term("associate_senior", "Associate senior (副高)", "副高级", "副高級"),
        Term("senior", "Senior (正高)", "正高级", "正高級"),
    ],
)
NO_PROFESSIONAL_TITLE = PROFESSIONAL_TITLE["none"].code

# The kernel's education levels, lowest first (a minimum compares by this order).
EDUCATION_LEVEL = Concept(
    "education_level",
    [
        Term("none", "No formal qualification", "无正式学历", "無正式學歷"),
        Term("secondary", "Secondary", "中学", "中學"),
        Term("sub_degree", "Sub-degree", "副学位", "副學位"),
        Term("bachelor", "Bachelor's degree", "学士学位", "學士學位"),
        Term("postgraduate", "Postgraduate degree", "研究生学位", "研究生學位"),
    ],
)


@dataclass(frozen=True, kw_only=True)
class Education(Term):
    level: str  # the kernel's EDUCATION_LEVEL


# A person's highest qualification as the population generator records it.
EDUCATION = Concept(
    "education",
    [
        Education("secondary", "Secondary", "中学", "中學", level="secondary"),
        Education("sub_degree", "Sub-degree", "副学位", "副學位", level="sub_degree"),
        Education("bachelor", "Bachelor's degree", "学士学位", "學士學位", level="bachelor"),
        Education("master", "Master's degree", "硕士学位", "碩士學位", level="postgraduate"),
        Education("doctorate", "Doctorate", "博士学位", "博士學位", level="postgraduate"),
    ],
)
EDUCATION_LEVEL_OF: dict[str, str] = {education.code: education.level for education in EDUCATION}

SEX = Concept("sex", [Term("F", "Female", "女", "女"), Term("M", "Male", "男", "男")])
