/*
 * The symbols of claims about a place or point: one marker at the claim's true point with its circle of
 * uncertainty, or, where markers would overlap, one count badge whose dashed ring holds all their points.
 * Each function draws into a ClaimsLayer (static/map_claims.js) and records what it drew there.
 */

import { categoryBadge } from "kcm/map_category_icons.js";
import { COARSE, el, slug, withNumber } from "kcm/map_dom.js";
import { phoneMap, phoneWidth, showCount, showNumbers } from "kcm/map_counts.js";
import { MARK_WORDS, markAsGraded } from "kcm/map_grades.js";
import { nameOf, t, tn } from "kcm/map_words.js";

export const MARKER_PX = COARSE ? 44 : 28;
const SELECTED_PX = COARSE ? 48 : 36;

/** Claims' numbers in order, "#3, #12, #15", at most `limit` of them (then "…"). */
export function numberList(layer, members, limit) {
  const numbers = members.map((index) => layer.cols.numbers[index]).sort((a, b) => a - b);
  const named = numbers.slice(0, limit).map((number) => "#" + number).join(", ");
  return numbers.length > limit ? named + ", …" : named;
}

/** "#12: Ukraine says … — Moderate confidence · Corroborated · Troop presence": a claim as its marker is named,
 * in the reader's language (the statement in the words it was made in). */
export function claimName(layer, index, grade) {
  const cols = layer.cols;
  const statement = cols.statement[index];
  const values = { number: cols.numbers[index], statement, level: grade.levelWords, status: grade.statusWords,
    category: nameOf(layer.data.categories[cols.category[index]].words) };
  return statement === null ? t("#{number} — {level} confidence · {status} · {category}", values)
    : t("#{number}: {statement} — {level} confidence · {status} · {category}", values);
}

/** "#12 #15 +3" when a badge holds the selected or highlighted claims, else "". */
export function stressedNumbers(layer, members) {
  const stressed = members.filter((index) => index === layer.selected || layer.highlight.has(index));
  if (!stressed.length) return "";
  const rest = members.length - Math.min(stressed.length, 3);
  return stressed.slice(0, 3).map((index) => "#" + layer.cols.numbers[index]).join(" ") + (rest > 0 ? " +" + rest : "");
}

export function symbolClasses(layer, base, members) {
  const selected = members.includes(layer.selected);
  const stressed = selected || members.some((index) => layer.highlight.has(index));
  return base + (selected ? " kcm-selected" : "") + (stressed ? " kcm-stressed" : "") +
    (layer.highlight.size > 0 && !stressed ? " kcm-dimmed" : "");
}

function riseOf(layer, members) {
  if (members.includes(layer.selected)) return 2000;
  return members.some((index) => layer.highlight.has(index)) ? 1000 : 0;
}

/**
 * A symbol of `kind` ("claim", "cluster" or "area") holding `members`, added to the layer.
 * @param {{latlng: L.LatLng, node: HTMLElement, size: number[], members: number[], kind: string}} drawn
 */
export function addSymbol(layer, drawn, extra) {
  const { latlng, node, size, members, kind } = drawn;
  // Leaflet makes the icon focusable (keyboard: true) and turns Enter into a click. A press must not
  // focus it, though: focusing a badge at the map's edge scrolls the map's container under the finger,
  // and the tap misses (the browser's click then lands on the map instead).
  // The marker, not its drawing, is what a keyboard reaches and a screen reader names (static/map_claim_keys.js
  // makes the symbols one tab stop). Its tooltip, not a title, shows the name on hover.
  // A name holds the symbol's visible text (WCAG 2.5.3, label in name): a voice user says what they see.
  const shown = node.textContent.trim();
  const described = node.getAttribute("aria-label") || "";
  const name = described.includes(shown) ? described : shown + " — " + described;
  node.removeAttribute("aria-label");
  node.setAttribute("aria-hidden", "true");
  const marker = L.marker(latlng, {
    icon: L.divIcon({ className: "kcm-symbol", html: node, iconSize: size, iconAnchor: [size[0] / 2, size[1] / 2] }),
    keyboard: true,
    riseOnHover: true,
    zIndexOffset: riseOf(layer, members),
  });
  const symbol = Object.assign({ kind, members, marker, latlng }, extra || {});
  marker.on("click", () => layer.callbacks.open(symbol));
  marker.addTo(layer.group);
  const element = marker.getElement();
  element.setAttribute("role", "button");
  element.setAttribute("aria-label", name);
  element.addEventListener("mousedown", (event) => event.preventDefault());
  layer.drawnSymbols.push(symbol);
  return symbol;
}

function claimNode(layer, index, grade) {
  const mark = markAsGraded(layer.cols.marks[index], grade);
  const node = withNumber(el("span", symbolClasses(layer, "kcm-claim kcm-level-" + slug(grade.level) + " kcm-status-" +
    slug(grade.status) + (MARK_WORDS[mark] ? " kcm-mark-" + mark : ""), [index])), layer.cols.numbers[index]);
  node.style.background = grade.colour;
  node.style.opacity = String(grade.opacity);
  node.appendChild(categoryBadge(layer.data.categories[layer.cols.category[index]]));
  node.setAttribute("aria-label", claimName(layer, index, grade));
  return node;
}

export function drawSingle(layer, index) {
  const cols = layer.cols;
  const grade = layer.gradeOf(index);
  const selected = index === layer.selected;
  const size = selected ? SELECTED_PX : MARKER_PX;
  const latlng = L.latLng(cols.lat[index], cols.lon[index]);
  const node = claimNode(layer, index, grade);
  const symbol = addSymbol(layer, { latlng, node, size: [size, size], members: [index], kind: "claim" });
  if (!COARSE) {  // on a touch screen a tap opens the popup, which says the same
    symbol.marker.bindTooltip(() => layer.callbacks.tooltip(index), { direction: "top", className: "kcm-tooltip",
      offset: [0, -size / 2] });
  }
  L.circle(latlng, { radius: cols.radiusM[index], interactive: false, className: "kcm-uncertainty",
    color: grade.colour, weight: selected ? 3 : 1.2, opacity: selected ? 0.9 : 0.45,
    fillOpacity: selected ? 0.1 : 0.03, dashArray: "6 5" }).addTo(layer.group);
}

/** A phone's group node: its claims' numbers, each "#" small, or the claims sign and its count (map_counts.js). */
function phoneGroup(node, stressed, count) {
  return stressed ? showNumbers(node, stressed) : showCount(node, count);
}

export function drawCluster(layer, feature) {
  const clusterId = feature.properties.cluster_id;
  const { members, ringPx } = layer.sets.groupOf(layer.map, layer.set, feature);
  const [lon, lat] = feature.geometry.coordinates;
  const latlng = L.latLng(lat, lon);
  const size = Math.max(COARSE ? 44 : 30, Math.min(48, 24 + 4 * Math.log2(members.length)));
  const stressed = stressedNumbers(layer, members);
  const node = el("span", symbolClasses(layer, "kcm-claim kcm-cluster-symbol", members), stressed ||
    String(members.length));
  node.setAttribute("aria-label", t("{claims}: {numbers}; press to zoom in or list them", {
    claims: tn("{count} claim here", "{count} claims here", members.length), numbers: numberList(layer, members, 12) }));
  if (ringPx > size / 2) {
    L.circleMarker(latlng, { radius: ringPx + 3, interactive: false, className: "kcm-cluster-ring",
      color: "#333", weight: 1, dashArray: "3 4", fill: false }).addTo(layer.group);
  }
  const wide = Math.max(size, phoneMap() ? phoneWidth(node.textContent, 12, !stressed) : 12 + 8 * node.textContent.length);
  if (phoneMap()) phoneGroup(node, stressed, members.length);
  addSymbol(layer, { latlng, node, size: [wide, size], members, kind: "cluster" },
    { clusterId, ringPx: Math.max(ringPx, size / 2) });
}
