"""Writing files safely: a temporary file in the same folder, renamed into place.

A reader never sees half a file, and an error or an interrupt leaves whatever
was there before untouched. A new file gets the permissions any new file gets
(``0666`` less the umask); a file that is replaced keeps its own. Several
files written together (``publish``, the CSV tables) are renamed into place
with interrupts held back, so a folder never mixes old and new files.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .errors import OutputError

__all__ = ["DEFAULT_DIR", "ensure_folder", "write_atomic", "write_all", "protect"]

DEFAULT_DIR = Path("output")
_HELD = {signal.SIGINT, signal.SIGTERM}
_PROTECTED: set[tuple[int, int]] = set()  # (device, inode) of every dataset file read by this process


def protect(path: Path) -> None:
    """Never write over ``path``: a dataset file this process reads (an export must not replace it)."""
    try:
        info = os.stat(path)
    except OSError:
        return
    _PROTECTED.add((info.st_dev, info.st_ino))


def ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: cannot create the folder: a file has that name") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    if not folder.is_dir():
        raise OutputError(f"{folder}: is not a folder")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _check_target(path: Path) -> int | None:
    """The mode to give the new file: the replaced file's, or None for a new one."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name")
    if (info.st_dev, info.st_ino) in _PROTECTED:
        raise OutputError(f"{path}: is a dataset file this command reads; it is never overwritten "
                          "(write the output somewhere else)")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path}: is not a regular file (a device, pipe or socket); give a file name")
    return stat.S_IMODE(info.st_mode)


def _temporary(path: Path, data: bytes | Iterable[bytes]) -> str:
    """Write ``data`` to a new temporary file beside ``path`` and return its name."""
    ensure_folder(path.parent)
    mode = _check_target(path)
    # The temporary name must fit where the final name fits: keep it short.
    prefix = "." + (path.name if len(path.name) <= 40 else path.name[:40])
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=prefix + ".", suffix=".tmp", delete=False)
    try:
        with handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for piece in data:
                    handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, mode if mode is not None else 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise
    return handle.name


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while files are renamed; they arrive right after."""
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    except (AttributeError, ValueError, OSError):  # not the main thread, or no signals here
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> Path:
    """Write ``data`` (bytes, or pieces of it) to ``path`` through a temporary file renamed into place."""
    return write_all({Path(path): data})[0]


def write_all(files: Mapping[Path, bytes | Iterable[bytes]]) -> list[Path]:
    """Write several files so that they all appear at once, or none does.

    Every file is first written to a temporary name; only when all are
    complete are they renamed into place, with interrupts held back.
    """
    written: dict[Path, str] = {}
    try:
        for path, data in files.items():
            try:
                written[Path(path)] = _temporary(Path(path), data)
            except OSError as exc:
                raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        with _interrupts_held():
            for path, tmp in written.items():
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
            written.clear()
    finally:
        for tmp in written.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return list(files)
