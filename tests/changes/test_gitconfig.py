"""``argmap git install`` and the textconv rendering, in real git repositories."""

from __future__ import annotations

from argmap.changes.gitconfig import driver_settings, install, path_pattern

from ..conftest import DATA, SAMPLE

BASE = (DATA / "merge" / "base.yaml").read_text(encoding="utf-8")
ARGDOWN = SAMPLE.with_suffix(".argdown").read_text(encoding="utf-8")


def test_install_configures_the_drivers_for_the_argument_files_it_finds(cli, repo):
    repo.write("arguments/lane.yaml", BASE)
    repo.write("arguments/detainers.argdown", ARGDOWN)
    repo.write("ci.yaml", "jobs: {test: {run: make}}\n")  # YAML, but not an argument file
    repo.write("package.json", '{"name": "x"}\n')
    repo.write("untracked.yaml", BASE)
    repo.commit("maps")
    repo.root.joinpath("untracked.yaml").rename(repo.root / "still-untracked.yaml")

    result = cli("git", "install")

    assert result.exit_code == 0, result.output
    assert "git config diff.argmap.xfuncname '^\\[[^]]+\\].*$'\n" in result.output  # as typed
    for key, value in driver_settings().items():
        assert repo.git("config", "--local", "--get", key).stdout == value + "\n"
    assert (repo.root / ".gitattributes").read_text() == (
        "/arguments/detainers.argdown diff=argmap\n"
        "/arguments/lane.yaml diff=argmap merge=argmap\n")
    attributes = repo.git("check-attr", "diff", "merge", "--", "arguments/lane.yaml",
                          "arguments/detainers.argdown", "ci.yaml").stdout
    assert attributes.splitlines() == [
        "arguments/lane.yaml: diff: argmap", "arguments/lane.yaml: merge: argmap",
        "arguments/detainers.argdown: diff: argmap",
        "arguments/detainers.argdown: merge: unspecified",
        "ci.yaml: diff: unspecified", "ci.yaml: merge: unspecified"]


def test_installing_twice_changes_nothing(cli, repo):
    repo.write("lane.yaml", BASE)
    repo.commit("map")
    assert install(patterns=["*.argmap.yaml"]).changed
    config = (repo.root / ".git" / "config").read_bytes()
    attributes = (repo.root / ".gitattributes").read_bytes()

    again = install(patterns=["*.argmap.yaml"])
    result = cli("git", "install", "*.argmap.yaml")

    assert not again.changed and again.lines == () and again.settings == ()
    assert result.exit_code == 0 and "nothing changed" in result.output
    assert (repo.root / ".git" / "config").read_bytes() == config
    assert (repo.root / ".gitattributes").read_bytes() == attributes


def test_existing_gitattributes_bytes_are_kept(repo):
    existing = b"# line endings\r\n*.sh text eol=lf\r\n*.png binary"  # CRLF, no final break
    repo.write(".gitattributes", existing)

    install(patterns=["debates/*.yaml"])

    assert (repo.root / ".gitattributes").read_bytes() == (
        existing + b"\r\ndebates/*.yaml diff=argmap merge=argmap\r\n")


def test_patterns_with_spaces_and_glob_characters_match_only_their_file(repo):
    repo.write("my maps/lane[1].yaml", BASE)
    repo.write("my maps/lane1.yaml", BASE)
    repo.commit("maps")

    installed = install()

    assert installed.lines == (f"{path_pattern('my maps/lane1.yaml')} diff=argmap merge=argmap",
                               f"{path_pattern('my maps/lane[1].yaml')} diff=argmap merge=argmap")
    for name in ("my maps/lane[1].yaml", "my maps/lane1.yaml"):
        assert repo.git("check-attr", "merge", "--", name).stdout == f"{name}: merge: argmap\n"
    repo.write(".gitattributes", installed.lines[1] + "\n")
    assert repo.git("check-attr", "merge", "--", "my maps/lane1.yaml").stdout.endswith(
        "unspecified\n")


def test_outside_a_git_repository_install_is_a_one_line_error(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)

    result = cli("git", "install")

    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{tmp_path}: error: not in a git repository (run 'git init' first, or run this "
        "inside one)"]
    assert not (tmp_path / ".gitattributes").exists()


def test_git_diff_shows_claims_through_the_textconv(repo):
    repo.write("lane.yaml", BASE)
    repo.commit("map")
    install()
    repo.write("lane.yaml", BASE.replace("in 14 crashes", "in 15 crashes"))

    diff = repo.git("diff").stdout

    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in
               ("+++", "---")]
    assert changed == ["-  Cyclists were hurt in 14 crashes on Main Street last year.",
                       "+  Cyclists were hurt in 15 crashes on Main Street last year."]
    assert "[crashes] evidence, safety" in diff
    assert "@@ [lane] thesis" in diff  # hunks are headed by the claim before them
    assert "# Safety first." not in diff  # comments are the file's, not the map's
    log = repo.git("log", "-p", "--textconv", "-1").stdout
    assert "+[footfall] claim, trade" in log and "+  rebuts parking: Visitors on foot need " \
        "no parking." in log


def test_textconv_prints_a_file_that_is_no_map_as_it_is(cli, tmp_path):
    broken = tmp_path / "half-written.yaml"
    broken.write_bytes(b"claims:\n  a: {text: [unclosed\n")

    result = cli("git", "textconv", broken)

    assert result.exit_code == 0
    assert result.output == "claims:\n  a: {text: [unclosed\n"


def test_textconv_of_a_missing_file_is_an_error(cli, tmp_path):
    result = cli("git", "textconv", tmp_path / "gone.yaml")

    assert result.exit_code == 1
    assert result.output == f"{tmp_path / 'gone.yaml'}: error: no such file\n"
