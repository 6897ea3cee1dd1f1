"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.11.22"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:f6754d23dd18f422bf043ec88f4f21687da9ac41fcedd45395937b992ab1de6d"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
