"""The window's words for games of two sides (the seat choice, hand-over, a side's turn, reveal, odds, branches
and debrief), merged once into the one catalog by ui/strings.py: each key has one text, whatever is imported first."""

from __future__ import annotations

SIDES_TEXT: dict[str, str] = {
    # The seat choice, the hand-over and a side's turn (ui/screens/sides_choice.py, handover.py, sides_turn.py),
    # the reveal (reveal.py) and the debrief of sides (ui/sides_debrief.py).
    "sides.heading": "Who plays which side?",
    "sides.play_as": "Play as {label}",
    "sides.hotseat": "Two players, one screen",
    "sides.temperament": "{label} is played by the computer, in this temperament:",
    "sides.names": "Names (optional), shown on the hand-over screen:",
    "sides.start": "Begin",
    "sides.back": "Back",
    "sides.keys": "Up/Down: choose · Tab: next · Enter: begin",
    "handover.pass": "Pass to {label}",
    "handover.player": "{name}",
    "handover.press": "Press Enter or click when only you can see the screen",
    "sides.deciding": "{label} decides",
    "sides.news": "From the other side",
    "sides.decide": "Decide",
    "reveal.heading": "Both choices, revealed",
    "reveal.continue": "Continue",
    "reveal.result": "Between the two capitals",
    "reveal.changes": "Changes {label} sees",
    "reveal.nothing": "Nothing {label} sees has changed.",
    "reveal.shared": "What both sides see change",
    "reveal.shared_nothing": "Nothing both sides see has changed.",
    "sides.own_only": "What “{title}” also changed, that only you see",
    "outcome.heading": "{label} has decided",
    "debrief.verdict_own": "Your verdict ({label}): {word}",
    "debrief.verdict_other": "The verdict of {label}: {word}",
    "debrief.verdict_side": "The verdict of {label}{name}: {word}",
    "debrief.sides_turns": "The game ran over the {turns} turns{news}.",
    "debrief.sides_turns_early": "The game ran over {played} of the {turns} turns{news}.",
    "debrief.side_tally": "{who} took {decisions} decisions.",
    "debrief.side_diverged": ("{who} took {decisions} decisions and left the historical road at {count} of the "
                              "{total} that history also faced."),
    "sides.menu": "Menu",
    "debrief.counterpart": "What the other side expected",
    "verdict.good": "good",
    "verdict.mixed": "mixed",
    "verdict.bad": "bad",
    # A side's turn (ui/screens/sides_turn.py): its key hints (the seat choice's are "sides.keys").
    "sides_turn.keys": "1–{count} pick · Enter decide · O odds · B branches · Ctrl+Z back · Ctrl+S save · Esc menu · "
                       "F1 help · F5 reload",
    # A side's odds (ui/screens/side_odds.py).
    "side_odds.heading": "What are the odds for {label}?",
    "side_odds.note": ("{futures} simulated futures per option of yours. What {label} does not see starts as it "
                       "stood on the historical road by now; your later decisions and those of every player are "
                       "played {policy}."),
    "side_odds.joint_counterpart": "{other}'s part of this decision is drawn as its counterpart ({temperament}) "
                                   "would imagine it, never from what it chose.",
    "side_odds.joint_person": "{other}'s part of this decision is drawn at random among its options: its choice "
                              "is sealed.",
    "side_odds.later_counterpart": "{other}'s later decisions are played by its counterpart ({temperament}).",
    "side_odds.verdicts": "Your verdict",
    "side_odds.endings": "The world's ending",
    # A side's branches (ui/screens/side_branches.py).
    "side_branches.node_hidden": "{date} · {what}",
    "side_branches.no_compare": "Comparing branches shows every meter, some of which this side does not see: it "
                                "waits for the debrief.",
    "side_branches.no_compare_heading": "Not during play",
    # A step back at a hot seat asks the other side first (ui/screens/consent.py, design §9).
    "consent.asks": "{label} asks to take back its last decision.",
    "consent.yours": "If you allow it, your own decisions taken since then are undone too.",
    "consent.allow": "Allow",
    "consent.refuse": "Refuse",
    "consent.keys": "Y allow · N or Esc refuse · Tab and Enter choose a button",
    "consent.allowed": "{label} allowed the step back.",
    "consent.refused": "{label} did not allow the step back; nothing has changed.",
}
