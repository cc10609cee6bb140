/* A claim's grade as the payload's scales spell it: one byte per claim, read here; its words in the reader's
 * language (static/map_words.js), its level and status as the payload names them for the map's styles. */

import { scaleWords, t } from "kcm/map_words.js";

export const UNGRADED = 255;

/** What ClaimColumns.marks letters say: only analysts' maps hold drafts and claims in review. */
export const MARK_WORDS = {
  d: () => t("Draft: not published, viewers do not see it"),
  r: () => t("In review: viewers see the last published version"),
  x: () => t("Retracted: kept on the record, struck through"),
};

/** The scales' words in the reader's language: the words part's, else the payload's own. */
function scalesRead(scales) {
  return scaleWords() || scales;
}

/**
 * A claim's mark as of the grades shown: a retraction counts from its own date, so "Known then" on an
 * earlier day shows a tombstone as the claim it then was.
 * @param {string} mark
 * @param {{retracted: boolean} | null} grade
 * @returns {string}
 */
export function markAsGraded(mark, grade) {
  return mark === "x" && (!grade || !grade.retracted) ? "." : mark;
}

/** What a claim's grade byte says, in the payload's scales. */
export function makeGradeReader(scales) {
  return (byte, reliability) => {
    if (byte === UNGRADED || byte === undefined) return null;
    const perLevel = scales.statuses.length * 6;
    const level = Math.floor(byte / perLevel);
    const status = Math.floor((byte % perLevel) / 6);
    const credibility = (byte % 6) + 1;
    const read = scalesRead(scales);
    return {
      level: scales.levels[level],
      levelWords: read.levels[level],
      colour: scales.levelColours[level],
      status: scales.statuses[status],
      statusWords: read.statuses[status],
      retracted: scales.statuses[status] === scales.retracted,
      credibility,
      opacity: scales.credibilityOpacity[credibility - 1],
      code: reliability + credibility,
      words: t("{code} — {reliability} source; {credibility}", { code: reliability + credibility,
        reliability: read.reliabilityWords[reliability], credibility: read.credibilityWords[credibility - 1] }),
    };
  };
}
