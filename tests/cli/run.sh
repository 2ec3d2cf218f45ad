#!/usr/bin/env bash
# tests/cli/run.sh TOOL: golden tests of the sipparse command-line tool.
#
# Runs every case of tests/cli/TESTLIST from the repository root with TZ=UTC LC_ALL=C,
# and compares:
#   - standard output, byte for byte, with tests/cli/expected/<expected file>;
#   - the exit status with the one the list gives;
#   - standard error with tests/cli/expected/<name>.err, for cases flagged "err";
#   - for cases whose arguments ask for JSON (-T json), that every output line is one
#     JSON object, and that message objects carry every key of the output contract;
#   - for cases flagged "vg", that valgrind (memcheck, full leak check) reports nothing.
# The last line is "N passed, N failed"; the exit status is 1 when anything failed.
# Regenerate one golden with tests/cli/update.sh NAME (review it before committing).
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 TOOL" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $1 in
    /*) tool=$1 ;;
    *) tool=$(pwd)/$1 ;;
esac
if [ ! -x "$tool" ]; then
    echo "$0: $tool is not an executable" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
cd "$root" || exit 2
export TZ=UTC LC_ALL=C

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A JSON checker: python3, else node. Reads lines on stdin, exits non-zero with a
# message on the first line that is not a JSON object or lacks a contract key.
json_check() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c '
import json, sys
need = ["frame", "ts", "src", "dst", "transport", "file", "type", "method", "status",
        "reason", "ruri", "call_id", "cseq", "from", "to", "via", "contact", "headers",
        "body_len", "errors", "findings"]
for n, line in enumerate(sys.stdin, 1):
    try:
        o = json.loads(line)
    except ValueError as e:
        sys.exit("line %d: not JSON: %s" % (n, e))
    if not isinstance(o, dict):
        sys.exit("line %d: not a JSON object" % n)
    if "frame" in o:
        missing = [k for k in need if k not in o]
        if missing:
            sys.exit("line %d: missing keys %s" % (n, ",".join(missing)))
'
    elif command -v node >/dev/null 2>&1; then
        # shellcheck disable=SC2016 # JavaScript, not shell
        node -e '
const need = ["frame", "ts", "src", "dst", "transport", "file", "type", "method", "status",
  "reason", "ruri", "call_id", "cseq", "from", "to", "via", "contact", "headers",
  "body_len", "errors", "findings"];
const lines = require("fs").readFileSync(0, "utf8").split("\n");
if (lines[lines.length - 1] === "") lines.pop();
lines.forEach((line, i) => {
  let o;
  try { o = JSON.parse(line); } catch (e) { console.error(`line ${i + 1}: not JSON: ${e.message}`); process.exit(1); }
  if (o === null || typeof o !== "object" || Array.isArray(o)) { console.error(`line ${i + 1}: not a JSON object`); process.exit(1); }
  if ("frame" in o) {
    const missing = need.filter(k => !(k in o));
    if (missing.length) { console.error(`line ${i + 1}: missing keys ${missing}`); process.exit(1); }
  }
});'
    else
        echo "neither python3 nor node found to check JSON" >&2
        return 1
    fi
}

pass=0
fail=0
failed_names=()

report_fail() {
    echo "FAIL $1: $2"
    fail=$((fail + 1))
    failed_names+=("$1")
}

while IFS=$'\t' read -r name args expected code flags || [ -n "${name:-}" ]; do
    case $name in ''|'#'*) continue ;; esac
    flags=${flags:-}
    out=$tmp/$name.out
    err=$tmp/$name.err
    # eval: the argument column may hold globs and a "<file" redirection for stdin.
    eval "\"\$tool\" $args" >"$out" 2>"$err" </dev/null
    rc=$?
    ok=1
    if [ "$rc" != "$code" ]; then
        report_fail "$name" "exit status $rc, expected $code"
        sed 's/^/    stderr: /' "$err" | head -5
        ok=0
    fi
    if [ $ok = 1 ] && [ ! -f "$here/expected/$expected" ]; then
        report_fail "$name" "no golden tests/cli/expected/$expected"
        ok=0
    fi
    if [ $ok = 1 ] && ! cmp -s "$out" "$here/expected/$expected"; then
        report_fail "$name" "standard output differs from tests/cli/expected/$expected"
        diff -u "$here/expected/$expected" "$out" | head -20 | sed 's/^/    /'
        ok=0
    fi
    if [ $ok = 1 ] && [[ ,$flags, == *,err,* ]]; then
        if ! cmp -s "$err" "$here/expected/$name.err"; then
            report_fail "$name" "standard error differs from tests/cli/expected/$name.err"
            diff -u "$here/expected/$name.err" "$err" 2>&1 | head -10 | sed 's/^/    /'
            ok=0
        fi
    elif [ $ok = 1 ] && [ -s "$err" ]; then
        report_fail "$name" "unexpected standard error output"
        sed 's/^/    stderr: /' "$err" | head -5
        ok=0
    fi
    if [ $ok = 1 ] && [[ " $args " == *" -T json "* || " $args " == *" --format=json "* ]]; then
        if ! msg=$(json_check <"$out" 2>&1); then
            report_fail "$name" "invalid JSON output: $msg"
            ok=0
        fi
    fi
    if [ $ok = 1 ] && [[ ,$flags, == *,vg,* ]]; then
        if ! command -v valgrind >/dev/null 2>&1; then
            report_fail "$name" "valgrind is not installed (make deps installs it)"
            ok=0
        else
            vlog=$tmp/$name.vg
            eval "valgrind -q --error-exitcode=3 --leak-check=full --show-leak-kinds=all \
                  --errors-for-leak-kinds=all --log-file=\"\$vlog\" \"\$tool\" $args" \
                >"$tmp/$name.vgout" 2>/dev/null </dev/null
            vrc=$?
            if [ "$vrc" = 3 ] || [ -s "$vlog" ]; then
                report_fail "$name" "valgrind reported errors (exit $vrc)"
                head -30 "$vlog" | sed 's/^/    /'
                ok=0
            elif [ "$vrc" != "$code" ] || ! cmp -s "$tmp/$name.vgout" "$out"; then
                report_fail "$name" "under valgrind: exit $vrc or output differs"
                ok=0
            fi
        fi
    fi
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    fi
done <"$here/TESTLIST"

if [ $fail -gt 0 ]; then
    echo "failed: ${failed_names[*]}"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
