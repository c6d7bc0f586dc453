"""Schedulers: pure functions from (state, grade, day) to (new state, due day).

`base.Scheduler` is the small interface the session and the store rely on; `sm2` implements it.
"""
