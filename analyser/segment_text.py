"""Text helpers for segmentation: character clean-up, line-end de-hyphenation, sentences.

Pure functions over strings; the cue lists live in ``analyser/data/segment.toml``.
Used by ``segment`` (paragraph lines) and by ``extract`` (wrapped table-cell lines).
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Iterable, Mapping

BREAK_ONLY = "\u00ad\ufffe"  # soft hyphen, pdfium's line-break mark: always a line-break hyphen
HYPHENS = "-\u2010" + BREAK_ONLY  # characters that may end a hyphenated line
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003]")
_ZERO = re.compile(r"[\u200b\u200c\u200d\ufeff]")
_WORD_CHAR = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")


@functools.lru_cache(maxsize=1)
def cues() -> Mapping[str, dict]:
    """The parsed ``data/segment.toml`` (loaded once per process, on first use)."""
    path = Path(__file__).parent / "data" / "segment.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)


def normalise_chars(text: str) -> str:
    """Expand ligatures, turn exotic spaces into spaces, drop zero-width characters."""
    if not text:
        return text
    for lig, rep in _LIGATURES.items():
        if lig in text:
            text = text.replace(lig, rep)
    text = _SPACES.sub(" ", text)
    return _ZERO.sub("", text)


def normalise_key(text: str) -> str:
    """Compare key for repeated headers/footers: lower case, digits as #, single spaces."""
    text = re.sub(r"\d+", "#", text.lower())
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- de-hyphenation


def ends_with_hyphen(text: str) -> bool:
    """True if the line ends in a hyphen glued to a word part ("huur-", "verduur\u2010")."""
    return len(text) >= 2 and text[-1] in HYPHENS and not text[-2].isspace()


def join_pair(left: str, right: str, *, vocab: frozenset[str] = frozenset(), hyphen_breaks: bool = False) -> str:
    """Join two wrapped lines, repairing a line-end hyphen where it was only a line break.

    ``vocab`` holds lower-cased words seen elsewhere in the document (unbroken), used as
    evidence; ``hyphen_breaks`` says the document marks its line-break hyphens with U+2010
    or U+00AD, so a hyphen-minus at a line end is a real hyphen.
    """
    left, right = left.rstrip(), right.lstrip()
    if not left:
        return right
    if not right:
        return left
    if not ends_with_hyphen(left):
        return f"{left} {right}"
    hyphen = left[-1]
    stem = left[:-1]
    if hyphen in BREAK_ONLY:
        return stem + right
    if keep_hyphen(stem, right, hyphen, vocab=vocab, hyphen_breaks=hyphen_breaks):
        first = right.split(" ", 1)[0]
        if first.lower().strip(",;") in cues()["hyphenation"]["conjunctions"]:
            return f"{stem}- {right}"
        return f"{stem}-{right}"
    return stem + right


def keep_hyphen(stem: str, right: str, hyphen: str = "-", *, vocab: frozenset[str] = frozenset(), hyphen_breaks: bool = False) -> bool:
    """Decide whether ``stem-`` + ``right`` at a line break is a real (written) hyphen."""
    conf = cues()["hyphenation"]
    part = re.split(r"[\s/(]", stem)[-1]
    nxt = right.split(" ", 1)[0]
    if not part or not nxt:
        return True
    if nxt.lower().strip(",;") in conf["conjunctions"]:
        return True  # "huur- en koopwoningen"
    if not _WORD_CHAR.match(nxt[0]) or nxt[0].isupper():
        return True  # "Noord-Holland", "2024-2028", "label-A"
    if part[-1].isdigit() or sum(c.isupper() for c in part) >= 2 or "-" in part:
        return True  # "CO2-neutraal", "EFG-labels", "sociale-huur-"
    joined = (part + nxt).lower().strip(".,;:)")
    hyphenated = (part + "-" + nxt).lower().strip(".,;:)")
    if hyphenated in vocab:
        return True
    if joined in vocab:
        return False
    if part.lower() in conf["keep_after"]:
        return True
    if (part[-1] + nxt[0]).lower() in conf["vowel_pairs"]:
        return True  # "zonne-energie", "auto-onderdelen"
    if hyphen == "-" and hyphen_breaks:
        return True  # this document breaks words with U+2010/U+00AD: "-" was typed
    return False


def join_wrapped(lines: Iterable[str], *, vocab: frozenset[str] = frozenset(), hyphen_breaks: bool = False) -> str:
    """Join wrapped lines of one paragraph or cell into one string."""
    text = ""
    for line in lines:
        line = line.strip()
        if line:
            text = join_pair(text, line, vocab=vocab, hyphen_breaks=hyphen_breaks) if text else line
    return text


def document_vocab(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words (hyphenated ones too) that occur inside lines, not at their ends."""
    seen: set[str] = set()
    for t in texts:
        tokens = t.split()
        for tok in tokens[:-1]:
            tok = tok.strip(".,;:()\"'‘’“”").lower()
            if len(tok) > 3:
                seen.add(tok)
    return frozenset(seen)


# ---------------------------------------------------------------- sentences

_SENT_END = re.compile(r"(?<=[.!?])[\"'’”)]?\s+(?=[\"'‘“(]?[A-Z0-9À-Ö])")


def split_sentences(text: str) -> list[str]:
    """Split on . ! ? followed by a capital or digit, except after Dutch abbreviations,
    single letters and initials ("a.", "J.", "P.J.M.") and ordinal-like numbers ("3.")."""
    abbrevs = set(cues()["abbreviations"]["words"])
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(text):
        before = text[start : m.start()].rstrip("\"'’”)")
        last = before.split()[-1].lower() if before.split() else ""
        if last in abbrevs or re.fullmatch(r"(?:[a-z]\.){1,4}|\d{1,2}\.", last):
            continue
        out.append(text[start : m.start()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]
