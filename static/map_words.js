/*
 * The map's words in the reader's language. The scripts write their sentences in English, `t("…", values)` and
 * `tn("…", "…", count, values)`, which `python -m geo.language update` extracts into the catalogues (Babel reads
 * these two names); the page sends the translations for the reader's language as a part (MapWords, named by
 * MapView.words: components/map/words_part.py). Values are named, `{name}`, so a translation may reorder them.
 * Plural forms are picked by the language's CLDR category (Intl.PluralRules); dates, numbers and lists are
 * written by the browser's Intl in the language. Until words arrive, or for a message they lack, the English
 * stands.
 */

const DAY_MS = 86400000;
const ENGLISH = { language: "en", locale: "en-GB", messages: {}, plurals: {}, names: {}, scales: null,
  analysisKinds: {}, credits: {} };

let words = ENGLISH;
let formats = null;

/** The Intl formatters of the current language, made once per language. */
function intl() {
  if (!formats || formats.locale !== words.locale) {
    const locale = words.locale;
    formats = {
      locale,
      plural: new Intl.PluralRules(locale),
      number: new Intl.NumberFormat(locale),
      list: new Intl.ListFormat(locale, { style: "long", type: "conjunction" }),
      medium: new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
    };
  }
  return formats;
}

function fill(text, values) {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** @param {MapWords|null} given the reader's language's words; null: English */
export function useWords(given) {
  words = given || ENGLISH;
}

/** The language the map speaks now ("en", "uk", "ru"). */
export function language() {
  return words.language;
}

/** A sentence in the reader's language, its named values filled in. */
export function t(message, values) {
  return fill(Object.prototype.hasOwnProperty.call(words.messages, message) ? words.messages[message] : message,
    values);
}

/** A sentence about `count` things in the form the language wants for that count; `{count}` is the number. */
export function tn(singular, plural, count, values) {
  const forms = words.plurals[singular];
  const category = intl().plural.select(count);
  const english = count === 1 ? singular : plural;
  const form = forms ? forms[category] || forms.other || english : english;
  return fill(form, Object.assign({ count: number(count) }, values));
}

/** A name the payload carries in English (a place, region, area, layer or source) as the reader's language has it. */
export function nameOf(english) {
  return Object.prototype.hasOwnProperty.call(words.names, english) ? words.names[english] : english;
}

/** A credit the payload carries as English HTML (escaped on the server), as the reader's language writes it. */
export function creditOf(englishHtml) {
  return Object.prototype.hasOwnProperty.call(words.credits, englishHtml) ? words.credits[englishHtml] : englishHtml;
}

/** The payload's grade scales in the reader's language, or null: the payload's own. */
export function scaleWords() {
  return words.scales;
}

/** An overlay kind's legend words in the reader's language, or the payload's. */
export function analysisWords(kind) {
  return words.analysisKinds[kind.key] || kind.words;
}

export function number(value) {
  return intl().number.format(value);
}

/** "Sudzha and Kursk Oblast", "Суджа і Курська область". */
export function listOf(items) {
  return intl().list.format(items);
}

/** English dates as the page writes them (geo/language/words.py): day first, the months' common abbreviations
 * ("4 Sep 2025"; CLDR's British English writes "Sept"). */
const ENGLISH_MONTH = new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" });

/** A day (days since 1970-01-01) as the language writes a date: "31 Jan 2025", "31 січ. 2025 р.". */
export function dayWords(epochDay) {
  const date = new Date(epochDay * DAY_MS);
  if (words.language !== "en") return intl().medium.format(date);
  return date.getUTCDate() + " " + ENGLISH_MONTH.format(date) + " " + date.getUTCFullYear();
}
