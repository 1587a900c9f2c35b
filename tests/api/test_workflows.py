"""The public workflow description says which fields the platform sets and which documents each kind needs."""


def test_workflows_name_platform_fields_and_the_workflows_own_documents(anonymous, reference):
    workflows = {w["kind"]: w for w in anonymous.get("/workflows").json()}

    practice = {f["name"]: f["set_by"] for f in workflows["practice_registration"]["payload"]}
    assert sorted(name for name, by in practice.items() if by == "platform") == [
        "check",
        "field",
        "home_jurisdiction",
        "renewal_of",
        "zone",
    ]
    assert practice["licence_number"] == "applicant"
    claim = workflows["benefit_claim"]["documents"]
    assert [(d["document_type"], d["when"]) for d in claim] == [
        ("identity_card", {}),
        ("employment_end_proof", {"benefit": ["unemployment"]}),
        ("work_ability_assessment", {"benefit": ["work_injury"]}),
        ("termination_request", {"benefit": ["lump_sum"]}),
    ]
    assert claim[0]["labels"]["zh_hant"] == "港澳永久性居民身份證"
    assert workflows["practice_registration"]["documents"] == []  # the pathway's list comes with each case
