/*
 * Parts of what the map draws (geo/publishing/map_parts.py): the payload, each front snapshot's geometry and the
 * claims' statements in batches, each a JSON document named by a hash of its bytes; a series of parts (a layer's
 * snapshots, the batches of statements) is named once, its parts by that name and their place (seriesPart). A part
 * is fetched from the
 * app the first time it is needed and kept; its name never names other bytes, so the browser's cache may keep
 * it too. An exported page has no app behind it: its parts are inline, in the element INLINE_ID.
 */

const INLINE_ID = "kcm-parts";

function inlineParts() {
  const element = document.getElementById(INLINE_ID);
  return element ? new Map(Object.entries(JSON.parse(element.textContent))) : new Map();
}

/** The name of a series' part at `place`, as geo/publishing/map_parts.py series_part names it. */
export function seriesPart(series, place) {
  return series + "." + place;
}

export class Parts {
  /**
   * @param {string|null} url where the app serves parts by name; null: every part is inline
   * @param {Object<string, Promise<Response>>} [asked] fetches of parts already under way, by name
   */
  constructor(url, asked) {
    this.url = url;
    this.kept = url ? new Map() : inlineParts();
    this.asked = new Map();  // name → the promise of a fetch under way
    for (const [name, response] of Object.entries(asked || {})) this.track(name, response);
  }

  /** The part, if it is here already (an inline part always is); undefined if it must be fetched. */
  peek(name) {
    return this.kept.get(name);
  }

  /** The part, fetched once however often it is asked for; a failed fetch is forgotten, to be tried again. */
  get(name) {
    if (this.kept.has(name)) return Promise.resolve(this.kept.get(name));
    if (!this.asked.has(name)) {
      const asked = this.url ? this.fetchPart(name) : Promise.reject(new Error("no such part: " + name));
      this.asked.set(name, asked);
      asked.catch(() => this.asked.delete(name));
    }
    return this.asked.get(name);
  }

  fetchPart(name) {
    return this.read(name, fetch(this.url + name, { credentials: "same-origin" }));
  }

  /** A part's response read and kept when it arrives. */
  read(name, response) {
    return response.then((answer) => {
      if (!answer.ok) throw new Error("part " + name + ": HTTP " + answer.status);
      return answer.json();
    }).then((document) => {
      this.kept.set(name, document);
      this.asked.delete(name);
      return document;
    });
  }

  /** A fetch of a part begun elsewhere (the loader asks for the payload before the modules have loaded). */
  track(name, response) {
    const asked = this.read(name, response);
    this.asked.set(name, asked);
    asked.catch(() => this.asked.delete(name));
  }

  /** Asks for parts ahead of need (the dates next to the shown one); a failure now is only a later fetch. */
  prefetch(names) {
    for (const name of names) if (name && !this.kept.has(name)) this.get(name).catch(() => {});
  }
}
