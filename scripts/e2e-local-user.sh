#!/usr/bin/env bash
# End-to-end: a second local user cannot squat, bind, connect to or read hcs4j's runtime directories (issue 15).
# As root, creates a user (deleted on exit) that pre-creates, world-writable, the directories hcs4j would use: a
# runhcs state root, a shim socket directory and a utility VM's socket directory (the original report: a squatted
# <hvsock root>/<vm id> took the guest's connection). Each is refused with a clear error and left unused. Then a
# runhcs container and a containerd task run normally, and the user can list, read, plant or connect to nothing in
# the shim's, the bridge's, the holder's or the state directories. Skipped (exit 0, with the assumption) as non-root.
set -euo pipefail
source "$(dirname "$0")/lib-containerd.sh"
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: ASSUMPTION: creating a second local user needs root; run as root (CI does)"
  exit 0
fi

user="hcs4j-e2e-$$"
work=""
# The library's finish (containerd's log on failure, containerd torn down), then what this script made.
finish_local_user() {
  local rc=$?
  set +e
  finish "$rc"
  [ -n "${HOLDER_ID:-}" ] && HCS4J_ROOT="$work/root" "$REPO_ROOT/scripts/runhcs" delete --force "$HOLDER_ID" >/dev/null 2>&1
  id "$user" >/dev/null 2>&1 && userdel "$user"
  [ -n "$work" ] && rm -rf "$work"
  exit "$rc"
}
trap finish_local_user EXIT
trap 'exit 130' INT TERM

ensure_packages
ensure_shim_jar
useradd --system --no-create-home --user-group --shell /usr/sbin/nologin "$user"
as_user() { setpriv --reuid="$user" --regid="$user" --clear-groups -- "$@"; }

work=$(mktemp -d /tmp/hcs4j-e2e-user.XXXXXX)
chmod 755 "$work"
shared="$work/shared"
mkdir "$shared" && chmod 1777 "$shared"     # a /tmp-like directory both users can write
java_bin=$(readlink -f "$(command -v java)")
# connect PATH, run as the user: exit 0 only when a unix socket at PATH accepted the connection.
cat > "$shared/Connect.java" <<'JAVA'
public class Connect {
    public static void main(String[] a) throws Exception {
        java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(a[0])).close();
    }
}
JAVA
cannot_connect() { ! as_user "$java_bin" "$shared/Connect.java" "$1" >/dev/null 2>&1; }
# refused NAME DIR OUTPUT-FILE: the command failed naming the directory, and left the squatted directory empty.
refused() {
  if grep -q "refusing $2" "$3" && [ -d "$2" ] && [ -z "$(ls -A "$2")" ]; then
    ok "$1: $(grep -o "refusing $2.*" "$3" | head -1 | cut -c1-200)"
  else
    fail "$1: $(cat "$3")"
  fi
}

echo "=== squatted directories are refused, not used"
bundle="$work/bundle"
cp -r "$REPO_ROOT/examples/hello/." "$bundle/"
as_user mkdir -m 777 "$shared/runhcs-root"
if HCS4J_ROOT="$shared/runhcs-root" HCS4J_BACKEND=emulator "$REPO_ROOT/scripts/runhcs" create -b "$bundle" squat1 \
    > "$work/runhcs.out" 2>&1; then
  fail "runhcs used a state root another user made"
else
  refused "runhcs refuses a state root another user made" "$shared/runhcs-root" "$work/runhcs.out"
fi

as_user mkdir -m 777 "$shared/shim"
if (cd "$bundle" && HCS4J_SOCKET_DIR="$shared/shim" "$REPO_ROOT/scripts/containerd-shim-runhcs-v1" -namespace e2e \
    -address "$work/none.sock" -publish-binary /bin/true -id squat2 start) > "$work/shim.out" 2>&1; then
  fail "the shim served from a socket directory another user made"
else
  refused "the shim refuses a socket directory another user made" "$shared/shim" "$work/shim.out"
fi

start_containerd
build_image
chmod 755 "$CTRD_DIR"
chmod 1777 "$CTRD_DIR/hv"                    # a /tmp-like hvsocket root: VM directories are what get squatted
as_user mkdir -m 777 "$CTRD_DIR/hv/squat3@vm"
if ctr_ run --rm --runtime io.containerd.runhcs.v1 "$IMAGE" squat3 true > "$work/ctr.out" 2>&1; then
  fail "a utility VM used a socket directory another user made"
else
  refused "a utility VM refuses a socket directory another user made" "$CTRD_DIR/hv/squat3@vm" "$work/ctr.out"
fi
ctr_ containers delete squat3 >/dev/null 2>&1 || true

echo "=== what runs is closed to the other user"
HOLDER_ID=e2e-user-holder
HCS4J_ROOT="$work/root" HCS4J_BACKEND=emulator "$REPO_ROOT/scripts/runhcs" create -b "$bundle" "$HOLDER_ID" >/dev/null
ctr_ run -d --runtime io.containerd.runhcs.v1 "$IMAGE" e2e-user sleep 300 >/dev/null
vm_dir="$CTRD_DIR/hv/e2e-user@vm"
shim_sock=$(ls "$CTRD_DIR"/s/*.sock | head -1)
# The bridge's sockets are gone once the guest has dialled them (the listener closes); its directory stays.
[ -d "$vm_dir" ] && [ -S "$shim_sock" ] && [ -S "$work/root/$HOLDER_ID/ctl.sock" ] \
  && ok "the bridge directory, shim and holder sockets exist" \
  || fail "missing: $(ls -R "$CTRD_DIR/s" "$vm_dir" "$work/root")"
[ "$(stat -c %a "$vm_dir")" = 700 ] && [ "$(stat -c %a "$CTRD_DIR/s")" = 700 ] && [ "$(stat -c %a "$work/root")" = 700 ] \
  && ok "the bridge, shim and state directories have mode 0700" || fail "modes: $(stat -c '%a %n' "$vm_dir" "$CTRD_DIR/s" "$work/root")"
for d in "$CTRD_DIR/s" "$vm_dir" "$CTRD_DIR/emu" "$work/root" "$work/root/$HOLDER_ID"; do
  if as_user ls "$d" >/dev/null 2>&1; then fail "the other user can list $d"; else ok "the other user cannot list $d"; fi
  if as_user touch "$d/planted" 2>/dev/null; then fail "the other user can plant files in $d"; else ok "the other user cannot bind or plant in $d"; fi
done
if as_user cat "$work/root/$HOLDER_ID/state.json" >/dev/null 2>&1; then fail "the other user can read state.json"; else ok "the other user cannot read state.json"; fi
for s in "$shim_sock" "$work/root/$HOLDER_ID/ctl.sock"; do
  if cannot_connect "$s"; then ok "the other user cannot connect to $s"; else fail "the other user connected to $s"; fi
done
[ "$(HCS4J_ROOT="$work/root" "$REPO_ROOT/scripts/runhcs" state "$HOLDER_ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = created ] \
  && ok "the holder still serves its own user" || fail "the holder does not answer"
rm_task e2e-user

echo "=== the shim pool's ready daemons are closed to the other user"
printf '#!/bin/sh\nHCS4J_SHIM_POOL_SIZE=1 exec "%s" "$@"\n' "$REPO_ROOT/scripts/containerd-shim-runhcs-v1" \
  > "$CTRD_DIR/bin/containerd-shim-runhcspool-v1"
chmod 755 "$CTRD_DIR/bin/containerd-shim-runhcspool-v1"
# A daemon that writes the class archive at exit (the first after a build) is never kept: wait for the archive.
eventually bash -c "ls '${SHIM_JAR%.jar}'-*.jsa >/dev/null 2>&1" || true
ctr_ run --rm --runtime io.containerd.runhcspool.v1 "$IMAGE" e2e-pool true >/dev/null
eventually bash -c "ls '$CTRD_DIR'/s/ready/*/* >/dev/null 2>&1" && ok "a daemon waits in the ready set" || fail "no ready daemon"
ready_dir=$(ls -d "$CTRD_DIR"/s/ready/* | head -1)
ready_fifo=$(ls "$ready_dir"/* | head -1)
[ "$(stat -c %a "$ready_dir")" = 700 ] && [ "$(stat -c %a "$ready_fifo")" = 600 ] \
  && ok "the ready set has mode 0700, its FIFO 0600" || fail "modes: $(stat -c '%a %n' "$ready_dir" "$ready_fifo")"
for d in "$CTRD_DIR/s/ready" "$ready_dir"; do
  if as_user ls "$d" >/dev/null 2>&1; then fail "the other user can list $d"; else ok "the other user cannot list $d"; fi
  if as_user touch "$d/planted" 2>/dev/null; then fail "the other user can plant files in $d"; else ok "the other user cannot plant in $d"; fi
done
if as_user mv "$ready_fifo" "$ready_dir/.c.stolen" 2>/dev/null || as_user sh -c "printf x 1<>'$ready_fifo'" 2>/dev/null; then
  fail "the other user can claim or write to a ready daemon"
else
  ok "the other user cannot claim or write to a ready daemon"
fi
rm -f "$ready_dir"/*
eventually bash -c "[ -z \"\$(pgrep -f -- '-address $CTRD_SOCK .*-id e2e-pool .*[s]erve')\" ]" \
  && ok "emptying the set ends the ready daemon" || fail "the ready daemon is still running"

echo "passed: $passed, failed: $failed"
[ "$failed" -eq 0 ]
