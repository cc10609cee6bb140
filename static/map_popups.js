/* The map's one popup: a claim's card or a badge's list, fitted to the map and clear of the date box. */

import { claimPopupContent } from "kcm/map_popup_content.js";
import { language } from "kcm/map_words.js";

export function createPopup(map, state) {
  const popup = L.popup({ className: "kcm-popup-frame", autoPanPaddingTopLeft: [12, 12],
    autoPanPaddingBottomRight: [12, 12] });
  popup.on("remove", () => { state.popupClaim = null; });
  return popup;
}

/** Popups fit the map, open below the date box and, on a narrow map, clear of the controls on the right. */
function fitPopup(ctx) {
  const { dateBox, map, popup } = ctx;
  const size = map.getSize();
  const narrow = size.x < 600;
  const right = narrow ? 64 : 12;
  popup.options.maxWidth = Math.max(180, Math.min(360, size.x - right - 60));  // 60: the popup's frame
  popup.options.minWidth = Math.min(220, size.x - right - 60);
  // Short enough that opening a list barely moves the map; the list scrolls inside it.
  popup.options.maxHeight = Math.max(160, Math.min(380, (narrow ? 0.6 : 1) * (size.y - dateBox.offsetHeight) - 60));
  const atBottom = dateBox.classList.contains("kcm-date-box-bottom");
  popup.options.autoPanPaddingTopLeft = [12, atBottom ? 12 : dateBox.offsetTop + dateBox.offsetHeight + 12];
  popup.options.autoPanPaddingBottomRight = [right, atBottom ? dateBox.offsetHeight + 46 : 12];
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
