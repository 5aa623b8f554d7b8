#!/usr/bin/env bash
# Compares two laoclean binaries on one input, whole process, in alternating rounds: the
# speed of a shared machine drifts by a quarter within minutes, so A and B take turns and
# the speed-up is the median of the per-round ratios (B is faster when above 1).
#
# Usage: tools/bench-ab.sh BIN_A BIN_B [INPUT] [-- ARGS...]
#   INPUT defaults to bench-data/lao-20mb.txt (made by tools/bench-cli.sh); ARGS are
#   passed to both binaries (default: -j1). ROUNDS=n sets the rounds (default 7, after
#   one warm-up round).
#
# Example: build the old commit into /tmp/old, then
#   tools/bench-ab.sh /tmp/old/laoclean target/release/laoclean -- -j1 --level safe
set -euo pipefail
cd "$(dirname "$0")/.."
a=$1
b=$2
shift 2
input=bench-data/lao-20mb.txt
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    input=$1
    shift
fi
[ "${1:-}" = "--" ] && shift
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(-j1)
rounds=${ROUNDS:-7}
now() { date +%s.%N; }
times=()
for r in $(seq 0 "$rounds"); do
    t0=$(now)
    "$a" "${args[@]}" < "$input" > /dev/null
    t1=$(now)
    "$b" "${args[@]}" < "$input" > /dev/null
    t2=$(now)
    [ "$r" -eq 0 ] && continue # warm-up
    times+=("$t0 $t1 $t2")
done
printf '%s\n' "${times[@]}" | python3 -c '
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
ta = [t1 - t0 for t0, t1, _ in rows]
tb = [t2 - t1 for _, t1, t2 in rows]
ratio = statistics.median(x / y for x, y in zip(ta, tb))
print(f"A: median {statistics.median(ta):.3f} s (min {min(ta):.3f})")
print(f"B: median {statistics.median(tb):.3f} s (min {min(tb):.3f})")
print(f"B is {ratio:.2f}x the speed of A (median of {len(rows)} per-round ratios)")
'
