"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.01"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:69b7f563decbf321d62b0804b473efed6d161ea44d8d2b8c0efc0ae32f1e8580"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
