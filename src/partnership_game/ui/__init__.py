"""The window game: pygame-ce drawing and pygame_gui widgets over a session; it reads state and submits choices."""
