#!/usr/bin/env python3
"""CER of the OCR pairs in tests/ocr/ before and after laoclean, at every level.

Usage:  python3 tools/ocr_eval.py [--split tune|test|both] [--bin PATH] [--show N]

Scores each split (default both) with the shared scorer's canonical forms and edit
distance (/work/shared/eval/ocr_score.py, or $LAOCLEAN_EVAL), one laoclean call per level
and split (blocks separated as ocr_score.py does). Prints a markdown table: CER with and
without spaces, relative reduction, and blocks made worse (count and share; the issue's
limit is 5%). --show N prints the words changed in up to N blocks made worse, to see why.
Tune on `tune`, report on `test`.
"""
import argparse, difflib, json, os, subprocess, sys

EVAL = os.environ.get('LAOCLEAN_EVAL', '/work/shared/eval')
sys.path.insert(0, EVAL)
from ocr_score import SEP, dist, forms  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(binary, level, pairs):
    joined = ('\n' + SEP + '\n').join(p['ocr'] for p in pairs) + '\n'
    r = subprocess.run([binary, '--level', level], input=joined.encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    outs = r.stdout.decode('utf-8').rstrip('\n').split('\n' + SEP + '\n')
    if len(outs) != len(pairs):
        sys.exit(f'{level}: {len(outs)} blocks back for {len(pairs)}: the separator was changed')
    return outs


def score(pairs, outs):
    t = dict(gold=0, gold_ns=0, ocr=0, ocr_ns=0, out=0, out_ns=0)
    worse = []
    for i, (p, o) in enumerate(zip(pairs, outs)):
        g, g_ns = forms(p['gold'])
        x, x_ns = forms(p['ocr'])
        y, y_ns = forms(o)
        dx, dy = dist(x, g), dist(y, g)
        t['gold'] += len(g); t['gold_ns'] += len(g_ns)
        t['ocr'] += dx; t['out'] += dy
        t['ocr_ns'] += dist(x_ns, g_ns); t['out_ns'] += dist(y_ns, g_ns)
        if dy > dx:
            worse.append(i)
    return t, worse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--split', default='both', choices=['tune', 'test', 'both'])
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target/release/laoclean'))
    ap.add_argument('--show', type=int, default=0)
    a = ap.parse_args()
    splits = ['tune', 'test'] if a.split == 'both' else [a.split]
    print('| split | level | CER | CER no spaces | reduction | blocks worse than OCR | worse than safe (word stage) |')
    print('|---|---|---|---|---|---|---|')
    shown = 0
    for split in splits:
        path = os.path.join(ROOT, 'tests/ocr', split + '.jsonl')
        pairs = [json.loads(l) for l in open(path, encoding='utf-8')]
        first = True
        safe = None
        for level in ['safe', 'standard', 'aggressive']:
            outs = run(a.bin, level, pairs)
            t, worse = score(pairs, outs)
            if safe is None:
                safe = outs
            vs_safe = sum(dist(forms(o)[0], forms(p['gold'])[0]) > dist(forms(s)[0], forms(p['gold'])[0])
                          for p, o, s in zip(pairs, outs, safe))
            cer = lambda k, n: 100.0 * t[k] / t[n]
            if first:
                print(f'| {split} | raw OCR | {cer("ocr", "gold"):.2f}% | {cer("ocr_ns", "gold_ns"):.2f}% | | | |')
                first = False
            red = 100.0 * (t['ocr'] - t['out']) / max(t['ocr'], 1)
            share = 100.0 * len(worse) / len(pairs)
            print(f'| {split} | {level} | {cer("out", "gold"):.2f}% | {cer("out_ns", "gold_ns"):.2f}% '
                  f'| {red:.1f}% | {len(worse)}/{len(pairs)} ({share:.1f}%) | {vs_safe}/{len(pairs)} |')
            for i in worse:
                if shown >= a.show:
                    break
                shown += 1
                x = forms(pairs[i]['ocr'])[0].split(' ')
                y = forms(outs[i])[0].split(' ')
                ops = difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
                changed = [(' '.join(x[a:b]), ' '.join(y[c:d])) for op, a, b, c, d in ops if op != 'equal']
                print(f'    {split}/{level} block {pairs[i]["id"]}: '
                      + '; '.join(f'{u} → {v}' for u, v in changed[:8]), file=sys.stderr)


if __name__ == '__main__':
    main()
