"""The `quizapp` command line: parses arguments and hands over to one command module.

Each command lives in `quizapp/commands/<name>.py` with `configure(parser)` and `run(args) -> int`.
Command modules import their heavy dependencies inside `run()`, so `quizapp --help` and the first
frame of the TUI stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

#: command name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "review": ("quizapp.commands.review", "study decks in the TUI (the default)"),
    "check": ("quizapp.commands.check", "validate deck files and report every problem"),
    "stats": ("quizapp.commands.stats", "print progress statistics"),
    "decks": ("quizapp.commands.decks", "list the decks found, with paths and card counts"),
    "suspended": ("quizapp.commands.suspended", "list suspended cards; bring them back"),
    "new": ("quizapp.commands.new", "scaffold a new deck file"),
    "add": ("quizapp.commands.add", "add a card to a deck file"),
    "import": ("quizapp.commands.import_", "import an Anki package or a CSV/TSV file"),
    "export": ("quizapp.commands.export", "export a deck to .apkg or CSV"),
    "optimize": ("quizapp.commands.optimize", "fit FSRS's parameters to your own answers"),
}


def _command_in(args: Sequence[str]) -> str | None:
    """The command named on the command line, if any (skipping global options and their values)."""
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
        elif arg == "--db":
            skip_next = True
        elif arg in COMMANDS:
            return arg
        elif not arg.startswith("-"):
            return None
    return None


def build_parser(available: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; only the commands in `available` (default: all) import their module.

    `main()` configures just the command being run, so starting the TUI does not import the
    modules (and their dependencies) of every other command.
    """
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Spaced-repetition flashcards and computed exercises for the terminal.",
    )
    from quizapp import __version__

    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL (default: $QUIZAPP_DB, else SQLite in the user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if available is not None and name not in available:
            continue
        module = importlib.import_module(module_name)
        module.configure(command_parser)
        command_parser.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = _command_in(args_list)
    # `quizapp` alone, or with only global options, studies: it is `quizapp review`.
    if command is None and not any(a in ("-h", "--help", "--version") for a in args_list):
        args_list.append("review")
        command = "review"
    parser = build_parser(available=[command] if command else [])
    args = parser.parse_args(args_list)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        if command == "review":  # the TUI owns the terminal (and keeps deck text safe itself)
            result: int = args.run(args)
        else:
            from quizapp.textsafe import guarded_output

            with guarded_output():
                result = args.run(args)
        # Output still in the buffer would meet a closed pipe at exit, outside this `try`.
        sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    return result


#: The exit status of a process killed by SIGPIPE, as a shell reports it (128 + 13).
EXIT_CLOSED_PIPE = 141


def _closed_pipe() -> int:
    """The reader went away (`quizapp decks | head -1`): stop quietly, as Unix tools do.

    Python would report the unflushed output again at exit; stdout is pointed at the null
    device first so that it has nowhere left to fail.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # stdout is not a file descriptor (tests capture it)
        pass
    return EXIT_CLOSED_PIPE
