"""Direct quotes and reported speech in an article, each attributed to a person.

`extract_quotes` reads the body chunks of one document in order, keeping track of who the text is
talking about, so that "he said", "the minister added" or a quote continued in the next paragraph
is attributed to the right person. Every `Quote` slices the document exactly
(``text == doc.text[start:end]``) and is JSON-able (`to_dict`/`from_dict`) for the index cache.

The attribution steps share the state of the document being read, so the extractor is one
class built in layers, one module per step: `qa.reading_state` (what it knows so far) <-
`qa.antecedents` (who "he", "the minister" is) <- `qa.organisation_speakers` ("the firm",
"a report by X") <- `qa.speech_subjects` (the subject of a cue) <- `qa.reported_speech`
("X said that …") <- `qa.speech_attribution` (quotations) <- `_Extractor` here (the reading
loop over chunks and sentences).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from index.chunking import Chunk
from index.corpus import Document
from qa.attribution_shapes import (
    ADDING_THAT_RE,
    DOCUMENT_NOUN_RE,
    FINDING_CUES,
    PENDING_AUTHOR,
    PENDING_SENTENCES,
    WRITTEN_TEXT_BEFORE_QUOTE_RE,
)
from qa.clause_subjects import is_clause_subject, is_verb_object
from qa.document_people import DocPeople, document_people
from qa.organisations import org_full_forms
from qa.party_names import canonical_party
from qa.quote_marks import QuoteSpan, quote_spans
from qa.quote_sentences import sentence_index, split_sentences
from qa.reading_state import Entry
from qa.reported_speech import CUE_RE
from qa.speech_attribution import SpeechAttribution
from qa.statement_record import Quote, StatementKind

__all__ = [
    "CUE_RE",
    "Quote",
    "QuoteSpan",
    "StatementKind",
    "extract_quotes",
    "extract_statements",
    "quote_spans",
]

# Confidence of an attribution, by how the speaker was found: hand-set, not calibrated (an order
# of trust: a name beats a pronoun or role, which beat a colon, continuation or proximity).
ATTRIBUTION_CONFIDENCE: dict[str, float] = {"name": 0.95, "pronoun": 0.85, "role": 0.85,
                                            "colon": 0.7, "org": 0.9, "org_noun": 0.8,
                                            "group": 0.8, "unknown": 0.0}
CONTINUED_CONFIDENCE = 0.8  # a quotation continued from the last paragraph, or a run of them
FOLLOWS_CONFIDENCE = 0.6  # a quotation that only follows a paragraph about the speaker
REPORTED_CONFIDENCE = 0.8  # reported speech with the speaker named ("X said that ...")
INDIRECT_PENALTY = 0.1  # subtracted when reported speech names the speaker by pronoun or role


class _Extractor(SpeechAttribution):
    """The reading loop: chunks and sentences in order, each statement recorded."""

    def _add(self, speaker: str, start: int, end: int, cue: str, conf: float, kind: StatementKind,
             chunk: Chunk, sentence: int, at: int) -> None:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in " \t\r\n,":
            end -= 1
        if end <= start:
            return
        self.quotes.append(Quote(speaker=speaker, text=text[start:end], doc_id=self.doc.doc_id,
                                 path=self.doc.path, start=start, end=end,
                                 cue=" ".join(cue.split()), confidence=round(conf, 2), kind=kind,
                                 paragraph=chunk.paragraph))
        if speaker == PENDING_AUTHOR:
            self.pending.append((sentence, self.quotes[-1]))
            return
        if self.pending and speaker in self.document_orgs | (self.org_names - self.groups) and (
                sentence - self.pending[-1][0] <= PENDING_SENTENCES):
            # the document's author, named within two sentences of its unauthored statements
            for _, q in self.pending:
                self.quotes[self.quotes.index(q)] = replace(q, speaker=speaker)
            self.document_orgs.add(speaker)
            self.pending.clear()
        voice = next((g for p, g in self.voice_subjects.items() if at - 120 <= p <= at), None)
        self.entries.append(Entry(at, sentence, speaker, True, voice))

    def _adding_that(self, who: str, cue_end: int, sent_end: int, how: str, chunk: Chunk,
                     sidx: int) -> None:
        """'"…," he said, adding that …': the clause after "that", to the sentence's end, is
        reported speech of the quotation's speaker (`ADDING_THAT_RE`)."""
        m = ADDING_THAT_RE.match(self.text, cue_end, sent_end)
        if m is not None and sent_end - m.end() > 1:
            self._add(who, m.end(), sent_end, "adding", self._confidence(how, REPORTED_CONFIDENCE),
                      "reported", chunk, sidx, m.start())

    def _confidence(self, how: str, base: float) -> float:
        return base if how == "name" else base - INDIRECT_PENALTY

    def run(self) -> list[Quote]:
        carried: str | None = None  # speaker of a quotation left open at a paragraph's end
        for chunk in self.chunks:
            carried = self._chunk(chunk, carried)
            self.entries.sort(key=lambda e: e.pos)
        self.quotes = [q for q in self.quotes if q.speaker != PENDING_AUTHOR]
        self.quotes.sort(key=lambda q: q.start)
        return _dedupe(self.quotes)

    def _chunk(self, chunk: Chunk, carried: str | None) -> str | None:
        """Attribute the statements of one chunk, sentence by sentence; return the speaker of
        a quotation still open at its end."""
        text = self.text
        sents = split_sentences(text, chunk.start, chunk.end)
        base = self.sentence_base
        self.sentence_base += len(sents)
        for k, s in enumerate(sents):
            self.sentence_spans[base + k] = (s.start, s.end)
        spans = quote_spans(text, chunk.start, chunk.end)
        quoted = [(q.start, q.end) for q in spans]
        mentions = [m for m in self.people.mentions
                    if chunk.start <= m.start < chunk.end
                    and not any(s <= m.start < e for s, e in quoted)]
        consumed: list[tuple[int, int]] = []
        attributed: list[QuoteSpan] = []
        prev_speaker = self.quotes[-1].speaker if self.quotes else None
        prev_para = self.quotes[-1].paragraph if self.quotes else None
        here: str | None = None  # the last speaker in this chunk
        next_carried: str | None = None
        seen_mentions: set[int] = set()
        # the last quotation was someone's the extractor could not name (also at the end of the
        # paragraph before: a paragraph opening with an uncued quotation continues it)
        silenced = self.trailing_silence

        def note_mentions(upto: int) -> None:
            for m in mentions:
                if m.start < upto and m.start not in seen_mentions:
                    seen_mentions.add(m.start)
                    k = sentence_index(sents, m.start)
                    subject = is_clause_subject(text, sents[k].start, m)
                    obj = not subject and is_verb_object(text, sents[k].start, m,
                                                         self.people.mentions)
                    self.entries.append(Entry(m.start, base + k, m.name, subject, obj=obj,
                                              end=m.end))

        for si, sent in enumerate(sents):
            sidx = base + si
            self._note_pronoun_subject(sent, sidx, quoted)
            for qi, q in enumerate(spans):
                if not (sent.start <= q.start < sent.end):
                    continue
                note_mentions(q.start)
                prev_end = spans[qi - 1].end + 1 if qi else chunk.start
                pre_lo = max(prev_end, sent.start)
                next_open = spans[qi + 1].open_at if qi + 1 < len(spans) else None
                post_hi = next_open if next_open is not None else chunk.end
                close_end = (q.close_at + 1) if q.close_at is not None else q.end
                got = self._attribute_direct(q, pre_lo, close_end, post_hi)
                tails = list(self.tail_reports)
                self.tail_reports.clear()
                who: str | None = None
                if got is not None:
                    how, who, cue, cue_span = got
                    consumed.append(cue_span)
                    silenced = who is None
                    conf = ATTRIBUTION_CONFIDENCE[how]
                    at = cue_span[0]
                    if who is None:  # someone unnamed or unknown spoke: the salient speaker
                        self.entries.append(Entry(at, sidx, None, True))
                elif q.open_at is None and carried:  # the tail of last chunk's quotation
                    who, cue, conf, at = carried, "(continued)", CONTINUED_CONFIDENCE, q.start
                else:
                    opening = q.open_at if q.open_at is not None else q.start
                    before = text[pre_lo:opening].strip(" \t—–-:")
                    starts_sentence = not before or before[-1] in ".!?"
                    if WRITTEN_TEXT_BEFORE_QUOTE_RE.search(text, pre_lo, opening):
                        here, silenced = None, True  # 'a statement reading: "…"': nobody's
                    if not starts_sentence or len(text[q.start : q.end].split()) < 3:
                        subj = self._predicate_quote(q, sent)
                        if subj is not None:  # 'Tom Hale "totally condemned" the deletion'
                            self._add(subj, q.start, q.end, "(predicate)", FOLLOWS_CONFIDENCE,
                                      "direct", chunk, sidx, q.start)
                        continue  # a phrase quoted inside a sentence: reported speech below
                    cue, conf, at = "(follows)", FOLLOWS_CONFIDENCE, q.start
                    if qi == 0 and carried and text[chunk.start] in "\"“«‘'":
                        who, cue, conf = carried, "(continued)", CONTINUED_CONFIDENCE
                    elif (subj := self._narrated_subject(sents, opening, spans, mentions)):
                        who = subj  # 'Marek was at a loss to explain it. "I didn't …"'
                    elif self._unlisted_narrator(sents, opening, spans):
                        silenced = True  # 'Matchwinner Keane was full of praise. "…"', with
                        # Keane unlisted: his, not the previous speaker's
                    elif silenced:
                        who = None  # the last quotation's speaker is someone unknown
                    elif here:
                        who = here
                        if qi and spans[qi - 1] in attributed and not text[
                                spans[qi - 1].end : q.start].strip(" \t\"”»’.,"):
                            conf = CONTINUED_CONFIDENCE
                    elif prev_speaker and prev_para is not None and (
                            chunk.paragraph - prev_para <= 1):
                        who = prev_speaker
                attributed.append(q)
                if who:
                    self._add(who, q.start, q.end, cue, conf, "direct", chunk, sidx, at)
                    if got is not None:
                        self._adding_that(who, got[3][1], sent.end, got[0], chunk, sidx)
                    here, silenced = who, False
                    if q.close_at is None and q is spans[-1]:
                        next_carried = who
                for b, e, speaker, cue_at in tails:
                    # the speaker of a clause after the quotation speaks next ('"…," Prints
                    # cost less, said Ms Lind. "…"')
                    self._add(speaker, b, e, "said", REPORTED_CONFIDENCE, "reported", chunk, sidx,
                              cue_at)
                    here, silenced = speaker, False
            note_mentions(sent.end)
            # Reported speech: a sentence whose cue no direct quotation used.
            if any(sent.start <= q.start < sent.end or q.start <= sent.start < q.end
                   for q in attributed):
                continue
            got = self._attribute_reported(sent, quoted, consumed)
            if got is None:
                self._note_org_subject(sent)
                part = self._participle_report(sent, quoted, consumed)
                if part is not None and part[1] is not None:
                    how, who, cue, cue_span = part[0], part[1], part[2], part[3]
                    clause = re.match(r"[\s:]*(?:that\s+)?", text[cue_span[1] : sent.end])
                    begin = cue_span[1] + (clause.end() if clause else 0)
                    self._add(who, begin, sent.end, cue,
                              self._confidence(how, REPORTED_CONFIDENCE), "reported", chunk,
                              sidx, cue_span[0])
                    here, silenced = who, False
                continue
            how, who, cue, cue_span = got
            if who is None:
                if how in ("pronoun", "role"):
                    self.entries.append(Entry(cue_span[0], sidx, None, True))
                # 'His agent said the deal was off. "…"': someone unnamed speaks on, not
                # the speaker before (issue 11)
                silenced = silenced or (how == "role" and self._unnamed_relation(
                    sent.start, cue_span[0]))
                continue
            end = sent.end
            second = self._coordinated_report(sent, cue_span[1], who, quoted, consumed)
            if second is not None:
                end, begin, (how2, who2, cue2, cue_span2) = second
                self._add(who2 or "", begin, sent.end, cue2,
                          self._confidence(how2, REPORTED_CONFIDENCE), "reported", chunk, sidx,
                          cue_span2[0])
            self._add(who, sent.start, end, cue, self._confidence(how, REPORTED_CONFIDENCE),
                      "reported", chunk, sidx, cue_span[0])
            if how in ("org", "org_noun") and (
                    " ".join(cue.lower().split()) in FINDING_CUES
                    or DOCUMENT_NOUN_RE.search(text, sent.start, cue_span[0])):
                self.document_orgs.add(who)  # "Zentrix's survey found": the report's author
            here, silenced = who, False
        self.trailing_silence = silenced
        return next_carried


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One statement per span: a reported sentence holding a direct quote of the same person
    is dropped when the quote already covers it."""
    out: list[Quote] = []
    for q in quotes:
        if any(o.start <= q.start and q.end <= o.end and o.speaker == q.speaker and o is not q
               and o.kind == q.kind for o in out):
            continue
        out.append(q)
    return out


def extract_quotes(
    doc: Document, chunks: Sequence[Chunk], people: DocPeople | None = None
) -> list[Quote]:
    """All attributed statements in the body `chunks` of `doc`, in document order."""
    return extract_statements(doc, chunks, people)[0]


def extract_statements(
    doc: Document, chunks: Sequence[Chunk], people: DocPeople | None = None
) -> tuple[list[Quote], dict[str, tuple[str, ...]]]:
    """`extract_quotes`, and the role phrases learned as names of people on the way ("the
    rural affairs minister said" right after "Eva Lind has said"): aliases for questions."""
    chunks = sorted(chunks, key=lambda c: c.start)
    people = people if people is not None else document_people(doc, chunks)
    ex = _Extractor(doc, chunks, people)
    quotes = ex.run()
    full = org_full_forms(ex.org_names - ex.groups, doc.text, {p.name for p in people.people},
                          {q.speaker for q in quotes if q.speaker})
    quotes = [replace(q, speaker=full[q.speaker]) if q.speaker in full else q for q in quotes]
    quotes = [replace(q, speaker=canonical_party(q.speaker)) for q in quotes]
    return quotes, {k: tuple(dict.fromkeys(v)) for k, v in ex.learned_roles.items()}
