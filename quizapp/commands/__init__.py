"""The `quizapp` commands: `configure(parser)` declares arguments, `run(args)` acts."""
