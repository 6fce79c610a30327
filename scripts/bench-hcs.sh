#!/usr/bin/env bash
# Prints the HCS facade's per-call overhead against the emulator's own cost (see HcsBench's javadoc).
# Usage: scripts/bench-hcs.sh [iterations]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."

cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# One reactor run, so sibling modules resolve to their target/classes; emulator is built last and writes the file last.
./mvnw -B -q -pl emulator -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
java -cp "emulator/target/test-classes:emulator/target/classes:$(cat "$cp_file")" \
  -Dhcs4j.log.level=warn \
  io.hcs4j.emulator.hcs.HcsBench "${1:-200}"
