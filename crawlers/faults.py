"""Moved to :mod:`plumbing.faults` (the bottom layer); kept for ``warehouse/stories.py``
until it imports from there."""

from plumbing.faults import ENV, crash_point

__all__ = ["ENV", "crash_point"]
