"""A UI-free study session: queue, reveal, answer, undo, counts (the TUI and the tests drive it)."""
