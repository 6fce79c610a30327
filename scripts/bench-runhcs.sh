#!/usr/bin/env bash
# Latency of runhcs commands on the HCS emulator, each command a new JVM: median and max over N calls of
# `run` (example bundle), `create`+`start`, `exec true`, `state`, `delete`. Usage: scripts/bench-runhcs.sh [N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runhcs="$repo/scripts/runhcs"
n="${1:-10}"
work="$(mktemp -d /tmp/hcs4j-bench.XXXXXX)"
export HCS4J_ROOT="$work/root" HCS4J_BACKEND=emulator
trap 'for d in "$HCS4J_ROOT"/*/; do [ -d "$d" ] && "$runhcs" delete -f "$(basename "$d")" >/dev/null 2>&1; done; rm -rf "$work"' EXIT

"$runhcs" --version >/dev/null            # builds if needed
mkdir -p "$work/long" && cp -r "$repo/examples/hello/." "$work/long/"
python3 - "$work/long/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); c["process"]["args"] = ["sleep", "600"]; json.dump(c, open(sys.argv[1], "w"))
PY

ms() { local s; s=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - s) / 1000000 )); }
report() {   # name, then the figures
  local name="$1"; shift
  printf '%s\n' "$@" | sort -n | awk -v name="$name" '{ v[NR] = $1 } END {
    printf "  %-14s n=%-3d median %5d ms  max %5d ms\n", name, NR, v[int((NR + 1) / 2)], v[NR] }'
}

run=(); create=(); start=(); exec_=(); state=(); delete=()
for i in $(seq "$n"); do
  run+=("$(ms "$runhcs" run -b "$repo/examples/hello" "bench-run-$i")")
  create+=("$(ms "$runhcs" create -b "$work/long" "bench-$i")")
  start+=("$(ms "$runhcs" start "bench-$i")")
  exec_+=("$(ms "$runhcs" exec "bench-$i" true)")
  state+=("$(ms "$runhcs" state "bench-$i")")
  delete+=("$(ms "$runhcs" delete -f "bench-$i")")
done
echo "runhcs on the emulator ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(java -version 2>&1 | head -1))"
report "run (hello)" "${run[@]}"
report "create" "${create[@]}"
report "start" "${start[@]}"
report "exec true" "${exec_[@]}"
report "state" "${state[@]}"
report "delete -f" "${delete[@]}"
