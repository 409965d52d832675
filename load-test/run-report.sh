#!/usr/bin/env bash
# Runs the scenarios behind RESULTS.md one after the other and copies each run's results.json and
# plots to load-test/results/<scenario>/ (or $RESULTS_DIR/<scenario>/). Prints the load average before each run; run it on a
# quiet machine (it takes about 15 minutes on 2 cores).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(max-1-instance max-2-instances kill-1-of-2)
status=0
for s in "${scenarios[@]}"; do
  out="load-test/out/$s-$(date +%Y%m%d-%H%M%S)"
  echo "== $s ($(date -u +%H:%M:%S) UTC, $(uptime | sed 's/.*load average/load average/'))"
  ULTRALINE_JAVA_OPTS="${ULTRALINE_JAVA_OPTS:--Xmx2g}" ./ultraline loadtest --scenario "load-test/scenarios/$s.yaml" \
    --out "$out" || status=1
  dest="${RESULTS_DIR:-load-test/results}/$s"
  mkdir -p "$dest"
  cp "$out/results.json" "$out"/*.png "$dest/"
done
exit $status
