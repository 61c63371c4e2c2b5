"""Running Graphviz: argmap calls the real ``dot`` itself and checks what it returns."""

from __future__ import annotations

import os
import shutil
import subprocess

from ..errors import RenderError
from ..model import ArgMap
from ..progress import progress
from .dot import write as write_dot
from .layout import choose_layout

INSTALL_HINT = ("install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew "
                "install graphviz); .dot, .json and .graphml exports work without it")
ENGINES = ("dot", "neato", "fdp", "sfdp", "circo", "twopi")


def find_engine(engine: str = "dot") -> str:
    """The path of a Graphviz layout program; ``ARGMAP_GRAPHVIZ_DIR`` may name its folder."""
    if engine not in ENGINES:
        raise RenderError(f"unknown Graphviz engine {engine!r} (one of {', '.join(ENGINES)})")
    folder = os.environ.get("ARGMAP_GRAPHVIZ_DIR")
    path = shutil.which(engine, path=folder) if folder else shutil.which(engine)
    if path is None:
        raise RenderError(f"Graphviz '{engine}' was not found: {INSTALL_HINT}")
    return path


def render(dot_source: str, output_format: str, engine: str = "dot",
           args: tuple[str, ...] = (), timeout: float | None = None) -> bytes:
    """Lay out and draw ``dot_source`` with Graphviz, returning the output bytes.

    Raises ``RenderError`` with Graphviz's own first error line when it fails."""
    command = [find_engine(engine), f"-T{output_format}", *args]
    try:
        with progress(f"drawing with Graphviz '{engine}'"):
            done = subprocess.run(command, input=dot_source.encode("utf-8"),
                                  capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz '{engine}' took longer than {timeout:g} s") from None
    except OSError as exc:
        raise RenderError(f"cannot run Graphviz '{engine}': {exc.strerror}") from None
    if done.returncode != 0 or not done.stdout:
        message = next((line for line in done.stderr.decode("utf-8", "replace").splitlines()
                        if line.strip()), f"exit code {done.returncode}")
        raise RenderError(f"Graphviz '{engine}' failed: {message}")
    return done.stdout


def draw(output_format: str, amap: ArgMap, **options) -> bytes:
    """``amap`` drawn as ``output_format`` (``svg``, ``png``, ``pdf``).

    Graphviz ``dot`` lays small maps out itself; a pinned layered layout is only drawn
    (``neato -n2`` keeps the positions, in points, as they are)."""
    layout = choose_layout(amap, options.pop("layout", "auto"))
    source = write_dot(amap, layout=layout, **options)
    if layout == "layered":
        return render(source, output_format, "neato", ("-n2",))
    return render(source, output_format)
