/*
 * Room for an area's badge in a briefing: any point inside an area stands for it, so a badge may be drawn at the
 * point of its areas that is least covered by the page's boxes and the symbols around it (see
 * static/map_area_badges.js). Areas are GeoJSON polygons, tested point by point.
 */

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

/** How much a badge of `box`'s size centred on a container point would overlap `covers` (0: clear), or Infinity
 * when it would not be whole on screen. */
export function overlapAt(size, covers, box) {
  return (point) => {
    const around = { left: point.x - box.width / 2 - 4, right: point.x + box.width / 2 + 4,
      top: point.y - box.height / 2 - 4, bottom: point.y + box.height / 2 + 4 };
    if (around.left < 0 || around.top < 0 || around.right > size.x || around.bottom > size.y) return Infinity;
    return covers.reduce((total, cover) => total + Math.max(0, Math.min(around.right, cover.right) -
      Math.max(around.left, cover.left)) * Math.max(0, Math.min(around.bottom, cover.bottom) -
      Math.max(around.top, cover.top)), 0);
  };
}

/** The point on a grid over the map, inside every one of `areas`, that overlaps least, nearest `own` among
 * equals; null when no grid point lies inside them on screen. */
export function leastCovered(map, own, overlapOf, areas) {
  const size = map.getSize();
  const step = Math.max(10, Math.round(Math.min(size.x, size.y) / 50));
  let best = null;
  let bestScore = [Infinity, Infinity];
  for (let y = step / 2; y < size.y; y += step) {
    for (let x = step / 2; x < size.x; x += step) {
      const point = L.point(x, y);
      const score = [overlapOf(point), point.distanceTo(own)];
      const better = score[0] < bestScore[0] || (score[0] === bestScore[0] && score[1] < bestScore[1]);
      if (!better || score[0] === Infinity) continue;
      const latlng = map.containerPointToLatLng(point);
      if (areas.every((geometry) => holds(geometry, latlng))) [best, bestScore] = [latlng, score];
    }
  }
  return best;
}

/** The boxes of the map's controls and its date box, in its container's pixels: a phone's badge keeps clear of
 * them (a briefing's covers hold them already). */
export function controlBoxes(map) {
  const container = map.getContainer();
  const origin = container.getBoundingClientRect();
  return Array.from(container.querySelectorAll(".leaflet-control, .kcm-date-box")).map((element) => {
    const box = element.getBoundingClientRect();
    return { left: box.left - origin.left, top: box.top - origin.top, right: box.right - origin.left,
      bottom: box.bottom - origin.top };
  }).filter((box) => box.right > box.left && box.bottom > box.top);
}
