#!/bin/bash
# How abcgrade's cost grows with rows and with customers (README
# "Performance"): each file of ROWS x CUSTOMERS from the shared benchmark's
# generator is graded RUNS times, each run followed by the floor program on
# the same file so that the machine's speed at that moment shows beside it;
# the medians are printed as a table. Then the 1 M- and 10 M-row files are
# read from standard input (`cat FILE | abcgrade classify -`), alternating
# with the file itself. Never run by ctest: timings are not tests.
#
#   tests/bench/cost_growth.sh BUILD/abcgrade BENCH_DIR [RUNS]
#
# BENCH_DIR is a writable copy of ../shared/bench after one run of its
# run_peers.sh (which builds gen_transactions and floor_scan); generated
# files are kept in BENCH_DIR/data.
set -euo pipefail

abcgrade=$(realpath "$1")
bench=$(realpath "$2")
runs=${3:-3}
cd "$bench"
[ -x ./gen_transactions ] && [ -x ./floor_scan ] || {
  echo "run $bench/run_peers.sh once first (it builds gen_transactions and floor_scan)" >&2
  exit 64
}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# file for ROWS x CUSTOMERS, generated with seed 42 when missing
file_for() {
  local f="data/tx_$1_$2.csv"
  [ -s "$f" ] || ./gen_transactions --rows "$1" --customers "$2" --seed 42 --out "$f" >&2
  echo "$f"
}

# median of the numbers on standard input
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# one timed run: wall, cpu (user + system), peak KiB, as "wall cpu kib"
timed() {
  /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$@" >/dev/null 2>"$out/err" || {
    cat "$out/err" >&2
    exit 1
  }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$out/time"
}

# The ways a file is run, each printing "wall cpu kib".
abcgrade_on() { timed "$abcgrade" classify -q "$1" -o "$out/table.csv"; }
floor_on() { timed ./floor_scan "$1"; }
from_file() { timed "$abcgrade" classify -q "$1" -o "$out/from_file.csv"; }
from_pipe() { timed sh -c "cat '$1' | '$abcgrade' classify -q - -o '$out/from_pipe.csv'"; }

# alternate FILE A B: runs A and B on FILE in turn, $runs times each, their
# timings in $out/A and $out/B.
alternate() {
  : >"$out/$2"
  : >"$out/$3"
  for _ in $(seq "$runs"); do
    "$2" "$1" >>"$out/$2"
    "$3" "$1" >>"$out/$3"
  done
}

printf '| rows | customers asked | customers | MB | wall s | CPU s | peak MiB | floor s |\n|---|---|---|---|---|---|---|---|\n'
for spec in "1000000 1000" "1000000 100000" "1000000 1000000" \
            "10000000 1000" "10000000 100000" "10000000 1000000"; do
  set -- $spec
  f=$(file_for "$1" "$2")
  alternate "$f" abcgrade_on floor_on
  wall=$(cut -d' ' -f1 "$out/abcgrade_on" | median)
  cpu=$(cut -d' ' -f2 "$out/abcgrade_on" | median)
  peak=$(cut -d' ' -f3 "$out/abcgrade_on" | median)
  floor_lo=$(cut -d' ' -f1 "$out/floor_on" | sort -g | head -1)
  floor_hi=$(cut -d' ' -f1 "$out/floor_on" | sort -g | tail -1)
  customers=$(($(wc -l <"$out/table.csv") - 1))
  printf '| %s | %s | %s | %s | %s | %s | %d | %s-%s |\n' "$1" "$2" "$customers" \
    "$(($(stat -L -c %s "$f") / 1000000))" "$wall" "$cpu" "$((peak / 1024))" "$floor_lo" "$floor_hi"
done

echo
printf '| file | from | wall s (each run) | peak MiB | same table |\n|---|---|---|---|---|\n'
for spec in "1000000 100000" "10000000 1000000"; do
  set -- $spec
  f=$(file_for "$1" "$2")
  alternate "$f" from_file from_pipe
  same=$(cmp -s "$out/from_file.csv" "$out/from_pipe.csv" && echo yes || echo NO)
  for from in from_file from_pipe; do
    printf '| %s | %s | %s | %d | %s |\n' "$(basename "$f")" "${from#from_}" \
      "$(cut -d' ' -f1 "$out/$from" | paste -sd' ')" \
      "$(($(cut -d' ' -f3 "$out/$from" | median) / 1024))" "$same"
  done
done
