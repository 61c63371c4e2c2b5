"""The interactive HTML page (issue 12): time to interactive and file size.

For the sample debate (74 claims), 2,000 and 10,000 synthetic claims, in headless
Chromium (Debian's ``chromium-headless-shell`` driven by Playwright), from the start of
navigation to the page's first frame painted after it said it was ready (claims drawn,
search field usable); targets 0.5 s, 2 s and 5 s.  The baseline, measured in the same
run, is the page the issue describes as the naive way: argmap's whole SVG inlined in an
HTML page, timed to its first frame after ``load``.  Also the time ``argmap export`` takes
to write each page.

Then how long one zoom step takes to show on the 10,000-claim page as it opens (a click on
the zoom button to the frame after it is drawn), over 24 steps out and back in, against a frame
with nothing to redraw.

And the live preview (``argmap serve``, target 1 s): from saving the sample to the open
page showing the change, against rebuilding the page alone (load + draw, in process).

    python benchmarks/bench_html.py [--runs 3] [--screenshot docs/img/illinois-detainers-page.png]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import map_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "arguments" / "illinois-detainers.yaml"
ARGMAP = [sys.executable, "-m", "argmap.cli"]
TARGETS = {"sample (74)": 0.5, "2,000": 2.0, "10,000": 5.0}
BROWSERS = ("chromium-headless-shell", "chromium")
SCREENSHOT_CLAIM = "#claim=releases-1700"  # the README's picture: a claim with its details
# The first frame painted after the page is ready (two animation frames), in seconds from
# the start of navigation.
PAINTED = ("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame("
           "() => done(performance.now() / 1000))))")


def export(source: Path, output: Path) -> float:
    start = time.perf_counter()
    subprocess.run(ARGMAP + ["export", str(source), "-o", str(output)], check=True)
    return time.perf_counter() - start


def naive_page(source: Path, output: Path) -> None:
    """argmap's SVG of the whole map (``--full``: no overview), inlined in a page."""
    svg_path = output.with_suffix(".svg")
    subprocess.run(ARGMAP + ["export", str(source), "-o", str(svg_path), "--full"], check=True)
    svg = svg_path.read_text("utf-8")
    svg = svg[svg.index("<svg"):]
    output.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
                      f"{svg}</body></html>", "utf-8")


def time_to_interactive(browser, path: Path, ready_attribute: bool) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(path.as_uri(), timeout=120_000)
    while ready_attribute and not page.evaluate("document.documentElement.dataset.ready"):
        time.sleep(0.005)
    seconds = page.evaluate(PAINTED)
    context.close()
    return seconds


STEP = ("(button) => { const start = performance.now(); "
        "if (button) document.getElementById(button).click(); "
        "return new Promise(done => requestAnimationFrame(() => requestAnimationFrame("
        "() => done(performance.now() - start)))); }")


def zoom_steps(browser, path: Path) -> tuple[list[float], float]:
    """Milliseconds per zoom step on the page, and for an idle frame."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(path.as_uri())
    while not page.evaluate("document.documentElement.dataset.ready"):
        time.sleep(0.01)
    idle = statistics.median(page.evaluate(STEP, None) for _ in range(10))
    steps = [page.evaluate(STEP, button) for button in ["zoom-out"] * 12 + ["zoom-in"] * 12]
    context.close()
    return steps, idle


NEW_CLAIM = "  live-edit:\n    text: A claim added while the page is open.\n    supports: [honor]\n"


def serve_latency(browser, folder: str, saves: int) -> tuple[list[float], float]:
    """Seconds from each save of a copy of the sample to the open page showing it, and
    the median time to rebuild the page alone."""
    from argmap.formats import load
    from argmap.pipeline import render_map
    path = Path(folder, "live.yaml")
    original = SAMPLE.read_text("utf-8")
    path.write_text(original, "utf-8")
    rebuild = statistics.median(_timed(lambda: render_map(load(path), "html", live={}))
                                for _ in range(3))
    server = subprocess.Popen(ARGMAP + ["serve", str(path), "--port", "0"],
                              stdout=subprocess.PIPE, text=True)
    url = re.search(r"(http://\S+/)", server.stdout.readline()).group(1)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url)
    latencies = []
    try:
        for number in range(saves):
            present = number % 2 == 0
            temporary = path.with_suffix(".tmp")
            temporary.write_text(original + NEW_CLAIM if present else original, "utf-8")
            start = time.perf_counter()
            os.replace(temporary, path)
            while True:
                try:
                    if page.evaluate("document.documentElement.dataset.ready && "
                                     "!!document.querySelector('[data-claim=\"live-edit\"]')"
                                     ) == present:
                        break
                except Exception:  # the page is reloading
                    pass
                time.sleep(0.005)
            latencies.append(time.perf_counter() - start)
            time.sleep(0.3)
    finally:
        context.close()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
    return latencies, rebuild


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median taken)")
    parser.add_argument("--baseline-runs", type=int, default=1,
                        help="runs of each naive page (10,000 claims take ~15 s each)")
    parser.add_argument("--saves", type=int, default=6, help="saves timed in the live preview")
    parser.add_argument("--screenshot", type=Path,
                        help="also save the sample page, as it opens, to this PNG")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    binary = next(path for path in map(shutil.which, BROWSERS) if path)
    sources = {"sample (74)": SAMPLE, "2,000": map_file(2000), "10,000": map_file(10000)}
    rows = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=["--no-sandbox"])
        for name, source in sources.items():
            page, naive = Path(folder, "page.html"), Path(folder, "naive.html")
            written = export(source, page)
            naive_page(source, naive)
            ours = statistics.median(time_to_interactive(browser, page, True)
                                     for _ in range(args.runs))
            baseline = statistics.median(time_to_interactive(browser, naive, False)
                                         for _ in range(args.baseline_runs))
            if name == "10,000":
                steps, idle = zoom_steps(browser, page)
            rows.append((name, ours, TARGETS[name], page.stat().st_size, written, baseline,
                         naive.stat().st_size))
            if args.screenshot and source == SAMPLE:
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                shot = context.new_page()
                shot.goto(page.as_uri() + SCREENSHOT_CLAIM)
                while not shot.evaluate("document.documentElement.dataset.ready"):
                    time.sleep(0.01)
                shot.screenshot(path=str(args.screenshot))
                context.close()
        latencies, rebuild = serve_latency(browser, folder, args.saves)
        browser.close()
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
    print(f"{version.strip()}, viewport 1280x800, median of {args.runs} "
          f"(baseline: {args.baseline_runs})")
    print(f"{'claims':12} {'interactive':>11} {'target':>7} {'page':>9} {'export':>7}   "
          f"{'inline SVG':>10} {'its size':>9} {'speed-up':>8}")
    for name, ours, target, size, written, baseline, naive_size in rows:
        verdict = "ok" if ours < target else "OVER"
        print(f"{name:12} {ours:>10.2f}s {target:>6.1f}s {size / 1e6:>7.2f}MB {written:>6.2f}s"
              f"   {baseline:>9.2f}s {naive_size / 1e6:>7.2f}MB {baseline / ours:>7.1f}x  "
              f"{verdict}")
    print(f"zooming the 10,000-claim page: median {statistics.median(steps):.0f} ms a step, "
          f"slowest {max(steps):.0f} ms; an idle frame: {idle:.0f} ms")
    print(f"argmap serve, save to updated page (sample, {len(latencies)} saves): median "
          f"{statistics.median(latencies):.2f} s, slowest {max(latencies):.2f} s (target 1 s); "
          f"rebuilding the page alone: {rebuild:.2f} s")


if __name__ == "__main__":
    main()
