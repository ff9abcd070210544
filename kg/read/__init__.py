"""Stage 1, read: articles (text, Markdown, HTML) and their metadata into ``Document`` models."""

from kg.read.reader import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, ReadError, discover, read_all, read_text

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "ReadError", "discover", "read_all", "read_text"]
