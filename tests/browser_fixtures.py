"""Playwright on Debian's Chromium, for tests that walk a user through the site in a real browser.

Use with `live_server` and `@pytest.mark.django_db(transaction=True, serialized_rollback=True)`:
the browser talks to the live server thread, so the data must be committed, and the serialized
rollback puts back what migrations created for the next test on the kept test database.
"""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture
def browser_page(live_server, monkeypatch):
    """A fresh browser on a phone-sized screen, in Vietnamese, pointed at the live server.

    Playwright starts and stops with each test (a second each): its sync API runs an event loop in
    this thread, and Django's async-safety guard must be relaxed only while that loop exists.
    """
    if not os.path.exists(CHROMIUM):
        message = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844},
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        report_what_went_wrong(page)
        yield page
        context.close()
        browser.close()


def report_what_went_wrong(page):
    """Prints what the browser saw fail, so that a test timing out on a missing element says why.

    A chooser or form that loads by XHR and gets an error shows nothing at all in the page; pytest
    shows this output beside the failure.
    """
    page.on("pageerror", lambda error: print(f"browser: script error on {page.url}: {error}"))
    page.on("requestfailed", lambda request: print(
        f"browser: {request.method} {request.url} failed: {request.failure}"
    ))
    page.on("response", lambda response: response.status >= 500 and print(
        f"browser: {response.request.method} {response.url} answered {response.status}"
    ))
