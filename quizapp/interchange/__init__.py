"""Trading decks with other tools: Anki packages and plain-text/CSV files in, .apkg and CSV out.

Everything here turns foreign files into quizapp's deck files (YAML written by
`quizapp.decks.edit`) or back; nothing executes what it reads. Reading a package is done in
memory with size limits first, and writing happens only once everything converted cleanly.
"""
