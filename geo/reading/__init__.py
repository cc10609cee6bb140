"""Reading and validating bundles: strict files in, a checked Dataset out, every problem named."""
