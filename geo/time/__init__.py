"""Time: which fronts and claims belong to a date, and how the fronts changed between snapshots."""
