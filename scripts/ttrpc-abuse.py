#!/usr/bin/env python3
"""A hostile ttrpc client against a running shim daemon (issue 15, defect 3).

usage: ttrpc-abuse.py SOCKET SHIM_PID TASK_ID [-- COMMAND...]

Sends 100 000 pipelined State requests on one connection and never reads an answer, opens 40
connections that each send the first 11 bytes of a frame declaring 4 MiB, and holds them. Prints the
shim's threads and RSS when idle, while abused, and once the server has cut the stalled frames; then
checks that the shim still answers a well-behaved client (its own State request, and COMMAND, e.g. a
ctr exec through containerd, run while the greedy connection is still held). Fails when the shim is
not serving, or when, after the abuse, it holds 2x its idle threads or more, or RSS + 32 MB or more.
"""
import socket
import struct
import subprocess
import sys
import threading
import time

PIPELINED = 100_000
HALF_FRAMES = 40
RSS_MARGIN_KB = 32 * 1024


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(number, data):
    return varint(number << 3 | 2) + varint(len(data)) + data


def frame(stream, payload):
    return struct.pack(">IIBB", len(payload), stream, 1, 0) + payload


def state_request(task_id):
    return (field(1, b"containerd.task.v2.Task") + field(2, b"State") + field(3, field(1, task_id.encode()))
            + field(5, field(1, b"containerd-namespace-ttrpc") + field(2, b"hcs4j")))


def usage(pid):
    threads = rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                threads = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    return threads, rss


def show(label, figures):
    print(f"  {label:<36} threads {figures[0]:>4}   RSS {figures[1] / 1024:7.1f} MB", flush=True)


def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    return s


def read_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise EOFError("connection closed")
        data += chunk
    return data


def well_behaved_state(path, task_id):
    """One State request, answer read: True when a response frame for its stream comes back."""
    with connect(path) as s:
        s.settimeout(10)
        s.sendall(frame(1, state_request(task_id)))
        length, stream, kind, _ = struct.unpack(">IIBB", read_exactly(s, 10))
        read_exactly(s, length)
        return stream == 1 and kind == 2


def main():
    argv = sys.argv[1:]
    command = []
    if "--" in argv:
        command = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    path, pid, task_id = argv[0], int(argv[1]), argv[2]
    ok = True

    idle = usage(pid)
    show("idle", idle)

    greedy = connect(path)
    request = frame(0, state_request(task_id))[10:]
    flood = b"".join(frame(2 * i + 1, request) for i in range(PIPELINED))
    sender = threading.Thread(target=lambda: _send_quietly(greedy, flood), daemon=True)
    sender.start()
    length = 4 << 20
    half = []
    for _ in range(HALF_FRAMES):
        s = connect(path)
        s.sendall(struct.pack(">IIBB", length, 1, 1, 0) + b"x")
        half.append(s)
    time.sleep(2)
    abused = usage(pid)
    show(f"{PIPELINED} pipelined + {HALF_FRAMES} half frames", abused)
    print(f"  greedy client still sending (held back by the server): {sender.is_alive()}", flush=True)

    cut = 0
    deadline = time.time() + 60
    for s in half:
        s.settimeout(max(0.1, deadline - time.time()))
        try:
            if s.recv(1) == b"":
                cut += 1
        except (socket.timeout, OSError):
            pass
        s.close()
    print(f"  half frames cut by the server: {cut}/{HALF_FRAMES}", flush=True)
    ok &= cut == HALF_FRAMES

    served = well_behaved_state(path, task_id)
    print(f"  a well-behaved client is answered: {served}", flush=True)
    ok &= served
    if command:
        rc = subprocess.run(command).returncode
        print(f"  {' '.join(command)}: exit {rc}", flush=True)
        ok &= rc == 0

    time.sleep(1)
    after = usage(pid)
    show("after (greedy client still held)", after)
    threads_ok = after[0] < 2 * idle[0]
    rss_ok = after[1] < idle[1] + RSS_MARGIN_KB
    print(f"  bound: threads < {2 * idle[0]}: {threads_ok}; RSS < {(idle[1] + RSS_MARGIN_KB) / 1024:.1f} MB: {rss_ok}",
          flush=True)
    ok &= threads_ok and rss_ok
    greedy.close()
    return 0 if ok else 1


def _send_quietly(s, data):
    try:
        s.sendall(data)
    except OSError:
        pass  # closed while the server held the rest back


if __name__ == "__main__":
    sys.exit(main())
