"""Services: plain functions taking a Session first; they flush, never commit, and fire hooks."""
