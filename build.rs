//! Build script: compiles the data in `dictionaries/` into tables embedded in the binary.
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The flat records of the word automata (the run-time module, compiled here too).
#[allow(dead_code)]
#[path = "src/words/automaton.rs"]
mod automaton;

/// Writes the flat records (see `src/words/automaton.rs`) of an fst's bytes.
fn write_flat(path: PathBuf, fst_bytes: Vec<u8>) {
    let fst = fst::raw::Fst::new(fst_bytes).expect("fst just built");
    std::fs::write(&path, automaton::encode(&fst))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn main() {
    println!("cargo:rerun-if-changed=dictionaries");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let costs = lexicon(&out);
    let web = web_counts(&out);
    spacing_tables();
    word_tables(&out, &costs, &web);
    character_tables();
}

/// `dictionaries/lao-words.tsv` (word TAB count, `#` comments) → `OUT_DIR/lexicon.flat`,
/// the flat records of an `fst::Map` from each word (one byte per character: code point − U+0E00) to its cost `round(−ln(count / total) × 1000)`, and
/// `OUT_DIR/lexicon_meta.rs` with the total and the highest cost. A missing list gives
/// an empty lexicon (so the crate builds before the list is derived). Returns each
/// word's cost.
fn lexicon(out: &Path) -> BTreeMap<String, u64> {
    let src = Path::new("dictionaries/lao-words.tsv");
    println!("cargo:rerun-if-changed={}", src.display());
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    match counted_rows(src) {
        Some(rows) => {
            for (word, count) in rows {
                *counts.entry(word).or_default() += count.max(1);
            }
        }
        None => println!("cargo:warning=dictionaries/lao-words.tsv not found: empty lexicon"),
    }
    let total: u64 = counts.values().sum::<u64>().max(1);
    let mut costs = BTreeMap::new();
    let mut keyed: Vec<(Vec<u8>, u64)> = Vec::with_capacity(counts.len());
    for (word, &count) in &counts {
        let cost = (-(count as f64 / total as f64).ln() * 1000.0)
            .round()
            .max(0.0) as u64;
        keyed.push((lao_key(word, src), cost));
        costs.insert(word.clone(), cost);
    }
    keyed.sort();
    let mut builder = fst::MapBuilder::memory();
    let mut max_cost = 0;
    for (key, cost) in keyed {
        max_cost = max_cost.max(cost);
        builder.insert(key, cost).expect("sorted unique words");
    }
    let bytes = builder.into_inner().expect("fst");
    write_flat(out.join("lexicon.flat"), bytes);
    std::fs::write(
        out.join("lexicon_meta.rs"),
        format!(
            "/// Sum of the counts of the embedded word list.\nconst EMBEDDED_TOTAL: u64 = {total};\n\
             /// Highest cost in the embedded word list.\nconst EMBEDDED_MAX_COST: u64 = {max_cost};\n"
        ),
    )
    .expect("write lexicon_meta.rs");
    costs
}

/// The rows `text<TAB>count` of `src` (`#` comments and blank lines skipped), or `None`
/// if there is no such file.
fn counted_rows(src: &Path) -> Option<Vec<(String, u64)>> {
    let text = std::fs::read_to_string(src).ok()?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (word, count) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{}:{}: expected text<TAB>count", src.display(), i + 1));
        let count: u64 = count
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{}:{}: bad count", src.display(), i + 1));
        rows.push((word.to_string(), count));
    }
    Some(rows)
}

/// The fst key of a Lao word: one byte per character, code point − U+0E00 (all words are
/// Lao letters; anything else in `src` is an error).
fn lao_key(word: &str, src: &Path) -> Vec<u8> {
    word.chars()
        .map(|c| {
            ('\u{0E80}'..='\u{0EFF}')
                .contains(&c)
                .then(|| (c as u32 - 0x0E00) as u8)
        })
        .collect::<Option<Vec<u8>>>()
        .unwrap_or_else(|| {
            panic!(
                "{}: `{word}` has a character outside the Lao block",
                src.display()
            )
        })
}

/// `dictionaries/web-counts.tsv` (string TAB number of web tokens) → `OUT_DIR/web.flat`,
/// the flat records of an `fst::Map` from the string (keyed as the lexicon is) to that
/// number (see `src/words/web.rs`).
/// A missing file gives an empty map: no web evidence. Returns the table.
fn web_counts(out: &Path) -> BTreeMap<String, u64> {
    let src = Path::new("dictionaries/web-counts.tsv");
    println!("cargo:rerun-if-changed={}", src.display());
    // One number per string (a string listed twice: the last counts).
    let table: BTreeMap<String, u64> = counted_rows(src).unwrap_or_default().into_iter().collect();
    // Keyed as the lexicon is (a third of the UTF-8 length, so a look-up walks a third
    // of the nodes).
    let mut keyed: Vec<(Vec<u8>, u64)> = table.iter().map(|(s, n)| (lao_key(s, src), *n)).collect();
    keyed.sort();
    let mut builder = fst::MapBuilder::memory();
    for (key, n) in keyed {
        builder.insert(key, n).expect("sorted unique strings");
    }
    write_flat(out.join("web.flat"), builder.into_inner().expect("fst"));
    table
}

/// `dictionaries/rules/punctuation.tsv` -> `$OUT_DIR/spacing_tables.rs`: the punctuation
/// classes of the spacing stage, as a `PUNCTUATION` slice sorted by code point.
fn spacing_tables() {
    let src = "dictionaries/rules/punctuation.tsv";
    println!("cargo:rerun-if-changed={src}");
    let text = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let mut rows: Vec<(char, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = || format!("{src}:{}", n + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() == 6, "{}: want 6 tab-separated columns", at());
        let code = cols[0]
            .strip_prefix("U+")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
            .unwrap_or_else(|| panic!("{}: bad code point {:?}", at(), cols[0]));
        assert!(
            cols[1].chars().eq(std::iter::once(code)),
            "{}: glyph {:?} is not {}",
            at(),
            cols[1],
            cols[0]
        );
        let class = match cols[2] {
            "close" => "Close",
            "open" => "Open",
            "quote" => "Quote",
            other => panic!("{}: unknown class {other:?}", at()),
        };
        let mut flags = [false; 5];
        let names = [
            "letter-closes",
            "space-after",
            "lao-space",
            "after-digit",
            "quote",
        ];
        if cols[3] != "-" {
            for f in cols[3].split(',') {
                let k = names
                    .iter()
                    .position(|&x| x == f)
                    .unwrap_or_else(|| panic!("{}: unknown flag {f:?}", at()));
                flags[k] = true;
            }
        }
        let not_before = if cols[4] == "-" { "" } else { cols[4] };
        let mut row = String::new();
        writeln!(
            row,
            "    Punct {{ ch: {code:?}, class: Class::{class}, letter_closes: {}, space_after: {}, \
             lao_space: {}, after_digit: {}, quote: {}, not_before: {not_before:?} }},",
            flags[0], flags[1], flags[2], flags[3], flags[4]
        )
        .unwrap();
        rows.push((code, row));
    }
    rows.sort_by_key(|r| r.0);
    for pair in rows.windows(2) {
        assert!(
            pair[0].0 != pair[1].0,
            "{src}: {:?} listed twice",
            pair[0].0
        );
    }
    let mut out =
        String::from("// Generated by build.rs from dictionaries/rules/punctuation.tsv.\n");
    writeln!(
        out,
        "pub(super) static PUNCTUATION: [Punct; {}] = [",
        rows.len()
    )
    .unwrap();
    for (_, row) in &rows {
        out.push_str(row);
    }
    out.push_str("];\n");
    // The digits OCR writes for a Lao letter (`dictionaries/ocr_confusions.tsv`: rows
    // whose `from` is one Lao consonant or leading vowel and whose `to` starts with an
    // ASCII digit, e.g. ພ → 1): a lone one glued to a word may be that letter.
    let confusions = "dictionaries/ocr_confusions.tsv";
    println!("cargo:rerun-if-changed={confusions}");
    let mut digits: Vec<char> = Vec::new();
    for (_, cols) in tsv_rows(Path::new(confusions)).iter().skip(1) {
        let mut from = cols[0].chars();
        let letter = from.next().is_some_and(|c| {
            ('\u{0E81}'..='\u{0EAE}').contains(&c)
                || ('\u{0EC0}'..='\u{0EC4}').contains(&c)
                || ('\u{0EDC}'..='\u{0EDF}').contains(&c)
        }) && from.next().is_none();
        if let Some(d) = cols[1]
            .chars()
            .next()
            .filter(|d| letter && d.is_ascii_digit())
        {
            digits.push(d);
        }
    }
    digits.sort_unstable();
    digits.dedup();
    let digits: String = digits.into_iter().collect();
    writeln!(
        out,
        "/// Digits OCR writes for a Lao letter, from dictionaries/ocr_confusions.tsv.\n\
         pub(super) static OCR_DIGITS_FOR_LETTERS: &str = {digits:?};"
    )
    .unwrap();
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("spacing_tables.rs");
    std::fs::write(dest, out).unwrap();
}

/// The word stage's tables: `dictionaries/rules/confusion_classes.tsv` →
/// `OUT_DIR/word_classes.rs` (`SKELETON_CLASS`: the skeleton byte of each Lao code point,
/// 0 = left out); `dictionaries/ocr_confusions.tsv` and `dictionaries/typing_errors.tsv` →
/// `OUT_DIR/word_confusions.rs` (`CONFUSIONS`: (meant, written, cost in milli-nats),
/// sorted, the lower cost where both tables have a pair); and `OUT_DIR/skeleton.flat`, the
/// flat records of an `fst::Map` from `skeleton 0x00 word` (word in lexicon keys) to the word's cost.
fn word_tables(out: &Path, costs: &BTreeMap<String, u64>, web: &BTreeMap<String, u64>) {
    let classes_src = "dictionaries/rules/confusion_classes.tsv";
    println!("cargo:rerun-if-changed={classes_src}");
    let text =
        std::fs::read_to_string(classes_src).unwrap_or_else(|e| panic!("{classes_src}: {e}"));
    // Default: every Lao code point is its own class (its key byte).
    let mut class: Vec<u8> = (0x80u32..0x100).map(|b| b as u8).collect();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("class\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() == 3, "{classes_src}:{}: want 3 columns", n + 1);
        let members: Vec<char> = cols[1].chars().collect();
        assert!(!members.is_empty(), "{classes_src}:{}: no members", n + 1);
        let rep = if cols[0] == "drop" {
            0
        } else {
            (members[0] as u32 - 0x0E00) as u8
        };
        for c in members {
            assert!(
                ('\u{0E80}'..='\u{0EFF}').contains(&c),
                "{classes_src}:{}: {c:?} not Lao",
                n + 1
            );
            class[(c as u32 - 0x0E80) as usize] = rep;
        }
    }
    let mut rs =
        String::from("// Generated by build.rs from dictionaries/rules/confusion_classes.tsv.\n");
    writeln!(rs, "static SKELETON_CLASS: [u8; 128] = {class:?};").unwrap();
    std::fs::write(out.join("word_classes.rs"), rs).unwrap();

    // Confusion costs.
    let unescape = |s: &str| {
        s.replace("\\s", " ")
            .replace("\\n", "\n")
            .replace("\\t", "\t")
            .replace("\\\\", "\\")
    };
    let mut pairs: BTreeMap<(String, String), u32> = BTreeMap::new();
    for (src, cost_col) in [
        ("dictionaries/ocr_confusions.tsv", 3),
        ("dictionaries/typing_errors.tsv", 2),
    ] {
        println!("cargo:rerun-if-changed={src}");
        let Ok(text) = std::fs::read_to_string(src) else {
            println!("cargo:warning={src} not found: no confusion costs from it");
            continue;
        };
        for line in text.lines() {
            if line.starts_with('#') || line.starts_with("from\t") || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(cost) = cols
                .get(cost_col)
                .and_then(|c| c.trim().parse::<f64>().ok())
            else {
                panic!("{src}: bad line {line:?}");
            };
            let key = (unescape(cols[0]), unescape(cols[1]));
            let c = (cost * 1000.0).round() as u32;
            let e = pairs.entry(key).or_insert(c);
            *e = (*e).min(c);
        }
    }
    let mut rs = String::from(
        "// Generated by build.rs from dictionaries/ocr_confusions.tsv and typing_errors.tsv.\n",
    );
    writeln!(
        rs,
        "static CONFUSIONS: [(&str, &str, u32); {}] = [",
        pairs.len()
    )
    .unwrap();
    for ((a, b), c) in &pairs {
        writeln!(rs, "    ({a:?}, {b:?}, {c}),").unwrap();
    }
    rs.push_str("];\n");
    std::fs::write(out.join("word_confusions.rs"), rs).unwrap();

    // Skeleton index over the embedded word list.
    let skeleton_key = |word: &str, under: u8| {
        let mut k: Vec<u8> = Vec::new();
        let mut wk: Vec<u8> = Vec::new();
        for c in word.chars() {
            wk.push((c as u32 - 0x0E00) as u8);
            let s = class[(c as u32 - 0x0E80) as usize];
            if s != 0 {
                k.push(s);
            }
        }
        k.push(under);
        k.extend(wk);
        k
    };
    // Words under `skeleton 0x00`, web phrases under `skeleton 0x01`: one walk of the
    // text's skeleton finds both.
    let mut entries: Vec<(Vec<u8>, u64)> = costs
        .iter()
        .map(|(w, &c)| (skeleton_key(w, 0), c))
        .collect();
    entries.extend(
        phrases(costs, web)
            .into_iter()
            .map(|(p, c)| (skeleton_key(&p, 1), c)),
    );
    entries.sort();
    let mut builder = fst::MapBuilder::memory();
    for (k, c) in entries {
        builder.insert(k, c).expect("sorted unique skeleton keys");
    }
    write_flat(
        out.join("skeleton.flat"),
        builder.into_inner().expect("fst"),
    );
}

/// Web phrases hold at least this many web tokens.
const PHRASE_MIN_TOKENS: u64 = 10;

/// And read at least this much (milli-nats) cheaper as one phrase than as two words.
const PHRASE_MIN_BOND: u64 = 1000;

/// The *web phrases* of the word stage's corrections (`src/words/correct.rs`): two words
/// of the lexicon in a row that web text holds often ([`PHRASE_MIN_TOKENS`]), and far
/// more often than the two words' own counts make likely. A phrase costs what a bigram
/// model says, `cost(x) + ln(n(x) / n(xy))` (the cheaper of the two orders; n: web
/// tokens), and is kept if that is [`PHRASE_MIN_BOND`] below `cost(x) + cost(y)`; of the
/// ways to cut it into two words, the dearest counts.
///
/// Left out: a phrase that web text holds mostly inside a longer string whose reading
/// cuts one of its words out of a longer word (ຄາຖືກ, in 59 tokens, is ຄາ of ລາຄາ in
/// ລາຄາຖືກ, cheap, in most of them): half of its tokens or more hold such a string.
fn phrases(costs: &BTreeMap<String, u64>, web: &BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut found: BTreeMap<&str, (u64, &str, &str)> = BTreeMap::new();
    for (s, &nxy) in web {
        if nxy < PHRASE_MIN_TOKENS || costs.contains_key(s) {
            continue;
        }
        let mut dearest: Option<(u64, u64, &str, &str)> = None;
        for (i, _) in s.char_indices().skip(1) {
            let (x, y) = s.split_at(i);
            let (Some(&cx), Some(&cy)) = (costs.get(x), costs.get(y)) else {
                continue;
            };
            let given = |c: u64, w: &str| {
                let n = web.get(w).copied().unwrap_or(0).max(nxy);
                c + ((n as f64 / nxy as f64).ln() * 1000.0).round() as u64
            };
            let cost = given(cx, x).min(given(cy, y));
            if dearest.map_or(true, |(c, ..)| cost > c) {
                dearest = Some((cost, cx + cy, x, y));
            }
        }
        if let Some((cost, apart, x, y)) = dearest {
            if cost + PHRASE_MIN_BOND <= apart {
                found.insert(s.as_str(), (cost, x, y));
            }
        }
    }
    // For each phrase, the most tokens of a string that holds it with letters before
    // its first word (or after its last) that make a longer word of it.
    let mut inside: BTreeMap<&str, u64> = BTreeMap::new();
    for (t, &nt) in web {
        for (k, _) in t.char_indices().skip(1) {
            let (a, rest) = t.split_at(k);
            if let Some(&(_, x, _)) = found.get(rest) {
                if costs.contains_key(&format!("{a}{x}")) {
                    let e = inside.entry(rest).or_default();
                    *e = (*e).max(nt);
                }
            }
            let (head, b) = t.split_at(k);
            if let Some(&(_, _, y)) = found.get(head) {
                if costs.contains_key(&format!("{y}{b}")) {
                    let e = inside.entry(head).or_default();
                    *e = (*e).max(nt);
                }
            }
        }
    }
    found
        .into_iter()
        .filter(|(s, _)| 2 * inside.get(s).copied().unwrap_or(0) < web[*s])
        .map(|(s, (cost, ..))| (s.to_string(), cost))
        .collect()
}

/// `dictionaries/rules/{format_characters,thai_lookalikes}.tsv` →
/// `$OUT_DIR/character_tables.rs`, the tables of the character stage.
fn character_tables() {
    let rules = Path::new("dictionaries/rules");
    let format_tsv = rules.join("format_characters.tsv");
    let thai_tsv = rules.join("thai_lookalikes.tsv");
    println!("cargo:rerun-if-changed={}", format_tsv.display());
    println!("cargo:rerun-if-changed={}", thai_tsv.display());

    let mut out =
        String::from("// Generated by build.rs from dictionaries/rules/*.tsv. Do not edit.\n\n");

    // Invisible characters and Unicode spaces, sorted by code point for binary search.
    let mut format: Vec<(u32, &'static str, &'static str, bool)> = Vec::new();
    for (line_no, fields) in tsv_rows(&format_tsv) {
        let [cp, action, scope, kept_by, ..] = fields.as_slice() else {
            panic!("{}:{line_no}: expected 5 columns", format_tsv.display());
        };
        let cp = code_point(cp, &format_tsv, line_no);
        let action = match action.as_str() {
            "remove" => "FormatAction::Remove",
            "space" => "FormatAction::Space",
            other => panic!(
                "{}:{line_no}: unknown action {other:?}",
                format_tsv.display()
            ),
        };
        let scope = match scope.as_str() {
            "anywhere" => "FormatScope::Anywhere",
            "lao" => "FormatScope::NextToLao",
            other => panic!(
                "{}:{line_no}: unknown scope {other:?}",
                format_tsv.display()
            ),
        };
        // The one option that keeps a listed character: `Config::keep_zwsp`.
        let keep_zwsp = match kept_by.as_str() {
            "keep_zwsp" => true,
            "-" => false,
            other => panic!(
                "{}:{line_no}: unknown option {other:?}",
                format_tsv.display()
            ),
        };
        format.push((cp, action, scope, keep_zwsp));
    }
    format.sort_by_key(|r| r.0);
    for pair in format.windows(2) {
        assert!(pair[0].0 != pair[1].0, "U+{:04X} listed twice", pair[0].0);
    }
    writeln!(
        out,
        "/// Invisible characters and Unicode spaces, sorted by code point; the last field\n\
         /// says whether `Config::keep_zwsp` keeps the character.\n\
         pub(crate) static FORMAT_CHARACTERS: [(char, FormatAction, FormatScope, bool); {}] = [",
        format.len()
    )
    .unwrap();
    for (cp, action, scope, keep_zwsp) in &format {
        writeln!(
            out,
            "    ('\\u{{{cp:04X}}}', {action}, {scope}, {keep_zwsp}),"
        )
        .unwrap();
    }
    out.push_str("];\n\n");

    // Thai look-alikes: a 128-entry table indexed by code point − U+0E00; '\0' = none.
    let mut thai = ['\0'; 128];
    for (line_no, fields) in tsv_rows(&thai_tsv) {
        let [t, l, ..] = fields.as_slice() else {
            panic!("{}:{line_no}: expected 3 columns", thai_tsv.display());
        };
        let (t, l) = (
            code_point(t, &thai_tsv, line_no),
            code_point(l, &thai_tsv, line_no),
        );
        assert!(
            (0x0E00..0x0E80).contains(&t) && (0x0E80..0x0F00).contains(&l),
            "{}:{line_no}: not a Thai → Lao pair",
            thai_tsv.display()
        );
        assert!(
            thai[(t - 0x0E00) as usize] == '\0',
            "U+{t:04X} listed twice"
        );
        thai[(t - 0x0E00) as usize] = char::from_u32(l).unwrap();
    }
    out.push_str(
        "/// The Lao code point each Thai code point (index: code point − U+0E00) looks \
         like; '\\0' when none.\npub(crate) static THAI_LOOKALIKES: [char; 128] = [\n",
    );
    for row in thai.chunks(8) {
        out.push_str("   ");
        for c in row {
            write!(out, " '\\u{{{:04X}}}',", *c as u32).unwrap();
        }
        out.push('\n');
    }
    out.push_str("];\n");

    let dest = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("character_tables.rs");
    std::fs::write(dest, out).unwrap();
}

/// The data rows of a TSV file (comments and blank lines skipped), with line numbers.
fn tsv_rows(path: &Path) -> Vec<(usize, Vec<String>)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
        .collect()
}

/// Parses `U+XXXX`.
fn code_point(field: &str, path: &Path, line_no: usize) -> u32 {
    field
        .strip_prefix("U+")
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .filter(|cp| char::from_u32(*cp).is_some())
        .unwrap_or_else(|| panic!("{}:{line_no}: bad code point {field:?}", path.display()))
}
