"""Quantities and units of the package registry cross process boundaries."""

from __future__ import annotations

import multiprocessing
import operator
import pickle
import subprocess
import sys

import pint

import guizhou_bigdata as gb


def test_a_spawned_pool_returns_quantities() -> None:
    """The parent's result thread used to die unpickling 'yuan', and the map hung for good."""
    facts = [fact for fact in gb.facts() if fact.has_value][:40]
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        returned = pool.map_async(operator.attrgetter("quantity"), facts).get(timeout=120)
    assert returned == [fact.quantity for fact in facts]
    assert all(quantity._REGISTRY is gb.ureg for quantity in returned)
    assert any(str(quantity.units) == "yuan" for quantity in returned)


def test_a_fresh_process_unpickles_into_the_package_registry() -> None:
    data = pickle.dumps(
        [
            gb.metrics.digital_economy_growth(2018).quantity,
            gb.Q_(3, "km**2"),
            gb.Q_(2.5, "meter"),
            gb.ureg.Unit("yuan / USD"),
        ]
    )
    code = (
        "import pickle, sys\n"
        "values = pickle.loads(sys.stdin.buffer.read())\n"
        "import guizhou_bigdata as gb\n"  # after loading: unpickling alone must suffice
        "print([str(v) for v in values], all(v._REGISTRY is gb.ureg for v in values))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, check=True, timeout=120
    )
    assert done.stdout.decode() == (
        "['24.6 percent', '3 kilometer ** 2', '2.5 meter', 'yuan / USD'] True\n"
    )


def test_pickled_quantities_stay_quantities_of_the_package_registry() -> None:
    quantity = gb.Q_(5, "yuan")
    copy = pickle.loads(pickle.dumps(quantity))
    assert copy == quantity
    assert copy._REGISTRY is gb.ureg
    assert copy + quantity == 2 * quantity  # Pint refuses to add across registries


def test_other_registries_pickle_as_pint_does() -> None:
    other: pint.UnitRegistry[float] = pint.UnitRegistry()
    copy = pickle.loads(pickle.dumps(other.Quantity(1, "meter")))
    assert copy._REGISTRY is not gb.ureg
    assert copy._REGISTRY is not other  # Pint's own rule: the application registry
