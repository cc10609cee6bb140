"""The model: what a claim, a source, a place and a grade are, and how a claim is put in words."""
