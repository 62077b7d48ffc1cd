"""What kind of question the user asked, and about whom and what.

`analyze` recognises speaker questions in their natural forms ("what did Grushko say?",
"how did Lavrov react to …", "stoltenbergs comments on …"), "who said …" questions, other
questions (factoid) and free text. It extracts the speaker as typed — lower case and typos
included; matching it to a person of the corpus is `SpeakerTable.resolve`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from index.analysis import STOP_WORDS
from qa.answer_types import AnswerType, expected_answer
from qa.lexicon import speech_verbs

__all__ = ["KINDS", "Question", "QuestionKind", "analyze"]

# "what did X say (about T)?", "who said T?", other questions, other text.
QuestionKind = Literal["speaker", "who_said", "factoid", "free"]
KINDS: tuple[QuestionKind, ...] = get_args(QuestionKind)

_SAY_VERBS = speech_verbs("question")
_ABOUT = r"(?:about|on|regarding|concerning|of|to|over|towards|with\s+regard\s+to|as\s+to)"
_AUX = r"(?:did|does|do|has|have|had|was|is|were|will|would|could|can)"
_NAME = r"(?P<speaker>.+?)"
_TOPIC = r"(?:\s+(?P<topic>.*?))?"
_END = r"\s*[?.!]*\s*$"

_SPEAKER_PATTERNS = [
    # what did Grushko say (about X)? / what has Lavrov said on X / what does X think of Y
    re.compile(rf"^(?:so\s+|and\s+|but\s+)?what\s+{_AUX}\s+{_NAME}\s+(?:{_SAY_VERBS})\b{_TOPIC}{_END}",
               re.IGNORECASE),
    # how did Lavrov react to X / how does X feel about Y / how has X responded
    re.compile(rf"^how\s+{_AUX}\s+{_NAME}\s+(?:{_SAY_VERBS})\b{_TOPIC}{_END}", re.IGNORECASE),
    # did Blinken say that X? / has X commented on Y
    re.compile(rf"^{_AUX}\s+{_NAME}\s+(?:{_SAY_VERBS})\b{_TOPIC}{_END}", re.IGNORECASE),
    # what was said by X (about Y)
    re.compile(rf"^what\s+(?:was|has\s+been|is)\s+said\s+by\s+{_NAME}(?:\s+{_ABOUT}\s+(?P<topic>.*?))?"
               rf"{_END}", re.IGNORECASE),
    # X's comments/remarks/statements/views/reaction on Y ; stoltenbergs comments
    re.compile(rf"^(?:what\s+(?:are|were|is|was)\s+)?(?:the\s+)?{_NAME}(?:['’]s?|s)\s+"
               r"(?:comments?|remarks?|statements?|views?|words|reactions?|response|position|"
               r"stance|opinions?|quotes?|thoughts?|claims?|answer|reply|warnings?)\b"
               rf"{_TOPIC}{_END}", re.IGNORECASE),
    # quotes/statements by|from X (about Y)
    re.compile(r"^(?:show\s+(?:me\s+)?|list\s+|give\s+(?:me\s+)?)?(?:all\s+)?(?:the\s+)?"
               r"(?:quotes?|statements?|comments?|remarks?|words)\s+(?:by|from|of)\s+"
               rf"{_NAME}(?:\s+{_ABOUT}\s+(?P<topic>.*?))?{_END}", re.IGNORECASE),
    # what X said (about Y)
    re.compile(rf"^what\s+{_NAME}\s+(?:said|says|told|thinks|thought)\b{_TOPIC}{_END}",
               re.IGNORECASE),
]
_WHO_SAID = re.compile(
    rf"^(?:who|which\s+\w+)\s+(?:has\s+|had\s+)?(?:{_SAY_VERBS})\b\s*(?:that\s+)?(?P<topic>.*?){_END}",
    re.IGNORECASE,
)
_FACTOID = re.compile(
    r"^(?:who|whom|whose|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|"
    r"will|would|should|has|have|had|name|list)\b",
    re.IGNORECASE,
)
# A "speaker" that is really a thing: "what does the letter say", "what did it mean".
_NOT_A_SPEAKER = re.compile(
    r"^(?:it|this|that|they|them|these|those|we|you|i|he|she|there|the\s+(?:letter|document|"
    r"report|article|text|response|reply|answer|statement|proposal|agreement|treaty|law|bill|"
    r"study|paper|data|survey|poll|story|news|message|note|plan|deal|us|west|government))$",
    re.IGNORECASE,
)

# A question about what something means or was meant for, not about what someone said: "what
# does Warszawa mean?", "what was the colloquy meant to establish?" (a person's meaning is asked
# in the past: "what did Blair mean by ...", still a speaker question). Hand-set.
_MEANING = re.compile(r"^\W*(?:what|how)\s+(?:does|do|is|are|was|were)\s+.+?\s+(?:mean|meant)\b",
                      re.IGNORECASE)
# Words a name never holds: question, clause and auxiliary words ("Who did the churche|s
# claim", "other scholars contend that Luther", "what kind of memory was Tesla thought"), and
# indefinite pronouns standing alone ("what do some believe"). Hand-set.
_CLAUSE_WORDS = frozenset({"who", "whom", "whose", "what", "which", "when", "where", "why", "how",
                           "if", "that", "whether", "is", "are", "was", "were", "did", "does",
                           "do"})
_PRONOUNS = frozenset({"one", "some", "someone", "somebody", "anyone", "everyone", "people",
                       "many", "most", "others", "all"})

# Longest speaker phrase read as a speaker: hand-set to hold a role at an organisation ("the
# chairman of the Harbour Rangers Association", 7 words) but not a clause ("what did the report
# on the closure of the three northern mines say", 9 words after "what did").
_MAX_SPEAKER_WORDS = 8


@dataclass(frozen=True, kw_only=True)
class Question:
    """A question as understood: its kind, the speaker as typed, the topic asked about, and
    the type of answer it expects ("quantity", "date" or None: `qa.answer_types`)."""

    text: str
    kind: QuestionKind
    speaker: str | None = None
    topic: str | None = None
    expects: AnswerType | None = None


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = s.strip(" \t?.!,;:\"'“”‘’")
    s = re.sub(rf"^{_ABOUT}\s+", "", s, flags=re.IGNORECASE)
    s = re.sub(r"^(?:that|if|whether)\s+", "", s, flags=re.IGNORECASE)
    return s.strip() or None


def _clean_speaker(s: str) -> str:
    s = s.strip(" \t?.!,;:\"“”")
    s = re.sub(r"['’]s$", "", s)
    return s.strip()


def _name_like(speaker: str) -> bool:
    """False for a phrase that cannot name who spoke: it holds a question or clause word, is an
    indefinite pronoun, or ends in a stop word typed in lower case ("the minimum required if you",
    "the general term used to", "the" of "what was the proposed solution"; "the US", "Philip
    Don" stay)."""
    words = speaker.split()
    lower = [w.lower() for w in words]
    if any(w in _CLAUSE_WORDS for w in lower) or " ".join(lower) in _PRONOUNS:
        return False
    return not (lower[-1] in STOP_WORDS and words[-1].islower())


def analyze(question: str) -> Question:
    """Classify `question` and pull out its speaker and topic (both as the user typed them)."""
    text = " ".join(question.split())
    for pat in _SPEAKER_PATTERNS:
        m = pat.match(text)
        if not m:
            continue
        speaker = _clean_speaker(m.group("speaker"))
        too_long = len(speaker.split()) > _MAX_SPEAKER_WORDS
        if not speaker or _NOT_A_SPEAKER.match(speaker) or too_long or not _name_like(speaker):
            continue
        if _MEANING.match(text):
            break
        return Question(text=text, kind="speaker", speaker=speaker,
                        topic=_clean(m.groupdict().get("topic")))
    m = _WHO_SAID.match(text)
    if m:
        return Question(text=text, kind="who_said", speaker=None, topic=_clean(m.group("topic")))
    if _FACTOID.match(text) or text.endswith("?"):
        expected = expected_answer(text)
        return Question(text=text, kind="factoid", speaker=None, topic=None,
                        expects=expected.kind if expected else None)
    return Question(text=text, kind="free", speaker=None, topic=None)
