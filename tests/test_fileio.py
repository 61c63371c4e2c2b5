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
    with pytest.raises(ArgmapError, match="cannot write"):
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
