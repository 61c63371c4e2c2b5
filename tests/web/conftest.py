"""One real browser for every page test: Debian's headless Chromium driven by Playwright
(never ``playwright install``: scripts/bootstrap --test installs both)."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field

import pytest

BROWSERS = ("chromium-headless-shell", "chromium")
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright import sync_api
    except ImportError:
        pytest.fail("playwright is not installed; run scripts/test, which installs it")
    binary = next((path for path in map(shutil.which, BROWSERS) if path), None)
    if binary is None:
        pytest.fail("Chromium is not installed (Debian: chromium-headless-shell); run "
                    "scripts/test, which installs it")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=binary, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class OpenPage:
    """A page and what it did: every request, dialog, uncaught error and console error."""

    page: object
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def evaluate(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def wait_for(self, script: str, arg=None, timeout: float = 10.0):
        """Poll ``script`` until it is truthy.  Not ``page.wait_for_function``: that
        evaluates a string, which the page's Content-Security-Policy forbids."""
        from playwright.sync_api import Error
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.page.evaluate(script, arg)
            except Error as error:  # the page is reloading: ask the new one
                if "navigat" not in str(error) and "destroyed" not in str(error):
                    raise
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {script}")
            time.sleep(0.02)


@pytest.fixture
def open_page(browser):
    """``open_page(url)``: a fresh page (its own context) at ``url``, ready to use."""
    contexts = []

    def opener(url: str) -> OpenPage:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        opened = OpenPage(page)
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message),
                                          dialog.dismiss()))
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.on("console", lambda message: opened.errors.append(message.text)
                if message.type == "error" else None)
        page.goto(url)
        opened.wait_for("document.documentElement.dataset.ready")
        return opened

    yield opener
    for context in contexts:
        context.close()
