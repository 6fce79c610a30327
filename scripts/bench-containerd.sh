#!/usr/bin/env bash
# Benchmark: containerd-shim-runhcs-v1 side by side with io.containerd.runc.v2 on one private containerd.
# Prints the median of `ctr run --rm IMG id true`, the median of `ctr task exec ... true`, the idle shim RSS
# (after the exec runs), and runhcs/runc ratios. runhcs runs Linux tasks on the LCOW path (an emulated
# utility VM per task: the VM's guest agent is a separate process, reported apart).
#   BENCH_RUNS (default 15) runs per figure.
set -euo pipefail
source "$(dirname "$0")/lib-containerd.sh"
RUNS=${BENCH_RUNS:-15}

trap cleanup_containerd EXIT
trap 'exit 130' INT TERM
ensure_packages
ensure_shim_jar
start_containerd
build_image

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) {print "nan"} else if (NR % 2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# PSS: the shim's share of its pages, shared ones (the JVM, its class-data archive) divided among their users.
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

# bench NAME RUNTIME: sets RUN_MS, EXEC_MS, RSS_MB, PSS_MB, VM_MB
bench() {
  local name=$1 runtime=$2 i t0
  ctr_ run --rm --runtime "$runtime" "$IMAGE" "warm-$name" true >/dev/null   # first run pays the page cache
  local runs=()
  for i in $(seq 1 "$RUNS"); do
    t0=$(now_ms)
    ctr_ run --rm --runtime "$runtime" "$IMAGE" "run-$name-$i" true >/dev/null
    runs+=($(( $(now_ms) - t0 )))
  done
  RUN_MS=$(printf '%s\n' "${runs[@]}" | median)
  ctr_ run -d --runtime "$runtime" "$IMAGE" "idle-$name" sleep 3600 >/dev/null
  local execs=()
  for i in $(seq 1 "$RUNS"); do
    t0=$(now_ms)
    ctr_ tasks exec --exec-id "e$i" "idle-$name" true </dev/null
    execs+=($(( $(now_ms) - t0 )))
  done
  EXEC_MS=$(printf '%s\n' "${execs[@]}" | median)
  local shim
  local p
  for p in $(pgrep -f -- "-id idle-$name( |$)"); do
    if tr '\0' ' ' <"/proc/$p/cmdline" | grep -q -- "-address $CTRD_SOCK" && ! tr '\0' ' ' <"/proc/$p/cmdline" | grep -q ' start$'; then
      shim=$p
    fi
  done
  RSS_MB=$(awk -v k="$(rss_kb "$shim")" 'BEGIN {printf "%.1f", k / 1024}')
  PSS_MB=$(awk -v k="$(pss_kb "$shim")" 'BEGIN {printf "%.1f", k / 1024}')
  local vm_kb=0
  for p in $(grep -l "HCS4J_HVSOCK_DIR=$CTRD_DIR/hv/idle-$name@vm" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3); do
    vm_kb=$(( vm_kb + $(rss_kb "$p") ))
  done
  VM_MB=$(awk -v k="$vm_kb" 'BEGIN {printf "%.1f", k / 1024}')
  ctr_ tasks kill -s SIGKILL "idle-$name" >/dev/null 2>&1 || true
  for i in $(seq 1 100); do ctr_ tasks ls | grep -q "^idle-$name .*STOPPED" && break; sleep 0.1; done
  ctr_ tasks delete "idle-$name" >/dev/null 2>&1 || true
  ctr_ containers delete "idle-$name" >/dev/null 2>&1 || true
}

bench runc io.containerd.runc.v2
R_RUN=$RUN_MS R_EXEC=$EXEC_MS R_RSS=$RSS_MB R_PSS=$PSS_MB
bench lcow io.containerd.runhcs.v1
L_RUN=$RUN_MS L_EXEC=$EXEC_MS L_RSS=$RSS_MB L_PSS=$PSS_MB L_VM=$VM_MB

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo
echo "containerd $(containerd --version | awk '{print $3}'), $RUNS runs per figure, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %12s %12s %14s %14s %14s\n' "" "run --rm ms" "exec ms" "shim RSS MB" "shim PSS MB" "VM RSS MB"
printf '%-28s %12s %12s %14s %14s %14s\n' "io.containerd.runc.v2" "$R_RUN" "$R_EXEC" "$R_RSS" "$R_PSS" "-"
printf '%-28s %12s %12s %14s %14s %14s\n' "runhcs.v1 lcow (emulated VM)" "$L_RUN" "$L_EXEC" "$L_RSS" "$L_PSS" "$L_VM"
printf '%-28s %12s %12s %14s %14s\n' "ratio lcow / runc" "$(ratio "$L_RUN" "$R_RUN")" "$(ratio "$L_EXEC" "$R_EXEC")" "$(ratio "$L_RSS" "$R_RSS")" "$(ratio "$L_PSS" "$R_PSS")"
echo "targets: exec <= 2x runc, run <= 3x runc, shim RSS <= 64 MB"
