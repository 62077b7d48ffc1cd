"""Who a speaker question asks about beyond the speaker table's names (qa.asked_person), and
the organisation merge of qa.people_merge, on invented articles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from qa.asked_person import resolve_asked, spokes_statements
from qa.document_people import DocPeople, DocPerson
from qa.people_merge import Person, merge_people
from qa.question import analyze
from qa.retriever import Retriever
from qa.speakers import SpeakerTable

ARTICLES = {
    "c_rangers.txt": "Plans for harbour boards\n\n"
    "Responding to the plans, the chairman of the Harbour Rangers Association, which represents "
    "wardens, said it was essential that independence was kept.\n\n"
    'Nora Quill said: "It is a service, not a game to be played every time a vote comes."\n',
    "d_tablet.txt": "Zentrix shows a cheaper tablet\n\n"
    "Chief executive Tom Vale showed off the new tablet at the annual fair in Lisbon. The "
    "tablet is the cheapest ever made by Zentrix.\n\n"
    'Mr Vale said the tablet would appeal to students. "Nobody has an excuse now," he said.\n',
    "e_bank.txt": "Borland Bank cuts fees\n\n"
    "Chief executive Ida Moss said the bank would cut its fees for savers next year.\n\n"
    "Ms Moss said the Borland Bank had listened to its customers.\n",
    "f_awards.txt": "Awards row grows\n\n"
    "Two retired officials were given awards on Friday, angering campaigners.\n\n"
    "City Hall defended the decision to honour both men, with a spokesperson saying: \"You "
    'have to look at their whole career."\n',
    "g_party.txt": "Ferry fares to rise\n\n"
    "A Marlow Party spokesman criticised the plan, saying fares had risen by a third in two "
    "years.\n\nThe Marlow Party said it would ballot its members in March.\n",
    "h_party.txt": "Ferry strike vote\n\nMarlow said the ballot would close at the end of April.\n",
    "i_dock.txt": "Dock talks\n\n"
    "The chairman of the Quay Board said talks would resume on Monday.\n\n"
    "Transport Minister Ben Ash said: \"We will not interfere.\"\n",
    "k_patents.txt": "Patent fears\n\n"
    "Eva Holt, chairman of the Quill Foundation, warned that Zentrix could use patents against "
    "rivals.\n",
    "j_fish.txt": "Fishing quotas cut\n\n"
    "The Northern Fisheries Board (NFB) met on Tuesday to discuss the quotas.\n",
}


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory, embedder) -> Retriever:
    corpus = tmp_path_factory.mktemp("asked-corpus")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8", newline="")
    r = Retriever(corpus, tmp_path_factory.mktemp("asked-index"), embedder=embedder)
    yield r
    r.index.close()


def _ask(r: Retriever, question: str) -> tuple[str | None, list[str]]:
    a = r.ask(question, mode="bm25")
    texts = [q.text for g in a.quotes for q in (g.quote, *g.corroborated_by)]
    return (a.speaker.name if a.speaker else None), texts


@pytest.mark.parametrize(("question", "who"), [
    # a role at an organisation: the titled person whose article names it
    ("What did Zentrix's chief executive say?", "Tom Vale"),
    ("What did the chief executive of Borland Bank say?", "Ida Moss"),
    ("what did the chief executive at borland bank say?", "Ida Moss"),
    ("What did the Zentrix chief executive say?", "Tom Vale"),
    # a role written as the subject of a speech verb, the person named in the next paragraph
    ("What did the chairman of the Harbour Rangers Association say?", "Nora Quill"),
    # a spokesperson of an organisation: the organisation
    ("What did the Marlow Party spokesman say?", "Marlow Party"),
    ("What did a spokeswoman for the Marlow Party say?", "Marlow Party"),
])
def test_roles_and_spokespeople_resolve(retriever: Retriever, question: str, who: str):
    assert _ask(retriever, question)[0] == who


def test_role_at_an_organisation_no_article_names_resolves_nobody(retriever: Retriever):
    assert _ask(retriever, "What did Acme's chief executive say?")[0] is None


def test_a_title_naming_another_organisation_is_not_the_role(retriever: Retriever):
    """Eva Holt is chairman of the Quill Foundation; her article names Zentrix, but she is not
    "the Zentrix chairman"."""
    assert "chairman of the Quill Foundation" in retriever.table.resolve("Eva Holt").titles
    assert _ask(retriever, "What did the Zentrix chairman say?")[0] is None
    assert _ask(retriever, "What did the Quill Foundation chairman say?")[0] == "Eva Holt"


def test_the_next_speaker_holding_another_office_is_not_the_role(retriever: Retriever):
    """"The chairman of the Quay Board said …" then "Transport Minister Ben Ash said": the
    minister is no chairman, so the role resolves nobody rather than the wrong person."""
    assert _ask(retriever, "What did the chairman of the Quay Board say?")[0] is None


def test_organisation_speaking_through_an_unnamed_spokesperson(retriever: Retriever):
    who, texts = _ask(retriever, "What did City Hall say about the awards?")
    assert who == "City Hall"
    assert texts == ["You have to look at their whole career."]
    who, _ = _ask(retriever, "what did city hall say?")
    assert who == "City Hall"  # spelled as the article writes it


def test_organisation_defined_but_never_quoted_is_found_without_statements(
        retriever: Retriever):
    a = retriever.ask("What did the NFB say?", mode="bm25")
    assert a.speaker is not None and a.speaker.name == "Northern Fisheries Board"
    assert not a.answered and "no statement" in (a.reason or "") and not a.quotes
    assert retriever.ask("What did the Southern Board say?", mode="bm25").speaker is None


def test_short_form_of_an_organisation_joins_it_across_articles(retriever: Retriever):
    who, texts = _ask(retriever, "What did Marlow say?")
    assert who == "Marlow Party"
    assert "Marlow said the ballot would close at the end of April." in texts
    assert len(texts) == 3


def test_short_form_merge_needs_the_form_listed_and_one_owner():
    """"Labour" joins "Labour Party" (its article listed the short form); a short form two
    organisations list stays apart; a person's title is no short form."""
    def org(name: str, titles: tuple[str, ...]) -> DocPerson:
        return DocPerson(name=name, titles=titles, gender=None, mentions=2, strong=True)

    per_doc = {
        "a": DocPeople(people=(org("Harbour Party", ("HP", "Harbour")),), mentions=()),
        "b": DocPeople(people=(org("Harbour", ()),), mentions=()),
        "c": DocPeople(people=(org("Virgo Radio", ("VR", "Virgo")),), mentions=()),
        "d": DocPeople(people=(org("Virgo Air", ("VA", "Virgo")),), mentions=()),
        "e": DocPeople(people=(org("Virgo", ()),), mentions=()),
        "f": DocPeople(people=(DocPerson(name="Ann Coach", titles=("Coach",), gender="f",
                                         mentions=3, strong=True),), mentions=()),
        "g": DocPeople(people=(org("Coach", ()),), mentions=()),
        "h": DocPeople(people=(org("AB and BC", ("AB",)),), mentions=()),
        "i": DocPeople(people=(org("AB", ()),), mentions=()),
    }
    people = {p.name: p for p in merge_people(per_doc)}
    assert people["Harbour Party"].documents == ("a", "b")
    assert "Harbour" not in people
    assert people["Virgo"].documents == ("e",)
    assert people["Ann Coach"].documents == ("f",)
    assert people["AB"].documents == ("i",)  # initials of a joint name are no short form


def test_spokes_statements_need_the_subject_of_the_sentence(retriever: Retriever):
    # The extractor (STATEMENTS_VERSION 9) gives "with a spokesperson saying" to the sentence's
    # subject itself; the fallback is for a spokesperson it leaves unnamed, as it did before.
    quotes = [replace(q, speaker="spokesperson") if q.speaker == "City Hall" else q
              for q in retriever.quotes]
    chunks_of = retriever.index.chunks_of
    assert len(spokes_statements(("City Hall",), quotes, chunks_of)) == 1
    assert spokes_statements(("campaigners",), quotes, chunks_of) == ()
    assert spokes_statements(("Hall",), quotes, chunks_of) == ()
    assert spokes_statements(("city hall",), quotes, chunks_of) == ()  # as written
    assert len(spokes_statements(("city hall",), quotes, chunks_of, ignore_case=True)) == 1


def test_the_table_comes_first():
    """A name the table knows is never re-read as a role or an organisation."""
    p = Person(name="Eva Lind", aliases=("Lind", "chief executive"), titles=("chief executive",),
               gender="f", mentions=3, documents=("a.txt",))
    asked = resolve_asked("the chief executive", table=SpeakerTable([p]), quotes=[], texts={},
                          chunks_of=lambda d: [], search=lambda q, k: [])
    assert asked is not None and asked.person is p and asked.how == "table"
    assert resolve_asked("the Quay Board spokesman", table=SpeakerTable([p]), quotes=[],
                         texts={}, chunks_of=lambda d: [], search=lambda q, k: []) is None


def test_long_role_phrases_and_described_are_speaker_questions():
    q = analyze("What did the chairman of the Harbour Rangers Association say?")
    assert q.kind == "speaker" and q.speaker == "the chairman of the Harbour Rangers Association"
    q = analyze("Who described the result as an absolute giveaway?")
    assert q.kind == "who_said" and q.topic == "the result as an absolute giveaway"


def test_fixture_texts_are_what_the_index_reads(retriever: Retriever):
    for d in retriever.index.documents.values():
        assert d.text == ARTICLES[Path(d.path).name]


def test_timeline_reads_the_name_as_questions_do(retriever: Retriever):
    t = retriever.timeline("City Hall")
    assert [e.quote.text for e in t.entries] == ["You have to look at their whole career."]
    assert len(retriever.timeline("the Zentrix chief executive").entries) == 2
    with pytest.raises(ValueError):
        retriever.timeline("the Southern Board")
