#!/usr/bin/env python3
"""Why laoclean leaves a seed error unfixed: one cause per case, counted by class.

Usage:  python3 tools/seed_triage.py [--bin PATH] [--level LEVEL] [--show]

Runs the shared seed_check's comparison (/work/shared/eval, or $LAOCLEAN_EVAL) on the
corpus samples and, for every case not fixed, asks in this order:

  suggested     laoclean reports the fix as a suggestion (below the margin or unsure);
  no-word       the fixed text needs a word the lexicon does not hold (a compound or a
                name: the words of the expected text around the error, as the segmenter
                cuts them, are not one dictionary word);
  outside       (the word is there, the error is not one) the error is not a confusion the skeleton index knows (error and fix
                differ in more than tone marks and dictionary/rules/confusion_classes.tsv
                classes: a letter added, dropped or swapped for an unrelated one);
  real-word     the word is there, but the error is itself a dictionary word (one
                word for another is never swapped without a compound: precision first);
  spacing/dup   spacing and duplication cases left as they are (by design or not yet);
  other         none of these: the fix has the error's skeleton but does not beat the
                text as written by half the margin.

It measures only: nothing here feeds the product.
"""
import argparse, collections, json, os, subprocess, sys, tempfile

EVAL = os.environ.get('LAOCLEAN_EVAL', '/work/shared/eval')
sys.path.insert(0, EVAL)
from seed_check import canon, unescape  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def classes():
    """Character -> skeleton class (tone marks -> '')."""
    out = {}
    for line in open(os.path.join(ROOT, 'dictionaries/rules/confusion_classes.tsv'), encoding='utf-8'):
        if line.startswith('#') or line.startswith('class\t'):
            continue
        name, members = line.split('\t')[:2]
        for c in members:
            out[c] = '' if name == 'drop' else members[0]
    return out


def lexicon():
    words = set()
    for line in open(os.path.join(ROOT, 'dictionaries/lao-words.tsv'), encoding='utf-8'):
        if not line.startswith('#'):
            words.add(line.split('\t')[0])
    return words


def diff_region(a, b):
    """Common prefix and suffix lengths of a and b."""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
        j += 1
    return i, j


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target/release/laoclean'))
    ap.add_argument('--level', default='standard')
    ap.add_argument('--show', action='store_true', help='print every case with its cause')
    a = ap.parse_args()
    cls_of = classes()
    skel = lambda s: ''.join(cls_of.get(c, c) for c in s)
    lex = lexicon()
    rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(EVAL, 'seed-errors.tsv'), encoding='utf-8')][1:]
    samples = os.path.join(os.path.dirname(EVAL), 'corpus-samples')
    outputs, inputs, suggestions = {}, {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for doc in sorted({r[0] for r in rows}):
            src = open(os.path.join(samples, doc), encoding='utf-8').read()
            report = os.path.join(tmp, 'r.jsonl')
            p = subprocess.run([a.bin, '--level', a.level, '--report', 'jsonl', '--report-file', report],
                               input=src.encode(), stdout=subprocess.PIPE, check=True)
            outputs[doc] = canon(p.stdout.decode())
            inputs[doc] = canon(src)
            suggestions[doc] = [r for r in map(json.loads, open(report, encoding='utf-8')) if r.get('suggestion')]
    causes = collections.defaultdict(collections.Counter)
    lines = []
    for doc, anchor, expected, cls, _ in rows:
        anchor, expected = canon(unescape(anchor)), canon(unescape(expected))
        src, out = inputs[doc], outputs[doc]
        n = src.count(anchor)
        if n and out.count(expected) - src.count(expected) >= n:
            continue
        verdict = 'untouched' if out.count(anchor) >= n else 'wrong'
        cause = 'other'
        sugg = [s for s in suggestions[doc] if canon(s['original']) in anchor
                and canon(anchor.replace(canon(s['original']), canon(s['replacement']), 1)) == expected]
        i, j = diff_region(anchor, expected)
        err, fix = anchor[i:len(anchor) - j], expected[i:len(expected) - j]
        if cls in ('spacing', 'duplication'):
            cause = 'spacing/dup'
        elif sugg:
            cause = 'suggested'
        else:
            seg = subprocess.run([a.bin, 'segment', '--sep', '|'], input=expected.encode(),
                                 stdout=subprocess.PIPE, check=True).stdout.decode().rstrip('\n')
            # The tokens of the expected text that overlap the fixed region, and the
            # same stretch of the anchor.
            pos, lo, hi = 0, None, None
            for tok in seg.split('|'):
                if pos < len(expected) - j and pos + len(tok) > i:
                    lo = pos if lo is None else lo
                    hi = pos + len(tok)
                pos += len(tok)
            word = expected[lo:hi].strip()
            written = anchor[lo:hi + len(anchor) - len(expected)].strip()
            if ' ' in word or word not in lex:
                cause = 'no-word'
            elif written in lex:
                cause = 'real-word'
            elif skel(err.replace(' ', '')) != skel(fix.replace(' ', '')):
                cause = 'outside'
        causes[cls][cause] += 1
        causes['ALL'][cause] += 1
        lines.append(f'  {verdict:9s} {cls:10s} {cause:11s} {anchor!r} -> {expected!r}')
    names = ['suggested', 'no-word', 'outside', 'real-word', 'spacing/dup', 'other']
    print('| class | ' + ' | '.join(names) + ' |')
    print('|---|' + '---:|' * len(names))
    for c in sorted(causes, key=lambda c: (c == 'ALL', c)):
        print(f'| {c} | ' + ' | '.join(str(causes[c][k]) for k in names) + ' |')
    if a.show:
        print('\n'.join(lines))


if __name__ == '__main__':
    main()
