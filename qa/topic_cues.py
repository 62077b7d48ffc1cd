"""Speech verbs whose object is the topic of what was said, not a clause: "questioned whether
…" / "questioned the timing of …", "spoke of how …" / "spoke about the possibility of …",
"announced plans to …", and a letter's participle ("has written to the minister demanding an
explanation"). News English reports a statement with them; each is a cue only in
the form that says so (`topic_cue_fits`), so that "police questioned the driver" or "the
town she spoke of" stay narration. Pure predicates over text, read by
`qa.attribution_shapes.reported_clause_fits` and `qa.reported_speech` (hand-set English, from
the labelled dev set's borderline misses and every use of each shape in the spot pool).
"""

from __future__ import annotations

import re

from qa.lexicon import DESCRIPTION_NOUNS, GROUP_NOUNS, TITLE_HEADS, word_set

__all__ = ["is_letter_cue", "letter_cues", "topic_cue_fits"]

# The cue forms read here (they are in `qa.lexicon`'s speech-verb table with the "c" letter).
_QUESTIONED = frozenset({"questioned"})
_SPOKE = re.compile(r"(?:spoke|spoken|speaks)\s+(?:of|about)")
_PLANS_CUES = frozenset({"announced", "announces", "confirmed", "confirms"})

# "questioned whether/why/how/what/if …" (an indirect question: what was doubted), or
# "questioned the <noun> of/behind/for/over …" (an aspect of something: "the timing of",
# "the effectiveness of", "the need for"). Hand-set English; the spot pool's uses
# (tech/261, politics/182, politics/392 of bbc-full) are all statements in these two forms.
_QUESTION_CLAUSE_RE = re.compile(
    r"\s+(?:whether|why|how|what|if)(?![\w’'-])"
    r"|\s+[“\"]?the\s+(?:[\w’'-]+\s+){0,2}?(?P<noun>[a-z][\w-]*)"
    r"(?:\s+(?:of|behind|for|over)(?![\w’'-])|[”\"]?\s*[,.;])")
# Object nouns that name a person questioned (an interview or an interrogation: "police
# questioned the driver of the car"): job titles, descriptions, groups of sources and the
# plain person nouns of news copy (hand-set English).
_PERSON_NOUNS = TITLE_HEADS | DESCRIPTION_NOUNS | GROUP_NOUNS | word_set(
    """man woman men women boy boys girl girls child children people person pair couple
    suspect suspects driver drivers passenger passengers youth youths teenager teenagers
    victim victims family families owner owners staff crew""")
# "spoke of/about" + what was said: anything but the sentence's end ("the town she spoke of.")
# or a relative pronoun. Hand-set.
_SPOKE_TOPIC_RE = re.compile(r"\s+(?!(?:which|who|whom|that)(?![\w’'-]))[\w“\"‘'£$]")
# "announced plans to/for …" (an intention made known, like "pledged to"): hand-set English;
# the determiners and adjectives a plan takes in news copy.
_PLANS_RE = re.compile(
    r"\s+(?:(?:its|their|his|her|new|fresh|further|detailed|ambitious|controversial)\s+)?"
    r"plans?\s+(?:to|for)(?![\w’'-])")


def topic_cue_fits(text: str, cs: int, ce: int) -> bool | None:
    """Whether the topic cue at ``[cs, ce)`` reports a statement by its form (see the module
    docstring); None when the cue is none of this module's (other rules decide)."""
    low = " ".join(text[cs:ce].lower().split())
    if low in _QUESTIONED:
        m = _QUESTION_CLAUSE_RE.match(text, ce)
        noun = m and m.group("noun")
        return m is not None and not (noun and noun.lower() in _PERSON_NOUNS)
    if _SPOKE.fullmatch(low):
        return _SPOKE_TOPIC_RE.match(text, ce) is not None
    if low in _PLANS_CUES and _PLANS_RE.match(text, ce):
        return True
    return None


# A letter written to someone and what it asks or says ("has written to the minister demanding
# an explanation", "wrote to the watchdog on Monday accusing Zentrix of …"): the participle is
# the writer's statement, as "…, saying" is after a comma. Hand-set English: the participles of
# the requests and complaints a letter makes; at most eight words of addressee and time between
# (the spot pool's uses, politics/174 and politics/396 of bbc-full, are statements).
_LETTER_PARTICIPLE = (r"demanding|asking|urging|accusing|calling\s+(?:on|for)|saying|warning"
                      r"|complaining|protesting|requesting")
_WRITTEN_TO_RE = re.compile(
    r"(?<![\w’'-])(?:wrote|written|writes)\s+to\s+(?:[^\s.,;:!?“”\"«»()]+\s+){1,8}?"
    rf"(?P<cue>{_LETTER_PARTICIPLE})(?![\w’'-])")
_LETTER_PARTICIPLE_RE = re.compile(_LETTER_PARTICIPLE)


def letter_cues(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The participles after "written to <addressee>" in ``[start, end)``, as cue matches."""
    out = []
    for m in _WRITTEN_TO_RE.finditer(text, start, end):
        cue = _LETTER_PARTICIPLE_RE.match(text, m.start("cue"), m.end("cue"))
        if cue is not None:
            out.append(cue)
    return out


def is_letter_cue(cue: re.Match[str]) -> bool:
    """Whether a cue match is one of `letter_cues` (a participle after "written to …")."""
    return cue.re is _LETTER_PARTICIPLE_RE
