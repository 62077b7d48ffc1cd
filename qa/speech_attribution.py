"""Who says a quotation or a sentence of reported speech: a cue after or before a quotation, a
colon, "X said that …", a participle clause ("…, saying …"), a second report joined on in one
sentence. A step of the statement extractor (`qa.quotes`), over `SpeechSubjects`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.chunking import Span
from qa.attribution_shapes import (
    AFTER_CUE_OBJECT_RE,
    CLAUSE_AFTER_CUE,
    FRONTED_SUBORDINATE_RE,
    PARTICIPLE_CLAUSE_RE,
    PARTICIPLE_JOIN_RE,
    PASSIVE_BEFORE_RE,
    PASSIVE_BY_RE,
    SHARED_SUBJECT_RE,
    SUBORDINATE_RE,
    WRITTEN_TEXT_AFTER_QUOTE_RE,
    ends_subject,
    is_participle,
    reported_clause_fits,
    title_phrase,
    titleish,
)
from qa.clause_subjects import WRITTEN_AFTER_CUE_RE, named_in
from qa.complement_mentions import (
    cue_used_as_noun,
    named_in_complement,
    parse_subject_elsewhere,
)
from qa.cue_descriptions import (
    DESCRIPTION_RE,
    GAP_SUBJECT_RE,
    LOWER_ROLE_RE,
    QUOTED_AS_RE,
    TEXT_HEADS,
)
from qa.cue_senses import (
    asks_the_parse,
    commits_to_act,
    evidence_of_a_fact,
    names_an_act,
)
from qa.lexicon import (
    FUNCTION_WORDS,
    GROUP_NOUNS,
    HONORIFICS,
    MONTHS,
    NON_SPEECH_AFTER_CUE,
    ORG_WORDS,
    TITLE_WORDS,
    speech_verbs,
)
from qa.organisations import organisation_after
from qa.quote_marks import QuoteSpan
from qa.speech_subjects import SpeechSubjects, mention_ending_at

# Speech and attribution verbs ("X said", "X told Interfax", "X called on ...").
_CUE_WORDS = speech_verbs("cue")
# A speech verb used for an act ("responded by cutting", "added two tries") is no cue.
CUE_RE = re.compile(rf"(?<![\w’'-])(?:{_CUE_WORDS})(?![\w-])(?!{NON_SPEECH_AFTER_CUE})",
                    re.IGNORECASE)

# Where a second report may be joined on in one sentence: ", while", ", whereas", "and",
# ", but" (hand-set; seen in the labelled dev set's politics articles).
_COORDINATOR_RE = re.compile(r",?\s+(?:while|whereas|and|but)\s+")
# Words the subject of a joined report may have ("the Zentrix Union", "Labour chairman Ian
# Hale"): hand-set.
_MAX_JOINED_SUBJECT_WORDS = 5


class SpeechAttribution(SpeechSubjects):
    """Attribution of direct and reported speech (see the module docstring)."""

    def _cues(self, s: Span) -> list[re.Match[str]]:
        """The cue matches of a sentence, found once (reported and participle readings)."""
        if self._cue_cache[0] != (s.start, s.end):
            self._cue_cache = ((s.start, s.end), list(CUE_RE.finditer(self.text, s.start, s.end)))
        return self._cue_cache[1]

    def _names_an_act(self, cs: int, ce: int) -> bool:
        """Whether the cue at ``[cs, ce)`` names an act, not speech, by its parse ("Zentrix
        has found a way to …", "Tom Hale added two goals", "Zentrix's promised cuts":
        `qa.cue_senses`); the parse is asked only for the cue forms that may. "Agreed to
        buy …" is a deal by its form alone."""
        if commits_to_act(self.text, cs, ce):
            return True
        if not asks_the_parse(self.text, cs, ce):
            return False
        sidx = self._sentence_at(cs)
        parse = None if sidx is None else self._parse_of(sidx)
        return parse is not None and names_an_act(self.text, parse, cs, ce)

    def _participle_report(
        self, s: Span, quoted: list[tuple[int, int]], consumed: list[tuple[int, int]]
    ) -> tuple[str, str | None, str, tuple[int, int]] | None:
        """Reported speech in a participle clause joined to a narrated one ("Mr Dore led the
        tributes, saying the host had shaped TV", "Ana Ruiz called for observers - saying
        otherwise …", "Zentrix issued a statement saying that …"), or after a verb sharing
        the sentence's subject ("The BPI is concerned … and said they were …"): its speaker
        is the subject of the sentence (`_sentence_subject`); the statement is the clause
        after the cue."""
        text = self.text
        for cm in self._cues(s):
            cs, ce = cm.start(), cm.end()
            if any(a <= cs < b for a, b in quoted) or any(a <= cs < b for a, b in consumed):
                continue
            if text[ce : s.end].strip(" \t.:") == "":
                continue
            shared = SHARED_SUBJECT_RE.search(text, s.start, cs) and not is_participle(cm.group())
            if not shared:
                if not is_participle(cm.group()) or not PARTICIPLE_JOIN_RE.search(
                        text, s.start, cs):
                    continue
                if cm.group().lower().split()[0] not in ("saying", "pointing") and not (
                        PARTICIPLE_CLAUSE_RE.match(text, ce)):
                    continue  # "adding the final flourish", "claiming the title": no speech
            elif not reported_clause_fits(text, cs, ce, None):
                continue
            subj = self._sentence_subject(s.start, cs)
            if subj is not None and not self._names_an_act(cs, ce):
                return *self._not_in_complement(subj, ce, s.end), cm.group(), (cs, ce)
        return None

    def _coordinated_report(
        self, sent: Span, after: int, who: str, quoted: list[tuple[int, int]],
        consumed: list[tuple[int, int]],
    ) -> tuple[int, int, tuple[str, str | None, str, tuple[int, int]]] | None:
        """A second report joined to the first in one sentence ("The Lib Dems said …, while
        Labour criticised …", "The Tories say … and Labour says …"): where it starts and its
        attribution, when its own subject is a named person, organisation or group (not a
        pronoun or role, which may be the first speaker again) other than the first speaker,
        right before its cue (a short subject and no comma: "… and reminded MPs that X last
        year described …" and "…, which …, Marvel said" are one report).
        Returns (end of the first report, start of the second, its attribution)."""
        for m in _COORDINATOR_RE.finditer(self.text, after, sent.end):
            sub = Span(start=m.end(), end=sent.end, text=self.text[m.end() : sent.end])
            got = self._attribute_reported(sub, quoted, consumed)
            if got is None or got[0] not in ("name", "org", "group") or got[1] in (None, who):
                continue
            gap = self.text[m.end() : got[3][0]]
            if "," not in gap and 0 < len(gap.split()) <= _MAX_JOINED_SUBJECT_WORDS:
                return m.start(), m.end(), got
        return None

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

    def _attribute_reported(
        self, s: Span, quoted: list[tuple[int, int]], consumed: list[tuple[int, int]]
    ) -> tuple[str, str | None, str, tuple[int, int]] | None:
        """The speaker of a sentence of reported speech: "X said that …", "according to X"."""
        cues = self._cues(s)
        # "…, said Mr Clarke." names the speaker of the whole sentence: try it first.
        cues.sort(key=lambda cm: not (self.text[s.start : cm.start()].rstrip().endswith(",")
                                      and cm.group().lower() in ("said", "says", "added")))
        for cm in cues:
            cs, ce = cm.start(), cm.end()
            if any(a <= cs < b for a, b in quoted) or any(a <= cs < b for a, b in consumed):
                continue
            cue = cm.group()
            low = cue.lower()
            if PASSIVE_BEFORE_RE.search(self.text, max(s.start, cs - 12), cs):
                continue
            if low.startswith("according"):
                subj = self._subject_after(ce, s.end)
            elif is_participle(cue):
                continue
            else:
                # "…, says Ms Dore." / "…, said the report": after a comma the cue is inverted,
                # and its subject follows it. (Lazily: finding an organisation records it.)
                if self.text[s.start : cs].rstrip().endswith(","):
                    recorded = (len(self.orgs), set(self.org_names), set(self.groups))
                    subj = (self._subject_before(s.start, cs, names_only=True)
                            or self._subject_after(ce, s.end) or self._subject_before(s.start, cs))
                    if subj is not None and subj[0] != "name" and subj[2] < cs and (
                            self._parse_says(parse_subject_elsewhere, cs, ce, subj[2])):
                        # "By 2025, 40% … will be offline, says a study": not 2025, which is
                        # then no organisation that spoke either
                        del self.orgs[recorded[0] :]
                        self.org_names, self.groups = recorded[1], recorded[2]
                        continue
                else:
                    subj = self._subject_before(s.start, cs) or self._subject_after(ce, s.end)
                if subj is not None and subj[2] < cs and subj[0] not in ("name", "pronoun") and (
                        cue_used_as_noun(self.text, cs, ce)):
                    continue  # "Mr Dore derided Tory claims they …": a noun, no Tory speech
            if subj is not None and (
                    SUBORDINATE_RE.search(self.text, max(s.start, subj[2] - 20), subj[2])
                    or FRONTED_SUBORDINATE_RE.fullmatch(self.text, s.start, subj[2])):
                continue  # "… more than Mr Dore predicted", "As Mr Dore announced …"
            if subj is not None and subj[2] < cs and _inside_earlier_report(self.text, s.start,
                                                                        subj[2]):
                continue  # "A new book claims that Mr Dore told …": the book's, not his
            if not reported_clause_fits(self.text, cs, ce, subj):
                continue
            if subj is not None and evidence_of_a_fact(self.text, cs, ce):
                continue  # "… because it shows the sport is …": the fact told, no finding
            if subj is not None and not self._names_an_act(cs, ce):  # not "Tom Hale added
                return *self._not_in_complement(subj, ce, s.end), cue, (cs, ce)  # two
                # goals": an act, not speech
        return None

    def _parse_says(self, question: Callable[..., bool], cs: int, ce: int, *args: int) -> bool:
        """`question` of `qa.complement_mentions` asked of the parse of the sentence holding
        the cue at ``[cs, ce)``; False when there is no parse."""
        sidx = self._sentence_at(cs)
        parse = None if sidx is None else self._parse_of(sidx)
        return parse is not None and question(parse, cs, ce, *args)

    def _not_in_complement(self, subj: tuple[str, str | None, int], cue_end: int,
                           sent_end: int) -> tuple[str, str | None]:
        """(how, who) of a cue's subject, with who None when a pronoun, role or organisation
        noun was resolved to someone the cue's own reported clause names ("the chancellor
        said Mr Hale was …" is not Mr Hale's: `named_in_complement`); such a statement is
        left unattributed rather than given to a wrong speaker."""
        how, who, at = subj
        if how in ("pronoun", "role", "org_noun") and who and at < cue_end and (
                named_in_complement(self.text, self.people.mentions, cue_end, sent_end, who)):
            return how, None
        return how, who


# Verbs of allegation that open a reported clause without being cues of their own (their
# subject is mostly a text: "a new book alleges that …"): hand-set.
_ALLEGE_RE = re.compile(r"(?<![\w’'-])(?:alleges?|alleged|contends?|asserts?|suggests?)(?![\w-])",
                        re.IGNORECASE)


def _inside_earlier_report(text: str, s_start: int, at: int) -> bool:
    """Whether a subject at `at` opens the reported clause of an earlier cue of its sentence
    ("A new book claims that Mr Dore told …", "a report alleges Ms Lind promised …"): the
    statement is about them, the earlier cue's subject's, not theirs (issue 11, point 7)."""
    for cm in (*CUE_RE.finditer(text, s_start, at), *_ALLEGE_RE.finditer(text, s_start, at)):
        between = text[cm.end() : at]
        if re.fullmatch(r"\s+(?:that\s+)?", between):
            return True
        tm = re.fullmatch(r"\s+(?:that\s+)?(.*?)\s*", between, re.DOTALL)
        if tm is not None and tm.group(1) and title_phrase(tm.group(1)):
            return True  # "… claims that chancellor Tom Hale told …"
    return False


def _not_named_inside(subj: tuple[str, str | None, int] | None,
                      quotation: str) -> tuple[str, str | None, int] | None:
    """A pronoun's antecedent that the quotation itself names in the third person ("'I've had
    a quiet word with Olof,' he said" after a sentence about Olof Dore) is doubtful: the
    quotation is then nobody's known (who None), rather than the person it talks about."""
    if subj is None or subj[0] != "pronoun" or subj[1] is None:
        return subj
    return (subj[0], None, subj[2]) if named_in(quotation, subj[1]) else subj
