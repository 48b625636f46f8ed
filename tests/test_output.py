"""Writing files: atomic, never onto something that is not a regular file, permissions as expected."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from llm_lineage.errors import OutputError
from llm_lineage.output import write_all, write_atomic


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_gets_the_permissions_of_any_new_file(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.txt", b"x")
        os.umask(0o077)
        write_atomic(tmp_path / "b.txt", b"x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "a.txt") == 0o644  # readable by others, as `touch` would make it
    assert mode(tmp_path / "b.txt") == 0o600


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    private, shared = tmp_path / "private.txt", tmp_path / "shared.txt"
    private.write_bytes(b"old")
    private.chmod(0o600)
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    write_atomic(private, b"new")
    write_atomic(shared, b"new")
    assert (mode(private), private.read_bytes()) == (0o600, b"new")
    assert (mode(shared), shared.read_bytes()) == (0o664, b"new")


def test_a_pipe_is_refused_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="is not a regular file"):
        write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_device_is_refused_not_replaced():  # as root, a rename would have replaced /dev/null
    with pytest.raises(OutputError, match="is not a regular file"):
        write_atomic(Path("/dev/null"), b"x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_long_file_name_that_fits_can_be_written(tmp_path):
    name = "x" * 250 + ".json"  # 255 bytes: the longest name most file systems take
    write_atomic(tmp_path / name, b"{}")
    assert (tmp_path / name).read_bytes() == b"{}"


def test_several_files_appear_together_or_not_at_all(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"old a")

    def failing():
        yield b"half"
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left on device"):
        write_all({tmp_path / "a.txt": b"new a", tmp_path / "b.txt": failing()})
    assert (tmp_path / "a.txt").read_bytes() == b"old a"
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]
