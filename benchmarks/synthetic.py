"""Synthetic, valid data files in the public TOML format, for benchmarks at scale.

The bundled data holds about a hundred facts; questions about lookups and loading
at 100,000 facts need files of that size that pass every load-time check. The
figures are random and marked synthetic in every file: never copy them into the
package's data.

    python benchmarks/synthetic.py OUT_DIR N [--seed S]

writes ``sources.toml``, ``metrics.toml``, ``entities.toml`` and
``facts/facts-NNNNN.toml`` (5,000 facts a file) into OUT_DIR, which must hold no
``.toml`` file yet. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "FACTS_PER_FILE",
    "METRICS",
    "SUBJECTS",
    "YEARS",
    "grid_key",
    "verify",
    "write_dataset",
]

METRICS = 100
"""Metrics in the synthetic catalogue (ten kinds of unit, ten metrics each)."""
SUBJECTS = 100
"""Entities facts are about: one province, 59 counties and 40 companies."""
YEARS = tuple(range(2013, 2023))
"""Ten years: the grid is METRICS x SUBJECTS x YEARS = 100,000 cells."""
GRID = METRICS * SUBJECTS * len(YEARS)
FACTS_PER_FILE = 5000
"""Facts per file: a user's data set is several files, as the bundled data is."""

_HEADER = "# Synthetic benchmark data written by benchmarks/synthetic.py: not real figures.\n"
_SOURCES = ("synthetic-a", "synthetic-b", "synthetic-c")
_PLACES = 60


@dataclass(frozen=True)
class _Template:
    """One kind of metric: its unit, how a figure of it is written, and typical values."""

    name: str
    kind: str
    unit: str
    words: str
    scale: str | None
    low: float
    high: float
    decimals: int


_TEMPLATES = (
    _Template("growth", "growth_rate", "percent", "percent", None, 0.5, 40.0, 1),
    _Template("share", "share", "percent", "percent", None, 1.0, 60.0, 1),
    _Template("output", "flow", "yuan", "yuan", "billion", 1.0, 900.0, 3),
    _Template("investment", "flow", "USD", "US dollars", "billion", 0.1, 20.0, 2),
    _Template("enterprises", "count", "enterprise", "enterprises", None, 10, 20000, 0),
    _Template("servers", "count", "server", "servers", None, 100, 500000, 0),
    _Template("rank", "rank", "rank", "in the national ranking", None, 1, 31, 0),
    _Template("storage", "measure", "PB", "PB", None, 0.1, 90.0, 1),
    _Template("area", "measure", "km**2", "square kilometres", None, 1.0, 900.0, 1),
    _Template("users", "count", "user", "users", "million", 0.1, 80.0, 1),
)

_VERBS = {
    "actual": "reached",
    "estimate": "is expected to have reached",
    "target": "is set to reach",
    "forecast": "is forecast to reach",
}


def _metric_id(index: int) -> str:
    template = _TEMPLATES[index % len(_TEMPLATES)]
    return f"syn_{template.name}_{index // len(_TEMPLATES):02d}"


def _subject(index: int) -> tuple[str, str]:
    """(id, name) of subject ``index``: places first, then companies."""
    if index == 0:
        return "syn-province", "Synthetic Province"
    if index < _PLACES:
        return f"syn-county-{index:02d}", f"Synthetic County {index:02d}"
    return f"syn-company-{index:02d}", f"Synthetic Company {index:02d}"


def grid_key(cell: int) -> tuple[str, str, int]:
    """(metric id, subject id, year) of grid cell ``cell``: what a lookup asks for."""
    metric, rest = divmod(cell % GRID, SUBJECTS * len(YEARS))
    subject, year = divmod(rest, len(YEARS))
    return _metric_id(metric), _subject(subject)[0], YEARS[year]


def _s(text: str) -> str:
    """A TOML basic string: JSON's escapes are all valid TOML escapes."""
    return json.dumps(text, ensure_ascii=False)


def _sources() -> str:
    parts = [_HEADER]
    for number, source in enumerate(_SOURCES, start=1):
        parts.append(
            f'\n[[source]]\nid = "{source}"\n'
            f"title = {_s(f'Synthetic report number {number}')}\n"
            f'publisher = "Synthetic Publisher"\npublished = "2023-0{number}-15"\n'
        )
    return "".join(parts)


def _metrics() -> str:
    parts = [_HEADER]
    for index in range(METRICS):
        template = _TEMPLATES[index % len(_TEMPLATES)]
        basis = 'basis = "unspecified"\n' if template.kind == "growth_rate" else ""
        parts.append(
            f'\n[[metric]]\nid = "{_metric_id(index)}"\n'
            f"label = {_s(f'Synthetic {template.name} indicator {index // len(_TEMPLATES)}')}\n"
            f'kind = "{template.kind}"\nunit = "{template.unit}"\n{basis}'
            'default_subject = "syn-province"\n'
        )
    return "".join(parts)


def _entities() -> str:
    parts = [_HEADER]
    for index in range(SUBJECTS):
        id_, name = _subject(index)
        quote = _s(f"{name} is one of the subjects of this synthetic report.")
        citation = f'citations = [{{ source = "synthetic-a", quote = {quote} }}]\n'
        if index < _PLACES:
            kind = "province" if index == 0 else "county"
            parent = "" if index == 0 else 'parent = "syn-province"\n'
            parts.append(
                f'\n[[place]]\nid = "{id_}"\nname = "{name}"\nkind = "{kind}"\n{parent}{citation}'
            )
        else:
            location = _subject(1 + index % (_PLACES - 1))[0]
            parts.append(
                f'\n[[organisation]]\nid = "{id_}"\nname = "{name}"\nkind = "company"\n'
                f'location = "{location}"\n{citation}'
            )
    return "".join(parts)


def _value(template: _Template, rng: random.Random) -> tuple[str, str]:
    """(value as in the file, the number as a text prints it, with thousands separators)."""
    number = rng.uniform(template.low, template.high)
    if template.decimals == 0:
        count = round(number)
        return str(count), f"{count:,}"
    plain = f"{number:.{template.decimals}f}"
    whole, _, fraction = plain.partition(".")
    return plain, f"{int(whole):,}.{fraction}"


def _fact(cell: int, layer: int, rng: random.Random) -> str:
    """One [[fact]] table for grid cell ``cell``; ``layer`` > 0 repeats a cell (N > GRID)."""
    metric_index, rest = divmod(cell, SUBJECTS * len(YEARS))
    subject_index, year_index = divmod(rest, len(YEARS))
    template = _TEMPLATES[metric_index % len(_TEMPLATES)]
    metric = _metric_id(metric_index)
    subject, name = _subject(subject_index)
    year = YEARS[year_index]

    roll = rng.random()
    if roll < 0.90:
        period, in_words, id_period = str(year), f"in {year}", str(year)
    elif roll < 0.95:
        month = rng.randint(1, 12)
        period, in_words = f"{year}-{month:02d}", f"in month {month} of {year}"
        id_period = period
    else:
        period, in_words = f"{year - 1}/{year}", f"over {year - 1} and {year}"
        id_period = f"{year - 1}-{year}"

    modality = rng.choices(tuple(_VERBS), weights=(85, 5, 5, 5))[0]
    bound = rng.choices(("exact", "more_than", "about", "nearly"), weights=(80, 10, 5, 5))[0]
    value, printed = _value(template, rng)
    scale = f" {template.scale}" if template.scale else ""
    prefix = {"exact": "", "more_than": "more than ", "about": "about ", "nearly": "nearly "}
    figure = f"{prefix[bound]}{printed}{scale}"
    source = _SOURCES[rng.randrange(len(_SOURCES))]
    quote = (
        f"{name} {_VERBS[modality]} {figure} {template.words} {in_words} "
        f"for its {template.name}, the synthetic report said."
    )
    suffix = f".{layer}" if layer else ""
    lines = [
        "\n[[fact]]",
        f'id = "{subject}.{metric}.{id_period}.syn{suffix}"',
        f'metric = "{metric}"',
        f'subject = "{subject}"',
        f'period = "{period}"',
        f'value = "{value}"',
    ]
    if template.scale:
        lines.append(f'scale = "{template.scale}"')
    unit = template.unit
    if unit == "PB" and rng.random() < 0.2:
        unit = "TB"  # same dimension as the metric's unit, as real data mixes them
        quote = quote.replace(" PB ", " TB ")
    lines.append(f'unit = "{unit}"')
    if bound != "exact":
        lines.append(f"as_written = {_s(figure)}")
    lines += [f'bound = "{bound}"', f'modality = "{modality}"', f"quote = {_s(quote)}"]
    lines.append(f'source = "{source}"')
    if rng.random() < 0.05:
        other = _SOURCES[(_SOURCES.index(source) + 1) % len(_SOURCES)]
        again = _s(f"Another synthetic report also put it at {figure}.")
        lines.append(f'more_citations = [{{ source = "{other}", quote = {again} }}]')
    flag = rng.random()
    if flag < 0.02:
        lines += ['quality = ["ambiguous"]', 'note = "Synthetic: the scope is not stated."']
    elif flag < 0.05:
        lines += ['rank = "preferred"', 'note = "Synthetic: the newer of two readings."']
    return "\n".join(lines) + "\n"


def _facts(n_facts: int, seed: int) -> Iterator[str]:
    """The N facts, spread at random over the grid; cells repeat only when N > GRID."""
    order = list(range(GRID))
    random.Random(seed).shuffle(order)
    rng = random.Random(seed + 1)
    for index in range(n_facts):
        layer, position = divmod(index, GRID)
        yield _fact(order[position], layer, rng)


def write_dataset(folder: str | Path, n_facts: int, seed: int = 0) -> list[Path]:
    """Write N valid facts (plus their sources, metrics and entities); return the files.

    ``folder`` is created if needed and must hold no ``.toml`` file, so that a
    stale, larger data set is never loaded with a new one. Deterministic for a seed.
    """
    if n_facts < 0:
        raise ValueError(f"n_facts must be at least 0, got {n_facts}")
    root = Path(folder)
    existing = sorted(root.rglob("*.toml")) if root.exists() else []
    if existing:
        raise FileExistsError(f"{root} already holds data files ({existing[0]}, ...)")
    (root / "facts").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, text in (
        ("sources.toml", _sources()),
        ("metrics.toml", _metrics()),
        ("entities.toml", _entities()),
    ):
        path = root / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    chunk: list[str] = []
    number = 0
    for fact in _facts(n_facts, seed):
        chunk.append(fact)
        if len(chunk) == FACTS_PER_FILE:
            written.append(_write_chunk(root, number, chunk))
            chunk, number = [], number + 1
    if chunk:
        written.append(_write_chunk(root, number, chunk))
    return written


def _write_chunk(root: Path, number: int, facts: list[str]) -> Path:
    path = root / "facts" / f"facts-{number:05d}.toml"
    path.write_text(_HEADER + "".join(facts), encoding="utf-8")
    return path


def verify(n_facts: int = 1000, seed: int = 0) -> int:
    """Write, load and check a data set; return the number of facts loaded.

    Raises :class:`RuntimeError` if the files do not load into exactly N stated
    facts, if a grid cell is not found by an indexed lookup, or if the same seed
    does not give the same bytes. For the test suite and ``--check``.
    """
    import guizhou_bigdata as gb

    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        files = write_dataset(first, n_facts, seed)
        again = write_dataset(second, n_facts, seed)
        if [p.read_bytes() for p in files] != [p.read_bytes() for p in again]:
            raise RuntimeError(f"seed {seed} did not give the same files twice")
        registry = gb.load_registry(first, bundled=False)
    stated = registry.facts(derived=False)
    if len(stated) != n_facts or len(registry.facts()) != n_facts:
        raise RuntimeError(f"wrote {n_facts} facts, loaded {len(registry.facts())}")
    for fact in stated[:: max(1, n_facts // 100)]:
        found = registry.facts(metric=fact.metric, subject=fact.subject, year=fact.period.end.year)
        if fact not in found:
            raise RuntimeError(f"lookup did not find {fact.id}")
        if not fact.has_value:
            raise RuntimeError(f"{fact.id} has no readable value")
        fact.quantity  # noqa: B018 (builds the Quantity: a unit Pint cannot read raises)
    return len(stated)


def main(argv: list[str] | None = None) -> int:
    """Command line: write a data set, or ``--check`` one round trip through the loader."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path, nargs="?", help="folder to write (no .toml in it)")
    parser.add_argument("n_facts", type=int, nargs="?", help="number of facts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--check", type=int, metavar="N", help="write N facts to a temporary folder and load them"
    )
    args = parser.parse_args(argv)
    if args.check is not None:
        print(f"ok: {verify(args.check, args.seed)} synthetic facts load without problems")
        return 0
    if args.out_dir is None or args.n_facts is None:
        parser.error("give OUT_DIR and N, or --check N")
    files = write_dataset(args.out_dir, args.n_facts, args.seed)
    print(f"wrote {args.n_facts} facts in {len(files)} files to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
