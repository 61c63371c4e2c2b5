"""Bounded work, measured by budgets rather than wall-clock assertions: each case runs in a
subprocess under ``resource.setrlimit`` (CPU seconds and address space), far above what
the linear code needs and far below what the old quadratic or exponential code took."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from .conftest import DATA

HOSTILE = DATA / "hostile"


def run_bounded(code: str, cpu_seconds: int = 30, memory: int = 1 << 30) -> str:
    """Run ``code`` with the limits; its stdout (it prints one word on success)."""
    prelude = textwrap.dedent(f"""
        import resource
        resource.setrlimit(resource.RLIMIT_CPU, ({cpu_seconds}, {cpu_seconds}))
        resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
    """)
    result = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)],
                            capture_output=True, text=True, timeout=cpu_seconds * 4)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


@pytest.mark.parametrize("name", ["alias-bomb.caes.yml", "alias-bomb.yaml",
                                  "alias-bomb.argdown", "alias-recursive.caes.yml"])
def test_alias_bombs_are_refused_within_a_small_budget(name):
    """Expanded, each would be 387 million nodes (57 s, then MemoryError at 6 GB)."""
    assert run_bounded(f"""
        from argmap.errors import ArgmapError
        from argmap.formats import read_map
        try:
            read_map({str(HOSTILE / name)!r})
        except ArgmapError as exc:
            print("refused" if "alias" in exc.message else exc.message)
    """, cpu_seconds=10, memory=512 << 20) == "refused"


def test_a_huge_declared_framework_is_refused_before_allocating():
    """``p af 50000000`` in 15 bytes once ran 102 s and ended in MemoryError."""
    assert run_bounded(f"""
        from argmap.errors import ParseError
        from argmap.formats import read_map
        try:
            read_map({str(HOSTILE / "huge-declared.i23")!r})
        except ParseError:
            print("refused")
    """, cpu_seconds=10, memory=512 << 20) == "refused"


def test_aspartix_facts_on_one_line_read_in_linear_time():
    """200,000 facts (6.6 MB) on one line: ~4 s of CPU here; slicing the rest
    of the line at every fact took hours."""
    assert run_bounded("""
        from argmap.formats.iccma import read_apx
        n = 100_000
        text = "".join(f"arg(a{i}). " for i in range(n))
        text += "".join(f"att(a{i},a{i + 1}). " for i in range(n - 1))
        print(len(read_apx(text)))
    """, cpu_seconds=60) == "100000"


def test_show_of_a_lattice_and_a_deep_chain_within_budget():
    """The 2^40 paths of an 83-claim lattice, and a 3,000-level chain (which overflowed
    the recursion limit): one line per relation, bounded indentation."""
    assert run_bounded(f"""
        from argmap import load
        from argmap.edit.show import tree_lines
        lattice = tree_lines(load({str(HOSTILE / "lattice.yaml")!r}))
        chain = [line.plain() for line in tree_lines(load({str(HOSTILE / "deep-chain.yaml")!r}))]
        print(len(lattice), len(chain), max(map(len, chain)))
    """, cpu_seconds=20) == "161 3000 148"


def test_the_layered_layout_is_linear_in_depth():
    """A 20,000-deep chain: packing copied the contour at every level (80 s here)."""
    assert run_bounded("""
        from argmap.drawing.layout import layered_layout
        from argmap.model import ArgMap
        amap = ArgMap()
        amap.add_claim("c0", "Root", kind="thesis")
        for index in range(1, 20_000):
            amap.add_claim(f"c{index}", "x")
            amap.add_relation(f"c{index}", f"c{index - 1}", "support")
        layout = layered_layout(amap, lambda node: (40.0, 20.0))
        print(max(layout.layers.values()))
    """, cpu_seconds=20) == "19999"
