"""What the statement extractor knows while it reads one document: who the text talked about
(`Entry`), the organisations and groups that spoke, statements waiting for a document's author.
Shared by the attribution steps (`qa.antecedents` … `qa.speech_attribution`, `qa.quotes`),
which read and extend it in document order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from index.chunking import Chunk
from index.corpus import Document
from qa.document_people import DocPeople
from qa.names import Gender, common_words
from qa.organisations import acronyms
from qa.parser_model import SentenceParser
from qa.sentence_parse import GrammaticalRole
from qa.statement_record import Quote
from qa.unlisted_people import leads_sentence, unlisted_in, unlisted_surnames


@dataclass
class Entry:
    """Someone the text talked about: a mention, or the subject of a statement."""

    pos: int
    sentence: int
    name: str | None  # None: an unnamed person ("the prime minister's spokesman") said it
    subject: bool
    voice: Gender | Literal[""] | None = None  # set for an organisation's unnamed person
    # ("a Zentrix spokeswoman said": "f"; "an official": ""), whom "he"/"she" may mean
    obj: bool = False  # the object of a person's verb ("Ms Grant accused Mr Reed"): no
    # antecedent of "he"/"she" (`qa.clause_subjects.is_verb_object`)
    end: int | None = None  # a mention's end (None: a statement's subject or a pronoun)
    parsed: bool = False  # whether the parse has refined `subject`/`obj` (`qa.parsed_reading`)
    role: GrammaticalRole | None = None  # what the parse found the mention to be, if clear


class ReadingState:
    """The state of one document being read (see the module docstring)."""

    def __init__(self, doc: Document, chunks: Sequence[Chunk], people: DocPeople) -> None:
        self.doc = doc
        self.text = doc.text
        self.chunks = chunks
        self.people = people
        self.gender = {p.name: p.gender for p in people.people}
        self.titles = {p.name: p.titles for p in people.people}
        self.entries: list[Entry] = []
        self.quotes: list[Quote] = []
        self.acronyms = acronyms(doc.text)
        self.orgs: list[tuple[int, str]] = []  # (position, name) of organisations that spoke
        self.org_names: set[str] = set()
        self.groups: set[str] = set()  # unnamed groups that spoke ("analysts")
        self.document_orgs: set[str] = set()  # those that spoke through a report or finding
        self.narrated_at: set[int] = set()  # `orgs` positions of narrated subjects only "it"
        # may mean ("Zentrix Corp could face a fine": not "the firm", `_last_org`)
        self.voice_subjects: dict[int, Gender | Literal[""]] = {}  # "a Zentrix spokesman"
        self._cue_cache: tuple[tuple[int, int], list[re.Match[str]]] = ((-1, -1), [])
        self.pending: list[tuple[int, Quote]] = []  # statements of a document named later
        self.common = common_words(doc.text)  # words the text also writes in lower case
        self.learned_roles: dict[str, list[str]] = {}  # person -> role phrases used for them
        self.sentence_base = 0
        self.sentence_spans: dict[int, tuple[int, int]] = {}  # sentence index -> (start, end)
        self.sentence_parser: SentenceParser | None = None  # made on the first parse needed
        # (start, end, speaker, cue position) of reported clauses found between a quotation
        # and an inverted cue, waiting to be recorded by the reading loop
        self.tail_reports: list[tuple[int, int, str, int]] = []
        # surnames of people named in full that the people table did not list ("Robbie Keane")
        self.unlisted = unlisted_surnames(self.text, people.mentions, self.common)
        self.trailing_silence = False  # the last quotation of the paragraph before was
        # someone's the extractor could not name

    def _unlisted_lead(self, lo: int, hi: int, gender: Gender | None = None) -> bool:
        """Whether the sentence ``text[lo:hi]`` opens with a person the people table did not
        list (`qa.unlisted_people`): the person it is about, whom the next quotation or
        pronoun may mean."""
        at = unlisted_in(self.text, lo, hi, self.people.mentions, self.unlisted, gender)
        if at is not None and re.search(r"[“\"«]", self.text[lo:at]):
            return False  # named inside a quotation ('"Dan Brown is the best writer …"')
        return leads_sentence(self.text, lo, at)
