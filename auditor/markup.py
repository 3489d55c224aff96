"""Prose of Markdown and HTML articles, with a map from every prose character to the source."""
from __future__ import annotations

import html
from bisect import bisect_right
from collections import Counter
import re
from html.parser import HTMLParser


class ProseBuilder:
    """Collect prose pieces together with the source offset of each character."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets: list[int] = []

    def copy(self, piece: str, source_start: int) -> None:
        """Add text that stands in the source as it is."""
        self.parts.append(piece)
        self.offsets.extend(range(source_start, source_start + len(piece)))

    def put(self, piece: str, source_at: int) -> None:
        """Add text that stands for something else in the source (an entity, a block break)."""
        self.parts.append(piece)
        self.offsets.extend([source_at] * len(piece))

    def ends_with_break(self) -> bool:
        text = "".join(self.parts[-2:])
        return not text or text.endswith("\n\n")

    def result(self) -> tuple[str, list[int]]:
        return "".join(self.parts), self.offsets


def extract(text: str, kind: str) -> tuple[str, list[int], dict]:
    """Return (prose, prose_map, meta) for a Markdown or HTML source."""
    if kind == "md":
        return _markdown(text)
    if kind == "html":
        return _html(text)
    raise ValueError(f"unknown document kind {kind!r}")


# ---- Markdown ---------------------------------------------------------------
_MD_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_MD_LEAD = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)+")
_MD_INLINE = re.compile(
    r"(?P<code>`+)[^`]*?(?P=code)"               # inline code: dropped
    r"|!\[[^\[\]]*+\]\((?:[^()]|\([^()]*\))*\)"    # image: dropped (a target may hold a pair: a_(b))
    r"|\[(?P<label>[^\[\]]++)\]\((?:[^()]|\([^()]*\))*\)"  # link: label kept, target dropped
    r"|\[(?P<ref>[^\[\]]++)\]\[[^\[\]]*+\]"       # reference link: label kept
    r"|<!--.*?-->"                                # comment: dropped
    r"|<https?://[^>]+>|https?://[^\s)>\]]+"      # URLs: dropped
    r"|</?[A-Za-z][^>]*>"                         # inline HTML tag: dropped
    r"|(?<![\w*])(?:\*\*|\*|__)(?=\S)|(?<=\S)(?:\*\*|\*|__)(?![\w*])"  # emphasis markers
)


def _markdown(text: str) -> tuple[str, list[int], dict]:
    out = ProseBuilder()
    links: list[tuple[int, int]] = []   # prose spans of link labels
    fence = None
    in_comment = False
    for m in re.finditer(r"[^\r\n]*(\r\n|\r|\n|$)", text):
        line, eol = m.group()[: len(m.group()) - len(m.group(1))], m.group(1)
        pos = m.start()
        if in_comment:
            if "-->" in line:
                in_comment = False
            out.put("\n" if eol else "", pos)
            continue
        fm = _MD_FENCE.match(line)
        if fence:
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence):
                fence = None
            out.put("\n" if eol else "", pos)
            continue
        if fm:
            fence = fm.group(1)
            out.put("\n" if eol else "", pos)
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            out.put("\n" if eol else "", pos)
            continue
        lead = _MD_LEAD.match(line)
        i = lead.end() if lead else 0
        for im in _MD_INLINE.finditer(line, i):
            out.copy(line[i:im.start()], pos + i)
            label = im.group("label") or im.group("ref")
            if label:
                links.append((len(out.offsets), len(out.offsets) + len(label)))
                out.copy(label, pos + im.start() + 1)
            i = im.end()
        out.copy(line[i:], pos + i)
        if eol:
            out.copy(eol, pos + len(line))
        if m.end() >= len(text):
            break
    prose, offsets = out.result()
    return prose, offsets, {"links": links}


# ---- HTML -------------------------------------------------------------------
SKIP_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "code", "pre"}
BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br", "tr", "td", "th",
    "section", "article", "header", "footer", "nav", "aside", "figure", "figcaption", "main",
    "blockquote", "table", "hr", "title", "body", "form", "dl", "dt", "dd", "address",
}
VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "col", "embed"}


class _ProseParser(HTMLParser):
    """Walk HTML tokens, keeping the source position of every text character."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = text
        # HTMLParser counts lines at "\n" alone (a bare "\r" does not end its line): so do its offsets here
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.out = ProseBuilder()
        self.skip = 0
        self.stack: list[tuple[str, dict, int, int]] = []   # open block elements and prose start
        self.open: dict[str, int] = {}                  # open block elements by tag
        self.blocks: list[dict] = []                    # closed blocks, for later checks
        self.link_depth = 0
        self.link_chars = 0

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """A malformed '<![' section is text: the parser's own check would raise instead."""
        where = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = where   # the check moved the position before raising
            self.handle_data(self.rawdata[i:i + 3])
            return i + 3

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _break(self) -> None:
        if not self.out.ends_with_break():
            self.out.put("\n\n", self._pos())

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            if tag not in VOID_TAGS:
                self.skip += 1
            return
        if self.skip:
            return
        if tag == "a":
            self.link_depth += 1
        if tag in BLOCK_TAGS:
            self._break()
            if tag not in VOID_TAGS:
                self.stack.append((tag, dict(attrs), len(self.out.offsets), self.link_chars))
                self.open[tag] = self.open.get(tag, 0) + 1

    def handle_startendtag(self, tag, attrs):
        if not self.skip and tag in BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "a":
            self.link_depth = max(0, self.link_depth - 1)
        if tag in BLOCK_TAGS:
            if self.open.get(tag):  # a stray closing tag never scans the stack
                self.open[tag] -= 1
                for i in range(len(self.stack) - 1, -1, -1):
                    if self.stack[i][0] == tag:
                        name, attrs, start, links_before = self.stack.pop(i)
                        end = len(self.out.offsets)
                        self.blocks.append({"tag": name, "attrs": attrs, "start": start, "end": end,
                                            "link_chars": self.link_chars - links_before})
                        break
            self._break()

    def handle_data(self, data):
        if self.skip or not data:
            return
        data = data.replace(_LT, "<")
        start = self._pos()
        i = 0
        for m in re.finditer(r"\s+", data):
            if m.start() > i:
                self._text(data[i:m.start()], start + i)
            if not self.out.ends_with_break() and not "".join(self.out.parts[-1:]).endswith(" "):
                self.out.put(" ", start + m.start())
            i = m.end()
        if i < len(data):
            self._text(data[i:], start + i)

    def _text(self, piece: str, at: int) -> None:
        self.out.copy(piece, at)
        if self.link_depth:
            self.link_chars += len(piece)

    def _ref(self, raw: str) -> None:
        if self.skip:
            return
        char = html.unescape(raw)
        at = self._pos()
        if char.isspace():
            if not "".join(self.out.parts[-1:]).endswith((" ", "\n")):
                self.out.put(" ", at)
            return
        self.out.put(char, at)
        if self.link_depth:
            self.link_chars += len(char)

    def handle_entityref(self, name):
        self._ref(f"&{name};")

    def handle_charref(self, name):
        self._ref(f"&#{name};")


_LT = "\ufdd0"      # stands in for a '<' the parser must read as text (a noncharacter, same length)
_FAR = 4096          # no real tag is longer, save one whose attribute holds a data URI (and no '<')


def _unclosed_tags_as_text(text: str) -> str:
    """Hide every '<' whose '>' is far off behind another '<', so the parser does not rescan to it."""
    if text.count("<") < 64:
        return text
    closes = [m.start() for m in re.finditer(">", text)]
    opens = [m.start() for m in re.finditer("<", text)]
    tags = {m.start() for m in re.finditer("<[A-Za-z/]", text)}  # comments and doctypes stay as they are
    hidden = []
    for n, i in enumerate(opens):
        k = bisect_right(closes, i)
        gt = closes[k] if k < len(closes) else len(text)
        if i in tags and gt - i > _FAR and n + 1 < len(opens) and opens[n + 1] < gt:
            hidden.append(i)
    if not hidden:
        return text
    chars = list(text)
    for i in hidden:
        chars[i] = _LT
    return "".join(chars)


def _html(text: str) -> tuple[str, list[int], dict]:
    parser = _ProseParser(text)
    parser.feed(_unclosed_tags_as_text(text))
    parser.close()
    prose, offsets = parser.out.result()
    # Trim the trailing block break so paragraphs end where the prose does.
    while prose.endswith("\n") or prose.endswith(" "):
        prose, offsets = prose[:-1], offsets[:-1]
    lead = len(prose) - len(prose.lstrip())
    if lead:
        prose, offsets = prose[lead:], offsets[lead:]
        for block in parser.blocks:
            block["start"] = max(0, block["start"] - lead)
            block["end"] = max(0, block["end"] - lead)
    meta = {"blocks": parser.blocks}
    meta.update(dom_annotations(text, prose))
    return prose, offsets, meta


# ---- the DOM behind the prose (lxml) -----------------------------------------------------------
HINT_SPLIT = re.compile(r"[\s_]+")


def _parse_dom(text: str):
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(text)
    except ValueError:  # a str that declares its own encoding
        parser = lxml.html.HTMLParser(encoding="utf-8")
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError:
        return None


def _dom_pieces(root):
    """Yield (text, element) for every text node lxml's tree holds, in document order."""
    stack = [(root, False)]
    while stack:
        el, done = stack.pop()
        if done:
            parent = el.getparent()
            if el.tail and parent is not None:
                yield el.tail, parent
            continue
        stack.append((el, True))
        if not isinstance(el.tag, str) or el.tag.lower() in SKIP_TAGS:
            continue
        if el.text:
            yield el.text, el
        for child in reversed(el):
            stack.append((child, False))


def dom_annotations(text: str, prose: str) -> dict:
    """Tie every prose character to the lxml element holding it.

    Returns ``nodes`` (per element: ``hint``, the tags, classes and ids of it and its ancestors, and
    ``link``, whether it sits inside a link) and ``char_node`` (per prose character: an index into
    nodes, or -1 for white space and characters lxml's tree does not hold).
    """
    root = _parse_dom(text)
    if root is None:
        return {}
    nodes: list[dict] = []
    index: dict = {}

    def node_of(el) -> int:
        i = index.get(el)
        if i is None:
            parent = el.getparent()
            up = nodes[node_of(parent)] if parent is not None else {"hint": "", "link": False}
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            own = " ".join([tag, el.get("class") or "", el.get("id") or "", el.get("role") or ""])
            nodes.append({"hint": (up["hint"] + " " + " ".join(HINT_SPLIT.split(own.lower()))).strip(),
                          "link": up["link"] or tag == "a", "tag": tag})
            i = index[el] = len(nodes) - 1
        return i

    dom_chars: list[str] = []
    dom_owner: list[int] = []
    for piece, el in _dom_pieces(root):
        n = node_of(el)
        for c in piece:
            if not c.isspace():
                dom_chars.append(c)
                dom_owner.append(n)
    prose_pos = [i for i, c in enumerate(prose) if not c.isspace()]
    char_node = [-1] * len(prose)
    for pi, dj in _align("".join(prose[i] for i in prose_pos), "".join(dom_chars)):
        char_node[prose_pos[pi]] = dom_owner[dj]
    return {"nodes": nodes, "char_node": char_node}


def _align(a: str, b: str, probe: int = 8, window: int = 4000):
    """Yield (i, j) pairs matching characters of a and b, re-synchronising after a divergence."""
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            yield i, j
            i += 1
            j += 1
            continue
        k = b.find(a[i:i + probe], j, j + window)
        if k >= 0:
            j = k
            continue
        k = a.find(b[j:j + probe], i, i + window)
        if k >= 0:
            i = k
            continue
        i += 1
        j += 1


# ---- block features for boilerplate detection ---------------------------------------------------
def annotate_units(doc, units) -> None:
    """Set link density, structural hints and trafilatura's verdict on units of an HTML or Markdown article."""
    meta = doc.meta
    if doc.kind == "md":
        links = meta.get("links") or []
        for u in units:
            inside = sum(max(0, min(e, u.end) - max(s, u.start)) for s, e in links)
            chars = sum(1 for c in u.text if not c.isspace()) or 1
            u.link_density = min(1.0, inside / chars)
        return
    nodes, char_node = meta.get("nodes"), meta.get("char_node")
    if not nodes:
        return
    main = main_text(doc)
    for u in units:
        owners = [n for n in char_node[u.start:u.end] if n >= 0]
        if not owners:
            continue
        counts = Counter(owners)
        u.link_density = sum(c for n, c in counts.items() if nodes[n]["link"]) / len(owners)
        top = max(set(owners), key=counts.__getitem__)   # the same set order breaks ties as before
        u.hints = nodes[top]["hint"]
        if main is not None and len(u.text.split()) >= 2:
            u.in_main = _squash(u.text) in main


def _squash(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def main_text(doc) -> str | None:
    """Return trafilatura's main-content text of an HTML article, squashed for lookups (cached)."""
    if "main_text" not in doc.meta:
        try:
            import trafilatura

            extracted = trafilatura.extract(doc.text, include_comments=False, include_tables=True,
                                            favor_precision=True, deduplicate=False)
        except Exception:  # noqa: BLE001 - a second opinion only; the article is still checked
            extracted = None
        doc.meta["main_text"] = _squash(extracted) if extracted else None
    return doc.meta["main_text"]


# ---- deleting prose from HTML without breaking the markup --------------------------------------
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>", re.DOTALL)


def markup_left_after_deleting(fragment: str) -> str:
    """Return the tags of an HTML fragment that must stay when its text is deleted.

    Elements opened and closed inside the fragment go with the text; a closing tag whose opening
    tag lies before the fragment, or an opening tag closed after it, stays so the page keeps its
    structure.
    """
    kept: list[tuple[str, str, bool]] = []   # (tag name, raw tag, is opening)
    for m in _TAG.finditer(fragment):
        closing, name, selfclosing = m.group(1), (m.group(2) or "").lower(), m.group(3)
        if not name or selfclosing or name in VOID_TAGS:
            continue
        if closing:
            for i in range(len(kept) - 1, -1, -1):
                if kept[i][2] and kept[i][0] == name:
                    del kept[i:]
                    break
            else:
                kept.append((name, m.group(), False))
        else:
            kept.append((name, m.group(), True))
    return "".join(raw for _name, raw, _opening in kept)
