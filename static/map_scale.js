/*
 * The map's scale bar in the reader's language. Leaflet writes its lengths in English ("2 km", "500 m", "1 mi",
 * "2000 ft"); each is written again with the language's unit and number. Miles and feet are drawn for a reader
 * of English only: a reader of Ukrainian or Russian measures in metres.
 */

import { language, number, t } from "kcm/map_words.js";

const UNITS = {
  m: (count) => t("{count} m", { count }),
  km: (count) => t("{count} km", { count }),
  mi: (count) => t("{count} mi", { count }),
  ft: (count) => t("{count} ft", { count }),
};

/** A length as Leaflet writes it ("2 km"), in the reader's language; anything else as it is. */
export function lengthIn(text) {
  const found = /^(\d+(?:\.\d+)?) (m|km|mi|ft)$/.exec(text);
  return found ? UNITS[found[2]](number(Number(found[1]))) : text;
}

/**
 * Leaflet's scale (1.9, vendored), writing each line in the reader's language: Leaflet sets a line's width and
 * text in `_updateScale`, which is taken over here; the text goes in as text, never as markup.
 */
const ScaleInWords = L.Control.Scale.extend({
  onAdd(map) {  // a control moved (a briefing's setPosition) is drawn anew: it is marked again
    const container = L.Control.Scale.prototype.onAdd.call(this, map);
    markMetricOnly(container);
    return container;
  },
  _updateScale(line, text, ratio) {
    line.style.width = Math.round(this.options.maxWidth * ratio) + "px";
    line.textContent = lengthIn(text);
  },
});

function markMetricOnly(container) {
  container.classList.toggle("kcm-metric-only", language() !== "en");
}

/** The scale, bottom right; returns what writes it again in the current words. */
export function addScale(map) {
  const scale = new ScaleInWords({ position: "bottomright" }).addTo(map);
  const relabel = () => {
    markMetricOnly(scale.getContainer());
    scale._update();
  };
  return { control: scale, relabel };
}
