"""The HTML report in headless Chromium: highlights, click-to-explain, filters, no injected script runs."""
from __future__ import annotations

import json
import os
import shutil
import tempfile

import pytest

from conftest import ROOT, SEEDS, run_cli

ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1800")
HOSTILE = ("The minister arrived at the head of <script>window.pwned = 1</script> a delegation "
           '<img src=x onerror="window.pwned = 2"> on Tuesday.\n')


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    chromium = _binary("chromium", "chromium-browser")
    driver_path = _binary("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("the browser test needs Debian's chromium and chromedriver: "
                    "apt-get install -y chromium chromium-driver (.ci/run installs them)")
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager look for downloads
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="auditor-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Reports for a seed and a hostile article, audited together, plus the seed's JSON findings."""
    work = tmp_path_factory.mktemp("browser")
    (work / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    # the seed with the most findings that carry a suggestion
    docs = run_cli("check", SEEDS, "--format", "json").json()["documents"]
    best = max(docs, key=lambda d: sum(1 for f in d["findings"] if f["suggestions"]))
    seed = SEEDS / best["path"].replace("\\", "/").rsplit("/", 1)[-1]
    out = work / "out"
    res = run_cli("report", seed, work / "evil.txt", "--output", out)
    assert res.code == 0, res.err
    # audited together, as in the report, so cross-article findings match too
    findings = run_cli("check", seed, work / "evil.txt", "--format", "json").json()["documents"][0]["findings"]
    ARTIFACTS.mkdir(exist_ok=True)
    return out / f"{seed.stem}.html", findings


def test_highlights_and_click_to_explain(browser, reports):
    from selenium.webdriver.common.by import By

    page, findings = reports
    assert findings, "the seed needs findings for this test"
    browser.get(page.as_uri())
    marks = browser.find_elements(By.CSS_SELECTOR, "mark[data-rule]")
    assert sorted({m.get_attribute("data-rule") for m in marks}) == sorted({f["rule"] for f in findings})
    assert all(m.get_attribute("data-severity") in ("minor", "major", "critical") for m in marks)
    assert all(m.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "") for m in marks)
    pop = browser.find_element(By.ID, "pop")
    assert not pop.is_displayed()
    first = next(f for f in findings if f["suggestions"])
    mark = browser.find_element(By.ID, f"f{findings.index(first)}")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    assert pop.is_displayed()
    suggestion = pop.find_element(By.CSS_SELECTOR, "ins.suggestion").text
    assert suggestion == first["suggestions"][0]
    assert first["rule"] in pop.text and first["message"] in pop.text
    browser.save_screenshot(str(ARTIFACTS / "report-seed-popup.png"))


def test_filters_hide_rows_and_highlights(browser, reports):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page, findings = reports
    browser.get(page.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "tr[data-target]")
    assert len(rows) == len(findings)
    severity = findings[0]["severity"]
    select = Select(browser.find_element(By.CSS_SELECTOR, ".filter-severity"))
    select.select_by_value(severity)
    visible = [r for r in rows if r.is_displayed()]
    assert len(visible) == sum(1 for f in findings if f["severity"] == severity)
    # the highlights of every other severity are switched off, those of this one stay on
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.f")
    assert marks
    for m in marks:
        assert ("off" in m.get_attribute("class")) == (m.get_attribute("data-severity") != severity)
    # a severity with no findings hides every row and switches every highlight off
    browser.execute_script(
        "var s = arguments[0]; var o = document.createElement('option'); o.value = 'none';"
        "s.appendChild(o); s.value = 'none'; s.dispatchEvent(new Event('change'));",
        browser.find_element(By.CSS_SELECTOR, ".filter-severity"))
    assert not any(r.is_displayed() for r in rows)
    assert all("off" in m.get_attribute("class") for m in browser.find_elements(By.CSS_SELECTOR, "mark.f"))


def test_injected_script_never_runs(browser, reports):
    from selenium.webdriver.common.by import By

    page, _ = reports
    browser.get((page.parent / "evil.html").as_uri())
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    article = browser.find_element(By.CSS_SELECTOR, ".article")
    assert "<script>window.pwned = 1</script>" in article.text
    assert 'onerror="window.pwned = 2"' in article.text
    assert not article.find_elements(By.CSS_SELECTOR, "script, img")
    mark = browser.find_element(By.CSS_SELECTOR, "mark[data-rule]")
    mark.click()  # the report's own script still works beside the hostile text
    assert browser.find_element(By.ID, "pop").is_displayed()
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    browser.save_screenshot(str(ARTIFACTS / "report-hostile.png"))


def test_index_page(browser, reports):
    from selenium.webdriver.common.by import By

    page, _ = reports
    browser.get((page.parent / "index.html").as_uri())
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.chart rect[class]")
    assert len(bars) == 2
    links = [a.get_attribute("href").rsplit("/", 1)[-1] for a in browser.find_elements(By.CSS_SELECTOR, "table a")]
    assert page.name in links and "evil.html" in links
    browser.save_screenshot(str(ARTIFACTS / "report-index.png"))
