"""The analyst's desk: who is signed in, the claim and registry forms, and the review queue."""
