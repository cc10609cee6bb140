"""Publishing: what leaves the app — the public dataset, deep links and export files."""
