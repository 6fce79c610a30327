#!/usr/bin/env bash
# Benchmark: containerd-shim-runhcs-v1 beside io.containerd.runc.v2 on one private containerd. Configurations run
# interleaved in every round (runc, hcs4j, hcs4j on JDK 25, runc, ...), so a load change on the machine hits them
# alike; each figure is a median with its min and max. runhcs runs Linux tasks on the LCOW path: an emulated utility
# VM per task whose guest agent is a process of its own, counted with the shim.
#   run --rm        `ctr run --rm IMG id true`, BENCH_ROUNDS rounds (default 21)
#   exec            `ctr task exec` of `true` into an idle task, one per round
#   CPU per run     CPU time (user+sys) of containerd, the shims, the agents and ctr per run --rm (a cpuacct cgroup)
#   PSS / USS       of the idle task's shim and agent (USS: pages no other process maps)
#   marginal pod    total PSS of all shims and agents with BENCH_PODS pods (default 10) minus with one fewer
#   concurrent      wall time of BENCH_CONCURRENT (default 20) `run --rm` at once, BENCH_CONCURRENT_ROUNDS (3) rounds
#   after N execs   threads, fds, RSS and heap after a full GC (jcmd) of shim and agent before and after
#                   BENCH_EXECS (default 1000) execs into one task
#   breakdown       where one run --rm goes, phase by phase, from the shim's log lines (scripts/run-breakdown.py)
# BENCH_CONFIGS picks configurations (default: "runc hcs4j hcs4j-pool", plus "hcs4j25", the launcher given a JDK 25
# with its AOT cache, when BENCH_JDK25_JAVA (default: Temurin 25 under /usr/lib/jvm) exists). hcs4j-pool is hcs4j with
# BENCH_POOL_SIZE (default 2) guest agents kept ready (HCS4J_VM_POOL_SIZE) and as many shim daemons kept ready
# (HCS4J_SHIM_POOL_SIZE): its CPU per run counts the replacement agent's boot and the shim's return to the ready set
# (the next measurement waits for both), and its idle cost is the PSS of the ready agents and daemons. Shim daemons
# are only recycled (a pod's daemon returns after its pod), never started ahead, so a run finds a ready daemon when
# the one before it returned one; the report says how many runs took one. Prints the machine's load before and after:
# on a shared machine, read the figures with it.
set -euo pipefail
source "$(dirname "$0")/lib-containerd.sh"
ROUNDS=${BENCH_ROUNDS:-21}
EXECS=${BENCH_EXECS:-1000}
PODS=${BENCH_PODS:-10}
CONCURRENT=${BENCH_CONCURRENT:-20}
CONCURRENT_ROUNDS=${BENCH_CONCURRENT_ROUNDS:-3}
JDK25_JAVA=${BENCH_JDK25_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}

CGROUP=
cleanup() {
  cleanup_containerd
  if [ -n "$CGROUP" ] && [ -d "$CGROUP" ]; then
    while read -r p; do echo "$p" > "$(dirname "$CGROUP")/cgroup.procs" 2>/dev/null || true; done < "$CGROUP/cgroup.procs"
    rmdir "$CGROUP" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ensure_packages
ensure_shim_jar
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- configurations: a runtime name each; hcs4j variants are the launcher behind a wrapper setting its JDK ---
declare -A RUNTIME
RUNTIME[runc]=io.containerd.runc.v2
RUNTIME[hcs4j]=io.containerd.runhcs.v1
RUNTIME[hcs4j25]=io.containerd.runhcs25.v1
RUNTIME[hcs4j-pool]=io.containerd.runhcspool.v1
POOL_SIZE=${BENCH_POOL_SIZE:-2}
start_containerd
POOL_DIR=$CTRD_DIR/vmpool
cat > "$CTRD_DIR/bin/containerd-shim-runhcspool-v1" <<SH
#!/bin/sh
HCS4J_VM_POOL_SIZE=$POOL_SIZE HCS4J_VM_POOL_DIR=$POOL_DIR HCS4J_SHIM_POOL_SIZE=$POOL_SIZE HCS4J_SOCKET_DIR=$CTRD_DIR/s-pool exec "$REPO_ROOT/scripts/containerd-shim-runhcs-v1" "\$@"
SH
chmod 755 "$CTRD_DIR/bin/containerd-shim-runhcspool-v1"
cat > "$CTRD_DIR/bin/containerd-shim-runhcs25-v1" <<SH
#!/bin/sh
HCS4J_JAVA=$JDK25_JAVA exec "$REPO_ROOT/scripts/containerd-shim-runhcs-v1" "\$@"
SH
chmod 755 "$CTRD_DIR/bin/containerd-shim-runhcs25-v1"
if [ -n "${BENCH_CONFIGS:-}" ]; then
  read -r -a CONFIGS <<<"$BENCH_CONFIGS"
else
  CONFIGS=(runc hcs4j hcs4j-pool)
  # A JDK 25 (the launcher's AOT cache path) is measured beside the default JDK when there is one.
  if [ -x "$JDK25_JAVA" ]; then CONFIGS+=(hcs4j25); fi
fi
build_image

# --- CPU accounting: containerd and everything it starts in a cgroup of their own ---
for base in /sys/fs/cgroup/cpuacct /sys/fs/cgroup; do
  if [ -f "$base/cgroup.procs" ] && mkdir "$base/hcs4j-bench-$$" 2>/dev/null; then CGROUP=$base/hcs4j-bench-$$; break; fi
done
cpu_us() {
  if [ -z "$CGROUP" ]; then echo 0
  elif [ -f "$CGROUP/cpuacct.usage" ]; then echo $(( $(cat "$CGROUP/cpuacct.usage") / 1000 ))
  else awk '/^usage_usec/ {print $2}' "$CGROUP/cpu.stat"; fi
}
[ -n "$CGROUP" ] && echo "$CTRD_PID" > "$CGROUP/cgroup.procs"
# Runs "$@" inside the cgroup (ctr's own CPU counts too).
in_cgroup() {
  if [ -n "$CGROUP" ]; then sh -c 'echo $$ > "$0/cgroup.procs"; shift; exec "$@"' "$CGROUP" - "$@"; else "$@"; fi
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# stats: "median (min-max)" of the numbers on stdin
stats() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) {print "nan"; exit} m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%s (%s-%s)\n", m, a[1], a[NR]}'; }
kb() { awk -v f="$2" '$1 == f":" {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
pss_kb() { kb "$1" Pss; }
uss_kb() { echo $(( $(kb "$1" Private_Clean) + $(kb "$1" Private_Dirty) )); }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# The shim daemon serving task $1 and its utility VM's agent processes (runc: its shim only). A recycled daemon's
# command line names its first task: the process listening on the task's address is the one.
socket_pid() {
  local inode
  inode=$(awk -v p="$1" '$4 == "00010000" && $8 == p {print $7}' /proc/net/unix | head -1)
  [ -n "$inode" ] || return 0
  find /proc/[0-9]*/fd -lname "socket:\[$inode\]" 2>/dev/null | head -1 | cut -d/ -f3
}
shim_pid() {
  local p a
  a=$(cat "$CTRD_DIR/state/io.containerd.runtime.v2.task/hcs4j/$1/address" 2>/dev/null || true)
  p=$(socket_pid "${a#unix://}")
  [ -n "$p" ] && { echo "$p"; return; }
  for p in $(pgrep -f -- "-id $1( |$)" || true); do
    if tr '\0' ' ' <"/proc/$p/cmdline" | grep -q -- "-address $CTRD_SOCK" \
      && ! tr '\0' ' ' <"/proc/$p/cmdline" | grep -qE ' (start|delete)$'; then echo "$p"; fi
  done | head -1
}
# The agent of task $1's VM, from the emulator's record (started for the VM or taken from the pool): the process the
# record names (unshare as root) and its java.
agent_pids() {
  local root
  root=$(awk -F= '$1 == "agentPid" {print $2}' "$CTRD_DIR/emu/$1@vm.properties" 2>/dev/null || true)
  [ -n "$root" ] || return 0
  echo "$root"
  pgrep -P "$root" -x java || true
}
agent_java() {
  local p
  for p in $(agent_pids "$1"); do
    if [ "$(basename "$(readlink "/proc/$p/exe")")" = java ]; then echo "$p"; return; fi
  done
}
# The ready agents of the pool (not yet taken): the processes their entries name and their java.
pool_pids() {
  local f root
  for f in "$POOL_DIR"/*/*.pid; do
    [ -f "$f" ] || continue
    root=$(awk -F= '$1 == "pid" {print $2}' "$f" 2>/dev/null)
    [ -n "$root" ] || continue # taken or gone since the listing
    echo "$root"
    pgrep -P "$root" -x java || true
  done
}
pool_ready() { ls "$POOL_DIR"/*/*.sock 2>/dev/null | wc -l; }
# Ready shim daemons (the FIFOs they wait on name their pids). hcs4j-pool has a socket directory of its own: the
# ready set is node-wide (any start of the same jar and options takes from it), and hcs4j's starts must not.
SHIM_READY=$CTRD_DIR/s-pool/ready
shim_ready_pids() { local e; for e in "$SHIM_READY"/*/*; do [ -p "$e" ] && { e=${e##*/}; echo "${e%%-*}"; }; done; }
shim_ready() { shim_ready_pids | wc -l; }
wait_agents_full() { local i; for i in $(seq 1 300); do [ "$(pool_ready)" -ge "$POOL_SIZE" ] && return 0; sleep 0.05; done; }
# Full: POOL_SIZE agents ready, and the shim daemon of the run just ended back in the ready set (at least one).
wait_pool_full() {
  local i
  for i in $(seq 1 300); do [ "$(pool_ready)" -ge "$POOL_SIZE" ] && [ "$(shim_ready)" -ge 1 ] && return 0; sleep 0.05; done
}
all_pids() {
  local p f
  for p in $(pgrep -f -- "-address $CTRD_SOCK" || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qE ' (start|delete)$' || echo "$p"
  done
  for f in "$CTRD_DIR"/emu/*.properties; do
    [ -f "$f" ] || continue
    f=$(basename "$f" .properties); agent_pids "${f%@vm}"
  done
  # The ready agents count with the configuration that keeps them.
  if [ "${MEASURING:-}" = hcs4j-pool ]; then pool_pids; shim_ready_pids; fi
}
total_pss_kb() { local t=0 p; for p in $(all_pids | sort -u); do t=$(( t + $(pss_kb "$p") )); done; echo "$t"; }

stop_task() {
  ctr_ tasks kill -s SIGKILL "$1" >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 100); do ctr_ tasks ls | grep -q "^$1 .*STOPPED" && break; sleep 0.1; done
  ctr_ tasks delete "$1" >/dev/null 2>&1 || true
  ctr_ containers delete "$1" >/dev/null 2>&1 || true
}

echo "warming up (first runs write class archives / AOT caches)" >&2
for c in "${CONFIGS[@]}"; do
  for i in 1 2 3; do ctr_ run --rm --runtime "${RUNTIME[$c]}" "$IMAGE" "warm-$c-$i" true >/dev/null; sleep 3; done
  # JDK 25: the AOT cache is created in the background from the first daemon's profile.
  for i in $(seq 1 120); do ls -d "$(dirname "$HCS4J_SHIM_JAR")"/*.training >/dev/null 2>&1 || break; sleep 1; done
  ctr_ run --rm --runtime "${RUNTIME[$c]}" "$IMAGE" "warm-$c-4" true >/dev/null
  ctr_ run -d --runtime "${RUNTIME[$c]}" "$IMAGE" "idle-$c" sleep 36000 >/dev/null
done

declare -A RUNS EXECS_MS CPU
echo "run --rm and exec: $ROUNDS interleaved rounds" >&2
for r in $(seq 1 "$ROUNDS"); do
  for c in "${CONFIGS[@]}"; do
    cpu0=$(cpu_us); t0=$(now_ms)
    in_cgroup timeout 180 ctr --address "$CTRD_SOCK" --namespace hcs4j run --rm --runtime "${RUNTIME[$c]}" "$IMAGE" "run-$c-$r" true >/dev/null
    t1=$(now_ms)
    RUNS[$c]+="$(( t1 - t0 )) "
    echo "run-$c-$r $t0 $t1" >>"$CTRD_DIR/runs-$c"
    # The pool's replacement agent boots after the run: its CPU is this configuration's, not the next one's.
    if [ "$c" = hcs4j-pool ]; then wait_pool_full; fi
    CPU[$c]+="$(( $(cpu_us) - cpu0 )) "
    t0=$(now_ms)
    ctr_ tasks exec --exec-id "e$r" "idle-$c" true </dev/null
    EXECS_MS[$c]+="$(( $(now_ms) - t0 )) "
  done
done

declare -A SHIM_PSS SHIM_USS AGENT_PSS AGENT_USS
POOL_PSS=0 POOL_USS=0 POOL_N=0 SHIM_POOL_PSS=0 SHIM_POOL_USS=0 SHIM_POOL_N=0
if [[ " ${CONFIGS[*]} " == *" hcs4j-pool "* ]]; then
  wait_pool_full
  for p in $(pool_pids); do POOL_PSS=$(( POOL_PSS + $(pss_kb "$p") )); POOL_USS=$(( POOL_USS + $(uss_kb "$p") )); done
  POOL_N=$(pool_ready)
  for p in $(shim_ready_pids); do SHIM_POOL_PSS=$(( SHIM_POOL_PSS + $(pss_kb "$p") )); SHIM_POOL_USS=$(( SHIM_POOL_USS + $(uss_kb "$p") )); done
  SHIM_POOL_N=$(shim_ready)
fi
for c in "${CONFIGS[@]}"; do
  s=$(shim_pid "idle-$c"); SHIM_PSS[$c]=$(pss_kb "$s"); SHIM_USS[$c]=$(uss_kb "$s")
  a=0 u=0; for p in $(agent_pids "idle-$c"); do a=$(( a + $(pss_kb "$p") )); u=$(( u + $(uss_kb "$p") )); done
  AGENT_PSS[$c]=$a AGENT_USS[$c]=$u
done

echo "$CONCURRENT concurrent runs: $CONCURRENT_ROUNDS interleaved rounds" >&2
declare -A CONC
for r in $(seq 1 "$CONCURRENT_ROUNDS"); do
  for c in "${CONFIGS[@]}"; do
    t0=$(now_ms); pids=()
    for i in $(seq 1 "$CONCURRENT"); do
      ctr_ run --rm --runtime "${RUNTIME[$c]}" "$IMAGE" "conc-$c-$r-$i" true >/dev/null & pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    CONC[$c]+="$(( $(now_ms) - t0 )) "
    if [ "$c" = hcs4j-pool ]; then wait_pool_full; fi
  done
done

# Each configuration alone on the node (the idle tasks stopped), so shared pages are shared among its own pods.
for c in "${CONFIGS[@]}"; do stop_task "idle-$c"; done
# The pool too: its ready agents leave when their sockets go, and come back with the pool's first pod.
rm -f "$POOL_DIR"/*/*.sock "$SHIM_READY"/*/*
for i in $(seq 1 100); do [ -z "$(pool_pids | xargs -r ps -o pid= -p 2>/dev/null)" ] && break; sleep 0.1; done
echo "marginal memory of pod $PODS" >&2
declare -A MARGINAL TOTAL
for c in "${CONFIGS[@]}"; do
  MEASURING=$c
  for i in $(seq 1 "$PODS"); do
    [ "$i" -eq "$PODS" ] && { sleep 2; [ "$c" = hcs4j-pool ] && wait_agents_full; before=$(total_pss_kb); }
    ctr_ run -d --runtime "${RUNTIME[$c]}" "$IMAGE" "pod-$c-$i" sleep 36000 >/dev/null
  done
  sleep 2
  if [ "$c" = hcs4j-pool ]; then wait_agents_full; fi
  TOTAL[$c]=$(total_pss_kb)
  MARGINAL[$c]=$(( TOTAL[$c] - before ))
  for i in $(seq 1 "$PODS"); do stop_task "pod-$c-$i"; done
done

# jcmd of the process's own JDK; heap used after a full collection, in KB.
heap_kb() {
  local exe jcmd
  exe=$(readlink "/proc/$1/exe")
  jcmd=$(dirname "$exe")/jcmd
  # Only a JVM: jcmd attaches with SIGQUIT, which ends any other process (runc's shim).
  [ "$(basename "$exe")" = java ] && [ -x "$jcmd" ] || { echo -; return; }
  timeout 60 "$jcmd" "$1" GC.run >/dev/null 2>&1 || { echo nan; return; }
  timeout 60 "$jcmd" "$1" GC.heap_info 2>/dev/null | awk '/(generation|^DefNew|^Tenured) +total/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i+1); sub(/K,?/, "", v); s += v}} END {print s + 0}'
}
probe() { # pid: threads fds rss_kb heap_kb
  [ -n "$1" ] || { echo "- - - -"; return; }
  # jcmd first: its first attach starts the JVM's Attach Listener (a thread and a socket for good), which must be
  # in the "before" count too.
  local heap
  heap=$(heap_kb "$1")
  echo "$(awk '/^Threads:/ {print $2}' "/proc/$1/status") $(ls "/proc/$1/fd" | wc -l) $(awk '/^VmRSS:/ {print $2}' "/proc/$1/status") $heap"
}
echo "$EXECS execs into one task" >&2
declare -A LEAK
for c in "${CONFIGS[@]}"; do
  ctr_ run -d --runtime "${RUNTIME[$c]}" "$IMAGE" "execs-$c" sleep 36000 >/dev/null
  for i in $(seq 1 20); do ctr_ tasks exec --exec-id "w$i" "execs-$c" true </dev/null; done
  s=$(shim_pid "execs-$c"); a=$(agent_java "execs-$c")
  sb=$(probe "$s"); ab=$( [ -n "$a" ] && probe "$a" || echo "- - - -")
  for i in $(seq 1 "$EXECS"); do ctr_ tasks exec --exec-id "x$i" "execs-$c" true </dev/null; done
  sleep 2
  sa=$(probe "$s"); aa=$( [ -n "$a" ] && probe "$a" || echo "- - - -")
  LEAK[$c]="$sb|$sa|$ab|$aa"
  stop_task "execs-$c"
done

# --- report ---
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b + 0 == 0 || a == "nan") print "-"; else printf "%.2fx", a / b}'; }
med() { stats <<<"$(tr ' ' '\n' <<<"$1" | sed '/^$/d')"; }
m1() { med "$1" | cut -d' ' -f1; }
echo
echo "containerd $(containerd --version | awk '{print $3}'), $(nproc) CPUs, load before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$ROUNDS rounds, configurations interleaved; median (min-max)"
for c in "${CONFIGS[@]}"; do
  if [ "$c" = hcs4j ]; then grep -o "launcher's choice: [^\"]*" "$CTRD_DIR/containerd.log" | grep -v "$JDK25_JAVA" | tail -1 || true; fi
  if [ "$c" = hcs4j25 ]; then grep -o "launcher's choice: [^\"]*" "$CTRD_DIR/containerd.log" | grep "$JDK25_JAVA" | tail -1 || true; fi
done
printf '%-11s %-22s %-22s %-22s %-22s\n' "" "run --rm ms" "exec ms" "CPU per run ms" "$CONCURRENT at once ms"
for c in "${CONFIGS[@]}"; do
  cpu=$(tr ' ' '\n' <<<"${CPU[$c]}" | sed '/^$/d' | awk '{print int($1 / 1000)}' | stats)
  [ -n "$CGROUP" ] || cpu=n/a
  printf '%-11s %-22s %-22s %-22s %-22s\n' "$c" "$(med "${RUNS[$c]}")" "$(med "${EXECS_MS[$c]}")" "$cpu" "$(med "${CONC[$c]}")"
done
printf '%-11s %-15s %-15s %-15s %-15s %-17s %-15s\n' "" "shim PSS MB" "shim USS MB" "agent PSS MB" "agent USS MB" "pod $PODS marginal" "$PODS pods total"
for c in "${CONFIGS[@]}"; do
  printf '%-11s %-15s %-15s %-15s %-15s %-17s %-15s\n' "$c" "$(mb "${SHIM_PSS[$c]}")" "$(mb "${SHIM_USS[$c]}")" \
    "$(mb "${AGENT_PSS[$c]}")" "$(mb "${AGENT_USS[$c]}")" "$(mb "${MARGINAL[$c]}") MB" "$(mb "${TOTAL[$c]}") MB"
done
if [ "$POOL_N" -gt 0 ]; then
  echo "hcs4j-pool idle cost: $POOL_N ready agents, PSS $(mb "$POOL_PSS") MB, USS $(mb "$POOL_USS") MB (in its pod total above);" \
    "$(grep -c 'taken from the pool' "$CTRD_DIR/containerd.log" || true) VMs took a ready agent"
  echo "hcs4j-pool shim daemons: $SHIM_POOL_N ready, PSS $(mb "$SHIM_POOL_PSS") MB, USS $(mb "$SHIM_POOL_USS") MB idle;" \
    "$(grep -c 'taken from the ready set' "$CTRD_DIR/containerd.log" || true) pods were served by a recycled daemon;" \
    "each measured run waited for its daemon to be back in the ready set"
fi
echo "after $EXECS execs (threads fds RSS-KB heap-after-GC-KB: before -> after)"
for c in "${CONFIGS[@]}"; do
  IFS='|' read -r sb sa ab aa <<<"${LEAK[$c]}"
  printf '%-11s shim  %-28s -> %s\n' "$c" "$sb" "$sa"
  [ "$c" = runc ] || printf '%-11s agent %-28s -> %s\n' "$c" "$ab" "$aa"
done
for c in "${CONFIGS[@]}"; do
  [ "$c" = runc ] || { echo "$c:"; python3 "$REPO_ROOT/scripts/run-breakdown.py" "$CTRD_DIR/containerd.log" "$CTRD_DIR/runs-$c"; }
done
echo "targets beside runc:"
for c in "${CONFIGS[@]}"; do
  [ "$c" = runc ] && continue
  echo "  $c: run --rm $(ratio "$(m1 "${RUNS[$c]}")" "$(m1 "${RUNS[runc]}")") (<= 3x), exec $(ratio "$(m1 "${EXECS_MS[$c]}")" "$(m1 "${EXECS_MS[runc]}")") (<= 1.1x)," \
    "$CONCURRENT at once $(ratio "$(m1 "${CONC[$c]}")" "$(m1 "${CONC[runc]}")") (<= 4x), marginal pod $(mb "${MARGINAL[$c]}") MB (<= 40), runc $(mb "${MARGINAL[runc]}") MB"
done
