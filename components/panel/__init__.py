"""The side panel: the date and time controls, filters, charts and one card per claim."""
