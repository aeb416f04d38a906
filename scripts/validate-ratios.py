#!/usr/bin/env python3
"""Runs `cargo bench --bench validate` several times and prints, for each run, the
ratios of medians that docs/benchmarks.md reports, then their median over the runs.

Each ratio compares two figures of the same run, as the targets are stated; repeating
the run shows how far this machine's noise moves them.

Usage: scripts/validate-ratios.py [RUNS]   (default 3; CARGO_TARGET_DIR is honoured)
"""

import argparse
import re
import statistics
import subprocess
import sys

UNITS = {"ps": 1e-3, "ns": 1.0, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}

# (label, numerator, denominator, target or None); names are divan's "group/bench".
RATIOS = [
    ("valid: mutaspec / garde", "valid/mutaspec", "valid/garde", 0.5),
    ("valid: mutaspec / hand_inlined", "valid/mutaspec", "valid/hand_inlined", None),
    ("valid: mutaspec / mutaspec_is_valid", "valid/mutaspec", "valid/mutaspec_is_valid", None),
    ("valid: mutaspec / validator", "valid/mutaspec", "valid/validator", None),
    ("valid_relinked: mutaspec / garde", "valid_relinked/mutaspec", "valid_relinked/garde", None),
    ("invalid: mutaspec / garde", "invalid/mutaspec", "invalid/garde", None),
    ("deserialize_validate / deserialize", "deserialize_validate/mutaspec", "deserialize/mutaspec", 1.15),
]

# A tree row: the indent (spaces and "│"), the name, then for a benchmark the fastest,
# slowest, median and mean times; a group's row has no times.
ROW = re.compile(r"^(?P<indent>[\s│]*)[├╰]─ (?P<name>\S+)(?P<rest>.*)$")
TIME = re.compile(r"([\d.]+) (ps|ns|µs|us|ms|s)\b")


def medians(output):
    """Median time in ns of every benchmark row, keyed by "group/bench"."""
    found, group = {}, None
    for line in output.splitlines():
        m = ROW.match(line)
        if not m:
            continue
        if not m.group("indent"):
            group = m.group("name")
            continue
        times = TIME.findall(m.group("rest"))
        if len(times) >= 3:
            value, unit = times[2]
            found[f"{group}/{m.group('name')}"] = float(value) * UNITS[unit]
    return found


def main():
    parser = argparse.ArgumentParser(
        description="Run `cargo bench --bench validate` RUNS times and print the ratios "
        "of medians of each run, then their median over the runs."
    )
    parser.add_argument("runs", nargs="?", type=int, default=3, help="how many runs (default 3)")
    runs = parser.parse_args().runs
    if runs < 1:
        parser.error("RUNS must be at least 1")
    table = []
    for i in range(runs):
        done = subprocess.run(
            ["cargo", "bench", "--bench", "validate"], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            sys.exit(f"run {i + 1}: cargo bench failed with exit code {done.returncode}")
        times = medians(done.stdout)
        row = []
        for label, num, den, _ in RATIOS:
            if num not in times or den not in times:
                sys.exit(f"run {i + 1}: no median for {num} or {den} in the bench output")
            row.append(times[num] / times[den])
        table.append(row)
        # The absolute times show how loaded the machine was during the run.
        print(
            f"run {i + 1}: " + ", ".join(f"{r:.3f}" for r in row)
            + f"  (valid: mutaspec {times['valid/mutaspec']:.2f} ns, garde {times['valid/garde']:.2f} ns)",
            flush=True,
        )
    print()
    print(f"{'ratio':40} {'target':>7} " + " ".join(f"{'run ' + str(i + 1):>6}" for i in range(runs)) + "  median")
    for j, (label, _, _, target) in enumerate(RATIOS):
        values = [row[j] for row in table]
        cells = " ".join(f"{v:6.3f}" for v in values)
        goal = f"<= {target}" if target else ""
        print(f"{label:40} {goal:>7} {cells}  {statistics.median(values):6.3f}")


if __name__ == "__main__":
    main()
