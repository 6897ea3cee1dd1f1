"""Export formats are declared once, in outputs/formats.py's EXPORT_FORMATS: export, the
suffixes it recognises and the command line's --format choices all read that table."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import cast, get_args

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.outputs.formats import EXPORT_FORMATS, FileFormat, export_format
from guizhou_bigdata.outputs.tables import FORMATS, ExportFormat


def test_the_typed_names_are_the_names_of_the_table() -> None:
    names = tuple(known.name for known in EXPORT_FORMATS)
    assert names == FORMATS
    assert get_args(ExportFormat) == names


@pytest.mark.parametrize(
    ("name", "known"),
    [(name, known) for known in EXPORT_FORMATS if not known.package for name in known.names],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_each_file_name_of_a_row_exports_that_format(
    tmp_path: Path, name: str, known: FileFormat
) -> None:
    by_name = gb.export(tmp_path / f"facts{name}", metric="digital_economy_growth")
    by_format = gb.export(
        tmp_path / "explicit.out",
        cast(ExportFormat, known.name),
        metric="digital_economy_growth",
    )
    assert by_name.read_bytes() == by_format.read_bytes()


def test_an_unknown_format_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="valid formats: csv, json, jsonl, parquet, datapackage"):
        export_format("xlsx")


def test_the_command_line_offers_the_formats_of_the_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", "-o", "-", "--format", "xlsx"]) == 2
    assert _choices(capsys.readouterr().err) == "csv, json, jsonl, parquet, datapackage"
    assert main(["facts", "--format", "parquet"]) == 2
    assert _choices(capsys.readouterr().err) == "table, csv, json, jsonl"


def _choices(message: str) -> str:
    """The choices argparse lists, without the quotes newer Pythons put around each."""
    return message.split("(choose from ", 1)[1].split(")", 1)[0].replace("'", "")


THROWAWAY = textwrap.dedent(
    """
    import sys
    import guizhou_bigdata.outputs.formats as formats

    def tsv_text(table, rows):
        lines = ["\\t".join(table.names)]
        lines += ["\\t".join("" if row[name] is None else str(row[name]) for name in table.names)
                  for row in rows]
        return "\\n".join(lines) + "\\n"

    formats.EXPORT_FORMATS = (
        *formats.EXPORT_FORMATS, formats.FileFormat("tsv", "TSV", (".tsv",), text=tsv_text)
    )

    import guizhou_bigdata as gb
    from guizhou_bigdata.cli import main

    written = gb.export(sys.argv[1], metric="digital_economy_growth", year=2018)
    assert written.read_text(encoding="utf-8").startswith("id\\tsubject"), written.read_text()
    assert main(["facts", "--format", "tsv", "--metric", "digital_economy_growth"]) == 0
    """
)


def test_a_new_format_is_one_row_of_the_table(tmp_path: Path) -> None:
    """A text format added to EXPORT_FORMATS alone is written by export, found by its
    suffix, and offered by ``facts --format`` and ``export --format``."""
    result = subprocess.run(
        [sys.executable, "-c", THROWAWAY, str(tmp_path / "facts.tsv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("id\tsubject\t")
