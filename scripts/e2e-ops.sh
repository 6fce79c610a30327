#!/usr/bin/env bash
# End-to-end acceptance of what operators and the kubelet read from containerd-shim-runhcs-v1 (issue 18):
# task metrics, OOM events, resource updates of Windows containers and the shimdiag service, against a
# private containerd (Debian's 1.6; see lib-containerd.sh) with the HCS emulator under the shim.
set -euo pipefail
source "$(dirname "$0")/lib-containerd.sh"

RT="--runtime io.containerd.runhcs.v1"
MIB=1048576
trap finish EXIT
trap 'exit 130' INT TERM

ensure_packages
ensure_shim_jar
start_containerd
build_image

ctr --address "$CTRD_SOCK" -n hcs4j events > "$CTRD_DIR/events.txt" 2>&1 &
EVENTS_PID=$!
sleep 0.3

# metric TASK PATH: one figure of `ctr task metrics --format json` (the cgroup v1 Metrics on Linux), 0 if absent
metric() {
  ctr_ tasks metrics --format json "$1" 2>/dev/null | python3 -c '
import json, sys
v = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    v = v.get(key, {}) if isinstance(v, dict) else {}
print(v if isinstance(v, int) else 0)' "$2"
}
# The shell doubles a string to 64 MiB (2^26 bytes), then holds it.
HOLD_64M='x=a; i=0; while [ $i -lt 26 ]; do x=$x$x; i=$((i+1)); done; while :; do sleep 1; done'

# --- LCOW metrics: memory a process holds, CPU time under a busy loop
ctr_ run -d $RT "$IMAGE" mem1 sh -c "$HOLD_64M" >/dev/null
check "the memory task is RUNNING" wait_status mem1 RUNNING
holds_64m() { [ "$(metric mem1 memory.usage.usage)" -ge $((64 * MIB)) ]; }
check "ctr task metrics: memory usage reaches the 64 MiB the process holds" eventually holds_64m
usage=$(metric mem1 memory.usage.usage)
echo "memory usage: $usage bytes (rss $(metric mem1 memory.rss), total_inactive_file $(metric mem1 memory.total_inactive_file))"
check "and stays within 10 % of it" [ "$usage" -le $((64 * MIB * 110 / 100)) ]
check "memory rss (anonymous memory) is the string" [ "$(metric mem1 memory.rss)" -ge $((64 * MIB)) ]
check "pids.current counts the shell (and its sleep)" [ "$(metric mem1 pids.current)" -ge 1 ]
rm_task mem1

ctr_ run -d $RT "$IMAGE" cpu1 sh -c 'while :; do :; done' >/dev/null
check "the busy task is RUNNING" wait_status cpu1 RUNNING
cpu0=$(metric cpu1 cpu.usage.total)
sleep 2
cpu1=$(metric cpu1 cpu.usage.total)
echo "cpu usage: $cpu0 ns, 2 s later $cpu1 ns"
check "CPU time grows under a busy loop (by more than 0.2 s in 2 s)" [ "$cpu1" -gt $((cpu0 + 200000000)) ]
check "user time is reported" [ "$(metric cpu1 cpu.usage.user)" -gt 0 ]
rm_task cpu1

# --- OOM: a 32 MiB limit and a process that wants 64 MiB
ctr_ run -d $RT --memory-limit $((32 * MIB)) "$IMAGE" oom1 sh -c "$HOLD_64M" >/dev/null
check "the task over its memory limit is OOM-killed (STOPPED)" eventually bash -c "ctr --address '$CTRD_SOCK' -n hcs4j tasks ls | grep -q '^oom1 .*STOPPED'"
rm_task oom1

# --- Task.Update of a Windows container (process isolation on the HCS emulator; ctr 1.6 has no "task update")
mkdir -p "$CTRD_DIR/win"
cp -r "$REPO_ROOT/examples/hello/layers" "$CTRD_DIR/win/"
cat > "$CTRD_DIR/win.json" <<JSON
{"ociVersion":"1.1.0","process":{"args":["sh","-c","exec sleep 600"]},"root":{"path":""},
 "windows":{"layerFolders":["$CTRD_DIR/win/layers/app","$CTRD_DIR/win/layers/base","$CTRD_DIR/win/layers/scratch"],
  "resources":{"memory":{"limit":536870912}}}}
JSON
ctr_ run -d $RT --config "$CTRD_DIR/win.json" wup1 </dev/null >/dev/null
check "the Windows container is RUNNING" wait_status wup1 RUNNING
task_update() { # task resources-json: Task.Update with WindowsResources, as containerd sends it
  java -cp "$SHIM_JAR" "$REPO_ROOT/scripts/TaskUpdate.java" \
    "$(cat "$CTRD_DIR/state/io.containerd.runtime.v2.task/hcs4j/$1/address")" "$1" "$2" WindowsResources 2>&1; }
check "ctr task metrics of a Windows container: its private working set" [ "$(metric wup1 memory.usage.usage)" -gt 0 ]
check "Task.Update sets a Windows container's memory limit and CPU maximum" \
  task_update wup1 '{"memory":{"limit":134217728},"cpu":{"maximum":5000}}'
out=$(task_update wup1 '{"cpu":{"count":1,"shares":2}}') && rc=0 || rc=$?
check "two CPU rate controls at once are an invalid argument" bash -c "[ $rc -ne 0 ] && grep -q 'exactly one of cpu.count' <<<'$out'"
out=$(task_update wup1 '{"storage":{"iops":100}}') && rc=0 || rc=$?
check "a storage update is unimplemented, named" bash -c "[ $rc -ne 0 ] && grep -q 'UNIMPLEMENTED.*storage' <<<'$out'"
rm_task wup1

# --- shimdiag against a running pod: the sandbox's shim serves both tasks and its utility VM
ctr_ run -d $RT --annotation io.kubernetes.cri.container-type=sandbox "$IMAGE" dpod sleep 600 >/dev/null
ctr_ run -d $RT --annotation io.kubernetes.cri.container-type=container \
  --annotation io.kubernetes.cri.sandbox-id=dpod "$IMAGE" dpod-app sh -c 'exec sleep 600' >/dev/null
check "the pod's sandbox and container are RUNNING" bash -c "$(declare -f task_status wait_status ctr_); CTRD_SOCK='$CTRD_SOCK'; wait_status dpod RUNNING && wait_status dpod-app RUNNING"
shimdiag() { HCS4J_SOCKET_DIR="$CTRD_DIR/s" timeout 60 "$REPO_ROOT/scripts/shimdiag" "$@"; }
listed=$(shimdiag list)
echo "$listed"
check "shimdiag list shows the pod's shim with its pid and both tasks" \
  grep -q "pid $(shim_pids dpod)  tasks .*dpod" <<<"$listed"
shim=$(awk '/tasks .*dpod-app/ {print $1}' <<<"$listed")
check "shimdiag pid is the shim's" [ "$(shimdiag pid "$shim")" = "$(shim_pids dpod)" ]
check "shimdiag finds the shim by a task id too" [ "$(shimdiag pid dpod-app)" = "$(shim_pids dpod)" ]
tasks_out=$(shimdiag tasks "$shim")
check "shimdiag tasks lists the sandbox and its container" bash -c "grep -qx dpod <<<'$tasks_out' && grep -qx dpod-app <<<'$tasks_out'"
ctr_ tasks exec -d --exec-id dx dpod-app sleep 300 </dev/null
check "shimdiag tasks -execs shows an exec and its state" bash -c "HCS4J_SOCKET_DIR='$CTRD_DIR/s' '$REPO_ROOT/scripts/shimdiag' tasks -execs '$shim' | grep -q '^  dx running'"
out=$(echo from-stdin | shimdiag exec "$shim" sh -c 'echo in the utility vm; cat; echo to stderr >&2; exit 5' 2>"$CTRD_DIR/diag-err") && rc=0 || rc=$?
check "shimdiag exec runs in the utility VM with stdin and stdout" [ "$out" = "$(printf 'in the utility vm\nfrom-stdin')" ]
check "and stderr" [ "$(cat "$CTRD_DIR/diag-err")" = "to stderr" ]
check "and exits with the process's exit code" [ "$rc" = 5 ]
stacks=$(shimdiag stacks "$shim")
check "shimdiag stacks shows the shim's ttrpc server threads" grep -q 'io.hcs4j.shim.ttrpc.TtrpcServer' <<<"$stacks"
check "and the Task service's event publisher" grep -q '"event-publisher"' <<<"$stacks"
check "and the guest's stacks" grep -q '=== guest stacks' <<<"$stacks"
mkdir -p "$CTRD_DIR/shared" && echo shared-file > "$CTRD_DIR/shared/f"
shimdiag share -ro "$shim" "$CTRD_DIR/shared" /run/diag-share
check "shimdiag share makes a host directory visible in the utility VM" \
  [ "$(shimdiag exec "$shim" cat /run/diag-share/f </dev/null)" = shared-file ]
# The shim's log level, live: a failed call's status is a debug line of the shim (TaskService), in containerd's log
# only once the level is debug.
check "shimdiag loglevel shows the shim's level (info: containerd runs at info)" [ "$(shimdiag loglevel "$shim")" = info ]
out=$(shimdiag loglevel "$shim" loud 2>&1) && rc=0 || rc=$?
check "an unknown level is an invalid argument naming the levels" \
  bash -c "[ $rc -ne 0 ] && grep -q 'INVALID_ARGUMENT: unknown log level \"loud\" (one of trace, debug, info' <<<'$out'"
check "shimdiag loglevel sets debug" [ "$(shimdiag loglevel "$shim" debug)" = debug ]
check "the change is in containerd's log" \
  eventually grep -q 'DEBUG io.hcs4j.shim.task.LogLevelService - log level set to debug by shimdiag' "$CTRD_DIR/containerd.log"
shimdiag loglevel "$shim" loud >/dev/null 2>&1 || true
debug_lines() { grep -c 'DEBUG io.hcs4j.shim.task.TaskService - LogLevel.Set failed' "$CTRD_DIR/containerd.log" || true; }
debug_logged() { [ "$(debug_lines)" -ge 1 ]; }
check "a debug line of the shim appears after setting debug" eventually debug_logged
check "and not before (the same failure at info logged nothing)" [ "$(debug_lines)" -eq 1 ]
check "shimdiag loglevel sets it back" [ "$(shimdiag loglevel "$shim" info)" = info ]
kill -QUIT "$(shim_pids dpod)"
check "SIGQUIT writes the shim's thread dump into its log (containerd's)" \
  eventually grep -q 'Full thread dump' "$CTRD_DIR/containerd.log"
check "and the shim serves on" [ "$(shimdiag pid "$shim")" = "$(shim_pids dpod)" ]
rm_task dpod-app
rm_task dpod

# --- the event sequence containerd saw
kill "$EVENTS_PID" 2>/dev/null || true
wait "$EVENTS_PID" 2>/dev/null || true
topics() { awk -v id="\"$1\"" 'index($0, id) {print $6}' "$CTRD_DIR/events.txt" | grep '^/tasks/' | tr '\n' ' '; }
echo "oom1 events: $(topics oom1)"
check "/tasks/oom reaches ctr events before the task's exit" grep -q "/tasks/start /tasks/oom /tasks/exit" <<<"$(topics oom1)"
check "no /tasks/oom for a task killed by hand" bash -c "! grep -q /tasks/oom <<<'$(topics mem1)'"

echo "e2e-ops: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
