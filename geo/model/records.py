"""The data model: sources, claims and their confidence, validated with pydantic.

Records are validated one by one (see geo.reading.loading) so that one bad claim is reported
and skipped while the rest of the file still loads.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from geo.language.phrase import Phrase, PhraseError
from geo.language.words import N_
from geo.model.confidence import OVERRIDE_STATUSES, ConfidenceLevel, Reliability, Status

RECORD_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Every record's id (claims, sources, areas), and what a link may name: the map gets it in its payload."""
RecordId = Annotated[str, Field(pattern=RECORD_ID_PATTERN, max_length=80)]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date(value: object) -> object:
    """Only a real calendar date written YYYY-MM-DD: no timestamps, numbers or guesses."""
    if isinstance(value, dt.datetime):
        raise PhraseError(
            Phrase.gettext("expected a date (YYYY-MM-DD), got a date and time {value}", value=repr(value))
        )
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not ISO_DATE.match(value.strip()):
        raise PhraseError(Phrase.gettext("expected a date written YYYY-MM-DD, got {value}", value=repr(value)))
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise PhraseError(Phrase.gettext("{value} is not a date on the calendar", value=repr(value))) from None


IsoDate = Annotated[dt.date, BeforeValidator(iso_date)]
"""Text limits, documented in the README: long enough for any real record, short enough for a card."""
LONG_TEXT = 2000
SHORT_TEXT = 300
NOTE_TEXT = 4000
Statement = Annotated[str, Field(min_length=1, max_length=LONG_TEXT)]
StatementLanguage = Literal["en", "uk", "ru"]
"""The languages a statement is recorded in: the interface's."""
LANGUAGE_NAMES = {"en": "English", "uk": "Ukrainian", "ru": "Russian"}
"""A language's English name, as the store's and the loader's sentences say it (a form says it in its reader's)."""
ShortText = Annotated[str, Field(max_length=SHORT_TEXT)]
LongText = Annotated[str, Field(max_length=LONG_TEXT)]
NoteText = Annotated[str, Field(max_length=NOTE_TEXT)]
Url = Annotated[str, Field(max_length=2000)]
Credibility = Literal[1, 2, 3, 4, 5, 6]
Precision = Literal["day", "week", "month", "period"]
"""How exactly a claim's period is known."""


class Affiliation(StrEnum):
    """Whose side a source is on: parties to the conflict versus everyone else."""

    UKRAINE = "ukraine"
    RUSSIA = "russia"
    NORTH_KOREA = "north-korea"
    THIRD_PARTY_GOVERNMENT = "third-party-government"
    INDEPENDENT = "independent"

    @property
    def is_party(self) -> bool:
        """Parties to the conflict have a stake in what they claim."""
        return self in {Affiliation.UKRAINE, Affiliation.RUSSIA, Affiliation.NORTH_KOREA}

    @property
    def label(self) -> str:
        return {
            "ukraine": "Ukraine",
            "russia": "Russia",
            "north-korea": "North Korea",
            "third-party-government": "Third-party government",
            "independent": "Independent media / analysts",
        }[self.value]


class SourceKind(StrEnum):
    NEWS_OUTLET = "news-outlet"
    NEWS_AGENCY = "news-agency"
    STATE_MEDIA = "state-media"
    GOVERNMENT = "government"
    MILITARY = "military"
    INTELLIGENCE = "intelligence"
    LEGISLATURE = "legislature"
    THINK_TANK = "think-tank"
    MAPPING_PROJECT = "mapping-project"
    OTHER = "other"


class Category(StrEnum):
    TROOP_PRESENCE = "troop-presence"
    CASUALTIES = "casualties"
    TERRITORIAL_CONTROL = "territorial-control"
    MATERIEL = "materiel"
    DIPLOMACY = "diplomacy"
    CAPABILITY = "capability"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


def check_web_url(value: str) -> str:
    """Only http(s) links may reach a page; an empty string means 'no link found'."""
    value = value.strip()
    if value and (urlsplit(value).scheme not in {"http", "https"} or not urlsplit(value).netloc):
        raise PhraseError(Phrase.gettext("link must be an http(s) URL, got {value}", value=repr(value)))
    return value


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a field name must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


UKRAINIAN_ONLY_LETTERS = frozenset("ґєіїҐЄІЇ")
RUSSIAN_ONLY_LETTERS = frozenset("ёыэъЁЫЭЪ")
"""Letters one of the two languages writes and the other never does: a name holding the other's is in the wrong
field (a Russian name given as the Ukrainian one), so the loader and the forms refuse it."""


def letters_foreign_to(language: str, text: str) -> str:
    """The letters of `text` that the language ("uk" or "ru") never writes, in order, each once; '' when none."""
    foreign = RUSSIAN_ONLY_LETTERS if language == "uk" else UKRAINIAN_ONLY_LETTERS
    return "".join(dict.fromkeys(letter for letter in text if letter in foreign))


class Source(Strict):
    """A claimant or an outlet; claims refer to sources by id.

    `reliability` is the Admiralty grade of the source itself (its record on matters like
    these); `part_of` names the organisation it belongs to, so that two parts of one body
    are not counted as independent of each other. `name_uk` and `name_ru` are its name as the
    Ukrainian and Russian press write it (an outlet's Latin brand kept as it writes itself);
    without one a reader of that language reads the English name, never a guessed transliteration.
    """

    id: RecordId
    name: str = Field(min_length=1, max_length=SHORT_TEXT)
    name_uk: str | None = Field(default=None, min_length=1, max_length=SHORT_TEXT)
    name_ru: str | None = Field(default=None, min_length=1, max_length=SHORT_TEXT)
    kind: SourceKind
    affiliation: Affiliation
    url: Url = ""
    note: LongText = ""
    reliability: Reliability = "F"
    reliability_note: LongText = ""
    part_of: RecordId | None = None

    _url = field_validator("url")(check_web_url)

    @field_validator("name_uk", "name_ru")
    @classmethod
    def _in_its_language(cls, value: str | None, info: ValidationInfo) -> str | None:
        language = str(info.field_name).removeprefix("name_")
        if value is not None and (foreign := letters_foreign_to(language, value)):
            raise PydanticCustomError(
                f"letters_not_{LANGUAGE_NAMES[language].lower()}",
                "has letters {language} does not write ({letters}): is it the other language's name?",
                {"language": LANGUAGE_NAMES[language], "letters": foreign},
            )
        return value

    def name_in(self, language: str) -> str:
        """The source's name in a language ("uk", "ru"), else its English name."""
        return {"uk": self.name_uk, "ru": self.name_ru}.get(language) or self.name

    @property
    def names(self) -> tuple[tuple[str, str], ...]:
        """Its names other than the English one, by language code: what a phrase naming it carries."""
        return tuple((language, name) for language, name in (("uk", self.name_uk), ("ru", self.name_ru)) if name)


class Report(Strict):
    """One publication of a claim: the outlet, when, where to read it, through whom."""

    outlet: RecordId
    date: IsoDate
    url: Url = ""
    title: ShortText = ""
    via: ShortText = ""
    quote: LongText = ""

    _url = field_validator("url")(check_web_url)


class DateRange(Strict):
    """From a first to a last day, both included: the end may not come before the start."""

    start: IsoDate
    end: IsoDate

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise PhraseError(
                Phrase.gettext(
                    "period ends ({end}) before it starts ({start})", end=str(self.end), start=str(self.start)
                )
            )
        return self


class Period(DateRange):
    """The time a claim is about, as opposed to when it was reported."""

    precision: Precision = "day"


class Point(Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Location(Strict):
    """Where a claim applies: a gazetteer place, a point, or a named area — exactly one."""

    place: str | None = Field(default=None, max_length=SHORT_TEXT)
    point: Point | None = None
    area: RecordId | None = None
    precision_km: float | None = Field(default=None, gt=0, le=1000)
    note: LongText = ""
    beyond_region: bool = False  # lies outside the case's region on purpose (a statement made in a capital, say)

    @model_validator(mode="after")
    def _exactly_one(self) -> Location:
        given = [name for name in ("place", "point", "area") if getattr(self, name) is not None]
        if not given:
            raise PhraseError(Phrase.gettext("choose a place, a point or an area"))
        if len(given) > 1:
            raise PhraseError(
                Phrase.gettext("give one of place, point or area, not {given}", given=" and ".join(given))
            )
        if self.point is not None and self.precision_km is None:
            raise PhraseError(Phrase.gettext("a point location must say how precise it is (precision_km)"))
        return self


class StatementKind(StrEnum):
    """What sort of statement a claim is: it bounds how sure any grade of it can be (geo.grading.rule).

    A forecast is never "almost certain" to have happened, an inference never rises above its
    evidence, and a denial or a "no comment" tells little about anything but itself."""

    FACT = "fact"  # something the claimant observed, did, decided or says happened
    ESTIMATE = "estimate"  # a count or an estimate: a figure with an uncertainty
    INFERENCE = "inference"  # a conclusion drawn from other information ("probably because of losses")
    FORECAST = "forecast"  # what may happen ("could return")
    DENIAL = "denial"  # that something did not happen or is not so
    NO_COMMENT = "no-comment"  # a refusal to confirm or deny

    @property
    def label(self) -> str:
        return {
            "fact": N_("a statement of fact"),
            "estimate": N_("a count or estimate"),
            "inference": N_("an inference"),
            "forecast": N_("a forecast"),
            "denial": N_("a denial"),
            "no-comment": N_("a refusal to comment"),
        }[self.value]


class Access(StrEnum):
    """How the origin knows what it says (ICD 206's source descriptor: direct or indirect access).

    `unknown` is the default, and the grading rule reads it as dependence: a claim whose
    access is not recorded never counts as independent confirmation of another."""

    OWN_FORCES = "own-forces"  # first-hand from the origin's own forces or units
    OWN_COLLECTION = "own-collection"  # its own intelligence, imagery or reporters on the ground
    OWN_SIDE_OFFICIAL = "own-side-official"  # an official statement about its own side's acts or decisions
    ANALYSIS = "analysis"  # its own analysis of evidence it names (geolocated footage, maps)
    RELAYED = "relayed"  # passes on what another source said (name it in `origin`)
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "own-forces": N_("first-hand, from its own forces"),
            "own-collection": N_("its own collection (intelligence, imagery or reporters on the ground)"),
            "own-side-official": N_("an official statement about its own side"),
            "analysis": N_("its own analysis of the evidence it names"),
            "relayed": N_("relayed from another source"),
            "unknown": N_("not recorded"),
        }[self.value]


Quantity = Literal["ua-held-area-km2", "ua-held-area-peak-km2", "nk-casualties", "nk-troops-first-deployment"]
AREA_QUANTITIES = frozenset({"ua-held-area-km2", "ua-held-area-peak-km2"})
"""Figures in km² of the Ukrainian-held area, which the timeline chart plots against the mapped fronts."""


class Measure(Strict):
    """A figure the claim states, with its uncertainty, so figures of one quantity and date can be
    compared by value (geo.grading.figures) and plotted against mapped data (e.g. km² held).

    `qualifier`: exact, about (±10 %), over (at least the value), under (at most the value), or
    range (from `value` to `high`). `derived_from` names the claim whose figure this one was
    worked out from: it is never independent of it and never graded above it."""

    quantity: Quantity
    value: float = Field(ge=0)
    qualifier: Literal["exact", "about", "over", "under", "range"] = "exact"
    high: float | None = Field(default=None, ge=0)
    derived_from: RecordId | None = None

    @model_validator(mode="after")
    def _range_has_two_ends(self) -> Measure:
        if (self.qualifier == "range") != (self.high is not None):
            raise PhraseError(Phrase.gettext("a range needs `high` (and only a range has one)"))
        if self.high is not None and self.high < self.value:
            raise PhraseError(
                Phrase.gettext("range ends ({high}) below its start ({value})", high=self.high, value=self.value)
            )
        return self


class Override(Strict):
    """An analyst's correction of the rule's verdict; the rationale is mandatory and shown."""

    credibility: Credibility | None = None
    confidence: ConfidenceLevel | None = None
    status: Status | None = None  # one of OVERRIDE_STATUSES
    rationale: str = Field(min_length=10, max_length=LONG_TEXT)
    by: ShortText = ""

    @field_validator("status")
    @classmethod
    def _not_a_retraction(cls, status: Status | None) -> Status | None:
        if status is not None and status not in OVERRIDE_STATUSES:
            allowed = ", ".join(f"'{value}'" for value in OVERRIDE_STATUSES)
            raise PhraseError(
                Phrase.gettext(
                    "an override sets the status to one of {allowed}, not '{status}' (a reviewer retracts)",
                    allowed=allowed,
                    status=str(status),
                )
            )
        return status

    @model_validator(mode="after")
    def _changes_something(self) -> Override:
        if self.credibility is None and self.confidence is None and self.status is None:
            raise PhraseError(Phrase.gettext("an override must change credibility, confidence or status"))
        return self


class Retraction(Strict):
    """A published claim withdrawn by a reviewer: it stays, struck through, with when and why."""

    on: IsoDate
    reason: str = Field(min_length=10, max_length=LONG_TEXT)
    by: ShortText = ""


class Alliance(Strict):
    """Parties to the conflict that fight on one side: they never corroborate each other's claims."""

    id: RecordId
    name: str = Field(min_length=1)
    members: list[Affiliation] = Field(min_length=2)
    note: str = ""

    @model_validator(mode="after")
    def _parties_only(self) -> Alliance:
        outsiders = [member.value for member in self.members if not member.is_party]
        if outsiders:
            raise ValueError(f"only parties to the conflict can be allied; not parties: {outsiders}")
        return self


class Claim(Strict):
    """One assertion by one claimant, with where it was reported and what it relates to.

    How far to trust it is not typed in: geo.grading.rule derives it from whose information it is
    (`origin`, the source the claimant passes on, and `informed_by`) and how that origin knows
    (`access`), the statement's `kind`, whose side it `favours`, `against_interest`, its
    figure (`measure`) and the links: `same_as` (asserts the
    same thing: one assertion group), `supports` (agrees without asserting the same thing)
    and `contradicts`. `number` is the claim's public number; once given it never changes.
    """

    id: RecordId
    number: int | None = Field(default=None, ge=1, le=9_999_999)
    statement: Statement
    statement_language: StatementLanguage = "en"  # the language it was made in: kept in it, never translated in place
    translations: dict[StatementLanguage, Statement] = Field(default_factory=dict)  # optional, by language
    claimant: RecordId
    reports: list[Report] = Field(min_length=1, max_length=200)
    refers_to: Period
    location: Location
    category: Category
    about: Affiliation | None = None
    origin: RecordId | None = None
    against_interest: bool = False
    kind: StatementKind | None = None  # unstated: graded as an inference, never as a fact
    access: Access = Access.UNKNOWN
    informed_by: list[RecordId] = Field(default_factory=list, max_length=20)  # further origins it draws on
    favours: Literal["ukraine", "russia", "north-korea", "neither"] | None = None  # whose side it helps if believed
    same_as: list[RecordId] = Field(default_factory=list, max_length=200)
    supports: list[RecordId] = Field(default_factory=list, max_length=200)
    contradicts: list[RecordId] = Field(default_factory=list, max_length=200)
    analyst_note: NoteText = ""
    override: Override | None = None
    measure: Measure | None = None
    retraction: Retraction | None = None  # a tombstone: shown struck through, never counted as evidence

    @field_validator("translations")
    @classmethod
    def _into_other_languages(
        cls, translations: dict[StatementLanguage, str], info: ValidationInfo
    ) -> dict[StatementLanguage, str]:
        """A translation into the language the statement was made in is refused: the statement is that already."""
        made_in = info.data.get("statement_language")
        if made_in in translations:
            raise PydanticCustomError(
                "translation_in_statement_language",
                "the statement is already in {language}: a translation is into another language",
                {"language": made_in},
            )
        return translations

    @model_validator(mode="after")
    def _links_make_sense(self) -> Claim:
        for field_name in ("same_as", "supports", "contradicts"):
            if self.id in getattr(self, field_name):
                raise PhraseError(Phrase.gettext("{field} lists the claim itself ({id})", field=field_name, id=self.id))
        if self.access is Access.RELAYED and not self.origin:
            raise PhraseError(Phrase.gettext("access 'relayed' needs `origin`: the source whose word is passed on"))
        if self.measure is not None and self.measure.derived_from == self.id:
            raise PhraseError(Phrase.gettext("measure.derived_from names the claim itself ({id})", id=self.id))
        agreeing = set(self.same_as) | set(self.supports)
        both = sorted(agreeing & set(self.contradicts))
        if both:
            raise PhraseError(
                Phrase.gettext("a claim cannot both agree with and contradict {both}", both=", ".join(both))
            )
        return self

    @cached_property
    def first_reported(self) -> dt.date:
        """Asked for on every date step for every claim: worked out once (a claim never changes)."""
        return min(report.date for report in self.reports)


class Region(Strict):
    """A longitude/latitude box (WGS 84) that the case's places and points lie in."""

    west: float = Field(ge=-180, le=180)
    south: float = Field(ge=-90, le=90)
    east: float = Field(ge=-180, le=180)
    north: float = Field(ge=-90, le=90)

    @model_validator(mode="after")
    def _ordered(self) -> Region:
        if self.west >= self.east or self.south >= self.north:
            raise ValueError("region needs west < east and south < north")
        return self

    def holds(self, lat: float, lon: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


class Case(Strict):
    """Where and when the case happens (data/case.yaml): the loader refuses what lies outside."""

    id: RecordId
    title: str = Field(min_length=1, max_length=SHORT_TEXT)
    region: Region
    period: DateRange


class CaseInfo(Strict):
    """The header of a claims file: which story it tells and the date it centres on."""

    case: RecordId
    title: str = Field(min_length=1, max_length=SHORT_TEXT)
    key_date: IsoDate | None = None
