/*
 * The map's frame for a screen reader and a keyboard: its content is one main landmark under a level-one
 * heading, the map itself a named region, and no shape (fronts, areas, the basemap) is a tab stop. Leaflet
 * listens for focus on every shape with a tooltip, which makes an SVG path focusable in Chromium: 150 tab stops
 * before the panel. Each shape is given tabindex -1 as it is added; the claims are reached by their symbols.
 */

import { el } from "kcm/map_dom.js";
import { t } from "kcm/map_words.js";

function outOfTabOrder(layer) {
  const element = typeof layer.getElement === "function" ? layer.getElement() : null;
  if (element && element instanceof SVGElement) element.setAttribute("tabindex", "-1");
}

/** Makes the frame so; returns what writes its words again in the reader's language. */
export function frameForEveryone(map) {
  const container = map.getContainer();
  let top = container;
  while (top.parentElement && top.parentElement !== document.body) top = top.parentElement;
  top.setAttribute("role", "main");
  container.setAttribute("role", "region");
  const heading = el("h1", "kcm-visually-hidden");
  container.insertBefore(heading, container.firstChild);
  const relabel = () => {
    heading.textContent = t("Map of the claims about the Kursk incursion");
    container.setAttribute("aria-label", t("Map: arrow keys move it, plus and minus zoom; Tab goes on to the claims drawn on it"));
  };
  relabel();
  map.eachLayer(outOfTabOrder);
  map.on("layeradd", (event) => outOfTabOrder(event.layer));
  return relabel;
}

/**
 * A box that scrolls (the legend on a short map) is a tab stop, named, so that a keyboard can scroll it; while it
 * does not scroll it is none.
 */
export function focusableWhileScrolling(element, name) {
  const update = () => {
    if (element.scrollHeight > element.clientHeight + 1) {
      element.tabIndex = 0;
      element.setAttribute("role", "region");
      element.setAttribute("aria-label", name);
    } else {
      for (const attribute of ["tabindex", "role", "aria-label"]) element.removeAttribute(attribute);
    }
  };
  new ResizeObserver(update).observe(element);
  update();
}
