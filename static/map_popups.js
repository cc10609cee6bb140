/* The map's one popup: a claim's card or a badge's list, fitted to the map and clear of the date box. */

import { claimPopupContent } from "kcm/map_popup_content.js";
import { language } from "kcm/map_words.js";

export function createPopup(map, state) {
  const popup = L.popup({ className: "kcm-popup-frame", autoPanPaddingTopLeft: [12, 12],
    autoPanPaddingBottomRight: [12, 12] });
  popup.on("remove", () => {
    state.popupClaim = null;
    state.popupList = null;
  });
  return popup;
}

const FRAME_X_PX = 42;  // a popup's frame beside its text: the content's margins (the right one clear of ×), its border
const FRAME_Y_PX = 50;  // above and below its text: margins, border, the tip and the offset from the point

/**
 * How far the map's controls at its top (or bottom) reach into it: zoom, legend and layer buttons, scale and
 * credits, and the date box where it stands; at most 40% of the map's height (an open legend may reach further:
 * it is the viewer's to close).
 */
function controlsReach(ctx, edge) {
  const { dateBox, map } = ctx;
  const container = map.getContainer();
  const frame = container.getBoundingClientRect();
  const boxes = Array.from(container.querySelectorAll(".leaflet-" + edge + " .leaflet-control"));
  if (dateBox.classList.contains("kcm-date-box-bottom") === (edge === "bottom")) boxes.push(dateBox);
  const reach = Math.max(0, ...boxes.filter((box) => box.offsetHeight > 0).map((box) => {
    const drawn = box.getBoundingClientRect();
    return edge === "top" ? drawn.bottom - frame.top : frame.bottom - drawn.top;
  }));
  return Math.min(reach, 0.4 * map.getSize().y);
}

/**
 * A narrow map's popup (a phone's) opens between the controls at the top and those at the bottom, across the
 * map's whole width, so its text is cut neither by a control nor by a popup squeezed beside them.
 */
function fitNarrowPopup(ctx) {
  const { map, popup } = ctx;
  const size = map.getSize();
  const top = controlsReach(ctx, "top") + 8;
  const bottom = controlsReach(ctx, "bottom") + 8;
  popup.options.maxWidth = Math.max(160, size.x - 24 - FRAME_X_PX);
  popup.options.minWidth = popup.options.maxWidth;
  popup.options.maxHeight = Math.max(140, size.y - top - bottom - FRAME_Y_PX);
  popup.options.autoPanPaddingTopLeft = [12, top];
  popup.options.autoPanPaddingBottomRight = [12, bottom];
}

/** Popups fit the map and open below the date box; on a narrow map, between the controls at its top and bottom. */
function fitPopup(ctx) {
  const { dateBox, map, popup } = ctx;
  const size = map.getSize();
  if (size.x < 600) {
    fitNarrowPopup(ctx);
    return;
  }
  const atBottom = dateBox.classList.contains("kcm-date-box-bottom");
  popup.options.maxWidth = Math.max(180, Math.min(360, size.x - 72));  // 72: a margin and the popup's frame
  popup.options.minWidth = Math.min(220, size.x - 72);
  // Short enough that opening a list barely moves the map; the list scrolls inside it.
  popup.options.maxHeight = Math.max(160, Math.min(380, size.y - dateBox.offsetHeight - 60));
  popup.options.autoPanPaddingTopLeft = [12, atBottom ? 12 : dateBox.offsetTop + dateBox.offsetHeight + 12];
  popup.options.autoPanPaddingBottomRight = [12, atBottom ? dateBox.offsetHeight + 46 : 12];
}

export function openPopup(ctx, latlng, content) {
  const { map, popup } = ctx;
  fitPopup(ctx);
  popup.setLatLng(latlng).setContent(content);
  if (!map.hasLayer(popup)) popup.openOn(map);
  else popup.update();
}

/** A claim's open popup follows the view: closed when the claim is no longer selected, rewritten when its
 * detail or grades change. */
export function followView(ctx, view, selected) {
  const shown = ctx.state.popupClaim;
  if (!shown) return;
  if (shown.index !== selected) {
    ctx.map.closePopup(ctx.popup);
    return;
  }
  const id = ctx.data.claims.ids[shown.index];
  const detail = (view.detail || {})[id];
  const popupKey = JSON.stringify([id, detail || null, view.grades, language()]);
  if (popupKey === shown.key) return;
  shown.key = popupKey;
  openPopup(ctx, shown.latlng, claimPopupContent(ctx.data, ctx.claims, shown.index, detail));
}
