"""The timeline: a tree of decisions. Stepping back moves a cursor; choosing anew opens a branch; nothing is lost."""

from __future__ import annotations

from dataclasses import dataclass, field

from partnership_game.session.limits import MAX_NODES, DecisionCapReached


@dataclass(frozen=True)
class Expected:
    """What a counterpart expected of its choice, as shares of its futures: per goal id, and per ending id."""

    goals: tuple[tuple[str, float], ...] = ()
    endings: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Node:
    """One decision: which event, which option, and the node it followed (None: the start of the game); `by` who
    took it ("player" or "counterpart:TEMPERAMENT"; a joint decision's sides joined by "+", in the event's order)
    and, for a counterpart, what it expected (kept so a replay never asks the counterpart again)."""

    id: int
    parent: int | None
    event: str
    option: str
    by: str = "player"
    expected: Expected | None = None


@dataclass
class Timeline:
    nodes: list[Node] = field(default_factory=list)
    current: int | None = None  # the last decision taken on the branch in play; None at the start

    def path(self, node: int | None = None) -> list[Node]:
        """The decisions from the start to `node` (default: the current one), oldest first."""
        result: list[Node] = []
        cursor = self.current if node is None else node
        while cursor is not None:
            result.append(self.nodes[cursor])
            cursor = self.nodes[cursor].parent
        result.reverse()
        return result

    def children(self, node: int | None) -> list[Node]:
        return [n for n in self.nodes if n.parent == node]

    @property
    def decisions_left(self) -> int:
        """How many more new decisions a save of this timeline can hold."""
        return max(0, MAX_NODES - len(self.nodes))

    def choose(self, event: str, option: str, by: str = "player", expected: Expected | None = None) -> Node:
        """Follow the branch that made this choice here before, or open a new one (DecisionCapReached when the
        save could not hold it; the timeline is then unchanged)."""
        for child in self.children(self.current):
            if child.event == event and child.option == option:
                self.current = child.id
                return child
        if len(self.nodes) >= MAX_NODES:
            raise DecisionCapReached()
        node = Node(len(self.nodes), self.current, event, option, by, expected)
        self.nodes.append(node)
        self.current = node.id
        return node

    def back(self) -> bool:
        """Step back one decision; False at the start."""
        if self.current is None:
            return False
        self.current = self.nodes[self.current].parent
        return True

    def leaves(self) -> list[Node]:
        """The last decision of every branch."""
        parents = {n.parent for n in self.nodes}
        return [n for n in self.nodes if n.id not in parents]
