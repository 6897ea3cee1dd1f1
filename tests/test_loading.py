"""Loading user files: the same checks as the bundled data, every problem at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import guizhou_bigdata as gb

from .helpers import METRIC, PLACE, SOURCE, fact, write


def load(tmp_path: Path, text: str) -> gb.Registry:
    return gb.load_registry(write(tmp_path, "facts.toml", text), bundled=False)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(gb.RegistryError) as caught:
        load(tmp_path, text)
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_user_file_loads(tmp_path: Path) -> None:
    registry = load(tmp_path, SOURCE + PLACE + METRIC + fact())
    loaded = registry.fact("testville.widgets.2019")
    assert loaded.value == Decimal(5000)
    assert loaded.bound is gb.Bound.MORE_THAN
    assert loaded.quantity == gb.Q_(5000, "enterprise")
    assert loaded.citations[0].source.title == "A test article"
    assert registry.preferred("widgets", 2019) is loaded


def test_user_file_on_top_of_bundled_data(tmp_path: Path) -> None:
    text = (PLACE + METRIC + fact()).replace("test-source", "chinadaily-2019-10-02")
    registry = gb.load_registry(write(tmp_path, "mine.toml", text))
    assert registry.fact("testville.widgets.2019").citations[0].source.publisher == "China Daily"
    assert registry.preferred("digital_economy_growth", 2018).value == Decimal("24.6")


def test_every_problem_is_listed_with_file_record_and_field(tmp_path: Path) -> None:
    text = (
        SOURCE
        + PLACE
        + METRIC
        + fact(id='"a"', unit='"server"')
        + fact(id='"b"', metric='"widgetz"')
        + fact(id='"c"', period='"2019-13"')
        + fact(id='"d"', colour='"blue"')
        + fact(id='"e"', quote='"Testville had many enterprises."')
        + fact(id='"f"', bound='"roughly"')
    )
    found = problems(tmp_path, text)
    assert len(found) == 6
    joined = "\n".join(found)
    assert (
        "facts.toml: fact[0] (id 'a') unit: unit 'server' does not fit metric 'widgets'" in joined
    )
    assert "fact[1] (id 'b') metric: unknown metric 'widgetz'; did you mean 'widgets'?" in joined
    assert "fact[2] (id 'c') period: cannot read period '2019-13'" in joined
    assert "fact[3] (id 'd'): extra fields found (colour)" in joined
    assert "fact[4] (id 'e') quote: the quote does not write the value 5000" in joined
    assert "fact[5] (id 'f') bound: 'roughly' is not a valid Bound: expected one of" in joined


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"quote": ""}, "required field missing"),
        ({"value": '"5,000"'}, "not a plain decimal"),
        ({"value": "true"}, "expected the value as a string of digits"),
        ({"value": "nan"}, "not a plain decimal"),
        ({"value": "inf"}, "not a plain decimal"),
        ({"unit": '"enterprise**10**10**10"'}, "is not allowed"),
        ({"unit": '"widget"'}, "'widget', which is not defined"),
        ({"subject": '"nowhere"'}, "unknown subject 'nowhere'"),
        ({"source": '"nobody"'}, "unknown source 'nobody'"),
        ({"quality": '["garbled"]'}, "a flagged fact must give the reason in its note"),
        ({"quality": '"garbled"'}, "expected an array"),
        ({"value": '""'}, "a fact with no readable value must give the figure as printed"),
        ({"as_written": '"more than 6,000"'}, "does not stand in the quote"),
        ({"as_written": '"more than 5,000"', "value": '"6000"'}, "is not a reading of"),
        ({"scale": '"million"'}, "scale word 'million' is not in the quote"),
        ({"derived_from": '["nothing"]', "method": '"sum"'}, "unknown fact 'nothing'"),
        ({"id": '"Bad Id"'}, "is not valid: use lower-case letters"),
        ({"quote": '"' + "Testville had more than 5,000 enterprises. " * 8 + '"'}, "too long"),
    ],
)
def test_each_kind_of_bad_fact_is_explained(
    tmp_path: Path, overrides: dict[str, str], expected: str
) -> None:
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(**overrides))
    assert any(expected in problem for problem in found), found


def test_duplicate_ids_name_the_first_place(tmp_path: Path) -> None:
    found = problems(tmp_path, SOURCE + PLACE + PLACE + METRIC + fact() + fact())
    assert any("duplicate entity id 'testville', first in" in p for p in found)
    assert any("duplicate fact id 'testville.widgets.2019'" in p for p in found)


def test_entity_without_citations_is_refused(tmp_path: Path) -> None:
    text = SOURCE + PLACE.replace(
        'citations = [{ source = "test-source", quote = "Testville grew." }]', "citations = []"
    )
    assert any("needs at least one citation" in p for p in problems(tmp_path, text))


def test_metric_unit_dimension_and_reference_checks(tmp_path: Path) -> None:
    text = SOURCE + PLACE + METRIC.replace('"testville"', '"atlantis"')
    assert any("default_subject: unknown entity 'atlantis'" in p for p in problems(tmp_path, text))


def test_not_toml_and_not_utf8_are_reported_per_file(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", "[[fact]\nid = 1")
    (tmp_path / "b.toml").write_bytes(b"title = '\xff\xfe'")
    write(tmp_path, "c.toml", "[[factz]]\nid = 'x'")
    write(tmp_path, "d.toml", "[fact]\nid = 'x'")
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(tmp_path, bundled=False)
    found = [str(p) for p in caught.value.problems]
    assert any("a.toml" in p and "not valid TOML" in p for p in found)
    assert any("b.toml" in p and "not valid UTF-8" in p for p in found)
    assert any("c.toml" in p and "unknown table 'factz'" in p for p in found)
    assert any("d.toml" in p and "must be an array of tables" in p for p in found)


def test_missing_path_is_a_registry_error(tmp_path: Path) -> None:
    with pytest.raises(gb.RegistryError, match="no such file or folder"):
        gb.load_registry(tmp_path / "absent.toml")


def test_a_failed_load_leaves_the_default_registry_untouched(tmp_path: Path) -> None:
    before = gb.default_registry()
    with pytest.raises(gb.RegistryError):
        gb.load_registry(write(tmp_path, "bad.toml", fact(metric='"nothing"')))
    assert gb.default_registry() is before


def test_registry_error_message_counts_and_lists(tmp_path: Path) -> None:
    with pytest.raises(gb.RegistryError) as caught:
        load(tmp_path, SOURCE + PLACE + METRIC + fact(bound='"x"') + fact(id='"z"', unit='"y"'))
    message = str(caught.value)
    assert message.startswith("2 problems in the data files:")
    assert message.count("\n  - ") == 2


def test_registry_error_pickles() -> None:
    import pickle

    error = gb.RegistryError([gb.Problem("f.toml", "fact[0]", "bad")])
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems
    assert str(again) == str(error)
