/*
 * Small helpers shared by the map's modules: nodes from text (never parsed as HTML), boxes, links,
 * work for idle time and the payload's bytes.
 */

/** Whether the pointer is a finger: markers are drawn larger and tooltips left to popups. */
export const COARSE = Boolean(window.matchMedia && window.matchMedia("(pointer: coarse)").matches);

/** An element with a class and text, never parsed as HTML. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** A claim's number as the map writes it, "#12" with a smaller "#": a claim's number, never read as a count. */
export function withNumber(node, number) {
  node.replaceChildren(el("span", "kcm-num-sign", "#"), String(number));
  return node;
}

/** A bold title over lines of text, for tooltips. */
export function titledBox(title, lines) {
  const box = el("div");
  box.appendChild(el("b", "", title));
  for (const line of lines) box.appendChild(el("div", "", line));
  return box;
}

export function slug(text) {
  return String(text).toLowerCase().replace(/[^a-z]+/g, "-");
}

/** Only http(s) links reach the page. */
export function safeLink(url, text) {
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

/** Run work the page can wait for once the browser has nothing else to do. */
export function whenIdle(work) {
  if (window.requestIdleCallback) window.requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 200);
}

/** Whether two boxes ({left, top, right, bottom}) share any area. */
export function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export function decodeBytes(base64) {
  const text = atob(base64 || "");
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) bytes[index] = text.charCodeAt(index);
  return bytes;
}

export function bitOn(bits, index) {
  return (bits[index >> 3] & (1 << (index & 7))) !== 0;
}
