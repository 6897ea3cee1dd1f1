"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.01.1"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:2ee0637abd3259a02f056320345bf71887b92d352a938b064bfda0c0c4169abb"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
