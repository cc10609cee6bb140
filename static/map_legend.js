/* The legend: every symbol on the map, explained in the reader's language; folded by default on small screens. */

import { focusableWhileScrolling } from "kcm/map_access.js";
import { categoryLegendRows } from "kcm/map_category_icons.js";
import { phoneMap, showCount } from "kcm/map_counts.js";
import { el, slug, withNumber } from "kcm/map_dom.js";
import { analysisWords, nameOf, scaleWords, t } from "kcm/map_words.js";

function swatch(style, hatched) {
  const box = el("i", "kcm-swatch");
  box.style.background = hatched
    ? "repeating-linear-gradient(45deg," + style.color + " 0 2px,transparent 2px 6px)"
    : (style.fill === false ? "transparent" : style.fillColor);
  box.style.border = "2px " + (style.dashArray ? "dashed " : "solid ") + style.color;
  return box;
}

function legendRow(symbol, words) {
  const row = el("div", "kcm-legend-row");
  row.appendChild(symbol);
  row.appendChild(el("span", "", words));
  return row;
}

function legendClaim(className, text, colour) {
  const symbol = el("span", "kcm-claim kcm-legend-claim " + className, text);
  if (colour) symbol.style.background = colour;
  return symbol;
}

/** Claim colours (confidence) and outlines (status), from the payload's scales. */
function gradeRows(scales) {
  const read = scaleWords() || scales;
  const levels = el("div", "kcm-legend-row");
  scales.levels.forEach((level, index) => {
    levels.appendChild(legendClaim("", "", scales.levelColours[index]));
    levels.appendChild(el("span", "", read.levels[index]));
  });
  const rows = [el("b", "", t("Claim colour: confidence")), levels, el("b", "", t("Claim outline: status"))];
  scales.statuses.forEach((status, index) => {
    rows.push(legendRow(legendClaim("kcm-status-" + slug(status), "", "#fff"), read.statusWords[index]));
  });
  return rows;
}

/** A group's sample as the map draws groups: on a phone, its count with the claims sign (map_counts.js). */
function groupSample(node, count) {
  return phoneMap() ? showCount(node, count) : node;
}

function symbolRows(scales) {
  const faded = legendClaim("", "", scales.levelColours[2]);  // a plain solid outline
  faded.style.opacity = String(scales.credibilityOpacity[4]);
  return [
    el("b", "", t("Claim symbols")),
    legendRow(faded, t("faded: doubtful or improbable (credibility 4–5)")),
    legendRow(withNumber(legendClaim("", "", "#fff"), 7), t("one claim at its place; its number matches the panel")),
    legendRow(groupSample(legendClaim("kcm-cluster-symbol", "3"), 3),
      t("claims close together: click to zoom in or list them; the dashed ring holds every one")),
    legendRow(groupSample(el("span", "kcm-area-badge kcm-legend-area", "12"), 12),
      t("claims about a whole area, drawn inside it (dashed outline)")),
    legendRow(el("i", "kcm-swatch kcm-swatch-uncertain"), t("how approximate the place is")),
  ];
}

function legendBody(data) {
  const body = el("div", "kcm-legend-body");
  const fronts = data.fronts.map((layer) => legendRow(swatch(layer.style, layer.hatched), layer.hatched
    ? t("{layer} (hatched: claimed)", { layer: nameOf(layer.label) })
    : t("{layer} (filled: assessed)", { layer: nameOf(layer.label) })));
  const analysis = data.analysisKinds.map((kind) => legendRow(swatch(kind.style, false), analysisWords(kind)));
  body.append(...fronts, ...gradeRows(data.scales), ...symbolRows(data.scales), ...categoryLegendRows(data.categories),
    el("b", "", t("Compare and Change")), ...analysis);
  focusableWhileScrolling(body, t("Legend"));
  return body;
}

/** The legend's button: its word, and an icon in its place on a phone. */
function legendToggle(word) {
  const toggle = el("button", "kcm-legend-toggle");
  toggle.type = "button";
  toggle.appendChild(word);
  return toggle;
}

/** Builds the legend's box and gives the control setOpen, isOpen and touched (opened or folded by the viewer). */
function legendBox(legend, map, data) {
  const box = el("div", "kcm-legend");
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  const word = el("span", "kcm-legend-word", t("Legend"));  // a phone shows an icon in its place (kursk_map.css)
  const toggle = legendToggle(word);
  box.appendChild(toggle);
  box.appendChild(legendBody(data));
  legend.relabel = () => {  // the reader's language changed: the same legend, in its words
    word.textContent = t("Legend");
    box.replaceChild(legendBody(data), box.querySelector(".kcm-legend-body"));
  };
  const small = map.getSize().x < 1000 || map.getSize().y < 640;
  const setOpen = (open) => {
    box.classList.toggle("kcm-legend-closed", !open);
    toggle.setAttribute("aria-expanded", String(open));
  };
  setOpen(!small);
  toggle.addEventListener("click", () => {
    legend.touched = true;  // the viewer's choice: never folded for them again
    setOpen(box.classList.contains("kcm-legend-closed"));
  });
  legend.setOpen = setOpen;
  legend.isOpen = () => !box.classList.contains("kcm-legend-closed");
  return box;
}

export function addLegend(map, data) {
  const legend = L.control({ position: "topright" });
  legend.onAdd = () => legendBox(legend, map, data);
  legend.addTo(map);
  // The legend heads its corner, above the layer control that folium's script added before this code ran.
  const box = legend.getContainer();
  box.parentNode.prepend(box);
  return legend;
}
