"""The ``lineage`` command's entry point, also run by ``python -m llm_lineage``.

It installs the interrupt handling before anything heavy is imported, so that
Ctrl-C (SIGINT) or SIGTERM at any moment, imports included, ends the command
quietly (exit 130 or 143) without a traceback and without a half-written file;
and it turns a failure to write the output (a full disk, an encoding that
cannot show the text) into one ``Error:`` line.
"""

from __future__ import annotations

import signal
import sys

__all__ = ["main", "Terminated"]


class Terminated(BaseException):
    """Raised by the SIGTERM handler; unwinds like Ctrl-C, so temporary files are removed."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that Python's flush at exit cannot fail again."""
    import os

    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    except OSError:
        pass


def main(argv: list[str] | None = None) -> None:
    """Run the ``lineage`` command with ``argv`` (default: the command line)."""
    signal.signal(signal.SIGTERM, _terminate)
    code: int | str | None = 0
    try:
        # Text that the terminal's encoding cannot show is escaped, never an error.
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="backslashreplace")
        from .cli import app

        try:
            app(args=argv, prog_name="lineage", standalone_mode=True)
        except SystemExit as exc:
            code = exc.code
        sys.stdout.flush()
    except KeyboardInterrupt:
        _quiet_stdout()
        code = 130
    except Terminated:
        _quiet_stdout()
        code = 143
    except BrokenPipeError:  # `lineage list | head`
        _quiet_stdout()
        code = 0
    except OSError as exc:  # `lineage list > /dev/full`
        _quiet_stdout()
        print(f"Error: cannot write the output ({exc.strerror or exc})", file=sys.stderr)
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    main()
