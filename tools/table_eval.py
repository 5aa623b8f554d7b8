#!/usr/bin/env python3
"""Hand-laid tables and lists of numbers: does laoclean keep their line breaks?

Every line break of a table laid out by hand is meant, and rejoining one runs two rows
into one line (words fused where a row ends in a Lao word). This builds tables from the
words of the corpus samples (segmented with the binary under test) in six shapes and
counts, for each binary given, the breaks that come back kept.

    python3 tools/table_eval.py [--n 150] [--seed 7] [BIN ...]   (default: the release build)

Shapes (3 to 12 rows each, names of 8 to 44 characters; the magnitude shape last, so
that the first six draw the same tables whether it is there or not):

  numbers        a name, then one to three numbers   `ແຂວງ… 12,345 6.5`
  unit           a name, a number, the same unit     `… 305 ລ້ານກີບ`
  units          a name, a number, a unit of its own
  magnitude      a name, a number, a magnitude and a unit apart  `… 52 ລ້ານ ກີບ`
  year           a year, a name, two numbers         `2019 … 123 45%`
  colon          a label, a colon, a number          `…: 1,234`
  title_numbers  a title ending in `:`, then rows of a name and two numbers
"""
import argparse, glob, os, random, subprocess
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UNITS = ['ຄົນ', 'ລ້ານກີບ', 'ໂຕນ', 'ແຫ່ງ', 'ຫຼັງຄາເຮືອນ', 'ເຮັກຕາ']
MAGNITUDES = ['ພັນ', 'ແສນ', 'ລ້ານ', 'ຕື້']
MAGNITUDE_UNITS = ['ກີບ', 'ໂດລາ', 'ຄົນ', 'ໂຕນ']


def words(binary):
    """The Lao words of the samples (two characters or more), as the binary splits them."""
    text = '\n'.join(open(p, encoding='utf-8').read()
                     for p in sorted(glob.glob(os.path.join(ROOT, 'corpus-samples/*.txt'))))
    out = subprocess.run([binary, 'segment', '--sep', ' '], input=text.encode(),
                         capture_output=True, check=True).stdout.decode()
    return [w for w in out.split() if len(w) >= 2 and all('\u0e81' <= c <= '\u0edf' for c in w)]


def shapes(rng, pool):
    def name(lo, hi):
        s, n = '', rng.randint(lo, hi)
        while len(s) < n:
            s += rng.choice(pool)
        return s

    def num():
        k = rng.random()
        if k < .3:
            return str(rng.randint(1, 999))
        if k < .55:
            return '{:,}'.format(rng.randint(1000, 9999999))
        if k < .75:
            return '%d.%d' % (rng.randint(0, 99), rng.randint(0, 99))
        if k < .9:
            return '%d%%' % rng.randint(1, 100)
        return str(rng.randint(1000, 99999))

    def rows():
        return range(rng.randint(3, 12))

    def width():
        return rng.randint(12, 40)

    def numbers():
        k, w = rng.randint(1, 3), width()
        return [name(w - 4, w + 4) + ' ' + ' '.join(num() for _ in range(k)) for _ in rows()]

    def unit():
        u, w = rng.choice(UNITS), width()
        return [f'{name(w - 4, w + 4)} {num()} {u}' for _ in rows()]

    def units():
        w = width()
        return [f'{name(w - 4, w + 4)} {num()} {rng.choice(UNITS)}' for _ in rows()]

    def magnitude():
        w = width()
        return [f'{name(w - 4, w + 4)} {rng.randint(1, 999)} {rng.choice(MAGNITUDES)} '
                f'{rng.choice(MAGNITUDE_UNITS)}' for _ in rows()]

    def year():
        y, w = rng.randint(1990, 2020), width()
        return [f'{y + i} {name(w - 4, w + 4)} {num()} {num()}' for i in rows()]

    def colon():
        w = rng.randint(8, 30)
        return [f'{name(w - 3, w + 3)}: {num()}' for _ in rows()]

    def title_numbers():
        w = rng.randint(20, 40)
        return [name(30, 70) + ':'] + [f'{name(w - 4, w + 4)} {num()} {num()}' for _ in rows()]

    return {f.__name__: f for f in (numbers, unit, units, year, colon, title_numbers,
                                    magnitude)}


def lines_out(binary, table):
    out = subprocess.run([binary], input='\n'.join(table).encode(), capture_output=True,
                         check=True).stdout.decode()
    return len(out.rstrip('\n').split('\n'))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('bins', nargs='*', default=[os.path.join(ROOT, 'target/release/laoclean')])
    ap.add_argument('--n', type=int, default=150, help='tables of each shape')
    ap.add_argument('--seed', type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = words(args.bins[0])
    cases = {s: [f() for _ in range(args.n)] for s, f in shapes(rng, pool).items()}
    print('| shape | breaks | ' + ' | '.join(os.path.basename(b) for b in args.bins) + ' |')
    print('|---|---:|' + '---:|' * len(args.bins))
    totals = [0] * (len(args.bins) + 1)
    for shape, tables in cases.items():
        total = sum(len(t) - 1 for t in tables)
        row = [total]
        for b in args.bins:
            with ThreadPoolExecutor(os.cpu_count() or 2) as ex:
                row.append(sum(n - 1 for n in ex.map(lambda t: lines_out(b, t), tables)))
        totals = [a + b for a, b in zip(totals, row)]
        print(f'| {shape} | ' + ' | '.join(map(str, row)) + ' |')
    print('| all | ' + ' | '.join(map(str, totals)) + ' |')


if __name__ == '__main__':
    main()
