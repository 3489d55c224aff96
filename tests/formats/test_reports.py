"""HTML and Markdown reports: escaping, overlapping highlights, determinism, committed seed reports."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from conftest import ROOT

from auditor.documents import Document
from auditor.model import DocumentReport, Finding, Report
from auditor.report_model import segments
from auditor.reporting import article_html, article_markdown, combined_html, md, views

HOSTILE = ('The minister arrived, that is to say <script>window.pwned = 1</script> a delegation '
           '<img src=x onerror="window.pwned = 2"> & partners &amp; friends.\n')
REPORTS = ROOT / "reports"


class Tags(HTMLParser):
    """Collect the elements and text of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.in_article = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "div" and dict(attrs).get("class", "").startswith("article"):
            self.in_article = 1
        elif self.in_article and tag not in ("br",):
            self.in_article += 1

    def handle_endtag(self, tag):
        if self.in_article:
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article:
            self.text.append(data)


def parse(page: str) -> Tags:
    p = Tags()
    p.feed(page)
    return p


def _report(text: str, findings: list[Finding], path: str = "art.txt") -> Report:
    doc = Document(path=path, text=text)
    dr = DocumentReport(path=path, text=text, language="en", words=doc.words, findings=findings,
                        line_starts=doc.line_starts)
    return Report(documents=[dr])


def _finding(rule, start, end, category="mt.calque", severity="minor", suggestions=("x",)):
    return Finding(rule=rule, name="n", category=category, severity=severity, start=start, end=end,
                   message=f"message of {rule}", suggestions=suggestions)


def test_hostile_article_renders_as_plain_text(cli, tmp_path):
    art = tmp_path / "evil.txt"
    art.write_text(HOSTILE, encoding="utf-8")
    # one rule, so the marks are known; the escaping is what is under test
    res = cli("report", art, "--output", tmp_path / "out", "--select", "MTF002")
    assert res.code == 0, res.err
    page = (tmp_path / "out" / "evil.html").read_text(encoding="utf-8")
    tags = parse(page)
    # the only scripts are the report's own: one JSON block and one inline script
    scripts = [a for t, a in tags.tags if t == "script"]
    assert len(scripts) == 2 and {"type": "application/json", "class": "findings-data"} in scripts
    assert not any(t == "img" for t, _ in tags.tags)
    assert not any(k.startswith("on") for _, a in tags.tags for k in a)
    assert "".join(tags.text) == HOSTILE
    assert "<script>window.pwned" not in page and "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    assert "script-src 'sha256-" in page  # a content-security policy stops any inline script but ours
    marks = [a for t, a in tags.tags if t == "mark"]
    assert [m["data-rule"] for m in marks] == ["MTF002"]
    md_page = (tmp_path / "out" / "evil.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img)", md_page)  # markup is backslash-escaped
    assert "\\<script\\>" in md_page


def test_hostile_html_source_is_shown_escaped(cli, tmp_path):
    art = tmp_path / "page.html"
    art.write_text(f"<html><body><p>{HOSTILE}</p></body></html>", encoding="utf-8")
    res = cli("report", art, "--output", tmp_path / "out")
    assert res.code == 0, res.err
    page = (tmp_path / "out" / "page.html").read_text(encoding="utf-8")
    tags = parse(page)
    names = [t for t, _ in tags.tags]
    assert "img" not in names and names.count("body") == 1
    assert all(a for t, a in tags.tags if t == "p")  # the article's own <p> is text, not an element
    assert "".join(tags.text) == art.read_text(encoding="utf-8")
    assert sum(1 for t, _ in tags.tags if t == "script") == 2


def test_overlapping_findings_split_into_nested_marks():
    text = "alpha beta gamma delta"
    findings = [_finding("AAA001", 0, 10), _finding("BBB001", 6, 16, "spelling.typo", "major"),
                _finding("CCC001", 6, 10, "names.variant", "critical"), _finding("DDD001", 11, 11)]
    report = _report(text, findings)
    view = views(report)[0]
    segs = segments(text, view["findings"])
    assert "".join(s["text"] for s in segs) == text
    covering = [(s["text"], [m["f"]["rule"] for m in s["marks"]]) for s in segs]
    assert covering == [("alpha ", ["AAA001"]), ("beta", ["AAA001", "BBB001", "CCC001"]), (" ", ["BBB001"]),
                        ("", ["DDD001"]), ("gamma", ["BBB001"]), (" delta", [])]
    tags = parse(article_html(view))
    assert "".join(tags.text) == text
    marks = [a for t, a in tags.tags if t == "mark"]
    assert {m["data-rule"] for m in marks} == {"AAA001", "BBB001", "CCC001", "DDD001"}
    assert {m["data-severity"] for m in marks if m["data-rule"] == "BBB001"} == {"major"}
    # each finding's first piece carries its anchor id exactly once
    ids = [m["id"] for m in marks if "id" in m]
    assert sorted(ids) == ["f0", "f1", "f2", "f3"]


def test_markdown_escapes_markup_and_table_pipes():
    assert md("a|b <b>x</b> *y* [l](u)") == "a\\|b \\<b\\>x\\</b\\> \\*y\\* \\[l\\](u)"
    report = _report("He said | <b>x</b> at the head of it.", [_finding("MTF001", 18, 32, suggestions=("a|b",))])
    text = article_markdown(views(report)[0])
    assert "`a\\|b`" in text and "<b>" not in text
    rows = [l for l in text.splitlines() if l.startswith("| ") and "MTF001" in l]
    assert rows and all(len(re.findall(r"(?<!\\)\|", r)) == 8 for r in rows)


def test_check_html_and_markdown_formats(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(HOSTILE, encoding="utf-8")
    res = cli("check", art, "--format", "html", "--select", "MTF002")
    assert res.code == 1
    tags = parse(res.out)
    assert [a["data-rule"] for t, a in tags.tags if t == "mark"] == ["MTF002"]
    assert "".join(tags.text) == HOSTILE
    res = cli("check", art, "--format", "markdown", "--select", "MTF002")
    assert res.code == 1 and "MTF002" in res.out and "<script>" not in res.out


def test_combined_page_keeps_finding_ids_unique():
    a = _report("at the head of", [_finding("MTF001", 0, 14)], "a.txt")
    b = _report("at the head of", [_finding("MTF001", 0, 14)], "b.txt")
    page = combined_html(Report(documents=a.documents + b.documents))
    ids = [v for t, a_ in parse(page).tags for k, v in a_.items() if k == "id" and t == "mark"]
    assert len(ids) == len(set(ids)) == 2


def test_index_renders_corpus_names_and_facts_defensively(tmp_path):
    from auditor.reporting import write_reports

    report = _report("Zelenskyy met Zelensky.", [])
    report.corpus = {
        "names": [{"entity": "Zelenskyy", "variants": {"Zelenskyy": {"art.txt": 3}, "Zelensky <b>": {"b.txt": 1}}}],
        "facts": [{"fact": "death toll", "values": {"art.txt": "12", "b.txt": "15"}}],
        "stories": {"s1": ["art.txt", "b.txt"]},
    }
    write_reports(report, tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Zelensky &lt;b&gt;" in page and "art.txt (3)" in page
    assert "death toll" in page and "art.txt: 12; b.txt: 15" in page
    assert "Corpus: stories" in page
    assert "<svg" in page and (tmp_path / "scores.svg").read_text(encoding="utf-8").startswith("<svg")
    mdx = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert "Zelensky \\<b\\>" in mdx and "death toll" in mdx
    # odd shapes do not break the index
    for odd in ({"names": {"x": {"entity": "E", "variants": ["A", "B"]}}}, {"names": ["plain"], "facts": "text"},
                {"names": {"entity": "E", "variants": {"A": ["a.txt"]}}, "facts": {"k": 1}}):
        report.corpus = odd
        write_reports(report, tmp_path)


def test_report_skips_earlier_reports_inside_the_input_folder(cli, tmp_path):
    (tmp_path / "a.txt").write_text("The minister arrived at the head of a delegation.\n", encoding="utf-8")
    for _ in range(2):
        res = cli("report", tmp_path, "--output", tmp_path / "out")
        assert res.code == 0, res.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "a.html", "a.md", "index.html", "index.md", "scores.svg"]


def test_reports_are_deterministic(cli, tmp_path):
    for out in ("one", "two"):
        res = cli("report", "seeds", "--output", tmp_path / out)
        assert res.code == 0, res.err
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two
    assert not any(str(tmp_path).encode() in data or str(ROOT).encode() in data for data in one.values())


def test_committed_seed_reports_are_current(cli, tmp_path):
    """reports/ must equal a fresh `auditor report seeds --output reports`."""
    res = cli("report", "seeds", "--output", tmp_path)
    assert res.code == 0, res.err
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in REPORTS.iterdir()} if REPORTS.is_dir() else {}
    stale = sorted(n for n in fresh.keys() | committed.keys() if fresh.get(n) != committed.get(n))
    assert not stale, (f"reports/ is out of date ({', '.join(stale)}); regenerate with "
                       "`python -m auditor report seeds --output reports --clean`")


def test_report_page_has_findings_table_filters_and_breakdown(cli, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("He said : the talks went on.\nThe minister arrived at the head of a delegation.\n",
                   encoding="utf-8")
    cli("report", art, "--output", tmp_path / "out")
    page = (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    tags = parse(page)
    rows = [a for t, a in tags.tags if t == "tr" and "data-target" in a]
    assert {r["data-severity"] for r in rows} == {"minor"} and {r["data-family"] for r in rows} == {"mt"}
    assert any(t == "select" and a.get("class") == "filter-family" for t, a in tags.tags)
    assert any(t == "select" and a.get("class") == "filter-severity" for t, a in tags.tags)
    assert "MQM score" in page and "By severity" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing loaded from the network


def test_markdown_article_marks_spans_and_escapes_text():
    from auditor.reporting import md_article

    text = "He said <b>x</b> at the head of it.\n- not a list\n"
    report = _report(text, [_finding("AAA001", 17, 31), _finding("BBB001", 24, 28), _finding("CCC001", 34, 34)])
    out = md_article(views(report)[0])
    # the nested finding splits the outer span; each number follows the end of its finding
    assert out == ("He said \\<b\\>x\\</b\\> **at the** **head**\\[2\\] **of**\\[1\\] it‸\\[3\\].\n\n"
                   "\\- not a list")


def test_report_input_and_output_errors(cli, tmp_path):
    res = cli("report", tmp_path / "missing.txt", "--output", tmp_path / "out")
    assert res.code == 2 and "no such file" in res.err and not (tmp_path / "out").exists()
    (tmp_path / "a.txt").write_text("Fine copy.\n", encoding="utf-8")
    (tmp_path / "file").write_text("", encoding="utf-8")
    res = cli("report", tmp_path / "a.txt", "--output", tmp_path / "file")
    assert res.code == 2 and "not a folder" in res.err


def test_clean_removes_reports_of_articles_no_longer_given(cli, tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Fine copy.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli("report", tmp_path / "a.txt", tmp_path / "b.txt", "--output", out).code == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli("report", tmp_path / "a.txt", "--output", out).code == 0
    assert (out / "b.html").exists()  # kept without --clean
    assert cli("report", tmp_path / "a.txt", "--output", out, "--clean").code == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "a.md", "index.html", "index.md", "notes.txt", "scores.svg"]


def test_markdown_keeps_the_space_after_a_span_that_ends_in_one():
    from auditor.reporting import md_article

    report = _report("He will in particular go there.", [_finding("MTF013", 8, 22)])
    assert md_article(views(report)[0]) == "He will **in particular**\\[1\\] go there."


def test_counts_are_pluralised_properly():
    from auditor.formats import text as text_format

    one = _report("at the head of", [_finding("MTF001", 0, 14)])
    assert ", 1 finding," in text_format.render(one)
    assert "1 finding<" in combined_html(one) and "1 findings" not in combined_html(one)
    none = _report("fine", [])
    assert ", 0 findings," in text_format.render(none)


def test_fixes_on_html_show_the_prose_they_remove(cli):
    from conftest import ROOT

    page = ROOT / "tests" / "fixtures" / "boilerplate" / "kyiv_daily.html"
    line = cli("check", page, "--select", "BP001").out.splitlines()[0]
    assert line.endswith("(→ delete 'All Sections Укр Рус Eng Support Us')"), line
    assert "<a" not in line
    html_out = cli("check", page, "--select", "BP001", "--format", "html").out
    table = html_out[html_out.index('<table class="findings'):]
    assert "&lt;/a&gt;" not in table and "All Sections" in table


def test_text_format_prints_short_excerpts_only():
    from auditor.formats import text as text_format

    body = "word " * 200
    report = _report(body, [_finding("FM001", 0, len(body), suggestions=(body.upper(),))])
    line = text_format.render(report).splitlines()[0]
    assert len(line) < 300 and "…" in line


def test_seed_findings_print_as_short_lines(cli):
    out = cli("check", "seeds").out.splitlines()
    assert out and max(len(line) for line in out) < 320, max(out, key=len)


STORY = {
    "articles": ["seeds/000_a.txt", "seeds/001_b.txt", "seeds/002_c.txt"],
    "entities": ["roscosmos", "nasa", "dmitri", "dufi"],
    "claims": [
        {"article": "seeds/000_a.txt", "event": "meeting", "kind": "since", "text": "2018", "year": 2018},
        {"article": "seeds/001_b.txt", "event": "meeting", "kind": "duration", "text": "in eight years", "year": 2017},
        {"article": "seeds/002_c.txt", "event": "meeting", "kind": "duration", "text": "in seven years", "year": 2018},
    ],
    "titles": {"Sean Duffy": {"seeds/000_a.txt": ["acting NASA Administrator"],
                              "seeds/002_c.txt": ["Transportation Secretary"]}},
    "disagreements": [{"article": "seeds/001_b.txt", "text": "in eight years", "event": "meeting",
                       "claimed_year": 2017, "consensus_year": 2018, "others": ["000_a.txt", "002_c.txt"],
                       "suggestion": "in seven years"}],
}


def test_fact_disagreements_read_as_sentences_with_articles_and_quotes(tmp_path):
    from auditor.reporting import write_reports

    report = _report("The first meeting in eight years.", [])
    report.corpus = {"facts": [STORY]}
    write_reports(report, tmp_path)
    for name in ("index.html", "index.md"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        for dump in ("kind: since", "event: meeting", "dufi", "claimed year"):
            assert dump not in page.lower(), (name, dump)
        flat = re.sub(r"<[^>]+>|\*\*|\\", "", page)
        assert "001_b.txt dates the last meeting to 2017 (“in eight years”)" in flat, name
        assert "000_a.txt (“2018”) and 002_c.txt (“in seven years”) date it to 2018" in flat, name
        assert "Sean Duffy" in flat and "Transportation Secretary" in flat


def test_check_html_has_the_corpus_sections():
    report = _report("The first meeting in eight years.", [])
    report.corpus = {"facts": [STORY], "names": [{"entity": "Dmitry", "variants": {"Dmitry": {"a.txt": 2},
                                                                                  "Dmitri": {"b.txt": 1}}}]}
    page = combined_html(report)
    assert "Fact disagreements" in page and "Name variants across articles" in page and "Dmitri" in page
    assert "dates the last meeting to 2017" in re.sub(r"<[^>]+>", "", page)
