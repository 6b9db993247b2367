"""Terminal output of clause lists (jsonl or a rich table)."""

from __future__ import annotations

import json
import sys
from typing import Sequence

from analyser.types import Clause


def print_clauses(clauses: Sequence[Clause], fmt: str = "jsonl") -> None:
    if fmt == "jsonl":
        out = sys.stdout
        for clause in clauses:
            out.write(json.dumps(clause.to_dict(), ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("id", "p.", "source", "label", "section", "text"):
        table.add_column(col, overflow="fold")
    for c in clauses:
        table.add_row(c.id, str(c.page), c.source, c.label or "", c.section, c.text)
    Console().print(table)
