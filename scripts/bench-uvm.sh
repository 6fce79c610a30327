#!/usr/bin/env bash
# Benchmark of the GCS bridge against the emulated guest: exec round trip (median of 50 `true`) and stdout
# throughput (200 MiB), beside baselines, as ratios: the round trip beside a direct local process, the throughput
# beside the same file copied over a unix stream socket (the kind the bridge's stdio uses) and read the same way;
# then exec round trip and container create through each guest container runtime (runc, chroot fallback) side by side;
# then a VM's first container create + start on a fresh agent, a pooled agent's first VM and a recycled agent.
# Needs busybox-static (/usr/bin/busybox). Prints figures; fails only if the run itself fails.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl emulator -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="emulator/target/test-classes:emulator/target/classes:$(cat emulator/target/bench.classpath)"
java -cp "$cp" io.hcs4j.emulator.guest.UvmBench
java -cp "$cp" io.hcs4j.emulator.guest.RuntimeBench
java -cp "$cp" io.hcs4j.emulator.guest.PoolBench
