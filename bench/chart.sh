#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench-chart: draws the ns-per-call figures that `bench --dat` wrote as
# an SVG with gnuplot: one panel per lookup, one cluster of bars per workload,
# one bar per method, on a log scale (the methods span three decades).
#   chart.sh BENCH_DAT OUT.svg
set -eu
dat=$1 out=$2
command -v gnuplot >/dev/null || { echo "chart.sh: gnuplot is needed (apt-get install gnuplot-nox)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One table per lookup: a header of method names, then a row per workload.
awk -F '\t' -v dir="$tmp" '
    !($1 in gi) { gi[$1] = ++ng; gname[ng] = $1 }
    { g = gi[$1]
      if (!((g, $2) in wi)) { wi[g, $2] = ++nw[g]; wname[g, nw[g]] = $2 }
      if (!((g, $3) in mi)) { mi[g, $3] = ++nm[g]; mname[g, nm[g]] = $3 }
      v[g, wi[g, $2], mi[g, $3]] = $4 }
    END {
      for (g = 1; g <= ng; g++) {
        f = dir "/" g ".tsv"
        printf "workload" > f
        for (m = 1; m <= nm[g]; m++) printf "\t%s", mname[g, m] > f
        printf "\n" > f
        for (w = 1; w <= nw[g]; w++) {
          printf "%s", wname[g, w] > f
          for (m = 1; m <= nm[g]; m++) printf "\t%s", v[g, w, m] > f
          printf "\n" > f
        }
        print g "\t" nm[g] + 1 "\t" gname[g] > (dir "/groups")
      }
    }' "$dat"

{
    echo 'set terminal svg size 900,1000 dynamic font "sans,11" background "#ffffff"'
    echo "set output '$out'"
    echo 'set datafile separator "\t"'
    echo 'set style data histogram; set style histogram clustered gap 1'
    echo 'set style fill solid 0.85 border -1; set boxwidth 0.9'
    echo 'set logscale y; set yrange [0.5:*]; set grid ytics mytics'
    echo 'set ylabel "ns per call (log scale)"; set key outside right top'
    echo 'set multiplot layout 3,1 title "sipcode against hand-written lookups (lower is faster)"'
    while IFS="$(printf '\t')" read -r g cols name; do
        echo "set title '$name'"
        echo "plot for [i=2:$cols] '$tmp/$g.tsv' using i:xtic(1) title columnheader(i)"
    done <"$tmp/groups"
    echo 'unset multiplot'
} >"$tmp/plot.gp"
gnuplot "$tmp/plot.gp"
echo "chart.sh: wrote $out"
