"""Atomic writes and careful reads, on the real file system."""

import os
import stat

import pytest

from argmap.errors import ArgmapError, ParseError
from argmap.fileio import atomic_write, read_text


def test_atomic_write_replaces_content_and_keeps_the_mode(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("old")
    path.chmod(0o640)
    atomic_write(path, "new \u00e9")
    assert path.read_text(encoding="utf-8") == "new \u00e9"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["map.yaml"]


def test_failed_rename_leaves_the_target_and_no_temporary(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "inside").write_text("old")
    with pytest.raises(ArgmapError, match="is a directory"):
        atomic_write(target, "new")  # a directory cannot be replaced by a file
    assert (target / "inside").read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["taken"]


def test_write_into_a_missing_directory_is_a_located_error(tmp_path):
    with pytest.raises(ArgmapError) as caught:
        atomic_write(tmp_path / "missing" / "x.svg", b"data")
    assert str(caught.value).endswith("x.svg: cannot write: No such file or directory")


def test_read_text_points_at_the_first_byte_that_is_not_utf8(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"ok\nab\xffc\n")
    with pytest.raises(ParseError) as caught:
        read_text(path)
    assert (caught.value.location.line, caught.value.location.column) == (2, 3)


# -- output paths: what is replaced, what is written in place (docs/reliability.md) ------
def _read_fifo_in_background(path):
    """Start a reader of FIFO ``path``; returns a function giving what it read."""
    import threading
    got = []
    thread = threading.Thread(target=lambda: got.append(open(path, "rb").read()))
    thread.start()

    def result() -> bytes:
        thread.join(10)
        return got[0]
    return result


def test_a_fifo_is_written_in_place_not_replaced(tmp_path):
    fifo = tmp_path / "out.svg"
    os.mkfifo(fifo)
    result = _read_fifo_in_background(fifo)
    atomic_write(fifo, b"<svg/>")
    assert result() == b"<svg/>"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["out.svg"]


def test_a_symlink_to_a_fifo_stays_a_symlink(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.dot"
    link.symlink_to(fifo)
    result = _read_fifo_in_background(fifo)
    atomic_write(link, "digraph {}")
    assert result() == b"digraph {}"
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_to_a_regular_file_keeps_the_link_and_replaces_the_target(tmp_path):
    target = tmp_path / "real.yaml"
    target.write_text("old")
    link = tmp_path / "link.yaml"
    link.symlink_to(target.name)
    atomic_write(link, "new")
    assert link.is_symlink() and os.readlink(link) == "real.yaml"
    assert target.read_text() == "new"


def test_a_character_device_is_written_not_replaced(tmp_path):
    """A private copy of /dev/null (needs root to create; the real /dev is never a
    target in these tests)."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    atomic_write(device, b"x" * 100_000)
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert os.listdir(tmp_path) == ["null"]


def test_dev_fd_writes_to_the_open_descriptor(tmp_path):
    read_end, write_end = os.pipe()
    try:
        atomic_write(f"/dev/fd/{write_end}", b"through the pipe")
        os.close(write_end)
        assert os.read(read_end, 100) == b"through the pipe"
    finally:
        os.close(read_end)


def test_dev_stdout_redirected_to_a_file_is_written_in_place(tmp_path):
    """``argmap export ... -o /dev/stdout > out``: the shell's file receives the bytes."""
    import subprocess
    import sys
    out = tmp_path / "out.txt"
    code = "from argmap.fileio import atomic_write; atomic_write('/dev/stdout', b'hello')"
    with open(out, "wb") as handle:
        subprocess.run([sys.executable, "-c", code], stdout=handle, check=True)
    assert out.read_bytes() == b"hello"
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


def test_a_read_only_file_is_refused_unless_forced(tmp_path):
    path = tmp_path / "map.svg"
    path.write_text("old")
    path.chmod(0o444)
    with pytest.raises(ArgmapError, match="read-only"):
        atomic_write(path, "new")
    assert path.read_text() == "old"
    atomic_write(path, "new", force=True)
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_hard_links_are_kept(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("a long old content\n" * 10)
    os.link(first, second)
    atomic_write(second, "new")
    assert first.read_text() == second.read_text() == "new"
    assert first.stat().st_ino == second.stat().st_ino
    assert sorted(os.listdir(tmp_path)) == ["a.yaml", "b.yaml"]


def test_a_250_byte_name_gets_a_temporary_name_under_255_bytes(tmp_path):
    name = "\u00e9" * 120 + "x.yaml"  # 246 bytes
    assert len(os.fsencode(name)) <= 255
    atomic_write(tmp_path / name, "data")
    assert os.listdir(tmp_path) == [name]


def test_temporaries_left_by_a_killed_writer_are_removed_once_stale(tmp_path):
    path = tmp_path / "map.yaml"
    stale, fresh = tmp_path / ".map.yaml.abcdefgh.tmp", tmp_path / ".map.yaml.ijklmnop.tmp"
    stale.write_text("left by kill -9")
    fresh.write_text("another writer, still running")
    os.utime(stale, (0, 0))
    atomic_write(path, "new")
    assert sorted(os.listdir(tmp_path)) == [".map.yaml.ijklmnop.tmp", "map.yaml"]
