/*
 * The map inside a page that scrolls, on a touch screen: one finger scrolls the page, over the map as
 * anywhere else, and two fingers move and zoom the map (Leaflet's pinch, which follows the fingers), as
 * maps embedded in pages do. A finger moving alone over the map is told so, for a moment. A briefing fills
 * the screen and the exported page is the map itself: neither has a page to scroll, so there one finger moves
 * the map. With a mouse nothing changes.
 */

import { COARSE, el } from "kcm/map_dom.js";
import { t } from "kcm/map_words.js";

const HINT_MS = 1500;  // how long the hint stays once the finger stops

/** The hint shown or faded; written when shown, so it is in the language the reader reads now. */
function hintOn(hint, on) {
  if (on) hint.textContent = t("Use two fingers to move the map");
  hint.classList.toggle("kcm-touch-hint-on", on);
}

/**
 * Shows the hint for a moment when one finger on the map scrolls the page: the browser cancels a finger's pointer
 * once it takes its gesture for a scroll, so a tap, or two fingers moving the map, never shows it.
 */
function watchOneFinger(map, hint) {
  const container = map.getContainer();
  const fingers = new Set();
  let timer = 0;
  const fadeLater = () => {
    clearTimeout(timer);
    timer = setTimeout(() => hintOn(hint, false), HINT_MS);
  };
  container.addEventListener("pointerdown", (event) => {
    if (event.pointerType !== "touch") return;
    fingers.add(event.pointerId);
    if (fingers.size > 1) hintOn(hint, false);
  });
  container.addEventListener("pointercancel", (event) => {
    if (fingers.size === 1 && fingers.has(event.pointerId) && !map.dragging.enabled()) {
      hintOn(hint, true);
      fadeLater();
    }
    fingers.delete(event.pointerId);
  });
  container.addEventListener("pointerup", (event) => fingers.delete(event.pointerId));
  // While that finger goes on scrolling the page the hint stays; it fades once the finger has rested a moment.
  container.addEventListener("touchmove", () => {
    if (hint.classList.contains("kcm-touch-hint-on")) fadeLater();
  }, { passive: true });
}

/**
 * One finger is the page's, two are the map's, on a touch screen; returns `follow(brief)`, told whether the
 * map is a briefing's, where one finger moves the map again.
 * @param {L.Map} map
 * @returns {function(boolean): void}
 */
export function shareTouches(map) {
  // A map that is the page itself (the exported file) has no page around it to scroll: one finger moves it.
  if (!COARSE || window.parent === window) return () => {};
  const hint = el("div", "kcm-touch-hint");
  hint.setAttribute("aria-hidden", "true");  // said to fingers only; a screen reader's gestures are its own
  map.getContainer().appendChild(hint);
  map.dragging.disable();
  watchOneFinger(map, hint);
  return (brief) => {
    if (brief && !map.dragging.enabled()) map.dragging.enable();
    if (!brief && map.dragging.enabled()) map.dragging.disable();
  };
}
