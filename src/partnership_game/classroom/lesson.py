"""A class file as it applies to one scenario: the turns the lesson runs over, its questions, the lesson in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from partnership_game.classroom.classfile import ClassFile, LoadedClass, Question, is_date
from partnership_game.scenario import LoadedScenario
from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError, did_you_mean
from partnership_game.scenario.sides import Sides

_HIDDEN_WORDS = {"previews": "previews", "odds": "odds", "historical_marks": "history's choices",
                 "ghost": "the historical line"}
_ROLLBACK_WORDS = {"allowed": "stepping back allowed (a new choice opens a branch)",
                   "look_only": "look-only (earlier turns can be viewed, not changed)", "off": "no stepping back"}


@dataclass(frozen=True)
class Lesson:
    """The class's rules over one scenario: students decide from `start_turn` to `end_turn` (indices, inclusive)."""

    loaded: LoadedClass
    scenario: LoadedScenario
    start_turn: int
    end_turn: int
    question_turns: tuple[int | None, ...]  # for each of the class's questions, the turn it belongs to

    @property
    def model(self) -> ClassFile:
        return self.loaded.model

    @property
    def seats(self) -> dict[str, str] | None:
        """Who sits where, by role id: "player" or "counterpart" (None: the student picks a side)."""
        return dict(self.model.sides) if self.model.sides is not None else None

    def temperament_for(self, role_id: str) -> str | None:
        """The temperament the class fixes for a counterpart on this side (None: the game's choice)."""
        chosen = self.model.temperament
        return chosen.get(role_id) if isinstance(chosen, dict) else chosen

    @property
    def other_side(self) -> bool:
        """Whether each side also sees the meters and flags the other side sees (`show: {other_side: true}`)."""
        return self.model.show.other_side

    @property
    def ends_early(self) -> bool:
        """Whether the lesson stops before the campaign's last turn (the game then ends with the lesson)."""
        return self.end_turn < len(self.scenario.model.turns) - 1

    def questions(self, reached_turn: int) -> list[str]:
        """The debrief's questions: the class's own (those tied to a turn only when the game reached it), else the
        scenario's."""
        asked = self.loaded.model.questions
        if not asked:
            return list(self.scenario.model.questions)
        return [q.text if isinstance(q, Question) else q
                for q, turn in zip(asked, self.question_turns, strict=True) if turn is None or turn <= reached_turn]

    def turn_words(self, index: int) -> str:
        turn = self.scenario.model.turns[index]
        return f"{turn.date_label or turn.date} ({turn.title})"

    def describe(self) -> str:
        """The lesson in one paragraph, for `check-class` and the teacher: scenario, span, rules, time box."""
        model = self.loaded.model
        scenario = self.scenario.model
        span = self.end_turn - self.start_turn + 1
        parts = [f"'{model.title}': scenario {scenario.id} ('{scenario.title}'), seed {model.seed}",
                 f"students decide from {self.turn_words(self.start_turn)} to {self.turn_words(self.end_turn)}, "
                 f"{span} turn{'s' if span != 1 else ''} of {len(scenario.turns)}"
                 + (f"; the {self.start_turn} before follow history" if self.start_turn else "")
                 + ("; the game ends there" if self.ends_early else "; to the campaign's end"),
                 _ROLLBACK_WORDS[model.rollback]]
        seating = self._seating_words()
        if seating:
            parts.append(seating)
        hidden = [word for key, word in _HIDDEN_WORDS.items() if not getattr(model.show, key)]
        parts.append(f"hidden until the debrief: {', '.join(hidden)}" if hidden else "nothing hidden")
        if model.time_box_minutes is not None:
            then = "hands in by itself" if model.at_zero == "hand_in" else "asks to hand in"
            parts.append(f"time box {model.time_box_minutes} min (warns at 5 min left; at zero it {then})")
        else:
            parts.append("no time box")
        folder = self.loaded.hand_in_folder()
        parts.append(f"hand-ins go to {folder}" if folder is not None else "students pick where to hand in")
        asked = len(model.questions)
        parts.append(f"{asked} question{'s' if asked != 1 else ''} of the class's own" if asked
                     else "the scenario's own questions")
        return "; ".join(parts) + "."


    def _seating_words(self) -> str:
        """Who plays each side, for `describe` ("" when the class leaves it to the student and shows no more)."""
        roles = [role.id for role in self.scenario.compiled.sides.roles]
        seats = self.seats
        words = []
        for role_id in roles:
            temperament = self.temperament_for(role_id)
            seat = seats.get(role_id) if seats is not None else None
            if seat == "player":
                words.append(f"{role_id} a student")
            elif seat == "counterpart" or temperament is not None:
                who = "a counterpart" if seat == "counterpart" else "if a counterpart plays it, one"
                words.append(f"{role_id} {who}" + (f" ({temperament})" if temperament else ""))
        if seats is not None and list(seats.values()).count("player") > 1:
            words.append("hot seat on one machine")
        if len(roles) > 1 and self.other_side:
            words.append("each side also sees the other side's meters")
        return "sides: " + ", ".join(words) if words else ""


def _campaign(scenario: LoadedScenario) -> str:
    turns = scenario.model.turns
    return f"the campaign runs from {turns[0].date} ({turns[0].id}) to {turns[-1].date} ({turns[-1].id})"


def _turn_of(point: str, scenario: LoadedScenario, last_on_or_before: bool) -> int | str:
    """The index of the turn a date or turn id names, or why there is none."""
    turns = scenario.model.turns
    if not is_date(point):
        ids = [t.id for t in turns]
        if point in ids:
            return ids.index(point)
        return f"no turn '{point}' in {scenario.model.id}{did_you_mean(point, ids)}; turns: {', '.join(ids)}"
    if point < turns[0].date or point > turns[-1].date:
        return f"{point} is outside the campaign: {_campaign(scenario)}"
    if last_on_or_before:
        return max(k for k, t in enumerate(turns) if t.date <= point)
    return min(k for k, t in enumerate(turns) if t.date >= point)


def lesson_for(loaded: LoadedClass, scenario: LoadedScenario) -> Lesson:
    """Fit a class file to its scenario; ScenarioError with `path:line:col` for a start or end outside the campaign,
    an end before the start, a question tied to no turn, or a hand-in by itself without a folder or a clock."""
    model = loaded.model
    label = str(loaded.path)
    problems: list[Diagnostic] = []

    def problem(key: tuple[str | int, ...], message: str) -> None:
        line, col = loaded.where(*key)
        problems.append(Diagnostic(line, col, message, path=label))

    last = len(scenario.model.turns) - 1
    start, end = 0, last
    if model.start is not None:
        found = _turn_of(model.start, scenario, last_on_or_before=False)
        if isinstance(found, str):
            problem(("start",), f"start: {found}")
        else:
            start = found
    if model.end is not None:
        found = _turn_of(model.end, scenario, last_on_or_before=True)
        if isinstance(found, str):
            problem(("end",), f"end: {found}")
        elif found < start:
            problem(("end",), f"end: the lesson would end at {scenario.model.turns[found].id} "
                              f"({scenario.model.turns[found].date}), before it starts at "
                              f"{scenario.model.turns[start].id} ({scenario.model.turns[start].date})")
        else:
            end = found
    question_turns: list[int | None] = []
    for k, question in enumerate(model.questions):
        if isinstance(question, Question) and question.turn is not None:
            tied = _turn_of(question.turn, scenario, last_on_or_before=True)
            if isinstance(tied, str):
                problem(("questions", k, "turn"), f"question {k + 1}: {tied}")
            question_turns.append(tied if isinstance(tied, int) else None)
        else:
            question_turns.append(None)
    _check_sides(model, scenario, problem)
    if model.at_zero == "hand_in":
        if model.hand_in_folder is None:
            problem(("at_zero",), "at_zero: hand_in needs a hand_in_folder to hand in to")
        if model.time_box_minutes is None:
            problem(("at_zero",), "at_zero: hand_in needs a time_box_minutes to count down")
    if problems:
        raise ScenarioError(sorted(problems, key=lambda d: (d.line, d.col)))
    return Lesson(loaded, scenario, start, end, tuple(question_turns))


def _check_sides(model: ClassFile, scenario: LoadedScenario,
                 problem: Callable[[tuple[str | int, ...], str], None]) -> None:
    """`sides` names every role of the scenario and no other, with at least one player; each `temperament` is one
    of its side's (built in or declared), and is given only for a side a counterpart may play."""
    sides = scenario.compiled.sides
    roles = [role.id for role in sides.roles]
    listing = f"{scenario.model.id} has {len(roles)} side{'s' if len(roles) != 1 else ''}: {', '.join(roles)}"
    if model.sides is not None:
        for role_id in model.sides:
            if role_id not in roles:
                problem(("sides", role_id), f"sides: no side '{role_id}'{did_you_mean(role_id, roles)}; {listing}")
        missing = [r for r in roles if r not in model.sides]
        if missing:
            problem(("sides",), f"sides: say who plays {', '.join(missing)} (player or counterpart); {listing}")
        elif "player" not in model.sides.values():
            problem(("sides",), "sides: at least one side is played by a student")
    by_role = model.temperament if isinstance(model.temperament, dict) else {}
    for role_id, temperament_id in by_role.items():
        if role_id not in roles:
            problem(("temperament", role_id),
                    f"temperament: no side '{role_id}'{did_you_mean(role_id, roles)}; {listing}")
        elif model.sides is not None and model.sides.get(role_id) == "player":
            problem(("temperament", role_id), f"temperament: {role_id} is played by a student in this class; a "
                                              "temperament is for a side a counterpart plays")
        else:
            _check_temperament(sides, role_id, temperament_id, ("temperament", role_id), problem)
    if isinstance(model.temperament, str):
        seats = model.sides or {}
        for role_id in [r for r in roles if seats.get(r, "counterpart") == "counterpart"]:
            _check_temperament(sides, role_id, model.temperament, ("temperament",), problem,
                               hint=" (or give one per side: temperament: {side: NAME})" if len(roles) > 1 else "")


def _check_temperament(sides: Sides, role_id: str, temperament_id: str, key: tuple[str | int, ...],
                       problem: Callable[[tuple[str | int, ...], str], None], hint: str = "") -> None:
    known = [t.id for t in sides.temperaments_of(sides.role_index(role_id))]
    if temperament_id not in known:
        problem(key, f"temperament: {role_id} has no temperament '{temperament_id}'"
                     f"{did_you_mean(temperament_id, known)}; its temperaments: {', '.join(known)}{hint}")


def resolve_class(loaded: LoadedClass) -> Lesson:
    """The class file's scenario, found and loaded, and the lesson on it; a scenario id that names no scenario is
    reported at the class file's `scenario:` line."""
    from partnership_game import paths
    from partnership_game.scenario.discovery import resolve

    reference = loaded.scenario_reference()
    try:
        scenario = resolve(reference, paths.builtin_scenarios_dir(), paths.mods_dir())
    except ScenarioError as exc:
        line, col = loaded.where("scenario")
        moved = [Diagnostic(line, col, f"scenario: {d.message}", path=str(loaded.path)) if d.path == reference
                 else d for d in exc.diagnostics]
        raise ScenarioError(moved) from None
    return lesson_for(loaded, scenario)
