"""`python -m quizapp` runs the same command line as the `quizapp` script."""

from quizapp.cli import main

raise SystemExit(main())
