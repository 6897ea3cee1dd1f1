"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.07.3"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:8beac6e22f2664e1c8da7bd769f9b7f47320396911a243c43d236aef88e41d13"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
