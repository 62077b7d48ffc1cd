"""Who says a quotation: a cue after or before it, a colon, a description at the cue, a
quotation continued from the last. A step of the statement extractor (`qa.quotes`), over
`ReportedSpeech` (`qa.reported_speech`: "X said that …").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.chunking import Span
from qa.attribution_shapes import (
    AFTER_CUE_OBJECT_RE,
    CLAUSE_AFTER_CUE,
    PASSIVE_BY_RE,
    WRITTEN_TEXT_AFTER_QUOTE_RE,
    ends_subject,
    is_participle,
    title_phrase,
    titleish,
)
from qa.clause_subjects import WRITTEN_AFTER_CUE_RE, named_in, possessed_person
from qa.cue_descriptions import (
    DESCRIPTION_RE,
    GAP_SUBJECT_RE,
    LOWER_ROLE_RE,
    QUOTED_AS_RE,
    TEXT_HEADS,
    related_after,
    related_unnamed,
)
from qa.lexicon import (
    FUNCTION_WORDS,
    GROUP_NOUNS,
    HONORIFICS,
    MONTHS,
    ORG_WORDS,
    TITLE_WORDS,
)
from qa.organisations import organisation_after
from qa.quote_marks import QuoteSpan
from qa.reported_speech import CUE_RE, ReportedSpeech
from qa.speech_subjects import mention_ending_at


class SpeechAttribution(ReportedSpeech):
    """Attribution of direct and reported speech (see the module docstring)."""





    def _tail_report(self, begin: int, cue_start: int,
                     subj: tuple[str, str | None, int]) -> bool:
        """A clause between a quotation's end and an inverted cue naming someone ('"…,"
        Digital prints cost less, said Ms Lind.'): reported speech of that person, kept in
        `tail_reports` for the reading loop, when it is a new sentence (a capital first) of
        four words or more that ends with a comma and holds no quote mark. Whether one was."""
        clause = self.text[begin:cue_start].rstrip()
        if subj[0] != "name" or subj[1] is None or not clause.endswith(",") or re.search(
                r"[“”\"«»]", clause) or len(clause.split()) < 4 or not clause[0].isupper():
            return False
        self.tail_reports.append((begin, begin + len(clause) - 1, subj[1], cue_start))
        return True

    def _predicate_quote(self, q: QuoteSpan, sent: Span) -> str | None:
        """The person whose quoted words are the predicate of their sentence ('Tom Hale
        "totally condemned" the deletion'): a name (after a title phrase or honorifics) opens
        the sentence and the quotation opens right after it with a lower-case word."""
        if q.open_at is None or not self.text[q.start : q.start + 1].islower():
            return None
        m = mention_ending_at(self.people.mentions, sent.start, q.open_at)
        if m is None or self.text[m.end : q.open_at].strip() or m.name in self.org_names:
            return None
        head = self.text[sent.start : m.start]
        if head.strip() and not title_phrase(head) and not all(
                w.lower().strip(".") in HONORIFICS for w in head.split()):
            return None
        return m.name

    def _unlisted_narrator(self, sents: Sequence[Span], opening: int,
                           spans: Sequence[QuoteSpan]) -> bool:
        """Whether the sentence right before a quotation with no cue is a narrated one (it
        quotes nobody) about a person the people table did not list ('Matchwinner Keane was
        full of praise for Duff. "…"'): the quotation is theirs, nobody's known."""
        prev = [s for s in sents if s.end <= opening]
        if not prev:
            return False
        sent = prev[-1]
        if any(sent.start <= q.start < sent.end or q.start <= sent.start < q.end for q in spans):
            return False
        return self._unlisted_lead(sent.start, sent.end)

    def _described_speaker(self, phrase: str, at: int) -> tuple[str | None] | None:
        """Who a description at a quotation's cue ('"…," said the Tottenham striker', '"…,"
        the Newport-based athlete said') is, when clear: (nobody known,) when the sentence
        before the quotation opens with a person the people table did not list, else (the
        person the sentences just before are about,) (`_described`); None when not clear."""
        sidx = self._sentence_at(at)
        span = self.sentence_spans.get(sidx - 1) if sidx is not None else None
        if span is not None and self._unlisted_lead(*span):
            return (None,)
        who = self._described(phrase, at)
        return (who,) if who is not None else None

    def _unnamed_relation(self, lo: int, cue_start: int) -> bool:
        """Whether the subject of the cue at `cue_start` in the clause from `lo` is someone
        known only as another's agent, relative or spokesman ("His agent said", "Mr Hale's
        spokesman said"): whoever speaks after them with no cue is not the speaker before."""
        return related_unnamed(self.text, lo, cue_start) is not None or possessed_person(
            self.text, self.people.mentions, lo, cue_start) is not None

    def _one_word_name(self, cue_end: int) -> str | None:
        """A speaker known by one name right after a cue, that the people table missed
        ('"…," commented Jamelia.'): one capitalised word ending the sentence, written at
        least twice in the article and never in lower case, no function, title, month or
        organisation word and no organisation that spoke."""
        m = re.match(r"\s+([A-Z][a-z]+)\s*[.!?]", self.text[cue_end : cue_end + 40])
        if m is None:
            return None
        word = m.group(1)
        low = word.lower()
        if low in self.common or low in FUNCTION_WORDS | TITLE_WORDS | MONTHS | ORG_WORDS or (
                word in self.org_names) or len(re.findall(
                    rf"(?<![\w’'-]){word}(?![\w-])", self.text)) < 2:
            return None
        return word

    def _attribute_direct(
        self, q: QuoteSpan, pre_lo: int, close_end: int, post_hi: int
    ) -> tuple[str, str | None, str, tuple[int, int]] | None:
        """Who says a quotation: a cue right after it (",” he said") or right before it
        ("Ms Hewitt said: “"), or a person named before a colon."""
        text = self.text
        post = text[close_end:post_hi]
        lead = re.match(r"[\s,—–-]*", post)
        quoted_words = text[q.start : q.end]
        # After a quotation that ends its sentence, a capitalised word starts a new sentence
        # ("…thin." Mr Howard described…): the cue there is not this quotation's.
        ends_sentence = quoted_words[-1] in ".!?" or post.lstrip().startswith((".", "!", "?"))
        if ends_sentence and not re.match(r"[\s,—–-]*[a-z]", post):
            post = ""
        lead_len = lead.end() if lead else 0
        head = post[lead_len : lead_len + 140]
        head = re.split(r"[.!?;](?:\s|$)|[“«\"]", head)[0]
        written = WRITTEN_TEXT_AFTER_QUOTE_RE.match(head)
        if written is not None:
            # '"…," read a statement from Zentrix': the author named after "from"; "the
            # statement": the organisation that spoke last; else nobody
            at = close_end + lead_len
            org = None
            if written.group().rstrip().endswith(("from", "by", "of")):
                org = self._org(organisation_after(text, at + written.end(), post_hi))
            elif re.match(r"\S+\s+the\s", written.group()):  # "read the statement"
                last = self._last_org(at, impersonal=True)
                org = ("org_noun", last, at) if last else None
            if org is not None and org[1]:
                return org[0], org[1], "reads", (at, at + written.end())
            return "unknown", None, "reads", (at, at + written.end())
        for cm in CUE_RE.finditer(head):
            cs, ce = close_end + lead_len + cm.start(), close_end + lead_len + cm.end()
            cue = cm.group()
            if cue.lower().startswith("according"):
                if text[close_end:cs].strip(" \t,—–-"):
                    continue
                # '"…," according to strategist Eva Lind': the source named right after the
                # quotation says it (held-out sample 10, entertainment/248); someone unknown
                # to the people table is still not the previous speaker.
                subj = self._subject_after(ce, min(post_hi, ce + 120))
                subj = _not_named_inside(subj, quoted_words)
                if subj is not None:
                    return subj[0], subj[1], cue, (cs, ce)
                return "unknown", None, cue, (cs, ce)
            if is_participle(cue):
                quoted_as = QUOTED_AS_RE.fullmatch(text, close_end, cs)
                if quoted_as is not None and cue.lower() == "saying":
                    # '"…," the agency quoted worker Tom Hale as saying': the person quoted
                    m = mention_ending_at(self.people.mentions, quoted_as.start("who"),
                                          quoted_as.end("who"))
                    return ("name", m.name, cue, (cs, ce)) if m is not None else (
                        "unknown", None, cue, (cs, ce))
                continue
            if (wm := WRITTEN_AFTER_CUE_RE.match(text, ce)) and not text[close_end:cs].strip(
                    " \t,—–-") and ends_subject(text, wm.end(), post_hi):
                return "unknown", None, cue, (cs, ce)  # '…," said the statement': not the
                # previous speaker's; whose text it is, is found elsewhere or not at all
            if (dm := DESCRIPTION_RE.match(text, ce, post_hi)) and not text[
                    close_end:cs].strip(" \t,—–-"):
                # '"…," said the Tottenham striker.': a role the document's people hold, an
                # organisation noun, else the person the text was just about
                subj = self._subject_after(ce, min(post_hi, ce + 120))
                head = dm.group(1).split()[-1].lower()
                if subj is not None and (subj[0] != "org" or head in ORG_WORDS or (
                        head.startswith("spokes"))):
                    return subj[0], subj[1], cue, (cs, ce)
                # an organisation only named inside a person's description ("said the
                # Warriors chief") is not the speaker
                got = self._described_speaker(dm.group(1), ce)
                if got is not None:
                    return "role", got[0], cue, (cs, ce)
                if subj is not None:
                    return subj[0], subj[1], cue, (cs, ce)
            if not text[close_end:cs].strip(" \t,—–-") and text[ce : ce + 1].isspace() and (
                    rel := related_after(text, ce + 1, post_hi)) is not None and ends_subject(
                    text, rel, post_hi):
                return "role", None, cue, (cs, ce)  # '…," said his agent': someone unnamed
            if CLAUSE_AFTER_CUE.match(text, ce) and not cue.lower().startswith("told"):
                break  # '"…", he said the duty would be frozen': the quotation is embedded
            subj = self._subject_before(close_end, cs)
            if subj is None:
                subj = self._subject_after(ce, min(post_hi, ce + 120))
            subj = _not_named_inside(subj, quoted_words)
            if subj is not None:
                # The subject must sit right at the quotation's end ("…,” the minister said");
                # one named after the cue only when at most two words come before the cue: a
                # clause there is a report of its own ('"…," Prints cost less, said Ms Lind').
                between = text[close_end : min(subj[2], cs)].split()
                gap_words = re.findall(r"[\w’'-]+", text[close_end:cs])
                adjacent = (subj[2] >= ce and len(gap_words) <= 2) or (
                    subj[2] < ce and (all(titleish(w) for w in between[1:]) or (
                        title_phrase(" ".join(between[1:]))) or LOWER_ROLE_RE.fullmatch(
                            " ".join(between))))
                if subj[2] >= ce and not adjacent:
                    if self._tail_report(close_end + lead_len, cs, subj):
                        break
                    adjacent = True  # '"…" with its range, said Mr Dore': one sentence
                clause = len(text[q.start : q.end].split()) >= 3 or text[q.end - 1] in ".!?"
                if adjacent and clause:
                    return subj[0], subj[1], cue, (cs, ce)
            elif (gm := GAP_SUBJECT_RE.fullmatch(text, close_end, cs)) is not None:
                # '"…," the Newport-based athlete said', '"…," Young told BBC Sport': the cue
                # has a subject of its own: a description, or a name the table does not know
                if gm.group("desc"):
                    head = gm.group("desc").split()[-1].lower()
                    if head in TEXT_HEADS:  # '"…," the lawsuit said': a text whose author
                        return "unknown", None, cue, (cs, ce)  # is not the last speaker
                    if head in ORG_WORDS or head in GROUP_NOUNS:
                        break  # '"…," the company said': an organisation's (as before)
                    got = self._described_speaker(gm.group("desc"), close_end)
                    if got is None:
                        break  # not clear: the quotation follows on as before
                    return "role", got[0], cue, (cs, ce)
                last = text[close_end:cs].split()[-1]
                known = {p.name for p in self.people.people if p.name.split()[-1] == last}
                if len(known) == 1:  # '"…," Don told Radio 5' after "chief Philip Don": him
                    return "name", known.pop(), cue, (cs, ce)
                return "unknown", None, cue, (cs, ce)
            elif not text[close_end:cs].strip(" \t,—–-") and re.match(
                    r"\s*(?:[A-Z]|(?:a|an|one)\s)", text[ce:]):
                # '…," said Dore's publicist Eva Day': a speaker named after the quotation whom
                # the people table does not know is still not the previous speaker; nor is
                # someone unnamed ('…," said one fan', '…," said an onlooker').
                one = self._one_word_name(ce)
                if one is not None:  # '…," commented Jamelia.': a name known by one word
                    return "name", one, cue, (cs, ce)
                return "unknown", None, cue, (cs, ce)
            break
        open_at = q.open_at if q.open_at is not None else q.start
        pre = text[pre_lo:open_at]
        cues = list(CUE_RE.finditer(pre))
        if cues:
            cm = cues[-1]
            cs, ce = pre_lo + cm.start(), pre_lo + cm.end()
            obj = text[ce:open_at]
            pb = PASSIVE_BY_RE.match(obj)
            if pb:  # 'was described by Eva Lind as the "most important step"'
                by = mention_ending_at(self.people.mentions, ce + pb.start("who"),
                                        ce + pb.end("who"))
                if by is not None:
                    return "name", by.name, cm.group(), (cs, ce)
            # The quotation must end its sentence: 'He said "it is likely" that…' is reported.
            tail = text[close_end:post_hi].lstrip(" \t”\"’»")
            ends = not tail or tail[0] in ".!?;—–-" or tail[0].isupper() or q.close_at is None
            if AFTER_CUE_OBJECT_RE.match(obj) and ends and (
                    len(text[q.start : q.end].split()) >= 4 or ":" in obj):
                cue = cm.group()
                if cue.lower().startswith("according"):
                    subj = self._subject_after(ce, open_at)
                elif is_participle(cue):  # "Edu played it down, adding: …": the sentence's subject
                    subj = (self._sentence_subject(pre_lo, cs)
                            or self._subject_before(pre_lo, cs))
                else:
                    subj = self._subject_before(pre_lo, cs) or self._subject_after(ce, open_at)
                subj = _not_named_inside(subj, text[q.start : q.end])
                if subj is not None:
                    return subj[0], subj[1], cue, (cs, ce)
        if pre.rstrip().endswith(":"):
            m = mention_ending_at(self.people.mentions, pre_lo, open_at)
            first = min((mm for mm in self.people.mentions if pre_lo <= mm.start < open_at),
                        key=lambda mm: mm.start, default=m)
            # Only honorifics may stand before the name ("Mr Dean is confident though: …"), as
            # a mention starts at the name itself; with them, not after a reported clause ("Mr
            # Dore said that … and added: …" stays one reported sentence, as without them).
            honorifics = text[pre_lo : first.start].replace(",", " ").split() if first else []
            reported = any(len(re.findall(r"[\w’'-]+", text[pre_lo + c.end() : open_at])) >= 4
                           for c in cues)
            if first is not None and all(w.lower().strip(".") in HONORIFICS for w in honorifics
                                         ) and not (honorifics and reported):
                return "colon", first.name, ":", (first.start, first.end)
        return None







def _not_named_inside(subj: tuple[str, str | None, int] | None,
                      quotation: str) -> tuple[str, str | None, int] | None:
    """A pronoun's antecedent that the quotation itself names in the third person ("'I've had
    a quiet word with Olof,' he said" after a sentence about Olof Dore) is doubtful: the
    quotation is then nobody's known (who None), rather than the person it talks about."""
    if subj is None or subj[0] != "pronoun" or subj[1] is None:
        return subj
    return (subj[0], None, subj[2]) if named_in(quotation, subj[1]) else subj
