/*
 * Kursk claims map: the browser side of the map.
 *
 * The map is sent once with every dated front and every claim embedded. Changing the
 * date, the selected claim, highlights, layers or the view only calls KurskMap.setView,
 * reached by a postMessage from the page, so the map is never re-sent or remounted. The map
 * reports clicks and its position back the same way. All text in `data` arrives
 * already HTML-escaped by the Python map builder; this file adds none of its own.
 */
(function () {
  "use strict";

  const VILLAGE_LABEL_ZOOM = 10;
  const ANALYSIS_STYLES = {
    implied: { color: "#5b2a86", weight: 3, dashArray: "2 6", fill: false },
    "only-first": { color: "#b35900", weight: 1, fillColor: "#E69F00", fillOpacity: 0.5 },
    "only-second": { color: "#5b2a86", weight: 1, fillColor: "#9467bd", fillOpacity: 0.5 },
    gained: { color: "#00543c", weight: 1.5, fillColor: "#009E73", fillOpacity: 0.6 },
    lost: { color: "#8a2500", weight: 1.5, dashArray: "4 3", fillColor: "#D55E00", fillOpacity: 0.6 },
  };
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  const CLAIM_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function dayText(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return day + " " + MONTHS[month - 1] + " " + year;
  }

  function latestOnOrBefore(items, date, key) {
    let found = null;
    for (const item of items) {
      if ((key ? item[key] : item) <= date) found = item;
    }
    return found;
  }

  function slug(text) {
    return String(text).toLowerCase().replace(/[^a-z]+/g, "-");
  }

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
      line.setAttribute("x1", "0");
      line.setAttribute("y1", "0");
      line.setAttribute("x2", "0");
      line.setAttribute("y2", "8");
      line.setAttribute("stroke", colour);
      line.setAttribute("stroke-width", "3");
      line.setAttribute("stroke-opacity", "0.7");
      pattern.appendChild(line);
      defs.appendChild(pattern);
    }
    svg.appendChild(defs);
    map.getContainer().appendChild(svg);
  }

  function frontStyle(layer) {
    return Object.assign({}, layer.style, layer.basis === "claimed" ? { className: "kcm-hatched-" + layer.side } : {});
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

  function fillFrame(map) {
    const fit = () => {
      const height = window.innerHeight;
      if (height > 0 && map.getContainer().clientHeight !== height) {
        map.getContainer().style.height = height + "px";
        map.invalidateSize();
      }
    };
    window.addEventListener("resize", fit);
    fit();
  }

  function postToPage(message) {
    try {
      window.parent.postMessage(Object.assign({ kcm: true }, message), window.location.origin);
    } catch (error) {
      /* not embedded: nothing to tell */
    }
  }

  function claimIcon(claim, slot, count, selected) {
    const ring = count > 1 ? Math.max(16, count * 4.5) : 0;
    const angle = (2 * Math.PI * slot) / Math.max(count, 1) - Math.PI / 2;
    const size = selected ? 34 : 26;
    const dx = Math.round(ring * Math.cos(angle));
    const dy = Math.round(ring * Math.sin(angle));
    const level = slug(claim.level);
    return L.divIcon({
      className: "kcm-claim-icon",
      html: '<span class="kcm-claim kcm-level-' + level + " kcm-status-" + slug(claim.status) +
        (selected ? " kcm-selected" : "") + '" style="background:' + claim.colour + ";opacity:" +
        Number(claim.opacity) + '">' + Number(claim.number) + "</span>",
      iconSize: [size, size],
      iconAnchor: [size / 2 - dx, size / 2 - dy],
      tooltipAnchor: [dx + size / 2, dy],
      popupAnchor: [dx, dy - size / 2],
    });
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
        icon: L.divIcon({
          className: "kcm-region-label" + (label.focus ? " kcm-region-focus" : ""),
          html: label.name,
          iconSize: null,
        }),
      }).addTo(groups.regions);
    }
    L.geoJSON(data.border, {
      interactive: false,
      style: { color: "#2b2b2b", weight: 2.5, dashArray: "10 4 2 4" },
    }).addTo(groups.border);

    const villageLabels = L.layerGroup();
    for (const place of data.places) {
      const dot = L.circleMarker([place.lat, place.lon], {
        radius: place.key ? 4 : 2.5,
        color: "#333",
        weight: 1,
        fillColor: place.key ? "#333" : "#fff",
        fillOpacity: 1,
      }).bindTooltip(place.tooltip);
      dot.addTo(groups.places);
      if (!place.verified) {
        L.circle([place.lat, place.lon], {
          radius: place.radiusM, color: "#555", weight: 1, dashArray: "3 4", fill: false, interactive: false,
        }).addTo(groups.places);
      }
      const label = L.marker([place.lat, place.lon], {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: place.key ? "kcm-place-label kcm-key-place" : "kcm-place-label",
          html: place.name + (place.verified ? "" : " (approx.)"),
          iconSize: null,
          iconAnchor: [-6, 8],
        }),
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

  function addDateBox(map) {
    const box = L.DomUtil.create("div", "kcm-date-box", map.getContainer());
    L.DomEvent.disableClickPropagation(box);
    return box;
  }

  function addLegend(map, data) {
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const div = L.DomUtil.create("div", "kcm-legend");
      L.DomEvent.disableClickPropagation(div);
      let html = '<button type="button" class="kcm-legend-toggle" aria-expanded="true">Legend</button><div class="kcm-legend-body">';
      for (const layer of data.frontOrder.map((layerId) => data.fronts[layerId])) {
        const swatch = layer.basis === "claimed"
          ? "background:repeating-linear-gradient(45deg," + layer.style.color + " 0 2px,transparent 2px 6px)"
          : "background:" + layer.style.fillColor;
        html += '<div><i class="kcm-swatch" style="' + swatch + ";border:2px " +
          (layer.style.dashArray ? "dashed " : "solid ") + layer.style.color + '"></i>' + layer.label +
          (layer.basis === "claimed" ? " (hatched: claimed)" : " (filled: assessed)") + "</div>";
      }
      html += "<b>Claim colour: confidence</b><div>";
      for (const [level, colour] of data.levelColours) {
        html += '<span class="kcm-claim kcm-legend-claim" style="background:' + colour + '"></span>' + level + " ";
      }
      html += "</div><b>Claim outline: status</b>";
      for (const [status, text] of data.statusOutlines) {
        html += '<div><span class="kcm-claim kcm-legend-claim kcm-status-' + slug(status) +
          '" style="background:#fff"></span>' + text + "</div>";
      }
      html += '<div><i class="kcm-swatch kcm-swatch-uncertain"></i>how approximate the place is</div></div>';
      div.innerHTML = html;
      const toggle = div.querySelector(".kcm-legend-toggle");
      toggle.addEventListener("click", () => {
        const open = div.classList.toggle("kcm-legend-closed") === false;
        toggle.setAttribute("aria-expanded", String(open));
      });
      return div;
    };
    legend.addTo(map);
    return legend;
  }

  window.KurskMap = {
    init(map, data, groups) {
      const state = { date: null, claim: null, fronts: {}, visible: [], highlight: [], redraws: 0,
                      moveSeq: null, brief: false, position: null, view: {}, analysisKey: "", analysisKinds: [] };
      this.state = state;
      this.map = map;
      for (const credit of data.attribution) map.attributionControl.addAttribution(credit);
      // A front layer's credit shows while the layer is on the map. (Leaflet would do this from the
      // group's `attribution` option, but folium's FeatureGroup does not pass its options to Leaflet.)
      for (const layerId of data.frontOrder) {
        const credit = data.fronts[layerId].attribution;
        groups[layerId].on("add", () => map.attributionControl.addAttribution(credit));
        groups[layerId].on("remove", () => map.attributionControl.removeAttribution(credit));
        if (map.hasLayer(groups[layerId])) map.attributionControl.addAttribution(credit);
      }
      addHatchPatterns(map, { UA: "#0b4f8a", RU: "#7a1f4c", area: "#555555" });
      drawBasemap(map, data, groups);
      const legend = addLegend(map, data);
      L.control.scale({ position: "bottomright" }).addTo(map);
      const dateBox = addDateBox(map);

      const areaOutlines = {};
      for (const [areaId, area] of Object.entries(data.areas)) {
        areaOutlines[areaId] = L.geoJSON(area.geometry, { interactive: false, style: { className: "kcm-uncertainty", color: "#444" } });
      }
      const slots = {};
      const claims = {};
      for (const claim of data.claims) {
        const key = claim.lat + "," + claim.lon;
        slots[key] = (slots[key] || []).concat([claim.id]);
      }
      for (const claim of data.claims) {
        const sharing = slots[claim.lat + "," + claim.lon];
        const slot = sharing.indexOf(claim.id);
        const marker = L.marker([claim.lat, claim.lon], {
          icon: claimIcon(claim, slot, sharing.length, false),
          title: "Claim " + claim.number,
          riseOnHover: true,
        })
          .bindTooltip(claim.tooltip, { direction: "top", className: "kcm-tooltip" })
          .bindPopup(claim.popup, { maxWidth: 360 });
        marker.on("click", () => {
          KurskMap.setView(Object.assign({}, state.view, { claim: claim.id, moveTo: null }), { fly: false });
          postToPage({ select: claim.id });
        });
        const extent = claim.areaId
          ? areaOutlines[claim.areaId]
          : L.circle([claim.lat, claim.lon], { radius: claim.radiusM, interactive: false, className: "kcm-uncertainty", color: claim.colour });
        const base = { level: claim.level, status: claim.status, opacity: claim.opacity, colour: claim.colour,
                       tooltip: claim.tooltip, popup: claim.popup };
        claims[claim.id] = { claim, marker, extent, slot, count: sharing.length, base, look: base };
      }
      this.claims = claims;

      this.setView = (view, options) => {
        const opts = options || {};
        const date = view.date;
        const claimId = view.claim;
        const visibleIds = view.visible;
        state.view = view;
        const wanted = date && ISO_DATE.test(date) ? date : data.dates[data.dates.length - 1];
        const step = latestOnOrBefore(data.dates, wanted) || data.dates[0];
        state.date = wanted;
        for (const [layerId, layer] of Object.entries(data.fronts)) {
          const snapshot = latestOnOrBefore(layer.snapshots, wanted, "date");
          const shown = snapshot ? snapshot.date : null;
          if (state.fronts[layerId] === shown) continue;
          groups[layerId].clearLayers();
          if (snapshot) {
            L.geoJSON(snapshot.geometry, { style: frontStyle(layer) }).bindTooltip(snapshot.tooltip, { sticky: true }).addTo(groups[layerId]);
          }
          state.fronts[layerId] = shown;
          state.redraws += 1;
        }
        const visible = new Set(Array.isArray(visibleIds) ? visibleIds : data.visible[step] || []);
        state.visible = data.claims.filter((claim) => visible.has(claim.id)).map((claim) => claim.id);
        const selected = claimId && CLAIM_ID.test(claimId) && visible.has(claimId) ? claimId : null;
        const looks = view.looks || {};
        for (const entry of Object.values(claims)) {
          const look = looks[entry.claim.id] || entry.base;
          if (entry.look !== look) {
            entry.look = look;
            Object.assign(entry.claim, look);
            entry.marker.setTooltipContent(look.tooltip);
            entry.marker.setPopupContent(look.popup);
          }
        }
        const highlight = new Set(Array.isArray(view.highlight) ? view.highlight : []);
        state.highlight = Array.from(highlight);
        const extentsShown = new Set();
        for (const entry of Object.values(claims)) {
          const show = visible.has(entry.claim.id);
          if (show) entry.marker.addTo(groups.claims); else groups.claims.removeLayer(entry.marker);
          const stressed = entry.claim.id === selected || highlight.has(entry.claim.id);
          entry.marker.setIcon(claimIcon(entry.claim, entry.slot, entry.count, stressed));
          entry.marker.setZIndexOffset(stressed ? 1000 : 0);
          const element = entry.marker.getElement();
          if (element) element.classList.toggle("kcm-dimmed", highlight.size > 0 && !stressed);
          if (show) extentsShown.add(entry.extent);
        }
        const selectedExtent = selected ? claims[selected].extent : null;
        for (const entry of Object.values(claims)) {
          const extent = entry.extent;
          if (!extentsShown.has(extent)) { groups.claims.removeLayer(extent); continue; }
          extent.addTo(groups.claims);
          const emphasis = extent === selectedExtent;
          extent.setStyle({ weight: emphasis ? 3 : 1.2, opacity: emphasis ? 0.9 : 0.45, fillOpacity: emphasis ? 0.1 : 0.03, dashArray: "6 5" });
        }
        if (selected && selected !== state.claim && opts.fly !== false) {
          const entry = claims[selected];
          if (entry.claim.areaId) map.fitBounds(entry.extent.getBounds(), { maxZoom: 10, animate: false });
          else map.setView([entry.claim.lat, entry.claim.lon], Math.max(map.getZoom(), 10), { animate: false });
        }
        state.claim = selected;
        applyAnalysis(view.analysis);
        applyLayers(view.layers);
        applyMove(view.moveTo);
        if (view.brief && !state.brief) enterBriefing();
        renderDateBox();
        map.getContainer().dataset.kcmDate = wanted;
        map.getContainer().dataset.kcmClaim = selected || "";
      };

      // The date box names the "as of" date of each front layer that is on the map.
      const renderDateBox = () => {
        if (!state.date) return;
        const asOf = data.frontOrder.filter((layerId) => map.hasLayer(groups[layerId])).map((layerId) =>
          "<div>" + data.fronts[layerId].label + ": " + (state.fronts[layerId] ? "as of " + dayText(state.fronts[layerId]) : "no data yet") + "</div>").join("");
        dateBox.innerHTML = '<div class="kcm-date">' + dayText(state.date) + '</div><div class="kcm-asof">' + asOf +
          "<div>" + state.visible.length + " claims shown</div></div>";
      };
      map.on("overlayadd overlayremove", renderDateBox);

      const applyLayers = (layers) => {
        if (!Array.isArray(layers)) return;
        for (const [key, group] of Object.entries(groups)) {
          if (layers.includes(key) && !map.hasLayer(group)) map.addLayer(group);
          if (!layers.includes(key) && map.hasLayer(group)) map.removeLayer(group);
        }
      };
      const applyAnalysis = (analysis) => {
        const key = analysis ? JSON.stringify(analysis) : "";
        if (key === state.analysisKey || !groups.analysis) return;
        state.analysisKey = key;
        groups.analysis.clearLayers();
        state.analysisKinds = [];
        if (!analysis) return;
        L.geoJSON(analysis, {
          style: (feature) => ANALYSIS_STYLES[feature.properties.kind] || {},
          onEachFeature: (feature, layer) => layer.bindTooltip(feature.properties.tooltip, { sticky: true }),
        }).addTo(groups.analysis);
        state.analysisKinds = analysis.features.map((feature) => feature.properties.kind);
      };
      const applyMove = (moveTo) => {
        if (!moveTo || moveTo.seq === state.moveSeq) return;
        state.moveSeq = moveTo.seq;
        map.setView([moveTo.lat, moveTo.lon], moveTo.zoom, { animate: false });
      };
      const enterBriefing = () => {
        state.brief = true;
        map.keyboard.disable();
        legend.setPosition("topright");
        if (window.innerHeight < 900) legend.getContainer().classList.add("kcm-legend-closed");
        document.body.classList.add("kcm-briefing");
      };
      let moveTimer = null;
      map.on("moveend", () => {
        clearTimeout(moveTimer);
        moveTimer = setTimeout(() => {
          const centre = map.getCenter();
          state.position = { lat: Number(centre.lat.toFixed(4)), lon: Number(centre.lng.toFixed(4)), zoom: map.getZoom() };
          postToPage({ position: state.position });
        }, 250);
      });
      fillFrame(map);

      window.addEventListener("message", (event) => {
        if (event.origin !== window.location.origin || !event.data || event.data.kcm !== "view") return;
        KurskMap.setView(event.data);
      });
      const fromPage = (window.parent && window.parent.kcmView) || viewFromParentUrl();
      this.setView(fromPage);
      postToPage({ ready: true });
    },
  };
})();
