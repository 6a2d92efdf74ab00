"""The unit tree through the API: validity in time, the 2025 reform's successions, search, organisations."""

from danvan.petitions.tests.factories import organisation


def test_it_lists_the_provinces_valid_on_a_day(personas, api):
    client = api(personas.officer_a)
    today = client.get("/api/v1/units").json()
    assert [u["name"] for u in today["items"]] == ["Tỉnh Thử"]
    assert today["count"] == 1 and today["page"] == 1

    before = client.get("/api/v1/units", {"day": "2025-06-30"}).json()
    assert [u["name"] for u in before["items"]] == ["Tỉnh Cũ"]
    assert before["items"][0]["is_current"] is False and before["items"][0]["valid_to"] == "2025-06-30"

    districts = client.get("/api/v1/units", {"day": "2025-06-30", "level": "district"}).json()
    assert [u["name"] for u in districts["items"]] == ["Huyện Cầu Ngang"]
    assert client.get("/api/v1/units", {"level": "district"}).json()["count"] == 0


def test_it_walks_the_tree_down_and_up(personas, api):
    tree, client = personas.tree, api(personas.officer_a)
    children = client.get(f"/api/v1/units/{tree.province.pk}/children", {"page_size": 1}).json()
    assert children["count"] == 2 and len(children["items"]) == 1
    second = client.get(f"/api/v1/units/{tree.province.pk}/children", {"page_size": 1, "page": 2}).json()
    assert {children["items"][0]["code"], second["items"][0]["code"]} == {"90001", "90002"}

    detail = client.get(f"/api/v1/units/{tree.commune_a.pk}").json()
    assert [a["name"] for a in detail["ancestors"]] == ["Việt Nam", "Tỉnh Thử"]
    assert detail["children_count"] == 0


def test_it_follows_the_2025_merger_both_ways(personas, api):
    tree, client = personas.tree, api(personas.officer_a)
    successors = client.get(f"/api/v1/units/{tree.old_commune_2.pk}/successors").json()
    assert [(s["unit"]["name"], s["share"], s["is_primary"]) for s in successors] == [
        ("Xã An Bình", 0.5, True),
        ("Xã Bình Yên", 0.5, False),
    ]
    predecessors = client.get(f"/api/v1/units/{tree.commune_a.pk}/predecessors").json()
    assert {p["unit"]["name"] for p in predecessors} == {"Thị trấn Cầu Ngang", "Xã Cũ Hai"}
    current = client.get(f"/api/v1/units/{tree.old_commune_2.pk}/current").json()
    assert current["name"] == "Xã An Bình" and current["is_current"] is True


def test_it_finds_units_by_code_and_by_name(personas, api):
    client = api(personas.officer_a)
    # Code 90001 belongs to a commune before and after the reform: the day decides which.
    assert client.get("/api/v1/units/by-code/90001").json()["name"] == "Xã An Bình"
    old = client.get("/api/v1/units/by-code/90001", {"day": "2024-01-01"}).json()
    assert old["name"] == "Thị trấn Cầu Ngang"
    assert client.get("/api/v1/units/by-code/00000").status_code == 404

    found = client.get("/api/v1/units/search", {"q": "binh yen"}).json()
    assert [u["name"] for u in found] == ["Xã Bình Yên"]
    assert client.get("/api/v1/units/search", {"q": "cau ngang", "day": "2025-07-02"}).json() == []
    assert client.get("/api/v1/units/search").status_code == 422


def test_it_lists_a_units_organisations(personas, api):
    committee = organisation(personas.tree.commune_a)
    rows = api(personas.officer_a).get(f"/api/v1/units/{personas.tree.commune_a.pk}/organisations").json()
    assert committee.pk in {r["id"] for r in rows}
    assert any(r["kind"] == "peoples_committee" for r in rows)


def test_it_lists_topics_by_group_and_meeting_types(personas, api):
    client = api(personas.officer_a)
    groups = client.get("/api/v1/topics").json()
    infrastructure = next(g for g in groups if g["code"] == "ha-tang")
    assert "giao-thong-nong-thon" in {t["code"] for t in infrastructure["topics"]}
    assert (
        "đường"
        in next(t for t in infrastructure["topics"] if t["code"] == "giao-thong-nong-thon")["keywords"]
    )
    types = client.get("/api/v1/meeting-types").json()
    assert any(t["code"] == "hoi-nghi-chi-bo-ap" for t in types)


def test_it_refuses_impossible_parameters_without_a_server_error(personas, api):
    client = api(personas.officer_a)
    assert client.get("/api/v1/units/99999999999999999999").status_code in (404, 422)
    assert client.get("/api/v1/units", {"day": "2025-13-45"}).status_code == 422
    assert client.get("/api/v1/units", {"page": "100001"}).status_code == 422
    assert client.get("/api/v1/units/search", {"q": "a\x00b"}).status_code == 422
