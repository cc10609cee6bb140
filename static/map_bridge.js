/*
 * The map's side of the bridge to Python (components/map/bridge.py, static/sidecar.js): what the page
 * sends, what the map reports, and the shapes both carry.
 */

/**
 * Mirrors components/map/protocol.py; keep the two in step (a test compares the key names).
 * @typedef {{ids: string[], numbers: number[], lat: number[], lon: number[], radiusM: number[],
 *   area: number[], claimant: number[], category: number[], reported: number[], until: number[],
 *   reliability: string, marks: string, grades: string}} ClaimColumns
 * @typedef {{id: string, label: string, sourceName: string, side: string, basis: string, hatched: boolean,
 *   context: boolean, style: object, creditHtml: string, dates: string[],
 *   areasKm2: number[], geometries: string}} FrontLayerRecord
 * @typedef {{id: string, name: string, anchor: number[], holdsAnchorsOf: string[], geometry: object}} AreaRecord
 * @typedef {{name: string, lat: number, lon: number, key: boolean, verified: boolean, radiusM: number}} PlaceRecord
 * @typedef {{name: string, focus: boolean, lat: number, lon: number}} RegionLabel
 * @typedef {{key: string, words: string, style: object}} LegendEntry
 * @typedef {{key: string, words: string, icon: string}} CategoryRecord
 * @typedef {{levels: string[], levelColours: string[], statuses: string[], statusWords: string[], retracted: string,
 *   credibilityOpacity: number[], reliabilityWords: Object<string, string>, credibilityWords: string[]}} GradeScales
 * @typedef {{regions: object, regionLabels: RegionLabel[], border: object, places: PlaceRecord[],
 *   fronts: FrontLayerRecord[], areas: AreaRecord[], claims: ClaimColumns, statements: string,
 *   statementsPerPart: number, sourceNames: string[], categories: CategoryRecord[],
 *   scales: GradeScales, analysisKinds: LegendEntry[], attributionHtml: string[],
 *   placesCreditHtml: string, claimIdPattern: string, defaultDate: string, timeline: number[], home: number[][]}} MapPayload
 * @typedef {{lat: number, lon: number, zoom: number, seq: (number|string), fitHighlight: boolean}} MoveTo
 * @typedef {{outlet: string, date: string, url: string}} ReportRecord
 * @typedef {{where: string, period: string, reports: ReportRecord[], translation: string}} ClaimDetail
 * @typedef {{type: string, geometry: object, properties: object}} AnalysisFeature
 * @typedef {{date: string, claim: string, visible: (string|null), grades: (string|null),
 *   detail: Object<string, ClaimDetail>, moveTo: (MoveTo|null),
 *   layers: (string[]|null), highlight: string[], brief: boolean, covers: string[], namedPlaces: string[],
 *   analysis: (object|null),
 *   playing: boolean, step: number, steps: number, stepPress: number, added: (AddedClaims|null),
 *   previewSlider: (string|null), words: (string|null), language: string}} MapView
 * @typedef {{levels: string[], statuses: string[], statusWords: string[], reliabilityWords: Object<string, string>,
 *   credibilityWords: string[]}} ScaleWords
 * @typedef {{language: string, locale: string, messages: Object<string, string>,
 *   plurals: Object<string, Object<string, string>>, names: Object<string, string>, scales: ScaleWords,
 *   analysisKinds: Object<string, string>, credits: Object<string, string>}} MapWords
 * @typedef {{key: string, columns: ClaimColumns, statements: string[], sourceNames: string[]}} AddedClaims
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

const PENDING_MS = 5000;  // how long a claim chosen on the map outlives views that do not name it yet

/** @param {MapEvent} message posted to the page as its BridgeMessage */
export function postToPage(message) {
  try {
    window.parent.postMessage(Object.assign({ kcm: true }, message), window.location.origin);
  } catch (error) {
    /* not embedded: nothing to tell */
  }
}

/** The view of the page's link, for a map that starts before the page has sent one. */
export function viewFromParentUrl() {
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

/** @returns {Position} where the map is, rounded as the page keeps it */
export function positionOf(map) {
  const centre = map.getCenter();
  return { lat: Number(centre.lat.toFixed(4)), lon: Number(centre.lng.toFixed(4)), zoom: map.getZoom() };
}

/**
 * A view the page sent before it heard of a claim chosen on the map must not undo that choice
 * (a pan's report can cross the click on the way): until the page confirms it, the choice stands.
 */
function withPendingChoice(state, view) {
  const pending = state.pending;
  if (pending && view.claim === pending.claim) state.pending = null;
  else if (pending && Date.now() - pending.at < PENDING_MS) return Object.assign({}, view, { claim: pending.claim });
  return view;
}

/** Takes the page's messages: a view to show, or the day the date slider just moved to. */
export function listenToPage(state) {
  window.addEventListener("message", (event) => {
    if (event.origin !== window.location.origin || !event.data) return;
    if (event.data.kcm === "date") {
      window.KurskMap.preview(event.data.day);
      return;
    }
    if (event.data.kcm !== "view") return;
    window.KurskMap.setView(withPendingChoice(state, event.data));
  });
}

/** Tells the page where the map is after a pan or zoom, once it has come to rest. */
export function reportMoves(map, state) {
  let moveTimer = null;
  const report = () => {
    state.position = positionOf(map);
    // Where the map moved itself to show a step's claims is no place anybody chose: the page keeps the
    // step's own view for its link, and a phone opening that link fits it again.
    if (state.fitted && JSON.stringify(state.position) === JSON.stringify(state.fittedAt)) return;
    postToPage({ position: state.position });
  };
  map.on("moveend", () => {
    clearTimeout(moveTimer);
    moveTimer = setTimeout(report, 250);
  });
}
