"""Command line interface. Thin: each command parses arguments and calls one function.

Heavy libraries (spaCy, scikit-learn, pdfplumber) are imported inside the commands, so
``analyser --help`` stays fast. Every AnalyserError becomes ``error[CODE]: message`` plus a
hint on stderr and a non-zero exit code; never a traceback.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from analyser.errors import AnalyserError, InternalError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Analyse Dutch prestatieafspraken: clauses, labels, diagnosis, reports, batch and comparison.",
    pretty_exceptions_enable=False,
)


class ClauseFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


class ReportFormat(str, Enum):
    html = "html"
    md = "md"
    json = "json"


class CompareBy(str, Enum):
    gemeente = "gemeente"
    corporatie = "corporatie"
    year = "year"


def _err_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def report_error(err: AnalyserError) -> None:
    console = _err_console()
    console.print(f"[bold red]error[{err.code}][/]: {err.message}", markup=True)
    if err.hint:
        console.print(f"hint: {err.hint}", markup=False)


ModelOption = typer.Option(
    None, "--model", "-m", help="Model folder (default: models/clauses, or $ANALYSER_MODEL)."
)


@app.command()
def clauses(
    file: Path = typer.Argument(..., help="Agreement PDF."),
    format: ClauseFormat = typer.Option(ClauseFormat.jsonl, "--format", "-f", help="jsonl or table."),
) -> None:
    """List every candidate clause of a PDF in reading order (text, page, section, source)."""
    from analyser import pipeline, render_cli

    found = pipeline.extract_clauses(file)
    render_cli.print_clauses(found, format.value)


@app.command()
def classify(
    file: str = typer.Argument("-", help="JSON Lines with a 'text' key per line; '-' for stdin."),
    model: Optional[Path] = ModelOption,
) -> None:
    """Label clauses: kind, theme, SMART, parties, reciprocal, hedged, confidence, evidence."""
    from analyser import classify as classify_mod

    classify_mod.classify_jsonl(file, model_dir=model, out=sys.stdout)


@app.command()
def train(
    corpus: Path = typer.Option(Path("corpus/clauses"), help="Folder of labelled JSONL clauses."),
    out: Path = typer.Option(Path("models/clauses"), help="Model folder to write."),
    seed: int = typer.Option(13, help="Random seed (training is deterministic for a seed)."),
    dev: Optional[Path] = typer.Option(
        None, help="Labelled evaluation file reported in the model card (never trained on)."
    ),
    heldout: Path = typer.Option(
        Path("corpus/heldout/validation.jsonl"),
        help="Held-out labelled clauses reported in the model card (never trained on; skipped if absent).",
    ),
) -> None:
    """Train the clause models from the corpus and write them with meta.json and a model card."""
    from analyser import train as train_mod

    train_mod.train_model(corpus, out, seed=seed, dev_file=dev, heldout_file=heldout if heldout.exists() else None)


@app.command()
def evaluate(
    file: Path = typer.Argument(..., help="Labelled JSONL file (labelling-guide fields)."),
    model: Optional[Path] = ModelOption,
    json_out: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Print per-field precision, recall, F1 and the kind confusion matrix for a labelled file."""
    from analyser import evaluate as evaluate_mod

    evaluate_mod.evaluate_cli(file, model_dir=model, as_json=json_out)


@app.command()
def review(
    file: Path = typer.Argument(..., help="Agreement PDF."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Report path."),
    format: ReportFormat = typer.Option(ReportFormat.html, "--format", "-f", help="html, md or json."),
    model: Optional[Path] = ModelOption,
) -> None:
    """Diagnose one agreement like the Aw would and write a review report with suggestions."""
    from analyser import pipeline, report

    analysis = pipeline.analyse(file, model_dir=model)
    path = report.write_report(analysis, output, format.value)
    report.print_summary(analysis, path)


@app.command()
def batch(
    folder: Path = typer.Argument(..., help="Folder searched recursively for PDFs."),
    out: Path = typer.Option(Path("results"), "--out", "-o", help="Output folder."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0 = number of cores)."),
    timeout: float = typer.Option(600.0, help="Seconds allowed per document."),
    max_memory: int = typer.Option(4096, "--max-memory", help="MiB allowed per worker."),
    model: Optional[Path] = ModelOption,
) -> None:
    """Analyse a folder of PDFs into results.sqlite, CSV tables and HTML reports (resumable)."""
    from analyser import batch as batch_mod

    code = batch_mod.run_batch(
        folder, out, jobs=jobs, timeout=timeout, max_memory_mb=max_memory, model_dir=model
    )
    raise typer.Exit(code)


@app.command()
def compare(
    results: Path = typer.Argument(..., help="Batch output folder or its results.sqlite."),
    by: CompareBy = typer.Option(CompareBy.gemeente, "--by", help="gemeente, corporatie or year."),
    output: Path = typer.Option(Path("compare.html"), "-o", "--output", help="HTML file to write."),
    csv: Optional[Path] = typer.Option(None, "--csv", help="Also write the figures as CSV."),
) -> None:
    """Compare documents side by side: SMART, effect, hedged shares, parties bound, themes, trends."""
    from analyser import compare as compare_mod

    compare_mod.run_compare(results, by=by.value, output=output, csv_path=csv)


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the typer app and turns AnalyserErrors into coded messages."""
    try:
        # standalone_mode=False hands back the code of typer.Exit instead of exiting with it
        rc = app(args=argv, standalone_mode=False)
    except AnalyserError as err:
        report_error(err)
        sys.exit(err.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err_console().print("interrupted", markup=False)
        sys.exit(130)
    except Exception as exc:  # usage errors (click, or typer's vendored click) and the unexpected
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        if type(exc).__name__ == "Abort":
            sys.exit(130)
        report_error(InternalError(f"{type(exc).__name__}: {exc}"))
        sys.exit(70)
    if isinstance(rc, int) and rc:
        sys.exit(rc)


if __name__ == "__main__":  # pragma: no cover
    main()
