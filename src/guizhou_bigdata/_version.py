"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.07.1"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:deb192d97b77997a31c47ad8a7cbe20d1628e6362c28da6c2fe95231ebd3d1f0"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
