"""The package and data versions, kept apart so the build reads them without importing."""

__version__ = "0.1.0"

__data_version__ = "2026.12.07.2"
"""The release of the bundled data; ``gb.data_digest()`` names its exact content."""

DATA_DIGEST = "sha256:7a2afa2df1bf9914f68eed4a1682979932fb654394e72f5cf61f9f069ecd9a13"
"""The digest of the data released as ``__data_version__``; a test keeps the two in step."""
