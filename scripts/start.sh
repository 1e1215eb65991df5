#!/usr/bin/env bash
# Runs the product: Backstage with the readiness suite at http://localhost:3000 (frontend) and
# http://localhost:7007 (backend), on embedded SQLite and the bundled 254Carbon demo platform.
# Installs what is missing first (Node 24 and yarn 4 into .tools/, then the dependencies).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require_free_port 3000 "Backstage frontend"
require_free_port 7007 "Backstage backend"
ensure_deps
mkdir -p "$ROOT/.data/sqlite"
info "starting Backstage: frontend http://localhost:3000, backend http://localhost:7007 (Ctrl-C stops both)"
exec yarn start "$@"
