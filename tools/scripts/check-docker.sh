#!/usr/bin/env bash
# Validates docker/compose.yaml against the Compose schema (`docker-compose config`: no engine
# needed) and that the provisioned Grafana dashboard is JSON. Needs Debian's docker-compose.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v docker-compose >/dev/null; then
  echo "docker-compose not found: apt-get install -y docker-compose" >&2
  exit 2
fi
AUTH_JWT_SECRET=placeholder-for-validation-only-0000000000 docker-compose -f docker/compose.yaml config -q
node -e 'JSON.parse(require("node:fs").readFileSync("docker/grafana/dashboards/carteria.json", "utf8"))'
echo "docker/compose.yaml and the Grafana dashboard are valid"
