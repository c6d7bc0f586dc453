"""Computed exercises: pure generators and checkers (numpy for the arithmetic)."""
