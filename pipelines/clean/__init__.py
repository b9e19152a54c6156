"""Clean stage: decode fetched bytes and extract main text with trafilatura."""

from .decode import decode_body
from .extract import EXTRACTOR, EXTRACTOR_VERSION, CleanResult, clean_html, clean_many

__all__ = [
    "EXTRACTOR",
    "EXTRACTOR_VERSION",
    "CleanResult",
    "clean_html",
    "clean_many",
    "decode_body",
]
