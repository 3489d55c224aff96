"""Formatting damage: hard-wrapped paragraphs, mojibake, and control or invisible characters."""
from __future__ import annotations

import os
import re as stdlib_re
from dataclasses import dataclass, replace

from .. import regexcache as re   # regex, its compiled programs kept in the user cache

from ..vocabulary import pack_list
from . import NoCheckOptions, register

_TERMINAL = '.!?:;"”’)]|'
_FUNCTION = frozenset(pack_list("formatting", "wrap-words.txt"))
_BULLET = "•-*–—►▪"


def _wrap_width(lengths: list[int]) -> int | None:
    """Return the width an article is hard-wrapped at, or None when its lines are not wrapped."""
    if len(lengths) < 4:
        return None
    width = max(lengths)
    if width > 100:
        return None
    near = sum(1 for n in lengths if n >= 0.75 * width)
    return width if near >= 0.6 * len(lengths) else None


def _continues(line: str, nxt: str, wrapped_doc: bool) -> bool:
    """Tell whether the break after line only wraps a paragraph."""
    s, n = line.rstrip(), nxt.lstrip()
    if not s or not n or n[0] in _BULLET or s[-1] in _TERMINAL:
        return False
    if wrapped_doc:
        return True
    last = s.split()[-1].lower()
    return len(s) >= 40 and (n[0].islower() or s[-1] in ",-" or last in _FUNCTION)


def wrapped_runs(doc, breaks_out: list | None = None) -> list[tuple[int, int, str]]:
    """Return (start, end, joined text) for each run of hard-wrapped paragraphs in plain text.

    breaks_out, when given, receives (start, end, joiner) for every wrapped line break.
    """
    prose = doc.prose
    lines = doc.lines
    bodies = [prose[ln.start:ln.end] for ln in lines]
    width = _wrap_width([len(b.rstrip()) for b in bodies if b.strip()])
    from .runin import boilerplate_spans

    skip = boilerplate_spans(doc)
    breaks = [i for i in range(len(lines) - 1) if _continues(bodies[i], bodies[i + 1], width is not None)
              and not any(s <= lines[i].end and lines[i + 1].start <= e for s, e in skip)]
    if not breaks:
        return []
    runs: list[list[int]] = []
    for i in breaks:
        # paragraphs of one run follow each other with no blank line between them
        if runs and all(bodies[k].strip() for k in range(runs[-1][-1], i + 1)):
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        first, last = run[0], run[-1] + 1
        start = lines[first].start + len(bodies[first]) - len(bodies[first].lstrip())
        end = lines[last].end - (len(bodies[last]) - len(bodies[last].rstrip()))
        joined = prose[start:end]
        for i in sorted(run, reverse=True):
            a = lines[i].end - (len(bodies[i]) - len(bodies[i].rstrip())) - start
            b = lines[i + 1].start + len(bodies[i + 1]) - len(bodies[i + 1].lstrip()) - start
            sep = "" if joined[a - 1:a] == "-" and joined[a - 2:a - 1].isalpha() else " "
            joined = joined[:a] + sep + joined[b:]
            if breaks_out is not None:
                breaks_out.append((start + a, start + b, sep))
        out.append((start, end, joined))
    if breaks_out is not None:
        breaks_out.sort()
    return out


@dataclass(frozen=True)
class HardWrapOptions:
    """The options of a rule of check formatting:hard-wrap."""

    group: str = "break"      # one finding a: break; run, at its first break (first); run (run); paragraph

    def __post_init__(self):
        if self.group not in ("break", "first", "run", "paragraph"):
            raise ValueError(f"group must be break, first, run or paragraph, not {self.group!r}")


@register("hard-wrap", options=HardWrapOptions)
def hard_wrap(doc, rule, options: HardWrapOptions):
    """Flag line breaks inside paragraphs; the fix joins the lines.

    One finding per line break (group: break, the default), one per run at its first break whose
    fix joins them all (group: first), or one per paragraph or run of paragraphs.
    """
    if doc.kind != "txt":
        return
    group = options.group
    breaks: list = []
    runs = wrapped_runs(doc, breaks)
    if group == "break":
        for start, end, sep in breaks:
            yield rule.finding(start, end, doc.prose[start:end], [sep], data={"breaks": 1})
        return
    if group == "first":
        # one finding per run, at its first wrapped break; its fix joins every break of the run
        for run_start, run_end, _joined in runs:
            inside = [b for b in breaks if run_start <= b[0] and b[1] <= run_end]
            if not inside:
                continue
            (start, end, sep), rest = inside[0], inside[1:]
            yield rule.finding(start, end, doc.prose[start:end], [sep],
                               data={"breaks": len(inside), "also_edits": [list(b) for b in rest]},
                               message=(f"A line break inside a paragraph of hard-wrapped text, the first of "
                                        f"{len(inside)} here; join the lines." if rest else None))
        return
    if group == "paragraph":
        runs = [piece for run in runs for piece in _paragraph_pieces(doc.prose, run)]
    for start, end, joined in runs:
        count = doc.prose.count("\n", start, end) - joined.count("\n")
        yield rule.finding(start, end, doc.prose[start:end], [joined], data={"breaks": count},
                           message=f"Paragraphs broken into fixed-width lines ({count} line breaks inside "
                                   f"paragraphs); join the lines.")


def _paragraph_pieces(prose: str, run: tuple[int, int, str]):
    """Split one run into its paragraphs, each with its own joined text."""
    start, _end, joined = run
    src_lines = prose[start:_end].split("\n")
    pos = start
    for para in joined.split("\n"):
        count = 0
        length = 0
        # consume source lines until their joined form gives this paragraph
        while length < len(para) and count < len(src_lines):
            length += len(src_lines[count].strip()) + (1 if count else 0)
            count += 1
        taken, src_lines = src_lines[:max(count, 1)], src_lines[max(count, 1):]
        span = "\n".join(taken)
        if len(taken) > 1:
            yield pos, pos + len(span), para
        pos += len(span) + 1


# A lead byte of UTF-8 read as Latin-1 or Windows-1252, then a character such bytes decode to. Only ever
# searched for, never matched: the standard re module scans character classes several times faster.
_SUSPECT = stdlib_re.compile(r"[\u00c2-\u00c3\u00c5\u00d0-\u00d1\u00e2\u00ef\u00f0]"
                             r"[\u0080-\u02ff\u2010-\u203a\u20ac\u2122]")


# Bytes Windows-1252 leaves undefined: a decoder that drops them loses the last byte of a character
# (the closing quote E2 80 9D becomes "â€"), which no re-decoding can restore with certainty.
_UNDEFINED_1252 = "\x81\x8d\x8f\x90\x9d"


def _run_fixes(run: str) -> tuple[list[str], bool]:
    """ftfy's repair of one run of mojibake, and whether it is certain.

    Certain when ftfy re-encodes and decodes the run alone and nothing else; when it has to guess a
    lost byte (restore_byte_a0, decode_inconsistent_utf8), the candidates are its guess and the
    characters a dropped undefined byte would give, letters and quotation marks first.
    """
    import unicodedata

    import ftfy

    fixed, steps = ftfy.fix_and_explain(run, uncurl_quotes=False)
    if fixed != run and steps and all(kind in ("encode", "decode") for kind, _ in steps):
        return [fixed], True
    core = run.rstrip(" \u00a0")
    candidates = [fixed] if fixed != run else []
    for byte in _UNDEFINED_1252:
        guess = ftfy.fix_encoding(core + byte)
        if guess != core + byte and len(guess) < len(core):
            candidates.append(guess + run[len(core):])

    def rank(text: str) -> int:
        cats = {unicodedata.category(c) for c in text.strip()}
        return 0 if cats and cats <= {"Lu", "Ll", "Pi", "Pf"} else 1 if not cats & {"Cf", "Cc", "Zs"} else 2
    return sorted(dict.fromkeys(candidates), key=rank), False


@register("mojibake", scope="own-paragraph", options=NoCheckOptions)
def mojibake(doc, rule, options):
    """Flag text decoded with the wrong character set; ftfy repairs each run, safe only when certain."""
    prose = doc.prose
    if not _SUSPECT.search(prose):
        return
    import ftfy

    for ln in doc.lines:
        line = prose[ln.start:ln.end]
        if not _SUSPECT.search(line):
            continue
        for i1, i2, _repl in _repairs(line, ftfy.fix_encoding):
            suggestions, sure = _run_fixes(line[i1:i2])
            if not suggestions:
                continue
            finding = rule.finding(ln.start + i1, ln.start + i2, line[i1:i2], suggestions,
                                   values={"fixed": suggestions[0]})
            yield finding if sure else replace(finding, fix_safe=False)


_PIECE = 256          # characters of a long line repaired and compared at a time
_LEAD = stdlib_re.compile(r"[\u00c2-\u00c3\u00c5\u00d0-\u00d1\u00e2\u00ef\u00f0]|(?<=[\x21-\x7e]) ")


def _pieces(line: str):
    """Cut a line into pieces of about _PIECE characters, before a lead character or after a space that
    follows ASCII, so no mis-decoded sequence is cut in two: the diff of each piece is then small."""
    if len(line) <= 2 * _PIECE:
        yield 0, line
        return
    start = 0
    for m in _LEAD.finditer(line, _PIECE):
        if m.start() - start >= _PIECE:
            yield start, line[start:m.start()]
            start = m.start()
    yield start, line[start:]


def _repairs(line: str, fix):
    """(start, end, replacement) for each changed stretch of a line, in time linear in its length."""
    for base, piece in _pieces(line):
        fixed = fix(piece)
        if fixed == piece:
            continue
        if len(piece) > 4 * _PIECE:   # no place to cut: one repair for the changed middle
            head = len(os.path.commonprefix([piece, fixed]))
            tail = len(os.path.commonprefix([piece[head:][::-1], fixed[head:][::-1]]))
            yield base + head, base + len(piece) - tail, fixed[head:len(fixed) - tail]
            continue
        import difflib   # only where a line needs a repair

        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, piece, fixed, autojunk=False).get_opcodes():
            if tag != "equal" and i1 != i2:
                yield base + i1, base + i2, fixed[j1:j2]


_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u2069\ufeff\ufff9-\ufffb]+|(?<![\u00c0-\u00ff])[\x80-\x9f]+"
    r"|(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})")
# Every character _INVISIBLE can match, for one quick search that clean prose fails at once.
_ANY_INVISIBLE = stdlib_re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e"
                                   r"\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
_NAMES = {"\u00ad": "soft hyphen", "\u200b": "zero-width space", "\u200c": "zero-width non-joiner",
          "\u200d": "zero-width joiner", "\ufeff": "byte-order mark", "\u200e": "left-to-right mark",
          "\u200f": "right-to-left mark", "\u2060": "word joiner"}


@register("invisible-characters", options=NoCheckOptions)
def invisible_characters(doc, rule, options):
    """Flag control characters and zero-width or direction marks hidden in the prose."""
    prose = doc.prose
    if not _ANY_INVISIBLE.search(prose):
        return
    for m in _INVISIBLE.finditer(prose):
        run = m.group()
        first = run[0]
        name = _NAMES.get(first) or f"control character U+{ord(first):04X}"
        fix = ""
        if "\x80" <= first <= "\x9f":
            import ftfy.fixes

            # Windows-1252 punctuation for the controls it names; the ones it leaves undefined (U+0081,
            # U+008D, U+008F, U+0090, U+009D) go, so that the fixed text has none left to fix again
            fix = "".join(c for c in ftfy.fixes.fix_c1_controls(run) if not "\x80" <= c <= "\x9f")
        elif first in "\x0b\x0c" and m.start() and m.end() < len(prose):
            fix = "\n"
        yield rule.finding(m.start(), m.end(), run, [fix], values={"what": name})
