/* What a claim's tooltip and popup, and a badge's list of claims, say: nodes built from text only. */

import { el, safeLink, slug, withNumber } from "kcm/map_dom.js";
import { dayText } from "kcm/map_dates.js";
import { MARK_WORDS, markAsGraded } from "kcm/map_grades.js";
import { listOf, nameOf, t, tn } from "kcm/map_words.js";

const LIST_LIMIT = 50;

/** A claim's statement, or an ellipsis while its batch is on its way (the popup is written again when it comes). */
function statementText(cols, index) {
  const statement = cols.statement[index];
  return statement === null ? "…" : statement;
}

function claimHeading(cols, index) {
  return el("b", "", "#" + cols.numbers[index] + " " + statementText(cols, index));
}

export function claimTooltip(data, claims, index) {
  const cols = data.claims;
  const grade = claims.gradeOf(index);
  const box = el("div");
  box.appendChild(claimHeading(cols, index));
  const mark = markAsGraded(cols.marks[index], grade);
  if (MARK_WORDS[mark]) box.appendChild(el("div", "kcm-mark-note", MARK_WORDS[mark]()));
  box.appendChild(el("div", "", t("Claimed by {source}, reported {date}",
    { source: nameOf(data.sourceNames[cols.claimant[index]]), date: dayText(cols.reported[index]) })));
  box.appendChild(el("div", "", t("Confidence: {level} · {status} · {code}",
    { level: grade.levelWords, status: grade.statusWords, code: grade.code })));
  return box;
}

function confidenceParagraph(grade) {
  const confidence = el("p");
  confidence.appendChild(el("b", "", t("Confidence: {level}", { level: grade.levelWords })));
  confidence.appendChild(document.createTextNode(" · " + t("status: {status}", { status: grade.statusWords })));
  confidence.appendChild(el("br"));
  confidence.appendChild(document.createTextNode(grade.words));
  return confidence;
}

function reportList(reports) {
  const list = el("ul");
  for (const report of reports) {
    const item = el("li");
    item.appendChild(report.url ? safeLink(report.url, report.outlet) : el("span", "", report.outlet));
    item.appendChild(document.createTextNode(", " + report.date));
    list.appendChild(item);
  }
  return list;
}

/** Who, when, where and how sure, for one claim; the reports arrive with the view's detail. */
export function claimPopupContent(data, claims, index, detail) {
  const cols = data.claims;
  const box = el("div", "kcm-popup");
  box.appendChild(claimHeading(cols, index));
  if (detail && detail.translation) {  // the statement stays as made; its translation follows, marked as one
    box.appendChild(el("p", "kcm-translation", t("Translation: {translation}", { translation: detail.translation })));
  }
  const source = nameOf(data.sourceNames[cols.claimant[index]]);
  box.appendChild(el("p", "", detail ? t("Claimed by {source} · about {period}", { source, period: detail.period })
    : t("Claimed by {source} · first reported {date}", { source, date: dayText(cols.reported[index]) })));
  if (detail) box.appendChild(el("p", "", t("Where: {place}", { place: detail.where })));
  box.appendChild(confidenceParagraph(claims.gradeOf(index)));
  box.appendChild(detail ? reportList(detail.reports) : el("p", "kcm-muted", t("Sources and reasons: in the panel.")));
  return box;
}

function listTitle(data, symbol) {
  const count = symbol.members.length;
  if (symbol.kind !== "area") return tn("{count} claim here", "{count} claims here", count);
  const areas = listOf(symbol.areas.map((area) => nameOf(data.areas[area].name)));
  return tn("{count} claim about {areas}", "{count} claims about {areas}", count, { areas });
}

/** A button that stops its click: the popup's content may be replaced while the click is on its way, and
 * from a detached node it would reach the map and close the popup as a click on the map would. */
function popupButton(className, content, action) {
  const button = el("button", className);
  button.type = "button";
  button.append(...content);
  button.addEventListener("click", (event) => {
    L.DomEvent.stop(event);
    action();
  });
  return button;
}

function listRow(cols, grade, index, choose) {
  const dot = withNumber(el("span", "kcm-claim kcm-list-dot kcm-status-" + slug(grade.status)), cols.numbers[index]);
  dot.style.background = grade.colour;
  return popupButton("kcm-list-row", [dot, el("span", "kcm-list-text", statementText(cols, index))], () => choose(index));
}

/** The claims behind a badge, newest first, each a button that selects it. */
export function listPopupContent(data, claims, symbol, choose, zoomIn) {
  const cols = data.claims;
  const box = el("div", "kcm-popup kcm-list");
  box.appendChild(el("b", "", listTitle(data, symbol)));
  if (zoomIn) box.appendChild(popupButton("kcm-list-zoom", [t("Zoom in to separate them")], zoomIn));
  const ordered = symbol.members.slice().sort((a, b) => cols.numbers[b] - cols.numbers[a]);
  const list = el("div", "kcm-list-rows");
  for (const index of ordered.slice(0, LIST_LIMIT)) list.appendChild(listRow(cols, claims.gradeOf(index), index, choose));
  box.appendChild(list);
  if (ordered.length > LIST_LIMIT) {
    box.appendChild(el("p", "kcm-muted", tn("{count} more: zoom in or narrow the filters.",
      "{count} more: zoom in or narrow the filters.", ordered.length - LIST_LIMIT)));
  }
  return box;
}
