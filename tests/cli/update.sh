#!/usr/bin/env bash
# tests/cli/update.sh NAME [TOOL]: rewrites the golden output of one case of
# tests/cli/TESTLIST (and its .err file when the case is flagged "err") from what
# TOOL (default build/sipparse) prints now. Never run by the tests: read the diff
# and check the new output against the RFCs before committing it.
set -u
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 NAME [TOOL]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
want=$1
tool=${2:-build/sipparse}
case $tool in /*) ;; *) tool=$(pwd)/$tool ;; esac
cd "$root" || exit 2
export TZ=UTC LC_ALL=C

found=0
while IFS=$'\t' read -r name args expected code flags || [ -n "${name:-}" ]; do
    [ "$name" = "$want" ] || continue
    found=1
    flags=${flags:-}
    errfile=/dev/null
    if [[ ,$flags, == *,err,* ]]; then errfile=$here/expected/$name.err; fi
    eval "\"\$tool\" $args" >"$here/expected/$expected" 2>"$errfile" </dev/null
    rc=$?
    echo "$name: wrote tests/cli/expected/$expected (exit $rc)"
    if [ "$rc" != "$code" ]; then
        echo "$name: warning: exit status $rc, TESTLIST expects $code" >&2
    fi
    (cd "$root" && git diff --stat -- "tests/cli/expected/$expected" 2>/dev/null)
done <"$here/TESTLIST"
if [ $found = 0 ]; then
    echo "$0: no case named $want in tests/cli/TESTLIST" >&2
    exit 2
fi
