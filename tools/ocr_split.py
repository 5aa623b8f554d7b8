#!/usr/bin/env python3
"""Split the shared OCR round-trip pairs into a tune half and a test half.

Usage:  python3 tools/ocr_split.py [/work/shared/eval/ocr-samples.jsonl] [--out tests/ocr]

Writes OUT/tune.jsonl and OUT/test.jsonl (the input lines unchanged, input order kept).
The split is fixed and needs no randomness: blocks are grouped by (font, noise); inside
a group they are ordered by the SHA-256 of their id and dealt alternately to tune and
test. A group of odd size gives its extra block to whichever half is currently smaller
(ties go to tune), so both halves hold every font/noise pair in equal measure and have
the same number of blocks. Rerunning on the same input gives the same files.

Tune the word stage on tune.jsonl; report on test.jsonl. Error-model training data must
not contain test text: tools/ocr_confusions.py --make-pairs uses tune gold only.
"""
import argparse, hashlib, json, os
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def split(pairs):
    groups = defaultdict(list)
    for p in pairs:
        groups[(p['font'], p['noise'])].append(p)
    half = {}
    sizes = {'tune': 0, 'test': 0}
    for key in sorted(groups):
        ordered = sorted(groups[key], key=lambda p: hashlib.sha256(p['id'].encode()).hexdigest())
        first = 'tune' if sizes['tune'] <= sizes['test'] else 'test'
        second = 'test' if first == 'tune' else 'tune'
        for i, p in enumerate(ordered):
            name = first if i % 2 == 0 else second
            half[p['id']] = name
            sizes[name] += 1
    return half


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('pairs', nargs='?', default='/work/shared/eval/ocr-samples.jsonl')
    ap.add_argument('--out', default=os.path.join(os.path.dirname(HERE), 'tests', 'ocr'))
    a = ap.parse_args()
    lines = [l for l in open(a.pairs, encoding='utf-8') if l.strip()]
    pairs = [json.loads(l) for l in lines]
    assert len({p['id'] for p in pairs}) == len(pairs), 'block ids must be unique'
    half = split(pairs)
    os.makedirs(a.out, exist_ok=True)
    for name in ('tune', 'test'):
        with open(os.path.join(a.out, name + '.jsonl'), 'w', encoding='utf-8') as f:
            for line, p in zip(lines, pairs):
                if half[p['id']] == name:
                    f.write(line if line.endswith('\n') else line + '\n')
        n = sum(1 for v in half.values() if v == name)
        g = sum(len(p['gold']) for p in pairs if half[p['id']] == name)
        print(f'{name}: {n} blocks, {g} gold code points')


if __name__ == '__main__':
    main()
