"""Views of the web face, one module per face."""
