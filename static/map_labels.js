/*
 * Where text goes on the map. After every redraw (a move, a zoom, symbols drawn anew) one pass places the
 * place and region labels so that none prints over a claim's symbol, a control, another place's dot or
 * another label. Labels go in order of importance: the places a briefing's caption names, key places,
 * regions, then villages; each takes the first free spot beside its point, nearest first, or is hidden
 * until the map moves. Claims' symbols never move (they are drawn where their data says); each grows,
 * about its own centre, until it holds its text.
 */

import { overlaps } from "kcm/map_dom.js";

const GAP_PX = 3;
const DOT_PX = 4;  // a place's dot, half its width, as map_basemap.js draws it
const FAR_STEPS = 3;  // how many label heights further a label may go above or below its point
export const RANKS = { named: 0, key: 1, focusRegion: 2, region: 3, village: 4 };

/** What the pass knows: the labels drawn on the map, and what the page adds (a briefing's covers and names). */
const placing = { map: null, labels: [], named: new Set(), covers: () => [], before: [], passes: 0, queued: false };

/** A label to place: its marker (a divIcon holding one span), its point, its rank and whether it is centred. */
export function addLabel(marker, rank, centred) {
  placing.labels.push({ marker, rank, centred: Boolean(centred), name: marker.options.kcmName || "" });
}

/** Names of the places whose labels come first (a briefing step's caption names them) and boxes over the map. */
export function setLabelNeeds(named, covers) {
  placing.named = new Set(named || []);
  placing.covers = covers || (() => []);
  schedulePass();
}

/** Work to run before each pass, in the same frame (the briefing's key, which is itself something to avoid). */
export function beforeLabels(work) {
  placing.before.push(work);
}

/** Offsets of a w×h label's top left from its point, nearest first; only a named place's label may go further
 * than beside its point (past a symbol drawn on it), the rest are hidden sooner than drawn away from their dot. */
function spotsFor(width, height, centred, far) {
  const steps = far ? FAR_STEPS : 0;
  if (centred) {
    const spots = [[-width / 2, -height / 2]];
    for (let step = 1; step <= steps; step += 1) {
      spots.push([-width / 2, -height / 2 - step * height], [-width / 2, -height / 2 + step * height]);
    }
    return spots;
  }
  const near = DOT_PX + GAP_PX;
  const spots = [[near, -height / 2], [-near - width, -height / 2], [-width / 2, -near - height], [-width / 2, near],
    [near, -near - height], [near, near], [-near - width, -near - height], [-near - width, near]];
  for (let step = 1; step <= steps; step += 1) {
    spots.push([-width / 2, near + step * height], [-width / 2, -near - (step + 1) * height]);
  }
  return spots;
}

/** Offsets of a w×h label just right and just left of each symbol drawn over its point: where a caption names a
 * place that a wide symbol covers (a phone's "#54 #55 #57" on Sudzha), its label goes beside that symbol. */
function besideSymbols(point, width, height, symbols) {
  return symbols.filter((box) => box.left <= point.x && point.x <= box.right && box.top <= point.y &&
    point.y <= box.bottom).flatMap((box) => [[box.right + GAP_PX - point.x, -height / 2],
    [box.left - GAP_PX - width - point.x, -height / 2]]);
}

/** The width and height the text of a symbol's span takes, from a range over it (not the box it is given). */
function textSize(span) {
  const range = document.createRange();
  range.selectNodeContents(span);
  const box = range.getBoundingClientRect();
  return { width: box.width, height: box.height };
}

/** Each symbol whose text spills out of it grows about its centre; returns every symbol's box, as it will be. */
function fitSymbols(container, origin) {
  const measured = Array.from(container.querySelectorAll(".kcm-symbol")).map((element) => {
    const span = element.firstElementChild;
    const box = element.getBoundingClientRect();
    const style = span ? getComputedStyle(span) : null;
    const text = span && span.textContent ? textSize(span) : { width: 0, height: 0 };
    const edges = style ? parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) +
      parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth) : 0;
    return { element, box, round: Boolean(span && span.classList.contains("kcm-claim") &&
      !span.classList.contains("kcm-cluster-symbol")), wantWidth: Math.ceil(text.width + edges + 4),
      wantHeight: Math.ceil(text.height + 6) };
  });
  return measured.map(({ element, box, round, wantWidth, wantHeight }) => {
    let width = Math.max(box.width, wantWidth);
    let height = Math.max(box.height, wantHeight);
    if (round) width = height = Math.max(width, height);
    const centreX = box.left + box.width / 2 - origin.left;
    const centreY = box.top + box.height / 2 - origin.top;
    if (width > box.width + 0.5 || height > box.height + 0.5) {
      Object.assign(element.style, { width: width + "px", height: height + "px", marginLeft: -width / 2 + "px",
        marginTop: -height / 2 + "px" });
    }
    return { left: centreX - width / 2, right: centreX + width / 2, top: centreY - height / 2,
      bottom: centreY + height / 2 };
  });
}

function relative(box, origin) {
  return { left: box.left - origin.left, right: box.right - origin.left, top: box.top - origin.top,
    bottom: box.bottom - origin.top };
}

/** Controls, the date box and the page's covers: text under them could not be read. */
function coverBoxes(container, origin) {
  const elements = Array.from(container.querySelectorAll(".leaflet-control, .kcm-date-box"));
  return elements.map((element) => relative(element.getBoundingClientRect(), origin))
    .concat(placing.covers())
    .filter((box) => box.right > box.left && box.bottom > box.top);
}

function rankOf(label) {
  return placing.named.has(label.name) ? RANKS.named : label.rank;
}

/** The labels on the map now, each put back where it is drawn, its span measured and its point found. */
function measureLabels(map, origin) {
  const shown = placing.labels.filter((label) => map.hasLayer(label.marker) && label.marker.getElement());
  for (const label of shown) {
    const span = label.marker.getElement().firstElementChild;
    span.style.transform = "";
    span.classList.toggle("kcm-named-place", placing.named.has(label.name));
  }
  return shown.map((label) => {
    const span = label.marker.getElement().firstElementChild;
    const point = map.latLngToContainerPoint(label.marker.getLatLng());
    return { label, span, point, box: relative(span.getBoundingClientRect(), origin()) };
  });
}

/** The first free spot for a label, nearest its point, inside the map; null when there is none. */
function freeSpot(item, taken, size, symbols) {
  const { label, point, box } = item;
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const rank = rankOf(label);
  const spots = spotsFor(width, height, label.centred, rank <= RANKS.focusRegion);
  const beside = rank === RANKS.named ? besideSymbols(point, width, height, symbols) : [];
  return spots.concat(beside).map(([dx, dy]) => ({ left: point.x + dx, top: point.y + dy,
    right: point.x + dx + width, bottom: point.y + dy + height })).find((candidate) =>
    candidate.left >= 0 && candidate.top >= 0 && candidate.right <= size.x && candidate.bottom <= size.y &&
    !taken.some((cover) => cover.owner !== label && overlaps(candidate, cover))) || null;
}

/** One pass over every label on the map (see above): measure everything first, then move what must move. */
function placeAll() {
  const map = placing.map;
  const container = map.getContainer();
  for (const work of placing.before) work();
  const origin = () => container.getBoundingClientRect();
  const measured = measureLabels(map, origin);
  const covers = coverBoxes(container, origin());
  const symbols = fitSymbols(container, origin());
  const taken = symbols.concat(covers, measured.filter((item) => !item.label.centred)
    .map(({ label, point }) => ({ left: point.x - DOT_PX, right: point.x + DOT_PX, top: point.y - DOT_PX,
      bottom: point.y + DOT_PX, owner: label })));
  measured.sort((a, b) => rankOf(a.label) - rankOf(b.label));
  for (const item of measured) {
    item.spot = freeSpot(item, taken, map.getSize(), symbols);
    if (item.spot) taken.push(item.spot);
  }
  moveLabels(measured);
  placing.passes += 1;
  Object.assign(container.dataset, { kcmLabelPasses: String(placing.passes), kcmLabelsPending: "0" });
}

/** Each label to its spot, or hidden when it has none. */
function moveLabels(measured) {
  for (const { span, spot, box } of measured) {
    span.style.visibility = spot ? "" : "hidden";
    span.style.transform = spot ? "translate(" + (spot.left - box.left) + "px," + (spot.top - box.top) + "px)" : "";
  }
}

/** Runs the pass in the next frame, once for everything drawn since the last one. */
export function schedulePass() {
  if (!placing.map || placing.queued) return;
  placing.queued = true;
  placing.map.getContainer().dataset.kcmLabelsPending = "1";
  requestAnimationFrame(() => {
    placing.queued = false;
    placeAll();
  });
}

/** Places the labels after every redraw of the map. */
export function followLabels(map) {
  placing.map = map;
  map.on("layeradd layerremove zoomend moveend resize", schedulePass);
  schedulePass();
}
