/*
 * Kursk claims map: the browser side of the map.
 *
 * The map is sent once. Its script names the payload's part (MapPayload: every claim as columns, each
 * front layer's snapshot dates), which the map fetches from the app; each front snapshot's geometry and
 * the claims' statements are further parts, fetched as they are drawn (static/map_parts.js). Changing
 * the date, the selection, highlights, layers or the view only calls KurskMap.setView with a
 * MapView, reached by a postMessage from the page, so the map is never re-sent or remounted.
 * The map reports clicks and its position back the same way (MapEvent).
 *
 * Placement is the map's promise: every claim is drawn where its data says. A claim about a
 * place or point is drawn at that point; claims whose markers would overlap become one count
 * badge whose dashed circle holds all of their true positions; claims about an area share one
 * badge drawn inside that area. Nothing is ever pushed aside. Text from data is put in the page
 * with textContent only; the only markup is in payload fields named *Html (credits).
 *
 * The map's code is ES modules, static/map_*.js, loaded by the browser as they are (no build step),
 * each importing the others as "kcm/<file name>". This classic script is the one the map's page
 * loads, and folium's script calls KurskMap.init before any module could run: init names each module's
 * URL in an import map (components/map/frame.py: versioned URLs on the app, data: URLs in an exported
 * page, which opens as one file) and starts static/map_main.js, which puts the map's API on KurskMap.
 */
(function () {
  "use strict";

  const ENTRY = "kcm/map_main.js";

  /** Fetches every module at once, rather than each only once its importer has arrived. */
  function preload(urls) {
    for (const url of urls.filter((item) => !item.startsWith("data:"))) {
      const link = document.createElement("link");
      link.rel = "modulepreload";
      link.href = url;
      document.head.appendChild(link);
    }
  }

  window.KurskMap = {
    /**
     * @param {L.Map} map
     * @param {string} entry the name of the payload's part
     * @param {Object<string, L.FeatureGroup>} groups one per overlay: base layers, each front layer, analysis, claims
     * @param {Object<string, string>} modules each module's specifier ("kcm/map_main.js") and its URL
     * @param {string|null} partsUrl where the app serves parts by name; null: they are inline in the page
     */
    init(map, entry, groups, modules, partsUrl) {
      const importMap = document.createElement("script");
      importMap.type = "importmap";
      importMap.textContent = JSON.stringify({ imports: modules });
      document.head.appendChild(importMap);
      preload(Object.values(modules));
      // The payload is asked for now, while the modules load, not once they have: at 100,000 claims it is the
      // largest thing the map waits for.
      const payload = partsUrl ? fetch(partsUrl + entry, { credentials: "same-origin" }) : null;
      import(ENTRY).then((main) => main.load(map, entry, groups, partsUrl, payload));
    },
  };
})();
