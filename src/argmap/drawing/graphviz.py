"""Running Graphviz: argmap calls the real ``dot`` itself and checks what it returns."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

from ..errors import RenderError, unknown_name
from ..model import ArgMap
from ..progress import progress
from .dot import write as write_dot
from .dot import write_pinned
from .layout import choose_layout
from .pages import SCREEN_WIDTH, Pages, page_drawings
from .pages import overview as overview_of

INSTALL_HINT = ("install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew "
                "install graphviz); .dot, .json and .graphml exports work without it")
ENGINES = ("dot", "neato", "fdp", "sfdp", "circo", "twopi")
# Graphviz always runs under a time limit, so no map makes argmap wait without end: a
# minute, plus 2 ms per claim and relation (drawing 100,000 claims at given positions takes
# about 30 s), unless ARGMAP_GRAPHVIZ_TIMEOUT gives the seconds.
BASE_TIMEOUT = 60.0
TIMEOUT_PER_ITEM = 0.002
TIMEOUT_VARIABLE = "ARGMAP_GRAPHVIZ_TIMEOUT"


def find_engine(engine: str = "dot") -> str:
    """The path of a Graphviz layout program; ``ARGMAP_GRAPHVIZ_DIR`` may name its folder."""
    if engine not in ENGINES:
        raise unknown_name("Graphviz engine", engine, ENGINES, error=RenderError)
    folder = os.environ.get("ARGMAP_GRAPHVIZ_DIR")
    path = shutil.which(engine, path=folder) if folder else shutil.which(engine)
    if path is None:
        raise RenderError(f"Graphviz '{engine}' was not found: {INSTALL_HINT}")
    return path


def time_limit(amap: ArgMap | None = None) -> float:
    """Seconds Graphviz may take over ``amap``: ``ARGMAP_GRAPHVIZ_TIMEOUT`` if set, else
    ``BASE_TIMEOUT`` plus ``TIMEOUT_PER_ITEM`` per claim and relation."""
    configured = os.environ.get(TIMEOUT_VARIABLE)
    if configured:
        try:
            seconds = float(configured)
        except ValueError:
            seconds = -1.0
        if not 0 < seconds < float("inf"):
            raise RenderError(f"{TIMEOUT_VARIABLE} must be a positive number of seconds, "
                              f"not {configured!r}")
        return seconds
    size = len(amap) + amap.graph.number_of_edges() if amap is not None else 0
    return BASE_TIMEOUT + TIMEOUT_PER_ITEM * size


def render(dot_source: str, output_format: str, engine: str = "dot",
           args: tuple[str, ...] = (), timeout: float | None = None) -> bytes:
    """Lay out and draw ``dot_source`` with Graphviz, returning the output bytes.

    Graphviz is stopped after ``timeout`` seconds (default ``time_limit()``).  Raises
    ``RenderError`` with Graphviz's own first error line when it fails."""
    command = [find_engine(engine), f"-T{output_format}", *args]
    timeout = time_limit() if timeout is None else timeout
    try:
        with progress(f"drawing with Graphviz '{engine}'"):
            done = subprocess.run(command, input=dot_source.encode("utf-8"),
                                  capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        instead = "use --layout layered, or " if engine == "dot" else ""
        raise RenderError(f"Graphviz '{engine}' took longer than {timeout:g} s and was "
                          f"stopped; {instead}draw part of the map with a view (--focus ID "
                          f"--depth N, --perspective P, --side pro|con), or allow more "
                          f"time with {TIMEOUT_VARIABLE}=SECONDS") from None
    except OSError as exc:
        raise RenderError(f"cannot run Graphviz '{engine}': {exc.strerror}") from None
    if done.returncode != 0 or not done.stdout:
        message = next((line for line in done.stderr.decode("utf-8", "replace").splitlines()
                        if line.strip()), f"exit code {done.returncode}")
        raise RenderError(f"Graphviz '{engine}' failed: {message}")
    return done.stdout


def draw(output_format: str, amap: ArgMap, *, layout: str = "auto", page: str | None = None,
         overview: bool = True, **options) -> bytes | Pages:
    """``amap`` drawn as ``output_format`` (``svg``, ``png``, ``pdf``).

    With ``page`` (``a4``, ``letter-landscape``, ... see ``argmap.drawing.pages``) the map
    is cut into pages: one multi-page PDF, or ``Pages`` of SVG or PNG.  Otherwise, with
    ``overview`` and the ``auto`` layout, a map too wide to read at screen size is drawn
    as an overview with its deeper subtrees folded (``argmap.drawing.pages.overview``),
    and one that ``dot`` would draw wider than that is drawn with the layered layout.
    Graphviz ``dot`` lays small maps out itself; a pinned layout is only drawn (``neato
    -n2`` keeps the positions, in points, as they are)."""
    timeout = time_limit(amap)
    if page is not None:
        drawings = [render(source, output_format, "neato", ("-n2",), timeout=timeout)
                    for source in page_drawings(amap, page, **options)]
        return unite_pdfs(drawings) if output_format == "pdf" else Pages(drawings)
    if layout == "auto" and overview:
        first = overview_of(amap, options.get("rankdir", "RL"), options.get("show_notes", False))
        if first is not None:
            source = write_pinned(first.map, first.layout, **options)
            return render(source, output_format, "neato", ("-n2",), timeout=timeout)
    chosen = choose_layout(amap, layout)
    source = write_dot(amap, layout=chosen, **options)
    if chosen == "dot" and layout == "auto" and overview:
        # dot's arrangement (clusters, staggered leaves) can be wider than the layered one
        # that was just found to fit: past the screen width, draw that one instead.
        bounds = _BOUNDING_BOX.search(
            render(source, "dot", timeout=timeout).decode("utf-8", "replace"))
        if bounds and float(bounds[1]) > SCREEN_WIDTH:
            chosen, source = "layered", write_dot(amap, layout="layered", **options)
    if chosen == "layered":
        return render(source, output_format, "neato", ("-n2",), timeout=timeout)
    return render(source, output_format, timeout=timeout)


_BOUNDING_BOX = re.compile(r'\bbb="[-\d.]+,[-\d.]+,([-\d.]+),')  # the first is the graph's


def unite_pdfs(pages: list[bytes]) -> bytes:
    """One PDF of ``pages`` (one PDF each), joined by poppler's ``pdfunite``."""
    if len(pages) == 1:
        return pages[0]
    program = shutil.which("pdfunite")
    if program is None:
        raise RenderError("poppler's 'pdfunite' was not found, which joins the pages of a "
                          "PDF: install poppler-utils (Debian/Ubuntu: apt-get install "
                          "poppler-utils), or write SVG or PNG pages")
    with tempfile.TemporaryDirectory(prefix="argmap-pages-") as folder:
        names = []
        for number, data in enumerate(pages, 1):
            names.append(os.path.join(folder, f"page-{number}.pdf"))
            with open(names[-1], "wb") as handle:
                handle.write(data)
        united = os.path.join(folder, "united.pdf")
        try:
            done = subprocess.run([program, *names, united], capture_output=True, check=False)
        except OSError as exc:
            raise RenderError(f"cannot run pdfunite: {exc.strerror}") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RenderError("pdfunite failed: " + (message[0] if message else
                                                     f"exit code {done.returncode}"))
        with open(united, "rb") as handle:
            return handle.read()
