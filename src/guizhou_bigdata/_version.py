"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.07.3"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:a96a4e00a6cb0b56dbc48956f47a50434d8589adc91a9a08c7d96bc8321cb328"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
