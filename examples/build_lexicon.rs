//! Derives `dictionaries/lao-words.tsv` from the word lists in the `laonlp` wheel and
//! the corpus samples. Deterministic: the same wheel and samples give the same bytes.
//!
//! ```text
//! pip download --no-deps laonlp==1.3.0 -d /tmp/wheels
//! cargo run --release --example build_lexicon -- /tmp/wheels/laonlp-1.3.0-py3-none-any.whl
//! ```
//!
//! The argument is the wheel (unzipped with `python3 -m zipfile -e`) or a directory it
//! was unzipped into. Options: `--samples DIR` (default `corpus-samples`), `--web FILE`
//! (the word list of Tesseract's Lao model, one web token per line, made as
//! `dictionaries/SOURCES.md` shows), `--out DIR` (default `dictionaries`). Writes
//! `lao-words.tsv`, `dropped-entries.tsv`, the statistics block of `SOURCES.md`
//! (between its `build_lexicon` markers) and, with `--web`, `web-counts.tsv`; without
//! it no entry is dropped as a misspelling that web text shows.
//!
//! Every entry goes through `laoclean::normalize` and the syllable check of
//! `laoclean::words::syllable`; see `dictionaries/SOURCES.md` for the count formula.

use laoclean::words::correct::damage_cost;
use laoclean::words::lexicon::list_prior;
use laoclean::words::syllable::{is_lao_word, syllables};
use laoclean::words::{Lexicon, Segmenter, TokenKind};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The lists, in the order of their bit in a word's membership mask.
const SOURCES: [(&str, &str); 3] = [
    ("wilson-campbell", "laonlp/corpus/Lao-Dictionary.txt"),
    ("google-spellcheck", "laonlp/corpus/lo_spellcheck_dict.txt"),
    ("mopt-lao-english", "laonlp/corpus/lao-eng-dictionary.csv"),
];

/// The most damage (milli-nats, the error model's scale) of a slip that marks an
/// entry of the Wilson & Campbell list alone as a misspelling of a word that two or
/// more lists hold (that list was made for word wrapping and keeps misspelt forms
/// of running text: ຕັດສີນ beside ຕັດສິນ, ເຄືອນໄຫວ beside ເຄື່ອນໄຫວ).
const SLIP_MAX_DAMAGE: u32 = 4000;
/// A second word within this damage makes the slip ambiguous: the entry is kept.
const SLIP_AMBIGUOUS_DAMAGE: u32 = 8000;
/// Membership mask of the Wilson & Campbell list alone.
const SLIP_LIST: u8 = 1;
/// The reason written in `dropped-entries.tsv` for such a slip.
const SLIP_REASON: &str = "misspelling: a slip of a word two lists hold";
/// An entry that no web token holds is a misspelling when it is such a slip of exactly
/// one word that at least this many web tokens hold.
const WEB_SLIP_MIN: u64 = 30;
/// The reason written in `dropped-entries.tsv` for such an entry.
const WEB_SLIP_REASON: &str = "misspelling: never in web text, a slip of a word it often has";
/// `web-counts.tsv` keeps a word that at least this many web tokens hold...
const WEB_MIN_WORD: u64 = 2;
/// ...and two words in a row that at least this many hold.
const WEB_MIN_PAIR: u64 = 3;
/// Longest word looked for in a web token, in characters.
const MAX_WORD_CHARS: usize = 48;
/// Weight of one occurrence in the corpus samples against the list prior.
const SAMPLE_WEIGHT: u64 = 10;
/// Longest entry kept, in syllables (the segmenter matches no longer word).
const MAX_SYLLABLES: usize = laoclean::words::lexicon::MAX_WORD_SYLLABLES;

/// The groups of characters whose entries are compared as possible slips of one another
/// (`dictionaries/rules/misspelling_groups.tsv`: fixed, unlike the word stage's confusion
/// classes, so that the derivation gives the same lexicon when those grow).
const GROUPS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/dictionaries/rules/misspelling_groups.tsv"
));

/// The key of a word under the misspelling groups: each character replaced by the first
/// member of its group, the characters of the group `drop` left out.
struct Groups(HashMap<char, Option<char>>);

impl Groups {
    /// Reads the file's rows (`group TAB members TAB why`, the format of
    /// `confusion_classes.tsv`, with the same checks as `build.rs` makes of that file).
    fn parse(tsv: &str) -> anyhow::Result<Self> {
        let mut map = HashMap::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with("group\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let members: Vec<char> = cols.get(1).map_or(vec![], |m| m.chars().collect());
            anyhow::ensure!(
                cols.len() == 3
                    && !members.is_empty()
                    && members
                        .iter()
                        .all(|c| ('\u{0E80}'..='\u{0EFF}').contains(c)),
                "misspelling_groups.tsv:{}: want group, Lao members and why",
                n + 1
            );
            let first = (cols[0] != "drop").then_some(members[0]);
            for c in members {
                map.insert(c, first);
            }
        }
        Ok(Groups(map))
    }

    fn key(&self, w: &str) -> String {
        w.chars()
            .filter_map(|c| self.0.get(&c).copied().unwrap_or(Some(c)))
            .collect()
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut input = None;
    let mut samples = PathBuf::from("corpus-samples");
    let mut web: Option<PathBuf> = None;
    let mut out = PathBuf::from("dictionaries");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--samples" => samples = args.next().expect("--samples DIR").into(),
            "--out" => out = args.next().expect("--out DIR").into(),
            "--web" => web = Some(args.next().expect("--web FILE").into()),
            _ => input = Some(PathBuf::from(a)),
        }
    }
    let input = input.ok_or_else(|| {
        anyhow::anyhow!("usage: build_lexicon WHEEL|DIR [--samples DIR] [--web FILE] [--out DIR]")
    })?;
    let _tmp;
    let root = if input.is_dir() {
        input.clone()
    } else {
        let t = tempfile::tempdir()?;
        let ok = std::process::Command::new("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(&input)
            .arg(t.path())
            .status()?
            .success();
        anyhow::ensure!(ok, "could not unzip {}", input.display());
        let p = t.path().to_path_buf();
        _tmp = t;
        p
    };

    // 1. Read, normalise and check every entry.
    let mut kept: BTreeMap<String, u8> = BTreeMap::new();
    let mut dropped: Vec<(String, &str, String)> = Vec::new(); // (source, reason, entry)
    let mut stats = String::new();
    let mut rows = Vec::new();
    for (bit, (name, path)) in SOURCES.iter().enumerate() {
        let text = std::fs::read_to_string(root.join(path))?;
        let entries = if path.ends_with(".csv") {
            csv_column(&text, 1)
        } else {
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| l.trim_start_matches('\u{FEFF}').to_string())
                .collect()
        };
        let mut raw = 0;
        let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
        let mut unique: BTreeMap<String, ()> = BTreeMap::new();
        for e in entries {
            let e = e.trim();
            if e.is_empty() {
                continue;
            }
            raw += 1;
            let w = laoclean::normalize(e).into_owned();
            match reject(&w) {
                Some(reason) => {
                    *by_reason.entry(reason).or_default() += 1;
                    dropped.push((name.to_string(), reason, e.to_string()));
                }
                None => {
                    *kept.entry(w.clone()).or_default() |= 1 << bit;
                    unique.insert(w, ());
                }
            }
        }
        let n_dropped: usize = by_reason.values().sum();
        rows.push((name, raw, n_dropped, unique.len(), by_reason));
    }

    // 1b. Misspellings in the lists: an entry of one list only that the error model
    //     explains as a cheap slip of a word two or more lists hold. Candidates are the
    //     entries of the same key under the fixed `misspelling_groups.tsv`.
    let groups = Groups::parse(GROUPS_TSV)?;
    let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for w in kept.keys() {
        by_key.entry(groups.key(w)).or_default().push(w);
    }
    let mut slips: Vec<(String, String)> = Vec::new();
    for group in by_key.values().filter(|g| g.len() > 1) {
        for &w in group.iter().filter(|&&w| kept[w] == SLIP_LIST) {
            let mut better: Vec<(u32, &str)> = group
                .iter()
                .filter(|&&v| v != w && kept[v].count_ones() >= 2)
                .filter_map(|&v| damage_cost(v, w).map(|d| (d, v)))
                .filter(|&(d, _)| d <= SLIP_AMBIGUOUS_DAMAGE)
                .collect();
            better.sort();
            // One clear source only: a slip of either of two words stays.
            if let [(d, v)] = better[..] {
                if d > SLIP_MAX_DAMAGE {
                    continue;
                }
                slips.push((w.to_string(), format!("{v}, {:.1} nats", d as f64 / 1000.0)));
            }
        }
    }
    for (w, v) in &slips {
        kept.remove(w);
        dropped.push((
            SOURCES[0].0.to_string(),
            SLIP_REASON,
            format!("{w} (of {v})"),
        ));
    }
    if let Some(row) = rows.first_mut() {
        row.2 += slips.len();
        row.3 -= slips.len();
        *row.4.entry(SLIP_REASON).or_default() += slips.len();
    }

    // 1c. Web text: what its tokens hold gives `web-counts.tsv`, and the misspellings it
    //     shows: an entry of one list that no token holds, a slip of exactly one word
    //     that many do.
    let mut web_stats = None;
    if let Some(path) = &web {
        let tokens = read_web_tokens(path)?;
        let list: HashSet<&str> = kept.keys().map(String::as_str).collect();
        let mut on_web: BTreeMap<&str, u64> = BTreeMap::new();
        let mut pairs: BTreeMap<&str, u64> = BTreeMap::new();
        let mut read_whole = 0usize;
        for t in &tokens {
            if let Some(held) = readings(&list, t) {
                read_whole += 1;
                for w in held.words.into_iter().filter_map(|w| list.get(w)) {
                    *on_web.entry(w).or_default() += 1;
                }
                for p in held.pairs {
                    *pairs.entry(p).or_default() += 1;
                }
            }
        }
        // The evidence the word stage weighs (see `src/words/web.rs`): words and pairs
        // that enough tokens hold. A pair that is also a word keeps the larger count.
        let mut evidence: BTreeMap<&str, u64> = BTreeMap::new();
        for (&w, &c) in on_web.iter().filter(|&(_, &c)| c >= WEB_MIN_WORD) {
            evidence.insert(w, c);
        }
        for (&p, &c) in pairs.iter().filter(|&(_, &c)| c >= WEB_MIN_PAIR) {
            let e = evidence.entry(p).or_default();
            *e = (*e).max(c);
        }
        let web_of = |w: &str| on_web.get(w).copied().unwrap_or(0);
        let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for w in kept.keys() {
            by_key.entry(groups.key(w)).or_default().push(w);
        }
        let mut web_slips: Vec<(String, u8, String)> = Vec::new();
        for group in by_key.values().filter(|g| g.len() > 1) {
            for &w in group {
                if kept[w].count_ones() != 1 || web_of(w) > 0 {
                    continue;
                }
                let mut near: Vec<(u32, &str)> = group
                    .iter()
                    .filter(|&&v| v != w)
                    .filter_map(|&v| damage_cost(v, w).map(|d| (d, v)))
                    .filter(|&(d, _)| d <= SLIP_AMBIGUOUS_DAMAGE)
                    .collect();
                near.sort();
                if let [(d, v)] = near[..] {
                    if d <= SLIP_MAX_DAMAGE && web_of(v) >= WEB_SLIP_MIN {
                        let why = format!(
                            "{v}, {:.1} nats, {} web tokens",
                            d as f64 / 1000.0,
                            web_of(v)
                        );
                        web_slips.push((w.to_string(), kept[w], why));
                    }
                }
            }
        }
        let mut tsv = String::from(
            "# Lao web text evidence of laoclean: string<TAB>number of web tokens that hold it\n\
             # (words and two-word strings; Tesseract's Lao word list, Apache-2.0). Generated\n\
             # by examples/build_lexicon.rs --web; do not edit by hand (see SOURCES.md).\n",
        );
        for (w, c) in evidence
            .iter()
            .filter(|(w, _)| !web_slips.iter().any(|s| s.0 == **w))
        {
            let _ = writeln!(tsv, "{w}\t{c}");
        }
        std::fs::create_dir_all(&out)?;
        std::fs::write(out.join("web-counts.tsv"), tsv)?;
        let n_evidence = evidence.len();
        for (w, mask, why) in &web_slips {
            let bit = mask.trailing_zeros() as usize;
            kept.remove(w);
            dropped.push((
                SOURCES[bit].0.to_string(),
                WEB_SLIP_REASON,
                format!("{w} (of {why})"),
            ));
            let row = &mut rows[bit];
            row.2 += 1;
            row.3 -= 1;
            *row.4.entry(WEB_SLIP_REASON).or_default() += 1;
        }
        web_stats = Some((tokens.len(), read_whole, web_slips.len(), n_evidence));
    }

    // 2. The prior: pseudo-counts from the number of lists and the length.
    let prior: BTreeMap<&str, u64> = kept
        .iter()
        .map(|(w, &mask)| {
            (
                w.as_str(),
                list_prior(mask.count_ones() as u64, syllables(w).len()),
            )
        })
        .collect();

    // 3. Counts in the samples, segmenting with the prior, then once more with the
    //    counts of the first pass. Only words of the lists are counted.
    let texts = read_samples(&samples)?;
    let mut counts: BTreeMap<&str, u64> = prior.clone();
    let mut seen = BTreeMap::new();
    for _pass in 0..2 {
        let seg = Segmenter::new(Lexicon::from_counts(counts.iter().map(|(w, c)| (*w, *c)))?);
        seen = BTreeMap::new();
        for t in &texts {
            for tok in seg.tokens(t) {
                if tok.kind == TokenKind::Word {
                    *seen.entry(t[tok.span].to_string()).or_insert(0u64) += 1;
                }
            }
        }
        counts = prior
            .iter()
            .map(|(w, p)| (*w, p + SAMPLE_WEIGHT * seen.get(*w).copied().unwrap_or(0)))
            .collect();
    }
    let coverage = coverage(
        &texts,
        &Segmenter::new(Lexicon::from_counts(counts.iter().map(|(w, c)| (*w, *c)))?),
    );

    // 4. Write the list, the dropped entries and the statistics.
    std::fs::create_dir_all(&out)?;
    let mut tsv = String::from(
        "# Lao word list of laoclean: word<TAB>count. Generated by examples/build_lexicon.rs;\n\
         # do not edit by hand (see SOURCES.md). Sorted by UTF-8 bytes.\n",
    );
    for (w, c) in &counts {
        let _ = writeln!(tsv, "{w}\t{c}");
    }
    std::fs::write(out.join("lao-words.tsv"), tsv)?;
    dropped.sort();
    let mut d = String::from(
        "# Entries of the source lists left out of lao-words.tsv: source<TAB>reason<TAB>entry.\n",
    );
    for (s, r, e) in &dropped {
        let _ = writeln!(d, "{s}\t{r}\t{}", e.replace('\t', " "));
    }
    std::fs::write(out.join("dropped-entries.tsv"), d)?;

    let _ = writeln!(
        stats,
        "| list | entries | dropped | kept (unique) | dropped by reason |"
    );
    let _ = writeln!(stats, "|---|---:|---:|---:|---|");
    for (name, raw, n_dropped, uniq, by_reason) in &rows {
        let reasons: Vec<String> = by_reason.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        let _ = writeln!(
            stats,
            "| {name} | {raw} | {n_dropped} | {uniq} | {} |",
            reasons.join(", ")
        );
    }
    let in_lists = |k: u32| kept.values().filter(|m| m.count_ones() == k).count();
    let _ = writeln!(
        stats,
        "\nUnion: **{}** words ({} in one list, {} in two, {} in all three). \
         Corpus samples: {} Lao tokens matched {} distinct words of the union; \
         {:.1}% of the Lao letters of the samples lie in known words.",
        kept.len(),
        in_lists(1),
        in_lists(2),
        in_lists(3),
        seen.values().sum::<u64>(),
        seen.len(),
        coverage * 100.0
    );
    if let Some((tokens, whole, slips, evidence)) = web_stats {
        let _ = writeln!(
            stats,
            "\nWeb tokens (Tesseract's Lao word list): {tokens} distinct after normalising, \
             {whole} of them read wholly as words of the lists; {slips} entries of one list \
             that none holds dropped as slips of a word that {WEB_SLIP_MIN} or more hold; \
             `web-counts.tsv`: {evidence} strings."
        );
    }
    let sources_md = out.join("SOURCES.md");
    if let Ok(md) = std::fs::read_to_string(&sources_md) {
        let (b, e) = ("<!-- build_lexicon:begin -->", "<!-- build_lexicon:end -->");
        if let (Some(i), Some(j)) = (md.find(b), md.find(e)) {
            let new = format!("{}{b}\n{stats}{}", &md[..i], &md[j..]);
            std::fs::write(&sources_md, new)?;
        }
    }
    print!("{stats}");
    Ok(())
}

/// Why an entry (already normalised) is not a Lao word, or `None` to keep it.
fn reject(w: &str) -> Option<&'static str> {
    if w.chars()
        .any(|c| c.is_alphabetic() && c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c))
    {
        Some("latin letter")
    } else if w.chars().any(char::is_whitespace) {
        Some("phrase (space)")
    } else if !w.chars().all(laoclean::lao::is_letter) {
        Some("other character (punctuation, digit, other script, invisible)")
    } else if !is_lao_word(w) {
        Some("fails the syllable check")
    } else if syllables(w).len() > MAX_SYLLABLES {
        Some("longer than 12 syllables")
    } else {
        None
    }
}

fn read_samples(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| Ok(laoclean::normalize(&std::fs::read_to_string(p)?).into_owned()))
        .collect()
}

/// The web tokens of `path`, one per line, normalised; tokens with anything but Lao
/// letters are left out. Sorted and deduplicated, since normalising merges spellings.
fn read_web_tokens(path: &Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)?;
    let mut out: Vec<String> = text
        .lines()
        .map(|l| laoclean::normalize(l.trim()).into_owned())
        .filter(|t| !t.is_empty() && t.chars().all(laoclean::lao::is_letter))
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

/// What a web token holds: every word of `words` that lies on some reading of the whole
/// of `t` as such words (a compound and its parts alike), and every two words that
/// follow each other on one, as one string; once each. `None` when `t` has no such
/// reading.
fn readings<'t>(words: &HashSet<&str>, t: &'t str) -> Option<Held<'t>> {
    // Word boundaries: before any character but a mark, and at the end.
    let cuts: Vec<usize> = t
        .char_indices()
        .map(|(i, _)| i)
        .chain([t.len()])
        .filter(|&i| !t[i..].starts_with(laoclean::lao::is_mark))
        .collect();
    let n = cuts.len();
    // spans[i]: the cuts j where t[cuts[i]..cuts[j]] is a word.
    let spans: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            (i + 1..n.min(i + 1 + MAX_WORD_CHARS))
                .filter(|&j| words.contains(&t[cuts[i]..cuts[j]]))
                .collect()
        })
        .collect();
    // reach[i]: the text before cut i reads as words; back[i]: the text after it does.
    let mut reach = vec![false; n];
    reach[0] = true;
    for i in 0..n {
        if reach[i] {
            for &j in &spans[i] {
                reach[j] = true;
            }
        }
    }
    if !reach[n - 1] {
        return None;
    }
    let mut back = vec![false; n];
    back[n - 1] = true;
    for i in (0..n - 1).rev() {
        back[i] = spans[i].iter().any(|&j| back[j]);
    }
    let mut held = Held::default();
    for i in (0..n).filter(|&i| reach[i]) {
        for &j in spans[i].iter().filter(|&&j| back[j]) {
            held.words.insert(&t[cuts[i]..cuts[j]]);
            for &k in spans[j].iter().filter(|&&k| back[k]) {
                held.pairs.insert(&t[cuts[i]..cuts[k]]);
            }
        }
    }
    Some(held)
}

/// The words and the two-word strings a web token holds (see [`readings`]).
#[derive(Default)]
struct Held<'t> {
    words: BTreeSet<&'t str>,
    pairs: BTreeSet<&'t str>,
}

/// Share of the Lao letters of `texts` that lie in known words.
fn coverage(texts: &[String], seg: &Segmenter) -> f64 {
    let (mut known, mut all) = (0usize, 0usize);
    for t in texts {
        for tok in seg.tokens(t) {
            let n = t[tok.span.clone()].chars().count();
            match tok.kind {
                TokenKind::Word => {
                    known += n;
                    all += n
                }
                TokenKind::Unknown | TokenKind::Repetition => all += n,
                _ => {}
            }
        }
    }
    known as f64 / all.max(1) as f64
}

/// Column `col` of a CSV file with a header line (RFC 4180 quoting).
fn csv_column(text: &str, col: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut fields = 0;
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{FEFF}').chars().peekable();
    let mut row = 0;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => {
                if fields == col && row > 0 {
                    out.push(std::mem::take(&mut field));
                }
                field.clear();
                fields += 1;
            }
            '\n' if !quoted => {
                if fields == col && row > 0 {
                    out.push(std::mem::take(&mut field));
                }
                field.clear();
                fields = 0;
                row += 1;
            }
            '\r' if !quoted => {}
            c => field.push(c),
        }
    }
    out
}
