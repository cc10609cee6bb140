/*
 * A group's symbol on a phone. A narrow map has no room for an area's name beside its count, and a bare "6"
 * there reads like the claim "#6": so a phone's group shows its count beside the claims sign (a stack of cards,
 * drawn as SVG nodes, never parsed as markup), and a group holding a briefing's claims shows their numbers, each
 * with the small "#" a claim's marker has. What the symbol stands for ("6 claims about …") is its name.
 */

import { el } from "kcm/map_dom.js";
import { number } from "kcm/map_words.js";

const SVG = "http://www.w3.org/2000/svg";
const PHONE_WIDTH = "(max-width: 600px)";  // as static/kursk_map.css's phone rules
const SIGN_EM = 1.15;  // the sign's width, in the symbol's font size (static/kursk_map.css)
const CARDS = [["5", "1.5"], ["2", "4.5"]];  // the back card, then the front one, over it

/** Whether the map is a phone's: narrow enough that its groups take their short form. */
export function phoneMap() {
  return Boolean(window.matchMedia && window.matchMedia(PHONE_WIDTH).matches);
}

/** The claims sign: two cards, one over the other, in the text colour (aria-hidden: the symbol's name says it). */
export function claimsSign() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "kcm-count-sign");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  for (const [x, y] of CARDS) {
    const card = document.createElementNS(SVG, "rect");
    for (const [name, value] of [["x", x], ["y", y], ["width", "9"], ["height", "10"], ["rx", "1.5"]]) {
      card.setAttribute(name, value);
    }
    svg.appendChild(card);
  }
  const lines = document.createElementNS(SVG, "path");
  lines.setAttribute("d", "M4.5 8.5h4M4.5 11.5h4");
  svg.appendChild(lines);
  return svg;
}

/** Fills a group's node with "how many claims" as a phone shows it: the claims sign, then the count. */
export function showCount(node, count) {
  node.classList.add("kcm-count");
  node.replaceChildren(claimsSign(), el("span", "kcm-count-number", number(count)));
  return node;
}

/** Fills a node with claims' numbers as "#12 #15 +3" reads (see stressedNumbers), each "#" drawn small. */
export function showNumbers(node, numbers) {
  const parts = numbers.split(" ").flatMap((word, index) => {
    const spaced = index ? [" "] : [];
    return word.startsWith("#") ? spaced.concat(el("span", "kcm-num-sign", "#"), word.slice(1)) : spaced.concat(word);
  });
  const line = el("span", "kcm-count-number");  // one run of text: a flex symbol would drop the spaces between items
  line.replaceChildren(...parts);
  node.replaceChildren(line);
  return node;
}

/** How wide a phone's group is drawn for `text` (its count or numbers) in a `font` px font, the sign included. */
export function phoneWidth(text, font, counted) {
  return 20 + 0.66 * font * text.length + (counted ? SIGN_EM * font + 3 : 0);
}
