#!/usr/bin/env bash
# End-to-end test of Linux containers as containerd on Windows runs them (issue 13), on the HCS emulator:
# busybox layers converted with tar2ext4 (-vhd), a scratch made once with `runhcs create-scratch` and copied per
# container, laid out as containerd's windows-lcow snapshotter lays out snapshots (snapshots/<id>/layer.vhd,
# snapshots/<id>/sandbox.vhdx), and the shim driven over ttrpc with containerd on Windows' calls (scripts/
# TaskClient.java): Create with an lcow-layer rootfs mount and LCOW runtime options, Start, Exec, Kill, Wait,
# Delete, Shutdown. Checks output and exit codes; that files a container writes land in its scratch (debugfs) and
# survive a restart of the same container from it; that a pod's two containers share one vPMem attachment per
# layer; that after delete no loop device, mount, VM directory or shim is left.
# Needs root and loop devices (the emulated guest loop-mounts the disks); says so and skips without them.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "$(id -u)" -ne 0 ]; then echo "SKIP: $0 needs root (the emulated guest mounts the VHDs)"; exit 0; fi
if [ ! -e /dev/loop-control ]; then echo "SKIP: $0 needs loop devices (/dev/loop-control is missing)"; exit 0; fi
missing=()
[ -x /bin/busybox ] || missing+=(busybox-static)
command -v debugfs >/dev/null 2>&1 || missing+=(e2fsprogs)
command -v pgrep >/dev/null 2>&1 || missing+=(procps)
command -v losetup >/dev/null 2>&1 || missing+=(mount)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q "${missing[@]}"
fi
jar=$(ls "$repo"/shim/target/hcs4j-shim-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ]; then
  (cd "$repo" && ./mvnw -B -q -pl shim,runhcs -am package -DskipTests)
  jar=$(ls "$repo"/shim/target/hcs4j-shim-*-all.jar | head -1)
fi
export HCS4J_SHIM_JAR=$jar HCS4J_BACKEND=emulator HCS4J_VM_MEMORY_MB=512

work="$(mktemp -d /tmp/hcs4j-lcow-e2e.XXXXXX)"
address="$work/containerd.sock"     # no containerd listens: the shim's events go nowhere, as in a dead daemon
namespace="lcow-e2e-$$"
cleanup() {
  # Only after a failure: end this run's shims, then, as containerd after a dead shim, their `delete` ends the VMs.
  for pid in $(pgrep -f -- "-address $address" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
  for b in "$work"/bundles/*/; do
    [ -d "$b" ] && "$repo/scripts/containerd-shim-runhcs-v1" -namespace "$namespace" -address "$address" \
      -publish-binary /bin/true -id "$(basename "$b")" -bundle "$b" delete >/dev/null 2>&1 || true
  done
  grep " $work" /proc/self/mountinfo | awk '{print $5}' | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok   $*"; }

javac -cp "$jar" -d "$work/client" "$repo/scripts/TaskClient.java"
task() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$jar:$work/client" TaskClient "$@"; }

# ---- layers: busybox at the bottom, a file on top; tar2ext4 -vhd makes each layer.vhd
root="$work/lcow"                     # the snapshotter's root
mkdir -p "$work/base/bin" "$work/base/tmp" "$work/base/etc" "$work/top/etc"
cp /bin/busybox "$work/base/bin/busybox"
for a in sh echo cat true sleep ls; do ln -s busybox "$work/base/bin/$a"; done
echo "from the top layer" > "$work/top/etc/msg"
for l in base top; do
  tar -C "$work/$l" --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -cf "$work/$l.tar" .
done
mkdir -p "$root/snapshots/1" "$root/snapshots/2"
"$repo/scripts/tar2ext4" -i "$work/base.tar" -o "$root/snapshots/1/layer.vhd" -vhd
"$repo/scripts/tar2ext4" -i "$work/top.tar" -o "$root/snapshots/2/layer.vhd" -vhd
parents="parentLayerPaths=[\"$root/snapshots/2\",\"$root/snapshots/1\"]"   # topmost first
pass "tar2ext4 made the layers ($(stat -c %s "$root/snapshots/1/layer.vhd") and $(stat -c %s "$root/snapshots/2/layer.vhd") bytes)"

# ---- the scratch: made once by create-scratch, copied into each active snapshot
"$repo/scripts/runhcs" create-scratch --destpath "$root/scratch.vhdx" --sizeGB 1
snapshot() { mkdir -p "$root/snapshots/$1"; cp --sparse=always "$root/scratch.vhdx" "$root/snapshots/$1/sandbox.vhdx"; }
pass "create-scratch made the scratch ($(stat -c %s "$root/scratch.vhdx") bytes)"

# bundle <id> <args JSON> [annotations JSON]: a Linux spec as containerd on Windows writes it for LCOW.
bundle() {
  mkdir -p "$work/bundles/$1"
  cat > "$work/bundles/$1/config.json" <<JSON
{"ociVersion":"1.1.0","process":{"args":$2,"cwd":"/","env":["PATH=/bin"]},"root":{"path":"rootfs"},
 "linux":{},"windows":{"hyperV":{}},"annotations":${3:-{\}}}
JSON
}
# shim_start <id>: containerd's start call, in the bundle; prints the address.
shim_start() {
  (cd "$work/bundles/$1" && "$repo/scripts/containerd-shim-runhcs-v1" -namespace "$namespace" -address "$address" \
    -publish-binary /bin/true -id "$1" start)
}
expect() { [ "$2" = "$3" ] || fail "$1: expected '$3', got '$2'"; pass "$1: $2"; }
nothing_left() {
  if losetup -a | grep -q -- "$root"; then fail "loop devices left: $(losetup -a | grep -- "$root")"; fi
  if grep -q " $work" /proc/self/mountinfo; then fail "mounts left: $(grep " $work" /proc/self/mountinfo)"; fi
  for vm in "$@"; do
    [ ! -e "/run/hcs4j/hvsock/$vm@vm" ] || fail "VM directory of $vm left"
  done
  if pgrep -f -- "-address $address" >/dev/null; then fail "shim left: $(pgrep -af -- "-address $address")"; fi
  pass "nothing attached, mounted or running"
}
shim_gone() {  # Shutdown ends the shim; wait for it (containerd does not, but the checks need it gone)
  for _ in $(seq 100); do pgrep -f -- "-address $address" >/dev/null || return 0; sleep 0.1; done
  fail "the shim did not exit after Shutdown"
}

# ---- a standalone container: run, exec, kill, delete
snapshot c1
bundle c1 '["sh","-c","cat /etc/msg; echo written by c1 > /data; sleep 1000"]'
a=$(shim_start c1)
task create "$a" c1 "$work/bundles/c1" "$work/c1.out" lcow-layer "$root/snapshots/c1" rw "$parents"
task start "$a" c1 >/dev/null
task exec "$a" c1 e1 "$work/e1.out" sh -c 'while [ ! -f /data ]; do sleep 0.1; done; cat /data; exit 5'
task start "$a" c1 e1 >/dev/null
expect "exec exit code" "$(task wait "$a" c1 e1)" 5
expect "exec output" "$(cat "$work/e1.out")" "written by c1"
task delete "$a" c1 e1 >/dev/null
task kill "$a" c1 9
expect "init exit code after SIGKILL" "$(task wait "$a" c1)" 137
expect "init output" "$(head -1 "$work/c1.out")" "from the top layer"
expect "delete's exit status" "$(task delete "$a" c1)" 137
task shutdown "$a" c1 2>/dev/null || true
shim_gone
nothing_left c1
expect "the write is in the scratch" "$(debugfs -R "cat /scratch/c1/upper/data" "$root/snapshots/c1/sandbox.vhdx" 2>/dev/null)" \
  "written by c1"

# ---- the same container again, from the same scratch
bundle c1 '["sh","-c","cat /data; exit 3"]'
a=$(shim_start c1)
task create "$a" c1 "$work/bundles/c1" "$work/c1-again.out" lcow-layer "$root/snapshots/c1" rw "$parents"
task start "$a" c1 >/dev/null
expect "restart's exit code" "$(task wait "$a" c1)" 3
expect "the restarted container sees its write" "$(cat "$work/c1-again.out")" "written by c1"
task delete "$a" c1 >/dev/null
task shutdown "$a" c1 2>/dev/null || true
shim_gone
nothing_left c1

# ---- a pod: sandbox and container share the VM and one attachment per layer
snapshot pod1
snapshot app1
bundle pod1 '["sleep","1000"]' '{"io.kubernetes.cri.container-type":"sandbox","io.kubernetes.cri.sandbox-id":"pod1"}'
bundle app1 '["sh","-c","cat /etc/msg; sleep 1000"]' \
  '{"io.kubernetes.cri.container-type":"container","io.kubernetes.cri.sandbox-id":"pod1"}'
a=$(shim_start pod1)
task create "$a" pod1 "$work/bundles/pod1" "$work/pod1.out" lcow-layer "$root/snapshots/pod1" rw "$parents"
task start "$a" pod1 >/dev/null
expect "the container's shim is the sandbox's" "$(shim_start app1)" "$a"
task create "$a" app1 "$work/bundles/app1" "$work/app1.out" lcow-layer "$root/snapshots/app1" rw "$parents"
task start "$a" app1 >/dev/null
devices="/run/hcs4j/hvsock/pod1@vm/devices"
expect "vPMem devices for two containers of two layers" "$(ls "$devices/vpmem" | wc -l)" 2
expect "scratch disks (one per container)" "$(ls "$devices/scsi" | wc -l)" 2
expect "loop devices on the layers" "$(losetup -a | grep -c -- "/snapshots/[12]/layer.vhd")" 2
task kill "$a" app1 9
expect "app exit code" "$(task wait "$a" app1)" 137
task delete "$a" app1 >/dev/null
expect "the sandbox keeps the layers" "$(ls "$devices/vpmem" | wc -l)" 2
task kill "$a" pod1 9
expect "sandbox exit code" "$(task wait "$a" pod1)" 137
task delete "$a" pod1 >/dev/null
task shutdown "$a" pod1 2>/dev/null || true
shim_gone
nothing_left pod1

# ---- bad input: refused with the path, no VM left
snapshot bad
bundle bad '["true"]'
a=$(shim_start bad)
out=$(task create "$a" bad "$work/bundles/bad" "$work/bad.out" lcow-layer "$root/snapshots/bad" rw \
  "parentLayerPaths=[\"$root/snapshots/none\"]" 2>&1 || true)
[[ "$out" == FAILED_PRECONDITION:*"$root/snapshots/none/layer.vhd"* ]] || fail "missing layer: $out"
pass "missing layer.vhd: $out"
out=$(task create "$a" bad "$work/bundles/bad" "$work/bad.out" lcow-layer "$root/snapshots/bad" rw \
  'parentLayerPaths=[not json' 2>&1 || true)
[[ "$out" == INVALID_ARGUMENT:*"parentLayerPaths is not JSON"* ]] || fail "bad parentLayerPaths: $out"
pass "parentLayerPaths not JSON: $out"
task shutdown "$a" bad 2>/dev/null || true
shim_gone
nothing_left bad
echo "PASS: $0"
