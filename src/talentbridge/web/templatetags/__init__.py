"""Template tags of the web face."""
