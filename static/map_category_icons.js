/*
 * A claim's category as a small icon on its marker, as readers of other conflict maps expect: a line drawing
 * from the payload's categories (static/map_category_icons.json), built as SVG nodes, never parsed as markup.
 */

import { el } from "kcm/map_dom.js";
import { nameOf, t } from "kcm/map_words.js";

const SVG = "http://www.w3.org/2000/svg";

/** The icon's drawing alone, 16 x 16, in the text colour. */
export function categoryDrawing(category) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", category.icon);
  svg.appendChild(path);
  return svg;
}

/** The icon in its white disc, for a marker's corner (its words are in the marker's name). */
export function categoryBadge(category) {
  const badge = el("span", "kcm-category");
  badge.appendChild(categoryDrawing(category));
  return badge;
}

/** The legend's rows for the icons, in two columns: each category's icon beside its words. */
export function categoryLegendRows(categories) {
  const grid = el("div", "kcm-legend-categories");
  for (const category of categories) {
    const row = el("div", "kcm-legend-row");
    row.appendChild(categoryBadge(category));
    row.appendChild(el("span", "", nameOf(category.words)));
    grid.appendChild(row);
  }
  return [el("b", "", t("Claim icon: category")), grid];
}
