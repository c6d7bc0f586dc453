"""The one error type of the interchange package: a message a learner can act on."""

from __future__ import annotations


class InterchangeError(Exception):
    """A file cannot be imported or exported; the message names the file and what to do."""
