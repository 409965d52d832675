#!/usr/bin/env bash
# Builds the embedded Apicurio Registry runner, target/quarkus-app/quarkus-run.jar, next to this
# script. The root build calls it in pre-integration-test; it returns at once while the runner is
# newer than pom.xml, so only the first build (or a pom change) pays for the Quarkus augmentation.
#
#   build.sh [--force] [--offline=true|false]
#
# --force builds even when the runner looks fresh; --offline=true runs Maven with -o (the root pom
# passes its own ${settings.offline}, so `mvn -o verify` stays offline all the way down).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runner="$here/target/quarkus-app/quarkus-run.jar"

force=false
offline=false
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    --offline=true) offline=true ;;
    --offline=false) ;;
    *) echo "usage: $0 [--force] [--offline=true|false]" >&2; exit 2 ;;
  esac
done

if [[ "$force" == false && -f "$runner" && "$runner" -nt "$here/pom.xml" ]]; then
  exit 0
fi

if [[ -x "$root/mvnw" ]]; then
  maven="$root/mvnw"
else
  maven=mvn
fi

args=(-q -B -f "$here/pom.xml")
if [[ "$offline" == true ]]; then
  args+=(-o)
fi

echo "Building the embedded schema registry (Apicurio Registry) into $here/target/quarkus-app"
# clean: the unpack step keeps markers and would otherwise skip a changed app version
"$maven" "${args[@]}" clean package

if [[ ! -f "$runner" ]]; then
  echo "Registry build finished without $runner" >&2
  exit 1
fi
