"""Core costs on synthetic maps of 1k, 10k and 100k claims: load, check, DOT export and
peak memory, each size in its own interpreter.

Baselines, measured in the same run on the same file: a plain ``yaml.load`` with
PyYAML's C loader (what any YAML reader pays at least, without the line and column of
every value, which argmap keeps for its error messages) and argmap's own reading with
Python's cyclic garbage collector left running (what ``load`` paid before it paused it).

    python benchmarks/bench_core.py [SIZES...]
"""

from __future__ import annotations

import sys

from synth import map_file, measure_in_child

SIZES = (1000, 10000, 100000)

CHILD = """
import gc, resource, sys, time
import yaml
from argmap.check import check_map
from argmap.fileio import read_text
from argmap.formats import dumps, get_format, load

path = sys.argv[1]
get_format('yaml')  # format discovery imports every format module: not part of a load
result = {}
text = read_text(path)
start = time.perf_counter()
amap = load(path, validate=False)
result['load'] = time.perf_counter() - start
start = time.perf_counter()
result['problems'] = len(check_map(amap))
result['check'] = time.perf_counter() - start
start = time.perf_counter()
dumps(amap, 'dot', layout='dot')
result['dot'] = time.perf_counter() - start
result['argmap_peak_mib'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
del amap
gc.collect()
start = time.perf_counter()
get_format('yaml').read(text, path)  # the reader alone, collector running
result['read_gc_on'] = time.perf_counter() - start
gc.collect()
start = time.perf_counter()
yaml.load(text, Loader=yaml.CSafeLoader)
result['yaml_load'] = time.perf_counter() - start
"""

BASELINE = "import argmap.formats, yaml, networkx\nresult = {}"


def main(sizes=SIZES) -> None:
    idle = measure_in_child(BASELINE)["peak_mib"]
    print(f"interpreter with argmap imported: {idle:.0f} MiB peak\n")
    print(f"{'claims':>8} {'load':>8} {'yaml.load':>10} {'ratio':>6} {'gc on':>8} "
          f"{'check':>7} {'dot':>7} {'peak MiB':>9}")
    for n in sizes:
        r = measure_in_child(CHILD, str(map_file(n)))
        print(f"{n:>8,} {r['load']:>7.2f}s {r['yaml_load']:>9.2f}s "
              f"{r['load'] / r['yaml_load']:>5.2f}x {r['read_gc_on']:>7.2f}s "
              f"{r['check']:>6.2f}s {r['dot']:>6.2f}s {r['argmap_peak_mib']:>9.0f}")
    print("\nload: read + derive sides (argmap.formats.load, validate=False); yaml.load: "
          "PyYAML C loader, plain objects, same file; gc on: argmap's reader with the "
          "cyclic collector running; dot: DOT text with layout=dot (no positions); peak: "
          "the process's peak RSS after load, check and DOT export.")


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
