"""The editing workflow: checking an edit, who may do what, drafts to publication, three-way merge."""
