"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.08.1"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:9b1539ff0b6569258cbebb13d66cdf3973654b933206cc485eb75b98d258acf5"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
