/*
 * The claims' symbols for a keyboard: together they are one tab stop (a roving tabindex). The stop is the symbol
 * last reached, else the one holding the lowest claim number on screen; the arrow keys move between the symbols
 * on screen in the order of their lowest claim number, Home and End go to the first and the last, Enter or Space
 * opens one as a click does. Each symbol is named for a screen reader where it is drawn (map_claim_symbols.js).
 */

const NEXT = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

function lowestNumber(layer, symbol) {
  return Math.min(...symbol.members.map((index) => layer.cols.numbers[index]));
}

/** The symbols on screen, by their lowest claim number. */
export function symbolsInOrder(layer) {
  const bounds = layer.map.getBounds();
  return layer.drawnSymbols.filter((symbol) => bounds.contains(symbol.latlng))
    .map((symbol) => ({ symbol, number: lowestNumber(layer, symbol) }))
    .sort((a, b) => a.number - b.number).map((item) => item.symbol);
}

function symbolOf(layer, element) {
  return layer.drawnSymbols.find((symbol) => symbol.marker.getElement() === element);
}

/** Whether a claim's symbol has the keyboard's focus now (a new drawing then gives it back). */
export function symbolFocused(layer) {
  const active = document.activeElement;
  return Boolean(active && active.classList.contains("kcm-symbol") && symbolOf(layer, active));
}

/** Makes `target` (a symbol on screen) the one tab stop among the symbols, and focuses it if `focus`. */
function rest(layer, target, focus) {
  for (const symbol of layer.drawnSymbols) {
    const element = symbol.marker.getElement();
    if (element) element.tabIndex = symbol === target ? 0 : -1;
  }
  if (!target) return;
  layer.keyClaim = target.members.reduce((low, index) => layer.cols.numbers[index] < layer.cols.numbers[low]
    ? index : low);
  if (focus) target.marker.getElement().focus({ preventScroll: true });
}

/** After a drawing or a move: the symbol holding the claim last reached keeps the stop, else the first one. */
export function placeTabStop(layer, focus) {
  const order = symbolsInOrder(layer);
  const kept = order.find((symbol) => symbol.members.includes(layer.keyClaim));
  rest(layer, kept || order[0], focus);
}

/** Where a key moves from `symbol`: a symbol, or undefined for a key that does not move. */
function moveTarget(order, symbol, key) {
  const at = Math.max(0, order.indexOf(symbol));
  if (key in NEXT) return order[(at + NEXT[key] + order.length) % order.length];
  if (key === "Home") return order[0];
  return key === "End" ? order[order.length - 1] : undefined;
}

/** The symbol a key was pressed on, unless the key is held with a modifier (the browser's or the map's). */
function pressedOn(layer, event) {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  return symbolOf(layer, event.target) || null;
}

function onKey(layer, event) {
  const symbol = pressedOn(layer, event);
  if (!symbol) return;
  const opens = event.key === "Enter" || event.key === " ";
  const target = opens ? null : moveTarget(symbolsInOrder(layer), symbol, event.key);
  if (!opens && target === undefined) return;
  event.preventDefault();
  event.stopPropagation();
  if (opens) symbol.marker.fire("click");
  else rest(layer, target, true);
}

/** Listens once, on the pane the symbols are drawn in: keys move between them, a focus makes one the stop. */
export function listenForKeys(layer) {
  const pane = layer.map.getPane("markerPane");
  pane.addEventListener("keydown", (event) => onKey(layer, event));
  pane.addEventListener("focusin", (event) => {
    const symbol = symbolOf(layer, event.target);
    if (symbol) rest(layer, symbol, false);
  });
  layer.map.on("moveend", () => placeTabStop(layer, false));
}
