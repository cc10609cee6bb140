/*
 * Claims about an area share one badge drawn at a point inside it, the area outlined; nested areas' badges
 * merge where they would cover each other. Nothing is ever pushed aside. Any point inside an area stands for
 * it, so in a briefing a badge whose own point lies under the caption, another symbol or off the screen is
 * drawn at the nearest point inside its areas that the room can see (or, wanting one, where it is least covered).
 * A phone's map is as crowded as a briefing's, so there too each badge finds such a point, clear of the controls,
 * the other symbols and the badges drawn before it, and takes its short form (static/map_counts.js): the claims
 * sign and a count, or the numbers of the claims it holds that a briefing rings.
 */

import { COARSE, el, overlaps } from "kcm/map_dom.js";
import { MARKER_PX, addSymbol, stressedNumbers, symbolClasses } from "kcm/map_claim_symbols.js";
import { controlBoxes, leastCovered, overlapAt } from "kcm/map_badge_room.js";
import { phoneMap, phoneWidth, showCount, showNumbers } from "kcm/map_counts.js";
import { listOf, nameOf, t, tn } from "kcm/map_words.js";

function areaNames(layer, badge) {
  return badge.areas.map((area) => nameOf(layer.data.areas[area].name));
}

/** "#12 · Kursk front" or "Kursk front · 3"; short, without the area's name (said by its outline and aria-label). */
function badgeLabel(layer, badge, short) {
  const names = areaNames(layer, badge);
  const name = badge.areas.length === 1 ? names[0] : tn("{count} area", "{count} areas", badge.areas.length);
  const stressed = stressedNumbers(layer, badge.members);
  if (short) return stressed || String(badge.members.length);
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

function badgeBox(layer, badge, label = badgeLabel(layer, badge, phoneMap())) {
  const centre = layer.map.latLngToLayerPoint(badge.anchor);
  const font = badgeFontPx(layer);
  const width = phoneMap() ? phoneWidth(label, font, !stressedNumbers(layer, badge.members))
    : 24 + 0.66 * font * label.length;  // bold digits and capitals run wide
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

/** What a badge keeps clear of besides the symbols: a briefing's boxes, a phone's controls; null elsewhere. */
function coversOf(layer) {
  if (layer.coverBoxes) return layer.coverBoxes();
  return phoneMap() ? controlBoxes(layer.map) : null;
}

/** The badge's point, or in a briefing or on a phone, when that is covered or off screen, the point in sight
 * inside every one of its areas that is least covered (see above); with how much it is covered there. */
function pointInSight(layer, badge, box, drawn) {
  const covers = coversOf(layer);
  if (!covers) return { latlng: badge.anchor, covered: 0 };
  const overlapOf = overlapAt(layer.map.getSize(), covers.concat(drawn), box);
  const own = layer.map.latLngToContainerPoint(badge.anchor);
  if (overlapOf(own) === 0) return { latlng: badge.anchor, covered: 0 };
  const areas = badge.areas.map((area) => layer.data.areas[area].geometry);
  const latlng = leastCovered(layer.map, own, overlapOf, areas) || badge.anchor;
  return { latlng, covered: overlapOf(layer.map.latLngToContainerPoint(latlng)) };
}

/** The badge's words, size and point: in a briefing, its short words when the long ones find no clear point; on a
 * phone, always its short words. */
function fittedBadge(layer, badge, drawn) {
  if (phoneMap()) {
    const short = badgeLabel(layer, badge, true);
    const box = badgeBox(layer, badge, short);
    return { label: short, box, latlng: pointInSight(layer, badge, box, drawn).latlng };
  }
  const long = badgeLabel(layer, badge);
  const box = badgeBox(layer, badge, long);
  const spot = pointInSight(layer, badge, box, drawn);
  if (spot.covered === 0) return { label: long, box, latlng: spot.latlng };
  const short = badgeLabel(layer, badge, true);
  const shortBox = badgeBox(layer, badge, short);
  const shortSpot = pointInSight(layer, badge, shortBox, drawn);
  return shortSpot.covered < spot.covered ? { label: short, box: shortBox, latlng: shortSpot.latlng }
    : { label: long, box, latlng: spot.latlng };
}

function drawBadge(layer, badge, drawn) {
  const names = areaNames(layer, badge);
  const { label, box, latlng } = fittedBadge(layer, badge, drawn);
  const node = el("span", symbolClasses(layer, "kcm-area-badge", badge.members), label);
  if (phoneMap()) {
    if (stressedNumbers(layer, badge.members)) showNumbers(node, label);
    else showCount(node, badge.members.length);
  }
  node.setAttribute("aria-label", tn("{count} claim about {areas}", "{count} claims about {areas}",
    badge.members.length, { areas: listOf(names) }));
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

/** Where the claims about places will be drawn on screen (markers and count pills), as boxes a little larger than
 * they are: a briefing's or a phone's badge keeps clear of them too. Empty elsewhere. */
function pointSymbolBoxes(layer) {
  if (!coversOf(layer) || !layer.set) return [];
  const { map } = layer;
  const bounds = map.getBounds();
  const features = layer.set.index.getClusters([bounds.getWest(), Math.max(-85, bounds.getSouth()),
    bounds.getEast(), Math.min(85, bounds.getNorth())], Math.round(map.getZoom()));
  return features.map((feature) => {
    const [lon, lat] = feature.geometry.coordinates;
    const at = map.latLngToContainerPoint([lat, lon]);
    let width = MARKER_PX + 8;
    if (feature.properties.cluster) {
      const { members } = layer.sets.groupOf(map, layer.set, feature);
      const stressed = stressedNumbers(layer, members);
      const text = stressed || String(members.length);
      width = Math.max(MARKER_PX + 20, (badgeFontPx(layer) * 0.7 + 2) * text.length + 24 +
        (phoneMap() && !stressed ? 1.2 * badgeFontPx(layer) : 0));
    }
    const height = MARKER_PX + 20;
    return { left: at.x - width / 2, right: at.x + width / 2, top: at.y - height / 2, bottom: at.y + height / 2 };
  });
}

/** One badge per area, at its point inside it, and each area's outline, stressed when it holds the selection. */
export function drawAreaBadges(layer) {
  const byArea = layer.set.byArea;
  const drawn = pointSymbolBoxes(layer);  // in a briefing, a badge in sight keeps clear of these and earlier badges
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
