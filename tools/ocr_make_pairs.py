#!/usr/bin/env python3
"""Make (gold, ocr) training pairs for the OCR error model, without test text.

Usage:  python3 tools/ocr_make_pairs.py [--out bench-data/ocr] [--seeds 11,12]
            [--synthetic-blocks 150] [--wordlists DIR] [--roundtrip PATH]

Writes training text to OUT/text/ (one block per file) and runs the shared
ocr_roundtrip.py on it (default /work/shared/eval/ocr_roundtrip.py; it needs Tesseract's
Lao model, fonts-lao, fonts-noto-core, pango1.0-tools and ImageMagick), giving:

  OUT/corpus-sSEED/pairs.jsonl   corpus-sample lines, rendered with seed SEED
  OUT/synthetic/pairs.jsonl      random running text made from dictionary words

Corpus text: every non-empty line of corpus-samples/*.txt except the lines that occur in
the gold of tests/ocr/test.jsonl, so the test half's text is never trained on. Lines are
cut into blocks of three, in document order. Each seed draws font and degradation again.

Synthetic text (--wordlists DIR holding lo_spellcheck_dict.txt and Lao-Dictionary.txt,
the `laonlp/corpus/` folder of the laonlp wheel): words drawn at random from both lists,
joined without spaces as Lao is written, a space every 3 to 8 words, lines of about 200
code points, three lines a block. Deterministic (fixed random seed).

Gold text is put in the light canonical form of the scorer (NFC, ໍ+າ folded to ຳ) before
rendering, since the rendered image cannot show the difference. The pair files are not
committed (bench-data/ is git-ignored); tools/ocr_confusions.py turns them into the table.
Tesseract runs one block at a time; run this under `nice`.
"""
import argparse, glob, json, os, random, re, subprocess, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TONES = '\u0ec8\u0ec9\u0eca\u0ecb'


def canon(s):
    s = unicodedata.normalize('NFC', s)
    return re.sub('\u0ecd([' + TONES + ']?)\u0eb2', lambda m: m.group(1) + '\u0eb3', s)


def test_lines():
    path = os.path.join(ROOT, 'tests', 'ocr', 'test.jsonl')
    lines = set()
    for l in open(path, encoding='utf-8'):
        for line in json.loads(l)['gold'].split('\n'):
            lines.add(canon(line.strip()))
    return lines


def corpus_blocks():
    banned = test_lines()
    for path in sorted(glob.glob(os.path.join(ROOT, 'corpus-samples', '*.txt'))):
        lines = [canon(l.strip()) for l in open(path, encoding='utf-8') if l.strip()]
        kept = [l for l in lines if l not in banned]
        name = os.path.basename(path)[:3]
        for i in range(0, len(kept), 3):
            yield f'c{name}_{i:04d}', '\n'.join(kept[i:i + 3])


def read_words(path):
    words = []
    for l in open(path, encoding='utf-8'):
        w = l.strip().split('\t')[0].split(' ')[0]
        if w and not w.startswith('#') and any('\u0e80' <= c <= '\u0eff' for c in w):
            words.append(canon(w))
    return words


def synthetic_blocks(wordlists, n, seed=20240601):
    words = sorted(set(read_words(os.path.join(wordlists, 'lo_spellcheck_dict.txt'))
                       + read_words(os.path.join(wordlists, 'Lao-Dictionary.txt'))))
    rnd = random.Random(seed)
    for b in range(n):
        lines = []
        for _ in range(3):
            line, run, gap = '', 0, rnd.randint(3, 8)
            while len(line) < 200:
                line += rnd.choice(words)
                run += 1
                if run == gap:
                    line += ' '
                    run, gap = 0, rnd.randint(3, 8)
            lines.append(line.strip())
        yield f's{b:04d}', '\n'.join(lines)


def write_blocks(blocks, folder):
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, text in blocks:
        p = os.path.join(folder, name + '.txt')
        open(p, 'w', encoding='utf-8').write(text + '\n')
        paths.append(p)
    return paths


def roundtrip(script, paths, out, seed):
    if os.path.exists(os.path.join(out, 'pairs.jsonl')):
        print(f'{out}/pairs.jsonl exists, skipped', file=sys.stderr)
        return
    subprocess.run([sys.executable, script, '--out', out, '--lines-per-block', '3',
                    '--seed', str(seed)] + paths, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(ROOT, 'bench-data', 'ocr'))
    ap.add_argument('--seeds', default='11,12')
    ap.add_argument('--synthetic-blocks', type=int, default=150)
    ap.add_argument('--wordlists', default='/tmp/laonlp/laonlp/corpus')
    ap.add_argument('--roundtrip', default='/work/shared/eval/ocr_roundtrip.py')
    ap.add_argument('--only', choices=['corpus', 'synthetic'], help='make one kind only')
    a = ap.parse_args()
    if a.only != 'synthetic':
        paths = write_blocks(corpus_blocks(), os.path.join(a.out, 'text', 'corpus'))
        print(f'corpus: {len(paths)} blocks', file=sys.stderr)
        for seed in (int(s) for s in a.seeds.split(',') if s):
            roundtrip(a.roundtrip, paths, os.path.join(a.out, f'corpus-s{seed}'), seed)
    if a.only != 'corpus' and a.synthetic_blocks:
        paths = write_blocks(synthetic_blocks(a.wordlists, a.synthetic_blocks),
                             os.path.join(a.out, 'text', 'synthetic'))
        print(f'synthetic: {len(paths)} blocks', file=sys.stderr)
        roundtrip(a.roundtrip, paths, os.path.join(a.out, 'synthetic'), 7)


if __name__ == '__main__':
    main()
