"""The README's Quickstart stays true: two set-up commands, the files and commands they name
exist, .ci/run runs the same test command, and every command the README shows has help."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CLI = [sys.executable, "-m", "analyser.cli"]


def quickstart_commands() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S)]


def test_quickstart_has_exactly_two_one_line_commands():
    cmds = quickstart_commands()
    assert len(cmds) == 2, cmds
    assert all("\n" not in c for c in cmds)
    main, tests = cmds
    assert main.startswith("pip install") and "analyser " in main
    assert tests.startswith("pip install") and "pytest" in tests


def test_quickstart_main_command_names_a_bundled_sample_and_a_real_command():
    main = quickstart_commands()[0]
    words = shlex.split(main.split("&&", 1)[1])
    assert words[0] == "analyser"
    res = subprocess.run(CLI + [words[1], "--help"], capture_output=True, text=True, cwd=REPO)
    assert res.returncode == 0, res.stderr
    pdfs = [w for w in words if w.endswith(".pdf")]
    assert pdfs and all((REPO / p).is_file() for p in pdfs)


def test_ci_runs_the_readme_test_command():
    tests = quickstart_commands()[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci


def test_every_command_in_the_readme_exists_and_has_help():
    shown = set(re.findall(r"`analyser (\w+)", README))
    assert {"clauses", "classify", "review", "batch", "compare", "train", "evaluate"} <= shown
    for cmd in sorted(shown):
        res = subprocess.run(CLI + [cmd, "--help"], capture_output=True, text=True, cwd=REPO)
        assert res.returncode == 0, (cmd, res.stderr)
        assert "Usage" in res.stdout and len(res.stdout) > 200, cmd


def test_error_codes_in_the_readme_match_the_catalogue():
    from analyser import errors

    codes = {cls.code for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.AnalyserError)}
    documented = set(re.findall(r"\bE\d{3}\b", README))
    assert codes - {"E000", "E999"} <= documented
