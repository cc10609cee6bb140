/*
 * Claims about an area share one badge drawn at a point inside it, the area outlined; nested areas' badges
 * merge where they would cover each other. Nothing is ever pushed aside. Any point inside an area stands for
 * it, so in a briefing a badge whose own point lies under the caption or off the screen is drawn at the
 * nearest point inside its areas that the room can see.
 */

import { COARSE, el, overlaps } from "kcm/map_dom.js";
import { addSymbol, stressedNumbers, symbolClasses } from "kcm/map_claim_symbols.js";
import { listOf, nameOf, t, tn } from "kcm/map_words.js";

function areaNames(layer, badge) {
  return badge.areas.map((area) => nameOf(layer.data.areas[area].name));
}

function badgeLabel(layer, badge) {
  const names = areaNames(layer, badge);
  const name = badge.areas.length === 1 ? names[0] : tn("{count} area", "{count} areas", badge.areas.length);
  const stressed = stressedNumbers(layer, badge.members);
  return stressed ? stressed + " · " + name : name + " · " + badge.members.length;
}

/** The font size badges are drawn in (larger in a briefing), read once per map size from a badge not shown. */
function badgeFontPx(layer) {
  const key = layer.map.getSize().toString() + document.body.className;
  if (layer.badgeFont && layer.badgeFont.key === key) return layer.badgeFont.px;
  const probe = el("span", "kcm-area-badge");
  probe.style.visibility = "hidden";
  layer.map.getContainer().appendChild(probe);
  const px = parseFloat(getComputedStyle(probe).fontSize) || 12;
  probe.remove();
  layer.badgeFont = { key, px };
  return px;
}

function badgeBox(layer, badge) {
  const centre = layer.map.latLngToLayerPoint(badge.anchor);
  const font = badgeFontPx(layer);
  const width = 16 + (7 / 12) * font * badgeLabel(layer, badge).length;
  const height = Math.max(COARSE ? 44 : 26, Math.round(font * 2.1));
  return { left: centre.x - width / 2 - 4, right: centre.x + width / 2 + 4, top: centre.y - height / 2 - 4,
    bottom: centre.y + height / 2 + 4, width, height };
}

/** b's badge may join a's when they would cover each other and a's point also lies in every area of b. */
function mayJoin(layer, a, b) {
  const areas = layer.data.areas;
  return overlaps(badgeBox(layer, a), badgeBox(layer, b)) && b.areas.every((area) => a.areas.every((own) =>
    areas[area].holdsAnchorsOf.includes(areas[own].id)));
}

/** Joins one pair of badges that may join; says whether it found one. */
function joinOnce(layer, badges) {
  for (const a of badges) {
    const b = badges.find((other) => other !== a && mayJoin(layer, a, other));
    if (b) {
      a.areas = a.areas.concat(b.areas);
      a.members = a.members.concat(b.members);
      badges.splice(badges.indexOf(b), 1);
      return true;
    }
  }
  return false;
}

function mergedBadges(layer, byArea) {
  const badges = Array.from(byArea.keys()).sort((a, b) => a - b).map((area) => ({
    areas: [area], members: byArea.get(area), anchor: L.latLng(layer.data.areas[area].anchor),
  }));
  while (joinOnce(layer, badges)) {
    /* until no two badges may join */
  }
  return badges;
}

/** Whether a GeoJSON ring ([lon, lat] pairs) holds the point. */
function ringHolds(ring, lon, lat) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a Polygon or MultiPolygon holds the point (outside its holes). */
function holds(geometry, latlng) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((rings) => ringHolds(rings[0], latlng.lng, latlng.lat) &&
    !rings.slice(1).some((hole) => ringHolds(hole, latlng.lng, latlng.lat)));
}

/** Whether a badge of `box`'s size centred on a container point would be on screen and clear of `covers`. */
function clearAt(size, covers, box) {
  return (point) => {
    const around = { left: point.x - box.width / 2 - 4, right: point.x + box.width / 2 + 4,
      top: point.y - box.height / 2 - 4, bottom: point.y + box.height / 2 + 4 };
    return around.left >= 0 && around.top >= 0 && around.right <= size.x && around.bottom <= size.y &&
      !covers.some((cover) => overlaps(around, cover));
  };
}

/** The clear point nearest `own`, on a grid over the map, that lies inside every one of `areas`; else null. */
function nearestInside(map, own, clear, areas) {
  const size = map.getSize();
  const step = Math.max(12, Math.round(Math.min(size.x, size.y) / 40));
  let best = null;
  let bestDistance = Infinity;
  for (let y = step / 2; y < size.y; y += step) {
    for (let x = step / 2; x < size.x; x += step) {
      const point = L.point(x, y);
      const distance = point.distanceTo(own);
      if (distance >= bestDistance || !clear(point)) continue;
      const latlng = map.containerPointToLatLng(point);
      if (areas.every((geometry) => holds(geometry, latlng))) [best, bestDistance] = [latlng, distance];
    }
  }
  return best;
}

/** The badge's point, or in a briefing, when that is covered or off screen, the nearest point in sight that lies
 * inside every one of its areas (see above); its own point when there is none. */
function pointInSight(layer, badge, box, drawn) {
  if (!layer.coverBoxes) return badge.anchor;
  const clear = clearAt(layer.map.getSize(), layer.coverBoxes().concat(drawn), box);
  const own = layer.map.latLngToContainerPoint(badge.anchor);
  if (clear(own)) return badge.anchor;
  const areas = badge.areas.map((area) => layer.data.areas[area].geometry);
  return nearestInside(layer.map, own, clear, areas) || badge.anchor;
}

function drawBadge(layer, badge, drawn) {
  const names = areaNames(layer, badge);
  const node = el("span", symbolClasses(layer, "kcm-area-badge", badge.members), badgeLabel(layer, badge));
  node.setAttribute("aria-label", tn("{count} claim about {areas}", "{count} claims about {areas}",
    badge.members.length, { areas: listOf(names) }));
  const box = badgeBox(layer, badge);
  const latlng = pointInSight(layer, badge, box, drawn);
  const at = layer.map.latLngToContainerPoint(latlng);
  drawn.push({ left: at.x - box.width / 2, right: at.x + box.width / 2, top: at.y - box.height / 2,
    bottom: at.y + box.height / 2 });
  const symbol = addSymbol(layer, { latlng, node, size: [box.width, box.height],
    members: badge.members, kind: "area" }, { areas: badge.areas });
  if (!COARSE) {
    symbol.marker.bindTooltip(() => el("span", "", t("Claims about {areas} (the whole area, outlined)",
      { areas: listOf(names) })), { direction: "top", className: "kcm-tooltip", offset: [0, -box.height / 2] });
  }
}

/** One badge per area, at its point inside it, and each area's outline, stressed when it holds the selection. */
export function drawAreaBadges(layer) {
  const byArea = layer.set.byArea;
  const drawn = [];  // in a briefing, a badge moved into sight keeps clear of those drawn before it
  const stressed = (badge) => (stressedNumbers(layer, badge.members) ? 0 : 1);
  const badges = mergedBadges(layer, byArea).sort((a, b) => stressed(a) - stressed(b));
  for (const badge of badges) drawBadge(layer, badge, drawn);
  byArea.forEach((members, area) => {
    const outline = layer.areaOutlines[area];
    const emphasis = members.includes(layer.selected);
    outline.setStyle({ weight: emphasis ? 3 : 1.2, opacity: emphasis ? 0.9 : 0.45, fillOpacity: emphasis ? 0.1 : 0.03 });
    outline.addTo(layer.group);
  });
}
