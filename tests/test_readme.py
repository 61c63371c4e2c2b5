"""The README's examples run: the library example as a doctest, and the editing commands
build, from nothing, exactly the argument file the README shows."""

from __future__ import annotations

import doctest
import re
import shlex
import shutil

import argmap

from .conftest import ROOT, SAMPLE

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(heading: str, language: str) -> str:
    """The first ``language`` code block after ``heading``."""
    after = README[README.index(heading + "\n"):]
    return re.search(rf"^```{language}\n(.*?)^```$", after, re.M | re.S)[1]


def test_library_example_runs_as_a_doctest(tmp_path, monkeypatch):
    (tmp_path / "arguments").symlink_to(ROOT / "arguments")
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(block("## Library", "pycon"), {}, "README",
                                               "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
    assert len(test.examples) >= 10
    assert argmap.load(tmp_path / "debate.graphml").title == argmap.load(SAMPLE).title


def test_editing_commands_build_the_example_file_from_nothing(cli, tmp_path, monkeypatch):
    """Run in an ``arguments/`` folder beside a ``schema/`` one, as in this repository, so
    the modeline is the README's too."""
    (tmp_path / "schema").mkdir()
    shutil.copy(ROOT / "schema" / "argmap.schema.json", tmp_path / "schema")
    folder = tmp_path / "arguments"
    folder.mkdir()
    monkeypatch.chdir(folder)
    commands = block("### Editing from the command line", "sh").replace("\\\n", " ")
    for line in commands.splitlines():
        words = shlex.split(line, comments=True)
        assert words[0] == "argmap"
        result = cli(*words[1:])
        assert result.exit_code == 0, (line, result.output)
    built = (folder / "debate.yaml").read_text(encoding="utf-8")
    example = block("## The argument file", "yaml")
    assert built == example
    expected, got = argmap.loads(example), argmap.load(folder / "debate.yaml")
    assert list(got.graph.nodes(data=True)) == list(expected.graph.nodes(data=True))
    assert (list(got.graph.edges(keys=True, data=True))
            == list(expected.graph.edges(keys=True, data=True)))
    assert got.graph.graph == expected.graph.graph  # title, description, perspectives, sources
    assert got.sources["dhs-2025"] == {"title": "DHS statement on Illinois detainer releases",
                                       "date": "2025-11"}
    assert got.claim("releases")["tags"] == ["statistic"]
    assert got.claim("releases")["weight"] == 0.8
