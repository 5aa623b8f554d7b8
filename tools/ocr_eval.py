#!/usr/bin/env python3
"""CER of the OCR pairs in tests/ocr/ before and after laoclean, at every level.

Usage:  python3 tools/ocr_eval.py [--split tune|test|both] [--bin PATH] [--show N]
                                  [--levels safe,standard,aggressive] [--flags "..."]

Scores each split (default both) with the shared scorer's canonical forms and edit
distance (/work/shared/eval/ocr_score.py, or $LAOCLEAN_EVAL), one laoclean call per level
and split (blocks separated as ocr_score.py does). Prints a markdown table: CER with and
without spaces, relative reduction, and blocks made worse (count and share; the issue's
limit is 5%). That table is the official figure.

A second table scores the same outputs against the *canonical gold*: the gold passed
through `--level safe` (the character and spacing rules: documented canonical forms, no
dictionary). The gold is the user's documents, errors and all: where it writes ຫລ, ເເ,
`ລົງວັນທີ10/5/2021` or `“ ເຂົ້າໃຈ`, the canonical output counts as worse against it
although it is what the documented rules (and seed-errors.tsv) ask for. Against the
canonical gold those blocks are not worse; what stays worse is worse text. Each block
worse officially is put in one class:

- canonical: not worse against the canonical gold;
- gold errors (diagnostic): worse against the canonical gold, not against the gold
  cleaned at the same level, i.e. the word stage corrected the same misspelling that the
  gold itself holds (ໃຫ່ຍ → ໃຫຍ່), or rejoined a word the gold hard-wraps. This reference trusts the word stage on clean text,
  so it is a diagnostic, never a figure to quote;
- damage: worse against both, or holding one edit that is: a changed word (or run of
  words, as spaces divide them) farther from both golds than what it replaced, each
  judged on the gold words between its unchanged neighbours. Judged edit by edit, so a
  wrong respelling is not hidden by correct fixes of the gold's errors in its block.

The last column counts such damaging edits in all blocks, worse or not.

--flags passes more options to every laoclean call, the golds' too (the README's rows
`--noise-lines drop`: `--flags "--noise-lines drop"`).

--show N prints the words changed in up to N blocks made worse, with their class, and
every damaging edit.
Tune on `tune`, report on `test`.
"""
import argparse, difflib, json, os, shlex, subprocess, sys

EVAL = os.environ.get('LAOCLEAN_EVAL', '/work/shared/eval')
sys.path.insert(0, EVAL)
from ocr_score import SEP, dist, forms  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


FLAGS = []  # more laoclean options (--flags), for every call


def run(binary, level, pairs, field='ocr'):
    joined = ('\n' + SEP + '\n').join(p[field] for p in pairs) + '\n'
    r = subprocess.run([binary, '--level', level] + FLAGS, input=joined.encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    outs = r.stdout.decode('utf-8').rstrip('\n').split('\n' + SEP + '\n')
    if len(outs) != len(pairs):
        sys.exit(f'{level}: {len(outs)} blocks back for {len(pairs)}: the separator was changed')
    return outs


def score(pairs, outs, golds=None):
    """Totals and the indices of the blocks made worse, against `golds` (default: the
    pairs' own gold)."""
    golds = golds or [p['gold'] for p in pairs]
    t = dict(gold=0, gold_ns=0, ocr=0, ocr_ns=0, out=0, out_ns=0)
    worse = []
    for i, (p, o, gold) in enumerate(zip(pairs, outs, golds)):
        g, g_ns = forms(gold)
        x, x_ns = forms(p['ocr'])
        y, y_ns = forms(o)
        dx, dy = dist(x, g), dist(y, g)
        t['gold'] += len(g); t['gold_ns'] += len(g_ns)
        t['ocr'] += dx; t['out'] += dy
        t['ocr_ns'] += dist(x_ns, g_ns); t['out_ns'] += dist(y_ns, g_ns)
        if dy > dx:
            worse.append(i)
    return t, worse


def damaging_edits(ocr, out, gold):
    """The changed word runs of `out` (against `ocr`; words as spaces divide them) that are
    farther from `gold` than what they replaced, as (ocr run, output run) pairs. Each is
    judged on the gold words between the nearest unchanged OCR words that the gold shares."""
    x, y, g = (forms(t)[0].split(' ') for t in (ocr, out, gold))
    in_gold = {}
    for a0, b0, n in difflib.SequenceMatcher(None, x, g, autojunk=False).get_matching_blocks():
        for k in range(n):
            in_gold[a0 + k] = b0 + k
    bad = []
    for op, a, b, c, d in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
        if op == 'equal':
            continue
        before = max((in_gold[k] + 1 for k in range(a) if k in in_gold), default=0)
        after = min((in_gold[k] for k in range(b, len(x)) if k in in_gold), default=len(g))
        ref = ' '.join(g[before:after]) if before <= after else ''
        u, v = ' '.join(x[a:b]), ' '.join(y[c:d])
        if dist(v, ref) > dist(u, ref):
            bad.append((u, v))
    return bad


def cer(t, k, n):
    return 100.0 * t[k] / max(t[n], 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--split', default='both', choices=['tune', 'test', 'both'])
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target/release/laoclean'))
    ap.add_argument('--show', type=int, default=0)
    ap.add_argument('--levels', default='safe,standard,aggressive',
                    help='comma-separated levels to score (safe is always run first, for the '
                         '"worse than safe" column)')
    ap.add_argument('--flags', default='',
                    help='more laoclean options for every call, e.g. "--noise-lines drop"')
    a = ap.parse_args()
    FLAGS.extend(shlex.split(a.flags))
    splits = ['tune', 'test'] if a.split == 'both' else [a.split]
    levels = ['safe'] + [l for l in a.levels.split(',') if l and l != 'safe']
    official, canonical = [], []
    shown = 0
    for split in splits:
        path = os.path.join(ROOT, 'tests/ocr', split + '.jsonl')
        pairs = [json.loads(l) for l in open(path, encoding='utf-8')]
        canon_gold = run(a.bin, 'safe', pairs, 'gold')
        changed = sum(forms(c)[0] != forms(p['gold'])[0] for p, c in zip(pairs, canon_gold))
        moved = sum(dist(forms(c)[0], forms(p['gold'])[0]) for p, c in zip(pairs, canon_gold))
        safe = None
        for level in levels:
            outs = run(a.bin, level, pairs)
            t, worse = score(pairs, outs)
            tc, worse_c = score(pairs, outs, canon_gold)
            level_gold = canon_gold if level == 'safe' else run(a.bin, level, pairs, 'gold')
            _, worse_l = score(pairs, outs, level_gold)
            if safe is None:
                safe = outs
            vs_safe = sum(dist(forms(o)[0], forms(p['gold'])[0]) > dist(forms(s)[0], forms(p['gold'])[0])
                          for p, o, s in zip(pairs, outs, safe))
            if level == 'safe':
                official.append(f'| {split} | raw OCR | {cer(t, "ocr", "gold"):.2f}% | {cer(t, "ocr_ns", "gold_ns"):.2f}% | | | |')
                canonical.append(f'| {split} | raw OCR | {cer(tc, "ocr", "gold"):.2f}% | {cer(tc, "ocr_ns", "gold_ns"):.2f}% '
                                 f'| | | gold changed in {changed}/{len(pairs)} blocks, {moved} edits | | | |')
            red = 100.0 * (t['ocr'] - t['out']) / max(t['ocr'], 1)
            share = 100.0 * len(worse) / len(pairs)
            official.append(f'| {split} | {level} | {cer(t, "out", "gold"):.2f}% | {cer(t, "out_ns", "gold_ns"):.2f}% '
                            f'| {red:.1f}% | {len(worse)}/{len(pairs)} ({share:.1f}%) | {vs_safe}/{len(pairs)} |')
            # Edits farther from both the canonical gold and the gold cleaned at this level.
            damaging = [[e for e in damaging_edits(p['ocr'], o, cg) if e in damaging_edits(p['ocr'], o, lg)]
                        for p, o, cg, lg in zip(pairs, outs, canon_gold, level_gold)]
            kind = {i: 'damage' if (i in worse_c and i in worse_l) or damaging[i] else
                    'gold errors' if i in worse_c else 'canonical' for i in worse}
            n_damaging = sum(len(d) for d in damaging)
            counts = {k: sum(v == k for v in kind.values()) for k in ['canonical', 'gold errors', 'damage']}
            red_c = 100.0 * (tc['ocr'] - tc['out']) / max(tc['ocr'], 1)
            share_c = 100.0 * len(worse_c) / len(pairs)
            canonical.append(f'| {split} | {level} | {cer(tc, "out", "gold"):.2f}% | {cer(tc, "out_ns", "gold_ns"):.2f}% '
                             f'| {red_c:.1f}% | {len(worse_c)}/{len(pairs)} ({share_c:.1f}%) '
                             f'| {counts["canonical"]} | {counts["gold errors"]} | {counts["damage"]} '
                             f'| {n_damaging} |')
            for i in worse:
                if shown >= a.show:
                    break
                shown += 1
                x = forms(pairs[i]['ocr'])[0].split(' ')
                y = forms(outs[i])[0].split(' ')
                ops = difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
                changed_words = [(' '.join(x[a:b]), ' '.join(y[c:d])) for op, a, b, c, d in ops if op != 'equal']
                print(f'    {split}/{level} block {pairs[i]["id"]} [{kind[i]}]: '
                      + '; '.join(f'{u} → {v}' for u, v in changed_words[:8]), file=sys.stderr)
            if a.show:
                for i, edits in enumerate(damaging):
                    for u, v in edits:
                        print(f'    {split}/{level} damaging edit in block {pairs[i]["id"]}: {u} → {v}',
                              file=sys.stderr)
    print('Official (against the gold as written):\n')
    print('| split | level | CER | CER no spaces | reduction | blocks worse than OCR | worse than safe (word stage) |')
    print('|---|---|---|---|---|---|---|')
    print('\n'.join(official))
    print('\nAgainst the canonical gold (gold through `--level safe`), and why the blocks worse '
          'officially are worse:\n')
    print('| split | level | CER | CER no spaces | reduction | blocks worse than OCR '
          '| officially worse: canonical only | word stage fixed an error of the gold (diagnostic) | damage '
          '| damaging edits, all blocks |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    print('\n'.join(canonical))


if __name__ == '__main__':
    main()
