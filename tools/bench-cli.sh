#!/usr/bin/env bash
# Whole-process benchmark of the laoclean binary, against baselines run in the same
# session: `cat` (the cost of a pipe) and NFC with the unicode-normalization crate
# (examples/nfc_baseline.rs). Needs hyperfine (apt-get install hyperfine).
#
# Usage: tools/bench-cli.sh [SIZE_MB]      (default 20)
# Writes bench-data/lao-${SIZE}mb.txt (corpus samples repeated; git-ignored) and prints
# a markdown table of times with MB/s.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-20}
mkdir -p bench-data
input=bench-data/lao-${size_mb}mb.txt
if [ ! -f "$input" ]; then
    python3 - "$input" "$size_mb" <<'PY'
import glob, sys
path, mb = sys.argv[1], int(sys.argv[2])
text = ''.join(open(f, encoding='utf-8').read() + '\n\n' for f in sorted(glob.glob('corpus-samples/*.txt')))
data = text.encode()
with open(path, 'wb') as out:
    n = 0
    while n < mb * 1_000_000:
        out.write(data)
        n += len(data)
PY
fi
cargo build --release --quiet --bin laoclean --example nfc_baseline
bytes=$(stat -c %s "$input")
bin=target/release/laoclean
nfc=target/release/examples/nfc_baseline
json=bench-data/bench-cli.json
hyperfine --warmup 1 --runs ${RUNS:-5} --export-json "$json" \
    -n cat "cat $input > /dev/null" \
    -n nfc "$nfc < $input > /dev/null" \
    -n "laoclean -j1 --level safe" "$bin -j1 --level safe < $input > /dev/null" \
    -n "laoclean -j1" "$bin -j1 < $input > /dev/null" \
    -n "laoclean -j2" "$bin -j2 < $input > /dev/null" >&2
python3 - "$json" "$bytes" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))['results']
size = int(sys.argv[2]) / 1e6
nfc = next(r['mean'] for r in runs if r['command'] == 'nfc')
print(f'| command ({size:.0f} MB) | mean s | MB/s | vs NFC |')
print('|---|---|---|---|')
for r in runs:
    print(f"| {r['command']} | {r['mean']:.3f} ± {r['stddev']:.3f} | {size / r['mean']:.0f} | {nfc / r['mean']:.2f}× |")
PY
