"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.07.3"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:f40aa85579b1448977e08ae47240e41fd57d2be5f761c367c4e18784719e8b24"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
