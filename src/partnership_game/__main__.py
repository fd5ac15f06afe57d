"""Lets `python -m partnership_game` run the command line."""

from partnership_game.cli import main

raise SystemExit(main())
