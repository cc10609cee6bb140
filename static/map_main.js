/*
 * The map's modules put together (static/kursk_map.js starts this one): the basemap, fronts, legend, date
 * box and claims drawn on the folium map, the page's views taken and the map's events reported. What the
 * map offers the page and the tests is on window.KurskMap: state, map, data, parts, claims, setView, preview,
 * select, symbols and settled (every front layer drawn as of the shown date, every shown claim's statement here).
 */

import { frameForEveryone } from "kcm/map_access.js";
import { addDateBox, followMap, renderDateBox } from "kcm/map_date_box.js";
import { drawBasemap, addHatchPatterns } from "kcm/map_basemap.js";
import { listenToPage, postToPage, reportMoves, viewFromParentUrl } from "kcm/map_bridge.js";
import { ClaimsLayer } from "kcm/map_claims.js";
import { ISO_DATE } from "kcm/map_dates.js";
import { addCredits, frontsSettled, geometryPart, snapshotAt } from "kcm/map_fronts.js";
import { firstWords, followLayerControl } from "kcm/map_language.js";
import { shareTouches } from "kcm/map_gestures.js";
import { addLegend } from "kcm/map_legend.js";
import { claimTooltip } from "kcm/map_popup_content.js";
import { createPopup, followView } from "kcm/map_popups.js";
import { openSymbol, selectById } from "kcm/map_select.js";
import { Parts } from "kcm/map_parts.js";
import { addScale } from "kcm/map_scale.js";
import { offerTiles } from "kcm/map_tiles.js";
import { preview, setView } from "kcm/map_view.js";

function newState() {
  return { date: null, claim: null, fronts: {}, frontsWanted: {}, visible: [], highlight: [], redraws: 0, moveSeq: null,
    brief: false, position: null, view: {}, analysisKey: "", analysisKinds: [], popupClaim: null,
    // A move's claims in sight: fitSeq the move being fitted, inSightSeq once done, fitted if the map moved.
    fitSeq: null, inSightSeq: null, fitted: false, fittedAt: null };
}

/**
 * Leaflet focuses the map on every press, for its arrow keys. On a page that scrolls (a phone) the browser
 * would scroll the page to the map first, and the finger would land beside the marker it pressed.
 */
function focusWithoutScrolling(map) {
  const container = map.getContainer();
  const focusContainer = container.focus.bind(container);
  container.focus = (options) => focusContainer(Object.assign({ preventScroll: true }, options));
}

/** The map is as tall as its frame, whatever height the frame was given. */
function fillFrame(map) {
  const fit = () => {
    const height = window.innerHeight;
    if (height > 0 && map.getContainer().clientHeight !== height) {
      map.getContainer().style.height = height + "px";
      map.invalidateSize();
    }
  };
  window.addEventListener("resize", fit);
  fit();
}

/** Draws the basemap, credits and controls; returns what the map's modules share (the context, `ctx`). */
function drawMap(map, data, groups, state, parts) {
  const relabelFrame = frameForEveryone(map);
  const relabelCredits = addCredits(map, data, groups);
  addHatchPatterns(map, { UA: "#0b4f8a", RU: "#7a1f4c", area: "#555555" });
  const relabelBasemap = drawBasemap(map, data, groups);
  offerTiles(map, groups);
  const legend = addLegend(map, data);
  const scale = addScale(map);
  const dateBox = addDateBox(map);
  const popup = createPopup(map, state);
  const claimIdPattern = new RegExp(data.claimIdPattern);  // a linked claim's id, as the store checks it
  const ctx = { map, data, groups, state, legend, scale: scale.control, dateBox, popup, claimIdPattern, parts, relabelBasemap,
    timeline: data.timeline || [], touchesFor: shareTouches(map) };
  ctx.onWords = () => {  // the reader's language changed: the date box, credits and an open popup follow
    renderDateBox(ctx);
    relabelFrame();
    relabelCredits();
    scale.relabel();
    if (state.popupClaim) followView(ctx, state.view, state.popupClaim.index);
    else if (state.popupList) state.popupList.rewrite();
  };
  ctx.claims = new ClaimsLayer(map, data, groups.claims, {
    open: (symbol) => openSymbol(ctx, symbol), tooltip: (index) => claimTooltip(data, ctx.claims, index),
  }, parts);
  ctx.settled = () => frontsSettled(ctx) && ctx.claims.statementsHere();
  followLayerControl(map);
  return ctx;
}

/**
 * @param {L.Map} map
 * @param {MapPayload} data
 * @param {Object<string, L.FeatureGroup>} groups one per overlay: base layers, each front layer, analysis, claims
 * @param {Parts} parts where the payload came from, and the rest will
 * @param {Array<Object|null>} fronts each front layer's geometry on the first date drawn (firstFronts)
 */
function start(map, data, groups, parts, fronts) {
  const api = window.KurskMap;
  const state = newState();
  Object.assign(api, { state, map, parts });
  focusWithoutScrolling(map);
  api.data = data;
  const ctx = drawMap(map, data, groups, state, parts);
  Object.assign(api, {
    claims: ctx.claims,
    select: (id) => selectById(ctx, id),
    symbols: () => ctx.claims.symbols(),
    setView: (view, options) => setView(ctx, view, options),
    preview: (day) => preview(ctx, day),
    settled: ctx.settled,
  });
  followMap(ctx);
  reportMoves(map, state);
  fillFrame(map);
  listenToPage(state);
  const fromPage = firstView();
  if (!fromPage.moveTo && map.getSize().x < 600) {
    map.fitBounds(phoneHome(data, fronts), { padding: [8, 8], animate: false });  // a phone starts on the fighting
  }
  api.setView(fromPage);
  postToPage({ ready: true });
}

/**
 * Where a narrow map starts: the Ukrainian-held area on the first date drawn, which the claims are about,
 * rather than the fighting's whole extent over the case (data.home), which a phone shows under its badges.
 */
function phoneHome(data, fronts) {
  const held = L.latLngBounds([]);
  data.fronts.forEach((layer, index) => {
    if (layer.side === "UA" && !layer.context && fronts[index]) held.extend(L.geoJSON(fronts[index]).getBounds());
  });
  return held.isValid() ? held : L.latLngBounds(data.home);
}

/** The view to draw first: the page's, if it has sent one, else what the page's address asks for. */
function firstView() {
  return (window.parent && window.parent.kcmView) || viewFromParentUrl();
}

/** The fronts of the first date drawn, fetched before the map is: it opens whole, not front by front. */
function firstFronts(data, parts) {
  const view = firstView();
  const wanted = view.date && ISO_DATE.test(view.date) ? view.date : data.defaultDate;
  return Promise.all(data.fronts.map((layer) => {
    const at = snapshotAt(layer.dates, wanted);
    return at >= 0 ? parts.get(geometryPart(layer, at)).catch(() => null) : null;
  }));
}

/**
 * Fetches the payload (its part, named by `entry`) and the first date's fronts, then draws the map. A payload
 * that cannot be fetched (the app restarted and no longer holds it) is asked for again: the page's next run
 * puts it back.
 * @param {L.Map} map
 * @param {string} entry
 * @param {Object<string, L.FeatureGroup>} groups
 * @param {string|null} partsUrl
 * @param {Promise<Response>|null} payload the payload's fetch, begun by the loader, if it began one
 */
export function load(map, entry, groups, partsUrl, payload) {
  const parts = new Parts(partsUrl, payload ? { [entry]: payload } : {});
  const attempt = (wait) => parts.get(entry).then((data) => Promise.all([firstFronts(data, parts),
    firstWords(firstView(), parts)]).then(([fronts]) => start(map, data, groups, parts, fronts)),
  () => setTimeout(() => attempt(Math.min(wait * 2, 8000)), wait));
  attempt(250);
}
