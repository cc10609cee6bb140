/*
 * The map inside a page that scrolls, on a touch screen: one finger scrolls the page, over the map as
 * anywhere else, and two fingers move and zoom the map (Leaflet's pinch, which follows the fingers), as
 * maps embedded in pages do. A finger moving alone over the map is told so, for a moment. A briefing fills
 * the screen and has nothing to scroll: there one finger moves the map. With a mouse nothing changes.
 */

import { COARSE, el } from "kcm/map_dom.js";

const HINT_MS = 1600;  // how long the hint stays once the finger stops
const SLOP_PX = 8;  // a tap's wobble is not a swipe

function hintOn(hint, on) {
  hint.classList.toggle("kcm-touch-hint-on", on);
}

/** Shows the hint while one finger moves over the map (the page scrolls under it), never for a tap. */
function watchOneFinger(map, hint) {
  const container = map.getContainer();
  let start = null;
  let timer = 0;
  const hide = () => hintOn(hint, false);
  container.addEventListener("touchstart", (event) => {
    const touch = event.touches[0];
    start = event.touches.length === 1 && !map.dragging.enabled() ? { x: touch.clientX, y: touch.clientY } : null;
    if (!start) hide();
  }, { passive: true });
  container.addEventListener("touchmove", (event) => {
    if (!start || event.touches.length !== 1) return;
    const touch = event.touches[0];
    if (Math.hypot(touch.clientX - start.x, touch.clientY - start.y) < SLOP_PX) return;
    hintOn(hint, true);
    clearTimeout(timer);
    timer = setTimeout(hide, HINT_MS);
  }, { passive: true });
}

/**
 * One finger is the page's, two are the map's, on a touch screen; returns `follow(brief)`, told whether the
 * map is a briefing's, where one finger moves the map again.
 * @param {L.Map} map
 * @returns {function(boolean): void}
 */
export function shareTouches(map) {
  if (!COARSE) return () => {};
  const hint = el("div", "kcm-touch-hint", "Use two fingers to move the map");
  hint.setAttribute("aria-hidden", "true");  // said to fingers only; a screen reader's gestures are its own
  map.getContainer().appendChild(hint);
  map.dragging.disable();
  watchOneFinger(map, hint);
  return (brief) => {
    if (brief && !map.dragging.enabled()) map.dragging.enable();
    if (!brief && map.dragging.enabled()) map.dragging.disable();
  };
}
