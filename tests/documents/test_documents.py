"""Reading and offsets: BOM, line endings, Markdown and HTML prose mapped back to the source."""
from __future__ import annotations

from auditor.api import audit_text
from auditor.documents import Document, decode


def test_bom_is_not_counted_and_crlf_is_kept():
    text = decode(b"\xef\xbb\xbfLine one.\r\nHe came at the head of a team.\r\n", "x")
    assert text.startswith("Line one.\r\n")
    report = audit_text(text)
    f = report.findings[0]
    assert text[f.start:f.end] == "at the head of"
    assert report.line_col(f.start) == (2, 9)


def test_cr_only_line_endings_count_as_lines():
    text = "One.\rTwo at the head of it.\r"
    report = audit_text(text)
    assert report.line_col(report.findings[0].start) == (2, 5)


def test_markdown_prose_skips_code_and_urls_with_offsets_into_the_source():
    src = ("# He came at the head of it\n\n"
           "```\nat the head of code\n```\n\n"
           "See `at the head of` and [a link at the head of](https://x.org/at-the-head-of).\n")
    doc = Document.from_text(src, kind="md")
    assert "code" not in doc.prose and "https" not in doc.prose
    report = audit_text(src, kind="md")
    spans = [src[f.start:f.end] for f in report.findings]
    assert spans == ["at the head of", "at the head of"]
    assert report.findings[1].start > src.index("[a link")


def test_html_prose_skips_tags_scripts_and_maps_entities():
    src = ("<html><head><title>x</title><script>var s='at the head of';</script></head>"
           "<body><p>Caf&eacute; owners came <b>at the head of</b> a march.</p>"
           "<p>He came at&nbsp;the head of a team.</p></body></html>")
    doc = Document.from_text(src, kind="html")
    assert "var s" not in doc.prose and "Café" in doc.prose
    report = audit_text(src, kind="html")
    spans = [src[f.start:f.end] for f in report.findings]
    assert spans[0] == "at the head of"
    assert spans[1] == "at&nbsp;the head of"


def test_segmentation_keeps_abbreviations_and_joins_hard_wraps():
    text = ("Mr. Bakanov met U.S. officials in Houston on Tuesday and the two sides discussed\n"
            "the cross-flight programme. Talks resume today.\n\nNew paragraph here.")
    doc = Document.from_text(text)
    assert len(doc.paragraphs) == 2
    sents = [text[s.start:s.end] for s in doc.sentences]
    assert sents[0].startswith("Mr. Bakanov") and sents[0].endswith("programme.")
    assert sents[1] == "Talks resume today."
