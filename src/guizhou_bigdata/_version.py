"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.07.2"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:e7ef05b71eb91b686fb842c690f1a900ee02f3eb2037a5d1d41045ce4a933675"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
