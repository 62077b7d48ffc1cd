"""People and aliases learned from the texts; resolving typed names, roles and typos."""

from __future__ import annotations

import json

import pytest
from synthetic import ARTICLES

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.document_people import DocPeople, document_people
from qa.speakers import SpeakerTable

EXTRA = {
    # The same people named differently in other articles of the corpus.
    "f_followup.txt": """Harbour talks, day two

Carla Mendes, the country's finance minister, met unions on Tuesday. Mendes said progress was made.

Transport chief Helen Okafor and opposition leader Tomas Varga also attended. Varga said nothing.
""",
    "g_alliance.txt": """Alliance meets

Alliance Secretary-General Pieter Van Dalen said the alliance would meet in March.

The alliance chief told reporters the door remained open. Ms Okafor said she agreed.
""",
}


@pytest.fixture(scope="module")
def table() -> SpeakerTable:
    per = {}
    for name, text in {**ARTICLES, **EXTRA}.items():
        doc = parse_file(name, text)[0]
        per[name] = document_people(doc, chunk_document(doc))
    return SpeakerTable.merge(per)


def test_people_found_with_titles():
    doc = parse_file("a.txt", ARTICLES["a_harbour.txt"])[0]
    people = {p.name: p for p in document_people(doc, chunk_document(doc)).people}
    assert set(people) == {"Carla Mendes", "Tomas Varga"}
    assert "Finance Minister" in people["Carla Mendes"].titles
    assert "opposition leader" in people["Tomas Varga"].titles


def test_mentions_slice_the_text():
    doc = parse_file("b.txt", ARTICLES["b_rail.txt"])[0]
    dp = document_people(doc, chunk_document(doc))
    assert dp.mentions
    for m in dp.mentions:
        assert doc.text[m.start : m.end] in m.name or m.name.endswith(doc.text[m.start : m.end])


def test_doc_people_json_round_trip():
    doc = parse_file("b.txt", ARTICLES["b_rail.txt"])[0]
    dp = document_people(doc, chunk_document(doc))
    assert DocPeople.from_dict(json.loads(json.dumps(dp.to_dict()))) == dp


def test_not_people():
    text = "Markets\n\nPrices rose in London. The Bank of England said rates would stay. " \
           "Liberal Democrats said the plan was wrong. In Moscow officials said little.\n"
    doc = parse_file("m.txt", text)[0]
    names = {p.name for p in document_people(doc, chunk_document(doc)).people}
    assert not names & {"London", "Moscow", "Liberal", "Liberal Democrats", "England", "Bank"}


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Mendes", "Carla Mendes"),
        ("carla mendes", "Carla Mendes"),
        ("the finance minister", "Carla Mendes"),
        ("Okafer", "Helen Okafor"),  # typo
        ("okafors", "Helen Okafor"),  # possessive without apostrophe
        ("Ms Okafor", "Helen Okafor"),
        ("the transport secretary", "Helen Okafor"),
        ("Van Dalen", "Pieter Van Dalen"),
        ("the alliance chief", "Pieter Van Dalen"),
        ("the secretary-general", "Pieter Van Dalen"),
        ("Lenz", "Viktor Lenz"),
        ("Zelensky", None),
        ("Smith", None),
        ("the president", None),
    ],
)
def test_resolve(table: SpeakerTable, typed: str, expected: str | None):
    person = table.resolve(typed)
    assert (person.name if person else None) == expected


def test_one_person_across_documents(table: SpeakerTable):
    mendes = table.resolve("Mendes")
    assert mendes is not None
    assert set(mendes.documents) == {"a_harbour.txt", "f_followup.txt"}
    assert "Mendes" in mendes.aliases
    assert [p.name for p in table.people].count("Carla Mendes") == 1


def test_bare_surname_joins_across_documents_only_when_a_title_agrees():
    from qa.document_people import DocPeople, DocPerson
    from qa.people_merge import merge_people

    per_doc = {
        "a": DocPeople(people=(DocPerson(name="Ann Carter", titles=("lawyer",), gender="f",
                                         mentions=5, strong=True),), mentions=()),
        "b": DocPeople(people=(DocPerson(name="Carter", titles=("inquiry chairman",),
                                         gender="m", mentions=2, strong=True),), mentions=()),
        "c": DocPeople(people=(DocPerson(name="Carter", titles=("lawyer",), gender="f",
                                         mentions=1, strong=True),), mentions=()),
    }
    people = {p.name: p for p in merge_people(per_doc)}
    assert people["Ann Carter"].documents == ("a", "c")
    assert people["Carter"].documents == ("b",)


def test_plural_title_is_no_person():
    from qa.people_merge import Person

    mp = Person(name="Jo Hale", aliases=("Hale", "MP"), titles=("MP",), gender="f", mentions=3,
                documents=("a",))
    table = SpeakerTable([mp])
    assert table.resolve("MPs", fuzzy=False) is None
    assert table.resolve("hales") is mp


def test_role_goes_to_the_person_titled_with_it_not_the_most_mentioned():
    """A role learned once for a much-quoted untitled person does not outrank the person the
    corpus titles with it in several forms (typed as the alias or as a role phrase)."""
    from qa.people_merge import Person

    titled = Person(name="Ruth Okafor", aliases=("Okafor", "Treasurer", "state treasurer"),
                    titles=("Treasurer", "state treasurer"), gender="f", mentions=12,
                    documents=("a.txt", "b.txt"))
    learned = Person(name="Dan Pryce", aliases=("Pryce", "treasurer", "Governor"),
                     titles=("treasurer", "Governor"), gender="m", mentions=90,
                     documents=("c.txt",))
    table = SpeakerTable([learned, titled])
    assert table.resolve("the treasurer").name == "Ruth Okafor"
    assert table.resolve("state treasurer").name == "Ruth Okafor"
    assert table.resolve("the governor").name == "Dan Pryce"
    assert table.resolve("Pryce").name == "Dan Pryce"


def test_a_role_is_not_the_shadow_or_deputy_office():
    """"the chancellor" resolves to the chancellor, never to the shadow chancellor; the typed
    modifier picks the shadow office."""
    from qa.people_merge import Person

    shadow = Person(name="Tom Reed", aliases=("Reed", "shadow chancellor"),
                    titles=("shadow chancellor",), gender="m", mentions=30, documents=("a.txt",))
    table = SpeakerTable([shadow])
    assert table.resolve("the chancellor") is None
    assert table.resolve("the shadow chancellor").name == "Tom Reed"
    real = Person(name="Anna Vale", aliases=("Vale", "Chancellor"), titles=("Chancellor",),
                  gender="f", mentions=3, documents=("b.txt",))
    table = SpeakerTable([shadow, real])
    assert table.resolve("the chancellor").name == "Anna Vale"


def _one_doc_each(*names: str):
    from qa.document_people import DocPeople, DocPerson

    return {f"d{i}": DocPeople(people=(DocPerson(name=n, mentions=1, strong=True),), mentions=())
            for i, n in enumerate(names)}


def test_organisations_sharing_first_and_last_words_stay_apart():
    # "Scottish National Party" / "Scottish Labour Party" were one speaker: two organisations'
    # names match word for word or not at all (issue 11 point 6)
    from qa.people_merge import merge_people

    names = {p.name for p in merge_people(_one_doc_each(
        "Ruritanian National Party", "Ruritanian Labour Party", "World Trade Organisation",
        "World Health Organisation"))}
    assert names == {"Ruritanian National Party", "Ruritanian Labour Party",
                     "World Trade Organisation", "World Health Organisation"}


def test_spelling_variants_of_one_organisation_still_join():
    from qa.people_merge import merge_people

    for a, b in [("Building Society Association", "Building Societies Association"),
                 ("Ruritania Development Bank", "Ruritanian Development Bank"),
                 ("Securities & Exchange Commission", "Securities and Exchange Commission")]:
        assert len(merge_people(_one_doc_each(a, b))) == 1, (a, b)
    # people still join on first name and surname, middle initial or not
    assert len(merge_people(_one_doc_each("George W Hale", "George Hale"))) == 1


def test_a_joint_statement_belongs_to_each_speaker_named():
    from qa.people_merge import Person

    def org(name: str, *aliases: str) -> Person:
        return Person(name=name, aliases=aliases, titles=aliases, gender=None, mentions=2,
                      documents=("a",))

    def person(name: str) -> Person:
        return Person(name=name, aliases=(name.split()[-1],), titles=(), gender="m", mentions=2,
                      documents=("a",))

    table = SpeakerTable([org("Conservatives", "Tories"), org("Liberal Democrats", "Lib Dems"),
                          org("Marks and Spencer", "M&S"), person("Tom Marks"),
                          person("Ian Spencer"), person("Eva Lind"), person("Dan Hale")])
    assert table.speakers_of("Tories and the Lib Dems") == ("Conservatives", "Liberal Democrats")
    assert table.speakers_of("Eva Lind and Dan Hale") == ("Eva Lind", "Dan Hale")
    assert table.speakers_of("Tories") == ("Conservatives",)
    # a known name holding "and", bare surnames, or an unknown part: one speaker
    assert table.speakers_of("Marks and Spencer") == ("Marks and Spencer",)
    assert table.speakers_of("Marks and Lind") == ("Marks and Lind",)
    assert table.speakers_of("Tories and the Greens") == ("Tories and the Greens",)
