"""Computed exercises: pure generators and checkers (numpy for the arithmetic).

`registry` is the entry point (`check_spec`, `draw`, `check`, `GENERATORS`); `exercise` holds the
drawn exercise and the checked answers as data; `answers` parses what the learner types. Each
topic module (`adam`, `momentum`, `rmsprop`, `voting`, `bootstrap`, `adaboost`, `bias_variance`)
holds the maths as a plain function and ends with its `GENERATOR`. Nothing is imported here, so
importing a submodule such as `answers` does not pull in numpy.
"""
