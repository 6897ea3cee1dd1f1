"""The draft reader: turns an article's text into figures for a person to review."""

from __future__ import annotations

from .model import Reading

__all__ = ["Reading"]
