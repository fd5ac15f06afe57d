"""The classroom: class files a teacher writes, and the settings they give the game."""
