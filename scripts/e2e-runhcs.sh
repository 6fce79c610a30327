#!/usr/bin/env bash
# End-to-end test of the runhcs command line, each command a separate process, on the HCS emulator:
# run an example bundle (output, exit code); detached create/start, exec, ps, state, pause/resume, kill, delete; list;
# consoles (run with a terminal, exec -t, resize-tty) and process trees ending with their container;
# bad input (clear one-line errors, non-zero exits, nothing left behind); 20 containers in parallel without leftovers.
# Builds what it needs; exits non-zero on the first failure. Prints how long the CLI calls took.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runhcs="$repo/scripts/runhcs"
# The checks read JSON with python3 and look for leftover processes with pgrep.
if ! command -v python3 >/dev/null || ! command -v pgrep >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 procps
fi
work="$(mktemp -d /tmp/hcs4j-e2e.XXXXXX)"
export HCS4J_ROOT="$work/root"
export HCS4J_BACKEND=emulator
export HCS4J_HVSOCK_ROOT="$work/hv" HCS4J_EMULATOR_STATE="$work/emu"
marker="hcs4j-e2e-$$"          # appears in every long-running container command, to find leftovers

cleanup() {
  # Anything still held (only after a failure): ask politely, then make sure.
  for d in "$HCS4J_ROOT"/*/; do
    [ -d "$d" ] && "$runhcs" delete --force "$(basename "$d")" >/dev/null 2>&1 || true
  done
  for pid in $(pgrep -f -- "$marker"); do kill "$pid" 2>/dev/null || true; done   # only this run's, by marker
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok   $*"; }

# Calls and their durations (ms), for the figures at the end.
timings="$work/timings"     # a file: calls made in $(...) subshells count too
timed() {
  local start end rc=0
  start=$(date +%s%N)
  "$@" || rc=$?
  end=$(date +%s%N)
  echo "$1 $2 $(( (end - start) / 1000000 ))" >> "$timings"
  return $rc
}
rh() { timed "$runhcs" "$@"; }

# expect_error <expected message part> <command...>: non-zero exit, exactly one stderr line "runhcs: ...", no stdout.
expect_error() {
  local want="$1"; shift
  local out err rc=0
  out="$("$runhcs" "$@" 2>"$work/err")" || rc=$?
  err="$(cat "$work/err")"
  [ "$rc" -ne 0 ] || fail "runhcs $* succeeded; expected an error containing '$want'"
  [ -z "$out" ] || fail "runhcs $* printed to stdout: $out"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "runhcs $*: expected one error line, got: $err"
  [[ "$err" == runhcs:* ]] || fail "runhcs $*: error does not start with 'runhcs:': $err"
  [[ "$err" == *"$want"* ]] || fail "runhcs $*: error '$err' does not mention '$want'"
  pass "error for '$*': $err (exit $rc)"
}

root_is_empty() {
  [ -z "$(ls -A "$HCS4J_ROOT" 2>/dev/null)" ] || fail "leftovers in HCS4J_ROOT: $(ls -A "$HCS4J_ROOT")"
}

no_processes() {
  if pgrep -f -- "$1" >/dev/null; then
    fail "processes left behind: $(pgrep -af -- "$1")"
  fi
}

# bundle <dir> <args as a JSON array>: a copy of the example bundle running another command.
bundle() {
  mkdir -p "$1"
  cp -r "$repo/examples/hello/." "$1/"
  python3 - "$1/config.json" "$2" <<'PY'
import json, sys
path, args = sys.argv[1], json.loads(sys.argv[2])
config = json.load(open(path))
config["process"]["args"] = args
json.dump(config, open(path, "w"), indent=2)
PY
}

echo "=== build"
"$runhcs" --version

echo "=== run the example bundle"
out="$(rh run -b "$repo/examples/hello" e2e-hello)"
expected="Hello from a runhcs container!
base layer: hcs4j example base layer
app layer: hello-app 1.0
files at the root: app-version etc hello.sh "
[ "$out" = "$expected" ] || fail "example output was:
$out"
pass "example bundle output"
root_is_empty
[ "$(ls -A "$repo/examples/hello/layers/scratch")" = ".gitignore" ] \
  || fail "the example's writable layer kept files: $(ls -A "$repo/examples/hello/layers/scratch")"
pass "example's layers unchanged"

echo "=== exit codes and stderr propagate"
bundle "$work/b-exit" '["sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 7"]'
rc=0
out="$(rh run -b "$work/b-exit" e2e-exit 2>"$work/exit.err")" || rc=$?
[ "$rc" -eq 7 ] || fail "run exit code $rc, expected 7"
[ "$out" = "to-stdout" ] || fail "run stdout: $out"
[ "$(cat "$work/exit.err")" = "to-stderr" ] || fail "run stderr: $(cat "$work/exit.err")"
pass "run exit code 7, stdout and stderr apart"
echo "from-stdin" | rh run -b "$(bundle "$work/b-cat" '["cat"]'; echo "$work/b-cat")" e2e-cat > "$work/cat.out"
[ "$(cat "$work/cat.out")" = "from-stdin" ] || fail "run stdin: $(cat "$work/cat.out")"
pass "run passes stdin"
root_is_empty

echo "=== detached: create, start, exec, ps, state, pause, resume, kill, delete"
bundle "$work/b-long" "[\"sh\", \"-c\", \"echo init-started; exec sleep 300\", \"$marker\"]"
rh create -b "$work/b-long" --pid-file "$work/holder.pid" e2e-long > "$work/long.out" 2>&1
state="$(rh state e2e-long)"
python3 - "$state" <<'PY' || fail "state after create: $state"
import json, sys
s = json.loads(sys.argv[1])
assert s["id"] == "e2e-long" and s["status"] == "created" and s["pid"] == 0, s
assert set(s) == {"ociVersion", "id", "pid", "status", "bundle", "rootfs", "created", "owner"}, s
PY
pass "state after create: created"
[ "$(rh list -q)" = "e2e-long" ] || fail "list -q after create: $(rh list -q)"
rh start e2e-long
state="$(rh state e2e-long)"
init_pid="$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); assert s["status"]=="running", s; print(s["pid"])' "$state")" \
  || fail "state after start: $state"
[ "$init_pid" -gt 0 ] || fail "init pid $init_pid"
pass "state after start: running, pid $init_pid"
rh list --format json | python3 -c '
import json, sys
l = json.load(sys.stdin)
assert [c["id"] for c in l] == ["e2e-long"] and l[0]["status"] == "running", l' || fail "list json"
rh list | grep -Eq "^e2e-long +$init_pid +running " || fail "list table: $(rh list)"
pass "list shows the live container"

rc=0
out="$(rh exec e2e-long sh -c 'echo exec-out; echo exec-err >&2; exit 5' 2>"$work/exec.err")" || rc=$?
[ "$rc" -eq 5 ] && [ "$out" = "exec-out" ] && [ "$(cat "$work/exec.err")" = "exec-err" ] \
  || fail "exec: rc=$rc out=$out err=$(cat "$work/exec.err")"
pass "exec: output and exit code 5"
[ "$(printf 'line1\nline2\n' | rh exec e2e-long cat)" = "$(printf 'line1\nline2')" ] || fail "exec stdin"
pass "exec passes stdin"
[ "$(rh exec -e EXTRA=more e2e-long sh -c 'echo "$GREETING/$EXTRA"')" = "Hello from a runhcs container!/more" ] \
  || fail "exec environment (the container's, extended by -e)"
pass "exec inherits the container's environment, -e extends it"
rh exec -d --pid-file "$work/exec.pid" e2e-long sh -c "exec sleep 120" "$marker"
exec_pid="$(cat "$work/exec.pid")"
ps_json="$(rh ps --format json e2e-long)"
python3 -c 'import json,sys; pids=json.loads(sys.argv[1]); assert int(sys.argv[2]) in pids and int(sys.argv[3]) in pids, pids' \
  "$ps_json" "$init_pid" "$exec_pid" || fail "ps json $ps_json lacks $init_pid/$exec_pid"
rh ps e2e-long | grep -Eq "^$init_pid +sleep" || fail "ps table: $(rh ps e2e-long)"
pass "ps lists init ($init_pid) and the detached exec ($exec_pid)"

rh pause e2e-long
[ "$(rh state e2e-long | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = paused ] || fail "pause"
expect_error "in state paused" exec e2e-long true
rh resume e2e-long
[ "$(rh state e2e-long | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = running ] || fail "resume"
pass "pause and resume"

expect_error "use --force" delete e2e-long
expect_error "not supported by Windows containers" kill e2e-long HUP
expect_error "unknown signal" kill e2e-long NOPE
rh kill e2e-long KILL
for _ in $(seq 100); do        # the exit notification is asynchronous: bounded wait for it
  status="$(rh state e2e-long | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
  [ "$status" = stopped ] && break
  sleep 0.1
done
[ "$status" = stopped ] || fail "state after kill: $status"
pass "kill KILL: stopped"
expect_error "is not running" kill e2e-long
grep -q init-started "$work/long.out" || fail "detached init output: $(cat "$work/long.out")"
pass "detached init output reached create's stdout"
rh delete e2e-long
root_is_empty
no_processes "$marker"
holder_pid="$(cat "$work/holder.pid")"
[ -z "$(ps -o stat= -p "$holder_pid" | grep -v Z)" ] || fail "holder $holder_pid still runs"
[ -z "$(rh list -q)" ] || fail "list after delete: $(rh list -q)"
pass "delete: no state, no holder, no processes; list empty"

echo "=== delete --force of a running container, kill TERM"
rh run -d -b "$work/b-long" e2e-force > /dev/null 2>&1
rh delete --force e2e-force
root_is_empty
no_processes "$marker"
pass "delete --force"
rh run -d -b "$work/b-long" e2e-term > /dev/null 2>&1
rh kill e2e-term           # TERM is the default (CtrlShutdown for a Windows container)
for _ in $(seq 100); do
  status="$(rh state e2e-term | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
  [ "$status" = stopped ] && break
  sleep 0.1
done
[ "$status" = stopped ] || fail "state after kill TERM: $status"
rh delete e2e-term
root_is_empty
no_processes "$marker"
pass "kill (TERM) stops the container"

echo "=== consoles: run with a terminal, exec -t, resize-tty; process trees end with their container"
bundle "$work/b-tty" '["sh", "-c", "tty; stty size; printf \"%s\\n\" \"args: $0\"; exit 6", "C:\\app"]'
python3 - "$work/b-tty/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = True
c["process"]["consoleSize"] = {"height": 30, "width": 100}
json.dump(c, open(sys.argv[1], "w"))
PY
rc=0
out="$(rh run -b "$work/b-tty" e2e-tty-run < /dev/null | tr -d '\r')" || rc=$?
[ "$rc" -eq 6 ] || fail "run with a terminal: exit code $rc, expected 6"
[[ "$out" =~ ^/dev/pts/[0-9]+$'\n'"30 100"$'\n'"args: C:\\app"$ ]] || fail "run with a terminal printed: $out"
pass "run with process.terminal: a pty of 30x100, exit code 6"
root_is_empty

tree_secs=$(( 100000 + $$ % 100000 ))   # a sleep only this run starts, to find its processes
rh run -d -b "$work/b-long" e2e-tty > /dev/null 2>&1
cat > "$work/tty-process.json" <<'JSON'
{"terminal": true, "consoleSize": {"height": 25, "width": 80},
 "args": ["sh", "-c", "tty; stty size; read line; echo \"read $line\"; stty size; exit 3"], "cwd": "C:\\"}
JSON
mkfifo "$work/tty.in"
exec 3<>"$work/tty.in"          # held open, so the exec's stdin stays open until we close it
"$runhcs" exec -p "$work/tty-process.json" --pid-file "$work/tty.pid" e2e-tty < "$work/tty.in" > "$work/tty.out" 2>&1 &
tty_client=$!
for _ in $(seq 100); do        # bounded wait for the first size on the console
  grep -q "25 80" "$work/tty.out" 2>/dev/null && [ -s "$work/tty.pid" ] && break
  sleep 0.1
done
grep -q "25 80" "$work/tty.out" || fail "exec -p (terminal) output before resize: $(cat "$work/tty.out")"
rh resize-tty --pid "$(cat "$work/tty.pid")" e2e-tty 120 40
echo go >&3
exec 3>&-
rc=0
wait "$tty_client" || rc=$?
[ "$rc" -eq 3 ] || fail "exec with a terminal: exit code $rc, expected 3"
out="$(tr -d '\r' < "$work/tty.out")"
[[ "$out" =~ ^/dev/pts/[0-9]+$'\n'"25 80"$'\n'"go"$'\n'"read go"$'\n'"40 120"$ ]] || fail "exec with a terminal printed: $out"
pass "exec with a terminal: a pty of 25x80, resize-tty to 120x40 seen by stty, input echoed, exit code 3"
rc=0
out="$(rh exec -t e2e-tty sh -c '[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo all-on-a-tty; exit 2' < /dev/null | tr -d '\r')" || rc=$?
[ "$rc" -eq 2 ] && [ "$out" = "all-on-a-tty" ] || fail "exec -t: rc=$rc out=$out"
pass "exec -t: stdin, stdout and stderr are the terminal"
expect_error "has no console" resize-tty e2e-tty 80 25
expect_error "invalid console size" resize-tty e2e-tty 0 25

rh exec -d e2e-tty sh -c "sleep $tree_secs & sleep $tree_secs"
for _ in $(seq 100); do
  [ "$(pgrep -fc "^sleep $tree_secs\$" || true)" -eq 2 ] && break
  sleep 0.1
done
[ "$(pgrep -fc "^sleep $tree_secs\$" || true)" -eq 2 ] || fail "the exec'd tree: $(pgrep -af "sleep $tree_secs")"
rh delete --force e2e-tty
no_processes "^sleep $tree_secs\$"
root_is_empty
pass "delete --force ends the exec'd process and its background child"

echo "=== a bundle with windows.hyperv runs in a Windows utility VM of its own"
bundle "$work/b-hv" '["sh", "-c", "echo in the VM; cat etc/motd; exit 5"]'
mkdir -p "$work/b-hv/layers/base/UtilityVM/Files"
: > "$work/b-hv/layers/base/UtilityVM/SystemTemplate.vhdx"
python3 - "$work/b-hv/config.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["windows"]["hyperv"] = {}
json.dump(config, open(sys.argv[1], "w"), indent=2)
PY
rc=0
out="$(rh run -b "$work/b-hv" e2e-hv)" || rc=$?
[ "$rc" -eq 5 ] || fail "hyperv run exit code $rc, expected 5"
[ "$out" = "in the VM
hcs4j example base layer" ] || fail "hyperv run output: $out"
root_is_empty
[ -z "$(ls -A "$work/hv" 2>/dev/null)" ] && [ -z "$(ls -A "$work/emu" 2>/dev/null | grep '@vm')" ] \
  || fail "the utility VM left: $(ls -A "$work/hv" "$work/emu" 2>/dev/null)"
no_processes "$work/hv/e2e-hv@vm"
pass "run of a windows.hyperv bundle: output and exit code from the VM's guest, no VM left"

echo "=== bad input"
expect_error "does not exist" run -b "$work/no-such-bundle" e2e-bad
mkdir -p "$work/b-invalid" && echo '{"ociVersion": "1.1.0", "process": {"args": [' > "$work/b-invalid/config.json"
expect_error "invalid" run -b "$work/b-invalid" e2e-bad
echo '{"ociVersion": "1.1.0", "process": {"args": "not-a-list"}}' > "$work/b-invalid/config.json"
expect_error "invalid" create -b "$work/b-invalid" e2e-bad
echo '{"ociVersion": "1.1.0", "process": {"args": ["true"]}}' > "$work/b-invalid/config.json"
expect_error "no windows section" run -b "$work/b-invalid" e2e-bad
bundle "$work/b-nolayer" '["true"]'
python3 - "$work/b-nolayer/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); c["windows"]["layerFolders"][1] = "layers/missing"; json.dump(c, open(sys.argv[1], "w"))
PY
expect_error "does not exist" run -b "$work/b-nolayer" e2e-bad
mkdir -p "$work/b-empty"
expect_error "has no config.json" create -b "$work/b-empty" e2e-bad
root_is_empty
rh create -b "$work/b-long" e2e-dup > /dev/null 2>&1
expect_error "already exists" create -b "$work/b-long" e2e-dup
expect_error "already exists" run -b "$work/b-long" e2e-dup
rh delete --force e2e-dup
for cmd in state start delete kill pause resume ps; do
  expect_error "does not exist" $cmd e2e-unknown
done
expect_error "does not exist" exec e2e-unknown true
expect_error "does not exist" resize-tty e2e-unknown 80 25
for bad in ".." "../e2e-escape" "a/b" "/etc" "." "-" "x\$(id)" "$(printf 'a\nb')" "$(printf 'x%.0s' $(seq 65))"; do
  expect_error "invalid container id" create -b "$work/b-long" -- "$bad"
  expect_error "invalid container id" state -- "$bad"
  expect_error "invalid container id" delete -- "$bad"
done
expect_error "cannot be empty" state ""
expect_error "Missing required parameter" state
expect_error "Unknown option" list --bogus
[ ! -e "$work/e2e-escape" ] && [ ! -e "$work/root/../e2e-escape" ] || fail "path traversal created something"
root_is_empty
no_processes "$marker"
pass "bad input leaves nothing behind"

echo "=== 20 containers in parallel"
n=20
for i in $(seq $n); do
  bundle "$work/p$i" "[\"sh\", \"-c\", \"echo container-$i; cat etc/motd; exit \$((\$0 % 7))\", \"$i\"]"
done
par_start=$(date +%s%N)
pids=()
for i in $(seq $n); do
  "$runhcs" run -b "$work/p$i" "e2e-par-$i" > "$work/p$i.out" 2> "$work/p$i.err" &
  pids+=($!)
done
for i in $(seq $n); do
  rc=0
  wait "${pids[$((i - 1))]}" || rc=$?
  [ "$rc" -eq $((i % 7)) ] || fail "parallel container $i exit code $rc (stderr: $(cat "$work/p$i.err"))"
  [ "$(cat "$work/p$i.out")" = "container-$i
hcs4j example base layer" ] || fail "parallel container $i output: $(cat "$work/p$i.out")"
done
par_ms=$(( ($(date +%s%N) - par_start) / 1000000 ))
root_is_empty
no_processes "$HCS4J_ROOT"
pass "$n containers in parallel: outputs and exit codes correct, nothing left ($par_ms ms)"

echo "=== figures (ms per CLI call, each a new JVM; this machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
awk '{ k = $2; n[k]++; s[k] += $3; if ($3 > m[k]) m[k] = $3 }
  END { for (k in n) printf "  %-8s calls %3d  mean %5d  max %5d\n", k, n[k], s[k] / n[k], m[k] }' "$timings" | sort
echo "  parallel: $n x run in $par_ms ms"
echo "PASS e2e-runhcs"
