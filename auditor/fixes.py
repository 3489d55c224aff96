"""Apply suggestions to text: first suggestion of each chosen finding, never two overlapping edits."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .model import Finding


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    rule: str


def certain(f: Finding, rule=None) -> bool:
    """Whether a finding's fix may be applied unasked: its rule marks it safe, or it is the one fix
    that can be meant.

    Certain: a rule's only suggestion when the rule says `fix_safe: single` (a dictionary misspelling
    with one correction), a house spelling (a consistency set whose first form wins, or a name
    whose canonical form comes from the house list), and the deletion of a whole scraped block.
    """
    if f.fix_safe:
        return True
    if len(f.suggestions) != 1:
        return False
    spec = rule.spec if rule is not None else {}
    if spec.get("fix_safe") == "single":
        return True
    if spec.get("prefer") == "first" or f.data.get("canonical_by") == "house list":
        return True
    return f.category.startswith("boilerplate.") and f.suggestions[0] == ""


def widen(findings: list[Finding], rules: dict) -> list[Finding]:
    """Mark the findings whose fix is certain as safe (rules: rule objects by code)."""
    from dataclasses import replace

    return [replace(f, fix_safe=True) if not f.fix_safe and certain(f, rules.get(f.rule)) else f
            for f in findings]


def plan(findings: Iterable[Finding], *, safe_only: bool = True, select: Iterable[str] = (),
         ignore: Iterable[str] = (), keep: Callable[[Edit], bool] | None = None) -> list[Edit]:
    """Choose non-overlapping edits, earliest first; a later edit that touches an earlier one is dropped.

    keep: when given, only the edits it allows compete for a place (one it refuses hides no other).
    """
    select, ignore = tuple(select), tuple(ignore)
    candidates = []
    for f in findings:
        if not f.suggestions or (safe_only and not f.fix_safe):
            continue
        if select and not f.rule.startswith(select):
            continue
        if ignore and f.rule.startswith(ignore):
            continue
        candidates.append(Edit(f.start, f.end, f.suggestions[0], f.rule))
        # a finding that stands for several like places (every line break of a hard-wrapped run) fixes them all
        candidates.extend(Edit(s, e, r, f.rule) for s, e, r in f.data.get("also_edits", ()))
    if keep is not None:
        candidates = [e for e in candidates if keep(e)]
    candidates.sort(key=lambda e: (e.start, e.end))
    chosen: list[Edit] = []
    for edit in candidates:
        if chosen:
            last = chosen[-1]
            # overlapping spans, or two insertions/edits meeting at one point, are ambiguous
            if edit.start < last.end or (edit.start == last.end and (edit.start == edit.end or last.start == last.end)):
                continue
        chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (sorted by start) to text."""
    out, pos = [], 0
    for e in edits:
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def apply_fixes(text: str, findings: Iterable[Finding], *, safe_only: bool = True,
                select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[str, list[Edit]]:
    """Return the fixed text and the edits applied."""
    edits = plan(findings, safe_only=safe_only, select=select, ignore=ignore)
    return apply_edits(text, edits), edits


# ---- fixing whole documents ---------------------------------------------------------
MAX_ROUNDS = 10


def prose_edit(doc, edit: Edit) -> Edit | None:
    """Keep an edit on marked-up source only where the source span is plain prose (no markup inside).

    In HTML the replacement is escaped; an edit that would touch markup is dropped.
    """
    from html import escape

    m = doc.prose_map
    if m is None:
        return edit
    p = doc.to_prose(edit.start)
    width = edit.end - edit.start
    if width:
        if m[p:p + width] != list(range(edit.start, edit.end)):
            return None
        if doc.prose[p:p + width] != doc.text[edit.start:edit.end]:
            return None
    elif not ((p < len(m) and m[p] == edit.start) or (p > 0 and m[p - 1] == edit.start - 1)):
        return None
    if doc.kind not in ("html", "xliff", "tmx"):   # XML and HTML escape what they hold
        return edit
    return Edit(edit.start, edit.end, escape(edit.replacement, quote=False), edit.rule)


def source_replacement(doc, start: int, end: int, replacement: str) -> str | None:
    """Return the source text that puts replacement in place of [start, end), None across markup."""
    edit = prose_edit(doc, Edit(start, end, replacement, ""))
    return None if edit is None else edit.replacement


def whole_lines(text: str, edit: Edit, after_blank: bool = False) -> Edit:
    """A deletion of whole lines takes the last one's line break too, so that no empty line is left,
    and after a blank line (or at the top) the blank line that follows, so that no two blank lines meet.

    after_blank: the text before the edit ends in a blank line once earlier deletions are made.
    """
    start, end = edit.start, edit.end
    if edit.replacement or start == end or (start and text[start - 1] not in "\r\n"):
        return edit
    for eol in ("\r\n", "\n", "\r"):
        if text.startswith(eol, end):
            end += len(eol)
            if (after_blank or start == 0 or text.endswith(eol + eol, 0, start)) and text.startswith(eol, end):
                end += len(eol)
            return Edit(start, end, "", edit.rule)
    return edit


def document_edits(doc, findings: Iterable[Finding], select: Iterable[str] = (),
                   ignore: Iterable[str] = (), safe_only: bool = True,
                   keep: Callable[[Edit], bool] | None = None) -> list[Edit]:
    """The non-overlapping edits for one document (safe ones by default), minus those that change nothing.

    keep: when given, judges each edit (as it would be written in the source) before edits are chosen.
    """
    if keep is not None and doc.prose_map is not None:
        judge = keep

        def keep(e: Edit) -> bool:
            written = prose_edit(doc, e)
            return written is None or judge(written)   # one across markup is dropped below in any case
    edits = plan(findings, safe_only=safe_only, select=select, ignore=ignore, keep=keep)
    if doc.prose_map is not None:  # Markdown and HTML: never edit across markup
        edits = [e for e in (prose_edit(doc, e) for e in edits) if e is not None]
    if doc.kind != "html":
        kept: list[Edit] = []
        blank = False  # whether the last kept deletion leaves a blank line (or the top) behind it
        for e in edits:
            follows = bool(kept) and kept[-1].end == e.start and not kept[-1].replacement
            wide = whole_lines(doc.text, e, follows and blank)
            if kept and wide.start < kept[-1].end:
                continue
            if wide is not e:
                blank = wide.start == 0 or (follows and blank) or doc.text[:wide.start].endswith(("\n\n", "\r\n\r\n"))
            kept.append(wide)
        edits = kept
    return [e for e in edits if doc.text[e.start:e.end] != e.replacement]


@dataclass
class _Written:
    """Text one fix wrote in the current text: where, by which rule, what it replaced, the edit itself,
    and the order the fixes were made in."""
    start: int
    end: int
    rule: str
    before: str
    edit: Edit
    order: int


def _shift(pos: int, edits: list[Edit]) -> int:
    """Where a position of a text lands once edits (sorted, non-overlapping) are made before it."""
    return pos + sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= pos)


def _moved(written: list[_Written], edits: list[Edit], old: str, order: int) -> list[_Written]:
    """Carry written regions of a text through edits, and add the edits' own new text."""
    out = [_Written(_shift(w.start, edits), _shift(w.end, edits), w.rule, w.before, w.edit, w.order)
           for w in written]
    for k, e in enumerate(edits):
        start = _shift(e.start, edits[:k])
        out.append(_Written(start, start + len(e.replacement), e.rule, old[e.start:e.end], e, order + k))
    return out


def _touches(e: Edit, start: int, end: int) -> bool:
    """Whether an edit lies in, or cuts into, the region [start, end) (an insertion inside it too);
    an edit that takes the whole region and more (a scraped block deleted) does not take a side in it."""
    if e.start <= start and end <= e.end and (e.start, e.end) != (start, end):
        return False
    return (start <= e.start and e.end <= end) or (e.start < end and start < e.end)


def _undoes(text: str, e: Edit, w: _Written) -> bool:
    """Whether an edit inside a written region puts back the text that region's fix replaced."""
    return (w.start <= e.start and e.end <= w.end
            and text[w.start:e.start] + e.replacement + text[e.end:w.end] == w.before)


@dataclass
class FixResult:
    path: str
    original: str
    text: str
    edits: list[Edit] = field(default_factory=list)  # every edit applied and kept, over all rounds
    rounds: int = 1
    settled: bool = False      # True when a further audit found nothing more to fix

    @property
    def changed(self) -> bool:
        return self.text != self.original


def fix_documents(engine, docs: list, select: Iterable[str] = (), ignore: Iterable[str] = (),
                  max_rounds: int = MAX_ROUNDS, safe_only: bool = True) -> list[FixResult]:
    """Audit, apply safe fixes (every fix with safe_only=False) and audit again until nothing is left
    to fix (or max_rounds pass).

    The whole corpus is audited each round, so cross-article checks see the fixed texts. Two guards
    keep fixes from going round in circles, so that fixing the fixed text changes nothing:

    - a rule never rewrites what one of its own fixes wrote (a fix that would change its mind);
    - a fix that puts back the text an earlier fix replaced (two checks that disagree: one makes
      'a' 'an', the other 'an' 'a') undoes it: the place keeps the text it had before, neither fix
      (nor any made there in between) is counted, and no fix touches that place again in the run.

    The guards judge the candidate edits before they are chosen, so an edit they refuse hides no
    other edit of the same place.
    """
    from .documents import Document

    results = [FixResult(d.path, d.text, d.text, [], 0, False) for d in docs]
    current = list(docs)
    written: list[list[_Written]] = [[] for _ in docs]       # text the run's fixes wrote, per document
    held: list[list[tuple[int, int]]] = [[] for _ in docs]   # places two fixes disagree about, per document
    order = 0
    for round_no in range(1, max_rounds + 1):
        report = engine.audit(current)
        changed = False
        for i, (doc, dr) in enumerate(zip(current, report.documents)):
            text, mine, places = doc.text, written[i], held[i]

            def undone(e: Edit) -> _Written | None:
                """The earliest fix whose replaced text the edit puts back."""
                return min((w for w in mine if _undoes(text, e, w)), key=lambda w: w.order, default=None)

            def allowed(e: Edit) -> bool:
                if any(_touches(e, a, b) for a, b in places):
                    return False
                # an edit reaching past a rule's own text (",," where two fixes each left ",") still goes ahead
                return undone(e) is not None or not any(
                    w.rule == e.rule and w.start <= e.start and e.end <= w.end and e.start < e.end for w in mine)

            edits = [e for e in document_edits(doc, dr.findings, select, ignore, safe_only=safe_only, keep=allowed)
                     if allowed(e)]
            if not edits:
                continue
            changed = True
            back = {id(e): w for e in edits if (w := undone(e)) is not None}
            moved = _moved(mine, edits, text, order)
            order += len(edits)
            places = [(_shift(a, edits), _shift(b, edits)) for a, b in places]
            dropped: set[int] = set()
            for e in edits:
                w = back.get(id(e))
                if w is None:
                    continue
                # the place, once the edits are made: the earlier fix's region, holding its old text again
                region = next(m for m in moved if m.edit is w.edit)
                new = next(m for m in moved if m.edit is e)
                a, b = min(region.start, new.start), max(region.end, new.end)
                places.append((a, b))
                # the fixes made there since the undone one (a chain that came back to its start) go too
                dropped.update(id(m.edit) for m in moved
                               if m.order >= w.order and a <= m.start and m.end <= b
                               and (m.edit is w.edit or m.edit is e or m.start < m.end or a < m.start < b))
            written[i] = [m for m in moved if id(m.edit) not in dropped]
            held[i] = places
            results[i].text = apply_edits(text, edits)
            results[i].edits = [e for e in results[i].edits + edits if id(e) not in dropped]
            results[i].rounds = round_no
            current[i] = Document.from_text(results[i].text, path=doc.path, kind=doc.kind)
        if not changed:
            for r in results:
                r.settled = True
            break
    return results


def fix_text(text: str, engine, kind: str = "txt", path: str = "<text>", safe_only: bool = True) -> str:
    """Return text with every safe fix (every fix with safe_only=False) applied, to a fixed point."""
    from .documents import Document

    return fix_documents(engine, [Document.from_text(text, path=path, kind=kind)], safe_only=safe_only)[0].text


# ---- describing a fix to a reader ---------------------------------------------------
_TAG = re.compile(r"<[^>]*>")
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def readable(source: str, kind: str = "txt") -> str:
    """What a reader sees of a piece of source: in HTML, tags dropped and entities decoded."""
    return html.unescape(_TAG.sub("", source)) if kind == "html" else source


def excerpt(text: str, limit: int = 40) -> str:
    """Text on one line in quotes, cut to limit characters with an ellipsis."""
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit - 1]}…'"


def change(old: str, new: str) -> tuple[str, str, str, str]:
    """What a replacement changes, word by word: (removed, inserted, word before, word after)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    before = "".join(a[:head]).split()
    after = "".join(a[len(a) - tail:]).split()
    return ("".join(a[head:len(a) - tail]), "".join(b[head:len(b) - tail]),
            before[-1] if before else "", after[0] if after else "")


def describe(old: str, new: str, kind: str = "txt", limit: int = 40) -> tuple[str, str]:
    """A fix in words, as (verb, rest): ('Delete', "'x'"), ('Insert', "'”' after 'station'"),
    ('Replace', "'x' with 'y'"); HTML is described by the prose it shows."""
    removed, inserted, before, after = change(readable(old, kind), readable(new, kind))
    if not inserted.strip() and removed.strip():
        return "Delete", excerpt(removed, limit)
    if not removed.strip() and inserted.strip():
        where = f" after {excerpt(before, limit)}" if before else f" before {excerpt(after, limit)}" if after else ""
        return "Insert", excerpt(inserted, limit) + where
    if not removed and not inserted:
        return "Replace", f"{excerpt(old, limit)} with {excerpt(new, limit)}"
    return "Replace", f"{repr(removed) if not removed.strip() else excerpt(removed, limit)} with " \
                      f"{repr(inserted) if not inserted.strip() else excerpt(inserted, limit)}"

