"""Tests of the judge: verdicts on typed, picked and ordered answers."""
