#!/usr/bin/env python3
"""Learn the OCR confusion table (dictionaries/ocr_confusions.tsv) from (gold, ocr) pairs.

Usage:
    nice python3 tools/ocr_make_pairs.py             # once: makes bench-data/ocr/*/pairs.jsonl
    python3 tools/ocr_confusions.py [PAIRS.jsonl ...] [--min-count 3] [--alpha 0.5]
            [--out dictionaries/ocr_confusions.tsv] [--report FILE] [--top 40]

Without PAIRS it reads every bench-data/ocr/*/pairs.jsonl and tests/ocr/tune.jsonl. It refuses pairs whose id is
in tests/ocr/test.jsonl, and warns when a pair's gold shares a line with the test half.
Needs rapidfuzz (`pip install rapidfuzz`) for the first, global alignment.

Alignment. Both sides are first put in the forms the character stage produces, since
that is what the word stage sees: NFC, a tone typed before its vowel mark put after it,
ໍ+າ folded to ຳ, a doubled mark made single, ເເ to ແ, ຫນ ຫມ ຫລ to ໜ ໝ ຫຼ, runs of
spaces and tabs folded to one space, blank lines dropped; line breaks are kept as their
own unit. A unit-
cost Levenshtein alignment on code points (rapidfuzz) gives anchors; every stretch
between two anchors is aligned again with class-aware costs, so that a consonant is
paired with a consonant, a mark with a mark and white space with white space:
substitution inside one class 1, across classes 1.5, between white space and a letter
never; insertion and deletion 1. The resulting operations are the units of the table:

  * one code point for another (ດ→ຕ, ່→້, ໃ→ໂ),
  * one code point deleted (to is empty: a dropped tone mark) or inserted (from is
    empty), spaces and line breaks included,
  * a tone mark lost or misread on top of a vowel mark is recorded with that mark as
    left context (ັ້→ັ, ີ່→ີ້): Tesseract loses such stacked tones several times more
    often than a tone that sits alone, so they get their own, cheaper rows; the plain
    tone rows (່→∅) then count only tones that are not stacked on a vowel mark,
  * (OCR lines with no run of four Lao code points are dropped first: on the degraded
    renders Tesseract reads specks of the page as lines like `- ວ. <. ຈ >`; they are
    counted in the report, not in the table, whose insertion rows would otherwise be
    made of junk),
  * two neighbouring operations made into one unit when together they turn at most two
    code points into at most two of a different length and touch no white space
    (ແ→ເເ, ໜ→ຫນ, ຳ→າ​ໍ): the few look-alikes that are not one-for-one.

Costs. Natural logarithms, the scale of a word cost −ln P(word):

    cost(from→to) = −ln P(to | from),
    P(to | from)  = (n(from→to) + alpha) / (n(from) + alpha · V)

n(from→to) is how often gold `from` was read as `to`; n(from) how often `from` stood in
the gold text (read right or wrong; for a single tone mark, only where it is not stacked
on a vowel mark); V the number of distinct units seen (as outcomes);
alpha the additive smoothing (0.5). For insertions, from is empty and n(from) is the
number of gold code points (each is a place where something can be inserted). For a
two-code-point `from`, n(from) counts its occurrences in the gold text. Only pairs with
n(from→to) >= --min-count are written; an edit not in the table costs what the formula
gives with n(from→to) = 0. The direction is the noisy channel: from = what was meant
(gold), to = what the OCR wrote, so the decoder adds cost(from→to) when it proposes that
the written `to` was meant as `from`.

The report (stdout, or --report FILE) gives CER per font and degradation, per source
file, the top confusions, and the share of errors in white space, tone marks, vowel
marks and consonants.
"""
import argparse, glob, json, math, os, re, sys, unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TONES = '\u0ec8\u0ec9\u0eca\u0ecb'
ABOVE = '\u0eb1\u0eb4\u0eb5\u0eb6\u0eb7\u0ebb\u0ecd'  # vowel marks a tone mark stacks on

CLASS_NAMES = {
    'C': 'consonant', 'L': 'leading vowel', 'F': 'following vowel', 'V': 'vowel mark',
    'T': 'tone or cancel mark', 'D': 'digit', 'W': 'white space', 'N': 'line break',
    'P': 'punctuation/other', 'X': 'non-Lao letter',
}


VOWEL_MARKS = '\u0eb1\u0eb4\u0eb5\u0eb6\u0eb7\u0eb8\u0eb9\u0ebb\u0ecd'


def canon(s):
    """What the word stage sees: the text after the character stage's canonical forms."""
    s = unicodedata.normalize('NFC', s)
    s = re.sub('([' + TONES + '])([' + VOWEL_MARKS + '])', r'\2\1', s)  # vowel mark before tone
    s = re.sub('\u0ecd([' + TONES + ']?)\u0eb2', lambda m: m.group(1) + '\u0eb3', s)
    s = re.sub('([\u0eb1-\u0ebc\u0ec8-\u0ecd])\\1+', r'\1', s)  # a mark typed twice
    s = s.replace('\u0ec0\u0ec0', '\u0ec1').replace('ຫນ', 'ໜ').replace('ຫມ', 'ໝ').replace('ຫລ', 'ຫ\u0ebc')
    s = re.sub('[ \t\u00a0]+', ' ', s)
    s = re.sub(' *\n[ \n]*', '\n', s)  # blank lines are layout, not text
    return s.strip()


LAO_RUN = re.compile('[\u0e80-\u0eff]{4,}')


def drop_junk(ocr):
    """Drop OCR lines with no run of four Lao code points: specks of the degraded page."""
    lines = ocr.split('\n')
    kept = [l for l in lines if LAO_RUN.search(l)]
    return '\n'.join(kept), sum(len(l) for l in lines if not LAO_RUN.search(l))


def cls(c):
    o = ord(c)
    if c == '\n':
        return 'N'
    if c.isspace():
        return 'W'
    if 0x0E81 <= o <= 0x0EAE or 0x0EDC <= o <= 0x0EDF:
        return 'C'
    if 0x0EC0 <= o <= 0x0EC4:
        return 'L'
    if c in '\u0eb0\u0eb2\u0eb3\u0ebd':
        return 'F'
    if c in '\u0eb1\u0eb4\u0eb5\u0eb6\u0eb7\u0eb8\u0eb9\u0ebb\u0ebc\u0ecd':
        return 'V'
    if 0x0EC8 <= o <= 0x0ECC:
        return 'T'
    if c.isdigit():
        return 'D'
    if c.isalpha():
        return 'X'
    return 'P'


def sub_cost(a, b):
    ca, cb = cls(a), cls(b)
    ws_a, ws_b = ca in 'WN', cb in 'WN'
    if ws_a != ws_b:
        return 9.0  # never: white space against a letter is a deletion plus an insertion
    return 1.0 if ca == cb else 1.5


def local_align(g, o):
    """Class-aware Levenshtein alignment of two short strings: list of (from, to)."""
    n, m = len(g), len(o)
    if n * m > 250_000:  # a block of garbage: fall back to plain deletions and insertions
        return [(c, '') for c in g] + [('', c) for c in o]
    INF = float('inf')
    d = [[INF] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, step = INF, None
            if i and j:
                c = d[i - 1][j - 1] + (0.0 if g[i - 1] == o[j - 1] else sub_cost(g[i - 1], o[j - 1]))
                if c < best:
                    best, step = c, 's'
            if i and d[i - 1][j] + 1.0 < best:
                best, step = d[i - 1][j] + 1.0, 'd'
            if j and d[i][j - 1] + 1.0 < best:
                best, step = d[i][j - 1] + 1.0, 'i'
            d[i][j], back[i][j] = best, step
    ops, i, j = [], n, m
    while i or j:
        step = back[i][j]
        if step == 's':
            ops.append((g[i - 1], o[j - 1]))
            i, j = i - 1, j - 1
        elif step == 'd':
            ops.append((g[i - 1], ''))
            i -= 1
        else:
            ops.append(('', o[j - 1]))
            j -= 1
    return ops[::-1]


def align(g, o):
    """Alignment of gold g and OCR o as a list of (from, to) pairs, equal pairs included."""
    from rapidfuzz.distance import Levenshtein
    ops = []
    region_g, region_o = [], []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(g, o):
        if tag == 'equal':
            if region_g or region_o:
                ops.extend(local_align(''.join(region_g), ''.join(region_o)))
                region_g, region_o = [], []
            ops.extend((c, c) for c in g[i1:i2])
        else:
            region_g.append(g[i1:i2])
            region_o.append(o[j1:j2])
    if region_g or region_o:
        ops.extend(local_align(''.join(region_g), ''.join(region_o)))
    return ops


def units(ops):
    """Group the error operations of an alignment into table units."""
    out, k = [], 0
    while k < len(ops):
        f, t = ops[k]
        if f == t:
            k += 1
            continue
        if len(f) == 1 and f in TONES and k and ops[k - 1][0] == ops[k - 1][1] and ops[k - 1][0] in ABOVE:
            out.append((ops[k - 1][0] + f, ops[k - 1][0] + t))  # a tone stacked on a vowel mark
            k += 1
            continue
        if k + 1 < len(ops) and ops[k + 1][0] != ops[k + 1][1]:
            f2, t2 = ops[k + 1]
            ff, tt = f + f2, t + t2
            one_sub = (f and t) != (f2 and t2)  # exactly one of the two is a substitution
            if (one_sub and len(ff) <= 2 and len(tt) <= 2 and len(ff) != len(tt)
                    and not any(cls(c) in 'WN' for c in ff + tt)):
                out.append((ff, tt))
                k += 2
                continue
        out.append((f, t))
        k += 1
    return out


def esc(s):
    return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\t', '\\t').replace(' ', '\\s')


def show(s):
    if s == '':
        return '∅'
    names = []
    for c in s:
        if c == ' ':
            names.append('SPACE')
        elif c == '\n':
            names.append('LF')
        elif unicodedata.combining(c) or cls(c) in 'VT':
            names.append('◌' + c)
        else:
            names.append(c)
    return ''.join(names)


def category(f, t):
    while f and t and f[0] == t[0]:  # drop shared context (ັ້→ັ is a lost tone mark)
        f, t = f[1:], t[1:]
    chars = f + t
    if any(cls(c) == 'N' for c in chars):
        return 'line break'
    if any(cls(c) == 'W' for c in chars):
        return 'space'
    cs = {cls(c) for c in chars}
    if cs <= {'T'}:
        return 'tone mark' if f and t else ('tone mark lost' if f else 'tone mark added')
    if cs <= {'V'}:
        return 'vowel mark'
    if cs <= {'C'}:
        return 'consonant'
    if cs <= {'L', 'F'}:
        return 'spacing vowel'
    if cs & {'X', 'P', 'D'}:
        return 'digit/punct/latin'
    return 'mixed'


def load(paths):
    test_ids, test_lines = set(), set()
    test_path = os.path.join(ROOT, 'tests', 'ocr', 'test.jsonl')
    if os.path.exists(test_path):
        for l in open(test_path, encoding='utf-8'):
            p = json.loads(l)
            test_ids.add(p['id'])
            test_lines.update(x for x in canon(p['gold']).split('\n') if len(x) > 40)
    pairs, shared = [], 0
    junk_gold = [0]
    for path in paths:
        src = os.path.basename(os.path.dirname(path)) or path
        if src == 'ocr':
            src = os.path.basename(path)
        if os.path.abspath(path) == os.path.abspath(test_path):
            sys.exit('refusing to learn from the test half')
        for l in open(path, encoding='utf-8'):
            p = json.loads(l)
            if p['id'] in test_ids:  # e.g. the shared ocr-samples.jsonl: keep its tune half only
                continue
            gold = canon(p['gold'])
            shared += sum(1 for x in gold.split('\n') if x in test_lines)
            pairs.append((src, p, gold, canon(p['ocr'])))
            if any(not LAO_RUN.search(x) for x in gold.split('\n')):
                junk_gold[0] += 1
    if shared:
        print(f'warning: {shared} training lines also occur in the test half', file=sys.stderr)
    if junk_gold[0]:
        print(f'warning: {junk_gold[0]} blocks have a gold line that looks like junk', file=sys.stderr)
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('pairs', nargs='*')
    ap.add_argument('--out', default=os.path.join(ROOT, 'dictionaries', 'ocr_confusions.tsv'))
    ap.add_argument('--min-count', type=int, default=3)
    ap.add_argument('--alpha', type=float, default=0.5)
    ap.add_argument('--top', type=int, default=40)
    ap.add_argument('--report', help='write the report here instead of stdout')
    a = ap.parse_args()
    paths = a.pairs or (sorted(glob.glob(os.path.join(ROOT, 'bench-data', 'ocr', '*', 'pairs.jsonl')))
                        + [os.path.join(ROOT, 'tests', 'ocr', 'tune.jsonl')])
    if not paths:
        sys.exit('no pair files: run tools/ocr_make_pairs.py first, or name PAIRS files')
    pairs = load(paths)
    from rapidfuzz.distance import Levenshtein

    confusions = Counter()
    gold_units = Counter()  # how often each single code point and each bigram stands in gold
    gold_total = 0
    by_group = defaultdict(lambda: [0, 0])  # (font, noise) -> [errors, gold length]
    by_source = defaultdict(lambda: [0, 0])
    tone_by_font = defaultdict(lambda: [0, 0, 0])  # font -> [tones in gold, lost, swapped]
    stacked = Counter()  # lost tone marks: True = stacked on a vowel mark
    gold_stacked = 0
    junk_cp, junk_err, all_err = 0, 0, 0
    for src, p, gold, ocr in pairs:
        ocr_all = ocr
        ocr, dropped = drop_junk(ocr)
        junk_cp += dropped
        junk_err += Levenshtein.distance(gold, ocr_all) - Levenshtein.distance(gold, ocr)
        all_err += Levenshtein.distance(gold, ocr_all)
        gold_total += len(gold)
        gold_units.update(gold)
        gold_units.update(gold[i:i + 2] for i in range(len(gold) - 1))
        gold_units.subtract(gold[i + 1] for i in range(len(gold) - 1)
                            if gold[i + 1] in TONES and gold[i] in ABOVE)
        us = units(align(gold, ocr))
        confusions.update(us)
        errs = sum(Levenshtein.distance(f, t) for f, t in us)
        tb = tone_by_font[p['font']]
        tb[0] += sum(gold.count(t) for t in TONES)
        gold_stacked += sum(1 for i in range(1, len(gold)) if gold[i] in TONES and gold[i - 1] in ABOVE)
        for f, t in us:
            kind = category(f, t)
            if kind == 'tone mark lost':
                tb[1] += 1
                stacked[f[0] in ABOVE] += 1
            elif kind == 'tone mark' and len(f) == len(t):
                tb[2] += 1
        for key, table in (((p['font'], p['noise']), by_group), (src, by_source)):
            table[key][0] += errs
            table[key][1] += len(gold)

    outcomes = {t for _, t in confusions} | set(gold_units)
    V = len({u for u in outcomes if len(u) <= 1}) + 1
    rows = []
    for (f, t), n in confusions.items():
        if n < a.min_count:
            continue
        n_from = gold_total if f == '' else gold_units[f]
        n_from = max(n_from, n)
        p = (n + a.alpha) / (n_from + a.alpha * V)
        rows.append((f, t, n, -math.log(p), n_from))
    rows.sort(key=lambda r: (r[3], r[0], r[1]))

    total_err = sum(confusions.values())
    kept_err = sum(r[2] for r in rows)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, 'w', encoding='utf-8') as f:
        f.write('# OCR confusion table for Lao, learned by tools/ocr_confusions.py from real Tesseract\n'
                '# round trips (see dictionaries/SOURCES.md, section "Error model"). Do not edit by hand:\n'
                '# rerun `python3 tools/ocr_confusions.py` after `nice python3 tools/ocr_make_pairs.py`.\n'
                '# from = what was meant (gold), to = what the OCR wrote; empty = nothing (a deletion\n'
                '# when `to` is empty, an insertion when `from` is empty). Escapes: \\s space, \\n line\n'
                '# break, \\t tab, \\\\ backslash. count = times seen; n_from = n(from) below.\n'
                '# cost = -ln P(to|from), P(to|from) = (count + alpha) / (n(from) + alpha*V), natural log,\n'
                f'# alpha = {a.alpha}, V = {V}; n(from) = occurrences of `from` in the gold text, or for an\n'
                f'# insertion the number of gold code points. Rows with count >= {a.min_count}, cheapest first.\n'
                '# A tone mark stacked on a vowel mark (from = mark + tone) has its own rows; the rows for a\n'
                '# lone tone mark apply where no vowel mark is under it. Prefer the longest matching `from`.\n'
                f'# Learned from {len(pairs)} blocks, {gold_total} gold code points, {total_err} error units\n'
                f'# ({kept_err} in the rows below). An edit not listed: the formula with count 0.\n'
                '# Both sides were put in the character stage\'s canonical forms first (the word stage\n'
                '# sees that text), and OCR lines with no run of 4 Lao code points (page specks) dropped.\n')
        f.write('from\tto\tcount\tcost\tn_from\n')
        for fr, to, n, cost, n_from in rows:
            f.write(f'{esc(fr)}\t{esc(to)}\t{n}\t{cost:.3f}\t{n_from}\n')

    out = open(a.report, 'w', encoding='utf-8') if a.report else sys.stdout
    pr = lambda *x: print(*x, file=out)
    pr(f'pairs: {len(pairs)} blocks from {len(paths)} files, {gold_total} gold code points')
    pr(f'error units: {total_err} (unit error rate {100.0 * total_err / gold_total:.2f}%); '
       f'{len(rows)} table rows with count >= {a.min_count} cover {kept_err} ({100.0 * kept_err / max(total_err, 1):.1f}%)')
    pr(f'junk lines (no run of 4 Lao code points, specks of the degraded page read as text): '
       f'{junk_cp} code points dropped before alignment; they hold {junk_err} of {all_err} '
       f'edit-distance errors ({100.0 * junk_err / max(all_err, 1):.1f}%). All figures below are without them.')
    pr('\nunit error rate by font / degradation:')
    for key in sorted(by_group):
        e, n = by_group[key]
        pr(f'  {key[0]:<20} {key[1]:<6} {100.0 * e / n:6.2f}%  ({n} code points)')
    fonts, noises = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for (font, noise), (e, n) in by_group.items():
        for t, k in ((fonts, font), (noises, noise)):
            t[k][0] += e
            t[k][1] += n
    for name, t in (('font', fonts), ('degradation', noises)):
        pr(f'by {name}: ' + ', '.join(f'{k} {100.0 * e / n:.2f}%' for k, (e, n) in sorted(t.items())))
    pr('tone marks by font (lost / read as another tone, share of gold tone marks): ' + ', '.join(
        f'{k} {100.0 * l / max(n, 1):.1f}% / {100.0 * w / max(n, 1):.1f}%' for k, (n, l, w) in sorted(tone_by_font.items())))
    gold_tones = sum(v[0] for v in tone_by_font.values())
    pr(f'tone marks lost: stacked on a vowel mark {stacked[True]} of {gold_stacked} '
       f'({100.0 * stacked[True] / max(gold_stacked, 1):.1f}%), alone {stacked[False]} of '
       f'{gold_tones - gold_stacked} ({100.0 * stacked[False] / max(gold_tones - gold_stacked, 1):.1f}%)')
    pr('\nby source:')
    for key in sorted(by_source):
        e, n = by_source[key]
        pr(f'  {key:<20} {100.0 * e / n:6.2f}%  ({n} code points)')
    cats = Counter()
    for (f, t), n in confusions.items():
        cats[category(f, t)] += n
    pr('\nerror units by kind:')
    for k, n in cats.most_common():
        pr(f'  {k:<18} {n:6d}  {100.0 * n / total_err:5.1f}%')
    kinds = Counter()
    for (f, t), n in confusions.items():
        while f and t and f[0] == t[0]:
            f, t = f[1:], t[1:]
        kinds['substitution' if f and t else ('deletion' if f else 'insertion')] += n
    pr('  ' + ', '.join(f'{k} {n} ({100.0 * n / total_err:.1f}%)' for k, n in kinds.most_common()))
    junk = sum(n for (f, t), n in confusions.items() if not f and t and all(cls(c) in 'PXD' for c in t))
    pr(f'  insertions of digits, punctuation or Latin letters (mostly specks of the degraded '
       f'images read as . , < + -): {junk} ({100.0 * junk / total_err:.1f}%)')
    pr(f'\ntop {a.top} confusions (gold → ocr, count, cost):')
    for (f, t), n in confusions.most_common(a.top):
        cost = next((r[3] for r in rows if r[0] == f and r[1] == t), float('nan'))
        pr(f'  {show(f):>8} → {show(t):<8} {n:6d}  {cost:6.2f}  {category(f, t)}')


if __name__ == '__main__':
    main()
