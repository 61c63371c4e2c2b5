"""``argmap serve`` through the real command: a live page that follows the file, keeps the
last good map while the file is broken, serves nothing else and stops cleanly."""

from __future__ import annotations

import os
import re
import signal
import socket
import time

NEW_CLAIM = """  live-edit:
    text: A claim added while the page was open.
    supports: [honor]
"""


def start(cli, path, *args):
    """The real console command, and the URL it says it serves."""
    process = cli.start("serve", path, *args, text=True)
    line = process.stdout.readline()
    found = re.search(r"at (http://127\.0\.0\.1:\d+/) ", line)
    if not found:
        process.kill()
        raise AssertionError(f"no URL in {line!r}: {process.stderr.read()}")
    return process, found.group(1)


def stop(process) -> str:
    """Ctrl-C, as a user would; returns what it wrote on stderr."""
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    return err


def save(path, text: str) -> None:
    """Save as editors do: a new file renamed over the old one."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


def test_the_page_follows_saves_keeps_the_view_and_shows_errors(cli, open_page, sample_copy):
    process, url = start(cli, sample_copy, "--port", "0")
    try:
        opened = open_page(url)
        opened.page.click("#zoom-out")
        opened.evaluate("() => { location.hash = 'claim=honor'; }")
        opened.wait_for("document.querySelector('#map .selected')?.dataset.claim === 'honor'")
        camera = opened.evaluate("document.getElementById('viewport').getAttribute('transform')")
        original = sample_copy.read_text("utf-8")

        saved = time.monotonic()
        save(sample_copy, original + NEW_CLAIM)
        opened.wait_for("document.querySelector('[data-claim=\"live-edit\"]')", timeout=10)
        assert time.monotonic() - saved < 3  # the issue asks for 1 s; slack for a busy machine
        opened.wait_for("document.documentElement.dataset.ready")
        assert opened.evaluate("document.getElementById('viewport')"
                               ".getAttribute('transform')") == camera
        assert opened.evaluate("document.querySelector('#map .selected')?.dataset.claim") == "honor"

        save(sample_copy, original + NEW_CLAIM + "  broken: [\n")
        message = opened.wait_for("!document.getElementById('live-error').hidden && "
                                  "document.getElementById('live-error').textContent")
        assert re.match(rf"{re.escape(str(sample_copy))}:\d+:\d+: error: ", message), message
        assert "\n" not in message
        assert opened.evaluate("!!document.querySelector('[data-claim=\"live-edit\"]')")

        save(sample_copy, original)
        opened.wait_for("!document.querySelector('[data-claim=\"live-edit\"]') && "
                        "document.documentElement.dataset.ready")
        assert opened.evaluate("document.getElementById('live-error').hidden")
        assert opened.errors == [] and opened.dialogs == []
        assert {u.split("?")[0] for u in opened.requests} == {url, url + "events"}
    finally:
        stop(process)


def raw_get(url: str, target: str, host: str | None = None) -> int:
    """The status of ``GET target`` sent exactly as written (clients would normalise it)."""
    address = url.removeprefix("http://").rstrip("/")
    hostname, port = address.split(":")
    with socket.create_connection((hostname, int(port)), timeout=5) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {host or address}\r\n"
                           f"Connection: close\r\n\r\n".encode())
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    return int(reply.split(b" ", 2)[1])


def test_it_serves_the_page_and_nothing_else(cli, sample_copy):
    process, url = start(cli, sample_copy, "--port", "0")
    try:
        assert raw_get(url, "/") == 200
        name = sample_copy.name
        for target in (f"/../{name}", f"/..%2f{name}", f"/{sample_copy}", f"//{sample_copy}",
                       f"/{name}", "/etc/passwd", "/index.html/..", "/?/../x/",
                       f"http://127.0.0.1/{sample_copy}", "/events/../"):
            assert raw_get(url, target) == 404, target
        assert raw_get(url, "/", host="attacker.example:80") == 403
    finally:
        stop(process)


def test_a_port_in_use_is_a_one_line_error(cli, sample_copy):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = cli.process("serve", sample_copy, "--port", port, timeout=30)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"port {port} on 127.0.0.1 is in use" in done.stderr


def test_a_broken_file_at_start_is_a_located_error(cli, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("argmap: 1\nclaims: [\n", "utf-8")
    done = cli.process("serve", path, "--port", "0", timeout=30)
    assert done.returncode == 1
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: error: .*\n", done.stderr)
