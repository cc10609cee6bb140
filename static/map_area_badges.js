/*
 * Claims about an area share one badge drawn at a point inside it, the area outlined; nested areas' badges
 * merge where they would cover each other. Nothing is ever pushed aside.
 */

import { COARSE, el, overlaps } from "kcm/map_dom.js";
import { addSymbol, stressedNumbers, symbolClasses } from "kcm/map_claim_symbols.js";

function areaNames(layer, badge) {
  return badge.areas.map((area) => layer.data.areas[area].name);
}

function badgeLabel(layer, badge) {
  const names = areaNames(layer, badge);
  const name = badge.areas.length === 1 ? names[0] : badge.areas.length + " areas";
  const stressed = stressedNumbers(layer, badge.members);
  return stressed ? stressed + " · " + name : name + " · " + badge.members.length;
}

function badgeBox(layer, badge) {
  const centre = layer.map.latLngToLayerPoint(badge.anchor);
  const width = 16 + 7 * badgeLabel(layer, badge).length;
  const height = COARSE ? 44 : 26;
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

function drawBadge(layer, badge) {
  const names = areaNames(layer, badge);
  const node = el("span", symbolClasses(layer, "kcm-area-badge", badge.members), badgeLabel(layer, badge));
  node.setAttribute("aria-label", badge.members.length + " claims about " + names.join(" and "));
  const box = badgeBox(layer, badge);
  const symbol = addSymbol(layer, { latlng: badge.anchor, node, size: [box.width, box.height],
    members: badge.members, kind: "area" }, { areas: badge.areas });
  if (!COARSE) {
    symbol.marker.bindTooltip(() => el("span", "", "Claims about " + names.join(" and ") +
      " (the whole area, outlined)"), { direction: "top", className: "kcm-tooltip", offset: [0, -box.height / 2] });
  }
}

/** One badge per area, at its point inside it, and each area's outline, stressed when it holds the selection. */
export function drawAreaBadges(layer) {
  const byArea = layer.set.byArea;
  for (const badge of mergedBadges(layer, byArea)) drawBadge(layer, badge);
  byArea.forEach((members, area) => {
    const outline = layer.areaOutlines[area];
    const emphasis = members.includes(layer.selected);
    outline.setStyle({ weight: emphasis ? 3 : 1.2, opacity: emphasis ? 0.9 : 0.45, fillOpacity: emphasis ? 0.1 : 0.03 });
    outline.addTo(layer.group);
  });
}
