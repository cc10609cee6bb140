"""A Cyrillic place name as readers of other languages spell it, so that a search in any of them finds it.

The press and the reference works of each language write Суджа their own way: Sudzha (BGN/PCGN, English),
Sudža (ISO 9, Czech, the scholarly system), Sudscha (German, Duden), Soudja (French), Sudja (Portuguese), Sudża
(Polish), Soedzja (Dutch). Search folds accents away (geo.selection.search), so the systems here differ only
where their letters do. Russian and Ukrainian names have their own tables: a Ukrainian name is written from its
Ukrainian letters (г is h, и is y), as the Ukrainian national system of 2010 and the others do.

Each system is a table of letters with the few contexts they use: an iotated vowel (е, ё, ю, я, є, ї) at a
word's start, after a vowel or after a hard or soft sign is written with its glide (ye, je, ie), the Ukrainian
national system writes є, ї, й, ю, я so only at a word's start, and some systems double s between vowels
(German, French) so that it is not read as z.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

VOWELS = frozenset("аеёиоуыэюяіїє")
SIGNS = frozenset("ъь'’ʼ")
Table = Mapping[str, str]


@dataclass(frozen=True)
class System:
    """One romanisation: each lower-case Cyrillic letter's Latin spelling, and where a letter is spelt otherwise."""

    name: str
    letters: Table
    after_vowel: Table = field(default_factory=dict)  # at a word's start, after a vowel or a sign
    between_vowels: Table = field(default_factory=dict)
    initial: Table = field(default_factory=dict)  # at a word's start only

    def romanise(self, text: str) -> str:
        """`text` in this system, lower-case; what is not Cyrillic stays as it is."""
        lowered = text.lower()
        spelt = []
        for place, letter in enumerate(lowered):
            before = lowered[place - 1] if place else " "
            after = lowered[place + 1] if place + 1 < len(lowered) else " "
            starts = not before.isalpha() and before not in SIGNS
            opens = starts or before in VOWELS or before in SIGNS
            if starts and letter in self.initial:
                spelt.append(self.initial[letter])
            elif opens and letter in self.after_vowel:
                spelt.append(self.after_vowel[letter])
            elif before in VOWELS and after in VOWELS and letter in self.between_vowels:
                spelt.append(self.between_vowels[letter])
            else:
                spelt.append(self.letters.get(letter, "" if letter in SIGNS else letter))
        return "".join(spelt)


def table(base: Table, **changes: str) -> Table:
    """A table that differs from `base` in a few letters (given by their Latin names, see LETTER_NAMES)."""
    merged = dict(base)
    merged.update({LETTER_NAMES[name]: spelling for name, spelling in changes.items()})
    return MappingProxyType(merged)


LETTER_NAMES = {
    "a": "а", "b": "б", "v": "в", "g": "г", "gh": "ґ", "d": "д", "e": "е", "yo": "ё", "ye": "є", "zh": "ж",
    "z": "з", "i": "и", "ii": "і", "yi": "ї", "j": "й", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о",
    "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш",
    "shch": "щ", "hard": "ъ", "y": "ы", "soft": "ь", "eh": "э", "yu": "ю", "ya": "я",
}  # fmt: skip

PLAIN = MappingProxyType(dict(zip("абвгдзиклмнопрстуфы", "abvgdziklmnoprstufy", strict=True)))
"""The letters nearly every system spells alike; each table below says only where it differs."""

# Russian names.
ISO_9 = System(
    "ISO 9",
    table(PLAIN, e="e", yo="ë", zh="ž", j="j", kh="h", ts="c", ch="č", sh="š", shch="ŝ", eh="è", yu="û", ya="â"),
)
SCHOLARLY = System(
    "scholarly",
    table(PLAIN, e="e", yo="ë", zh="ž", j="j", kh="x", ts="c", ch="č", sh="š", shch="šč", eh="è", yu="ju", ya="ja"),
)
CZECH = System(
    "Czech",
    table(PLAIN, e="e", yo="jo", zh="ž", j="j", kh="ch", ts="c", ch="č", sh="š", shch="šč", eh="e", yu="ju", ya="ja"),
    after_vowel={"е": "je"},
)
BGN_PCGN = System(
    "BGN/PCGN",
    table(PLAIN, e="e", yo="ë", zh="zh", j="y", kh="kh", ts="ts", ch="ch", sh="sh", shch="shch", eh="e", yu="yu",
          ya="ya"),
    after_vowel={"е": "ye", "ё": "yë"},
)  # fmt: skip
ENGLISH_PRESS = System(
    "English press",
    table(PLAIN, e="e", yo="yo", zh="zh", j="y", kh="kh", ts="ts", ch="ch", sh="sh", shch="shch", eh="e", yu="yu",
          ya="ya"),
    after_vowel={"е": "ye"},
)  # fmt: skip
GERMAN = System(
    "German (Duden)",
    table(PLAIN, v="w", z="s", e="e", yo="jo", zh="sch", j="j", kh="ch", ts="z", ch="tsch", sh="sch",
          shch="schtsch", eh="e", yu="ju", ya="ja"),
    after_vowel={"е": "je"},
    between_vowels={"с": "ss"},
)  # fmt: skip
FRENCH = System(
    "French",
    table(PLAIN, u="ou", e="e", yo="io", zh="j", j="ï", kh="kh", ts="ts", ch="tch", sh="ch", shch="chtch", eh="e",
          yu="iou", ya="ia"),
    between_vowels={"с": "ss"},
)  # fmt: skip
PORTUGUESE = System(
    "Portuguese",
    table(PLAIN, e="e", yo="io", zh="j", j="i", kh="kh", ts="ts", ch="tch", sh="ch", shch="chtch", eh="e", yu="iu",
          ya="ia"),
)  # fmt: skip
SPANISH = System(
    "Spanish",
    table(PLAIN, e="e", yo="io", zh="zh", j="i", kh="j", ts="ts", ch="ch", sh="sh", shch="sch", eh="e", yu="iu",
          ya="ia"),
)  # fmt: skip
POLISH = System(
    "Polish",
    table(PLAIN, v="w", l="ł", e="ie", yo="io", zh="ż", j="j", kh="ch", ts="c", ch="cz", sh="sz", shch="szcz",
          eh="e", yu="iu", ya="ia"),
    after_vowel={"е": "je", "ё": "jo", "ю": "ju", "я": "ja"},
)  # fmt: skip
DUTCH = System(
    "Dutch",
    table(PLAIN, u="oe", e="e", yo="jo", zh="zj", j="j", kh="ch", ts="ts", ch="tsj", sh="sj", shch="sjtsj", eh="e",
          yu="joe", ya="ja"),
    after_vowel={"е": "je"},
)  # fmt: skip

# Ukrainian names.
UKRAINIAN_PLAIN = table(PLAIN, g="h", gh="g", i="y", ii="i")
UKRAINIAN_NATIONAL = System(
    "Ukrainian national (2010)",
    table(UKRAINIAN_PLAIN, e="e", ye="ie", zh="zh", yi="i", j="i", kh="kh", ts="ts", ch="ch", sh="sh", shch="shch",
          yu="iu", ya="ia"),
    initial={"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"},
)  # fmt: skip
ISO_9_UKRAINIAN = System(
    "ISO 9 (Ukrainian)",
    table(PLAIN, gh="g̀", e="e", ye="ê", zh="ž", i="i", ii="ì", yi="ï", j="j", kh="h", ts="c", ch="č", sh="š",
          shch="ŝ", yu="û", ya="â"),
)  # fmt: skip
SCHOLARLY_UKRAINIAN = System(
    "scholarly (Ukrainian)",
    table(UKRAINIAN_PLAIN, e="e", ye="je", zh="ž", yi="ji", j="j", kh="x", ts="c", ch="č", sh="š", shch="šč",
          yu="ju", ya="ja"),
)  # fmt: skip
BGN_PCGN_UKRAINIAN = System(
    "BGN/PCGN (Ukrainian)",
    table(UKRAINIAN_PLAIN, e="e", ye="ye", zh="zh", yi="yi", j="y", kh="kh", ts="ts", ch="ch", sh="sh", shch="shch",
          yu="yu", ya="ya"),
)  # fmt: skip
GERMAN_UKRAINIAN = System(
    "German (Ukrainian)",
    table(UKRAINIAN_PLAIN, v="w", z="s", e="e", ye="je", zh="sch", yi="ji", j="j", kh="ch", ts="z", ch="tsch",
          sh="sch", shch="schtsch", yu="ju", ya="ja"),
    between_vowels={"с": "ss"},
)  # fmt: skip
FRENCH_UKRAINIAN = System(
    "French (Ukrainian)",
    table(UKRAINIAN_PLAIN, u="ou", e="e", ye="ie", zh="j", yi="ï", j="ï", kh="kh", ts="ts", ch="tch", sh="ch",
          shch="chtch", yu="iou", ya="ia"),
    between_vowels={"с": "ss"},
)  # fmt: skip
POLISH_UKRAINIAN = System(
    "Polish (Ukrainian)",
    table(UKRAINIAN_PLAIN, v="w", e="e", ye="ie", zh="ż", yi="ji", j="j", kh="ch", ts="c", ch="cz", sh="sz",
          shch="szcz", yu="iu", ya="ia"),
    after_vowel={"є": "je", "ю": "ju", "я": "ja"},
)  # fmt: skip

RUSSIAN_SYSTEMS = (ISO_9, SCHOLARLY, CZECH, BGN_PCGN, ENGLISH_PRESS, GERMAN, FRENCH, PORTUGUESE, SPANISH, POLISH, DUTCH)
UKRAINIAN_SYSTEMS = (
    UKRAINIAN_NATIONAL,
    ISO_9_UKRAINIAN,
    SCHOLARLY_UKRAINIAN,
    BGN_PCGN_UKRAINIAN,
    GERMAN_UKRAINIAN,
    FRENCH_UKRAINIAN,
    POLISH_UKRAINIAN,
)


def spellings(name_ru: str | None, name_uk: str | None) -> list[str]:
    """A place's Russian and Ukrainian names in every system of their language."""
    russian = [system.romanise(name_ru) for system in RUSSIAN_SYSTEMS] if name_ru else []
    ukrainian = [system.romanise(name_uk) for system in UKRAINIAN_SYSTEMS] if name_uk else []
    return russian + ukrainian
