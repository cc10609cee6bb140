"""The interface in English, Ukrainian and Russian.

Every sentence a person reads goes through a `Words` (geo.language.words): `words.gettext("…")` and
`words.ngettext(…, n)` find its translation in the language's gettext catalogue
(catalogues/<lang>/LC_MESSAGES/messages.po, kept with `python -m geo.language update`), and `words.date` /
`words.number` write dates and numbers the language's way (Babel's CLDR data). Claims keep the words they were
made in; only the interface around them is translated.
"""
