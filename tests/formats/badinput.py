"""Bad input for reader tests: a reader must succeed or raise one located ArgmapError."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import strategies as st

from argmap.errors import ArgmapError


@st.composite
def damaged(draw, valid: str):
    """``valid`` cut short, with a slice replaced by random text, or random text alone."""
    cut = draw(st.integers(0, len(valid)))
    end = draw(st.integers(cut, len(valid)))
    noise = draw(st.text(max_size=20))
    return draw(st.sampled_from([valid[:cut], valid[:cut] + noise + valid[end:], noise]))


def reads_or_refuses(read, text: str, path: str = "in.txt") -> None:
    """Call ``read``; any exception other than ArgmapError fails the test (it propagates)."""
    try:
        read(text, path)
    except ArgmapError as exc:
        assert exc.location is not None and exc.location.file == path, str(exc)
        assert "\n" not in exc.message.strip(), exc.message


def refusal(read, path: Path, line: int | None = None, column: int | None = None):
    """The error ``read`` raises for the file at ``path``, checked to be located there."""
    with pytest.raises(ArgmapError) as caught:
        read(path.read_text(encoding="utf-8"), str(path))
    location = caught.value.location
    assert (location.file, location.line, location.column) == (str(path), line, column)
    return caught.value
