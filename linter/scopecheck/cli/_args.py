"""The command line on argparse, read from each command's annotated signature.

Each command is a plain function whose parameters say what they take:
`fix: Annotated[bool, Option("--fix", help=...)] = False`. `App` builds an argparse parser
from the one command a run asks for and calls it (`scopecheck --help` lists the commands
without building their options). This replaces typer, which cost about 45 ms of every run's start-up (half of `lint`'s
time on a small app) to import; argparse comes with Python and imports in about 3 ms.
"""

from __future__ import annotations

import argparse
import sys
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any


class Option:
    """A `--flag` of a command; without `flags`, `--` and the parameter's name."""

    def __init__(
        self,
        *flags: str,
        help: str = "",
        metavar: str | None = None,
        hidden: bool = False,
        min: int | None = None,
        show_default: bool = True,
    ) -> None:
        self.flags, self.help, self.metavar = flags, help, metavar
        self.hidden, self.min, self.show_default = hidden, min, show_default


class Argument:
    """A positional argument of a command."""

    def __init__(
        self,
        *,
        help: str = "",
        metavar: str | None = None,
        show_default: bool = True,
    ) -> None:
        self.help, self.metavar, self.show_default = help, metavar, show_default


class Exit(Exception):  # it is how a command ends, not an error
    """Raised by a command to end the run with an exit code."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.code = code


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(text + ("\n" if nl else ""))
    stream.flush()


@dataclass
class Command:
    name: str
    function: Callable[..., None]


@dataclass
class App:
    """The `scopecheck` program: its commands, in the order `--help` lists them."""

    name: str
    help: str
    version: str
    commands: list[Command] = field(default_factory=list)

    def command(self, name: str | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
        def register(function: Callable[..., None]) -> Callable[..., None]:
            self.commands.append(Command(name or function.__name__.replace("_", "-"), function))
            return function

        return register

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(command.name for command in self.commands)

    def run(self, args: Sequence[str]) -> int:
        """Parse `args` and run the command they name; the exit code."""
        command = next((c for c in self.commands if args and c.name == args[0]), None)
        try:
            if command is None:  # `--help`, `--version`, or no command: the listing
                self.parser().parse_args(list(args))
                self.parser().print_help()
                return 0
            parser = self.command_parser(command)
            values = vars(parser.parse_intermixed_args(list(args[1:])))
        except SystemExit as done:  # --help, --version or a usage error (2)
            return done.code if isinstance(done.code, int) else 2
        for name, (kind, many) in parser.enums.items():  # choices are parsed as their text
            if values[name] is not None:
                values[name] = [kind(one) for one in values[name]] if many else kind(values[name])
        try:
            command.function(**values)
        except Exit as done:
            return done.code
        return 0

    def parser(self) -> argparse.ArgumentParser:
        """The program's parser, which lists every command (their options are not built)."""
        top = _Parser(
            prog=self.name, description=self.help, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        top.add_argument("--version", action="version", version=f"{self.name} {self.version}")
        sub = top.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
        for command in self.commands:
            doc = _cleandoc(command.function.__doc__ or "")
            sub.add_parser(command.name, help=_escape(doc.split("\n\n", 1)[0].replace("\n", " ")))
        return top

    def command_parser(self, command: Command) -> _Parser:
        """One command's parser: a run builds only its own."""
        parser = _Parser(
            prog=f"{self.name} {command.name}",
            description=_escape(_cleandoc(command.function.__doc__ or "")),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            allow_abbrev=False,  # `--fail` is no `--fail-on`: an option is named in full
        )
        _add_parameters(parser, command.function)
        return parser


class _Parser(argparse.ArgumentParser):
    """A usage error is one line that names the command, suggests a close option name and
    points to the help (the usage block argparse would print first is left out). `enums`:
    the parameters whose choices stand for an Enum's members (name -> Enum, takes a list)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enums: dict[str, tuple[type[Enum], bool]] = {}

    def error(self, message: str) -> typing.NoReturn:
        if "unrecognized arguments" in message:
            message += _suggestion(self, message)
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _suggestion(parser: argparse.ArgumentParser, message: str) -> str:
    import difflib

    known = [flag for action in parser._actions for flag in action.option_strings]
    words = message.split(":", 1)[-1].split()
    close = [
        hit for word in words if word.startswith("--") for hit in difflib.get_close_matches(word, known, 1)
    ]
    return f" (did you mean {close[0]}?)" if close else ""


def _add_parameters(parser: _Parser, function: Callable[..., None]) -> None:
    hints = typing.get_type_hints(function, include_extras=True)
    code = function.__code__
    names = code.co_varnames[: code.co_argcount]
    defaults = function.__defaults__ or ()
    given = dict(zip(names[len(names) - len(defaults) :], defaults, strict=True))
    for name in names:
        hint = hints[name]
        spec: Option | Argument = Option()
        if typing.get_origin(hint) is typing.Annotated:
            hint, *extras = typing.get_args(hint)
            spec = next((e for e in extras if isinstance(e, Option | Argument)), spec)
        kind, many = _base_type(hint)
        default = given.get(name)
        required = name not in given
        settings: dict[str, Any] = {}
        choices = ""
        if isinstance(kind, type) and issubclass(kind, Enum):
            parser.enums[name] = (kind, many)
            settings["choices"] = [member.value for member in kind]
            settings["metavar"] = spec.metavar or name.upper().replace("OUTPUT_", "")
            choices = f" ({', '.join(settings['choices'])})"
        elif kind is int:
            settings["type"] = _at_least(spec.min) if isinstance(spec, Option) else int
        elif kind is Path:
            settings["type"] = Path
            if isinstance(spec, Option):
                settings["metavar"] = spec.metavar or "PATH"
        if spec.metavar and "metavar" not in settings:
            settings["metavar"] = spec.metavar
        help_text = _escape(_with_choices(spec.help, choices))
        shown = default.value if isinstance(default, Enum) else default
        if spec.show_default and shown not in (None, False, []) and kind is not bool:
            help_text += f" [default: {_escape(str(shown))}]"
        if isinstance(spec, Argument):
            # argparse brackets an optional positional itself: `[APP]...` is shown `[APP ...]`
            settings["metavar"] = (spec.metavar or name.upper()).strip("[].")
            nargs = "*" if many else ("?" if not required else None)
            parser.add_argument(name, nargs=nargs, default=default, help=help_text, **settings)
            continue
        flags = spec.flags or ("--" + name.replace("_", "-"),)
        if spec.hidden:
            help_text = argparse.SUPPRESS
        if kind is bool:
            parser.add_argument(*flags, dest=name, action="store_true", default=default, help=help_text)
        elif many:
            parser.add_argument(*flags, dest=name, action="append", default=None, help=help_text, **settings)
        else:
            parser.add_argument(
                *flags, dest=name, default=default, required=required, help=help_text, **settings
            )


def _base_type(hint: Any) -> tuple[Any, bool]:
    """(the type a value is parsed to, whether the parameter takes a list)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        hint = inner[0] if len(inner) == 1 else str
    if typing.get_origin(hint) is list:
        return typing.get_args(hint)[0], True
    return hint, False


def _at_least(low: int | None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if low is not None and number < low:
            raise argparse.ArgumentTypeError(f"{number} is less than the minimum, {low}")
        return number

    return parse


def _cleandoc(doc: str) -> str:
    """A docstring without the indentation of its later lines."""
    import textwrap

    first, _, rest = doc.strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()


def _with_choices(text: str, choices: str) -> str:
    """`Output format (text, json).`: the choices after the words, before a `[default: ...]`."""
    if not choices:
        return text
    words, bracket, rest = text.partition(" [default")
    end = "." if words.endswith(".") else ""
    return words.removesuffix(".") + choices + end + bracket + rest


def _escape(text: str) -> str:
    return text.replace("%", "%%")
