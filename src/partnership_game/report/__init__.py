"""Reports for teachers: one game as a printable dossier, a whole class's results; self-contained HTML and CSV."""

from partnership_game.report.class_report import ClassReport, build_class_report, class_report_html
from partnership_game.report.single import report_csv, report_html, write_report

__all__ = ["ClassReport", "build_class_report", "class_report_html", "report_csv", "report_html", "write_report"]
