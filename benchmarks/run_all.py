"""Run every benchmark and merge its figures into benchmarks/results.json.

Run: ``.venv/bin/python -m benchmarks.run_all [--only NAME ...] [--quick]`` (or ``scripts/bench``).
Each benchmark module exposes ``async def measure(...) -> dict``; they run one after another in
this process (never two at once: they would measure each other). A module that is missing or
fails leaves its required keys null, with the error recorded, and the others still run.
``--quick`` takes smaller sizes, as a smoke check, and writes benchmarks/results-quick.json so
that the real figures are not overwritten. The machine is shared: compare figures as ratios
within one run, and read them next to the recorded load average.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import json
import os
import platform
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# name -> (module, the keys results.json must have); in the order they run, heaviest last.
BENCHMARKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ballot": (
        "benchmarks.ballot_bench",
        ("ballot_ratio_ptb", "ballot_ratio_aiogram", "ballot_p99_ms_ptb", "ballot_p99_ms_aiogram"),
    ),
    "rush": ("benchmarks.rush_bench", ("rush_ballots_lost", "rush_ballots_doubled")),
    "broadcast": (
        "benchmarks.broadcast_bench",
        ("broadcast_fraction_of_limit", "broadcast_429_unhandled", "broadcast_duplicates"),
    ),
    "protocol": ("benchmarks.protocol_bench", ("protocol_export_seconds",)),
    "tally": ("benchmarks.tally_bench", ("tally_1m_seconds", "tally_1m_baseline_seconds")),
    "memory": (
        "benchmarks.memory_bench",
        ("rss_mb_100k_voters", "rss_mb_idle", "rss_mb_0_voters"),
    ),
}

# The sizes where a module's own default is smaller (the rush alone runs 600 by hand).
FULL_OPTIONS: dict[str, dict[str, Any]] = {"rush": {"voters": 2000}}
# Smaller sizes for --quick, for the modules whose measure() has no `quick` of its own.
QUICK_OPTIONS: dict[str, dict[str, Any]] = {
    "ballot": {"ratio_ballots": 40, "latency_ballots": 60},
    "rush": {"voters": 100},
}


def machine() -> dict[str, Any]:
    memory = "unknown"
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    return {
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


async def run_one(name: str, quick: bool) -> dict[str, Any]:
    """Import the module only now, so that one missing module does not stop the others."""
    module_name, required = BENCHMARKS[name]
    began, load = time.perf_counter(), load_average()
    figures: dict[str, Any] = dict.fromkeys(required)
    error = None
    try:
        measure = importlib.import_module(module_name).measure
        if "quick" in inspect.signature(measure).parameters:
            options = {"quick": quick}
        else:
            options = (QUICK_OPTIONS if quick else FULL_OPTIONS).get(name, {})
        figures.update(await measure(**options))
    except Exception as failure:  # recorded with the figures; the next benchmark still runs
        error = f"{type(failure).__name__}: {failure}"
        traceback.print_exc()
    run = {
        "load_average_before": load,
        "load_average_after": load_average(),
        "wall_seconds": round(time.perf_counter() - began, 1),
        "error": error,
    }
    return {"figures": figures, "run": run}


def merge(path: Path, name: str, outcome: dict[str, Any], quick: bool) -> dict[str, Any]:
    """Add one benchmark's figures to the file, keeping the figures of those not run now."""
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    results.update(outcome["figures"])
    results["machine"] = machine()
    results["date"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["load_average"] = outcome["run"]["load_average_before"]
    results["quick"] = quick
    results.setdefault("runs", {})[name] = {**outcome["run"], "date": results["date"]}
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


async def run(names: list[str], quick: bool, path: Path) -> None:
    for name in names:
        print(f"== {name} (load average {' '.join(map(str, load_average()))})", flush=True)
        outcome = await run_one(name, quick)
        merge(path, name, outcome, quick)
        for key, value in outcome["figures"].items():
            print(f"   {key} = {value}")
        if outcome["run"]["error"]:
            print(f"   error: {outcome['run']['error']}")
    print(f"figures merged into {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(BENCHMARKS),
        help="run only this benchmark (repeat for several)",
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, a smoke check")
    parser.add_argument("--output", type=Path, default=None, help="the results file")
    arguments = parser.parse_args()
    names = [name for name in BENCHMARKS if name in (arguments.only or BENCHMARKS)]
    default = HERE / ("results-quick.json" if arguments.quick else "results.json")
    asyncio.run(run(names, arguments.quick, arguments.output or default))


if __name__ == "__main__":
    main()
