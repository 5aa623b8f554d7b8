#!/usr/bin/env python3
"""Compare laoclean's word segmenter with LaoNLP's word_tokenize on the same texts.

Reports, in one run: boundary precision / recall / F1 of laoclean against LaoNLP on
word boundaries inside runs of Lao letters (LaoNLP taken as the reference), exact token
agreement, and the speed of each on one thread (laoclean also on all threads, on the
texts repeated to a few megabytes).

    python3 -m venv /tmp/laonlp-venv && /tmp/laonlp-venv/bin/pip install laonlp==1.3.0
    cargo build --release --example segment
    /tmp/laonlp-venv/bin/python tools/compare_laonlp.py corpus-samples/*.txt

LaoNLP (which pulls in PyThaiNLP) is imported from the running interpreter. Both
tokenizers see the same text: the sample after laoclean's character stage (laoclean
writes it with --sep ''), so differences are segmentation only.
"""
import argparse
import json
import os
import subprocess
import sys
import time

SEP = "\u2063"  # INVISIBLE SEPARATOR: absent from the samples


def is_lao_letter(c):
    o = ord(c)
    return 0x0E81 <= o <= 0x0EC6 or 0x0EC8 <= o <= 0x0ECE or 0x0EDC <= o <= 0x0EDF


def aligned(tokens, text):
    """(start, end) of each token in `text`, found left to right: LaoNLP drops some
    characters (such as '/'), so tokens are located rather than summed."""
    out, pos = [], 0
    for t in tokens:
        if not t:
            continue
        i = text.find(t, pos)
        if i < 0:
            continue
        out.append((i, i + len(t)))
        pos = i + len(t)
    return out


def boundaries(spans, text):
    """Offsets between two tokens where both neighbours are Lao letters."""
    out = set()
    for (_, e) in spans[:-1]:
        if 0 < e < len(text) and is_lao_letter(text[e - 1]) and is_lao_letter(text[e]):
            out.add(e)
    return out


def lao_spans(spans, text):
    return {(a, b) for (a, b) in spans if any(is_lao_letter(c) for c in text[a:b])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--bin", default="target/release/examples/segment")
    ap.add_argument("--megabytes", type=float, default=8.0, help="size of the speed test input")
    args = ap.parse_args()

    from laonlp.tokenize import word_tokenize

    tp = fp = fn = 0
    same_tokens = total_ref = 0
    t_laonlp = t_ours = 0.0
    nbytes = 0
    for f in args.files:
        # The text both see: laoclean's character stage, no separator.
        text = subprocess.run([args.bin, "--sep", "", f], capture_output=True, check=True, text=True).stdout
        nbytes += len(text.encode())
        t0 = time.perf_counter()
        ref = word_tokenize(text)
        t_laonlp += time.perf_counter() - t0
        t0 = time.perf_counter()
        ours = subprocess.run([args.bin, "--raw", "--sep", SEP], input=text, capture_output=True,
                              check=True, text=True, env={**os.environ, "RAYON_NUM_THREADS": "1"}).stdout
        t_ours += time.perf_counter() - t0
        ref_spans = aligned(ref, text)
        our_spans = aligned(ours.split(SEP), text)
        ref_b, our_b = boundaries(ref_spans, text), boundaries(our_spans, text)
        tp += len(ref_b & our_b)
        fp += len(our_b - ref_b)
        fn += len(ref_b - our_b)
        ref_lao, our_lao = lao_spans(ref_spans, text), lao_spans(our_spans, text)
        same_tokens += len(ref_lao & our_lao)
        total_ref += len(ref_lao)

    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)

    # Speed on a larger input: laoclean in-process timing (no start-up), 1 thread and all.
    reps = max(1, int(args.megabytes * 1e6 / max(nbytes, 1)))
    speed = {}
    for threads in ("1", str(os.cpu_count() or 1)):
        out = subprocess.run([args.bin, "--repeat", str(reps), *args.files], capture_output=True, check=True,
                             text=True, env={**os.environ, "RAYON_NUM_THREADS": threads})
        speed[threads] = json.loads(out.stderr.strip().splitlines()[-1])
    laonlp_mbs = nbytes / t_laonlp / 1e6
    report = {
        "files": len(args.files),
        "bytes": nbytes,
        "boundary_precision": round(p, 4),
        "boundary_recall": round(r, 4),
        "boundary_f1": round(f1, 4),
        "lao_token_agreement": round(same_tokens / max(total_ref, 1), 4),
        "laonlp_seconds": round(t_laonlp, 3),
        "laonlp_mb_per_s": round(laonlp_mbs, 4),
        "laoclean_seconds_incl_process_start": round(t_ours, 3),
        "laoclean_mb_per_s_1_thread": speed["1"]["mb_per_s"],
        "laoclean_mb_per_s_all_threads": speed[max(speed)]["mb_per_s"],
        "threads": int(max(speed)),
        "speedup_1_thread": round(speed["1"]["mb_per_s"] / laonlp_mbs, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
