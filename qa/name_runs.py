"""Candidate person names from a chunk's tokens: maximal runs of capitalised words (title
joiners and name particles inside), a run of two names joined by "and" split in two, and each
run split into its title part and its name part, or dropped when it names nobody ("Liberal
Democrats", "Mayor of London"). Read by qa.name_candidates, which weighs each name's evidence.
"""

from __future__ import annotations

from qa.lexicon import (
    FUNCTION_WORDS,
    HONORIFICS,
    MONTHS,
    NAME_PARTICLES,
    ORG_WORDS,
    TITLE_JOINERS,
    WEEKDAYS,
)
from qa.names import Token, is_name_token, is_title_word

__all__ = ["capitalised_runs", "sentence_initial", "split_pairs", "split_run"]

# Speech verbs that open a sentence before the speaker's name ("Said Novak: …").
_OPENING_CUES = frozenset({"said", "says", "added", "adds", "asked"})
_SENTENCE_OPENERS = frozenset(".!?:;“\"«‘'([—–•-")


def capitalised_runs(toks: list[Token], text: str) -> list[list[Token]]:
    """Maximal runs of capitalised words (with title joiners and name particles inside)."""
    runs: list[list[Token]] = []
    cur: list[Token] = []

    def adjacent(a: Token, b: Token) -> bool:
        gap = text[a.end : b.start]
        return gap.isspace() and "\n" not in gap and "\r" not in gap

    i = 0
    while i < len(toks):
        t = toks[i]
        ok = t.is_word and (t.is_cap or (cur and t.low in (TITLE_JOINERS | NAME_PARTICLES)))
        if ok and cur and not adjacent(cur[-1], t):
            runs.append(cur)
            cur = []
            ok = t.is_word and t.is_cap
        if ok:
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
        i += 1
    if cur:
        runs.append(cur)
    # A run never ends on a joiner or particle.
    out = []
    for r in runs:
        while r and not r[-1].is_cap:
            r = r[:-1]
        if r:
            out.append(r)
    return out


def split_pairs(runs: list[list[Token]], common: set[str]) -> list[list[Token]]:
    """Runs joined by "and" that hold a name on each side ("Ana Ruiz and Tom Hale") split in
    two; a title joined by "and" ("Secretary for Culture and Sport") stays whole."""
    out: list[list[Token]] = []
    for run in runs:
        cut = next((i for i, t in enumerate(run) if t.low == "and"), None)
        if cut is not None and cut >= 2 and len(run) - cut - 1 >= 2 and all(
                is_name_token(t, common) or t.low in NAME_PARTICLES
                for t in run[:cut] + run[cut + 1 :]):
            out.extend([run[:cut], run[cut + 1 :]])
        else:
            out.append(run)
    return out


def _plain_cap(t: Token) -> bool:
    """A capitalised word that is no function, organisation or title word and no acronym."""
    return (t.is_word and t.is_cap and not t.text.isupper() and t.low not in FUNCTION_WORDS
            and t.low not in ORG_WORDS and not is_title_word(t.low))


def sentence_initial(toks: list[Token], idx: int) -> bool:
    return idx == 0 or toks[idx - 1].text in _SENTENCE_OPENERS


def split_run(
    run: list[Token], initial: bool, common: set[str], titled: bool = False
) -> tuple[list[Token], list[Token]] | None:
    """Split a capitalised run into (title part, name part), or None when it names nobody."""
    if initial and run and (run[0].low in FUNCTION_WORDS or run[0].low in _OPENING_CUES or (
            run[0].low in common and not (len(run) > 1 and is_title_word(run[1].low)))):
        run = run[1:]  # "Earlier Tory leader …" but "Alliance Secretary-General …"
    while run and run[0].low in FUNCTION_WORDS and run[0].low not in HONORIFICS:
        run = run[1:]
    if not run:
        return None
    for h, t in enumerate(run[:-1]):
        # "Lord Callaghan of Cardiff": the name is what follows the honorific.
        if t.low in HONORIFICS and is_name_token(run[h + 1], common):
            j = h + 1
            while j < len(run) and (is_name_token(run[j], common) or run[j].low in NAME_PARTICLES):
                j += 1
            if j < len(run) and run[j].low in TITLE_JOINERS:
                return run[: h + 1], run[h + 1 : j]
    last_title = -1
    for i, t in enumerate(run):
        if is_title_word(t.low) or t.low in TITLE_JOINERS:
            last_title = i
    title, name = run[: last_title + 1], run[last_title + 1 :]
    if title and title[-1].low in TITLE_JOINERS:
        if len(name) < 3:
            return None  # "Mayor of London": a place, not a name
        title, name = title + name[:1], name[1:]  # "Mayor of London Ken Livingstone"
    if not name or len(name) > 4 or not is_name_token(name[0], common):
        return None
    if name[0].low in MONTHS:
        return None
    # After a title ("publicist Eva Day"), a capitalised common word may end the name.
    lenient = (titled or bool(title)) and len(name) == 2
    for t in name[1:]:
        if not (is_name_token(t, common) or t.low in NAME_PARTICLES or len(t.text) == 1
                or (t.low in MONTHS and t.is_cap) or (lenient and _plain_cap(t))
                or (lenient and t.low in WEEKDAYS and t.is_cap)):
            return None  # "Liberal Democrats", "Antony Blinken Monday": not a clean name
    if len(name[-1].text) == 1:
        return None
    return title, name
