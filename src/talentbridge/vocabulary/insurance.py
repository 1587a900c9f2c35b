"""Social insurance: the insurance schemes, the social security systems contributions are paid into, benefits.

An insurance scheme (险种: pension, unemployment, …) is what a contribution record of the platform is for; a
social security system (Guangdong's employee insurance, Hong Kong's MPF, Macao's fund) is where a generated
person's contributions were paid. Interim Measures, MOHRSS/NHSA Order No. 41 (in force 1 Jan 2020).
"""

from __future__ import annotations

from talentbridge.vocabulary.terms import Concept, Term

INSURANCE_SCHEME = Concept(
    "insurance_scheme",
    [
        Term("pension", "Basic pension insurance", "基本养老保险", "基本養老保險"),
        Term("unemployment", "Unemployment insurance", "失业保险", "失業保險"),
        Term("work_injury", "Work injury insurance", "工伤保险", "工傷保險"),
        Term("medical", "Medical insurance", "医疗保险", "醫療保險"),
        Term("maternity", "Maternity insurance", "生育保险", "生育保險"),
    ],
)
# Macao residents in Macao's first-tier social security may opt out of these (Order No. 41, Art. 9).
EXEMPTIBLE_SCHEMES = frozenset({"pension", "unemployment"})

SOCIAL_SECURITY_SYSTEM = Concept(
    "social_security_system",
    [
        Term(
            "gd_employee",
            "Guangdong employee social insurance (five insurances)",
            "广东职工社会保险（五险）",
            "廣東職工社會保險（五險）",
        ),
        Term(
            "gd_flexible",
            "Guangdong flexible-employment pension and medical insurance",
            "广东灵活就业人员养老和医疗保险",
            "廣東靈活就業人員養老和醫療保險",
        ),
        Term("hk_mpf", "Hong Kong Mandatory Provident Fund", "香港强制性公积金", "香港強制性公積金"),
        Term("mo_fss", "Macao Social Security Fund", "澳门社会保障基金", "澳門社會保障基金"),
    ],
)

# What a claim asks for and an award grants.
BENEFIT = Concept(
    "benefit",
    [
        Term("pension", "Basic pension", "基本养老金", "基本養老金"),
        Term("unemployment", "Unemployment benefit", "失业保险金", "失業保險金"),
        Term("work_injury", "Work injury benefit", "工伤保险待遇", "工傷保險待遇"),
        Term(
            "lump_sum",
            "Personal account paid in one sum on leaving the mainland",
            "离开内地时个人账户一次性支付",
            "離開內地時個人帳戶一次性支付",
        ),
    ],
)

# Retirement categories of the statutory retirement age (men; women in cadre and in worker posts).
RETIREMENT_CATEGORY = Concept(
    "retirement_category",
    [
        Term("man", "Man", "男性", "男性"),
        Term("female_cadre", "Woman, cadre post", "女性，干部岗位", "女性，幹部職位"),
        Term("female_worker", "Woman, worker post", "女性，工人岗位", "女性，工人職位"),
    ],
)

# How unemployment benefit is paid (the one-off option: Yuefu [2020] No. 67).
PAYMENT_OPTION = Concept(
    "payment_option",
    [
        Term("monthly", "Monthly", "按月领取", "按月領取"),
        Term("one_off", "One-off payment", "一次性领取金额", "一次性領取金額"),
    ],
)

# Work-injury disability grades, 1 (most severe) to 10 (Regulation on Work-Related Injury Insurance).
DISABILITY_GRADES: tuple[int, ...] = tuple(range(1, 11))
