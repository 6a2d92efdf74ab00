"""Similar opinions: Vietnamese text as weighted terms, lookup keys, and a score with its reasons.

Pure functions, no database. The pieces:

- ``analyse`` turns a text into terms: folded syllables (marks and đ stripped, so people who type
  without diacritics meet those who do), syllable pairs (Vietnamese words are mostly two
  syllables), and place or road codes glued to their numbers ("ấp 3" → ``ap3``, "ĐT.912" →
  ``dt912``) so that the hamlet next door is a different term. The phrases officials wrap every
  summary in ("Cử tri phản ánh việc…", "Đề nghị các cấp có thẩm quyền xem xét…") and function
  words are dropped.
- ``Vocabulary`` knows how common each term is in a reference corpus: a term people use
  everywhere ("đường", "xuống cấp") weighs little; a name ("Hiệp Mỹ Tây", "ĐT912") weighs much.
- ``keys`` picks a text's most telling terms as integers: the index stores them, and a lookup
  reads only the records that share one.
- ``score`` compares two analysed texts and says which terms they share.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .folding import fold

MAX_TEXT = 20_000


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Officials' wrappers and citizens' openings, folded; longest first so the longest match wins.
FILLER_PHRASES = sorted(
    {
        "cu tri phan anh viec",
        "cu tri phan anh",
        "cu tri kien nghi",
        "cu tri de nghi",
        "cu tri cho rang",
        "cu tri",
        "cong dan phan anh",
        "cong dan kien nghi",
        "nguoi dan phan anh",
        "nguoi dan kien nghi",
        "nhan dan phan anh",
        "ba con phan anh",
        "ba con",
        "nguoi dan",
        "toi xin phan anh",
        "toi phan anh",
        "toi muon phan anh",
        "xin phan anh",
        "kinh gui",
        "kinh de nghi",
        "de nghi cac cap co tham quyen",
        "de nghi cac cap",
        "de nghi cap co tham quyen",
        "de nghi co quan chuc nang",
        "de nghi chinh quyen",
        "co quan chuc nang",
        "co tham quyen",
        "cac cap",
        "cac nganh",
        "xem xet giai quyet",
        "xem xet",
        "giai quyet",
        "quan tam chi dao",
        "quan tam",
        "chi dao",
        "som co giai phap",
        "co giai phap",
        "kip thoi",
        "de nghi",
        "kien nghi",
        "phan anh",
        "tinh trang",
        "thoi gian qua",
        "hien nay",
        "anh huong den doi song",
        "anh huong",
        "doi song",
        "nhan dan",
        "dia phuong",
        "cho nguoi dan",
        "tra loi",
        "xin cam on",
        "cam on",
    },
    key=lambda phrase: -len(phrase),
)

# Function words. Folding merges many words ("cho" is cho or chợ, "de" để or đê, "vay" vậy or
# vay), so a word typed with its marks is judged by its marks, and one typed without them only
# when the folded form has no other common reading.
MARKED_STOPWORDS = _wordset(
    """
    và với của là thì mà những các một nhiều rất quá đã đang sẽ được bị cho tại ở trong ngoài
    trên dưới khi này đó kia ấy nên vì nếu như cũng còn chưa vẫn lại ra vào lên xuống đến từ theo
    về có không gì sao nào ai tôi chúng mình em anh chị ông bà họ mỗi mọi cả hết nữa rồi luôn hay
    hoặc tuy nhiên bởi để vậy thế nhé à ạ ơi ư việc sự cái người dân xin đây nay thì
    """
)
UNMARKED_STOPWORDS = _wordset(
    """
    va voi cua la thi nhung cac mot nhieu rat duoc trong ngoai tren duoi khi nay kia nen neu nhu
    lai ra vao len theo ve khong j gi sao nao ai toi chung minh em anh
    hay hoac tuy nhien boi vi nhe a oi u viec nguoi dan xin bi
    """
)

# Common shorthand in typed messages.
ABBREVIATIONS = {
    "ko": "khong",
    "k": "khong",
    "hok": "khong",
    "dc": "duoc",
    "đc": "duoc",
    "ng": "nguoi",
    "tq": "tinh trang",
    "bt": "be tong",
    "btxm": "be tong xi mang",
    "uy": "uy",
    "tp": "thanh pho",
    "tx": "thi xa",
    "tt": "thi tran",
    "hs": "ho so",
    "gpmb": "giai phong mat bang",
    "qsdd": "quyen su dung dat",
    "gcn": "giay chung nhan",
    "bhyt": "bao hiem y te",
    "bhxh": "bao hiem xa hoi",
    "ntm": "nong thon moi",
    "attt": "an toan giao thong",
    "atgt": "an toan giao thong",
}
PHRASE_ABBREVIATIONS = {
    "uy ban nhan dan": "ubnd",
    "hoi dong nhan dan": "hdnd",
    "so do": "giay chung nhan",
    "bia do": "giay chung nhan",
    "chung nhan quyen su dung dat": "giay chung nhan",
    "quoc lo": "ql",
    "tinh lo": "dt",
    "duong tinh": "dt",
    "huong lo": "hl",
    "duong huyen": "dh",
    "to dan pho": "to",
    "khu pho": "kp",
}

# (folded words of a phrase, what replaces it): abbreviations keep their words, wrappers become a break.
PHRASE_REPLACEMENTS = sorted(
    [
        *((tuple(p.split()), tuple(r.split())) for p, r in PHRASE_ABBREVIATIONS.items()),
        *((tuple(p.split()), ("|",)) for p in FILLER_PHRASES),
    ],
    key=lambda item: -len(item[0]),
)

PHRASES_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _phrase, _replacement in PHRASE_REPLACEMENTS:
    PHRASES_BY_FIRST_WORD.setdefault(_phrase[0], []).append((_phrase, _replacement))

# A number after one of these names a place or a road of its own: "ấp 3", "tổ 12", "QL 1A".
PLACE_WORDS = _wordset(
    "ap thon xom khom to khu doi lo so duong hem kiet ngo ngach dt ql tl dh hl km kp cum phuong quan"
)
NUMBERED = re.compile(r"^\d+[a-z]?$")
NUMBER_GROUPS = re.compile(r"(?<=\d)[.,](?=\d{3}\b)")
NON_WORD = re.compile(r"[^a-z0-9]+")
WORD = re.compile(r"\w+")
TOKEN_OK = re.compile(r"^[a-z0-9]{1,30}$")


# Words after which people name a particular place or thing: "ấp An Thuận", "kênh Ba Rày".
NAMING_WORDS = _wordset(
    "ap thon xom khom ban lang xa phuong huyen tinh cau kenh rach song cho truong khu cum ty rac"
)
SENTENCE_END = re.compile(r"[.!?:;\n]\s*$")


@dataclass(frozen=True)
class Analysis:
    """A text's terms: ``words`` for display, ``terms`` (syllables and pairs) for matching, and
    ``names``, the terms that name a particular place or thing (a road code, "ấp An Thuận")."""

    words: tuple[str, ...]
    terms: frozenset[str]
    names: frozenset[str] = frozenset()


def clean(text: str) -> str:
    """The text a person typed, bounded and stripped of control characters and emoji."""
    text = (text or "")[:MAX_TEXT]
    return "".join(ch for ch in text if ch.isprintable() or ch in "\n\t").strip()


# (as typed, in lowercase; folded; capitalised inside a sentence)
Token = tuple[str, str, bool]


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return NON_WORD.sub("", fold(word))


def _tokens(text: str) -> list[Token]:
    """The words of ``text``, lowercase and folded; numbers lose their thousands dots."""
    text = NUMBER_GROUPS.sub("", unicodedata.normalize("NFC", clean(text)))
    tokens: list[Token] = []
    for match in WORD.finditer(text):
        raw = match.group().lower()
        folded = _fold_word(raw)
        if folded and TOKEN_OK.match(folded):
            capital = match.group()[0].isupper() and not (
                match.start() == 0 or SENTENCE_END.search(text, 0, match.start())
            )
            tokens.append((raw, ABBREVIATIONS.get(folded, folded), capital))
    return tokens


def _replace_phrases(tokens: list[Token]) -> list[Token]:
    """Shorthand for long names ("ủy ban nhân dân" → ubnd) and wrappers cut out (as a clause break)."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for phrase, replacement in PHRASES_BY_FIRST_WORD.get(tokens[i][1], ()):
            n = len(phrase)
            if tuple(t[1] for t in tokens[i : i + n]) == phrase:
                out.extend(("", word, False) for word in replacement)
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _words(text: str) -> list[tuple[str, bool]]:
    """Folded content words with whether each names something; "|" where a clause breaks."""
    words: list[tuple[str, bool]] = []
    tokens = _tokens(text)
    # Someone who types marks types "cho" only for cho, never for chợ: their words are read as typed.
    marked = sum(raw != folded for raw, folded, _ in tokens) > len(tokens) / 8
    after_naming = 0  # how many more words may still be part of a name just introduced
    for raw, folded, capital in _replace_phrases(tokens):
        if folded == "|" or (raw in MARKED_STOPWORDS if marked else folded in UNMARKED_STOPWORDS):
            words.append(("|", False))
            after_naming = 0
            continue
        if NUMBERED.match(folded) and words and words[-1][0] in PLACE_WORDS:
            words[-1] = (words[-1][0] + folded, True)
            after_naming = 0
            continue
        is_name = capital or after_naming > 0 or (len(folded) > 3 and any(c.isdigit() for c in folded))
        words.append((folded, is_name))
        after_naming = 2 if folded in NAMING_WORDS else max(after_naming - 1, 0)
    return words


def analyse(text: str) -> Analysis:
    """Terms of ``text``: content syllables and the pairs they form within a clause."""
    terms: set[str] = set()
    names: set[str] = set()
    content: list[str] = []
    previous: tuple[str, bool] | None = None
    for word, is_name in _words(text):
        if word == "|":
            previous = None
            continue
        content.append(word)
        terms.add(word)
        if is_name and any(c.isdigit() for c in word):
            names.add(word)
        if previous is not None:
            pair = f"{previous[0]}_{word}"
            terms.add(pair)
            if is_name and previous[1]:
                names.add(pair)
        previous = (word, is_name)
    return Analysis(words=tuple(content), terms=frozenset(terms), names=frozenset(names))


@dataclass
class Vocabulary:
    """Document frequencies of terms in a reference corpus; unseen terms are the rarest."""

    document_count: int = 0
    frequencies: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        vocabulary = cls()
        for text in texts:
            vocabulary.document_count += 1
            for term in analyse(text).terms:
                vocabulary.frequencies[term] = vocabulary.frequencies.get(term, 0) + 1
        return vocabulary

    def idf(self, term: str) -> float:
        df = self.frequencies.get(term, 0)
        # Pairs are rarer than syllables by nature; a pair nobody used is as telling as a rare word.
        return math.log((self.document_count + 1) / (df + 0.5))

    @property
    def max_idf(self) -> float:
        return self.idf("\0unseen")

    def weight(
        self, term: str, *, context: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()
    ) -> float:
        """How much sharing ``term`` says; names of the place being searched say little more."""
        if term in context:
            return 0.15 * self.max_idf
        weight = self.idf(term)
        if term in names:
            return max(weight, NAME_FLOOR * self.max_idf)
        if "_" not in term and term.isalpha() and len(term) <= 2:
            weight *= 0.5  # lone short syllables ("xa", "ap") mostly name kinds, not things
        return max(weight, 0.0)


def context_terms(names: Iterable[str]) -> frozenset[str]:
    """Terms of the names of the unit searched and its ancestors: every record there shares them."""
    terms: set[str] = set()
    for name in names:
        terms |= analyse(name).terms
    return frozenset(terms)


NAME_FLOOR = 0.8
# How many keys the index keeps of a record, and how many of a typed text a lookup reads: on the
# evaluation set six kept as many pairs within reach as eight, for a quarter fewer index rows.
STORED_KEYS = 6
QUERY_KEYS = 12


def key_of(term: str) -> int:
    """A stable signed 32-bit integer for a term (the index stores integers, not text)."""
    value = zlib.crc32(term.encode())
    return value - (1 << 32) if value >= (1 << 31) else value


def keys(analysis: Analysis, vocabulary: Vocabulary, *, limit: int = 8) -> list[int]:
    """The ``limit`` most telling terms of a text, as index keys: names first, then the rarest
    terms, pairs before syllables on equal weight."""
    floor = 0.35 * vocabulary.max_idf
    weights = {t: vocabulary.weight(t, names=analysis.names) for t in analysis.terms}
    ranked = sorted(
        (t for t, w in weights.items() if w >= floor),
        key=lambda t: (t not in analysis.names, -round(weights[t], 3), "_" not in t, t),
    )
    return [key_of(term) for term in ranked[:limit]]


@dataclass(frozen=True)
class Match:
    """A pair's score with what it rests on; ``score`` assumes the two texts are on one topic until
    ``agreeing`` says how far they are (the classifier's view, see ``classifier.agreement``)."""

    score: float
    shared: tuple[str, ...]  # the shared terms, names first, as folded words ("an thuan", "dt746")
    content: float = 0.0  # cosine of the weighted terms that are not names
    naming: float | None = None  # how much of the fewer names the other text gives; None: no names

    def agreeing(self, topics: float) -> Match:
        return replace(self, score=self.score * (TOPIC_FLOOR + (1 - TOPIC_FLOOR) * topics))


# The shape of the score, chosen on the evaluation set (docs/similar.md): without a shared name,
# wording alone counts for half; texts the classifier puts on different topics keep 60 %.
NAME_FLOOR_SCORE = 0.35
NO_NAMES = 0.5
TOPIC_FLOOR = 0.6


def _cosine(x: frozenset[str], y: frozenset[str], weights: dict[str, float]) -> float:
    dot = sum(weights[t] ** 2 for t in x & y)
    norm = math.sqrt(sum(weights[t] ** 2 for t in x)) * math.sqrt(sum(weights[t] ** 2 for t in y))
    return dot / norm if norm else 0.0


def score(
    query: Analysis,
    other: Analysis,
    vocabulary: Vocabulary,
    *,
    context: frozenset[str] = frozenset(),
) -> Match:
    """How surely two texts raise one concrete concern, in [0, 1], with the terms behind it.

    Two parts, multiplied: the wording they share apart from names (a cosine over weighted terms,
    where common words count for little), and the names both give (a road code, "ấp An Thuận"),
    measured against the text that names fewer, because a one-line summary names less than the
    citizen's long message. The same problem at two places shares wording but no name; two
    problems at one place share a name but little wording: both stay apart.
    """
    if not query.terms or not other.terms:
        return Match(0.0, ())
    names = query.names | other.names
    weights = {
        term: vocabulary.weight(term, context=context, names=names) for term in query.terms | other.terms
    }
    shared = query.terms & other.terms
    if not any(weights[t] for t in shared):
        return Match(0.0, ())
    content = _cosine(query.terms - names, other.terms - names, weights)
    names_q, names_o = query.names - context, other.names - context
    naming = None
    if names_q and names_o:
        fewer = min(sum(weights[t] for t in names_q), sum(weights[t] for t in names_o))
        naming = min(sum(weights[t] for t in names_q & names_o) / fewer, 1.0) if fewer else 0.0
        value = math.sqrt(content) * (NAME_FLOOR_SCORE + (1 - NAME_FLOOR_SCORE) * naming)
    else:
        value = math.sqrt(content) * NO_NAMES
    ordered = sorted(shared, key=lambda t: (t not in names, -weights[t], t))
    return Match(
        min(value, 1.0),
        tuple(t.replace("_", " ") for t in ordered if weights[t] > 0),
        content=content,
        naming=naming,
    )


def _word_runs(text: str) -> list[tuple[str, str, bool]]:
    """``text`` as (piece, folded word or "", is a word) runs, a numbered place glued to its word."""
    runs: list[tuple[str, str, bool]] = []
    for token in re.split(r"(\w+)", clean(text)):
        if token:
            runs.append((token, NON_WORD.sub("", fold(token)), bool(re.match(r"\w", token))))
    return runs


def _shared_spans(runs: list[tuple[str, str, bool]], shared: Iterable[str]) -> list[tuple[int, int, str]]:
    """(first run, last run, term) for each place a shared term stands in the text."""
    terms = [t.split() for t in shared]
    words = [i for i, run in enumerate(runs) if run[2]]
    spans = []
    for position in range(len(words)):
        for term in terms:
            # "ĐT-746" is the one term dt746: two words of the text, glued.
            for width in (len(term), len(term) + 1):
                chosen = words[position : position + width]
                if len(chosen) != width:
                    continue
                folded = [runs[i][1] for i in chosen]
                glued = folded if width == len(term) else [*folded[:-2], folded[-2] + folded[-1]]
                if glued == term:
                    spans.append((chosen[0], chosen[-1], " ".join(term)))
    return spans


def highlight(text: str, shared: Iterable[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_shared) runs for a template to mark up."""
    runs = _word_runs(text)
    marked = [False] * len(runs)
    for first, last, _term in _shared_spans(runs, shared):
        for i in range(first, last + 1):
            marked[i] = True
    pieces: list[tuple[str, bool]] = []
    for (piece, _folded, _word), is_shared in zip(runs, marked, strict=True):
        if pieces and pieces[-1][1] == is_shared:
            pieces[-1] = (pieces[-1][0] + piece, is_shared)
        else:
            pieces.append((piece, is_shared))
    return pieces


def as_written(text: str, shared: Iterable[str]) -> list[str]:
    """The shared terms as ``text`` writes them ("dt746" → "ĐT-746"), in the order given."""
    runs = _word_runs(text)
    found: dict[str, str] = {}
    for first, last, term in _shared_spans(runs, shared):
        found.setdefault(term, "".join(run[0] for run in runs[first : last + 1]))
    return [found.get(term, term) for term in shared]
