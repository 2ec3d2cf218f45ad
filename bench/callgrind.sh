#!/bin/sh
# bench/callgrind.sh BIN MESSAGES PASSES OUTDIR: instructions per message of each
# parser, counted by callgrind inside bench_measured only (setup, the warm-up passes and
# the process start are outside it). Instruction counts do not vary from run to run,
# so they compare parsers where wall-clock figures on a busy machine would be noisy.
set -eu
bin=$1 messages=$2 passes=$3 out=$4
command -v valgrind >/dev/null || { echo "callgrind: valgrind is not installed" >&2; exit 1; }
mkdir -p "$out"
rows="$out/callgrind.rows"
: > "$rows"
for key in $("$bin" -l | cut -d' ' -f1); do
    file="$out/callgrind.$key"
    status=ok
    log=$(valgrind --tool=callgrind --callgrind-out-file="$file" --collect-atstart=no \
          --toggle-collect=bench_measured "$bin" -c "$key" -n "$passes" "$messages" \
          2>/dev/null) || status=REJECTS
    msgs=$(printf '%s\n' "$log" | awk '$1 == "messages" { print $2 }')
    ir=$(awk '$1 == "summary:" || $1 == "totals:" { print $2; exit }' "$file")
    echo "$key ${msgs:-0} ${ir:-0} $status" >> "$rows"
done
awk '{ k[NR] = $1; m[NR] = $2; ir[NR] = $3; st[NR] = $4
       if ($2 > 0) per[$1] = $3 / $2
       if ($1 == "sipparse-full" && $2 > 0) base = $3 / $2 }
     END {
       printf "%-16s %10s %12s %12s\n", "parser", "messages", "instr/msg", "vs sipparse"
       for (i = 1; i <= NR; i++) {
         p = m[i] ? ir[i] / m[i] : 0
         printf "%-16s %10d %12.0f", k[i], m[i], p
         if (base) printf " %11.2fx", p / base
         printf "%s\n", st[i] == "ok" ? "" : "  " st[i]
       }
       # the speed goals, in instructions
       f = per["sipparse-full"]; x = per["sipparse-index"]; s = per["sofia"]; fl = per["memchr"]
       if (f && s) printf "\nsofia / full: %.2fx (goals: >= 5x, >= 10x)\n", s / f
       if (f && fl) printf "full / memchr floor: %.2fx (goal: <= 4x)\n", f / fl
       if (x && fl) printf "index / memchr floor: %.2fx (goal: <= 2x)\n", x / fl
     }' "$rows"
