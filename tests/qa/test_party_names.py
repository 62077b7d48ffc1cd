"""Well-known other names of parties (qa/party_names.py): one speaker whichever form an article
uses, reachable by every form."""

from __future__ import annotations

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.party_names import canonical_party, party_aliases
from qa.statements import corpus_statements, statements_of


def test_every_form_maps_to_the_canonical_name_and_others_are_kept():
    assert canonical_party("Tories") == canonical_party("the Conservative Party") == (
        "Conservatives")
    assert canonical_party("Lib Dems") == "Liberal Democrats"
    assert canonical_party("Labour Party") == "Labour Party"
    assert "Tories" in party_aliases("Conservatives")
    assert party_aliases("Zentrix") == ()


def test_statements_under_two_party_names_belong_to_one_speaker_asked_by_either():
    a = parse_file("a.txt", "Tax\n\nThe Tories said the tax plan would cost jobs.\n")[0]
    b = parse_file("b.txt", "Police\n\nThe Conservatives said the police plan was costed.\n")[0]
    recs = {d.doc_id: statements_of(d, chunk_document(d)) for d in (a, b)}
    table, quotes = corpus_statements(recs)
    assert {q.speaker for q in quotes} == {"Conservatives"}
    for asked in ("Tories", "Conservatives", "Tory Party"):
        person = table.resolve(asked)
        assert person is not None and person.name == "Conservatives"
