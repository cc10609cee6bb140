/*
 * The page side of the map bridge (components/map/bridge.py): forwards each MapView to the map
 * frame whole, and passes the map's events (MapEvent in static/map_bridge.js) and briefing
 * keys back to Python. When the view allows it (MapView.previewSlider), it also tells the map
 * the day the date slider moved to the moment it moves, before the page has rerun. Once the map
 * has drawn, it says so (the "drawn" state): the page draws the rest of the panel only then.
 *
 * Mirrors components/map/protocol.py (Event, BridgeMessage); a test compares the names.
 * @typedef {"selected"|"moved"|"step"|"tick"|"drawn"} SidecarEvent
 */
const DAY_US = 86400e6;  // a date slider's value: microseconds since 1970-01-01
const DRAWN_FALLBACK_MS = 4000;  // a map that never reports must not keep the panel away
const CARD_WAIT_MS = 15000;  // how long a selected claim's card is waited for before the list is left alone
const MAP_FRAMES = 'iframe[title="streamlit_folium.st_folium"]';
const NAVIGATION = {  // presenter clickers send PageUp and PageDown
  ArrowRight: "next", PageDown: "next", " ": "next", Spacebar: "next",
  ArrowLeft: "previous", PageUp: "previous", Home: "first", End: "last",
};

export default function ({ data, setTriggerValue, setStateValue }) {
  // One set of listeners per page, whatever the number of renders: they call the latest trigger.
  const bridge = (window.__kcmBridge = window.__kcmBridge || {});
  takeView(bridge, data, setTriggerValue, setStateValue);
  const view = data;  // the MapView, forwarded whole: the map reads what it needs
  window.kcmView = view;
  clearTimeout(bridge.playTimer);
  if (data.playing) bridge.playTimer = setTimeout(() => bridge.trigger("tick", Date.now()), 900);
  const frames = Array.from(document.querySelectorAll(MAP_FRAMES));
  for (const frame of frames) {
    frame.contentWindow.postMessage(Object.assign({ kcm: "view" }, view), window.location.origin);
  }
  if (!bridge.onKey) listenOnce(bridge);
  if (!bridge.drawn && !bridge.drawnTimer) bridge.drawnTimer = setTimeout(bridge.reportDrawn, DRAWN_FALLBACK_MS);
  for (const frame of frames) watchFrame(bridge, frame.contentWindow);
  revealSelectedCard(bridge, view.claim || null);
  followLanguage(view.language);
}

/** The page's own `lang` is the reader's: Streamlit's shell says "en" whatever the page shows. */
function followLanguage(language) {
  if (language && document.documentElement.lang !== language) document.documentElement.lang = language;
}

/** The bridge's hold on this render: its callbacks, and the view's briefing step and slider. */
function takeView(bridge, data, setTriggerValue, setStateValue) {
  bridge.trigger = setTriggerValue;
  bridge.setState = setStateValue;
  bridge.brief = Boolean(data.brief);
  bridge.steps = data.steps || 0;
  bridge.presses = bridge.presses || 0;
  // A view the page drew before it had applied the latest key presses must not undo them: its step is taken
  // only once it has caught up (a button or a link moves the step with no press, and is taken at once).
  if ((data.stepPress || 0) >= bridge.presses) bridge.step = data.step || 0;
  bridge.previewSlider = data.previewSlider || null;
  // Said once per page, whichever comes first: the map's report, a map that drew before this ran, the fallback.
  bridge.reportDrawn = bridge.reportDrawn || (() => {
    if (bridge.drawn || bridge.brief) return;  // a briefing draws its panel at once
    bridge.drawn = true;
    clearTimeout(bridge.drawnTimer);
    bridge.setState("drawn", true);
  });
}

/** A map that drew before this render reports nothing: it is seen drawn here. Its keys reach the briefing. */
function watchFrame(bridge, inner) {
  if (!bridge.drawn && inner && inner.KurskMap && inner.KurskMap.state) bridge.reportDrawn();
  if (inner && !inner.__kcmKeys) {
    inner.__kcmKeys = true;
    inner.addEventListener("keydown", bridge.onKey, true);
  }
}

function listenOnce(bridge) {
  bridge.onKey = (event) => takeKey(bridge, event);
  window.addEventListener("keydown", bridge.onKey, true);
  watchSlider(bridge);
  window.addEventListener("message", (event) => {
    if (event.origin !== window.location.origin || !event.data || event.data.kcm !== true) return;
    takeMapEvent(bridge, event);
  });
}

/** A briefing's navigation key, unless it is typed into a field or pressed with a modifier. */
function takeKey(bridge, event) {
  const target = event.target;
  const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  const action = NAVIGATION[event.key];
  if (!bridge.brief || !action || typing || event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  event.stopPropagation();
  // The wanted step is state, not an event: quick presses never get lost, the last one wins.
  const wanted = { next: bridge.step + 1, previous: bridge.step - 1, first: 1, last: bridge.steps }[action];
  bridge.step = Math.max(1, Math.min(bridge.steps, wanted));
  bridge.presses += 1;
  bridge.setState("step", { step: bridge.step, press: bridge.presses });
}

/** The slider's input holds its value as an attribute, rewritten as soon as the slider moves. */
function watchSlider(bridge) {
  new MutationObserver((records) => {
    const key = bridge.previewSlider;
    if (!key) return;
    for (const input of records.map((record) => record.target)) {
      if (input.type !== "range" || !input.closest(".st-key-" + key)) continue;
      const day = Math.round(Number(input.value) / DAY_US);
      for (const frame of document.querySelectorAll(MAP_FRAMES)) {
        frame.contentWindow.postMessage({ kcm: "date", day }, window.location.origin);
      }
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["value"] });
}

function takeMapEvent(bridge, event) {
  if (event.data.ready) {
    event.source.postMessage(Object.assign({ kcm: "view" }, window.kcmView), window.location.origin);
    bridge.reportDrawn();
  }
  if (typeof event.data.select === "string") {
    // State, not an event: a choice made while a pan's report is on its way is never dropped.
    bridge.selects = (bridge.selects || 0) + 1;
    bridge.setState("selected", { claim: event.data.select, press: bridge.selects });
  }
  if (event.data.position) bridge.setState("moved", event.data.position);  // the latest position wins
}

/**
 * Scrolls the claims list to the selected claim's card, once per selection, as soon as the panel has drawn
 * that card: on a page's first run the panel follows the map, so the card of a linked claim comes later.
 */
function revealSelectedCard(bridge, claim) {
  if (claim === bridge.cardWanted) return;
  bridge.cardWanted = claim;
  if (bridge.cardWatch) bridge.cardWatch.disconnect();
  clearTimeout(bridge.cardGiveUp);
  if (!claim) return;
  const reveal = () => {
    const card = document.querySelector(".st-key-claim-selected-" + CSS.escape(claim));
    const list = card && card.closest(".st-key-claims-list");
    if (!list) return false;
    list.scrollTop += card.getBoundingClientRect().top - list.getBoundingClientRect().top - 8;
    return true;
  };
  if (reveal()) return;
  bridge.cardWatch = new MutationObserver(() => {
    if (reveal()) bridge.cardWatch.disconnect();
  });
  bridge.cardWatch.observe(document.body, { childList: true, subtree: true });
  bridge.cardGiveUp = setTimeout(() => bridge.cardWatch.disconnect(), CARD_WAIT_MS);
}
