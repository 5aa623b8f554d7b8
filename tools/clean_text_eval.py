#!/usr/bin/env python3
"""Precision on clean Lao text: what laoclean changes in text that professionals wrote.

Fetches Lao strings from registry packages (nothing of them is kept in the repository:
they go to bench-data/clean-text/, git-ignored), cleans them at each level and counts the
edits by rule. Every edit of the word and spacing stages on such text is a candidate
for a wrong edit (the sources hold real typos too: judge the listed edits by hand).

    python3 tools/clean_text_eval.py [--bin target/release/laoclean] [--show N]

Sources (fetched with `pip download` and `apt-get download`; needs network access to
PyPI and the Debian archive): CLDR's Lao locale data (PyPI `babel`: names of countries,
languages, currencies, units); iso-codes' Lao catalogs (PyPI `pycountry`); the Lao
translations of GNOME and MATE packages (.mo) and of the keyboard set-up questions
(debconf templates). Running text (the translations) and lists of names are reported
apart: a list of names has no Lao word around a name.
"""
import argparse, collections, collections.abc, glob, gettext, json, os, re, subprocess, sys, zipfile

OUT = 'bench-data/clean-text'
LAO = re.compile('[\u0e81-\u0edf]')
# printf and Python placeholders, {0}, markup, entities: not text.
PLACEHOLDER = re.compile(r'%(\d+\$)?[-+ #0]*\d*(\.\d+)?[sdiuxXfgcp]|%\([^)]*\)[sd]|\$\{[^}]*\}|\{\d*\}|<[^>]+>|&[a-z]+;')
DEBS = ['gnome-menus', 'gnome-desktop3-data', 'mate-desktop-common', 'keyboard-configuration', 'console-setup']


def lines_of(s):
    s = re.sub(r'_(?=\S)', '', PLACEHOLDER.sub('', s))  # and mnemonic underscores
    return [re.sub(r'[ \t]{2,}', ' ', l).strip() for l in s.split('\n') if LAO.search(l)]


def mo_strings(path):
    with open(path, 'rb') as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return [l for k, v in sorted(catalog.items(), key=str) if k and v for l in lines_of(v)]


def template_strings(path):
    out, text = [], open(path, encoding='utf-8', errors='replace').read()
    for m in re.finditer(r'^(?:Description|Choices)-lo\.UTF-8: ?(.*)\n((?: .*\n?)*)', text, re.M):
        out += lines_of(m.group(1))
        for para in re.split(r'\n \.\n', m.group(2)):
            out += lines_of(' '.join(l.strip() for l in para.split('\n') if l.strip() != '.'))
    return out


def fetch():
    dl = f'{OUT}/download'
    os.makedirs(dl, exist_ok=True)
    sources = {}
    for pkg in ['babel', 'pycountry']:
        subprocess.run([sys.executable, '-m', 'pip', 'download', '--no-deps', '-q', '-d', dl, pkg], check=True)
    wheel = lambda name: sorted(glob.glob(f'{dl}/{name}-*.whl'))[-1]
    with zipfile.ZipFile(wheel('babel')) as z:
        z.extractall(f'{dl}/babel')
    sys.path.insert(0, f'{dl}/babel')
    from babel import Locale
    data = Locale.parse('lo')._data._data
    found = []

    def walk(x):
        if isinstance(x, str):
            found.extend(lines_of(x))
        elif isinstance(x, collections.abc.Mapping):  # babel's lazy mappings too
            for k in list(x):
                walk(x[k])
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)
    walk(data)
    sources['list: CLDR (babel)'] = sorted(set(found))
    with zipfile.ZipFile(wheel('pycountry')) as z:
        for name in sorted(z.namelist()):
            if '/locales/lo/' in name and name.endswith('.mo'):
                path = z.extract(name, f'{dl}/pycountry')
                sources[f'list: {os.path.basename(name)} (pycountry)'] = mo_strings(path)
    for pkg in DEBS:
        subprocess.run(['apt-get', 'download', '-q', pkg], cwd=dl, check=False, capture_output=True)
        debs = glob.glob(f'{dl}/{pkg}_*.deb')
        if not debs:
            print(f'{pkg}: not downloaded', file=sys.stderr)
            continue
        ex = f'{dl}/{pkg}-x'
        subprocess.run(['dpkg-deb', '-x', debs[0], ex], check=True)
        subprocess.run(['dpkg-deb', '-e', debs[0], f'{ex}/DEBIAN'], check=True)
        strings = [l for mo in sorted(glob.glob(f'{ex}/usr/share/locale/lo/LC_MESSAGES/*.mo')) for l in mo_strings(mo)]
        if os.path.exists(f'{ex}/DEBIAN/templates'):
            strings += template_strings(f'{ex}/DEBIAN/templates')
        if strings:
            sources[f'text: {pkg}'] = strings
    return sources


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default='target/release/laoclean')
    ap.add_argument('--show', type=int, default=0, help='list N word edits per source at standard')
    args = ap.parse_args()
    sources = fetch()
    table = collections.defaultdict(collections.Counter)
    for name, strings in sources.items():
        path = f"{OUT}/{re.sub(r'[^a-z0-9.-]+', '_', name.lower())}.txt"
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n\n'.join(strings) + '\n')  # one paragraph each: never rejoined
        for level in ['safe', 'standard', 'aggressive']:
            report = f'{path}.{level}.jsonl'
            subprocess.run([args.bin, '--level', level, '--report', 'jsonl', '--report-file', report, path],
                           stdout=subprocess.DEVNULL, check=True)
            shown = 0
            for line in open(report, encoding='utf-8'):
                e = json.loads(line)
                if 'rule' not in e or e['suggestion']:
                    continue
                table[(name, len(strings))][(level, e['rule'].split('.')[0])] += 1
                if level == 'standard' and e['rule'].startswith('word') and shown < args.show:
                    shown += 1
                    print(f"  {name}:{(e['line'] + 1) // 2}: {e['original']} -> {e['replacement']} ({e['rule']}, {e['confidence']:.2f})")
    print('| source | strings | safe: char / space | standard: word | aggressive: word |')
    print('|---|---:|---|---:|---:|')
    for (name, n), c in sorted(table.items()):
        print(f"| {name} | {n} | {c[('safe', 'char')]} / {c[('safe', 'space')]} | {c[('standard', 'word')]} | {c[('aggressive', 'word')]} |")


if __name__ == '__main__':
    main()
