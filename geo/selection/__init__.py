"""Selection: which claims a viewer asked to see — filters and search."""
