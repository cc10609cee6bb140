/*
 * The claim columns (ClaimColumns) and the sets of claims drawn from them. A set is the claims one date or
 * the page's bitset shows, with their groups (supercluster), areas and ids. Sets are kept ready to draw, by
 * key, least recently used first: finding which claims a date shows and grouping them costs time in
 * proportion to the number of claims; done once per set (for the dates next to the shown one, while the
 * browser is idle), a date step costs the same whatever the number of claims. The claims' statements come
 * in batches (parts) as the claims are drawn, and are written into the columns as they arrive.
 */

import { bitOn, decodeBytes } from "kcm/map_dom.js";
import { UNGRADED, makeGradeReader } from "kcm/map_grades.js";
import { seriesPart } from "kcm/map_parts.js";

export const MAX_ZOOM = 14;
const CLUSTER_RADIUS_PX = 44;  // the widest count badge: groups never cover each other
const KEPT_SETS = 8;  // claim sets kept ready to draw: the dates around the shown one, and the last few shown
const PER_CLAIM = ["ids", "numbers", "lat", "lon", "radiusM", "area", "statement", "claimant", "category", "reported",
  "until"];

/** The key of a set: the page's bitset, or a date under the default rule; and the grades it is drawn with. */
export function setKey(visible, epochDay, grades) {
  return (visible || "default:" + epochDay) + "|" + (grades || "today");
}

export function sameClaims(a, b) {
  return a.length === b.length && a.every((index, place) => b[place] === index);
}

export class ClaimSets {
  /**
   * @param {MapPayload} data its claim columns and source names grow with added claims
   * @param {Parts} parts where the statements' batches are fetched from
   */
  constructor(data, parts) {
    this.data = data;
    this.parts = parts;
    this.cols = data.claims;
    this.baseCount = this.cols.ids.length;
    this.cols.statement = new Array(this.baseCount).fill(null);  // null: its batch has not arrived
    this.batchesIn = new Set();
    this.baseReliability = this.cols.reliability;
    this.baseMarks = this.cols.marks;
    this.baseSourceCount = data.sourceNames.length;
    this.count = this.baseCount;
    this.indexById = new Map(this.cols.ids.map((id, index) => [id, index]));
    this.readGrade = makeGradeReader(data.scales);
    this.baseGrades = decodeBytes(this.cols.grades);
    this.addedKey = null;
    this.sets = new Map();
  }

  /**
   * Claims that reached the store after the map was built, appended after the payload's columns
   * (a set replaces the one before it whole). The page's view then counts every column.
   * @param {AddedClaims|null} added
   * @returns {boolean} whether the columns changed: every set made before is gone
   */
  merge(added) {
    const key = added ? added.key : null;
    if (key === this.addedKey) return false;
    const cols = this.cols;
    for (const name of PER_CLAIM) cols[name].length = this.baseCount;
    cols.reliability = this.baseReliability;
    cols.marks = this.baseMarks;
    this.data.sourceNames.length = this.baseSourceCount;
    this.indexById.clear();
    cols.ids.forEach((id, index) => this.indexById.set(id, index));
    if (added) this.append(added);
    this.count = cols.ids.length;
    this.addedKey = key;
    this.sets.clear();
    return true;
  }

  append(added) {
    const cols = this.cols;
    for (const name of PER_CLAIM) cols[name].push(...(name === "statement" ? added.statements : added.columns[name]));
    cols.reliability = this.baseReliability + added.columns.reliability;
    cols.marks = this.baseMarks + added.columns.marks;
    this.data.sourceNames.push(...added.sourceNames);
    added.columns.ids.forEach((id, place) => this.indexById.set(id, this.baseCount + place));
  }

  /** A claim's statement, or null until its batch has arrived. */
  statementOf(index) {
    return this.cols.statement[index];
  }

  /**
   * Fetches the batches holding these claims' statements and writes them into the columns.
   * @param {number[]} indexes
   * @returns {Promise<boolean>} whether any statement arrived (false: all were here already)
   */
  needStatements(indexes) {
    const per = this.data.statementsPerPart;
    const batches = new Set();
    for (const index of indexes) {
      if (index < this.baseCount && this.cols.statement[index] === null) batches.add(Math.floor(index / per));
    }
    return Promise.all(Array.from(batches, (batch) => this.parts.get(seriesPart(this.data.statements, batch)).then((texts) => {
      if (this.batchesIn.has(batch)) return;
      texts.forEach((text, place) => { this.cols.statement[batch * per + place] = text; });
      this.batchesIn.add(batch);
    }))).then(() => batches.size > 0);
  }

  /** The claims shown: by the page's bitset, or by the default rule on epochDay; never an ungraded one. */
  shownIndexes(grades, visible, epochDay) {
    const cols = this.cols;
    const bits = visible ? decodeBytes(visible) : null;
    const shown = [];
    for (let index = 0; index < this.count; index += 1) {
      if (grades[index] === UNGRADED) continue;
      if (bits ? bitOn(bits, index) : cols.reported[index] <= epochDay && cols.until[index] >= epochDay) {
        shown.push(index);
      }
    }
    return shown;
  }

  /**
   * The set under `key`, made if it is not kept; it is then the most recently used.
   * @param {string} key from setKey
   * @param {Uint8Array} grades one byte per claim
   * @param {string|null} visible the page's bitset, or null for the default rule on epochDay
   * @param {Object|null} drawn the set on the map: returned, under this key too, when it holds the same claims
   */
  claimSet(key, grades, visible, epochDay, drawn) {
    let set = this.sets.get(key);
    if (set) this.sets.delete(key);  // set again below: now the most recently used
    else {
      const shown = this.shownIndexes(grades, visible, epochDay);
      set = drawn && sameClaims(drawn.shown, shown) ? drawn : this.grouped(shown);
    }
    this.sets.set(key, set);
    if (this.sets.size > KEPT_SETS) this.sets.delete(this.sets.keys().next().value);
    return set;
  }

  /** A set of the `shown` claims: points grouped by supercluster, claims about an area by their area. */
  grouped(shown) {
    const cols = this.cols;
    const flags = new Uint8Array(this.count);
    const points = [];
    const byArea = new Map();
    for (const index of shown) {
      flags[index] = 1;
      const area = cols.area[index];
      if (area >= 0) {
        if (!byArea.has(area)) byArea.set(area, []);
        byArea.get(area).push(index);
      } else {
        points.push({ type: "Feature", properties: { index },
          geometry: { type: "Point", coordinates: [cols.lon[index], cols.lat[index]] } });
      }
    }
    const index = new Supercluster({ radius: CLUSTER_RADIUS_PX, maxZoom: MAX_ZOOM, minZoom: 0, minPoints: 2 })
      .load(points);
    return { flags, shown, byArea, index, ids: shown.map((item) => cols.ids[item]), groups: new Map() };
  }

  /** A group's members and how far from its centre they lie on screen, worked out once per set and zoom. */
  groupOf(map, set, feature) {
    const zoom = map.getZoom();
    if (!set.groups.has(zoom)) set.groups.set(zoom, new Map());
    const groups = set.groups.get(zoom);
    const clusterId = feature.properties.cluster_id;
    if (!groups.has(clusterId)) groups.set(clusterId, this.measureGroup(map, set, feature, zoom));
    return groups.get(clusterId);
  }

  measureGroup(map, set, feature, zoom) {
    const cols = this.cols;
    const members = set.index.getLeaves(feature.properties.cluster_id, Infinity).map((leaf) => leaf.properties.index);
    const [lon, lat] = feature.geometry.coordinates;
    const centre = map.project([lat, lon], zoom);
    let ringPx = 0;
    for (const index of members) {
      ringPx = Math.max(ringPx, map.project([cols.lat[index], cols.lon[index]], zoom).distanceTo(centre));
    }
    return { members, ringPx };
  }

  /** While the browser is idle: the sets of the timeline dates either side of `epochDay` under the default
   * rule, grouped at the map's zoom, so the slider's next step in either direction only draws. */
  prepareAround(map, timeline, epochDay) {
    const at = timeline.indexOf(epochDay);
    const days = [timeline[at - 1], timeline[at + 1]].filter((day) => at >= 0 && day !== undefined);
    for (const day of days) {
      const set = this.claimSet(setKey(null, day, null), this.baseGrades, null, day, null);
      const zoom = Math.round(map.getZoom());
      for (const feature of set.index.getClusters([-180, -85, 180, 85], zoom)) {
        if (feature.properties.cluster) this.groupOf(map, set, feature);
      }
    }
  }
}
