"""Tests of the statistics: pure maths, the store query, and `quizapp stats`."""
