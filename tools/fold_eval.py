#!/usr/bin/env python3
"""How well laoclean rejoins hard-wrapped Lao text: the corpus samples' paragraphs
folded at fixed widths, cleaned, and compared with the same paragraphs cleaned unfolded.

Usage:  python3 tools/fold_eval.py [--bin PATH] [--level LEVEL] [--show N]

Three ways of folding a paragraph into lines of at most W code points:

  hard      cut every W code points, wherever that falls (`fold -w W`): inside words,
            and a space stays where the cut leaves it, at the end of a line or the start
            of the next (narrow columns: W = 20, 25, 30, 35, paragraphs of 60 or more;
            and W = 45, 60, 80, paragraphs of 150 or more);
  spaces    break after the last space within W, which stays at the end of the line
            (`fold -s -w W`; a hard cut where a line has no space): W = 45, 60, 80,
            paragraphs of 150 or more;
  dropped   break at the last space within W and drop it, as most editors wrap (the
            break itself was the space): same widths and paragraphs as `spaces`;
  words     break at the last space or word boundary within W (the words of
            `laoclean segment`), dropping a space broken at, as editors that know Lao
            words wrap: same widths and paragraphs as `spaces`.

For each way and width: the edit distance (code points) between the folded paragraphs
cleaned and the unfolded ones cleaned, summed; the spaces lost and put in (from the
alignment; a line break left where the unfolded text has a space is not a space lost:
that paragraph was not rejoined there); and the paragraphs left with a line break (not
rejoined, or not all of them). A paragraph is one line of a sample; the folded
paragraphs go to laoclean in one file, separated by blank lines.

It measures only: nothing here feeds the product.
"""
import argparse, glob, os, subprocess, sys, tempfile

from rapidfuzz.distance import Levenshtein

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WAYS = [
    ('hard', [20, 25, 30, 35], 60),
    ('hard', [45, 60, 80], 150),
    ('spaces', [45, 60, 80], 150),
    ('dropped', [45, 60, 80], 150),
    ('words', [45, 60, 80], 150),
]

SEP = '\x1f'  # between the words of `laoclean segment` (a control no sample holds)


def fold(text, width, way):
    """`text` (one line) folded into lines of at most `width` code points (`words`:
    `text` with SEP between its words)."""
    if way == 'words':
        return fold_words(text, width)
    lines = []
    while len(text) > width:
        cut = width
        if way != 'hard':
            k = text.rfind(' ', 0, width + (way == 'dropped'))
            if k > 0:
                cut = k + 1
        line, text = text[:cut], text[cut:]
        if way == 'dropped' and line.endswith(' '):
            line = line[:-1]
        lines.append(line)
    lines.append(text)
    return '\n'.join(lines)


def fold_words(text, width):
    """`text`, its words cut by SEP, folded at the last space or word boundary within
    `width` code points (a space broken at is dropped); a word longer than the width is
    cut at it."""
    lines, line = [], ''
    for i, piece in enumerate(text.split(' ')):
        words = piece.split(SEP)
        for j, word in enumerate(words):
            glue = ' ' if i > 0 and j == 0 and line else ''
            if len(line) + len(glue) + len(word) <= width:
                line += glue + word
                continue
            if line:
                lines.append(line)
            line = word
            while len(line) > width:
                lines.append(line[:width])
                line = line[width:]
    lines.append(line)
    return '\n'.join(lines)


def segmented(binary, paragraphs):
    """The paragraphs with SEP between their words (`laoclean segment`, which also
    composes ໍາ as ຳ: the cleaning does so too)."""
    out = subprocess.run([binary, 'segment', '--sep', SEP], input='\n'.join(paragraphs) + '\n',
                         capture_output=True, check=True, text=True).stdout
    words = out.rstrip('\n').split('\n')
    if len(words) != len(paragraphs):
        sys.exit('laoclean segment merged or split paragraphs')
    return words


def clean(binary, level, paragraphs):
    with tempfile.NamedTemporaryFile('w', suffix='.txt', encoding='utf-8', delete=False) as f:
        f.write('\n\n'.join(paragraphs) + '\n')
        path = f.name
    try:
        out = subprocess.run([binary, '--level', level, path], capture_output=True, check=True).stdout
    finally:
        os.unlink(path)
    return out.decode('utf-8').rstrip('\n').split('\n\n')


def spaces(a, b):
    """Spaces of `a` that `b` lacks (a line break left in a space's place is not one of
    them: the paragraph was not rejoined there), and spaces `b` puts in."""
    lost = put = 0
    for op in Levenshtein.editops(a, b):
        if op.tag == 'delete' and a[op.src_pos] == ' ':
            lost += 1
        if op.tag == 'replace' and a[op.src_pos] == ' ' and b[op.dest_pos] != '\n':
            lost += 1
        if op.tag in ('insert', 'replace') and b[op.dest_pos] == ' ':
            put += 1
    return lost, put


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target/release/laoclean'))
    ap.add_argument('--level', default='standard')
    ap.add_argument('--show', type=int, default=0, help='print up to N differing paragraphs')
    args = ap.parse_args()
    lines = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'corpus-samples', '*.txt'))):
        lines += [l.strip() for l in open(path, encoding='utf-8').read().split('\n')]
    print('| way | width | paragraphs | edit distance | spaces lost | spaces put in | left unjoined |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    for way, widths, least in WAYS:
        paras = [l for l in lines if len(l) >= least]
        plain = clean(args.bin, args.level, paras)
        source = segmented(args.bin, paras) if way == 'words' else paras
        for width in widths:
            folded = clean(args.bin, args.level, [fold(p, width, way) for p in source])
            if len(folded) != len(plain):
                sys.exit(f'{way} {width}: paragraphs came back merged or split')
            dist = lost = put = unjoined = shown = 0
            for a, b in zip(plain, folded):
                dist += Levenshtein.distance(a, b)
                l, p = spaces(a, b)
                lost, put = lost + l, put + p
                unjoined += '\n' in b
                if a != b and shown < args.show:
                    shown += 1
                    print(f'  {way} {width}:\n    {a}\n    {b}', file=sys.stderr)
            print(f'| {way} | {width} | {len(paras)} | {dist} | {lost} | {put} | {unjoined} |')


if __name__ == '__main__':
    main()
