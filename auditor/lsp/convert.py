"""Turn findings into LSP diagnostics and code actions, in the client's position units."""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from ..documents import Document
from ..fixes import describe, plan, source_replacement
from ..model import DocumentReport, Finding, counted

SOURCE = "auditor"
COMMENTS = ("md", "html")  # the formats whose comments can hold a suppression
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.auditor"
SEVERITY = {
    "minor": types.DiagnosticSeverity.Information,
    "major": types.DiagnosticSeverity.Warning,
    "critical": types.DiagnosticSeverity.Error,
}


_LINE_END = re.compile(r"\r\n?|\n")


def _utf16_units(text: str) -> int:
    """UTF-16 code units of a text: one a character, two for one past the Basic Multilingual Plane."""
    return len(text) if text.isascii() or max(text) <= "\uffff" else len(text.encode("utf-16-le", "surrogatepass")) // 2


_UNITS = {"utf-32": len, "utf-16": _utf16_units, "utf-8": lambda text: len(text.encode("utf-8", "surrogatepass"))}


class Positions:
    """Map code-point offsets of a text to LSP positions; lines end at CRLF, CR or LF as LSP says."""

    def __init__(self, text: str, codec: PositionCodec | None = None):
        self.text = text
        self.codec = codec or PositionCodec()
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
        encoding = str(getattr(self.codec.encoding, "value", self.codec.encoding) or "utf-16")
        self.units = _UNITS.get(encoding.lower(), _utf16_units)
        # lines known to count one unit a character (asked for by line index): a prefix of one needs no counting
        self.plain: dict[int, bool] = {}

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def line(self, index: int) -> str:
        """Return line `index` without its line ending."""
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def eol(self, index: int) -> str:
        """Return the line ending of line `index` (or the document's first one, or LF)."""
        for i in (index, 0):
            end = self.starts[i + 1] if i + 1 < len(self.starts) else None
            if end is not None:
                line = self.text[self.starts[i]:end]
                return "\r\n" if line.endswith("\r\n") else line[-1]
        return "\n"

    def coords(self, offset: int) -> tuple[int, int]:
        """The line and character of an offset, as position() gives them (without building a Position)."""
        offset = max(0, min(offset, len(self.text)))
        index = self.line_of(offset)
        start = self.starts[index]
        plain = self.plain.get(index)
        if plain is None:
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            line = self.text[start:end]
            plain = self.plain[index] = self.units(line) == len(line)
        return index, offset - start if plain else self.units(self.text[start:offset])

    def position(self, offset: int) -> types.Position:
        line, character = self.coords(offset)
        return types.Position(line=line, character=character)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))


def _plain_range(r: types.Range) -> dict:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}


def _plain_edit(e: types.TextEdit) -> dict:
    return {"range": _plain_range(e.range), "newText": e.new_text}


def suppression(f: Finding, kind: str, pos: Positions) -> tuple[str, list[types.TextEdit]]:
    """Return the title and edits of a comment that silences this finding.

    An ignore-next-line comment goes on its own line above the finding when that cannot split a
    paragraph (HTML, or the first line of a paragraph); otherwise disable/enable comments wrap the span.
    """
    index = pos.line_of(f.start)
    line = pos.line(index)
    paragraph_start = index == 0 or not pos.line(index - 1).strip()
    if kind == "html" or paragraph_start:
        indent = line[: len(line) - len(line.lstrip())]
        at = pos.position(pos.starts[index])
        text = f"{indent}<!-- auditor-ignore-next-line {f.rule} -->{pos.eol(index)}"
        return (f"Suppress {f.rule} on this line",
                [types.TextEdit(range=types.Range(start=at, end=at), new_text=text)])
    start, end = pos.position(f.start), pos.position(f.end)
    return (f"Suppress {f.rule} here",
            [types.TextEdit(range=types.Range(start=start, end=start), new_text=f"<!-- auditor-disable {f.rule} -->"),
             types.TextEdit(range=types.Range(start=end, end=end), new_text=f"<!-- auditor-enable {f.rule} -->")])


def fix_title(f: Finding, replacement: str, text: str, kind: str = "txt") -> str:
    """Name what a fix changes: the words it inserts, deletes or replaces (prose, in HTML)."""
    verb, rest = describe(text[f.start:f.end], replacement, kind)
    return f"{verb} {rest} ({f.rule})"


def source_document(report: DocumentReport) -> Document:
    """The document a report was made from, for mapping fixes around markup."""
    return Document.from_text(report.text, path=report.path, kind=report.kind)


def diagnostic(f: Finding, report: DocumentReport, pos: Positions, version: int | None,
               doc: Document | None = None, rng: types.Range | None = None) -> types.Diagnostic:
    """Build one diagnostic; its data carries the ready-made edits its code actions apply."""
    rng = rng or pos.range(f.start, f.end)
    plain_range = _plain_range(rng)
    doc = doc or source_document(report)
    fixes = [{"title": fix_title(f, s, report.text, report.kind), "newText": new} for s in dict.fromkeys(f.suggestions)
             if (new := source_replacement(doc, f.start, f.end, s)) is not None]
    if fixes and f.data.get("also_edits"):
        # like places the finding stands for (every wrapped line break of a paragraph run): the first
        # fix edits them too, as `auditor fix` does
        also = [{"range": _plain_range(pos.range(s, e)), "newText": new} for s, e, r in f.data["also_edits"]
                if (new := source_replacement(doc, s, e, r)) is not None]
        fixes[0]["also"] = also
    data = {
        "rule": f.rule, "name": f.name, "category": f.category, "severity": f.severity,
        "version": version, "range": plain_range, "fixSafe": f.fix_safe, "fixes": fixes,
    }
    if report.kind in COMMENTS:  # plain text has no comments to hold a suppression
        title, edits = suppression(f, report.kind, pos)
        data["suppress"] = {"title": title, "edits": [_plain_edit(e) for e in edits]}
    return types.Diagnostic(
        range=rng, severity=SEVERITY[f.severity], code=f.rule, source=SOURCE,
        message=f.message, data=data,
    )


def diagnostics(report: DocumentReport, codec: PositionCodec | None, version: int | None,
                kept: dict | None = None) -> list[types.Diagnostic]:
    """Build a report's diagnostics; kept: those of the buffer's last report, reused where they are the same.

    In plain text a diagnostic is made of its finding, its range and the text it covers (its fixes'
    titles and edits read nothing else; nor do the further edits of one that has them, each made of its
    own range, text and replacement), so one equal in all of them is the last one at this version.
    kept is left holding this report's.
    """
    pos = Positions(report.text, codec)
    doc = source_document(report)
    if kept is None or report.kind != "txt":
        return [diagnostic(f, report, pos, version, doc) for f in report.findings]
    out, made = [], {}
    text = report.text
    for f in report.findings:
        start, end = pos.coords(f.start), pos.coords(f.end)
        key = (*start, *end, f.rule, f.name, f.category, f.severity, f.message, f.suggestions, f.fix_safe,
               text[f.start:f.end])
        also = f.data.get("also_edits")
        if also:   # edits elsewhere in the text, each made of its range, the text it covers and its replacement
            key += tuple((pos.coords(s), pos.coords(e), text[s:e], r) for s, e, r in also)
        d = kept.get(key)
        if d is None:
            d = diagnostic(f, report, pos, version, doc, types.Range(
                start=types.Position(line=start[0], character=start[1]),
                end=types.Position(line=end[0], character=end[1])))
        elif d.data["version"] != version:   # (the last version's diagnostics are sent already)
            d.data = {**d.data, "version": version}
        made[key] = d
        out.append(d)
    kept.clear()
    kept.update(made)
    return out


def _edit(raw: dict) -> types.TextEdit:
    r = raw["range"]
    return types.TextEdit(
        range=types.Range(start=types.Position(**r["start"]), end=types.Position(**r["end"])),
        new_text=raw["newText"],
    )


def wanted(kind: str, only: Iterable[str] | None) -> bool:
    """Say whether a client's `only` filter admits an action kind (prefixes count, as LSP says)."""
    only = [str(getattr(k, "value", k)) for k in (only or ())]
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def actions_for(uri: str, diags: Iterable[types.Diagnostic], version: int | None) -> list[types.CodeAction]:
    """Return the quick fixes and suppressions the diagnostics' data describe (current version only)."""
    actions: list[types.CodeAction] = []
    suppress: dict[str, types.CodeAction] = {}
    for d in diags:
        data = d.data if isinstance(d.data, dict) else None
        if d.source != SOURCE or not data or data.get("version") != version:
            continue
        for n, fix in enumerate(data.get("fixes", ())):
            edits = [_edit({"range": data["range"], "newText": fix["newText"]})] + [_edit(e) for e in fix.get("also", ())]
            actions.append(types.CodeAction(
                title=fix["title"], kind=types.CodeActionKind.QuickFix, diagnostics=[d],
                is_preferred=n == 0, edit=types.WorkspaceEdit(changes={uri: edits})))
        sup = data.get("suppress")
        if sup and sup["title"] + repr(sup["edits"]) not in suppress:
            suppress[sup["title"] + repr(sup["edits"])] = types.CodeAction(
                title=sup["title"], kind=types.CodeActionKind.QuickFix, diagnostics=[d],
                edit=types.WorkspaceEdit(changes={uri: [_edit(e) for e in sup["edits"]]}))
    return actions + list(suppress.values())


def fix_all(uri: str, report: DocumentReport, codec: PositionCodec | None,
            unsafe: bool = False) -> types.CodeAction | None:
    """Return one action applying every safe fix of a report (every fix when unsafe), None when there is none."""
    pos = Positions(report.text, codec)
    doc = source_document(report)
    text_edits = [types.TextEdit(range=pos.range(e.start, e.end), new_text=new)
                  for e in plan(report.findings, safe_only=not unsafe)
                  if (new := source_replacement(doc, e.start, e.end, e.replacement)) is not None]
    if not text_edits:
        return None
    noun = "auditor fix" if unsafe else "safe auditor fix"
    what = counted(len(text_edits), noun, noun + "es")
    return types.CodeAction(title=f"Apply {what}", kind=FIX_ALL, edit=types.WorkspaceEdit(changes={uri: text_edits}))
