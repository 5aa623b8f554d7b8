#!/usr/bin/env python3
"""Runs laoclean under a real cluster engine: PySpark in local[2] mode pipes a JSON Lines
dataset through `laoclean --jsonl --field text` with RDD.pipe, and the result must equal
the single-process output line for line.

Usage: python3 tests/spark/rdd_pipe.py [PATH/TO/laoclean]   (needs `pip install pyspark`
and Java 17). Prints '1 passed, 0 failed' or '0 passed, 1 failed' and exits 0 or 1.
"""
import glob, json, os, subprocess, sys, tempfile

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else 'target/release/laoclean')
cmd = [binary, '--jsonl', '--field', 'text', '--field', 'meta.title']

# A dataset of paragraphs from the corpus samples, with other fields that must pass through.
records = []
for path in sorted(glob.glob('corpus-samples/*.txt')):
    for i, para in enumerate(open(path, encoding='utf-8').read().split('\n\n')):
        if para.strip():
            records.append({'id': f'{os.path.basename(path)}:{i}', 'text': para,
                            'meta': {'title': para[:40], 'n': i}, 'score': 1.50})
lines = [json.dumps(r, ensure_ascii=(i % 3 == 0)) for i, r in enumerate(records)]

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, 'in.jsonl')
    open(src, 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
    single = subprocess.run(cmd, stdin=open(src, 'rb'), stdout=subprocess.PIPE, check=True)
    expected = single.stdout.decode('utf-8').splitlines()

    from pyspark import SparkConf, SparkContext
    conf = SparkConf().setMaster('local[2]').setAppName('laoclean-rdd-pipe') \
        .set('spark.ui.enabled', 'false').set('spark.driver.host', '127.0.0.1')
    sc = SparkContext(conf=conf)
    sc.setLogLevel('ERROR')
    try:
        rdd = sc.textFile(src, minPartitions=4)
        got = rdd.pipe(' '.join(cmd), env={'LC_ALL': 'C.UTF-8'}).collect()
        partitions = rdd.getNumPartitions()
    finally:
        sc.stop()

changed = sum(a != b for a, b in zip(lines, expected))
ok = got == expected and len(got) == len(records) and changed > 0
print(f'{len(records)} records, {partitions} partitions, {changed} changed by laoclean; '
      f'spark output {"equals" if got == expected else "DIFFERS FROM"} the single-process output')
print('1 passed, 0 failed' if ok else '0 passed, 1 failed')
sys.exit(0 if ok else 1)
