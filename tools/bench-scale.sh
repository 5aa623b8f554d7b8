#!/usr/bin/env bash
# Whole-process scale measurements of the laoclean binary (issue 5), all in one session:
#   1. throughput on a 200 MB text with -j1 and -j2, and the scaling ratio;
#   2. peak RSS (and time) at 20 MB, 200 MB and 2 GB inputs;
#   3. 10,000 small files in a directory tree with -i, against the same bytes in one
#      file with -i (throughput share), and its peak RSS;
#   4. --jsonl throughput on a 200 MB JSON Lines file with -j1 and -j2.
# Needs hyperfine and GNU time (/usr/bin/time). The data is generated from
# corpus-samples/ under $BENCH_DIR (default /tmp/laoclean-bench; never committed, about
# 2.7 GB) and kept for reruns. Prints markdown tables; the raw hyperfine JSON stays in
# $BENCH_DIR.
#
# Usage: tools/bench-scale.sh [all|text|rss|files|jsonl|data]
#   RUNS=3 hyperfine runs, ROUNDS=4 rounds of the many-files test, RECENT=65 s wait
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
data=${BENCH_DIR:-/tmp/laoclean-bench}
runs=${RUNS:-3}
bin=$PWD/target/release/laoclean
mkdir -p "$data"
cargo build --release --quiet --bin laoclean

echo "# laoclean scale measurements, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Corpus samples repeated to SIZE_MB megabytes.
make_text() {
    local path=$1 mb=$2
    [ -f "$path" ] && return
    python3 - "$path" "$mb" <<'PY'
import glob, sys
path, mb = sys.argv[1], int(sys.argv[2])
text = ''.join(open(f, encoding='utf-8').read() + '\n\n'
               for f in sorted(glob.glob('corpus-samples/*.txt')))
data = text.encode()
with open(path + '.part', 'wb') as out:
    n = 0
    while n < mb * 1_000_000:
        out.write(data)
        n += len(data)
import os
os.rename(path + '.part', path)
PY
}

# A tree of N files (paragraphs of the corpus samples, 1 to 40 of them each) in
# 100 directories, and the same bytes in one file.
make_tree() {
    local dir=$1 n=$2
    [ -f "$dir.one.txt" ] && return
    rm -rf "$dir"
    python3 - "$dir" "$n" <<'PY'
import glob, os, sys
root, n = sys.argv[1], int(sys.argv[2])
paras = [p for f in sorted(glob.glob('corpus-samples/*.txt'))
         for p in open(f, encoding='utf-8').read().split('\n\n') if p.strip()]
one = open(root + '.one.txt.part', 'w', encoding='utf-8')
k = 0
for i in range(n):
    d = os.path.join(root, f'd{i % 100:02d}')
    os.makedirs(d, exist_ok=True)
    count = 1 + (i * 7919) % 40
    text = '\n\n'.join(paras[(k + j) % len(paras)] for j in range(count)) + '\n'
    k += count
    open(os.path.join(d, f'f{i:05d}.txt'), 'w', encoding='utf-8').write(text)
    one.write(text)
one.close()
os.rename(root + '.one.txt.part', root + '.one.txt')
PY
}

# JSON Lines of the corpus paragraphs with other fields, to SIZE_MB megabytes.
make_jsonl() {
    local path=$1 mb=$2
    [ -f "$path" ] && return
    python3 - "$path" "$mb" <<'PY'
import glob, json, os, sys
path, mb = sys.argv[1], int(sys.argv[2])
paras = [p for f in sorted(glob.glob('corpus-samples/*.txt'))
         for p in open(f, encoding='utf-8').read().split('\n\n') if p.strip()]
with open(path + '.part', 'w', encoding='utf-8') as out:
    n = i = 0
    while n < mb * 1_000_000:
        p = paras[i % len(paras)]
        line = json.dumps({'id': i, 'text': p, 'meta': {'title': p[:40], 'n': i},
                           'score': 1.5}, ensure_ascii=(i % 3 == 0)) + '\n'
        out.write(line)
        n += len(line.encode())
        i += 1
os.rename(path + '.part', path)
PY
}

if [[ $what == data ]]; then
    for mb in 20 200 2000; do make_text "$data/lao-${mb}mb.txt" "$mb"; done
    make_tree "$data/tree-10k" 10000
    make_jsonl "$data/lao-200mb.jsonl" 200
    ls -la "$data"
    exit 0
fi

mean_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean'])" "$1" "$2"; }
mbps() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1e6 / float(sys.argv[2]):.1f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

# Times `laoclean ARGS... INPUT` with -j1 and -j2 and prints the table with the scaling
# ratio. Usage: scaling NAME TITLE INPUT ARGS...   (hyperfine JSON in $data/NAME.json)
scaling() {
    local name=$1 title=$2 input=$3
    shift 3
    local bytes t1 t2
    bytes=$(stat -c %s "$input")
    hyperfine --warmup 1 --runs "$runs" --export-json "$data/$name.json" \
        -n "laoclean $* -j1" "$bin $* -j1 $input > /dev/null" \
        -n "laoclean $* -j2" "$bin $* -j2 $input > /dev/null" >&2
    t1=$(mean_of "$data/$name.json" 0)
    t2=$(mean_of "$data/$name.json" 1)
    echo
    echo "| $title | mean s | MB/s |"
    echo "|---|---|---|"
    echo "| -j1 | $(printf %.2f "$t1") | $(mbps "$bytes" "$t1") |"
    echo "| -j2 | $(printf %.2f "$t2") | $(mbps "$bytes" "$t2") |"
    echo "| scaling -j2 / -j1 | $(ratio "$t1" "$t2")× | |"
}

# Peak RSS in MB and elapsed seconds of a command, from GNU time.
rss_of() {
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" > /dev/null 2> "$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
    local kb secs
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rm -f "$log"
    echo "$((kb / 1024)) $secs"
}

if [[ $what == all || $what == text ]]; then
    input=$data/lao-200mb.txt
    make_text "$input" 200
    scaling text "200 MB text" "$input"
fi

if [[ $what == all || $what == rss ]]; then
    echo
    echo "| input (-j2, stdout to /dev/null) | peak RSS MB | s | MB/s |"
    echo "|---|---|---|---|"
    for mb in 20 200 2000; do
        input=$data/lao-${mb}mb.txt
        make_text "$input" "$mb"
        read -r rss secs < <(rss_of "$bin" -j2 "$input")
        echo "| ${mb} MB file | $rss | $secs | $(mbps "$(stat -c %s "$input")" "$secs") |"
    done
    read -r rss secs < <(rss_of sh -c "$bin -j2 < $data/lao-2000mb.txt")
    echo "| 2000 MB on stdin | $rss | $secs | $(mbps "$(stat -c %s "$data/lao-2000mb.txt")" "$secs") |"
fi

if [[ $what == all || $what == files ]]; then
    tree=$data/tree-10k
    make_tree "$tree" 10000
    bytes=$(stat -c %s "$tree.one.txt")
    # -i rewrites: every run starts from a fresh copy of the originals. The copy a run
    # rewrote is moved aside, not deleted, and the run waits RECENT seconds: ext4
    # without a journal skips inodes freed in the last minute when it allocates one, so
    # 10,000 files deleted just before a run would slow the run's own temporary files
    # (measured: ext4 inode allocation was 8% of the CPU samples of such a run, under
    # 1% after the wait). A user's run does not start that way.
    #
    # The speed of this shared machine drifts by a quarter over minutes, so the three
    # commands take turns, ROUNDS times (not all runs of one, then of the next), and the
    # share is the median over the rounds of one file's time over the files' time.
    [ -d "$tree.orig" ] || cp -r "$tree" "$tree.orig"
    trash=$data/trash
    mkdir -p "$trash"
    timed() { /usr/bin/time -f "%e %U %S" -o "$data/time.txt" "$@" >/dev/null; cat "$data/time.txt"; }
    : > "$data/files.txt"
    for round in $(seq "${ROUNDS:-4}"); do
        rm -f "$tree.work.txt"; cp "$tree.one.txt" "$tree.work.txt"; sync
        one=$(timed "$bin" -q -j2 -i "$tree.work.txt")
        [ -d "$tree.work" ] && mv "$tree.work" "$trash/$round"
        cp -r "$tree.orig" "$tree.work"; sync; sleep "${RECENT:-65}"
        many=$(timed "$bin" -q -j2 -i "$tree.work")
        sync
        printed=$(timed "$bin" -q -j2 "$tree.orig")
        echo "$one $many $printed" | tee -a "$data/files.txt" >&2
    done
    rm -rf "$trash"
    # Columns per round: wall, user, sys of each of the three commands.
    read -r t_one t_many t_print share < <(python3 - "$data/files.txt" <<'PY'
import statistics as st, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = lambda k: st.median(r[k] for r in rows)
print(med(0), med(3), med(6), st.median(100 * r[0] / r[3] for r in rows))
PY
)
    rm -rf "$tree.work"
    cp -r "$tree.orig" "$tree.work"
    read -r rss _ < <(rss_of "$bin" -q -j2 -i "$tree.work")
    echo
    echo "| $((bytes / 1000000)) MB | median s | MB/s | share of one file |"
    echo "|---|---|---|---|"
    echo "| one file, -i | $(printf %.2f "$t_one") | $(mbps "$bytes" "$t_one") | 100% |"
    echo "| 10,000 files in 100 dirs, -i | $(printf %.2f "$t_many") | $(mbps "$bytes" "$t_many") | $(printf %.0f "$share")% (median of the rounds) |"
    echo "| 10,000 files, to stdout | $(printf %.2f "$t_print") | $(mbps "$bytes" "$t_print") | |"
    echo "peak RSS, 10,000 files -i: $rss MB"
    rm -rf "$tree.work" "$tree.work.txt"
fi

if [[ $what == all || $what == jsonl ]]; then
    input=$data/lao-200mb.jsonl
    make_jsonl "$input" 200
    scaling jsonl "200 MB JSONL (text, meta.title)" "$input" --jsonl --field text --field meta.title
    read -r rss _ < <(rss_of "$bin" --jsonl --field text --field meta.title -j2 "$input")
    echo "peak RSS, --jsonl -j2: $rss MB"
fi
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
