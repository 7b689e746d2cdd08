"""Re-make the README's screenshot from a running demo: `./dev demo` in one shell, then
`.venv/bin/python docs/images/screenshot.py` in another."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
PASSWORD = sys.argv[2] if len(sys.argv) > 2 else "demo-bryt-upp"
OUT = Path(__file__).with_name("start-page.png")

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    page = browser.new_page(viewport={"width": 1200, "height": 860}, locale="sv-SE")
    page.goto(f"{BASE}/logga-in/")
    page.get_by_label("Användarnamn").fill("farsta.rvt")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_selector("h1")
    page.screenshot(path=str(OUT))
    browser.close()
print(f"wrote {OUT}")
