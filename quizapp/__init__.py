"""quizapp: spaced-repetition flashcards and computed exercises for the terminal.

Importing the package does nothing but define names: no engine, no settings, no directories.
"""

__version__ = "0.1.0"
