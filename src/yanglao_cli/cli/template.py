"""`yanglao template` (being built)."""
