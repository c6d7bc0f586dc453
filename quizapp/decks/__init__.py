"""Deck files: YAML in (validated, with file:line errors) and YAML out (comments kept)."""
