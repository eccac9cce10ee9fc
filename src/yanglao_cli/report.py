"""One report object for every renderer: the Rich table, JSON, the 校验问题 sheet and the Jinja2 report."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding, Severity, counts

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    units: int = 0
    rows_read: int = 0
    rows_written: int = 0
    rows_unreadable: int = 0
    outputs: list[str] | None = None  # files written; consolidate reports the key even when it wrote none
    readable_files: int = 0
    extra: dict[str, object] = field(default_factory=dict)  # command-specific summary keys
    force_exit: int | None = None
    note: str = ""  # said after the text output (how the period was chosen: Loaded.period_note)
    # the findings' order where it is not by file and cell: diff's, unit by unit in the configured order (its
    # findings are all in the old workbook, so by cell they came by last period's rows; audit of diff)
    order: Callable[[Finding], tuple] | None = None

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=self.order or (lambda f: f.sort_key()))

    def summary(self) -> dict[str, object]:
        s: dict[str, object] = {
            "files": self.files,
            "units": self.units,
            "rows_read": self.rows_read,
            "rows_written": self.rows_written,
            "rows_unreadable": self.rows_unreadable,
            **counts(self.findings),
        }
        if self.outputs is not None:
            s["outputs"] = list(self.outputs)
        s.update(self.extra)
        return s

    def account_rows(self, loaded: Any) -> None:
        """rows read = rows written + rows not readable, counted as consolidate counts them: a report that a later
        one of the same form replaces is not consolidated, so its rows are not written (rows_superseded: how many
        of the rows not written are such)."""
        self.rows_unreadable = loaded.rows_unreadable + loaded.rows_superseded
        self.rows_written = loaded.rows_read - self.rows_unreadable
        if loaded.rows_superseded:
            self.extra["rows_superseded"] = loaded.rows_superseded

    @property
    def has_errors(self) -> bool:
        return any(f.severity == Severity.ERROR for f in self.findings)

    def exit_code(self) -> int:
        if self.force_exit is not None:
            return self.force_exit
        if self.files and not self.readable_files:
            return EXIT_USAGE  # nothing readable
        return EXIT_ERRORS if self.has_errors else EXIT_OK

    def to_json(self, **more: object) -> str:
        data: dict[str, object] = dict(more)
        data["findings"] = [f.model_dump(mode="json") for f in self.sorted_findings()]
        data["summary"] = self.summary()
        return json.dumps(data, ensure_ascii=False, indent=2)

    def by_file(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for f in self.sorted_findings():
            out.setdefault(f.file, []).append(f)
        return out
