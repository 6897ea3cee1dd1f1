"""A copy of this checkout whose bundled data is several times larger, for items 1-2.

A first fact must cost the same however much data the package carries. To measure
that before the data grows, this copies the checkout (``src``, ``benchmarks`` and
the build files; not ``.git``) into a new folder and multiplies its bundled data
there: each file of ``data/facts`` gets ``times - 1`` copies whose fact ids end in
``.copyK`` and whose citations name copies of the sources, and each source of
``data/sources.toml`` gets ``sources_each`` copies (ids ending ``-copyK``). The
copies are the bundled facts again, so every load-time check still passes; the
repository itself is never written to.

    python benchmarks/grown_checkout.py OUT_DIR [--times 5] [--sources-each 30]
    cd OUT_DIR && PYTHONPATH=src python benchmarks/run.py --quick --only "1 2" \\
        --cache-modes "wheel warm" --rounds 11 --clock cpu

``--times 5 --sources-each 30`` turns the 136 facts and 5 sources of 2026-12-07 into
682 facts (with the derived ones) and 155 sources, the size the data is growing to.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

__all__ = ["grow", "grown_checkout"]

_ROOT = Path(__file__).resolve().parent.parent
_COPIED = ("src", "benchmarks", "pyproject.toml", "hatch_build.py", "README.md", "LICENSE")
_ID = re.compile(r'^id = "([^"]+)"', flags=re.MULTILINE)
_SOURCE = re.compile(r'^source = "([^"]+)"', flags=re.MULTILINE)
_CITED = re.compile(r'source = "([^"]+)", quote')


def grow(data: Path, times: int, sources_each: int) -> None:
    """Multiply the facts and sources of a ``data`` folder in place (see the module doc)."""
    if times < 1 or sources_each < 1:
        raise ValueError(f"times and sources_each are at least 1, got {times} and {sources_each}")
    sources = data / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    blocks = text.split("[[source]]")[1:]
    copies = [
        "[[source]]" + _ID.sub(rf'id = "\g<1>-copy{k}"', block, count=1)
        for block in blocks
        for k in range(1, sources_each + 1)
    ]
    sources.write_text(text + "\n" + "\n".join(copies), encoding="utf-8")
    for path in sorted((data / "facts").glob("*.toml")):
        original = path.read_text(encoding="utf-8")
        for k in range(1, times):
            copy = _ID.sub(rf'id = "\g<1>.copy{k}"', original)
            number = (k - 1) % sources_each + 1  # each copy cites its own copy of the source
            copy = _SOURCE.sub(rf'source = "\g<1>-copy{number}"', copy)
            copy = _CITED.sub(rf'source = "\g<1>-copy{number}", quote', copy)
            (path.parent / f"{path.stem}-copy{k}.toml").write_text(copy, encoding="utf-8")


def grown_checkout(out: Path, times: int = 5, sources_each: int = 30) -> Path:
    """Copy the checkout into ``out`` (which must not exist yet) and grow its data there."""
    if out.exists():
        raise FileExistsError(f"{out} exists: name a new folder, so nothing is overwritten")
    out.mkdir(parents=True)
    for name in _COPIED:
        source = _ROOT / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, out / name)
    grow(out / "src" / "guizhou_bigdata" / "data", times, sources_each)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: write the grown copy and say how to benchmark it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="a new folder for the copy")
    parser.add_argument("--times", type=int, default=5, help="facts: this many times (5)")
    parser.add_argument("--sources-each", type=int, default=30, help="copies of each source")
    args = parser.parse_args(argv)
    out = grown_checkout(args.out, args.times, args.sources_each)
    print(f"grown checkout in {out}; benchmark it with PYTHONPATH={out / 'src'} from {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
