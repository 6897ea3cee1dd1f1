"""The writer of citation formats beyond plain text, which the core cannot import.

BibTeX and CSL-JSON are written in the outputs layer, above the core; a fact
still cites itself in them (``fact.cite("bibtex")``). The package face, which
Python imports before any submodule, sets :data:`render` to the outputs' writer:
the core calls it without importing what is above it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable

render: Callable[[object, str], str] | None = None
"""``render(obj, format)``: the citation of ``obj`` in ``format``; set by the package face."""


def cite_as(obj: object, format: str) -> str:
    """``obj``'s citation in ``format`` ("bibtex", "csl-json"), by the writer the face set."""
    if render is None:  # only when the core is used without the package around it
        raise RuntimeError(
            f"no citation writer for {format!r}: import guizhou_bigdata (its face sets one)"
        )
    return render(obj, format)
