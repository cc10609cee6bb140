"""Where each claim is drawn, measured from the page, checked against the data.

The browser reports every claim symbol on the map: the screen centre of its element (from
the DOM, not from the map's own bookkeeping), turned back into a map position, and the
screen position of each member's true location. The checks here hold that up to the data.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from playwright.sync_api import Frame
from pyproj import Geod

from geo.model.locations import resolve
from geo.reading.dataset import Dataset

GEOD = Geod(ellps="WGS84")
SCREEN_SLACK_PX = 2.5  # the marker's rounding to whole pixels

MEASURE_JS = """() => {
  const map = KurskMap.map;
  const box = map.getContainer().getBoundingClientRect();
  const cols = KurskMap.data.claims;
  return KurskMap.symbols().map((symbol) => {
    const rect = symbol.marker.getElement().getBoundingClientRect();
    const x = rect.left + rect.width / 2 - box.left;
    const y = rect.top + rect.height / 2 - box.top;
    const at = map.containerPointToLatLng([x, y]);
    const top = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    const frameBox = window.frameElement ? window.frameElement.getBoundingClientRect() : null;
    const over = frameBox && window.parent.document.elementFromPoint(frameBox.left + rect.left + rect.width / 2,
                                                                     frameBox.top + rect.top + rect.height / 2);
    return {
      kind: symbol.kind, ids: symbol.members.map((index) => cols.ids[index]), lat: at.lat, lon: at.lng, x, y,
      ringPx: symbol.ringPx || 0, width: rect.width, height: rect.height,
      onTop: Boolean(top && top.closest(".kcm-symbol")) && (!frameBox || over === window.frameElement),
      members: symbol.members.map((index) => {
        const point = map.latLngToContainerPoint([cols.lat[index], cols.lon[index]]);
        return [point.x, point.y];
      }),
    };
  });
}"""


@dataclass(frozen=True)
class Misplaced:
    claim: str
    problem: str


def drawn_symbols(frame: Frame) -> list[dict]:
    return frame.evaluate(MEASURE_JS)


def misplaced_claims(frame: Frame, data: Dataset) -> list[Misplaced]:
    """Every shown claim that is drawn away from where its data says, or not drawn although on screen."""
    claims = {claim.id: claim for claim in data.claims}
    symbols = drawn_symbols(frame)
    shown = frame.evaluate("KurskMap.state.visible")
    size = frame.evaluate("[KurskMap.map.getSize().x, KurskMap.map.getSize().y]")
    problems: list[Misplaced] = []
    drawn: dict[str, int] = {}
    for symbol in symbols:
        for claim_id in symbol["ids"]:
            drawn[claim_id] = drawn.get(claim_id, 0) + 1
        if not symbol["onTop"] and 0 <= symbol["x"] <= size[0] and 0 <= symbol["y"] <= size[1]:
            problems.append(
                Misplaced(",".join(symbol["ids"]), "its symbol is covered by a control, the date box or a caption")
            )
        for index, claim_id in enumerate(symbol["ids"]):
            place = resolve(claims[claim_id].location, data.places, data.areas)
            if symbol["kind"] == "area":
                if place.area is None or not place.area.contains(shapely.Point(symbol["lon"], symbol["lat"])):
                    problems.append(Misplaced(claim_id, "drawn outside its area"))
            elif symbol["kind"] == "claim":
                _, _, metres = GEOD.inv(place.lon, place.lat, symbol["lon"], symbol["lat"])
                if metres > place.radius_km * 1000:
                    problems.append(
                        Misplaced(claim_id, f"drawn {metres / 1000:.1f} km away, precision {place.radius_km:g} km")
                    )
            else:
                x, y = symbol["members"][index]
                reach = ((x - symbol["x"]) ** 2 + (y - symbol["y"]) ** 2) ** 0.5
                if reach > symbol["ringPx"] + SCREEN_SLACK_PX:
                    problems.append(
                        Misplaced(claim_id, f"outside its group's ring ({reach:.0f} px > {symbol['ringPx']:.0f} px)")
                    )
    for claim_id in shown:
        if drawn.get(claim_id, 0) > 1:
            problems.append(Misplaced(claim_id, f"drawn {drawn[claim_id]} times"))
        if claim_id in drawn:
            continue
        place = resolve(claims[claim_id].location, data.places, data.areas)
        x, y = frame.evaluate(
            f"(() => {{ const p = KurskMap.map.latLngToContainerPoint([{place.lat}, {place.lon}]);"
            " return [p.x, p.y]; })()"
        )
        if place.area is not None or (0 <= x <= size[0] and 0 <= y <= size[1]):
            problems.append(Misplaced(claim_id, "shown but not drawn"))
    return problems
