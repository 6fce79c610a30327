# Shared by the containerd e2e scripts and bench-containerd.sh (sourced, not run): a private containerd in a
# temp dir with hcs4j's shim on its PATH, an offline busybox OCI image, and the e2e scripts' checks.
# Never touches a system containerd: own config, root, state, sockets; everything under $CTRD_DIR.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGE=docker.io/hcs4j/busybox:offline

ensure_packages() {
  local missing=()
  command -v containerd >/dev/null 2>&1 || missing+=(containerd)
  command -v runc >/dev/null 2>&1 || missing+=(runc)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  command -v pgrep >/dev/null 2>&1 || missing+=(procps)
  command -v script >/dev/null 2>&1 || missing+=(bsdutils)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
  fi
}

ensure_shim_jar() {
  SHIM_JAR=$(ls "$REPO_ROOT"/shim/target/hcs4j-shim-*-all.jar 2>/dev/null | head -1 || true)
  if [ -z "$SHIM_JAR" ]; then
    (cd "$REPO_ROOT" && ./mvnw -B -q -pl shim -am package -DskipTests)
    SHIM_JAR=$(ls "$REPO_ROOT"/shim/target/hcs4j-shim-*-all.jar | head -1)
  fi
  export HCS4J_SHIM_JAR=$SHIM_JAR
}

# Every ctr call is bounded: a wedged daemon must fail the script, not hang CI.
ctr_() { timeout 180 ctr --address "$CTRD_SOCK" --namespace hcs4j "$@"; }

start_containerd() {
  CTRD_DIR=$(mktemp -d /tmp/hcs4j-ctrd.XXXXXX)
  CTRD_SOCK=$CTRD_DIR/containerd.sock
  mkdir -p "$CTRD_DIR/bin"
  ln -s "$REPO_ROOT/scripts/containerd-shim-runhcs-v1" "$CTRD_DIR/bin/containerd-shim-runhcs-v1"
  cat > "$CTRD_DIR/config.toml" <<TOML
version = 2
root = "$CTRD_DIR/root"
state = "$CTRD_DIR/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$CTRD_SOCK"
[ttrpc]
  address = "$CTRD_SOCK.ttrpc"
[debug]
  level = "info"
[plugins."io.containerd.internal.v1.opt"]
  path = "$CTRD_DIR/opt"
TOML
  run_containerd
}

run_containerd() {
  # The shim inherits containerd's environment: its socket and utility-VM socket directories and the
  # emulator's VM records stay under CTRD_DIR.
  mkdir -p "$CTRD_DIR/hv"
  PATH="$CTRD_DIR/bin:$PATH" HCS4J_SOCKET_DIR="$CTRD_DIR/s" HCS4J_HVSOCK_ROOT="$CTRD_DIR/hv" \
    HCS4J_EMULATOR_STATE="$CTRD_DIR/emu" \
    containerd --config "$CTRD_DIR/config.toml" >>"$CTRD_DIR/containerd.log" 2>&1 &
  CTRD_PID=$!
  local i
  for i in $(seq 1 100); do
    if ctr_ version >/dev/null 2>&1; then return 0; fi
    kill -0 "$CTRD_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "containerd did not start; log:" >&2
  tail -50 "$CTRD_DIR/containerd.log" >&2
  return 1
}

stop_containerd() {
  [ -n "${CTRD_PID:-}" ] || return 0
  kill "$CTRD_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do kill -0 "$CTRD_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$CTRD_PID" 2>/dev/null || true
  wait "$CTRD_PID" 2>/dev/null || true
  CTRD_PID=
}

# Tears everything down: tasks and shims of our containerd only, its mounts, then the directory.
cleanup_containerd() {
  set +e
  [ -n "${CTRD_DIR:-}" ] || return 0
  if [ -n "${CTRD_PID:-}" ] && kill -0 "$CTRD_PID" 2>/dev/null; then
    for c in $(timeout 10 ctr --address "$CTRD_SOCK" -n hcs4j containers ls -q 2>/dev/null); do
      timeout 10 ctr --address "$CTRD_SOCK" -n hcs4j tasks kill -s SIGKILL "$c" >/dev/null 2>&1
    done
    for c in $(timeout 10 ctr --address "$CTRD_SOCK" -n hcs4j containers ls -q 2>/dev/null); do
      timeout 10 ctr --address "$CTRD_SOCK" -n hcs4j tasks delete -f "$c" >/dev/null 2>&1
      timeout 10 ctr --address "$CTRD_SOCK" -n hcs4j containers delete "$c" >/dev/null 2>&1
    done
  fi
  stop_containerd
  # Shims whose command line names our private containerd (ours only, by pid).
  for pid in $(pgrep -f -- "-address $CTRD_SOCK" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  grep " $CTRD_DIR" /proc/self/mountinfo | awk '{print $5}' | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$CTRD_DIR"
}

build_image() {
  local d=$CTRD_DIR/image
  mkdir -p "$d/layer/bin" "$d/layer/tmp" "$d/layer/proc" "$d/layer/dev" "$d/layer/etc" "$d/oci/blobs/sha256"
  cp /bin/busybox "$d/layer/bin/busybox"
  local a
  for a in sh echo cat true false sleep ls ps env id kill wc head tr printf test expr seq yes grep; do
    ln -s busybox "$d/layer/bin/$a"
  done
  echo "root:x:0:0:root:/:/bin/sh" > "$d/layer/etc/passwd"
  tar -C "$d/layer" --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -cf "$d/layer.tar" .
  local diff_id layer_digest layer_size
  diff_id=$(sha256sum "$d/layer.tar" | cut -d' ' -f1)
  gzip -n -c "$d/layer.tar" > "$d/layer.tar.gz"
  layer_digest=$(sha256sum "$d/layer.tar.gz" | cut -d' ' -f1)
  layer_size=$(stat -c %s "$d/layer.tar.gz")
  cp "$d/layer.tar.gz" "$d/oci/blobs/sha256/$layer_digest"
  printf '{"architecture":"%s","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$(dpkg --print-architecture 2>/dev/null || echo amd64)" "$diff_id" > "$d/config.json"
  local config_digest config_size
  config_digest=$(sha256sum "$d/config.json" | cut -d' ' -f1)
  config_size=$(stat -c %s "$d/config.json")
  cp "$d/config.json" "$d/oci/blobs/sha256/$config_digest"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config_digest" "$config_size" "$layer_digest" "$layer_size" > "$d/manifest.json"
  local manifest_digest manifest_size
  manifest_digest=$(sha256sum "$d/manifest.json" | cut -d' ' -f1)
  manifest_size=$(stat -c %s "$d/manifest.json")
  cp "$d/manifest.json" "$d/oci/blobs/sha256/$manifest_digest"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"offline"}}]}' \
    "$manifest_digest" "$manifest_size" "$IMAGE" > "$d/oci/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$d/oci/oci-layout"
  tar -C "$d/oci" -cf "$d/image.tar" oci-layout index.json blobs
  ctr_ images import "$d/image.tar" >/dev/null
}

# --- checks and task helpers of the e2e scripts
passed=0
failed=0
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
ok() { echo "ok: $*"; passed=$((passed + 1)); }
# check NAME CMD...: runs CMD, counts the result
check() { local name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }

# The EXIT trap of an e2e script: on failure the containerd log's tail, then everything torn down. A trap of
# its own that calls it passes the script's exit status.
finish() {
  local rc=${1:-$?}
  if [ -n "${CTRD_DIR:-}" ] && { [ "$failed" -gt 0 ] || [ "$rc" -ne 0 ]; }; then
    echo "--- containerd log (tail)" >&2
    tail -60 "$CTRD_DIR/containerd.log" >&2 || true
  fi
  cleanup_containerd
}

task_status() { ctr_ tasks ls 2>/dev/null | awk -v id="$1" '$1 == id {print $3}'; }
wait_status() { # id status: bounded wait for a task status
  local i
  for i in $(seq 1 100); do [ "$(task_status "$1")" = "$2" ] && return 0; sleep 0.1; done
  return 1
}
# eventually CMD...: polls CMD (bounded, 30 s) until it succeeds
eventually() { local i; for i in $(seq 1 300); do "$@" && return 0; sleep 0.1; done; return 1; }
shim_pids() { pgrep -f -- "-address $CTRD_SOCK .*-id $1 .*serve" || true; }
rm_task() { ctr_ tasks kill -s SIGKILL "$1" >/dev/null 2>&1 || true; wait_status "$1" STOPPED || true
  ctr_ tasks delete "$1" >/dev/null 2>&1 || true; ctr_ containers delete "$1" >/dev/null 2>&1 || true; }
