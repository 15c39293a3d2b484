"""The reports centre's choices of other areas' records (schools, classes, instructors, terms, funding
sources) come through those areas' public queries: the demo's records, in their lists' order."""

from __future__ import annotations

from chemcluster_desktop.services import procurement, report_filters, schedule


def test_choices_follow_the_areas_public_lists(demo_db):
    schools = report_filters.choices("school")
    assert schools and [v for v, _l in schools] == sorted(v for v, _l in schools)
    assert {v for v, _l in schools} == {s["name"] for s in schedule.list_schools()}
    classes = report_filters.choices("class_")
    assert classes and all(label.startswith(v + " — ") for v, label in classes)
    assert {label.split(" — ", 1)[1] for _v, label in classes} <= {s["name"] for s in schedule.list_schools()}
    instructors = [v for v, _l in report_filters.choices("instructor")]
    assert instructors and instructors == sorted(instructors)
    terms = report_filters.choices("term")
    assert [v for v, _l in terms] == [t["name"] for t in schedule.list_terms()]
    sources = dict(report_filters.choices("source"))
    assert sources == {s.code: s.name for s in procurement.list_sources()} and sources
