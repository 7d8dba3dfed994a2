#!/usr/bin/env bash
# Checks the Prometheus config and rules in docker/prometheus and runs their promtool unit tests.
# Needs promtool (Debian: apt-get install -y prometheus). Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../../docker/prometheus"

if ! command -v promtool >/dev/null; then
  echo "promtool not found: apt-get install -y prometheus" >&2
  exit 2
fi

failed=0
promtool check config prometheus.yml || failed=1
promtool check rules rules/*.rules.yml || failed=1

passed=0 failing=0
for test in tests/*.test.yml; do
  if promtool test rules "$test"; then passed=$((passed + 1)); else failing=$((failing + 1)); fi
done

echo "promtool test rules: $passed passed, $failing failed"
[ "$failed" = 0 ] && [ "$failing" = 0 ]
