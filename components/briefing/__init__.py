"""Briefing: a story shown step by step on a full-screen map for a room."""
