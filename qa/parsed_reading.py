"""Where the statement extractor asks the dependency parse (`qa.sentence_parse`): who a
pronoun may refer to among the names of the latest sentence (subject, or a verb's object, an
apposition's or a prepositional phrase's name), and who a quotation with no cue follows on
from (the subject of the narrated sentence before it). A layer of the reading state, below
`qa.antecedents`.

The rules (`qa.clause_subjects`) flag each mention as they read; the parse is asked only when
a decision has more than one name to choose from, one sentence at a time, cached per document
(`qa.parser_model`). It overrides a rule's flag only when its answer is clear
(`grammatical_role` not None); otherwise the rule's flag stands.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.chunking import Span
from qa.document_people import Mention
from qa.lexicon import ORG_WORDS
from qa.parser_model import SentenceParser
from qa.reading_state import Entry, ReadingState
from qa.sentence_parse import (
    GrammaticalRole,
    ParsedSentence,
    cue_subject,
    grammatical_role,
    main_clause_subjects,
    object_verb_subject,
)

__all__ = ["ParsedReading"]

# Pronouns that may be the subject of a verb whose object is then no antecedent ("she thanked
# Mr Reed"): the English third-person singular subject pronouns.
_PERSON_PRONOUNS = frozenset({"he", "she"})


# Longest sentence the parse is asked about (hand-set): bbc-full's longest of 38,556 sentences is
# 1,226 characters (99.9th percentile 512). A longer "sentence" is an unpunctuated block the
# parse would not settle, and spaCy needs ~1 GB per 100,000 characters and refuses over 1,000,000:
# the rules' own flags stand for it.
MAX_PARSE_CHARS = 5000

class ParsedReading(ReadingState):
    """The parse-backed flags of the reading state (see the module docstring)."""

    def _parser(self) -> SentenceParser:
        if self.sentence_parser is None:
            self.sentence_parser = SentenceParser(self.text)
        return self.sentence_parser

    def _parse_of(self, sentence: int) -> ParsedSentence | None:
        span = self.sentence_spans.get(sentence)
        if span is None or span[1] - span[0] > MAX_PARSE_CHARS:
            return None
        return self._parser().parse(*span)

    def _refine_latest(self, cands: Sequence[Entry]) -> None:
        """Set the parse's flags on the mentions of the latest sentence among `cands` when it
        names more than one person (or names one that the rules took for an object: the
        decision is then between them and nobody)."""
        if not cands:
            return
        last = max(e.sentence for e in cands)
        here = [e for e in self.entries if e.sentence == last and e.end is not None]
        if not here or here[0].parsed:
            return
        names = {e.name for e in here}
        if len(names) < 2 and not any(e.obj for e in here) and any(e.subject for e in here):
            return  # one name, its clause's subject by the rules: nothing to decide
        parse = self._parse_of(last)
        if parse is None:
            return
        spans = [(e.pos, e.end) for e in here if e.end is not None]
        for e in here:
            e.parsed = True
            assert e.end is not None
            role = grammatical_role(parse, e.pos, e.end)
            if role is None:
                continue
            e.role = role
            if role == "main_subject":
                e.subject, e.obj = True, False
            elif role == "subject":
                e.obj = False  # a subordinate clause's subject: the rule's subject flag stands
            else:
                e.subject = False
                e.obj = role == "object" and self._person_verb(parse, e, spans)
        if not any(e.subject for e in here) and self._unknown_subject(parse, spans):
            for e in here:
                e.obj = True  # "And Jamie Foxx … thanked director Tom Reed" with Foxx unknown
                # to the people table: the sentence is about him, none of its names is meant

    def _unknown_subject(self, parse: ParsedSentence, spans: Sequence[tuple[int, int]]) -> bool:
        """Whether the main clause's subject is a name the people table does not know, shaped
        like a person's: capitalised words, at least two, joined as compounds ("Jamie Foxx"),
        none an organisation word ("Tennis Australia" is a body, and may hire the person it
        names) or a word the text also writes in lower case, outside every known mention."""
        heads = main_clause_subjects(parse)
        if not heads:
            return False
        for h in heads:
            if any(a <= h.start and h.end <= b for a, b in spans):
                return False
            parts = [t for t in parse.tokens if t.head == h.i and t.dep == "compound"
                     and t.end <= h.start] + [h]
            words = [self.text[t.start : t.end] for t in parts]
            if len(parts) < 2 or not all(w[:1].isupper() and w[1:].islower() for w in words) or any(
                    w.lower() in ORG_WORDS or w.lower() in self.common for w in words):
                return False
        return True

    def _person_verb(self, parse: ParsedSentence, e: Entry,
                     spans: Sequence[tuple[int, int]]) -> bool:
        """Whether the verb of which `e` is the object has a person for subject: a name of the
        sentence, "he"/"she" (as `qa.clause_subjects.is_verb_object` asks of its rule)."""
        assert e.end is not None
        subj = object_verb_subject(parse, e.pos, e.end)
        if subj is None:
            return False
        if self.text[subj.start : subj.end].lower() in _PERSON_PRONOUNS:
            return True
        return any(a <= subj.start and subj.end <= b for a, b in spans if (a, b) != (e.pos, e.end))

    def _sentence_at(self, pos: int) -> int | None:
        return next((k for k, (a, b) in self.sentence_spans.items() if a <= pos < b), None)

    def _parsed_cue_subject(self, mentions: Sequence[Mention], lo: int, cue_start: int,
                            rule_choice: Mention) -> Mention | None:
        """The mention the parse makes the subject of the cue at `cue_start`, when the rule
        chose `rule_choice` among several names before it ("Tom Hale, an executive at Zentrix,
        said": not Zentrix); None when the parse is not clear or agrees."""
        before = [m for m in mentions if lo <= m.start and m.end <= cue_start]
        if len({m.name for m in before}) < 2:
            return None
        sidx = self._sentence_at(cue_start)
        if sidx is None:
            return None
        parse = self._parse_of(sidx)
        if parse is None:
            return None
        cue_end = cue_start + len(self.text[cue_start:].split(None, 1)[0])
        subj = cue_subject(parse, cue_start, cue_end)
        if subj is None:
            return None
        found = [m for m in before if m.start <= subj.start and subj.end <= m.end]
        if len(found) != 1 or found[0].name == rule_choice.name:
            return None
        if grammatical_role(parse, found[0].start, found[0].end) not in ("main_subject",
                                                                           "subject"):
            return None  # the name is not the subject phrase itself (a compound inside one)
        return found[0]

    def _parsed_narrator(self, sent: Span, mentions: Sequence[Mention],
                         rule_choice: str | None) -> tuple[bool, str | None]:
        """(clear, who) for the narrated sentence `sent` before a quotation with no cue: the
        person named as the subject of its main clause. Clear when the parse puts a person's
        name there, or clearly puts the rule's choice (its first name) elsewhere (who None)."""
        inside = [m for m in mentions if sent.start <= m.start < sent.end]
        if not inside:
            return False, None
        sidx = self._sentence_at(sent.start)
        if sidx is None:
            return False, None
        parse = self._parse_of(sidx)
        if parse is None:
            return False, None
        heads = main_clause_subjects(parse)
        for h in reversed(heads):  # the last, as `_salient` takes the last subject
            for m in inside:
                if m.start <= h.start and h.end <= m.end and m.name not in self.org_names:
                    return True, m.name
        first = min(inside, key=lambda m: m.start)
        if rule_choice is not None and first.name == rule_choice:
            role: GrammaticalRole | None = grammatical_role(parse, first.start, first.end)
            if role is not None and role not in ("main_subject", "subject"):
                return True, None
        return False, None
