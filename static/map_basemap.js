/* The map under the claims: regions, the border, settlements and their labels (in the reader's language), and
 * the hatch patterns. */

import { el } from "kcm/map_dom.js";
import { RANKS, addLabel, followLabels } from "kcm/map_labels.js";
import { nameOf, t } from "kcm/map_words.js";

const VILLAGE_LABEL_ZOOM = 10;
const SVG = "http://www.w3.org/2000/svg";

function hatchPattern(name, colour) {
  const pattern = document.createElementNS(SVG, "pattern");
  for (const [key, value] of [["id", "kcm-hatch-" + name], ["patternUnits", "userSpaceOnUse"], ["width", "8"],
    ["height", "8"], ["patternTransform", "rotate(45)"]]) pattern.setAttribute(key, value);
  const line = document.createElementNS(SVG, "line");
  for (const [key, value] of [["x1", "0"], ["y1", "0"], ["x2", "0"], ["y2", "8"], ["stroke", colour],
    ["stroke-width", "3"], ["stroke-opacity", "0.7"]]) line.setAttribute(key, value);
  pattern.appendChild(line);
  return pattern;
}

/** SVG patterns that claimed (hatched) front layers fill with, one per side. */
export function addHatchPatterns(map, colours) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", "0");
  svg.setAttribute("height", "0");
  svg.style.position = "absolute";
  const defs = document.createElementNS(SVG, "defs");
  for (const [name, colour] of Object.entries(colours)) defs.appendChild(hatchPattern(name, colour));
  svg.appendChild(defs);
  map.getContainer().appendChild(svg);
}

/** A label whose words follow the reader's language: `words()` gives them, `labels` keeps it to write again. */
function labelIcon(className, words, anchor, labels) {
  const node = el("span", "", words());
  labels.push({ node, words });
  return L.divIcon({ className, html: node, iconSize: null, iconAnchor: anchor });
}

function placeLabel(place) {
  return place.verified ? nameOf(place.name) : t("{place} (approx.)", { place: nameOf(place.name) });
}

function placeTooltip(place) {
  return place.verified ? nameOf(place.name) : t("{place} — position approximate, within about {km} km (unverified)",
    { place: nameOf(place.name), km: place.radiusM / 1000 });
}

function drawRegions(data, groups, labels) {
  L.geoJSON(data.regions, {
    interactive: false,
    style: (feature) => feature.properties.role === "focus"
      ? { color: "#1d1d1d", weight: 3, fillColor: "#f4efe1", fillOpacity: 0.35 }
      : { color: "#6f6f6f", weight: 1.2, fillColor: "#fbfbf8", fillOpacity: 0.25 },
  }).addTo(groups.regions);
  for (const label of data.regionLabels) {
    const marker = L.marker([label.lat, label.lon], {
      interactive: false,
      keyboard: false,
      icon: labelIcon("kcm-region-label" + (label.focus ? " kcm-region-focus" : ""), () => nameOf(label.name),
        undefined, labels),
      kcmName: label.name,
    }).addTo(groups.regions);
    addLabel(marker, label.focus ? RANKS.focusRegion : RANKS.region, true);
  }
  L.geoJSON(data.border, { interactive: false, style: { color: "#2b2b2b", weight: 2.5, dashArray: "10 4 2 4" } })
    .addTo(groups.border);
}

/** A settlement's dot, its circle of uncertainty if unverified, and its label (key places' always shown). */
function drawPlace(place, groups, villageLabels, labels) {
  L.circleMarker([place.lat, place.lon], {
    radius: place.key ? 4 : 2.5, color: "#333", weight: 1, fillColor: place.key ? "#333" : "#fff", fillOpacity: 1,
  }).bindTooltip(() => el("span", "", placeTooltip(place))).addTo(groups.places);
  if (!place.verified) {
    L.circle([place.lat, place.lon], {
      radius: place.radiusM, color: "#555", weight: 1, dashArray: "3 4", fill: false, interactive: false,
    }).addTo(groups.places);
  }
  const label = L.marker([place.lat, place.lon], {
    interactive: false,
    keyboard: false,
    icon: labelIcon(place.key ? "kcm-place-label kcm-key-place" : "kcm-place-label", () => placeLabel(place),
      [-6, 8], labels),
    kcmName: place.name,
  });
  label.addTo(place.key ? groups.places : villageLabels);
  addLabel(label, place.key ? RANKS.key : RANKS.village, false);
}

/** Draws the basemap; returns what writes its labels again in the reader's language. */
export function drawBasemap(map, data, groups) {
  const labels = [];
  drawRegions(data, groups, labels);
  const villageLabels = L.layerGroup();
  for (const place of data.places) drawPlace(place, groups, villageLabels, labels);
  const toggleVillageLabels = () => {
    const show = map.getZoom() >= VILLAGE_LABEL_ZOOM && map.hasLayer(groups.places);
    if (show && !map.hasLayer(villageLabels)) villageLabels.addTo(map);
    if (!show && map.hasLayer(villageLabels)) map.removeLayer(villageLabels);
  };
  map.on("zoomend overlayadd overlayremove", toggleVillageLabels);
  toggleVillageLabels();
  followLabels(map);
  return () => {
    for (const label of labels) label.node.textContent = label.words();
  };
}
