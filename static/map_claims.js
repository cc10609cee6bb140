/*
 * The claims layer: draws the claims shown on a date. Individual markers sit at the claim's true point;
 * claims whose markers would overlap share a count badge (supercluster) with a dashed ring around all their
 * true points; claims about an area share a badge at a point inside the area. Only what is on screen (and
 * half a screen around it) is drawn.
 */

import { drawAreaBadges } from "kcm/map_area_badges.js";
import { ClaimSets, sameClaims, setKey } from "kcm/map_claim_sets.js";
import { listenForKeys, placeTabStop, symbolFocused } from "kcm/map_claim_keys.js";
import { MARKER_PX, drawCluster, drawSingle } from "kcm/map_claim_symbols.js";
import { decodeBytes } from "kcm/map_dom.js";

function areaOutline(area) {
  return L.geoJSON(area.geometry, {
    interactive: false, style: { className: "kcm-uncertainty", color: "#444", weight: 1.2, opacity: 0.45,
      fillOpacity: 0.03, dashArray: "6 5" },
  });
}

export class ClaimsLayer {
  /**
   * @param {L.Map} map
   * @param {MapPayload} data
   * @param {L.FeatureGroup} group where the claims are drawn
   * @param {{open: function(Object): void, tooltip: function(number): HTMLElement}} callbacks a symbol
   *   pressed; a claim's tooltip
   * @param {Parts} parts where the claims' statements are fetched from
   */
  constructor(map, data, group, callbacks, parts) {
    Object.assign(this, { map, data, group, callbacks, cols: data.claims });
    this.sets = new ClaimSets(data, parts);
    this.indexById = this.sets.indexById;
    this.areaOutlines = data.areas.map(areaOutline);
    Object.assign(this, { grades: this.sets.baseGrades, gradesKey: data.claims.grades, shownGradesKey: undefined,
      visibleKey: null, set: null, selected: -1, highlight: new Set(), stressKey: undefined, drawnSymbols: [],
      renderCount: 0, renderedBounds: null, keyClaim: -1 });
    map.on("zoomend", () => this.render());
    map.on("moveend", () => {
      if (!this.renderedBounds || !this.renderedBounds.contains(map.getBounds())) this.render();
    });
    listenForKeys(this);
  }

  gradeOf(index) {
    return this.sets.readGrade(this.grades[index], this.cols.reliability[index]);
  }

  /** @param {AddedClaims|null} added claims that reached the store after the map was built */
  merge(added) {
    if (!this.sets.merge(added)) return;
    this.visibleKey = null;
    this.gradesKey = null;
    this.set = null;
  }

  /** Takes the set the view shows; says whether the claims on the map change. */
  setShown(view, epochDay) {
    const gradesKey = view.grades || this.cols.grades;
    if (gradesKey !== this.gradesKey) {
      this.grades = view.grades ? decodeBytes(view.grades) : this.sets.baseGrades;
      this.gradesKey = gradesKey;
    }
    const key = setKey(view.visible, epochDay, view.grades);
    if (key === this.visibleKey) return false;
    const gradesChanged = this.shownGradesKey !== gradesKey;
    this.visibleKey = key;
    this.shownGradesKey = gradesKey;
    const drawn = gradesChanged ? null : this.set;
    const set = this.sets.claimSet(key, this.grades, view.visible || null, epochDay, drawn);
    // The page's view of a date the map has already drawn (from the slider, or as the same set by
    // another name) changes nothing on the map.
    if (drawn && (set === drawn || sameClaims(drawn.shown, set.shown))) return false;
    this.set = set;
    return true;
  }

  prepareAround(timeline, epochDay) {
    this.sets.prepareAround(this.map, timeline, epochDay);
  }

  render() {
    this.renderCount += 1;
    const hadFocus = symbolFocused(this);  // the symbols are drawn anew: the one reached keeps the focus
    this.group.clearLayers();
    this.drawnSymbols = [];
    if (!this.set) return;
    drawAreaBadges(this);
    const bounds = this.map.getBounds().pad(0.5);
    const zoom = Math.round(this.map.getZoom());
    const features = this.set.index.getClusters([bounds.getWest(), Math.max(-85, bounds.getSouth()),
      bounds.getEast(), Math.min(85, bounds.getNorth())], zoom);
    for (const feature of features) {
      if (feature.properties.cluster) drawCluster(this, feature);
      else drawSingle(this, feature.properties.index);
    }
    this.renderedBounds = bounds;
    placeTabStop(this, hadFocus);
    const set = this.set;
    this.needStatements(set.shown).then((arrived) => {  // the symbols' names then carry their statements
      if (arrived && this.set === set) this.render();
    }, () => {});
  }

  /** Whether every shown claim's statement has arrived (the symbols' names carry them). */
  statementsHere() {
    return !this.set || this.set.shown.every((index) => this.cols.statement[index] !== null);
  }

  /** @returns {Promise<boolean>} see ClaimSets.needStatements */
  needStatements(indexes) {
    return this.sets.needStatements(indexes);
  }

  /** Shows the view's claims, selection and highlights, drawing again only if they changed; the selected
   * claim's column, or -1 when it is not shown. */
  update(view, epochDay, selectedId, highlight) {
    const changed = this.setShown(view, epochDay);
    const byId = this.indexById;
    const selected = selectedId && byId.has(selectedId) && this.set && this.set.flags[byId.get(selectedId)]
      ? byId.get(selectedId) : -1;
    const highlightSet = new Set(highlight.filter((id) => byId.has(id)).map((id) => byId.get(id)));
    const stressKey = selected + "|" + Array.from(highlightSet).join(",");
    if (changed || stressKey !== this.stressKey) {
      this.selected = selected;
      this.highlight = highlightSet;
      this.stressKey = stressKey;
      this.render();
    }
    return selected;
  }

  shownIds() {
    return this.set ? this.set.ids : [];
  }

  /** Where a claim with no symbol (beyond the drawn part of the map) is: its own point or its area's anchor. */
  claimPoint(index) {
    const area = this.cols.area[index];
    return area >= 0 ? L.latLng(this.data.areas[area].anchor) : L.latLng(this.cols.lat[index], this.cols.lon[index]);
  }

  /**
   * Where the highlighted and selected claims are drawn, with their symbols' size on screen; a claim
   * with no symbol at claimPoint.
   * @returns {{latlng: L.LatLng, width: number, height: number}[]}
   */
  stressedTargets() {
    const wanted = new Set(this.highlight);
    if (this.selected >= 0) wanted.add(this.selected);
    const targets = [];
    for (const symbol of this.drawnSymbols) {
      if (!symbol.members.some((index) => wanted.has(index))) continue;
      for (const index of symbol.members) wanted.delete(index);
      const drawn = symbol.marker.getElement().getBoundingClientRect();
      targets.push({ latlng: symbol.latlng, width: drawn.width, height: drawn.height });
    }
    for (const index of wanted) {
      if (this.set && this.set.flags[index]) targets.push({ latlng: this.claimPoint(index), width: MARKER_PX, height: MARKER_PX });
    }
    return targets;
  }

  /** Shown claims about a place or point outside the part of the map on screen. */
  outsideView() {
    const bounds = this.map.getBounds();
    const cols = this.cols;
    return (this.set ? this.set.shown : []).filter((index) => cols.area[index] < 0 &&
      !bounds.contains([cols.lat[index], cols.lon[index]])).length;
  }

  symbols() {
    return this.drawnSymbols;
  }

  /** How many times the symbols were drawn: a new number means new symbols on the map. */
  renders() {
    return this.renderCount;
  }

  expansionZoom(symbol) {
    return this.set.index.getClusterExpansionZoom(symbol.clusterId);
  }
}
