"""Pure drawing widgets: they take plain data and a Rect, draw on a Surface, and know nothing of the session."""
