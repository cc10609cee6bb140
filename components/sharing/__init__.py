"""Sharing: a link to the current view, and the view taken away as a file."""
