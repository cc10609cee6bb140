/*
 * The presenter's window (components/briefing/presenter.py): a second browser window, opened from the room's
 * page and built by it, showing the step's caption, its speaker notes, the next step's title and a timer (time
 * on this step, time in all). Its buttons and a clicker's keys pressed there send the step wanted back to the
 * page, which moves the room's map as its own buttons do. Text goes in with textContent only.
 */

const KEYS = { ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1 };
const presenter = (window.__kcmPresenter = window.__kcmPresenter || { popup: null, step: 0, stepStarted: 0,
  started: 0, timer: null, data: null, send: null });

function minutes(ms) {
  const seconds = Math.floor(ms / 1000);
  return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
}

function part(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function go(step) {
  const { data, send } = presenter;
  if (!data || !send || step < 1 || step > data.steps) return;
  send("step", { step, at: Date.now() });
}

/** The window's parts, made once: the page fills them at every step. */
function build(popup) {
  const doc = popup.document;
  doc.head.appendChild(part(doc, "style", "", presenter.data.css));  // static/presenter.css, as the page read it
  doc.body.className = "kcm-presenter";
  const back = part(doc, "button", "kcm-presenter-back");
  const forward = part(doc, "button", "kcm-presenter-forward");
  back.addEventListener("click", () => go(presenter.step - 1));
  forward.addEventListener("click", () => go(presenter.step + 1));
  const header = part(doc, "header");
  header.append(part(doc, "span", "kcm-presenter-step"), part(doc, "span", "kcm-presenter-timer"));
  const nav = part(doc, "nav");
  nav.append(back, forward);
  doc.body.append(header, part(doc, "h1"), part(doc, "p", "kcm-presenter-caption"), part(doc, "h2"),
    part(doc, "p", "kcm-presenter-notes"), part(doc, "p", "kcm-presenter-next"), nav);
  doc.addEventListener("keydown", (event) => {
    if (!(event.key in KEYS) || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    go(presenter.step + KEYS[event.key]);
  });
}

function tick() {
  const popup = presenter.popup;
  if (!popup || popup.closed) {
    clearInterval(presenter.timer);
    presenter.timer = null;
    return;
  }
  const now = Date.now();
  popup.document.querySelector(".kcm-presenter-timer").textContent = minutes(now - presenter.stepStarted) + " " +
    presenter.data.words.onStep + " · " + minutes(now - presenter.started) + " " + presenter.data.words.total;
}

/** Writes this step into the window, if it is open. */
function fill() {
  const { popup, data } = presenter;
  if (!popup || popup.closed) return;
  const doc = popup.document;
  const set = (selector, text) => { doc.querySelector(selector).textContent = text; };
  doc.title = data.words.title;
  set(".kcm-presenter-step", data.words.heading);
  set("h1", data.title);
  set(".kcm-presenter-caption", data.caption);
  set("h2", data.words.notes);
  set(".kcm-presenter-notes", data.notes || data.words.none);
  set(".kcm-presenter-next", data.words.next);
  set(".kcm-presenter-back", data.words.back);
  set(".kcm-presenter-forward", data.words.forward);
  doc.querySelector(".kcm-presenter-back").disabled = data.step <= 1;
  doc.querySelector(".kcm-presenter-forward").disabled = data.step >= data.steps;
  tick();
}

function open(button) {
  if (!presenter.popup || presenter.popup.closed) {
    const popup = window.open("", "kcm-presenter", "popup,width=960,height=680");
    if (!popup) {
      button.title = presenter.data.words.blocked;
      return;
    }
    presenter.popup = popup;
    presenter.started = Date.now();
    if (!popup.document.querySelector(".kcm-presenter-notes")) build(popup);
  }
  presenter.popup.focus();
  if (!presenter.timer) presenter.timer = setInterval(tick, 1000);
  fill();
}

export default function ({ data, parentElement, setStateValue }) {
  presenter.data = data;
  presenter.send = setStateValue;
  if (data.step !== presenter.step) {
    presenter.step = data.step;
    presenter.stepStarted = Date.now();
  }
  let button = parentElement.querySelector(".kcm-presenter-open");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "kcm-presenter-open";
    button.addEventListener("click", () => open(button));
    parentElement.appendChild(button);
  }
  button.textContent = data.words.open;
  button.title = data.words.openHelp;
  fill();
}
