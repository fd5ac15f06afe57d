"""The command line's side flags (`--side`, `--temperament`, `--hotseat`): checked, then seated on a session."""

from __future__ import annotations

import argparse

from partnership_game.session import Session
from partnership_game.session.seating import DEFAULT_TEMPERAMENT, hotseat, solo
from partnership_game.session.sides_play import SidesPlay


def check_side_flags(args: argparse.Namespace) -> str | None:
    """Why the side flags cannot go together or with the other flags given (None: they can)."""
    if args.hotseat and args.side is not None:
        return "--hotseat and --side do not go together (a hot seat plays every side)"
    if args.hotseat and args.temperament is not None:
        return "--temperament goes with --side (a hot seat has no counterpart)"
    if args.temperament is not None and args.side is None:
        return "--temperament goes with --side"
    if not args.text or args.choices is not None:
        return "--side and --hotseat go with --text (and not with --choices)"
    if args.load is not None:
        return "--side and --hotseat start a new game; a loaded game keeps its own sides"
    return None


def sides_play(session: Session, args: argparse.Namespace) -> SidesPlay:
    """The session seated as the flags say (a resumed game keeps its own seating); SeatingError (a ValueError)
    names a side or temperament the scenario does not have, and what it has."""
    sides = session.compiled.sides
    if session.seating is not None:
        return SidesPlay(session, session.seating)
    if args.hotseat:
        return SidesPlay(session, hotseat(sides))
    return SidesPlay(session, solo(sides, args.side, args.temperament or DEFAULT_TEMPERAMENT, name=args.player))
