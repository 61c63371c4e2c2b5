"""The error vocabulary: the hierarchy its docstring draws, ``FileError`` from the
operating system's refusals, and the one "did you mean" helper."""

from __future__ import annotations

import inspect

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap import errors
from argmap.errors import (
    ArgmapError,
    EvaluationError,
    FileError,
    Location,
    ViewError,
    closest,
    did_you_mean,
    unknown_name,
)


def test_the_docstring_draws_every_error_type_under_its_parent():
    drawn = errors.__doc__
    types = [cls for _, cls in inspect.getmembers(errors, inspect.isclass)
             if issubclass(cls, ArgmapError) and cls is not ArgmapError]
    assert {cls.__name__ for cls in types} >= {"FileError", "ViewError", "ParseError",
                                                "ValidationError", "FormatError", "EditError",
                                                "EvaluationError", "RenderError"}
    for cls in types:
        assert f"── {cls.__name__} " in drawn, cls
        assert cls.__bases__ == (ArgmapError,), cls


def test_view_error_keeps_its_old_import_path_and_the_package_exports_the_new_types():
    import argmap
    from argmap import views
    assert views.ViewError is ViewError is argmap.ViewError
    assert argmap.FileError is FileError


@pytest.mark.parametrize("error, doing, message", [
    (FileNotFoundError(2, "No such file or directory"), "read", "no such file"),
    (FileNotFoundError(2, "No such file or directory"), "write",
     "cannot write: No such file or directory"),  # a folder on the way is missing
    (IsADirectoryError(21, "Is a directory"), "write", "is a directory, not a file"),
    (PermissionError(13, "Permission denied"), "read", "cannot read: Permission denied"),
])
def test_a_file_error_says_what_failed_at_the_path(error, doing, message):
    failure = FileError.from_os_error(error, "maps/debate.yaml", doing)
    assert failure.message == message
    assert failure.location == Location("maps/debate.yaml")
    assert str(failure) == f"maps/debate.yaml: {message}"


NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=2, max_size=16)


def one_edit(name: str, data) -> str:
    """``name`` with one letter added, dropped, changed, or two neighbours swapped."""
    position = data.draw(st.integers(0, len(name) - 1))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_"))
    edit = data.draw(st.sampled_from(["insert", "delete", "replace", "swap"]))
    if edit == "insert":
        return name[:position] + letter + name[position:]
    if edit == "delete":
        return name[:position] + name[position + 1:]
    if edit == "replace":
        return name[:position] + letter + name[position + 1:]
    position = min(position, len(name) - 2)
    return name[:position] + name[position + 1] + name[position] + name[position + 2:]


@settings(max_examples=200)
@given(known=st.lists(NAMES, min_size=1, max_size=30, unique=True), data=st.data())
def test_a_one_edit_misspelling_of_a_known_name_suggests_that_name(known, data):
    meant = data.draw(st.sampled_from(known))
    typed = one_edit(meant, data)
    assume(typed not in known and len(typed) >= 2)
    # Another name one edit away too: then there is no one guess to make.
    assume(not any(one_edit_apart(other, typed) for other in known if other != meant))
    assert closest(typed, known) == meant
    assert did_you_mean(typed, known) == f"; did you mean {meant!r}?"


def one_edit_apart(a: str, b: str) -> bool:
    """A slow, obviously right Damerau test, independent of the helper's own."""
    if a == b:
        return True
    for i in range(len(a) + 1):
        for letter in set(a + b):
            if a[:i] + letter + a[i:] == b or a[:i] + letter + a[i + 1:] == b:
                return True
        if a[:i] + a[i + 1:] == b:
            return True
        if i + 1 < len(a) and a[:i] + a[i + 1] + a[i] + a[i + 2:] == b:
            return True
    return False


def test_suggestions_ignore_case_and_catch_swapped_letters():
    assert closest("Honor", ["honor", "trust"]) == "honor"
    assert closest("hnoor", ["honor", "trust"]) == "honor"
    assert closest("trust-reportng", ["trust-reporting", "trust"]) == "trust-reporting"


def test_no_suggestion_when_nothing_is_close_or_two_names_are_as_close():
    assert closest("b", ["a"]) is None  # one letter changed is the whole name
    assert closest("p3", ["p1", "p2"]) is None
    assert closest("zzz", ["honor", "trust"]) is None
    assert closest(3, ["3"]) is None  # not a name at all: no crash


def test_without_a_suggestion_the_known_names_are_listed_when_few():
    assert did_you_mean("p3", ["p1", "p2"]) == " (known: p1, p2)"
    assert did_you_mean("x", []) == " (there are none)"
    assert did_you_mean("zzz", [f"claim-{n}" for n in range(40)]) == ""
    assert did_you_mean("bogus", ["yml", "yaml"], listed=["yaml"]) == " (known: yaml)"
    assert did_you_mean("x", {"zeta", "alpha", "mu"}) == " (known: alpha, mu, zeta)"


def test_unknown_name_is_a_located_view_error_unless_told_otherwise():
    error = unknown_name("claim", "honr", ["honor"], Location("debate.yaml"))
    assert isinstance(error, ViewError)
    assert str(error) == "debate.yaml: unknown claim 'honr'; did you mean 'honor'?"
    semantics = unknown_name("semantics", "grounde", ["grounded"], error=EvaluationError)
    assert type(semantics) is EvaluationError and semantics.location is None
    assert "\n" not in str(unknown_name("tag", "x\ny", ["a"] * 3))  # one line, as given
