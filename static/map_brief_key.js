/*
 * A briefing's key: in place of the full legend, a few large rows naming only what the step shows — each
 * front layer drawn, the claims' symbols on the map and their colours, the overlays — so a room can tell
 * what each colour is without the presenter opening anything. It is rebuilt when what is drawn changes.
 */

import { el, slug } from "kcm/map_dom.js";
import { analysisWords, language, nameOf, scaleWords, t } from "kcm/map_words.js";

function swatch(style, hatched) {
  const box = el("i", "kcm-key-swatch");
  box.style.background = hatched
    ? "repeating-linear-gradient(45deg," + style.color + " 0 3px," + style.fillColor + "55 3px 8px)"
    : (style.fill === false ? "transparent" : style.fillColor);
  box.style.border = "3px " + (style.dashArray ? "dashed " : "solid ") + style.color;
  return box;
}

function row(symbol, words) {
  const line = el("div", "kcm-key-row");
  line.append(symbol, el("span", "", words));
  return line;
}

function sample(className, text, colour) {
  const symbol = el("span", "kcm-claim kcm-key-claim " + className, text);
  if (colour) symbol.style.background = colour;
  return symbol;
}

/** What the map shows now, as the key's rows would name it: a list of [kind, detail] pairs. */
function shownThings(ctx) {
  const { data, groups, map, state } = ctx;
  const things = data.fronts.filter((layer) => map.hasLayer(groups[layer.id]) && state.fronts[layer.id])
    .map((layer) => ["front", layer.id]);
  if (map.hasLayer(groups.claims)) {
    const container = map.getContainer();
    const has = (selector) => container.querySelector(".kcm-symbol " + selector) !== null;
    if (has(".kcm-stressed")) things.push(["stressed"]);
    if (has(".kcm-dimmed")) things.push(["dimmed"]);
    data.scales.levels.forEach((level) => {
      if (has(".kcm-level-" + slug(level))) things.push(["level", level]);
    });
    if (has(".kcm-cluster-symbol")) things.push(["cluster"]);
    if (has(".kcm-area-badge")) things.push(["area"]);
  }
  for (const kind of new Set(state.analysisKinds)) things.push(["analysis", kind]);
  return things;
}

function levelsRow(scales, levels) {
  const line = el("div", "kcm-key-row kcm-key-levels");
  line.appendChild(el("span", "", t("Claim colour, how sure:")));
  const read = scaleWords() || scales;
  for (const level of levels) {
    line.appendChild(sample("", "", scales.levelColours[scales.levels.indexOf(level)]));
    line.appendChild(el("span", "", read.levels[scales.levels.indexOf(level)]));
  }
  return line;
}

/** Each kind of thing shown, as one row of the key. */
const ROWS = {
  front: (ctx, id) => {
    const layer = ctx.data.fronts.find((item) => item.id === id);
    const name = nameOf(layer.label);
    return row(swatch(layer.style, layer.hatched), layer.hatched ? t("{layer} (hatched: claimed)", { layer: name })
      : name);
  },
  stressed: () => row(sample("kcm-stressed", "#", "#fff"), t("ringed: the claims this step is about")),
  dimmed: () => row(sample("kcm-dimmed", "", "#fff"), t("faded: other claims on this date")),
  cluster: () => row(sample("kcm-cluster-symbol", "3"), t("claims close together")),
  area: () => row(el("span", "kcm-area-badge kcm-key-area", "#"), t("claims about a whole area (dashed outline)")),
  analysis: (ctx, key) => {
    const kind = ctx.data.analysisKinds.find((item) => item.key === key);
    return kind ? row(swatch(kind.style, false), analysisWords(kind)) : null;
  },
};

function keyRows(ctx, things) {
  const rows = things.filter(([kind]) => kind in ROWS).map(([kind, detail]) => ROWS[kind](ctx, detail));
  const levels = things.filter(([kind]) => kind === "level").map(([, level]) => level);
  if (levels.length) rows.push(levelsRow(ctx.data.scales, levels));
  return rows.filter(Boolean);
}

/** The key's box, top right where the legend was; it rebuilds only when what it would say changes. */
export function addBriefingKey(ctx) {
  const key = L.control({ position: "topright" });
  key.onAdd = () => {
    const box = el("div", "kcm-key");
    box.setAttribute("role", "note");
    box.setAttribute("aria-label", t("Key"));
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  key.addTo(ctx.map);
  const box = key.getContainer();
  box.parentNode.prepend(box);
  let said = "";
  key.refresh = () => {
    const things = shownThings(ctx);
    const words = JSON.stringify([things, language()]);  // a new language says the same things anew
    if (words === said) return;
    said = words;
    box.replaceChildren(...keyRows(ctx, things));
    box.hidden = things.length === 0;
  };
  return key;
}

/** Which way a point lies from the map's centre, as an arrow, and how far, in whole km. */
function bearing(map, latlng) {
  const centre = map.getCenter();
  const arrows = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"];
  const angle = Math.atan2(latlng.lat - centre.lat, (latlng.lng - centre.lng) * Math.cos((centre.lat * Math.PI) / 180));
  const arrow = arrows[(Math.round(angle / (Math.PI / 4)) + 8) % 8];
  return t("{direction} {distance} km", { direction: arrow, distance: Math.round(map.distance(centre, latlng) / 1000) });
}

/** The callout: the step's highlighted claims that do not fit on the map, by number, which way and how far. */
export function addCallout(ctx) {
  const callout = L.control({ position: "topright" });
  callout.onAdd = () => {
    const box = el("div", "kcm-callout");
    box.setAttribute("role", "note");
    box.hidden = true;
    return box;
  };
  callout.addTo(ctx.map);
  const box = callout.getContainer();
  callout.show = (indexes) => {
    const { claims, data, map } = ctx;
    box.hidden = indexes.length === 0;
    box.replaceChildren(el("b", "", t("Also this step, beyond the map:")), ...indexes.map((index) => {
      const area = data.claims.area[index];
      const where = area >= 0 ? nameOf(data.areas[area].name) : bearing(map, claims.claimPoint(index));
      return el("div", "kcm-callout-row", "#" + data.claims.numbers[index] + " · " + where);
    }));
    box.parentNode.insertBefore(box, ctx.briefKey.getContainer().nextSibling);
  };
  return callout;
}
