/*
 * A briefing on the map. A story step's view is chosen on a wide screen: on a phone, or wherever the title,
 * caption or date box cover its highlighted claims, the map moves until they lie clear. It zooms out around
 * the step's centre if that is enough (all the step framed stays in sight), else it pans as little as it
 * must; it never zooms out more than FIT_ZOOM_OUT levels nor pans the step's centre more than a quarter of
 * the screen, so the step's subject stays readable. A highlighted claim that still does not fit is named in
 * a callout (its number, which way and how far) rather than bought with a smaller map. Where the claims are
 * clear already, the view stays as written.
 */

import { addBriefingKey, addCallout } from "kcm/map_brief_key.js";
import { positionOf } from "kcm/map_bridge.js";
import { overlaps } from "kcm/map_dom.js";
import { beforeLabels, schedulePass, setLabelNeeds } from "kcm/map_labels.js";

const FIT_ZOOM_OUT = 1;  // a story step's view may zoom out this far to bring its highlighted claims into sight
const FIT_PAN_SHARE = 0.25;  // and pan its centre at most this share of the map's width or height
const FIT_MARGIN_PX = 6;
const FIT_ATTEMPTS = 4;

/**
 * The map as the room sees it: no keyboard, the scale out of the caption's way, and in place of the legend
 * a key of what the step shows, kept current before the labels are placed around it.
 */
function enterBriefing(ctx) {
  ctx.state.brief = true;
  ctx.map.keyboard.disable();
  ctx.scale.setPosition("topright");
  ctx.legend.setOpen(false);
  document.body.classList.add("kcm-briefing");
  ctx.briefKey = addBriefingKey(ctx);
  ctx.callout = addCallout(ctx);
  beforeLabels(() => ctx.briefKey.refresh());
}

/** A step's view: the places its caption names are labelled first and never covered, the page's boxes avoided. */
export function showStep(ctx, view) {
  if (!ctx.state.brief) enterBriefing(ctx);
  const covers = view.covers || [];
  setLabelNeeds(view.namedPlaces || [], () => coveringBoxes(ctx, covers, false));
  ctx.claims.coverBoxes = () => coveringBoxes(ctx, covers);
  schedulePass();
}

/** A box's strips: how much of the map each side would lose if the box took a strip off that side. */
function stripsOf(box, size) {
  const left = Math.max(0, box.left);
  const top = Math.max(0, box.top);
  const right = Math.min(size.x, box.right);
  const bottom = Math.min(size.y, box.bottom);
  if (right <= left || bottom <= top) return null;
  return { top: bottom / size.y, bottom: (size.y - top) / size.y, left: right / size.x, right: (size.x - left) / size.x };
}

/** The part of the map clear of `boxes` when each takes a strip off one of the `allowed` sides. */
function clearRect(boxes, size, allowed) {
  const inset = { top: 0, right: 0, bottom: 0, left: 0 };
  for (const box of boxes) {
    const strips = stripsOf(box, size);
    if (!strips) continue;
    const side = allowed.reduce((best, name) => (strips[name] < strips[best] ? name : best));
    inset[side] = Math.max(inset[side], strips[side] * (side === "top" || side === "bottom" ? size.y : size.x));
  }
  return { left: inset.left + FIT_MARGIN_PX, top: inset.top + FIT_MARGIN_PX,
    right: size.x - inset.right - FIT_MARGIN_PX, bottom: size.y - inset.bottom - FIT_MARGIN_PX };
}

/**
 * Parts of a size.x × size.y map clear of `boxes`: each box takes a strip off one side, the side where it
 * costs least, or only the top or bottom, or only the left or right.
 */
function clearRects(boxes, size) {
  const sides = [["top", "bottom", "left", "right"], ["top", "bottom"], ["left", "right"]];
  return sides.map((allowed) => clearRect(boxes, size, allowed));
}

/** How far to move the map so that [low, high] lies within [min, max]: centred if it cannot. */
function leastShift(low, high, min, max) {
  if (high - low > max - min) return (low + high - min - max) / 2;
  if (low < min) return low - min;
  return high > max ? high - max : 0;
}

function boxAt(target, point) {
  return { left: point.x - target.width / 2, right: point.x + target.width / 2,
    top: point.y - target.height / 2, bottom: point.y + target.height / 2 };
}

function inside(box, rect) {
  return box.left >= rect.left && box.right <= rect.right && box.top >= rect.top && box.bottom <= rect.bottom;
}

function roomy(box, rect) {
  return box.right - box.left <= rect.right - rect.left && box.bottom - box.top <= rect.bottom - rect.top;
}

/** Boxes drawn over the map, in its container's pixels: its controls and date box, and the page's
 * containers named in the view's `covers` (a briefing's title, caption and buttons). */
function coveringBoxes(ctx, covers, withControls = true) {
  const { dateBox, map } = ctx;
  const origin = map.getContainer().getBoundingClientRect();
  const shifted = (box, dx, dy) => ({ left: box.left + dx - origin.left, top: box.top + dy - origin.top,
    right: box.right + dx - origin.left, bottom: box.bottom + dy - origin.top });
  const controls = withControls ? [dateBox, ...map.getContainer().querySelectorAll(".leaflet-control")] : [];
  const boxes = controls.map((element) => shifted(element.getBoundingClientRect(), 0, 0));
  const frame = window.frameElement;
  if (frame) {
    const at = frame.getBoundingClientRect();
    const elements = covers.map((key) => frame.ownerDocument.querySelector(".st-key-" + CSS.escape(key)));
    for (const element of elements.filter(Boolean)) {
      boxes.push(shifted(element.getBoundingClientRect(), -at.left - frame.clientLeft, -at.top - frame.clientTop));
    }
  }
  return boxes.filter((box) => box.right > box.left && box.bottom > box.top);
}

function anyHidden(map, targets, boxes, size) {
  return targets.some((target) => {
    const box = boxAt(target, map.latLngToContainerPoint(target.latlng));
    return !inside(box, { left: 0, top: 0, right: size.x, bottom: size.y }) ||
      boxes.some((cover) => overlaps(box, cover));
  });
}

/** Where the targets would be drawn at `zoom` around `centre`, in container pixels: one box round them all. */
function extentAt(map, targets, centre, size, zoom) {
  const offset = map.project(centre, zoom).subtract(size.divideBy(2));
  return targets.map((target) => boxAt(target, map.project(target.latlng, zoom).subtract(offset)))
    .reduce((all, box) => ({ left: Math.min(all.left, box.left), top: Math.min(all.top, box.top),
      right: Math.max(all.right, box.right), bottom: Math.max(all.bottom, box.bottom) }));
}

/** The zoom, from `zooms`, and the shift that bring the targets clear: zooming out alone if that does. */
function clearZoomAndShift(zooms, rects, extent, lowest) {
  const zoom = zooms.find((level) => rects.some((rect) => inside(extent(level), rect)));
  if (zoom !== undefined) return { zoom, shift: L.point(0, 0) };
  const fitting = zooms.find((level) => rects.some((rect) => roomy(extent(level), rect)));
  const chosen = fitting === undefined ? lowest : fitting;
  const box = extent(chosen);
  const rect = rects.find((candidate) => roomy(box, candidate)) || rects[0];
  return { zoom: chosen, shift: L.point(leastShift(box.left, box.right, rect.left, rect.right),
    leastShift(box.top, box.bottom, rect.top, rect.bottom)) };
}

/** A shift no longer than FIT_PAN_SHARE of the map's size either way: the step's centre stays on screen. */
function boundedShift(shift, size) {
  const most = size.multiplyBy(FIT_PAN_SHARE);
  return L.point(Math.max(-most.x, Math.min(most.x, shift.x)), Math.max(-most.y, Math.min(most.y, shift.y)));
}

/** One attempt: moves the map if a target is hidden; says whether it moved. */
function bringIntoSight(ctx, covers, lowest) {
  const { map, state } = ctx;
  const targets = ctx.claims.stressedTargets();
  const size = map.getSize();
  const boxes = coveringBoxes(ctx, covers);
  if (!anyHidden(map, targets, boxes, size)) return false;
  const centre = map.getCenter();
  const zooms = [];
  for (let zoom = Math.round(map.getZoom()); zoom >= lowest; zoom -= 1) zooms.push(zoom);
  const extent = (zoom) => extentAt(map, targets, centre, size, zoom);
  const { zoom, shift: wanted } = clearZoomAndShift(zooms, clearRects(boxes, size), extent, lowest);
  const shift = boundedShift(wanted, size);
  if (zoom === Math.round(map.getZoom()) && shift.x === 0 && shift.y === 0) return false;
  map.setView(map.unproject(map.project(centre, zoom).add(shift), zoom), zoom, { animate: false });
  state.fitted = true;
  state.fittedAt = positionOf(map);
  return true;
}

/** The highlighted claims the room cannot see: off the map, or under what covers it. */
function unseen(ctx, covers) {
  const { claims, map } = ctx;
  const size = map.getSize();
  const boxes = coveringBoxes(ctx, covers);
  const screen = { left: 0, top: 0, right: size.x, bottom: size.y };
  const seen = new Set();
  for (const symbol of claims.symbols()) {
    const origin = map.getContainer().getBoundingClientRect();
    const drawn = symbol.marker.getElement().getBoundingClientRect();
    const box = { left: drawn.left - origin.left, right: drawn.right - origin.left, top: drawn.top - origin.top,
      bottom: drawn.bottom - origin.top };
    if (inside(box, screen) && !boxes.some((cover) => overlaps(box, cover))) symbol.members.forEach((i) => seen.add(i));
  }
  return Array.from(claims.highlight).filter((index) => claims.set && claims.set.flags[index] && !seen.has(index));
}

/** Moves the map until the step's highlighted claims lie clear of what covers it, and names those that do not
 * fit in the callout (see above). */
export function keepHighlightInSight(ctx, covers) {
  ctx.claims.render();  // area badges take a point in sight now that the page's caption is drawn
  const lowest = Math.max(ctx.map.getMinZoom(), Math.round(ctx.map.getZoom()) - FIT_ZOOM_OUT);
  for (let attempt = 0; attempt < FIT_ATTEMPTS; attempt += 1) {
    if (!bringIntoSight(ctx, covers, lowest)) break;
  }
  ctx.callout.show(unseen(ctx, covers));
}
