#!/usr/bin/env bash
# Prints the class path of one module's tests: its classes, its test classes and every dependency
# down to test scope (the modules below it as their target/ folders). For the benchmarks and
# studies kept in the test trees and run by hand, e.g.
#
#   java -cp "$(dev/test-classpath.sh ultraline-tools)" io.ultraline.evaluation.DetectionStudy DIR models/line-vit
#
# Compiles what is stale first (Maven's output goes to stderr).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="${1:?usage: dev/test-classpath.sh ultraline-core|ultraline-service|ultraline-tools}"
if [[ ! -f "$root/$module/pom.xml" ]]; then
  echo "no module $module under $root" >&2
  exit 2
fi
(cd "$root" && ./mvnw -q -B -DskipRegistryBuild=true -pl "$module" -am test-compile \
    dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt) >&2
echo "$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$root/$module/target/test-classpath.txt")"
