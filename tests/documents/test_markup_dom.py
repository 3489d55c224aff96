"""HTML prose tied to lxml's elements: alignment, link flags and page-structure hints."""
from __future__ import annotations

from auditor import markup
from auditor.documents import Document

PAGE = ("<!DOCTYPE html><html><head><title>T</title><script>var s = 'x';</script></head><body>"
        "<nav class='main-menu'><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<article><p>Caf&eacute; owners met <b>on Tuesday</b><!-- note --> in Kyiv.<p>Unclosed "
        "paragraph with a <a href='/x'>link</a> &amp; more</article></body></html>")


def test_every_prose_character_but_white_space_belongs_to_an_element():
    doc = Document.from_text(PAGE, kind="html")
    nodes, char_node = doc.meta["nodes"], doc.meta["char_node"]
    assert len(char_node) == len(doc.prose)
    for i, c in enumerate(doc.prose):
        assert (char_node[i] >= 0) == (not c.isspace()), (i, c)
    def node_at(word):
        return nodes[char_node[doc.prose.index(word)]]
    assert node_at("Home")["link"] and "main-menu" in node_at("Home")["hint"]
    assert node_at("Café")["tag"] == "p" and not node_at("Café")["link"]
    assert node_at("Tuesday")["tag"] == "b"
    assert node_at("link")["link"] and not node_at("more")["link"]
    # lxml closes the first <p> itself, so the second paragraph is its own element
    assert node_at("Unclosed") is not node_at("Café")


def test_alignment_resynchronises_after_text_only_one_side_holds():
    pairs = list(markup._align("abcdefghij0123456789", "abcXXXXXXXXXXdefghij0123456789"))
    assert pairs[:3] == [(0, 0), (1, 1), (2, 2)]
    assert (3, 13) in pairs and pairs[-1] == (19, 29)


def test_trafilatura_main_text_separates_article_from_furniture():
    paras = "".join(f"<p>Paragraph {i} of the story says the grid operator restored power to most homes "
                    f"in Kharkiv on Tuesday after the strike.</p>" for i in range(6))
    html = (f"<html><body><nav><a href='/'>Home</a> <a href='/a'>Politics news</a></nav><main><article>"
            f"<h1>Power restored in Kharkiv</h1>{paras}</article></main>"
            f"<footer><a href='/c'>Contact the newsroom</a></footer></body></html>")
    doc = Document.from_text(html, kind="html")
    main = markup.main_text(doc)
    assert "paragraph 3 of the story" in main and "contact the newsroom" not in main


def test_markdown_records_link_labels():
    doc = Document.from_text("See [the report](https://x.org/r) and [Energy](/t/e).\n", kind="md")
    spans = [doc.prose[s:e] for s, e in doc.meta["links"]]
    assert spans == ["the report", "Energy"]


def test_markdown_link_target_may_hold_a_pair_of_parentheses():
    doc = Document.from_text("See [the war](https://en.wikipedia.org/wiki/War_(film)) and ![map](m_(1).png).\n",
                             kind="md")
    assert doc.prose.strip() == "See the war and ."
    assert [doc.prose[s:e] for s, e in doc.meta["links"]] == ["the war"]
