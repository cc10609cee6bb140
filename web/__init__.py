"""The HTTP layer beside the page: the read-only feed (GeoJSON and OGC API – Features) and the guard in front
of the app. It speaks HTTP (starlette) and reads what geo/ builds; geo/ never imports it."""
