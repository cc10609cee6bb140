/*
 * Kursk claims map: the browser side of the map.
 *
 * The map is sent once with every dated front and every claim embedded (MapPayload). Changing
 * the date, the selection, highlights, layers or the view only calls KurskMap.setView with a
 * MapView, reached by a postMessage from the page, so the map is never re-sent or remounted.
 * The map reports clicks and its position back the same way (MapEvent).
 *
 * Placement is the map's promise: every claim is drawn where its data says. A claim about a
 * place or point is drawn at that point; claims whose markers would overlap become one count
 * badge whose dashed circle holds all of their true positions; claims about an area share one
 * badge drawn inside that area. Nothing is ever pushed aside. Text from data is put in the page
 * with textContent only; the only markup is in payload fields named *Html (credits).
 */

/**
 * Mirrors components/map/protocol.py; keep the two in step (a test compares the key names).
 * @typedef {{ids: string[], numbers: number[], lat: number[], lon: number[], radiusM: number[],
 *   area: number[], statement: string[], claimant: number[], reported: number[], until: number[],
 *   reliability: string, marks: string, grades: string}} ClaimColumns
 * @typedef {{date: string, areaKm2: number, geometry: object}} FrontSnapshotRecord
 * @typedef {{id: string, label: string, sourceName: string, side: string, basis: string, hatched: boolean,
 *   context: boolean, style: object, creditHtml: string, snapshots: FrontSnapshotRecord[]}} FrontLayerRecord
 * @typedef {{id: string, name: string, anchor: number[], holdsAnchorsOf: string[], geometry: object}} AreaRecord
 * @typedef {{name: string, lat: number, lon: number, key: boolean, verified: boolean, radiusM: number}} PlaceRecord
 * @typedef {{name: string, focus: boolean, lat: number, lon: number}} RegionLabel
 * @typedef {{key: string, words: string, style: object}} LegendEntry
 * @typedef {{levels: string[], levelColours: string[], statuses: string[], statusWords: string[], retracted: string,
 *   credibilityOpacity: number[], reliabilityWords: Object<string, string>, credibilityWords: string[]}} GradeScales
 * @typedef {{regions: object, regionLabels: RegionLabel[], border: object, places: PlaceRecord[],
 *   fronts: FrontLayerRecord[], areas: AreaRecord[], claims: ClaimColumns, sourceNames: string[],
 *   scales: GradeScales, analysisKinds: LegendEntry[], attributionHtml: string[],
 *   placesCreditHtml: string, claimIdPattern: string, defaultDate: string, timeline: number[], home: number[][]}} MapPayload
 * @typedef {{lat: number, lon: number, zoom: number, seq: (number|string), fitHighlight: boolean}} MoveTo
 * @typedef {{outlet: string, date: string, url: string}} ReportRecord
 * @typedef {{where: string, period: string, reports: ReportRecord[]}} ClaimDetail
 * @typedef {{type: string, geometry: object, properties: object}} AnalysisFeature
 * @typedef {{date: string, claim: string, visible: (string|null), grades: (string|null),
 *   detail: Object<string, ClaimDetail>, moveTo: (MoveTo|null),
 *   layers: (string[]|null), highlight: string[], brief: boolean, covers: string[], analysis: (object|null),
 *   playing: boolean, step: number, steps: number, stepPress: number, added: (AddedClaims|null),
 *   previewSlider: (string|null)}} MapView
 * @typedef {{key: string, columns: ClaimColumns, sourceNames: string[]}} AddedClaims
 * @typedef {{lat: number, lon: number, zoom: number}} Position
 * @typedef {{select: string}} SelectEvent
 * @typedef {{position: Position}} PositionEvent
 * @typedef {{ready: boolean}} ReadyEvent
 * @typedef {(SelectEvent|PositionEvent|ReadyEvent)} MapEvent
 *
 * The bridge's messages, posted between the page (static/sidecar.js) and this frame on the page's origin:
 * `kcm` says what each is ("view" and "date" come from the page, true marks the map's events).
 * @typedef {MapView & {kcm: "view"}} ViewMessage
 * @typedef {{kcm: "date", day: number}} DateMessage
 * @typedef {SelectEvent & {kcm: true}} SelectMessage
 * @typedef {PositionEvent & {kcm: true}} PositionMessage
 * @typedef {ReadyEvent & {kcm: true}} ReadyMessage
 * @typedef {(ViewMessage|DateMessage|SelectMessage|PositionMessage|ReadyMessage)} BridgeMessage
 */
(function () {
  "use strict";

  const VILLAGE_LABEL_ZOOM = 10;
  const CLUSTER_RADIUS_PX = 44;  // the widest count badge: groups never cover each other
  const MAX_ZOOM = 14;
  const LIST_LIMIT = 50;
  const DAY_MS = 86400000;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  const UNGRADED = 255;
  const KEPT_SETS = 8;  // claim sets kept ready to draw: the dates around the shown one, and the last few shown
  const COARSE = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  const MARKER_PX = COARSE ? 44 : 28;
  /** What ClaimColumns.marks letters say: only analysts' maps hold drafts and claims in review. */
  const MARK_WORDS = {
    d: "Draft: not published, viewers do not see it",
    r: "In review: viewers see the last published version",
    x: "Retracted: kept on the record, struck through",
  };
  /**
   * A claim's mark as of the grades shown: a retraction counts from its own date, so "Known then" on an
   * earlier day shows a tombstone as the claim it then was.
   * @param {string} mark
   * @param {{retracted: boolean} | null} grade
   * @returns {string}
   */
  function markAsGraded(mark, grade) {
    return mark === "x" && (!grade || !grade.retracted) ? "." : mark;
  }
  const SELECTED_PX = COARSE ? 48 : 36;
  const FIT_ZOOM_OUT = 3;  // a story step's view may zoom out this far to bring its highlighted claims into sight
  const FIT_MARGIN_PX = 6;

  // ---- small helpers ------------------------------------------------------------------

  /** An element with a class and text, never parsed as HTML. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function isoToDay(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
  }

  function dayText(epochDay) {
    const date = new Date(epochDay * DAY_MS);
    return date.getUTCDate() + " " + MONTHS[date.getUTCMonth()] + " " + date.getUTCFullYear();
  }

  function dayToIso(epochDay) {
    return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
  }

  /** Where the date slider lands when moved to `day` from `from`, as components/panel/cards.py snap_to_step decides:
   * a day with nothing new moves on to the next timeline date in the direction moved. */
  function snapToStep(timeline, day, from) {
    if (!timeline.length || timeline.includes(day)) return day;
    if (from !== null && day > from) return timeline.find((option) => option >= day) ?? timeline[timeline.length - 1];
    const earlier = timeline.filter((option) => option <= day);
    return earlier.length ? earlier[earlier.length - 1] : timeline[0];
  }

  function isoText(iso) {
    return dayText(isoToDay(iso));
  }

  function latestOnOrBefore(items, date, key) {
    let found = null;
    for (const item of items) {
      if ((key ? item[key] : item) <= date) found = item;
    }
    return found;
  }

  function decodeBytes(base64) {
    const text = atob(base64 || "");
    const bytes = new Uint8Array(text.length);
    for (let index = 0; index < text.length; index += 1) bytes[index] = text.charCodeAt(index);
    return bytes;
  }

  /** Run work the page can wait for once the browser has nothing else to do. */
  function whenIdle(work) {
    if (window.requestIdleCallback) window.requestIdleCallback(work, { timeout: 2000 });
    else setTimeout(work, 200);
  }

  /** Whether two boxes ({left, top, right, bottom}) share any area. */
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  /**
   * Parts of a size.x × size.y map clear of `boxes`: each box takes a strip off one side, the side where it
   * costs least, or only the top or bottom, or only the left or right.
   */
  function clearRects(boxes, size) {
    const sides = [["top", "bottom", "left", "right"], ["top", "bottom"], ["left", "right"]];
    return sides.map((allowed) => {
      const inset = { top: 0, right: 0, bottom: 0, left: 0 };
      for (const box of boxes) {
        const left = Math.max(0, box.left);
        const top = Math.max(0, box.top);
        const right = Math.min(size.x, box.right);
        const bottom = Math.min(size.y, box.bottom);
        if (right <= left || bottom <= top) continue;
        const strips = { top: bottom / size.y, bottom: (size.y - top) / size.y, left: right / size.x,
          right: (size.x - left) / size.x };
        const side = allowed.reduce((best, name) => (strips[name] < strips[best] ? name : best));
        inset[side] = Math.max(inset[side], strips[side] * (side === "top" || side === "bottom" ? size.y : size.x));
      }
      return { left: inset.left + FIT_MARGIN_PX, top: inset.top + FIT_MARGIN_PX,
        right: size.x - inset.right - FIT_MARGIN_PX, bottom: size.y - inset.bottom - FIT_MARGIN_PX };
    });
  }

  /** How far to move the map so that [low, high] lies within [min, max]: centred if it cannot. */
  function leastShift(low, high, min, max) {
    if (high - low > max - min) return (low + high - min - max) / 2;
    if (low < min) return low - min;
    return high > max ? high - max : 0;
  }

  function bitOn(bits, index) {
    return (bits[index >> 3] & (1 << (index & 7))) !== 0;
  }

  function slug(text) {
    return String(text).toLowerCase().replace(/[^a-z]+/g, "-");
  }

  /** Only http(s) links reach the page. */
  function safeLink(url, text) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return el("span", "", text);
      const link = el("a", "", text);
      link.href = parsed.href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      return link;
    } catch (error) {
      return el("span", "", text);
    }
  }

  /** @param {MapEvent} message posted to the page as its BridgeMessage */
  function postToPage(message) {
    try {
      window.parent.postMessage(Object.assign({ kcm: true }, message), window.location.origin);
    } catch (error) {
      /* not embedded: nothing to tell */
    }
  }

  function viewFromParentUrl() {
    try {
      const params = new URLSearchParams(window.parent.location.search);
      const view = { date: params.get("date"), claim: params.get("claim") };
      const [lat, lon, zoom] = ["lat", "lon", "zoom"].map((key) => Number(params.get(key)));
      if (params.get("lat") && Number.isFinite(lat + lon + zoom)) view.moveTo = { lat, lon, zoom, seq: "url" };
      return view;
    } catch (error) {
      return {};
    }
  }

  // ---- grades -------------------------------------------------------------------------

  /** What a claim's grade byte says, in the payload's scales. */
  function makeGradeReader(scales) {
    return (byte, reliability) => {
      if (byte === UNGRADED || byte === undefined) return null;
      const perLevel = scales.statuses.length * 6;
      const level = Math.floor(byte / perLevel);
      const status = Math.floor((byte % perLevel) / 6);
      const credibility = (byte % 6) + 1;
      return {
        level: scales.levels[level],
        colour: scales.levelColours[level],
        status: scales.statuses[status],
        retracted: scales.statuses[status] === scales.retracted,
        credibility,
        opacity: scales.credibilityOpacity[credibility - 1],
        code: reliability + credibility,
        words: reliability + credibility + " — " + scales.reliabilityWords[reliability] + " source; " +
          scales.credibilityWords[credibility - 1],
      };
    };
  }

  // ---- basemap, fronts, legend, date box ---------------------------------------------

  function addHatchPatterns(map, colours) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "0");
    svg.setAttribute("height", "0");
    svg.style.position = "absolute";
    const defs = document.createElementNS(ns, "defs");
    for (const [name, colour] of Object.entries(colours)) {
      const pattern = document.createElementNS(ns, "pattern");
      pattern.setAttribute("id", "kcm-hatch-" + name);
      pattern.setAttribute("patternUnits", "userSpaceOnUse");
      pattern.setAttribute("width", "8");
      pattern.setAttribute("height", "8");
      pattern.setAttribute("patternTransform", "rotate(45)");
      const line = document.createElementNS(ns, "line");
      for (const [key, value] of [["x1", "0"], ["y1", "0"], ["x2", "0"], ["y2", "8"], ["stroke", colour],
        ["stroke-width", "3"], ["stroke-opacity", "0.7"]]) line.setAttribute(key, value);
      pattern.appendChild(line);
      defs.appendChild(pattern);
    }
    svg.appendChild(defs);
    map.getContainer().appendChild(svg);
  }

  function frontStyle(layer) {
    return Object.assign({}, layer.style, layer.hatched ? { className: "kcm-hatched-" + layer.side } : {});
  }

  function labelIcon(className, text, anchor) {
    return L.divIcon({ className, html: el("span", "", text), iconSize: null, iconAnchor: anchor });
  }

  function drawBasemap(map, data, groups) {
    L.geoJSON(data.regions, {
      interactive: false,
      style: (feature) => feature.properties.role === "focus"
        ? { color: "#1d1d1d", weight: 3, fillColor: "#f4efe1", fillOpacity: 0.35 }
        : { color: "#6f6f6f", weight: 1.2, fillColor: "#fbfbf8", fillOpacity: 0.25 },
    }).addTo(groups.regions);
    for (const label of data.regionLabels) {
      L.marker([label.lat, label.lon], {
        interactive: false,
        keyboard: false,
        icon: labelIcon("kcm-region-label" + (label.focus ? " kcm-region-focus" : ""), label.name),
      }).addTo(groups.regions);
    }
    L.geoJSON(data.border, { interactive: false, style: { color: "#2b2b2b", weight: 2.5, dashArray: "10 4 2 4" } })
      .addTo(groups.border);

    const villageLabels = L.layerGroup();
    for (const place of data.places) {
      const note = place.verified ? "" : " — position approximate, within about " + place.radiusM / 1000 +
        " km (unverified)";
      L.circleMarker([place.lat, place.lon], {
        radius: place.key ? 4 : 2.5, color: "#333", weight: 1, fillColor: place.key ? "#333" : "#fff", fillOpacity: 1,
      }).bindTooltip(() => el("span", "", place.name + note)).addTo(groups.places);
      if (!place.verified) {
        L.circle([place.lat, place.lon], {
          radius: place.radiusM, color: "#555", weight: 1, dashArray: "3 4", fill: false, interactive: false,
        }).addTo(groups.places);
      }
      const label = L.marker([place.lat, place.lon], {
        interactive: false,
        keyboard: false,
        icon: labelIcon(place.key ? "kcm-place-label kcm-key-place" : "kcm-place-label",
          place.name + (place.verified ? "" : " (approx.)"), [-6, 8]),
      });
      label.addTo(place.key ? groups.places : villageLabels);
    }
    const toggleVillageLabels = () => {
      const show = map.getZoom() >= VILLAGE_LABEL_ZOOM && map.hasLayer(groups.places);
      if (show && !map.hasLayer(villageLabels)) villageLabels.addTo(map);
      if (!show && map.hasLayer(villageLabels)) map.removeLayer(villageLabels);
    };
    map.on("zoomend overlayadd overlayremove", toggleVillageLabels);
    toggleVillageLabels();
  }

  function frontTooltip(layer, snapshot) {
    const box = el("div");
    box.appendChild(el("b", "", layer.label));
    box.appendChild(el("div", "", "as of " + isoText(snapshot.date) + " · " +
      Math.round(snapshot.areaKm2).toLocaleString("en-GB") + " km²"));
    box.appendChild(el("div", "", "Source: " + layer.sourceName));
    return box;
  }

  function swatch(style, hatched) {
    const box = el("i", "kcm-swatch");
    box.style.background = hatched
      ? "repeating-linear-gradient(45deg," + style.color + " 0 2px,transparent 2px 6px)"
      : (style.fill === false ? "transparent" : style.fillColor);
    box.style.border = "2px " + (style.dashArray ? "dashed " : "solid ") + style.color;
    return box;
  }

  function legendRow(symbol, words) {
    const row = el("div", "kcm-legend-row");
    row.appendChild(symbol);
    row.appendChild(el("span", "", words));
    return row;
  }

  function legendClaim(className, text, colour) {
    const symbol = el("span", "kcm-claim kcm-legend-claim " + className, text);
    if (colour) symbol.style.background = colour;
    return symbol;
  }

  /** Every symbol on the map, explained; folded by default on small screens. */
  function addLegend(map, data) {
    const legend = L.control({ position: "topright" });
    legend.onAdd = () => {
      const box = el("div", "kcm-legend");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      const toggle = el("button", "kcm-legend-toggle", "Legend");
      toggle.type = "button";
      const body = el("div", "kcm-legend-body");
      for (const layer of data.fronts) {
        body.appendChild(legendRow(swatch(layer.style, layer.hatched),
          layer.label + (layer.hatched ? " (hatched: claimed)" : " (filled: assessed)")));
      }
      body.appendChild(el("b", "", "Claim colour: confidence"));
      const levels = el("div", "kcm-legend-row");
      data.scales.levels.forEach((level, index) => {
        levels.appendChild(legendClaim("", "", data.scales.levelColours[index]));
        levels.appendChild(el("span", "", level));
      });
      body.appendChild(levels);
      body.appendChild(el("b", "", "Claim outline: status"));
      data.scales.statuses.forEach((status, index) => {
        body.appendChild(legendRow(legendClaim("kcm-status-" + slug(status), "", "#fff"),
          data.scales.statusWords[index]));
      });
      body.appendChild(el("b", "", "Claim symbols"));
      const faded = legendClaim("", "", data.scales.levelColours[2]);  // a plain solid outline
      faded.style.opacity = String(data.scales.credibilityOpacity[4]);
      body.appendChild(legendRow(faded, "faded: doubtful or improbable (credibility 4–5)"));
      body.appendChild(legendRow(legendClaim("", "7", "#fff"),
        "one claim at its place; its number matches the panel"));
      body.appendChild(legendRow(legendClaim("kcm-cluster-symbol", "3"),
        "claims close together: click to zoom in or list them; the dashed ring holds every one"));
      body.appendChild(legendRow(el("span", "kcm-area-badge kcm-legend-area", "12"),
        "claims about a whole area, drawn inside it (dashed outline)"));
      body.appendChild(legendRow(el("i", "kcm-swatch kcm-swatch-uncertain"), "how approximate the place is"));
      body.appendChild(el("b", "", "Compare and Change"));
      for (const kind of data.analysisKinds) body.appendChild(legendRow(swatch(kind.style, false), kind.words));
      box.appendChild(toggle);
      box.appendChild(body);
      const small = map.getSize().x < 1000 || map.getSize().y < 640;
      const setOpen = (open) => {
        box.classList.toggle("kcm-legend-closed", !open);
        toggle.setAttribute("aria-expanded", String(open));
      };
      setOpen(!small);
      toggle.addEventListener("click", () => {
        legend.touched = true;  // the viewer's choice: never folded for them again
        setOpen(box.classList.contains("kcm-legend-closed"));
      });
      legend.setOpen = setOpen;
      legend.isOpen = () => !box.classList.contains("kcm-legend-closed");
      return box;
    };
    legend.addTo(map);
    return legend;
  }

  // ---- claims: markers, clusters and area badges --------------------------------------

  /**
   * Draws the claims shown on a date. Individual markers sit at the claim's true point; claims
   * whose markers would overlap share a count badge (supercluster) with a dashed ring around
   * all their true points; claims about an area share a badge at a point inside the area.
   */
  function createClaimsLayer(map, data, group, callbacks) {
    const cols = data.claims;
    const PER_CLAIM = ["ids", "numbers", "lat", "lon", "radiusM", "area", "statement", "claimant", "reported", "until"];
    const baseCount = cols.ids.length;
    const baseReliability = cols.reliability;
    const baseMarks = cols.marks;
    const baseSourceCount = data.sourceNames.length;
    let count = baseCount;
    const indexById = new Map(cols.ids.map((id, index) => [id, index]));
    const readGrade = makeGradeReader(data.scales);
    const baseGrades = decodeBytes(cols.grades);
    const areaOutlines = data.areas.map((area) => L.geoJSON(area.geometry, {
      interactive: false, style: { className: "kcm-uncertainty", color: "#444", weight: 1.2, opacity: 0.45,
        fillOpacity: 0.03, dashArray: "6 5" },
    }));
    const layer = {
      grades: baseGrades, gradesKey: cols.grades, visibleKey: null, set: null,
      selected: -1, highlight: new Set(), symbols: [], renders: 0,
    };
    // Sets of claims ready to draw, by key, least recently used first. Finding which claims a date shows and
    // grouping them costs time in proportion to the number of claims; done once per set (for the dates next to
    // the shown one, while the browser is idle), a date step costs the same whatever the number of claims.
    const sets = new Map();

    function gradeOf(index) {
      return readGrade(layer.grades[index], cols.reliability[index]);
    }

    /**
     * Claims that reached the store after the map was built, appended after the payload's columns
     * (a set replaces the one before it whole). The page's view then counts every column.
     * @param {AddedClaims|null} added
     */
    function merge(added) {
      const key = added ? added.key : null;
      if (key === (layer.addedKey || null)) return;
      for (const name of PER_CLAIM) cols[name].length = baseCount;
      cols.reliability = baseReliability;
      cols.marks = baseMarks;
      data.sourceNames.length = baseSourceCount;
      indexById.clear();
      cols.ids.forEach((id, index) => indexById.set(id, index));
      if (added) {
        for (const name of PER_CLAIM) cols[name].push(...added.columns[name]);
        cols.reliability = baseReliability + added.columns.reliability;
        cols.marks = baseMarks + added.columns.marks;
        data.sourceNames.push(...added.sourceNames);
        added.columns.ids.forEach((id, place) => indexById.set(id, baseCount + place));
      }
      count = cols.ids.length;
      layer.addedKey = key;
      layer.visibleKey = null;
      layer.gradesKey = null;
      layer.set = null;
      sets.clear();
    }

    /** The key of a set: the page's bitset, or a date under the default rule; and the grades it is drawn with. */
    function setKey(visible, epochDay, grades) {
      return (visible || "default:" + epochDay) + "|" + (grades || "today");
    }

    /**
     * The claims a set shows, as flags and as a list, with their groups (supercluster), areas and ids;
     * groups are found per zoom as they are drawn. Kept for the next time it is asked for.
     * @param {string} key from setKey
     * @param {Uint8Array} grades one byte per claim
     * @param {string|null} visible the page's bitset, or null for the default rule on epochDay
     * @param {Object|null} drawn the set on the map: returned, under this key too, when it holds the same claims
     */
    function claimSet(key, grades, visible, epochDay, drawn) {
      let set = sets.get(key);
      if (set) sets.delete(key);  // set again below: now the most recently used
      else {
        const bits = visible ? decodeBytes(visible) : null;
        const flags = new Uint8Array(count);
        const shown = [];
        for (let index = 0; index < count; index += 1) {
          if (grades[index] !== UNGRADED && (bits ? bitOn(bits, index)
            : cols.reported[index] <= epochDay && cols.until[index] >= epochDay)) {
            flags[index] = 1;
            shown.push(index);
          }
        }
        set = drawn && sameClaims(drawn.shown, shown) ? drawn : groupedSet(flags, shown);
      }
      sets.set(key, set);
      if (sets.size > KEPT_SETS) sets.delete(sets.keys().next().value);
      return set;
    }

    function groupedSet(flags, shown) {
      const points = [];
      const byArea = new Map();
      for (const index of shown) {
        const area = cols.area[index];
        if (area < 0) {
          points.push({ type: "Feature", properties: { index },
            geometry: { type: "Point", coordinates: [cols.lon[index], cols.lat[index]] } });
        } else {
          if (!byArea.has(area)) byArea.set(area, []);
          byArea.get(area).push(index);
        }
      }
      const index = new Supercluster({ radius: CLUSTER_RADIUS_PX, maxZoom: MAX_ZOOM, minZoom: 0, minPoints: 2 })
        .load(points);
      return { flags, shown, byArea, index, ids: shown.map((item) => cols.ids[item]), groups: new Map() };
    }

    function sameClaims(a, b) {
      return a.length === b.length && a.every((index, place) => b[place] === index);
    }

    function setShown(view, epochDay) {
      const gradesKey = view.grades || cols.grades;
      if (gradesKey !== layer.gradesKey) {
        layer.grades = view.grades ? decodeBytes(view.grades) : baseGrades;
        layer.gradesKey = gradesKey;
      }
      const key = setKey(view.visible, epochDay, view.grades);
      if (key === layer.visibleKey) return false;
      const gradesChanged = layer.shownGradesKey !== gradesKey;
      layer.visibleKey = key;
      layer.shownGradesKey = gradesKey;
      const drawn = gradesChanged ? null : layer.set;
      const set = claimSet(key, layer.grades, view.visible || null, epochDay, drawn);
      // The page's view of a date the map has already drawn (from the slider, or as the same set by
      // another name) changes nothing on the map.
      if (drawn && (set === drawn || sameClaims(drawn.shown, set.shown))) return false;
      layer.set = set;
      return true;
    }

    /** While the browser is idle: the sets of the timeline dates either side of `epochDay` under the default
     * rule, grouped at the map's zoom, so the slider's next step in either direction only draws. */
    function prepareAround(timeline, epochDay) {
      const at = timeline.indexOf(epochDay);
      const days = [timeline[at - 1], timeline[at + 1]].filter((day) => at >= 0 && day !== undefined);
      for (const day of days) {
        const set = claimSet(setKey(null, day, null), baseGrades, null, day, null);
        const zoom = Math.round(map.getZoom());
        for (const feature of set.index.getClusters([-180, -85, 180, 85], zoom)) {
          if (feature.properties.cluster) groupOf(set, feature);
        }
      }
    }

    /** A group's members and how far from its centre they lie on screen, worked out once per set and zoom. */
    function groupOf(set, feature) {
      const zoom = map.getZoom();
      if (!set.groups.has(zoom)) set.groups.set(zoom, new Map());
      const groups = set.groups.get(zoom);
      const clusterId = feature.properties.cluster_id;
      let group = groups.get(clusterId);
      if (!group) {
        const members = set.index.getLeaves(clusterId, Infinity).map((leaf) => leaf.properties.index);
        const [lon, lat] = feature.geometry.coordinates;
        const centre = map.project([lat, lon], zoom);
        let ringPx = 0;
        for (const index of members) {
          ringPx = Math.max(ringPx, map.project([cols.lat[index], cols.lon[index]], zoom).distanceTo(centre));
        }
        group = { members, ringPx };
        groups.set(clusterId, group);
      }
      return group;
    }

    /** "#12 #15 +3" when a badge holds the selected or highlighted claims, else "". */
    function stressedNumbers(members) {
      const stressed = members.filter((index) => index === layer.selected || layer.highlight.has(index));
      if (!stressed.length) return "";
      const rest = members.length - Math.min(stressed.length, 3);
      return stressed.slice(0, 3).map((index) => "#" + cols.numbers[index]).join(" ") + (rest > 0 ? " +" + rest : "");
    }

    function symbolClasses(base, members) {
      const selected = members.includes(layer.selected);
      const stressed = selected || members.some((index) => layer.highlight.has(index));
      return base + (selected ? " kcm-selected" : "") + (stressed ? " kcm-stressed" : "") +
        (layer.highlight.size > 0 && !stressed ? " kcm-dimmed" : "");
    }

    function addSymbol(latlng, node, size, members, kind, extra) {
      // Leaflet makes the icon focusable (keyboard: true) and turns Enter into a click. A press must not
      // focus it, though: focusing a badge at the map's edge scrolls the map's container under the finger,
      // and the tap misses (the browser's click then lands on the map instead).
      const marker = L.marker(latlng, {
        icon: L.divIcon({ className: "kcm-symbol", html: node, iconSize: size, iconAnchor: [size[0] / 2, size[1] / 2] }),
        keyboard: true,
        title: node.getAttribute("aria-label") || "",
        alt: node.getAttribute("aria-label") || "",
        riseOnHover: true,
        zIndexOffset: members.includes(layer.selected) ? 2000 : (members.some((i) => layer.highlight.has(i)) ? 1000 : 0),
      });
      const symbol = Object.assign({ kind, members, marker, latlng }, extra || {});
      marker.on("click", () => callbacks.open(symbol));
      marker.addTo(group);
      const element = marker.getElement();
      element.setAttribute("role", "button");
      element.addEventListener("mousedown", (event) => event.preventDefault());
      layer.symbols.push(symbol);
      return symbol;
    }

    function drawSingle(index) {
      const grade = gradeOf(index);
      const selected = index === layer.selected;
      const size = selected ? SELECTED_PX : MARKER_PX;
      const mark = markAsGraded(cols.marks[index], grade);
      const node = el("span", symbolClasses("kcm-claim kcm-level-" + slug(grade.level) + " kcm-status-" +
        slug(grade.status) + (MARK_WORDS[mark] ? " kcm-mark-" + mark : ""), [index]), cols.numbers[index]);
      node.style.background = grade.colour;
      node.style.opacity = String(grade.opacity);
      node.setAttribute("aria-label", "Claim " + cols.numbers[index] + ": " + cols.statement[index]);
      const latlng = L.latLng(cols.lat[index], cols.lon[index]);
      const symbol = addSymbol(latlng, node, [size, size], [index], "claim");
      if (!COARSE) {  // on a touch screen a tap opens the popup, which says the same
        symbol.marker.bindTooltip(() => callbacks.tooltip(index), { direction: "top", className: "kcm-tooltip",
          offset: [0, -size / 2] });
      }
      L.circle(latlng, { radius: cols.radiusM[index], interactive: false, className: "kcm-uncertainty",
        color: grade.colour, weight: selected ? 3 : 1.2, opacity: selected ? 0.9 : 0.45,
        fillOpacity: selected ? 0.1 : 0.03, dashArray: "6 5" }).addTo(group);
    }

    function drawCluster(feature) {
      const clusterId = feature.properties.cluster_id;
      const { members, ringPx } = groupOf(layer.set, feature);
      const [lon, lat] = feature.geometry.coordinates;
      const latlng = L.latLng(lat, lon);
      const size = Math.max(COARSE ? 44 : 30, Math.min(48, 24 + 4 * Math.log2(members.length)));
      const node = el("span", symbolClasses("kcm-claim kcm-cluster-symbol", members),
        stressedNumbers(members) || String(members.length));
      node.setAttribute("aria-label", members.length + " claims here");
      if (ringPx > size / 2) {
        L.circleMarker(latlng, { radius: ringPx + 3, interactive: false, className: "kcm-cluster-ring",
          color: "#333", weight: 1, dashArray: "3 4", fill: false }).addTo(group);
      }
      const wide = Math.max(size, 12 + 8 * node.textContent.length);
      addSymbol(latlng, node, [wide, size], members, "cluster", { clusterId, ringPx: Math.max(ringPx, size / 2) });
    }

    function badgeLabel(badge) {
      const names = badge.areas.map((area) => data.areas[area].name);
      const name = badge.areas.length === 1 ? names[0] : badge.areas.length + " areas";
      const stressed = stressedNumbers(badge.members);
      return stressed ? stressed + " · " + name : name + " · " + badge.members.length;
    }

    function badgeBox(badge) {
      const centre = map.latLngToLayerPoint(badge.anchor);
      const width = 16 + 7 * badgeLabel(badge).length;
      const height = COARSE ? 44 : 26;
      return { left: centre.x - width / 2 - 4, right: centre.x + width / 2 + 4, top: centre.y - height / 2 - 4,
        bottom: centre.y + height / 2 + 4, width, height };
    }

    /** b's badge may join a's when they would cover each other and a's point also lies in every area of b. */
    function mayJoin(a, b) {
      return overlaps(badgeBox(a), badgeBox(b)) && b.areas.every((area) => a.areas.every((own) =>
        data.areas[area].holdsAnchorsOf.includes(data.areas[own].id)));
    }

    /** One badge per area, at its point inside it; nested areas' badges merge where they would cover each other. */
    function drawAreaBadges() {
      const byArea = layer.set.byArea;
      let badges = Array.from(byArea.keys()).sort((a, b) => a - b).map((area) => ({
        areas: [area], members: byArea.get(area), anchor: L.latLng(data.areas[area].anchor),
      }));
      for (let merged = true; merged;) {
        merged = false;
        for (const a of badges) {
          const b = badges.find((other) => other !== a && mayJoin(a, other));
          if (b) {
            a.areas = a.areas.concat(b.areas);
            a.members = a.members.concat(b.members);
            badges = badges.filter((other) => other !== b);
            merged = true;
            break;
          }
        }
      }
      for (const badge of badges) {
        const names = badge.areas.map((area) => data.areas[area].name);
        const node = el("span", symbolClasses("kcm-area-badge", badge.members), badgeLabel(badge));
        node.setAttribute("aria-label", badge.members.length + " claims about " + names.join(" and "));
        const box = badgeBox(badge);
        const symbol = addSymbol(badge.anchor, node, [box.width, box.height], badge.members, "area",
          { areas: badge.areas });
        if (!COARSE) {
          symbol.marker.bindTooltip(() => el("span", "", "Claims about " + names.join(" and ") +
            " (the whole area, outlined)"), { direction: "top", className: "kcm-tooltip", offset: [0, -box.height / 2] });
        }
      }
      byArea.forEach((members, area) => {
        const outline = areaOutlines[area];
        const emphasis = members.includes(layer.selected);
        outline.setStyle({ weight: emphasis ? 3 : 1.2, opacity: emphasis ? 0.9 : 0.45, fillOpacity: emphasis ? 0.1 : 0.03 });
        outline.addTo(group);
      });
    }

    function render() {
      layer.renders += 1;
      group.clearLayers();
      layer.symbols = [];
      if (!layer.set) return;
      drawAreaBadges();
      const bounds = map.getBounds().pad(0.5);
      const zoom = Math.round(map.getZoom());
      const features = layer.set.index.getClusters([bounds.getWest(), Math.max(-85, bounds.getSouth()),
        bounds.getEast(), Math.min(85, bounds.getNorth())], zoom);
      for (const feature of features) {
        if (feature.properties.cluster) drawCluster(feature);
        else drawSingle(feature.properties.index);
      }
      layer.renderedBounds = bounds;
    }

    map.on("zoomend", render);
    map.on("moveend", () => {
      if (!layer.renderedBounds || !layer.renderedBounds.contains(map.getBounds())) render();
    });

    return {
      indexById, gradeOf, render, merge, prepareAround,
      update(view, epochDay, selectedId, highlight) {
        const changed = setShown(view, epochDay);
        const selected = selectedId && indexById.has(selectedId) && layer.set && layer.set.flags[indexById.get(selectedId)]
          ? indexById.get(selectedId) : -1;
        const highlightSet = new Set(highlight.filter((id) => indexById.has(id)).map((id) => indexById.get(id)));
        const stressKey = selected + "|" + Array.from(highlightSet).join(",");
        if (changed || stressKey !== layer.stressKey) {
          layer.selected = selected;
          layer.highlight = highlightSet;
          layer.stressKey = stressKey;
          render();
        }
        return selected;
      },
      shownIds() {
        return layer.set ? layer.set.ids : [];
      },
      /**
       * Where the highlighted and selected claims are drawn, with their symbols' size on screen; a claim
       * with no symbol (beyond the drawn part of the map) at its own point or its area's anchor.
       * @returns {{latlng: L.LatLng, width: number, height: number}[]}
       */
      stressedTargets() {
        const wanted = new Set(layer.highlight);
        if (layer.selected >= 0) wanted.add(layer.selected);
        const targets = [];
        for (const symbol of layer.symbols) {
          if (!symbol.members.some((index) => wanted.has(index))) continue;
          for (const index of symbol.members) wanted.delete(index);
          const drawn = symbol.marker.getElement().getBoundingClientRect();
          targets.push({ latlng: symbol.latlng, width: drawn.width, height: drawn.height });
        }
        for (const index of wanted) {
          if (!layer.set || !layer.set.flags[index]) continue;
          const area = cols.area[index];
          const latlng = area >= 0 ? L.latLng(data.areas[area].anchor) : L.latLng(cols.lat[index], cols.lon[index]);
          targets.push({ latlng, width: MARKER_PX, height: MARKER_PX });
        }
        return targets;
      },
      /** Shown claims about a place or point outside the part of the map on screen. */
      outsideView() {
        const bounds = map.getBounds();
        return (layer.set ? layer.set.shown : []).filter((index) => cols.area[index] < 0 &&
          !bounds.contains([cols.lat[index], cols.lon[index]])).length;
      },
      symbols() {
        return layer.symbols;
      },
      /** How many times the symbols were drawn: a new number means new symbols on the map. */
      renders() {
        return layer.renders;
      },
      expansionZoom(symbol) {
        return layer.set.index.getClusterExpansionZoom(symbol.clusterId);
      },
    };
  }

  // ---- popups ---------------------------------------------------------------------------

  function claimHeading(cols, index) {
    return el("b", "", "#" + cols.numbers[index] + " " + cols.statement[index]);
  }

  function claimTooltip(data, claims, index) {
    const cols = data.claims;
    const grade = claims.gradeOf(index);
    const box = el("div");
    box.appendChild(claimHeading(cols, index));
    const mark = markAsGraded(cols.marks[index], grade);
    if (MARK_WORDS[mark]) box.appendChild(el("div", "kcm-mark-note", MARK_WORDS[mark]));
    box.appendChild(el("div", "", "Claimed by " + data.sourceNames[cols.claimant[index]] + ", reported " +
      dayText(cols.reported[index])));
    box.appendChild(el("div", "", "Confidence: " + grade.level + " · " + grade.status + " · " + grade.code));
    return box;
  }

  /** Who, when, where and how sure, for one claim; the reports arrive with the view's detail. */
  function claimPopupContent(data, claims, index, detail) {
    const cols = data.claims;
    const grade = claims.gradeOf(index);
    const box = el("div", "kcm-popup");
    box.appendChild(claimHeading(cols, index));
    box.appendChild(el("p", "", "Claimed by " + data.sourceNames[cols.claimant[index]] +
      (detail ? " · about " + detail.period : " · first reported " + dayText(cols.reported[index]))));
    if (detail) box.appendChild(el("p", "", "Where: " + detail.where));
    const confidence = el("p");
    confidence.appendChild(document.createTextNode("Confidence: "));
    confidence.appendChild(el("b", "", grade.level));
    confidence.appendChild(document.createTextNode(" · status " + grade.status));
    confidence.appendChild(el("br"));
    confidence.appendChild(document.createTextNode(grade.words));
    box.appendChild(confidence);
    if (detail) {
      const list = el("ul");
      for (const report of detail.reports) {
        const item = el("li");
        item.appendChild(report.url ? safeLink(report.url, report.outlet) : el("span", "", report.outlet));
        item.appendChild(document.createTextNode(", " + report.date));
        list.appendChild(item);
      }
      box.appendChild(list);
    } else {
      box.appendChild(el("p", "kcm-muted", "Sources and reasons: in the panel."));
    }
    return box;
  }

  /** The claims behind a badge, newest first, each a button that selects it. */
  function listPopupContent(data, claims, symbol, choose, zoomIn) {
    const cols = data.claims;
    const box = el("div", "kcm-popup kcm-list");
    const title = symbol.kind === "area"
      ? "Claims about " + symbol.areas.map((area) => data.areas[area].name).join(" and ") + " (" +
        symbol.members.length + ")"
      : symbol.members.length + " claims here";
    box.appendChild(el("b", "", title));
    if (zoomIn) {
      const zoom = el("button", "kcm-list-zoom", "Zoom in to separate them");
      zoom.type = "button";
      zoom.addEventListener("click", (event) => {
        L.DomEvent.stop(event);
        zoomIn();
      });
      box.appendChild(zoom);
    }
    const ordered = symbol.members.slice().sort((a, b) => cols.numbers[b] - cols.numbers[a]);
    const list = el("div", "kcm-list-rows");
    for (const index of ordered.slice(0, LIST_LIMIT)) {
      const grade = claims.gradeOf(index);
      const row = el("button", "kcm-list-row");
      row.type = "button";
      const dot = el("span", "kcm-claim kcm-list-dot kcm-status-" + slug(grade.status), cols.numbers[index]);
      dot.style.background = grade.colour;
      row.appendChild(dot);
      row.appendChild(el("span", "kcm-list-text", cols.statement[index]));
      row.addEventListener("click", (event) => {
        // The popup's content is replaced while this click is still on its way; stopped here, it cannot
        // reach the map from a detached row and close the popup as a click on the map would.
        L.DomEvent.stop(event);
        choose(index);
      });
      list.appendChild(row);
    }
    box.appendChild(list);
    if (ordered.length > LIST_LIMIT) {
      box.appendChild(el("p", "kcm-muted", (ordered.length - LIST_LIMIT) + " more: zoom in or narrow the filters."));
    }
    return box;
  }

  // ---- the map --------------------------------------------------------------------------

  window.KurskMap = {
    /**
     * @param {L.Map} map
     * @param {MapPayload} data
     * @param {Object<string, L.FeatureGroup>} groups one per overlay: base layers, each front layer, analysis, claims
     */
    init(map, data, groups) {
      const state = { date: null, claim: null, fronts: {}, visible: [], highlight: [], redraws: 0, moveSeq: null,
        brief: false, position: null, view: {}, analysisKey: "", analysisKinds: [], popupClaim: null,
        // A move's claims in sight: fitSeq the move being fitted, inSightSeq once done, fitted if the map moved.
        fitSeq: null, inSightSeq: null, fitted: false, fittedAt: null };
      this.state = state;
      this.map = map;
      // Leaflet focuses the map on every press, for its arrow keys. On a page that scrolls (a phone) the browser
      // would scroll the page to the map first, and the finger would land beside the marker it pressed.
      const container = map.getContainer();
      const focusContainer = container.focus.bind(container);
      container.focus = (options) => focusContainer(Object.assign({ preventScroll: true }, options));
      this.data = data;
      const claimIdPattern = new RegExp(data.claimIdPattern);  // a linked claim's id, as the store checks it
      for (const credit of data.attributionHtml) map.attributionControl.addAttribution(credit);
      map.attributionControl.addAttribution(data.placesCreditHtml);
      // A front layer's credit shows while the layer is on the map. (Leaflet would do this from the
      // group's `attribution` option, but folium's FeatureGroup does not pass its options to Leaflet.)
      for (const layer of data.fronts) {
        const group = groups[layer.id];
        group.on("add", () => map.attributionControl.addAttribution(layer.creditHtml));
        group.on("remove", () => map.attributionControl.removeAttribution(layer.creditHtml));
        if (map.hasLayer(group)) map.attributionControl.addAttribution(layer.creditHtml);
      }
      addHatchPatterns(map, { UA: "#0b4f8a", RU: "#7a1f4c", area: "#555555" });
      drawBasemap(map, data, groups);
      const legend = addLegend(map, data);
      const scale = L.control.scale({ position: "bottomright" }).addTo(map);
      const dateBox = L.DomUtil.create("div", "kcm-date-box", map.getContainer());
      L.DomEvent.disableClickPropagation(dateBox);

      const popup = L.popup({ className: "kcm-popup-frame", autoPanPaddingTopLeft: [12, 12],
        autoPanPaddingBottomRight: [12, 12] });
      // Popups fit the map, open below the date box and, on a narrow map, clear of the controls on the right.
      const fitPopup = () => {
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
      };
      const openPopup = (latlng, content) => {
        fitPopup();
        popup.setLatLng(latlng).setContent(content);
        if (!map.hasLayer(popup)) popup.openOn(map);
        else popup.update();
      };
      popup.on("remove", () => { state.popupClaim = null; });

      const select = (index, latlng) => {
        const id = data.claims.ids[index];
        state.pending = { claim: id, at: Date.now() };
        window.KurskMap.setView(Object.assign({}, state.view, { claim: id, moveTo: null }), { fly: false });
        postToPage({ select: id });
        state.popupClaim = { index, latlng };
        openPopup(latlng, claimPopupContent(data, claims, index, (state.view.detail || {})[id]));
      };
      const open = (symbol) => {
        if (symbol.kind === "claim") {
          select(symbol.members[0], symbol.latlng);
          return;
        }
        const expandable = symbol.kind === "cluster" && claims.expansionZoom(symbol) <= MAX_ZOOM;
        const zoomIn = expandable ? () => {
          map.closePopup(popup);
          map.setView(symbol.latlng, claims.expansionZoom(symbol), { animate: false });
        } : null;
        openPopup(symbol.latlng, listPopupContent(data, claims, symbol, (index) => {
          const at = symbol.kind === "area" ? symbol.latlng
            : L.latLng(data.claims.lat[index], data.claims.lon[index]);
          select(index, at);
        }, zoomIn));
      };
      const claims = createClaimsLayer(map, data, groups.claims, {
        open, tooltip: (index) => claimTooltip(data, claims, index),
      });
      this.claims = claims;
      this.select = (id) => {
        const index = claims.indexById.get(id);
        const symbol = claims.symbols().find((item) => item.members.includes(index));
        select(index, symbol && symbol.kind === "area" ? symbol.latlng
          : L.latLng(data.claims.lat[index], data.claims.lon[index]));
      };
      this.symbols = () => claims.symbols();

      const drawFronts = (wanted) => {
        for (const layer of data.fronts) {
          const snapshot = latestOnOrBefore(layer.snapshots, wanted, "date");
          const shown = snapshot ? snapshot.date : null;
          if (state.fronts[layer.id] === shown) continue;
          groups[layer.id].clearLayers();
          if (snapshot) {
            L.geoJSON(snapshot.geometry, { style: frontStyle(layer) })
              .bindTooltip(() => frontTooltip(layer, snapshot), { sticky: true }).addTo(groups[layer.id]);
          }
          state.fronts[layer.id] = shown;
          state.redraws += 1;
        }
      };

      // The date box names the "as of" date of each front layer that is on the map.
      // Rewritten only when its text changes: a view that changes nothing leaves the page untouched.
      const renderDateBox = () => {
        if (!state.date) return;
        const lines = [];
        for (const layer of data.fronts) {
          if (!map.hasLayer(groups[layer.id])) continue;
          const shown = state.fronts[layer.id];
          lines.push(layer.label + ": " + (shown ? "as of " + isoText(shown) : "no data yet"));
        }
        const outside = claims.outsideView();
        const count = state.visible.length + " claims shown" + (outside ? " · " + outside + " outside this view" : "");
        const key = JSON.stringify([state.date, lines, count]);
        if (key === state.dateBoxKey) return;
        state.dateBoxKey = key;
        dateBox.replaceChildren(el("div", "kcm-date", isoText(state.date)));
        const asOf = el("div", "kcm-asof");
        for (const line of lines) asOf.appendChild(el("div", "kcm-asof-layer", line));
        asOf.appendChild(el("div", "kcm-asof-count", count));
        dateBox.appendChild(asOf);
      };
      map.on("overlayadd overlayremove moveend", renderDateBox);

      // The date box and the legend must not hide a claim. Where they would, the date box drops its
      // "as of" lines (the panel lists them too), then moves to the top left or the bottom, and a legend
      // the viewer has not opened folds away.
      const covers = (element) => {
        const box = element.getBoundingClientRect();
        return claims.symbols().some((symbol) => overlaps(symbol.marker.getElement().getBoundingClientRect(), box));
      };
      const DATE_BOX_PLACES = ["", "kcm-date-box-compact", "kcm-date-box-compact kcm-date-box-left",
        "kcm-date-box-compact kcm-date-box-bottom"];
      // Measures the page (forced layouts), so it runs only when the symbols, the date box or the map moved.
      const keepClaimsInSight = (event) => {
        const sightKey = () => [claims.renders(), state.dateBoxKey, state.brief, legend.isOpen()].join("|");
        if (!event && sightKey() === state.sightKey) return;
        const places = state.brief ? DATE_BOX_PLACES.slice(0, 2) : DATE_BOX_PLACES;  // a briefing's box stays put
        for (const place of places) {
          const className = ("kcm-date-box " + place).trim();
          if (dateBox.className !== className) dateBox.className = className;
          if (!covers(dateBox)) break;
        }
        if (!legend.touched && legend.isOpen() && covers(legend.getContainer())) legend.setOpen(false);
        state.sightKey = sightKey();
      };
      map.on("moveend zoomend overlayadd overlayremove", keepClaimsInSight);

      /** Boxes drawn over the map, in its container's pixels: its controls and date box, and the page's
       * containers named in the view's `covers` (a briefing's title, caption and buttons). */
      const coveringBoxes = (covers) => {
        const origin = map.getContainer().getBoundingClientRect();
        const shifted = (box, dx, dy) => ({ left: box.left + dx - origin.left, top: box.top + dy - origin.top,
          right: box.right + dx - origin.left, bottom: box.bottom + dy - origin.top });
        const boxes = [dateBox, ...map.getContainer().querySelectorAll(".leaflet-control")]
          .map((element) => shifted(element.getBoundingClientRect(), 0, 0));
        const frame = window.frameElement;
        if (frame) {
          const at = frame.getBoundingClientRect();
          for (const key of covers) {
            const element = frame.ownerDocument.querySelector(".st-key-" + CSS.escape(key));
            if (element) boxes.push(shifted(element.getBoundingClientRect(), -at.left - frame.clientLeft, -at.top - frame.clientTop));
          }
        }
        return boxes.filter((box) => box.right > box.left && box.bottom > box.top);
      };
      // A story step's view is chosen on a wide screen: on a phone, or wherever the title, caption or date box
      // cover its highlighted claims, the map moves until they lie clear. It zooms out around the step's centre
      // if that is enough (all the step framed stays in sight), else it pans as little as it must; it never
      // zooms out more than FIT_ZOOM_OUT levels. Where the claims are clear already, the view stays as written.
      const keepHighlightInSight = (covers) => {
        const lowest = Math.max(map.getMinZoom(), Math.round(map.getZoom()) - FIT_ZOOM_OUT);
        const boxAt = (target, point) => ({ left: point.x - target.width / 2, right: point.x + target.width / 2,
          top: point.y - target.height / 2, bottom: point.y + target.height / 2 });
        const inside = (box, rect) => box.left >= rect.left && box.right <= rect.right && box.top >= rect.top &&
          box.bottom <= rect.bottom;
        const roomy = (box, rect) => box.right - box.left <= rect.right - rect.left &&
          box.bottom - box.top <= rect.bottom - rect.top;
        for (let attempt = 0; attempt < 4; attempt += 1) {
          const targets = claims.stressedTargets();
          const size = map.getSize();
          const boxes = coveringBoxes(covers);
          const hidden = targets.some((target) => {
            const box = boxAt(target, map.latLngToContainerPoint(target.latlng));
            return !inside(box, { left: 0, top: 0, right: size.x, bottom: size.y }) ||
              boxes.some((cover) => overlaps(box, cover));
          });
          if (!hidden) return;
          const rects = clearRects(boxes, size);
          const centre = map.getCenter();
          /** Where the targets would be drawn at `zoom` around the present centre, in container pixels. */
          const extent = (zoom) => {
            const offset = map.project(centre, zoom).subtract(size.divideBy(2));
            return targets.map((target) => boxAt(target, map.project(target.latlng, zoom).subtract(offset)))
              .reduce((all, box) => ({ left: Math.min(all.left, box.left), top: Math.min(all.top, box.top),
                right: Math.max(all.right, box.right), bottom: Math.max(all.bottom, box.bottom) }));
          };
          const zooms = [];
          for (let zoom = Math.round(map.getZoom()); zoom >= lowest; zoom -= 1) zooms.push(zoom);
          let zoom = zooms.find((level) => rects.some((rect) => inside(extent(level), rect)));
          let shift = L.point(0, 0);
          if (zoom === undefined) {
            const fitting = zooms.find((level) => rects.some((rect) => roomy(extent(level), rect)));
            zoom = fitting === undefined ? lowest : fitting;
            const box = extent(zoom);
            const rect = rects.find((candidate) => roomy(box, candidate)) || rects[0];
            shift = L.point(leastShift(box.left, box.right, rect.left, rect.right),
              leastShift(box.top, box.bottom, rect.top, rect.bottom));
          }
          if (zoom === Math.round(map.getZoom()) && shift.x === 0 && shift.y === 0) return;
          map.setView(map.unproject(map.project(centre, zoom).add(shift), zoom), zoom, { animate: false });
          state.fitted = true;
          state.fittedAt = positionNow();
        }
      };

      const applyLayers = (layers) => {
        if (!Array.isArray(layers)) return;
        for (const [key, group] of Object.entries(groups)) {
          if (layers.includes(key) && !map.hasLayer(group)) map.addLayer(group);
          if (!layers.includes(key) && map.hasLayer(group)) map.removeLayer(group);
        }
      };
      const styles = Object.fromEntries(data.analysisKinds.map((kind) => [kind.key, kind.style]));
      const applyAnalysis = (analysis) => {
        const key = analysis ? JSON.stringify(analysis) : "";
        if (key === state.analysisKey) return;
        const wasEmpty = state.analysisKey === "";
        state.analysisKey = key;
        groups.analysis.clearLayers();
        state.analysisKinds = [];
        if (!analysis) return;
        const drawn = L.geoJSON(analysis, {
          style: (feature) => styles[feature.properties.kind] || {},
          onEachFeature: (feature, layer) => layer.bindTooltip(() => {
            const box = el("div");
            box.appendChild(el("b", "", feature.properties.title));
            for (const line of feature.properties.lines || []) box.appendChild(el("div", "", line));
            return box;
          }, { sticky: true }),
        }).addTo(groups.analysis);
        state.analysisKinds = analysis.features.map((feature) => feature.properties.kind);
        const focus = L.geoJSON({ type: "FeatureCollection",
          features: analysis.features.filter((feature) => !feature.properties.context) });
        const bounds = focus.getBounds().isValid() ? focus.getBounds() : drawn.getBounds();
        if (!bounds.isValid()) return;
        state.analysisBounds = [[bounds.getSouth(), bounds.getWest()], [bounds.getNorth(), bounds.getEast()]];
        if (wasEmpty && !state.brief) {  // switching Compare or Change on brings what they draw into view
          map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10, animate: false });
        }
      };
      const applyMove = (moveTo) => {
        if (!moveTo || moveTo.seq === state.moveSeq) return;
        state.moveSeq = moveTo.seq;
        map.setView([moveTo.lat, moveTo.lon], moveTo.zoom, { animate: false });
      };
      const enterBriefing = () => {
        state.brief = true;
        map.keyboard.disable();
        scale.setPosition("topright");
        legend.setOpen(false);  // the room sees the map; the presenter opens the legend when asked
        document.body.classList.add("kcm-briefing");
      };
      const centreOn = (index) => {
        const cols = data.claims;
        const area = cols.area[index];
        if (area >= 0) {
          map.fitBounds(L.geoJSON(data.areas[area].geometry).getBounds(), { maxZoom: 10, animate: false });
        } else {
          map.setView([cols.lat[index], cols.lon[index]], Math.max(map.getZoom(), 10), { animate: false });
        }
      };

      /** @param {MapView} view */
      this.setView = (view, options) => {
        const opts = options || {};
        state.view = view;
        const wanted = view.date && ISO_DATE.test(view.date) ? view.date : state.date || data.defaultDate;
        state.date = wanted;
        drawFronts(wanted);
        applyMove(view.moveTo);
        if (view.brief && !state.brief) enterBriefing();
        const claimId = view.claim && claimIdPattern.test(view.claim) ? view.claim : null;
        const highlight = Array.isArray(view.highlight) ? view.highlight : [];
        const before = state.claim;
        claims.merge(view.added || null);
        const selected = claims.update(view, isoToDay(wanted), claimId, highlight);
        state.claim = selected >= 0 ? data.claims.ids[selected] : null;
        state.visible = claims.shownIds();
        state.highlight = highlight.slice();
        if (state.claim && state.claim !== before && opts.fly !== false) {
          centreOn(selected);
          claims.render();
        }
        if (state.popupClaim && state.popupClaim.index !== selected) map.closePopup(popup);
        else if (state.popupClaim) {
          const id = data.claims.ids[state.popupClaim.index];
          const popupKey = JSON.stringify([id, (view.detail || {})[id] || null, view.grades]);
          if (popupKey !== state.popupClaim.key) {
            state.popupClaim.key = popupKey;
            openPopup(state.popupClaim.latlng, claimPopupContent(data, claims, state.popupClaim.index,
              (view.detail || {})[id]));
          }
        }
        applyAnalysis(view.analysis);
        applyLayers(view.layers);
        renderDateBox();
        keepClaimsInSight();
        const move = view.moveTo;
        if (move && move.seq !== state.fitSeq) {
          state.fitSeq = move.seq;
          state.inSightSeq = null;
          state.fitted = false;
          // Once the page has drawn what covers the map (the step's caption comes with this view).
          requestAnimationFrame(() => requestAnimationFrame(() => {
            if (move.fitHighlight && state.brief) keepHighlightInSight(view.covers || []);
            state.inSightSeq = move.seq;
          }));
        }
        if (view.previewSlider && !state.preparing) {  // the slider's next step will only have to draw
          state.preparing = true;
          whenIdle(() => {
            state.preparing = false;
            claims.prepareAround(timeline, isoToDay(state.date));
          });
        }
        const dataset = map.getContainer().dataset;
        if (dataset.kcmDate !== wanted) dataset.kcmDate = wanted;
        if (dataset.kcmClaim !== (state.claim || "")) dataset.kcmClaim = state.claim || "";
      };

      // The slider moved: draw the date it will land on now, if the date alone decides what is drawn. The
      // page's view follows and, being the same, changes nothing; if it differs, it wins.
      const timeline = data.timeline || [];
      this.preview = (day) => {
        const view = state.view;
        if (!view.previewSlider || state.pending || !Number.isInteger(day) || !state.date) return;
        const date = dayToIso(snapToStep(timeline, day, isoToDay(state.date)));
        if (date === state.date) return;
        window.KurskMap.setView(Object.assign({}, view, { date, visible: null, grades: null }), { fly: false });
      };

      const positionNow = () => {
        const centre = map.getCenter();
        return { lat: Number(centre.lat.toFixed(4)), lon: Number(centre.lng.toFixed(4)), zoom: map.getZoom() };
      };
      let moveTimer = null;
      map.on("moveend", () => {
        clearTimeout(moveTimer);
        moveTimer = setTimeout(() => {
          state.position = positionNow();
          // Where the map moved itself to show a step's claims is no place anybody chose: the page keeps the
          // step's own view for its link, and a phone opening that link fits it again.
          if (state.fitted && JSON.stringify(state.position) === JSON.stringify(state.fittedAt)) return;
          postToPage({ position: state.position });
        }, 250);
      });
      const fit = () => {
        const height = window.innerHeight;
        if (height > 0 && map.getContainer().clientHeight !== height) {
          map.getContainer().style.height = height + "px";
          map.invalidateSize();
        }
      };
      window.addEventListener("resize", fit);
      fit();

      // A view the page sent before it heard of a claim chosen on the map must not undo that choice
      // (a pan's report can cross the click on the way): until the page confirms it, the choice stands.
      const PENDING_MS = 5000;
      window.addEventListener("message", (event) => {
        if (event.origin !== window.location.origin || !event.data) return;
        if (event.data.kcm === "date") {
          window.KurskMap.preview(event.data.day);
          return;
        }
        if (event.data.kcm !== "view") return;
        let view = event.data;
        const pending = state.pending;
        if (pending && view.claim === pending.claim) state.pending = null;
        else if (pending && Date.now() - pending.at < PENDING_MS) view = Object.assign({}, view, { claim: pending.claim });
        window.KurskMap.setView(view);
      });
      const fromPage = (window.parent && window.parent.kcmView) || viewFromParentUrl();
      if (!fromPage.moveTo && map.getSize().x < 600) {
        map.fitBounds(data.home, { padding: [8, 8], animate: false });  // a phone starts on the fighting
      }
      this.setView(fromPage);
      postToPage({ ready: true });
    },
  };
})();
