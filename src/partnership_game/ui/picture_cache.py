"""Pictures kept by key, the least recently used let go once they hold more than a budget of bytes."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

import pygame


def size_of(picture: pygame.Surface) -> int:
    """The bytes a picture's pixels take."""
    return picture.get_width() * picture.get_height() * picture.get_bytesize()


class PictureCache:
    """A least-recently-used cache bounded by bytes, not by count: a screen's labels are small and many, a wrapped
    paragraph at a large text size is big, and a count bound either holds too few labels or too many paragraphs
    (512 kept text pictures held 16 MB after one campaign; one turn screen draws about 20 of them)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._pictures: OrderedDict[Hashable, pygame.Surface] = OrderedDict()
        self._bytes = 0

    def get(self, key: Hashable, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        picture = self._pictures.get(key)
        if picture is not None:
            self._pictures.move_to_end(key)
            return picture
        picture = make()
        self._pictures[key] = picture
        self._bytes += size_of(picture)
        while self._bytes > self.budget and len(self._pictures) > 1:  # the newest stays, however large
            _, old = self._pictures.popitem(last=False)
            self._bytes -= size_of(old)
        return picture

    def clear(self) -> None:
        self._pictures.clear()
        self._bytes = 0

    @property
    def held(self) -> int:
        """The bytes held now."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._pictures)
