/*
 * The date box: the shown date, each front layer's "as of" date and how many claims are shown. It and the
 * legend must not hide a claim: where they would, the box drops its "as of" lines (the panel lists them
 * too), then moves to the top left or the bottom, and a legend the viewer has not opened folds away. On a phone an
 * area's badge finds its own clear point (static/map_area_badges.js): the box does not move for it, the badges are
 * drawn again clear of the box instead.
 */

import { phoneMap } from "kcm/map_counts.js";
import { el, overlaps } from "kcm/map_dom.js";
import { isoText } from "kcm/map_dates.js";
import { frontDateLines } from "kcm/map_fronts.js";
import { language, tn } from "kcm/map_words.js";

const DATE_BOX_PLACES = ["", "kcm-date-box-compact", "kcm-date-box-compact kcm-date-box-left",
  "kcm-date-box-compact kcm-date-box-bottom"];

export function addDateBox(map) {
  const dateBox = L.DomUtil.create("div", "kcm-date-box", map.getContainer());
  L.DomEvent.disableClickPropagation(dateBox);
  return dateBox;
}

/** Rewritten only when its text changes: a view that changes nothing leaves the page untouched. */
export function renderDateBox(ctx) {
  const { claims, dateBox, state } = ctx;
  if (!state.date) return;
  const lines = frontDateLines(ctx);
  const outside = claims.outsideView();
  const shown = tn("{count} claim shown", "{count} claims shown", state.visible.length);
  const count = outside ? shown + " · " + tn("{count} outside this view", "{count} outside this view", outside) : shown;
  const key = JSON.stringify([state.date, lines, count, language()]);
  if (key === state.dateBoxKey) return;
  state.dateBoxKey = key;
  dateBox.replaceChildren(el("div", "kcm-date", isoText(state.date)));
  const asOf = el("div", "kcm-asof");
  for (const line of lines) asOf.appendChild(el("div", "kcm-asof-layer", line));
  asOf.appendChild(el("div", "kcm-asof-count", count));
  dateBox.appendChild(asOf);
}

/** Whether the element covers a claim's symbol; `kinds`, when given, names the only kinds of symbol that count. */
function coversClaims(claims, element, kinds) {
  const box = element.getBoundingClientRect();
  return claims.symbols().some((symbol) => (!kinds || kinds.includes(symbol.kind)) &&
    overlaps(symbol.marker.getElement().getBoundingClientRect(), box));
}

/** On a phone, the area badges drawn before the box had its place (or its words) are drawn again clear of it. */
function badgesClearOf(claims, dateBox) {
  if (phoneMap() && coversClaims(claims, dateBox, ["area"])) claims.render();
}

/** The box in the first of `places` where it covers no claim (on a phone, no marker or pill), else the last. */
function placeDateBox(claims, dateBox, places) {
  const kinds = phoneMap() ? ["claim", "cluster"] : null;  // a phone's area badges move themselves
  for (const place of places) {
    const className = ("kcm-date-box " + place).trim();
    if (dateBox.className !== className) dateBox.className = className;
    if (!coversClaims(claims, dateBox, kinds)) break;
  }
}

/** Measures the page (forced layouts), so it runs only when the symbols, the date box or the map moved. */
export function keepClaimsInSight(ctx, event) {
  const { claims, dateBox, legend, state } = ctx;
  const sightKey = () => [claims.renders(), state.dateBoxKey, state.brief, legend.isOpen()].join("|");
  if (!event && sightKey() === state.sightKey) return;
  placeDateBox(claims, dateBox, state.brief ? DATE_BOX_PLACES.slice(0, 2) : DATE_BOX_PLACES);  // a briefing's stays put
  if (!legend.touched && legend.isOpen() && coversClaims(claims, legend.getContainer())) legend.setOpen(false);
  badgesClearOf(claims, dateBox);
  state.sightKey = sightKey();
}

/** Keeps the date box current and clear of the claims as the map moves and layers come and go. */
export function followMap(ctx) {
  ctx.map.on("overlayadd overlayremove moveend", () => renderDateBox(ctx));
  ctx.map.on("moveend zoomend overlayadd overlayremove", (event) => keepClaimsInSight(ctx, event));
}
