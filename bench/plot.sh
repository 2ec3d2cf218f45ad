#!/bin/sh
# bench/plot.sh RESULTS OUT.svg: a bar chart of ns/message per parser and mode, drawn
# from the table sipparse_bench prints (RESULTS: its saved output). Plain awk and SVG,
# so `make bench` needs nothing more to draw it. Bars are on a log scale: the rows span
# the memchr floor (~70 ns) to libre (~13 us), and a linear scale would hide the fast ones.
set -eu
results=$1 out=$2
awk '
    /^parser +ns\/msg/ { table = 1; next }
    table && NF == 0 { table = 0 }
    table {
        # name is everything before the numeric columns: the 8th field from the end is
        # ns/msg (name ns best MB/s spread allocs bytes ratio [REJECTS MESSAGES])
        n = NF; if ($NF == "MESSAGES") n -= 2
        name = $1; for (i = 2; i <= n - 7; i++) name = name " " $i
        gsub(/&/, "\\&amp;", name); gsub(/</, "\\&lt;", name)
        rows++; label[rows] = name; ns[rows] = $(n - 6)
    }
    END {
        if (rows == 0) { print "plot.sh: no result table found" > "/dev/stderr"; exit 1 }
        left = 230; width = 560; bar = 22; gap = 8; top = 40
        h = top + rows * (bar + gap) + 40
        lo = log(10) ; hi = log(100000)       # axis from 10 ns to 100 us
        printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" " \
               "font-family=\"sans-serif\" font-size=\"12\">\n", left + width + 90, h
        printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
        printf "<text x=\"%d\" y=\"20\" font-size=\"14\">ns per message, %s " \
               "(log scale, shorter is faster)</text>\n", left, "bench/messages mix"
        for (d = 10; d <= 100000; d *= 10) {
            x = left + (log(d) - lo) / (hi - lo) * width
            printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>\n",
                   x, top - 5, x, h - 30
            printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, h - 15,
                   d < 1000 ? d " ns" : d / 1000 " us"
        }
        for (i = 1; i <= rows; i++) {
            y = top + (i - 1) * (bar + gap)
            w = (log(ns[i] < 10 ? 10 : ns[i]) - lo) / (hi - lo) * width
            color = label[i] ~ /^sipparse/ ? "#2b7bb9" : label[i] ~ /^memchr/ ? "#999" : "#d9822b"
            printf "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", left - 8,
                   y + bar - 6, label[i]
            printf "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                   left, y, w, bar, color
            printf "<text x=\"%.1f\" y=\"%d\">%.0f</text>\n", left + w + 6, y + bar - 6, ns[i]
        }
        print "</svg>"
    }
' "$results" > "$out"
