"""``git merge`` with argmap's merge driver, in real repositories: the issue's done-when
(two branches that each ``argmap add`` a claim merge without a conflict and keep every
comment), a conflict as git reports it, and a CRLF file with a byte-order mark."""

from __future__ import annotations

import subprocess

import pytest

from argmap.formats.native import read

from ..conftest import DATA

BASE = (DATA / "merge" / "base.yaml").read_bytes()
MAP = "arguments/lane.yaml"


def argmap(cli, *args) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result.output


def branches(cli, repo, ours: tuple[str, ...], theirs: tuple[str, ...], data: bytes = BASE) -> None:
    """``main`` with the map and argmap's drivers installed, ``theirs`` branched from it with
    the ``theirs`` command run on the map, and ``main`` checked out with ``ours`` run."""
    repo.write(MAP, data)
    repo.commit("the map")
    argmap(cli, "git", "install")
    repo.commit("argmap's git drivers")
    repo.git("checkout", "-q", "-b", "theirs")
    argmap(cli, *theirs)
    repo.commit("theirs")
    repo.git("checkout", "-q", "main")
    argmap(cli, *ours)
    repo.commit("ours")


def comment_lines(data: bytes) -> list[str]:
    return [line.strip() for line in data.decode("utf-8-sig").splitlines()
            if "#" in line]


@pytest.mark.parametrize("variant", ["lf", "bom-crlf"])
def test_two_branches_that_each_add_a_claim_merge_without_a_conflict(cli, repo, variant):
    data = BASE if variant == "lf" else b"\xef\xbb\xbf" + BASE.replace(b"\n", b"\r\n")
    branches(cli, repo, ("add", MAP, "cost", "--text", "The lane costs 2 million dollars.",
                    "--perspective", "trade", "--rebuts", "lane"),
             ("add", MAP, "buses", "--text", "Buses would be slower behind cyclists.",
              "--rebuts", "lane"), data)
    ours = (repo.root / MAP).read_bytes()
    theirs = repo.git("show", f"theirs:{MAP}").stdout.encode("utf-8")
    # Git's own line merge would stop here: both branches append after the last claim.
    base_file, ours_file, theirs_file = (repo.root / name for name in ("b", "o", "t"))
    for path, content in ((base_file, data), (ours_file, ours), (theirs_file, theirs)):
        path.write_bytes(content)
    assert subprocess.run(["git", "merge-file", "-p", ours_file, base_file, theirs_file],
                          capture_output=True, check=False).returncode > 0
    for path in (base_file, ours_file, theirs_file):
        path.unlink()

    merge = repo.git("merge", "--no-edit", "theirs", check=False)

    assert merge.returncode == 0, merge.stdout + merge.stderr
    merged = (repo.root / MAP).read_bytes()
    assert merged.startswith(ours.removesuffix(b"\n" if variant == "lf" else b"\r\n"))
    assert comment_lines(merged) == comment_lines(data)
    assert {"cost", "buses"} <= set(read(merged.decode("utf-8")).claims())
    if variant == "bom-crlf":
        assert merged.startswith(b"\xef\xbb\xbf") and merged.count(b"\n") == merged.count(b"\r\n")
    assert repo.git("status", "--porcelain").stdout == ""


def test_a_conflict_stops_git_merge_with_markers_around_the_claim_and_its_location(cli, repo):
    branches(cli, repo, ("set", MAP, "crashes", "text", "Cyclists were hurt in 15 crashes."),
             ("set", MAP, "crashes", "text", "Cyclists were hurt in 16 crashes."))

    merge = repo.git("merge", "--no-edit", "theirs", check=False)

    assert merge.returncode == 1
    assert (f"{MAP}:18:3: conflict: claim 'crashes': text changed on both sides "
            f"(theirs: {MAP} (theirs):18:3)") in merge.stdout + merge.stderr
    text = (repo.root / MAP).read_text()
    head, _, rest = text.partition("<<<<<<< ours\n")
    ours_block, _, rest = rest.partition("=======\n")
    theirs_block, _, tail = rest.partition(">>>>>>> theirs\n")
    assert ours_block.startswith("  crashes:\n    text: Cyclists were hurt in 15 crashes.\n")
    assert theirs_block.startswith("  crashes:\n    text: Cyclists were hurt in 16 crashes.\n")
    assert head.endswith("  # Safety first.\n") and "<<<<<<<" not in tail
    assert repo.git("diff", "--name-only", "--diff-filter=U").stdout == f"{MAP}\n"
