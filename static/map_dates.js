/* Dates as the map reads them: ISO strings in the payload and views, epoch days in the claim columns; written
 * the reader's way (static/map_words.js). */

import { dayWords } from "kcm/map_words.js";

const DAY_MS = 86400000;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isoToDay(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function dayText(epochDay) {
  return dayWords(epochDay);
}

export function dayToIso(epochDay) {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function isoText(iso) {
  return dayText(isoToDay(iso));
}

/** Where the date slider lands when moved to `day` from `from`, as components/panel/cards.py snap_to_step decides:
 * a day with nothing new moves on to the next timeline date in the direction moved. */
export function snapToStep(timeline, day, from) {
  if (!timeline.length || timeline.includes(day)) return day;
  if (from !== null && day > from) return timeline.find((option) => option >= day) ?? timeline[timeline.length - 1];
  const earlier = timeline.filter((option) => option <= day);
  return earlier.length ? earlier[earlier.length - 1] : timeline[0];
}
