/*
 * The front layers: each drawn as of the shown date, with its source credited while it is on the map. A
 * snapshot's geometry is a part (static/map_parts.js), fetched the first time its date is drawn; once the
 * browser is idle, the snapshots either side of it are fetched ahead (while playing, the next few), so the
 * next step, or the player's next day, only draws.
 */

import { titledBox } from "kcm/map_dom.js";
import { isoText } from "kcm/map_dates.js";
import { whenIdle } from "kcm/map_dom.js";
import { seriesPart } from "kcm/map_parts.js";
import { creditOf, nameOf, number, t } from "kcm/map_words.js";

const PLAY_AHEAD = 4;  // snapshots fetched ahead while playing: the player's next days are here before it is

function frontStyle(layer) {
  return Object.assign({}, layer.style, layer.hatched ? { className: "kcm-hatched-" + layer.side } : {});
}

function frontTooltip(layer, snapshot) {
  return titledBox(nameOf(layer.label), [
    t("as of {date} · {area} km²", { date: isoText(snapshot.date), area: number(Math.round(snapshot.areaKm2)) }),
    t("Source: {source}", { source: nameOf(layer.sourceName) }),
  ]);
}

/**
 * The map's credits, in the reader's language. A front layer's credit shows while the layer is on the map.
 * (Leaflet would do this from the group's `attribution` option, but folium's FeatureGroup does not pass its
 * options to Leaflet.) Returns what writes the shown credits again in the current words.
 */
export function addCredits(map, data, groups) {
  const box = map.attributionControl;
  const shown = new Map();  // each shown credit's English HTML → the HTML the box holds for it
  const show = (english) => {
    if (shown.has(english)) return;
    shown.set(english, creditOf(english));
    box.addAttribution(shown.get(english));
  };
  const hide = (english) => {
    if (shown.has(english)) box.removeAttribution(shown.get(english));
    shown.delete(english);
  };
  for (const credit of data.attributionHtml) show(credit);
  show(data.placesCreditHtml);
  for (const layer of data.fronts) {
    const group = groups[layer.id];
    group.on("add", () => show(layer.creditHtml));
    group.on("remove", () => hide(layer.creditHtml));
    if (map.hasLayer(group)) show(layer.creditHtml);
  }
  return () => {
    for (const english of Array.from(shown.keys())) {
      hide(english);
      show(english);
    }
  };
}

/** Where the latest snapshot on or before `wanted` (an ISO date) is in the layer's list, or -1: a binary search,
 * as a daily layer has hundreds. */
export function snapshotAt(dates, wanted) {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (dates[middle] <= wanted) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** The part holding the geometry of the layer's snapshot at `at`. */
export function geometryPart(layer, at) {
  return seriesPart(layer.geometries, at);
}

function drawSnapshot(ctx, layer, snapshot, geometry) {
  const group = ctx.groups[layer.id];
  group.clearLayers();
  if (snapshot) {
    L.geoJSON(geometry, { style: frontStyle(layer) })
      .bindTooltip(() => frontTooltip(layer, snapshot), { sticky: true }).addTo(group);
  }
  ctx.state.fronts[layer.id] = snapshot ? snapshot.date : null;
  ctx.state.redraws += 1;
}

/** Runs `work` once the browser is idle and what the date needs has been drawn (ctx.settled), or gives up. */
function whenSettledAndIdle(ctx, work, tries) {
  whenIdle(() => {
    if (ctx.settled()) work();
    else if (tries > 1) whenSettledAndIdle(ctx, work, tries - 1);
  });
}

/** Once the shown date is drawn and the browser idle: the snapshots next to `at`, or while playing the next
 * PLAY_AHEAD. What the date needs is never kept waiting behind what a later date may. */
function fetchAround(ctx, layer, at) {
  const places = ctx.state.view.playing ? Array.from({ length: PLAY_AHEAD }, (_, step) => at + step + 1) : [at - 1, at + 1];
  const names = places.filter((place) => place >= 0 && place < layer.dates.length)
    .map((place) => geometryPart(layer, place));
  whenSettledAndIdle(ctx, () => ctx.parts.prefetch(names), 20);
}

/** One layer as of `wanted`. A geometry already here is drawn now; one being fetched is drawn when it comes,
 * if its date is still the one wanted then (`done` is told). Until then the layer's last drawing stays. */
function drawLayer(ctx, layer, wanted, done) {
  const { parts, state } = ctx;
  const at = snapshotAt(layer.dates, wanted);
  const snapshot = at >= 0 ? { date: layer.dates[at], areaKm2: layer.areasKm2[at] } : null;
  const shown = snapshot ? snapshot.date : null;
  state.frontsWanted[layer.id] = shown;
  if (at >= 0) fetchAround(ctx, layer, at);
  if (state.fronts[layer.id] === shown) return;
  const geometry = snapshot ? parts.peek(geometryPart(layer, at)) : null;
  if (geometry !== undefined) {
    drawSnapshot(ctx, layer, snapshot, geometry);
    return;
  }
  parts.get(geometryPart(layer, at)).then((fetched) => {
    if (state.frontsWanted[layer.id] !== shown || state.fronts[layer.id] === shown) return;
    drawSnapshot(ctx, layer, snapshot, fetched);
    done();
  }, () => {});  // not here now: the next view asks again
}

/**
 * Each front layer as of `wanted`: its latest snapshot on or before that date, redrawn only when it changes.
 * `done` is called when a layer whose geometry had to be fetched has been drawn.
 */
export function drawFronts(ctx, wanted, done) {
  for (const layer of ctx.data.fronts) drawLayer(ctx, layer, wanted, done || (() => {}));
}

/** Whether every layer shows the snapshot of the shown date (none is still being fetched). */
export function frontsSettled(ctx) {
  const { data, state } = ctx;
  return data.fronts.every((layer) => layer.id in state.frontsWanted && state.fronts[layer.id] === state.frontsWanted[layer.id]);
}

/** The date box's lines: the "as of" date of each front layer that is on the map. */
export function frontDateLines(ctx) {
  const { data, groups, map, state } = ctx;
  return data.fronts.filter((layer) => map.hasLayer(groups[layer.id])).map((layer) => {
    const shown = state.fronts[layer.id];
    const label = nameOf(layer.label);
    return shown ? t("{layer}: as of {date}", { layer: label, date: isoText(shown) })
      : t("{layer}: no data yet", { layer: label });
  });
}
