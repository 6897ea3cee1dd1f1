"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.07.3"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:3f34434a0dfdcfa77e6309d3871bb3ce978085e4799b95c6e6b49726bbff81a0"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
