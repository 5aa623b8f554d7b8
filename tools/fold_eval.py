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

With --font PATH (a TrueType font with Lao, e.g. fonts-lao's Phetsarath_OT.ttf; needs
`pip install fonttools`), two more ways measure lines by glyph widths, as a word processor
or a PDF lays them out (W = columns of 1,000 font units, about one Lao letter each):

  glyphs        cut where the width runs out, between two clusters (a PDF's lines);
  glyph-spaces  break at the last space that fits and drop it (a word processor).

For each way and width: the edit distance (code points) between the folded paragraphs
cleaned and the unfolded ones cleaned, summed; the spaces lost and put in (from the
alignment; a line break left where the unfolded text has a space is not a space lost:
that paragraph was not rejoined there); and the paragraphs left with a line break (not
rejoined, or not all of them). A paragraph is one line of a sample; the folded
paragraphs go to laoclean in one file, separated by blank lines.

A third table makes pages of 20 such paragraphs, each folded at W but the sixth, which
is left on one line or folded at 1.5 W (a page where one paragraph was wrapped wider,
or not at all): the edit distance against the page's paragraphs each on one line,
cleaned, and the line breaks left (the paragraph ends are 19 a page).

A second table runs paragraphs together: every three paragraphs of 100 code points or
more, each folded, are written one after another with a line break between them and no
blank line (as OCR and PDF text give pages), and it counts the paragraph ends that stay a
line break, and the line breaks left in all.

It measures only: nothing here feeds the product.
"""
import argparse, glob, os, subprocess, sys, tempfile, unicodedata

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


GLYPH = None  # character -> advance width, with --font


def glyph_width(s):
    return sum(GLYPH.get(c, 1000) for c in s)


def fill(pieces, limit, measure):
    """Greedy line filling: `pieces` are (glue, unit) pairs (the glue goes before the unit
    when it does not open a line); a line holds what fits within `limit` by `measure`, and
    a unit too long alone is cut at it."""
    lines, line = [], ''
    for glue, unit in pieces:
        glue = glue if line else ''
        if measure(line + glue + unit) <= limit:
            line += glue + unit
            continue
        if line:
            lines.append(line)
        line = unit
        while measure(line) > limit:
            k = len(line)
            while k > 1 and measure(line[:k]) > limit:
                k -= 1
            lines.append(line[:k])
            line = line[k:]
    lines.append(line)
    return '\n'.join(lines)


def fold_glyphs(text, width, drop_spaces):
    """`text` laid out in lines of at most `width` × 1,000 font units: cut between two
    clusters (a mark or following vowel stays with its letter), or at the last space that
    fits (dropped), cut where a run alone is too wide."""
    if drop_spaces:
        return fill([(' ', run) for run in text.split(' ')], width * 1000, glyph_width)
    lines, line = [], ''
    for c in text:
        inside = unicodedata.category(c) == 'Mn' or c in '\u0eb0\u0eb2\u0eb3\u0ebd'
        if line and not inside and glyph_width(line + c) > width * 1000:
            lines.append(line)
            line = ''
        line += c
    lines.append(line)
    return '\n'.join(lines)


def fold(text, width, way):
    """`text` (one line) folded into lines of at most `width` code points (`words`:
    `text` with SEP between its words)."""
    if way == 'words':
        return fold_words(text, width)
    if way in ('glyphs', 'glyph-spaces'):
        return fold_glyphs(text, width, way == 'glyph-spaces')
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
    pieces = [(' ' if j == 0 else '', word)
              for piece in text.split(' ') for j, word in enumerate(piece.split(SEP))]
    return fill(pieces, width, len)


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
    ap.add_argument('--font', help='a TrueType font with Lao: adds the glyph-width ways')
    args = ap.parse_args()
    ways = list(WAYS)
    if args.font:
        from fontTools.ttLib import TTFont
        global GLYPH
        font = TTFont(args.font)
        # Advance widths on an em of 2,048 units (Phetsarath OT's own).
        metrics, scale = font['hmtx'], 2048 / font['head'].unitsPerEm
        GLYPH = {chr(u): round(metrics[g][0] * scale) for u, g in font.getBestCmap().items()}
        ways += [('glyphs', [20, 30], 60), ('glyphs', [45, 60, 80], 150),
                 ('glyph-spaces', [45, 60, 80], 150)]
    lines = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'corpus-samples', '*.txt'))):
        lines += [l.strip() for l in open(path, encoding='utf-8').read().split('\n')]
    print('| way | width | paragraphs | edit distance | spaces lost | spaces put in | left unjoined |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    for way, widths, least in ways:
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
    together = [w for w in ways if w[0] in ('hard', 'spaces', 'dropped', 'glyphs', 'glyph-spaces')]
    run_together(args, lines, together)
    pages(args, lines, together)


def pages(args, lines, ways):
    """Pages of 20 paragraphs folded at one width but one, left on its line or folded
    wider: edit distance against the paragraphs on their lines, line breaks left."""
    paras = [l for l in lines if len(l) >= 100]
    groups = [paras[i:i + 20] for i in range(0, len(paras) - 19, 20)]
    gold = clean(args.bin, args.level, ['\n'.join(g) for g in groups])
    print()
    print('| way | width | sixth paragraph | edit distance | line breaks left |')
    print('|---|---:|---|---:|---:|')
    for way in dict.fromkeys(w for w, _, _ in ways):
        for width in (45, 60):
            for odd in ('folded too', 'on one line', 'folded at 1.5 W'):
                def page(g):
                    out = []
                    for j, p in enumerate(g):
                        if j == 5 and odd == 'on one line':
                            out.append(p)
                        else:
                            w = int(width * 1.5) if j == 5 and odd != 'folded too' else width
                            out.append(fold(p, w, way))
                    return '\n'.join(out)
                out = clean(args.bin, args.level, [page(g) for g in groups])
                dist = sum(Levenshtein.distance(a, b) for a, b in zip(gold, out))
                left = sum(o.count('\n') for o in out)
                print(f'| {way} | {width} | {odd} | {dist} | {left} |')


def run_together(args, lines, ways):
    """Paragraphs folded and written one after another without a blank line: the
    paragraph ends kept, and the line breaks left in all."""
    paras = [l for l in lines if len(l) >= 100]
    groups = [paras[i:i + 3] for i in range(0, len(paras) - 2, 3)]
    cleaned = dict(zip(paras, clean(args.bin, args.level, paras)))
    print()
    print('| way | width | paragraph ends | kept | line breaks left |')
    print('|---|---:|---:|---:|---:|')
    for way in dict.fromkeys(w for w, _, _ in ways):
        for width in (45, 60, 80):
            texts = ['\n'.join(fold(p, width, way) for p in g) for g in groups]
            out = clean(args.bin, args.level, texts)
            ends = kept = left = 0
            for group, text in zip(groups, out):
                left += text.count('\n')
                for p in group[1:]:
                    ends += 1
                    # The next paragraph's first letters as the cleaning leaves them.
                    head = cleaned[p][:12]
                    at = text.find(head)
                    kept += at > 0 and text[at - 1] == '\n'
            print(f'| {way} | {width} | {ends} | {kept} | {left} |')



if __name__ == '__main__':
    main()
