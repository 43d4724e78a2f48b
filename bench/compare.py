"""This checkout's server against an older one's, in one run: each checkout's own
classroom benchmark (bench/classroom.py, speaking its own player's protocol) against its
own server, one after the other, and the figures side by side.

    git worktree add /tmp/tinynet-old <older commit>
    python -m bench.compare --old /tmp/tinynet-old [--students 30 --seconds 60 --overload 60]

Prints server CPU a rerun and the p95 of every interaction with 1, 30 and 60 students,
for each checkout, and the ratios the targets are about: new CPU a rerun / old, and each
checkout's p95 with a class / its p95 alone. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHASE = re.compile(r"^\s*(\d+) student\(s\): (\d+) reruns in [\d.]+ s .*?errors (\d+).*?"
                   r"server CPU ([\d.]+) s = (\d+)% of one core, (\d+) ms a rerun.*?"
                   r"machine load average ([\d.]+)", re.M)
CELL = re.compile(r"(\d+) / +(\d+) / +(\d+) \( *(\d+)\)")


def run(checkout: Path, options) -> str:
    """That checkout's benchmark, with its own code on the path; its printed report."""
    command = [sys.executable, "-m", "bench.classroom", "--no-browser", "--students", str(options.students),
               "--seconds", str(options.seconds), "--overload", str(options.overload)]
    env = dict(os.environ, PYTHONPATH=str(checkout))
    print(f"running {' '.join(command[1:])} in {checkout} ...", flush=True)
    result = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise SystemExit(f"the benchmark failed in {checkout}:\n{result.stdout[-3000:]}\n"
                         f"{result.stderr[-3000:]}")
    return result.stdout


def figures(report: str) -> dict:
    """Per phase (by number of students): reruns, errors, CPU ms a rerun, load; and the
    'all interactions' row's median / p95 / max."""
    phases = [{"students": int(m[0]), "reruns": int(m[1]), "errors": int(m[2]), "cpu_ms": int(m[5]),
               "load": float(m[6])} for m in PHASE.findall(report)]
    row = next(line for line in report.splitlines() if line.startswith("all interactions"))
    for phase, cell in zip(phases, CELL.findall(row)):
        phase.update(median=int(cell[0]), p95=int(cell[1]), max=int(cell[2]))
    return {p["students"]: p for p in phases}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="an older checkout (a git worktree)")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--overload", type=int, default=60)
    options = parser.parse_args()
    reports = {"old": run(options.old.resolve(), options), "new": run(ROOT, options)}
    found = {name: figures(text) for name, text in reports.items()}
    print(f"\n{'':<10}{'CPU a rerun':>14}" + "".join(f"{f'p95, {n} student(s)':>22}" for n in found["new"]))
    for name, phases in found.items():
        print(f"{name:<10}{phases[options.students]['cpu_ms']:>11} ms" + "".join(
            f"{p['p95']:>8} ms ({p['p95'] / phases[1]['p95']:.1f}x alone)" for p in phases.values()))
    old, new = found["old"][options.students], found["new"][options.students]
    ratio = new["cpu_ms"] / old["cpu_ms"]
    print(f"\nserver CPU a rerun with {options.students} students: new / old = {ratio:.2f} (target <= 0.33)")
    for name, phases in found.items():
        errors = sum(p["errors"] for p in phases.values())
        loads = ", ".join(f"{p['load']:.1f}" for p in phases.values())
        print(f"{name}: errors {errors}; machine load average during the phases {loads}")
    print("\n---- the new checkout's whole report ----\n" + reports["new"])


if __name__ == "__main__":
    main()
