/*
 * KurskMap.setView: everything the page's view decides (MapView), applied to the map without redrawing
 * what did not change; and KurskMap.preview, the date slider's next step drawn before the page's view.
 */

import { applyAnalysis } from "kcm/map_analysis.js";
import { keepHighlightInSight, showStep } from "kcm/map_briefing_fit.js";
import { keepClaimsInSight, renderDateBox } from "kcm/map_date_box.js";
import { ISO_DATE, dayToIso, isoToDay, snapToStep } from "kcm/map_dates.js";
import { whenIdle } from "kcm/map_dom.js";
import { drawFronts } from "kcm/map_fronts.js";
import { applyWords } from "kcm/map_language.js";
import { followView } from "kcm/map_popups.js";

function applyLayers(ctx, layers) {
  if (!Array.isArray(layers)) return;
  for (const [key, group] of Object.entries(ctx.groups)) {
    if (layers.includes(key) && !ctx.map.hasLayer(group)) ctx.map.addLayer(group);
    if (!layers.includes(key) && ctx.map.hasLayer(group)) ctx.map.removeLayer(group);
  }
}

function applyMove(ctx, moveTo) {
  if (!moveTo || moveTo.seq === ctx.state.moveSeq) return;
  ctx.state.moveSeq = moveTo.seq;
  ctx.map.setView([moveTo.lat, moveTo.lon], moveTo.zoom, { animate: false });
}

function centreOn(ctx, index) {
  const { data, map } = ctx;
  const cols = data.claims;
  const area = cols.area[index];
  if (area >= 0) {
    map.fitBounds(L.geoJSON(data.areas[area].geometry).getBounds(), { maxZoom: 10, animate: false });
  } else {
    map.setView([cols.lat[index], cols.lon[index]], Math.max(map.getZoom(), 10), { animate: false });
  }
}

/** The claims the view shows, selects and highlights; a newly selected claim is centred unless told not to. */
function applyClaims(ctx, view, wanted, fly) {
  const { claims, data, state } = ctx;
  const claimId = view.claim && ctx.claimIdPattern.test(view.claim) ? view.claim : null;
  const highlight = Array.isArray(view.highlight) ? view.highlight : [];
  const before = state.claim;
  claims.merge(view.added || null);
  const selected = claims.update(view, isoToDay(wanted), claimId, highlight);
  state.claim = selected >= 0 ? data.claims.ids[selected] : null;
  state.visible = claims.shownIds();
  state.highlight = highlight.slice();
  if (state.claim && state.claim !== before && fly) {
    centreOn(ctx, selected);
    claims.render();
  }
  return selected;
}

/** A move's claims in sight: fitSeq the move being fitted, inSightSeq once done, fitted if the map moved. */
function fitOnceDrawn(ctx, view) {
  const { state } = ctx;
  const move = view.moveTo;
  if (!move || move.seq === state.fitSeq) return;
  state.fitSeq = move.seq;
  state.inSightSeq = null;
  state.fitted = false;
  // Once the page has drawn what covers the map (the step's caption comes with this view).
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (move.fitHighlight && state.brief) keepHighlightInSight(ctx, view.covers || []);
    state.inSightSeq = move.seq;
  }));
}

/** While the browser is idle, the slider's next step either way is made ready: it will only have to draw. */
function prepareNextSteps(ctx, view) {
  const { state } = ctx;
  if (!view.previewSlider || state.preparing) return;
  state.preparing = true;
  whenIdle(() => {
    state.preparing = false;
    ctx.claims.prepareAround(ctx.timeline, isoToDay(state.date));
  });
}

/** The date and claim shown, on the map's element, for whoever watches the page. */
function markContainer(ctx, wanted) {
  const dataset = ctx.map.getContainer().dataset;
  const claim = ctx.state.claim || "";
  if (dataset.kcmDate !== wanted) dataset.kcmDate = wanted;
  if (dataset.kcmClaim !== claim) dataset.kcmClaim = claim;
}

/** The view is the one shown from now on, in the language it names. */
function takeView(ctx, view) {
  ctx.state.view = view;
  applyWords(ctx, view);
}

/** A briefing's step; a briefing fills the screen, so there one finger moves the map (map_gestures.js). */
function takeMode(ctx, view) {
  if (view.brief) showStep(ctx, view);
  ctx.touchesFor(ctx.state.brief);
}

/** @param {MapView} view */
export function setView(ctx, view, options) {
  const { data, state } = ctx;
  takeView(ctx, view);
  const wanted = view.date && ISO_DATE.test(view.date) ? view.date : state.date || data.defaultDate;
  state.date = wanted;
  drawFronts(ctx, wanted, () => renderDateBox(ctx));
  applyMove(ctx, view.moveTo);
  takeMode(ctx, view);
  const selected = applyClaims(ctx, view, wanted, (options || {}).fly !== false);
  followView(ctx, view, selected);
  applyAnalysis(ctx, view.analysis);
  applyLayers(ctx, view.layers);
  renderDateBox(ctx);
  keepClaimsInSight(ctx);
  fitOnceDrawn(ctx, view);
  prepareNextSteps(ctx, view);
  markContainer(ctx, wanted);
}

/**
 * The slider moved: draw the date it will land on now, if the date alone decides what is drawn. The
 * page's view follows and, being the same, changes nothing; if it differs, it wins.
 */
export function preview(ctx, day) {
  const { state } = ctx;
  const view = state.view;
  if (!view.previewSlider || state.pending || !Number.isInteger(day) || !state.date) return;
  const date = dayToIso(snapToStep(ctx.timeline, day, isoToDay(state.date)));
  if (date === state.date) return;
  window.KurskMap.setView(Object.assign({}, view, { date, visible: null, grades: null }), { fly: false });
}
