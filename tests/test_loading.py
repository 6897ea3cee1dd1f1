"""Loading user files: the same checks as the bundled data, every problem at once."""

from __future__ import annotations

import difflib
import gc
import os
import threading
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.store import loading, quotes

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
    assert "fact[3] (id 'd'): unknown key 'colour'" in joined
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


# Regressions found by fuzzing (tests/test_fuzz_loading.py) ------------------------------


def test_an_integer_literal_too_long_for_python_is_a_problem(tmp_path: Path) -> None:
    """tomllib raised a bare ValueError for an integer of more than 4300 digits."""
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(value="1" + "0" * 5000))
    assert found == [
        f"{tmp_path / 'facts.toml'}: not valid TOML: an integer of more than 4300 digits; "
        'values are strings of digits such as "208.542"'
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"' + "1" * 10_000 + '"', "has 10000 digits: at most 28 digits are kept exactly"),
        ('"' + "9" * 29 + '"', "has 29 digits: at most 28 digits are kept exactly"),
        (str(10**400), "has more than 28 digits"),
        ('"٥٠٠٠"', "is not a plain decimal"),
    ],
)
def test_values_too_long_to_keep_exactly_or_not_ascii_are_refused(
    tmp_path: Path, value: str, expected: str
) -> None:
    """A 10,000-digit value crashed the quote check (int() of > 4300 digits); one of 29
    digits was rounded silently when scaled; Arabic-Indic digits were read as 5000."""
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(value=value))
    assert len(found) == 1
    assert "fact[0] (id 'testville.widgets.2019') value: value " in found[0]
    assert expected in found[0]
    assert len(found[0]) < 400


def test_renderings_of_a_very_long_value() -> None:
    from guizhou_bigdata.core.figures import renderings

    plain, grouped = renderings(Decimal("1" + "0" * 5001))
    assert grouped == "1" + ",000" * 1667
    assert grouped.replace(",", "") == plain
    assert renderings(Decimal("-1234567.5")) == ("-1234567.5", "-1,234,567.5")


@pytest.mark.parametrize("unit", ['"nan"', '"NaN"', '"enterprise / nan"'])
def test_nan_is_not_a_unit(tmp_path: Path, unit: str) -> None:
    """Pint reads 'nan' as a number and raised ValueError past the grammar check."""
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(unit=unit))
    assert len(found) == 1
    assert "unit: unit" in found[0]
    assert "'nan' is a number to Pint, not a unit" in found[0]


def test_unit_errors_from_pint_become_unit_errors() -> None:
    from guizhou_bigdata.core.units import parse_unit

    with pytest.raises(gb.UnitError, match="'nan' is a number"):
        parse_unit("NaN")


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ('"２０１９"', "cannot read period '２０１９': expected YYYY"),
        ('"0000"', "cannot read period '0000': years run from 0001 to 9999"),
        ('"2018-02-30"', "day is out of range for month (expected a real calendar date"),
        ('"2019/2018"', "it ends before it starts"),
    ],
)
def test_periods_with_odd_digits_and_impossible_dates(
    tmp_path: Path, period: str, expected: str
) -> None:
    """Full-width digits were read as 2019 (and printed back as ASCII)."""
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(period=period))
    assert len(found) == 1
    assert expected in found[0]


def test_a_citation_that_is_not_a_table_is_explained(tmp_path: Path) -> None:
    """cattrs reported "unknown error ('str' object has no attribute 'keys')"."""
    place = PLACE.replace(
        'citations = [{ source = "test-source", quote = "Testville grew." }]',
        'citations = ["Testville grew.", 5]',
    )
    found = problems(tmp_path, SOURCE + place + METRIC + fact(more_citations='["It had 5,000."]'))
    # The place did not load, but references to it are not reported as unknown.
    assert len(found) == 3, found
    joined = "\n".join(found)
    assert (
        "place[0] (id 'testville') citations[0]: expected a citation table "
        '{ source = "...", quote = "..." }, got str \'Testville grew.\'' in joined
    )
    assert "citations[1]: expected a citation table" in joined
    assert "more_citations[0]: expected a citation table" in joined
    assert "unknown error" not in joined


GDP_METRICS = """
[[metric]]
id = "gdp"
label = "GDP"
kind = "flow"
unit = "yuan"

[[metric]]
id = "gdp_nominal_growth"
label = "GDP nominal growth"
kind = "growth_rate"
unit = "percent"
basis = "nominal"
growth_of = "gdp"
"""


def gdp(year: int, value: str) -> str:
    return fact(
        id=f'"testville.gdp.{year}"',
        metric='"gdp"',
        period=f'"{year}"',
        value=f'"{value}"',
        unit='"yuan"',
        bound='"exact"',
        quote=f'"GDP was {value} yuan in {year}."',
    )


@pytest.mark.parametrize(
    ("first", "second", "growth"),
    [
        ("0", "5", None),
        ("0", "0", None),
        ("0.000000000000000000000000001", "1000000000000000000000000000", Decimal("1e56")),
    ],
)
def test_derived_growth_from_zero_or_extreme_levels(
    tmp_path: Path, first: str, second: str, growth: Decimal | None
) -> None:
    """A zero level raised decimal.DivisionByZero; a huge quotient decimal.InvalidOperation."""
    registry = load(tmp_path, SOURCE + PLACE + GDP_METRICS + gdp(2018, first) + gdp(2019, second))
    derived = registry.facts(metric="gdp_nominal_growth")
    if growth is None:
        assert derived == ()
    else:
        assert len(derived) == 1
        assert derived[0].value is not None
        assert abs(derived[0].value - growth) < 1


def test_a_fact_whose_id_a_derived_fact_takes_names_its_own_file(tmp_path: Path) -> None:
    """The problem was filed under '<derived>', not the file and record that hold the id."""
    taken = fact(
        id='"testville.gdp_nominal_growth.2019.derived"',
        metric='"gdp_nominal_growth"',
        unit='"percent"',
        value='"25"',
        bound='"exact"',
        quote='"It grew 25 percent."',
    )
    found = problems(
        tmp_path, SOURCE + PLACE + GDP_METRICS + gdp(2018, "4") + gdp(2019, "5") + taken
    )
    assert found == [
        f"{tmp_path / 'facts.toml'}: fact[2] (id 'testville.gdp_nominal_growth.2019.derived') "
        "id: id 'testville.gdp_nominal_growth.2019.derived' is the id of a fact the library "
        "derives ((testville.gdp.2019 / testville.gdp.2018 - 1) x 100: growth of "
        "the current-price level); give this fact another id"
    ]


@pytest.mark.parametrize(
    "overrides",
    [
        {"id": '"' + "A" * 100_000 + '"'},
        {"unit": "[" * 200 + "]" * 200},
        {"quote": '"' + "x" * 100_000 + '"', "as_written": '"more than 5,000"'},
        {"metric": '"' + "m" * 100_000 + '"'},
        {"period": '"' + "2019" * 10_000 + '"'},
        {"bound": '"' + "b" * 100_000 + '"'},
    ],
)
def test_messages_quote_bad_values_briefly(tmp_path: Path, overrides: dict[str, str]) -> None:
    """A message quoted a bad value whole: a 100,000-character id, a 200-deep array."""
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(**overrides))
    assert found
    assert all(len(problem) < 600 for problem in found), [p[:200] for p in found]


def test_a_byte_order_mark_is_explained(tmp_path: Path) -> None:
    """tomllib's "Invalid statement (at line 1, column 1)" did not say what was wrong."""
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (SOURCE + PLACE + METRIC + fact()).encode("utf-8"))
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(path, bundled=False)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path}: byte 0: file starts with a UTF-8 byte-order mark, which TOML does not "
        "allow: save it as UTF-8 without BOM"
    ]


def test_an_uncited_entity_with_a_very_long_id_is_explained_briefly(tmp_path: Path) -> None:
    """The entity validator quoted the whole id (found with a 10,000-character id)."""
    place = PLACE.replace('"testville"', '"' + "t" * 100_000 + '"').replace(
        'citations = [{ source = "test-source", quote = "Testville grew." }]', "citations = []"
    )
    found = problems(tmp_path, SOURCE + place)
    assert len(found) == 1
    assert "needs at least one citation, got ()" in found[0]
    assert len(found[0]) < 400


def test_a_path_the_system_cannot_even_look_up_is_a_problem(tmp_path: Path) -> None:
    """Path.is_dir() raised OSError (file name too long) out of load_registry."""
    name = tmp_path / ("x" * 5000)
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(name, tmp_path / "a\x00b.toml", bundled=False)
    found = caught.value.problems
    assert [problem.file for problem in found] == [str(name), str(tmp_path / "a\x00b.toml")]
    assert "cannot read file or folder: File name too long" in found[0].message
    assert found[1].message == "not a valid file name (embedded null byte)"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"derived_from": '["testville.widgets.2019"]', "method": '"copy"', "quote": '""'},
            "fact[1] (id 'd') quote: the quote is empty",
        ),
        (
            {"more_citations": '[{ source = "test-source", quote = "" }]'},
            "fact[1] (id 'd') more_citations[0]: the quote is empty",
        ),
        (
            {"quote": '"' + "5000 " * 2_000_000 + '"'},
            "fact[1] (id 'd') quote: quote of 10000000 characters is too long",
        ),
    ],
)
def test_empty_and_huge_quotes_are_problems(
    tmp_path: Path, overrides: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty quote on a derived fact or in more_citations raised attrs' ValueError out of
    the loader; a 10 MB quote was searched for the figure (seconds) before being refused.

    The length is checked first: no quote over the limit reaches the figure search.
    """
    searched: list[int] = []
    for name in ("quote_states", "scale_words_after"):
        search = getattr(quotes, name)

        def spy(quote: str, *rest: Any, search: Callable[..., Any] = search) -> Any:
            searched.append(len(quote))
            return search(quote, *rest)

        monkeypatch.setattr(quotes, name, spy)
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact() + fact(id='"d"', **overrides))
    assert searched, "the valid fact's quote is searched for its figure"
    assert max(searched) <= loading.MAX_QUOTE_LENGTH
    assert len(found) == 1
    assert expected in found[0]


def test_an_entity_citation_with_an_empty_quote_is_explained(tmp_path: Path) -> None:
    found = problems(tmp_path, SOURCE + PLACE.replace('quote = "Testville grew."', 'quote = ""'))
    assert found == [
        f"{tmp_path / 'facts.toml'}: place[0] (id 'testville') citations[0]: the quote is "
        "empty: give the words of the source that name it"
    ]


def test_thousands_of_broken_references_are_refused_quickly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each 'did you mean' compared the name with every id: 500 broken references among
    1,000 similar ids took 5 s; hints now stop after the first MAX_HINTS.

    Counted, not timed: the comparisons with every id are difflib searches.
    """
    from guizhou_bigdata.store.loading import MAX_HINTS

    searches: list[str] = []
    compare = difflib.get_close_matches

    def counted(name: str, options: list[str], *rest: Any, **named: Any) -> list[str]:
        searches.append(name)
        return compare(name, options, *rest, **named)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    places = "".join(PLACE.replace('"testville"', f'"testville-{n}"') for n in range(1, 1000))
    facts = "".join(fact(id=f'"f{n}"', subject=f'"testvile-{n}"') for n in range(500))
    found = problems(tmp_path, SOURCE + PLACE + places + METRIC + facts)
    assert len(searches) == MAX_HINTS
    assert len(found) == 500
    assert sum("did you mean" in problem for problem in found) == MAX_HINTS
    assert "unknown subject 'testvile-0'; did you mean 'testville-" in found[0]


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("valid", [True, False])
def test_a_load_leaves_the_garbage_collector_as_it_found_it(
    tmp_path: Path, enabled: bool, valid: bool
) -> None:
    text = SOURCE + PLACE + METRIC + (fact() if valid else fact(unit='"nonsense"'))
    was = gc.isenabled()
    try:
        if enabled:
            gc.enable()
        else:
            gc.disable()
        if valid:
            load(tmp_path, text)
        else:
            problems(tmp_path, text)
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def test_loads_in_threads_resolve_citations_against_their_own_sources(tmp_path: Path) -> None:
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    write(first, "data.toml", SOURCE + PLACE + METRIC + fact())
    other_source = SOURCE.replace("A test article", "Another article")
    write(second, "data.toml", other_source + PLACE + METRIC + fact())
    titles: dict[str, set[str]] = {"first": set(), "second": set()}
    barrier = threading.Barrier(8)

    def work(name: str, folder: Path) -> None:
        barrier.wait()
        for _ in range(20):
            registry = gb.load_registry(folder, bundled=False)
            titles[name].add(registry.fact("testville.widgets.2019").citations[0].source.title)

    threads = [
        threading.Thread(target=work, args=(name, folder))
        for name, folder in [("first", first), ("second", second)] * 4
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert titles == {"first": {"A test article"}, "second": {"Another article"}}
    assert gc.isenabled()


RATE_METRICS = """
[[metric]]
id = "investment"
label = "Investment"
kind = "flow"
unit = "yuan"

[[metric]]
id = "investment_usd"
label = "Investment in dollars"
kind = "flow"
unit = "USD"

[[metric]]
id = "implied_exchange_rate"
label = "Implied exchange rate"
kind = "ratio"
unit = "yuan / USD"
conversion = true
"""


def test_two_derivations_of_one_figure_are_both_kept_under_distinct_ids(tmp_path: Path) -> None:
    sentences = {
        "a": ("700", "100", "Testville drew 700 yuan (100 US dollars) in 2019."),
        "b": ("690", "100", "Firms in Testville put in 690 yuan, or 100 US dollars, in 2019."),
    }
    text = SOURCE + PLACE + RATE_METRICS
    for key, (yuan, usd, quote) in sentences.items():
        text += fact(
            id=f'"testville.investment.2019.{key}"',
            metric='"investment"',
            value=f'"{yuan}"',
            unit='"yuan"',
            bound='"exact"',
            quote=f'"{quote}"',
        )
        text += fact(
            id=f'"testville.investment_usd.2019.{key}"',
            metric='"investment_usd"',
            value=f'"{usd}"',
            unit='"USD"',
            bound='"exact"',
            quote=f'"{quote}"',
        )
    registry = load(tmp_path, text)
    rates = registry.facts(metric="implied_exchange_rate")
    assert sorted(rate.value for rate in rates if rate.value is not None) == [
        Decimal("6.90"),
        Decimal("7.00"),
    ]
    assert len({rate.id for rate in rates}) == 2
    assert all(registry.fact(rate.id) is rate for rate in rates)


def test_an_alias_that_names_two_entities_is_refused(tmp_path: Path) -> None:
    other = PLACE.replace('id = "testville"', 'id = "othertown"').replace(
        'name = "Testville"', 'name = "Othertown"\naliases = ["testville"]'
    )
    found = problems(tmp_path, SOURCE + PLACE + other + METRIC + fact())
    (message,) = found
    assert "aliases[0]: alias 'testville' also names 'testville'" in message
    assert "may name one entity only" in message


# Bounds on what comes in and goes out ----------------------------------------------


def test_an_empty_path_is_refused_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "here.toml", SOURCE)
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry("", bundled=False)
    (problem,) = caught.value.problems
    assert problem.message == "an empty path names no file: give a TOML file or a folder of them"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "data.toml"
    os.mkfifo(fifo)
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(fifo, bundled=False)
    (problem,) = caught.value.problems
    assert problem.file == str(fifo)
    assert problem.message == "is a FIFO (named pipe): give a TOML file or a folder of them"
    folder = tmp_path  # the same FIFO found in a folder: refused too, the rest loads
    write(folder, "good.toml", SOURCE)
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(folder, bundled=False)
    (problem,) = caught.value.problems
    assert problem.message.startswith("is a FIFO (named pipe), not a data file")


def test_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry("/dev/zero", bundled=False)
    (problem,) = caught.value.problems
    assert problem.message == "is a device: give a TOML file or a folder of them"


def test_the_message_of_many_problems_is_bounded(tmp_path: Path) -> None:
    from guizhou_bigdata.core.errors import MAX_LINE_LENGTH, MAX_SHOWN

    broken = "".join(fact(id=f'"f{i}"', metric='"nothing"') for i in range(20_000))
    with pytest.raises(gb.RegistryError) as caught:
        load(tmp_path, SOURCE + PLACE + METRIC + broken)
    error = caught.value
    assert len(error.problems) == 20_000
    message = str(error)
    assert message.startswith("20000 problems in the data files:")
    assert message.count("\n  - ") == MAX_SHOWN
    assert message.endswith(f"  ... and {20_000 - MAX_SHOWN} more (every one is in .problems)")
    assert len(message) < (MAX_SHOWN + 2) * (MAX_LINE_LENGTH + 10)
    assert "fact[19999] (id 'f19999') metric: unknown metric 'nothing'" in str(error.problems[-1])


def test_a_long_problem_is_cut_in_the_message() -> None:
    from guizhou_bigdata.core.errors import MAX_LINE_LENGTH, Problem

    error = gb.RegistryError([Problem("f.toml", "fact[0]", "x" * 10_000)])
    (line,) = str(error).splitlines()[1:]
    assert len(line) == len("  - ") + MAX_LINE_LENGTH
    assert line.endswith("...")
    assert error.problems[0].message == "x" * 10_000


@pytest.mark.parametrize(
    ("escape", "named"),
    [
        ("\\u0000", "U+0000 NULL"),
        ("\\u001b", "U+001B ESCAPE"),
        ("\\b", "U+0008 BACKSPACE"),
        ("\\u001f", "U+001F INFORMATION SEPARATOR ONE"),
    ],
)
def test_control_characters_in_text_are_refused(tmp_path: Path, escape: str, named: str) -> None:
    (found,) = problems(tmp_path, SOURCE + PLACE + METRIC + fact(note=f'"bad{escape}note"'))
    assert found.startswith(
        f"{tmp_path / 'facts.toml'}: fact[0] note: text holds control characters ({named}), "
        "which are refused: text may hold tabs and line feeds"
    )


def test_tabs_and_newlines_are_text_and_a_literal_backslash_u_is_fine(tmp_path: Path) -> None:
    note = '"""A note\non two lines,\twith a tab and a literal \\\\u0000."""'
    registry = load(tmp_path, SOURCE + PLACE + METRIC + fact(note=note, quality='["ambiguous"]'))
    assert registry.fact("testville.widgets.2019").note == (
        "A note\non two lines,\twith a tab and a literal \\u0000."
    )


def test_over_long_text_is_refused_with_the_limit(tmp_path: Path) -> None:
    from guizhou_bigdata.store.loading import MAX_TEXT_LENGTH

    long = "n" * (MAX_TEXT_LENGTH + 1)
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(note=f'"{long}"'))
    assert found == [
        f"{tmp_path / 'facts.toml'}: fact[0] note: text of {MAX_TEXT_LENGTH + 1:,} characters is "
        f"too long: at most {MAX_TEXT_LENGTH:,}"
    ]
    multi = problems(
        tmp_path, SOURCE + PLACE + METRIC + fact(note=f'"""\n{"x " * MAX_TEXT_LENGTH}"""')
    )
    assert len(multi) == 1
    assert "is too long" in multi[0]


def test_an_over_long_id_is_refused(tmp_path: Path) -> None:
    from guizhou_bigdata.store.records import MAX_ID_LENGTH

    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(id=f'"{"a" * (MAX_ID_LENGTH + 1)}"'))
    assert len(found) == 1
    assert f"at most {MAX_ID_LENGTH} characters" in found[0]


# Every stage on every record ---------------------------------------------------------


def test_a_record_that_does_not_structure_still_has_its_references_checked(
    tmp_path: Path,
) -> None:
    """Fixing the bound used to reveal the unknown metric, subject and unit on the next load."""
    text = (
        SOURCE
        + PLACE
        + METRIC
        + fact(bound='"roughly"', metric='"widgetz"', subject='"testvile"', unit='"yaun"')
    )
    found = problems(tmp_path, text)
    joined = "\n".join(found)
    assert len(found) == 4, joined
    assert "bound: 'roughly' is not a valid Bound" in joined
    assert "metric: unknown metric 'widgetz'; did you mean 'widgets'?" in joined
    assert "subject: unknown subject 'testvile'; did you mean 'testville'?" in joined
    assert "unit: unit 'yaun' uses 'yaun', which is not defined; did you mean 'yuan'" in joined


def test_every_citation_quote_must_state_the_figure(tmp_path: Path) -> None:
    more = '[{ source = "test-source", quote = "Testville had many enterprises." }]'
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(more_citations=more))
    assert found == [
        f"{tmp_path / 'facts.toml'}: fact[0] (id 'testville.widgets.2019') more_citations[0]: "
        "the quote does not write the value 5000 (plain or with thousands separators); "
        "give the figure as printed in 'as_written'"
    ]
    good = '[{ source = "test-source", quote = "It counted 5000 enterprises." }]'
    registry = load(tmp_path, SOURCE + PLACE + METRIC + fact(more_citations=good))
    assert len(registry.fact("testville.widgets.2019").citations) == 2


def test_an_unknown_key_gets_a_hint(tmp_path: Path) -> None:
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(vaule='"5000"'))
    (problem,) = found
    assert "unknown key 'vaule'; did you mean 'value'" in problem
    assert "(valid keys: id, metric, subject" in problem


def test_an_archive_outside_the_sources_folder_is_refused(tmp_path: Path) -> None:
    source = SOURCE + 'archive = "../../../../etc/passwd"\n'
    found = problems(tmp_path, source + PLACE + METRIC + fact())
    assert found == [
        f"{tmp_path / 'facts.toml'}: source[0] (id 'test-source') archive: archive "
        "'../../../../etc/passwd' climbs out of the sources folder with '..'"
    ]


@pytest.mark.parametrize(
    ("quote", "word"),
    [
        ("Testville had 3 万 enterprises in 2019.", "万"),
        ("Testville had 3万 enterprises in 2019.", "万"),
        ("Testville counted 3 million enterprises in 2019.", "million"),
    ],
)
def test_a_value_whose_quote_adds_a_scale_word_must_record_it(
    tmp_path: Path, quote: str, word: str
) -> None:
    """A "3 万 enterprises" recorded as 3 with no scale would be 10,000 times too small."""
    base = SOURCE + PLACE + METRIC
    found = problems(tmp_path, base + fact(value='"3"', bound='"exact"', quote=f'"{quote}"'))
    assert len(found) == 1, found
    assert f"the quote writes 3 {word}, not 3: give scale = '{word}'" in found[0]
    scaled = fact(value='"3"', scale=f'"{word}"', bound='"exact"', quote=f'"{quote}"')
    loaded = load(tmp_path, base + scaled).fact("testville.widgets.2019")
    assert loaded.quantity == gb.Q_(3, "enterprise") * gb.Scale(word).factor


def test_a_scale_word_is_not_asked_for_where_the_figure_also_stands_alone(tmp_path: Path) -> None:
    quote = '"Testville had 3 enterprises in 2019, up from 3 million yuan of sales."'
    registry = load(tmp_path, SOURCE + PLACE + METRIC + fact(value='"3"', quote=quote))
    assert registry.fact("testville.widgets.2019").value == Decimal(3)


def test_chinese_scale_words_multiply_like_english_ones() -> None:
    assert gb.Scale("万").factor == Decimal(10) ** 4
    assert gb.Scale("亿").factor == Decimal(10) ** 8
    assert gb.Q_(3.5, "亿 * yuan").to("yuan").magnitude == pytest.approx(3.5e8)


@pytest.mark.parametrize("written", ["18.30", "3e3"])
def test_a_value_written_as_a_toml_float_is_refused_with_how_to_quote_it(
    tmp_path: Path, written: str
) -> None:
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(value=written))
    assert len(found) == 1, found
    assert "is a bare TOML number, which loses how the figure was written" in found[0]
    assert "quote the figure exactly as printed" in found[0]


def test_a_hyphenated_scale_word_is_part_of_a_name_not_a_scale(tmp_path: Path) -> None:
    quote = '"Testville listed 5 Million-Dollar enterprises in 2019."'
    registry = load(tmp_path, SOURCE + PLACE + METRIC + fact(value='"5"', quote=quote))
    assert registry.fact("testville.widgets.2019").value == Decimal(5)


def test_a_bare_numeral_as_written_does_not_skip_the_scale_check(tmp_path: Path) -> None:
    quote = '"Testville had 3 万 enterprises in 2019."'
    found = problems(
        tmp_path, SOURCE + PLACE + METRIC + fact(value='"3"', as_written='"3"', quote=quote)
    )
    assert any("give scale = '万'" in problem for problem in found), found


def test_several_scale_words_in_a_row_get_no_single_scale_suggested(tmp_path: Path) -> None:
    """3亿万 is 3 x 10^12: suggesting 亿 alone would make it 10^4 times too small."""
    quote = '"Testville had 3亿万 enterprises in 2019."'
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(value='"3"', quote=quote))
    assert len(found) == 1, found
    assert "writes 3 亿万, several scale words" in found[0]
    assert "give scale" not in found[0]


def test_an_enum_value_written_in_words_gets_its_name_as_a_hint(tmp_path: Path) -> None:
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(bound='"more than"'))
    assert len(found) == 1, found
    assert "'more than' is not a valid Bound; did you mean 'more_than'" in found[0]
