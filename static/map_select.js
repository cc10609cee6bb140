/* Choosing on the map: a claim's symbol selects it; a group's or an area's badge lists its claims. */

import { postToPage } from "kcm/map_bridge.js";
import { claimPopupContent, listPopupContent } from "kcm/map_popup_content.js";
import { openPopup } from "kcm/map_popups.js";

const MAX_ZOOM = 14;

/** Opens the popup with `content()`, and writes it again once the statements of `indexes` have arrived, if
 * they were not all here and the popup still shows what it was opened for (`stillOpen`). */
function openWithStatements(ctx, latlng, indexes, content, stillOpen) {
  openPopup(ctx, latlng, content());
  ctx.claims.needStatements(indexes).then((arrived) => {
    if (arrived && stillOpen()) openPopup(ctx, latlng, content());
  }, () => {});
}

/** Selects a claim on the map, tells the page, and opens its popup at `latlng`. */
export function select(ctx, index, latlng) {
  const { data, state } = ctx;
  const id = data.claims.ids[index];
  state.pending = { claim: id, at: Date.now() };
  window.KurskMap.setView(Object.assign({}, state.view, { claim: id, moveTo: null }), { fly: false });
  postToPage({ select: id });
  const shown = { index, latlng };
  state.popupClaim = shown;
  state.popupList = null;
  openWithStatements(ctx, latlng, [index], () => claimPopupContent(data, ctx.claims, index, (state.view.detail || {})[id]),
    () => state.popupClaim === shown);
}

/** Where a claim chosen from a badge is shown: an area's claims at the badge, the others at their point. */
function claimAt(ctx, index, symbol) {
  return symbol && symbol.kind === "area" ? symbol.latlng
    : L.latLng(ctx.data.claims.lat[index], ctx.data.claims.lon[index]);
}

/** A press on a symbol. */
export function openSymbol(ctx, symbol) {
  const { claims, map, popup } = ctx;
  if (symbol.kind === "claim") {
    select(ctx, symbol.members[0], symbol.latlng);
    return;
  }
  const expandable = symbol.kind === "cluster" && claims.expansionZoom(symbol) <= MAX_ZOOM;
  const zoomIn = expandable ? () => {
    map.closePopup(popup);
    map.setView(symbol.latlng, claims.expansionZoom(symbol), { animate: false });
  } : null;
  const choose = (index) => select(ctx, index, claimAt(ctx, index, symbol));
  const content = () => listPopupContent(ctx.data, claims, symbol, choose, zoomIn);
  const stillOpen = () => !ctx.state.popupClaim && map.hasLayer(popup) && popup.getLatLng().equals(symbol.latlng);
  ctx.state.popupList = { rewrite: () => { if (stillOpen()) openPopup(ctx, symbol.latlng, content()); } };
  openWithStatements(ctx, symbol.latlng, symbol.members, content, stillOpen);
}

/** KurskMap.select: a claim chosen by its id, as a press on it would. */
export function selectById(ctx, id) {
  const index = ctx.claims.indexById.get(id);
  const symbol = ctx.claims.symbols().find((item) => item.members.includes(index));
  select(ctx, index, claimAt(ctx, index, symbol));
}
