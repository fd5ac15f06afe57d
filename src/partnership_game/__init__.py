"""A New Partnership?: a turn-based diplomacy game about Moscow and Washington after September 11, 2001."""

__version__ = "0.1.0"
APP_NAME = "partnership-game"
