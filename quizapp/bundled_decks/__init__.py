"""The decks shipped with quizapp (`decks/` at the top of a checkout links here)."""
