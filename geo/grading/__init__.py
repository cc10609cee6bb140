"""Grading: how sure we are of each claim — the rule, whose information it is, figures and duplicates."""
