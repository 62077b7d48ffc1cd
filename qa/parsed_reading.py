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
    grammatical_role,
    main_clause_subjects,
    object_verb_subject,
)

__all__ = ["ParsedReading"]

# Pronouns that may be the subject of a verb whose object is then no antecedent ("she thanked
# Mr Reed"): the English third-person singular subject pronouns.
_PERSON_PRONOUNS = frozenset({"he", "she"})


class ParsedReading(ReadingState):
    """The parse-backed flags of the reading state (see the module docstring)."""

    def _parser(self) -> SentenceParser:
        if self.sentence_parser is None:
            self.sentence_parser = SentenceParser(self.text)
        return self.sentence_parser

    def _parse_of(self, sentence: int) -> ParsedSentence | None:
        span = self.sentence_spans.get(sentence)
        return None if span is None else self._parser().parse(*span)

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
        like a person's: a proper noun (Penn tag NNP) with proper-noun compounds before it
        ("Jamie Foxx"), no organisation word among them ("Tennis Australia" is a body, and may
        hire the person it names), outside every known mention."""
        heads = main_clause_subjects(parse)
        if not heads:
            return False
        for h in heads:
            if h.tag != "NNP" or any(a <= h.start and h.end <= b for a, b in spans):
                return False
            parts = [t for t in parse.tokens if t.head == h.i and t.dep == "compound"
                     and t.end <= h.start] + [h]
            words = [self.text[t.start : t.end] for t in parts]
            if len(parts) < 2 or any(t.tag != "NNP" for t in parts) or any(
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

    def _parsed_narrator(self, sent: Span, mentions: Sequence[Mention],
                         rule_choice: str | None) -> tuple[bool, str | None]:
        """(clear, who) for the narrated sentence `sent` before a quotation with no cue: the
        person named as the subject of its main clause. Clear when the parse puts a person's
        name there, or clearly puts the rule's choice (its first name) elsewhere (who None)."""
        inside = [m for m in mentions if sent.start <= m.start < sent.end]
        if not inside:
            return False, None
        sidx = next((k for k, v in self.sentence_spans.items() if v == (sent.start, sent.end)),
                    None)
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
