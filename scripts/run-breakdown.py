#!/usr/bin/env python3
"""Where one `ctr run --rm` on hcs4j goes, from the lines the shim already logs (at info) into containerd's log.

Usage: run-breakdown.py CONTAINERD_LOG RUNS_FILE
RUNS_FILE has one line per measured run: "<task id> <start ms> <end ms>" (epoch milliseconds, as the benchmark took
them around ctr). Prints, per phase, the median (min-max) in ms over the runs; a phase whose boundary lines are
missing for a run (a log line not printed, a shim not at info) is left out for that run and its count says so.
"""
import re
import statistics
import sys
from datetime import datetime, timezone

# The shim's log line: "2026-12-03T16:37:40.812Z [thread] LEVEL logger - message".
LINE = re.compile(r'^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z \[[^\]]*\] \w+ \S+ - (.*)$')

# Phase boundaries: what the shim or its emulator says when one ends, for task {id} (its utility VM is {id}@vm).
MARKS = [
    ('serving', r'serving \S+ for task {id} '),
    ('guest', r'guest of {id}@vm (started|taken from the pool)'),
    ('vm', r'utility VM {id}@vm started'),
    ('created', r'created task {id} '),
    ('exited', r'task {id} exited with status'),
    ('deleted', r'deleted task {id}$'),
]
PHASES = [
    ('containerd, launcher, shim until listening', 'start', 'serving'),
    ('first request until the guest is launched or taken', 'serving', 'guest'),
    ('guest boot and GCS handshake', 'guest', 'vm'),
    ('rootfs and container create', 'vm', 'created'),
    ('start, run `true`, exit notified', 'created', 'exited'),
    ('teardown (container, VM)', 'exited', 'deleted'),
    ('shutdown, containerd cleanup, ctr exits', 'deleted', 'end'),
    ('whole run --rm', 'start', 'end'),
]


def millis(stamp):
    t = datetime.strptime(stamp, '%Y-%m-%dT%H:%M:%S.%f').replace(tzinfo=timezone.utc)
    return t.timestamp() * 1000


def main(log_path, runs_path):
    lines = []
    with open(log_path, encoding='utf-8', errors='replace') as f:
        for raw in f:
            m = LINE.match(raw.rstrip('\n'))
            if m:
                lines.append((millis(m.group(1)), m.group(2)))
    durations = {name: [] for name, _, _ in PHASES}
    runs = 0
    with open(runs_path, encoding='utf-8') as f:
        for row in f:
            if not row.strip():
                continue
            task, start, end = row.split()
            runs += 1
            at = {'start': float(start), 'end': float(end)}
            for mark, pattern in MARKS:
                p = re.compile(pattern.format(id=re.escape(task)))
                at[mark] = next((t for t, msg in lines if at['start'] - 1000 <= t <= at['end'] + 1000 and p.search(msg)), None)
            for name, a, b in PHASES:
                if at.get(a) is not None and at.get(b) is not None:
                    durations[name].append(at[b] - at[a])
    print(f'breakdown of one run --rm, {runs} runs: median (min-max) ms, from the shim\'s log (ms resolution)')
    for name, _, _ in PHASES:
        d = durations[name]
        if not d:
            print(f'  {name:52} -')
            continue
        note = '' if len(d) == runs else f'  ({len(d)} of {runs} runs)'
        print(f'  {name:52} {statistics.median(d):6.0f} ({min(d):.0f}-{max(d):.0f}){note}')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
