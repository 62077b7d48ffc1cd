# ruff: noqa: E501  (article paragraphs are data: one line each, as in real files)
"""A labelled synthetic news corpus for the quote extractor: articles and their statements.

Every gold statement is (speaker's full name, a substring the extracted text must contain).
Names, places and styles are invented and differ from the seeds on purpose.
"""

from __future__ import annotations

ARTICLES: dict[str, str] = {
    "a_harbour.txt": """Harbour deal stalls as talks resume

Finance Minister Carla Mendes said on Monday that the harbour agreement would be signed within weeks.

“We are close, closer than anyone expected,” she told reporters in Lisbon. “Nobody should doubt our commitment.”

The opposition leader, Tomas Varga, dismissed the timetable as "wishful thinking".

“The minister has promised this three times before,” Varga said. He added that his party would vote against any deal without a public inquiry.

Mendes later told the state broadcaster that the inquiry was unnecessary. “Everything is on the table,” the minister said.
""",
    "b_rail.txt": """Rail fares to rise again

Rail fares will rise by 4% in January, Transport Secretary Helen Okafor has announced.

Ms Okafor said: "Passengers deserve better, and the extra money will pay for new trains. "We will not stand still." Union leader Brian Castle said the rise was "a kick in the teeth" and warned of strikes. "Our members have had enough," he said.

Ms Okafor told the BBC's Today programme: "I understand the anger of commuters, but investment has to be paid for somehow.

"In five years the network will be transformed."

According to Castle, the union will ballot its members next month.
""",
    "c_glacier.txt": """Glacier study alarms scientists

Glaciers in the northern range are melting twice as fast as predicted, a new study shows.

«The speed of the retreat surprised all of us», said Professor Ingrid Solberg, who heads the climate unit at the University of Bergen.

Her colleague Dr Amir Haddad described the findings as a warning for water supplies downstream. ‘Millions of people depend on this ice,’ he said.

‘We cannot wait for another report,’ Solberg added. She called on governments to fund permanent monitoring stations.
""",
    "d_port.txt": """Port strike enters second week

Port Authority chairman Viktor Lenz told Interfax that the strike had cost the economy millions.

He stressed that the authority remained open to talks. Lenz also warned that foreign shippers could move to rival ports.

Dockers' representative Maria Oyelaran said the claim was exaggerated. She insisted the workers would return only after a written pay offer.

The ministry's spokesman said the government would not intervene. He added that both sides should show restraint.

Lenz emphasised on Friday that no worker would be dismissed.
""",
    "e_stadium.txt": """City council approves new stadium

The stadium will open in 2027, Mayor Lucia Ferreira said on Tuesday.

Councillor Peter Novak, the head of the planning committee, voted against the plan. “This project ignores the neighbourhood,” Novak said, while Ferreira replied that “the neighbourhood will benefit more than anyone”.

“It is the biggest investment in the city for a generation,” Ferreira said. “It will create two thousand jobs.

“And it will be paid for without raising taxes.”

Novak told local radio he would ask for a review.
""",
}

GOLD: dict[str, list[tuple[str, str]]] = {
    "a_harbour.txt": [
        ("Carla Mendes", "the harbour agreement would be signed within weeks"),
        ("Carla Mendes", "We are close, closer than anyone expected"),
        ("Carla Mendes", "Nobody should doubt our commitment"),
        ("Tomas Varga", "dismissed the timetable"),
        ("Tomas Varga", "The minister has promised this three times before"),
        ("Tomas Varga", "his party would vote against any deal"),
        ("Carla Mendes", "the inquiry was unnecessary"),
        ("Carla Mendes", "Everything is on the table"),
    ],
    "b_rail.txt": [
        ("Helen Okafor", "Rail fares will rise by 4% in January"),
        ("Helen Okafor", "Passengers deserve better"),
        ("Helen Okafor", "We will not stand still"),
        ("Brian Castle", "the rise was"),
        ("Brian Castle", "Our members have had enough"),
        ("Helen Okafor", "I understand the anger of commuters"),
        ("Helen Okafor", "In five years the network will be transformed"),
        ("Brian Castle", "the union will ballot its members"),
    ],
    "c_glacier.txt": [
        ("Ingrid Solberg", "The speed of the retreat surprised all of us"),
        ("Amir Haddad", "described the findings as a warning"),
        ("Amir Haddad", "Millions of people depend on this ice"),
        ("Ingrid Solberg", "We cannot wait for another report"),
        ("Ingrid Solberg", "called on governments to fund"),
    ],
    "d_port.txt": [
        ("Viktor Lenz", "the strike had cost the economy millions"),
        ("Viktor Lenz", "remained open to talks"),
        ("Viktor Lenz", "foreign shippers could move"),
        ("Maria Oyelaran", "the claim was exaggerated"),
        ("Maria Oyelaran", "the workers would return only after"),
        ("Viktor Lenz", "no worker would be dismissed"),
    ],
    "e_stadium.txt": [
        ("Lucia Ferreira", "The stadium will open in 2027"),
        ("Peter Novak", "This project ignores the neighbourhood"),
        ("Lucia Ferreira", "the neighbourhood will benefit more than anyone"),
        ("Lucia Ferreira", "It is the biggest investment in the city for a generation"),
        ("Lucia Ferreira", "It will create two thousand jobs"),
        ("Lucia Ferreira", "And it will be paid for without raising taxes"),
        ("Peter Novak", "he would ask for a review"),
    ],
}
