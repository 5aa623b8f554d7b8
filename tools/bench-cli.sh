#!/usr/bin/env bash
# Whole-process benchmark of the laoclean binary, against baselines run in the same
# session: NFC with the unicode-normalization crate (examples/nfc_baseline.rs), the
# least any text cleaner does. Needs hyperfine (apt-get install hyperfine).
#
# Usage: tools/bench-cli.sh [SIZE_MB]      (default 20)
# Writes bench-data/lao-${SIZE}mb.txt (corpus samples repeated; git-ignored) and prints
# a markdown table of times with MB/s. ROUNDS=n sets the number of rounds (default 5).
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
# The speed of a shared machine drifts by a quarter within minutes, so the commands take
# turns: each round runs every command once (hyperfine --runs 1), a first round is a
# warm-up, and the table gives medians over rounds. The ratio to NFC is taken within each
# round, then the median: it is the figure that drift disturbs least.
rounds=${ROUNDS:-5}
for r in $(seq 0 "$rounds"); do
    hyperfine --runs 1 --export-json "bench-data/bench-cli-$r.json" \
        -n nfc "$nfc < $input > /dev/null" \
        -n "laoclean -j1 --level safe" "$bin -j1 --level safe < $input > /dev/null" \
        -n "laoclean -j1" "$bin -j1 < $input > /dev/null" \
        -n "laoclean -j2" "$bin -j2 < $input > /dev/null" >/dev/null
done
python3 - "$bytes" "$rounds" <<'PY'
import json, statistics, sys
size = int(sys.argv[1]) / 1e6
rounds = [json.load(open(f'bench-data/bench-cli-{r}.json'))['results']
          for r in range(1, int(sys.argv[2]) + 1)]
times = {}
for results in rounds:
    for x in results:
        times.setdefault(x['command'], []).append(x['mean'])
nfc = times['nfc']
print(f'| command ({size:.0f} MB, {len(rounds)} alternating rounds) | median s (min–max) | MB/s | vs NFC (median of rounds) |')
print('|---|---|---|---|')
for cmd, ts in times.items():
    med = statistics.median(ts)
    ratio = statistics.median(n / t for n, t in zip(nfc, ts))
    print(f'| {cmd} | {med:.3f} ({min(ts):.3f}–{max(ts):.3f}) | {size / med:.1f} | {ratio:.2f}× |')
j1, j2 = times['laoclean -j1'], times['laoclean -j2']
print(f'\n-j2 / -j1 (median of rounds): {statistics.median(a / b for a, b in zip(j1, j2)):.2f}×')
PY
