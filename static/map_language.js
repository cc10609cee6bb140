/*
 * The reader's language on the map: the view names the part holding the map's words (MapView.words); when it
 * names another, the words are fetched once (static/map_parts.js) and every text the map wrote is written again
 * in them — the date box, legend, labels, symbols' names, the open popup, the layer control — without drawing
 * the map again. The frame's own `lang` follows, for screen readers.
 */

import { schedulePass } from "kcm/map_labels.js";
import { language, nameOf, useWords } from "kcm/map_words.js";

/** The layer control's names: folium wrote them in English; each is written in the reader's language. */
function relabelLayerControl(map) {
  for (const name of map.getContainer().querySelectorAll(".leaflet-control-layers-selector + span")) {
    if (!name.dataset.kcmEnglish) name.dataset.kcmEnglish = name.textContent.trim();
    const wanted = " " + nameOf(name.dataset.kcmEnglish);
    if (name.textContent !== wanted) name.textContent = wanted;
  }
}

/** Leaflet writes the layer control's list again whenever a layer comes or goes: its names are put back then. */
export function followLayerControl(map) {
  const list = map.getContainer().querySelector(".leaflet-control-layers-list");
  if (!list) return;
  new MutationObserver(() => relabelLayerControl(map)).observe(list, { childList: true, subtree: true });
  relabelLayerControl(map);
}

/** Every text the map wrote, written again in the current words. */
function relabel(ctx) {
  document.documentElement.lang = language();
  ctx.relabelBasemap();
  ctx.legend.relabel();
  relabelLayerControl(ctx.map);
  ctx.claims.render();
  ctx.onWords();
  schedulePass();  // the labels' new words take other room: they are placed again
}

/**
 * Takes the words the view names, if they are not the ones shown: at once if the part is here, else once it
 * arrives (if the view still names it then).
 * @param {MapView} view
 */
export function applyWords(ctx, view) {
  const { parts, state } = ctx;
  const wanted = view.words || null;
  if (wanted === state.wordsWanted) return;
  state.wordsWanted = wanted;
  const take = (words) => {
    if (state.wordsWanted !== wanted) return;
    useWords(words);
    relabel(ctx);
  };
  const here = wanted ? parts.peek(wanted) : null;
  if (!wanted || here !== undefined) take(here);
  else parts.get(wanted).then(take, () => { state.wordsWanted = undefined; });  // the next view asks again
}

/** The first view's words, fetched before the map is drawn, so it opens in the reader's language. */
export function firstWords(view, parts) {
  const wanted = view && view.words;
  return wanted ? parts.get(wanted).then(useWords, () => null) : Promise.resolve(null);
}
