#!/usr/bin/env python3
"""How well laoclean takes out spaces typed inside words, and keeps those between them:
the corpus samples' paragraphs with spaces put in, cleaned, and compared with the same
paragraphs cleaned as they are.

Usage:  python3 tools/spaced_eval.py [--bin PATH] [--level LEVEL] [--seed N]

Two ways of putting spaces in (the words are those of `laoclean segment`, their
syllables those of `examples/syllables.rs`, built with `cargo build --release
--example syllables`):

  syllables   a space after every syllable of two words in five of three syllables or
              more (as machine translation and text taken from PDFs leave them); the
              spaces should go;
  words       a space between every two words that the text writes together; which
              of them should go is a matter of style, so this shows how many go.

For each: the edit distance (code points) between the paragraphs spaced and cleaned and
the paragraphs cleaned, summed; the spaces the samples have that the cleaning lost; and
the spaces left over. It measures only: nothing here feeds the product.
"""
import argparse, glob, os, random, subprocess, sys

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fold_eval  # noqa: E402  (the same cleaning, segmentation and space counts)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEP = fold_eval.SEP


def syllables(words):
    exe = os.path.join(ROOT, 'target/release/examples/syllables')
    if not os.path.exists(exe):
        sys.exit('build it first: cargo build --release --example syllables')
    out = subprocess.run([exe, SEP], input='\n'.join(words) + '\n', capture_output=True,
                         check=True, text=True).stdout
    return dict(zip(words, out.rstrip('\n').split('\n')))


def is_lao_word(w):
    return any('\u0e80' <= c <= '\u0eff' for c in w) and not any(c.isdigit() for c in w)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target/release/laoclean'))
    ap.add_argument('--level', default='standard')
    ap.add_argument('--seed', type=int, default=7)
    args = ap.parse_args()
    lines = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'corpus-samples', '*.txt'))):
        lines += [l.strip() for l in open(path, encoding='utf-8').read().split('\n')]
    paras = [l for l in lines if len(l) >= 60]
    seg = fold_eval.segmented(args.bin, paras)
    words = sorted({w for s in seg for piece in s.split(' ') for w in piece.split(SEP)})
    cut = syllables(words)
    rng = random.Random(args.seed)

    def spaced_syllables(s):
        out = []
        for piece in s.split(' '):
            ws = []
            for w in piece.split(SEP):
                syl = cut[w].split(SEP)
                if len(syl) >= 3 and is_lao_word(w) and rng.random() < 0.4:
                    ws.append(' '.join(syl))
                else:
                    ws.append(w)
            out.append(''.join(ws))
        return ' '.join(out)

    plain = fold_eval.clean(args.bin, args.level, [s.replace(SEP, '') for s in seg])
    print('| spaces put | paragraphs | edit distance | spaces lost | spaces left |')
    print('|---|---:|---:|---:|---:|')
    for way, make in [('syllables', spaced_syllables), ('words', lambda s: s.replace(SEP, ' '))]:
        out = fold_eval.clean(args.bin, args.level, [make(s) for s in seg])
        dist = lost = left = 0
        for a, b in zip(plain, out):
            dist += Levenshtein.distance(a, b)
            l, p = fold_eval.spaces(a, b)
            lost, left = lost + l, left + p
        print(f'| {way} | {len(paras)} | {dist} | {lost} | {left} |')


if __name__ == '__main__':
    main()
