#!/bin/sh
# `npm run bench [-- --quick]`: raise the open-file limit (10,000 idle connections need as many
# descriptors in the server and in the load generator), then run the benchmark with tsx.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node --import tsx "$(dirname "$0")/run.ts" "$@"
