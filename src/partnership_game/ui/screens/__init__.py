"""One screen per module: title, picker, briefing, turn, consequences, debrief, menu, saves, settings, help."""
