//! Stage 2, spacing: rules on the spaces around punctuation and numbers, driven by the
//! punctuation table `dictionaries/rules/punctuation.tsv`. No dictionary: a space between
//! two Lao letters is left for the word stage to judge.
//!
//! The stage reads the text once, line by line (`\n` and `\r\n` end a line; the `\r` is
//! kept, and no line break is ever added or removed), and applies:
//!
//! | rule | example |
//! |---|---|
//! | [`SpaceRun`](crate::Rule::SpaceRun) | `ກ   ຂ` → `ກ ຂ` (spaces; blanks that hold a tab are kept) |
//! | [`TrailingSpace`](crate::Rule::TrailingSpace) | spaces at the end of a line go |
//! | [`SpaceBeforePunct`](crate::Rule::SpaceBeforePunct) | `ໂຮ່ຈິມິນ ; ກວ` → `ໂຮ່ຈິມິນ; ກວ`, `93,78 % , ມີ` → `93,78%, ມີ` |
//! | [`SpaceAfterOpen`](crate::Rule::SpaceAfterOpen) | `“ ເຂົ້າໃຈ` → `“ເຂົ້າໃຈ`, `( 150` → `(150` |
//! | [`SpaceAfterPunct`](crate::Rule::SpaceAfterPunct) | `ສະຫະລັດ,ແຮ່` → `ສະຫະລັດ, ແຮ່`, `ເຊັ່ນວ່າ:ການ` → `ເຊັ່ນວ່າ: ການ` |
//! | [`SpaceAroundNumber`](crate::Rule::SpaceAroundNumber) | `ມູນຄ່າ7,19` → `ມູນຄ່າ 7,19`, `679ບ້ານ` → `679 ບ້ານ`, `5%ຂອງ` → `5% ຂອງ`; not `ມ1`, `ຕມ4` (an abbreviation and its number) |
//! | [`SpaceBeforeOpen`](crate::Rule::SpaceBeforeOpen) | `ແຜນດັດແກ້(150` → `ແຜນດັດແກ້ (150`, `ຫົວຂໍ້“ໜ່ວຍ` → `ຫົວຂໍ້ “ໜ່ວຍ` |
//! | [`SpaceAfterClose`](crate::Rule::SpaceAfterClose) | `(ຫໍແກ້ວ)ພາຍໃຕ້` → `(ຫໍແກ້ວ) ພາຍໃຕ້`, `”ຕາມ` → `” ຕາມ` |
//! | [`SplitNumber`](crate::Rule::SplitNumber) | suggested only: `25, 84 ລ້ານ` → `25,84`, `2021- 2025` → `2021-2025` |
//!
//! What it leaves alone, on purpose:
//!
//! - **Lines without Lao.** Only lines that hold a Lao code point are touched (so a line
//!   of spaces alone stays as it is); other languages have their own spacing
//!   conventions (French `« oui »`, `50 %`).
//! - **Indentation.** The spaces and tabs that start a line are kept as they are: they
//!   carry meaning in markdown (nested lists, code) and in poetry or aligned text. (Blanks
//!   at the *end* of a line always go, markdown's two-space hard break included, as an
//!   editor's "trim trailing whitespace" does; spaces right after a Lao letter before a
//!   line that opens with one go in the word stage, where lines may be rejoined: they
//!   tell it that the break was a space.)
//! - **Tabs.** Blanks that hold a tab are column separators (tab-separated data,
//!   aligned code) and are never changed, at the end of a line too.
//! - **Rows of comma-separated values** (two commas or more, none followed by a space):
//!   no space is put after their commas.
//! - **Punctuation that does not close.** The space before `.` stays when a digit, a
//!   letter or another dot follows (`ວັນທີ .5`, `ກ ...`, `see .NET`); before `%` it goes
//!   only after a digit; `,` `;` `:` followed by a digit are numbers or times (`4.753,15`,
//!   `8:00`, `1,211`) and get no space after. A space after `, ; :` is put only before a
//!   letter, and before a Latin letter only in Lao text (`ສະບັບ,XI`; `key,value` stays).
//! - **Latin words glued to numbers** (`COVID-19`, `H2O`, `5G`, `2kg`): the number rule
//!   only separates *Lao* letters from digits. `%` belongs to its number: `93,78%`.
//! - **Web and e-mail addresses, file paths and names, inline code** (`` `a , b` ``) and
//!   fenced code blocks (```` ``` ```` or `~~~`, at any indentation): nothing is put
//!   inside them (see `protect.rs`). A web address or path runs to the end of its word,
//!   so a space after one is not removed where that would join it to the letters of the
//!   next word (`/ກ ,,(ຂ`): the next run would read the path on into them.
//! - **Markdown** bullets, headings and emphasis: `-`, `*`, `#`, `[ ]` are not punctuation
//!   for this stage, so their spaces stay.
//! - **Straight quotes `"`** are treated as opening and closing only on a line where they
//!   pair up and each sits where its role says; the apostrophe `'` is never touched
//!   (`8:00'`).
//! - **Brackets and curly quotes without a partner on their line** (`ຄັ້ງທີ )( ຂອງພັກ`,
//!   `ຄັ້ງທີ )ຝ`, OCR debris for XI): when one mark of a kind does not pair up, no mark
//!   of that kind on the line gets a space added or removed. A list label at the start
//!   of a line (`1)`, `ກ)`) needs no partner.
//! - **OCR debris around digits and signs.** No space goes before a Lao vowel sign or
//!   mark, which cannot start a word (`2ູ,ມ.,ະ`), nor after a leading vowel; digits that
//!   run into a vowel sign stand for a misread consonant (`ສູນກາງ1ັກ` for ພັກ) and are
//!   not set off; punctuation after a sign with no letter under it gets no space after
//!   it; a closing mark does not close before one that cannot (`ຄັ້ງທີ !%`: `%` closes
//!   only a number).
//! - **A lone digit glued to the word after it** (`ແລະ 1ມັດທະນາ`) or standing inside a
//!   word (`ສູນກາງ1ນັກ`), when OCR writes that digit for a Lao letter (ພ → 1, from
//!   `dictionaries/ocr_confusions.tsv`): the spaces are only suggested.
//! - **Ambiguous joins** become suggestions, not edits: `25, 84` may be the decimal
//!   `25,84` or the list `25, 84` (`ມາດຕາ 25, 26`); `2021- 2025` may be a range or a minus.
//!
//! Linear time: each character is looked at a bounded number of times.
//!
//! ```
//! use laoclean::spacing;
//! assert_eq!(spacing::apply("ມີ 679ບ້ານ,ກວມເອົາ 93,78 % ."), "ມີ 679 ບ້ານ, ກວມເອົາ 93,78%.");
//! assert_eq!(spacing::apply("ເວລາ 8:00, ເວັບ http://a.la/x,y"), "ເວລາ 8:00, ເວັບ http://a.la/x,y");
//! ```

mod protect;
mod punctuation;

use crate::cleaner::StageOutput;
use crate::edit::{Edit, Rewriter};
use crate::lao::Script;
use crate::{lao, Config, Rule};
use punctuation::{Class, Punct};
use std::borrow::Cow;
use std::ops::Range;

/// The spacing stage alone, with the default settings; borrowed when nothing changes.
/// The input is expected to have been through the character stage (plain spaces, ASCII
/// digits), as in [`Cleaner`](crate::Cleaner). Alone, it also takes away the spaces
/// that end a line after a Lao letter before a line that opens with one, which in a
/// [`Cleaner`](crate::Cleaner) it leaves to the word stage's rejoining of lines.
///
/// ```
/// use laoclean::spacing::apply;
/// assert_eq!(apply("ໂຮ່ຈິມິນ ; ກວດ"), "ໂຮ່ຈິມິນ; ກວດ");
/// assert_eq!(apply("ວາລະ \nສານ"), "ວາລະ\nສານ");
/// assert_eq!(apply("ແຜນດັດແກ້(150,20 ຕື້ກີບ)"), "ແຜນດັດແກ້ (150,20 ຕື້ກີບ)");
/// assert!(matches!(apply("4.753,15 ແລະ 1,211"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn apply(text: &str) -> Cow<'_, str> {
    run_lines(text, false, Line::default()).text
}

/// Runs the spacing rules over `text`.
pub(crate) fn run<'a>(text: &'a str, config: &Config, record: bool) -> StageOutput<'a> {
    let line = Line {
        wrap_blanks: config.level != crate::Level::Safe
            && config.join_lines != crate::JoinLines::Never,
        ..Line::default()
    };
    run_lines(text, record, line)
}

/// [`run`] with the buffers of `line` (its settings kept).
#[inline(always)]
fn run_lines(text: &str, record: bool, mut line: Line) -> StageOutput<'_> {
    let mut w = Rewriter::new(text, record);
    let mut suggestions = Vec::new();
    line.code.clear();
    if memchr::memchr(b'`', text.as_bytes()).is_some() {
        line.code = paragraph_code(text);
    }
    for content in prose_lines(text) {
        if has_lao(&text[content.clone()]) {
            line.clean(text, content, &mut w);
            if record {
                line.suggest(text, &mut suggestions);
            }
        }
    }
    let (t, e) = w.finish();
    let mut out = StageOutput::new(t, e);
    out.suggestions = suggestions;
    out
}

/// The lines of `text` outside fenced code blocks (the fence lines left out too), each
/// as the byte range of its content: without its line break (`\n` or `\r\n`).
pub(crate) fn prose_lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut in_fence: Option<&str> = None;
    let mut next = Some(0);
    std::iter::from_fn(move || loop {
        let start = next?;
        let b = text.as_bytes();
        let end = memchr::memchr(b'\n', &b[start..]).map_or(text.len(), |i| start + i);
        next = (end < text.len()).then_some(end + 1);
        // A `\r` is part of the line break only before a `\n`: a lone `\r` at the end of
        // the text is a character of the line, as one inside it is (else the blanks
        // before it went only once the blanks after it had gone: not idempotent).
        let content_end = if end < text.len() && b[start..end].last() == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        let content = &text[start..content_end];
        if fence(content).is_some() {
            in_fence = fence_after(in_fence, content);
        } else if in_fence.is_none() {
            return Some(start..content_end);
        }
    })
}

/// The byte ranges of `text` that hold code or addresses, which no later stage may
/// change either: fenced code blocks (fence lines included) and, in the other lines,
/// web and e-mail addresses, file paths and names, and inline code (`protect`; also
/// as paired within a paragraph, [`paragraph_code`]). Sorted and disjoint; line breaks
/// between lines of prose are in none, except inside inline code that runs over one.
///
/// A line is looked at only if it holds what such a span needs (`` ` `` `~` `\` `@`, a
/// `/` not after an ASCII letter or digit, a `:` after an ASCII letter, or a `.` before
/// ASCII letters and digits with a letter among them: an extension, not a decimal
/// point), so prose costs a few fast scans of its bytes.
pub(crate) fn protected_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let b = text.as_bytes();
    let needs = |r: &Range<usize>| {
        let line = &b[r.clone()];
        memchr::memchr2(b'`', b'\\', line).is_some()
            || memchr::memchr2(b'@', b'~', line).is_some()
            // a `/` that can start a path or follow a scheme: not after an ASCII letter
            // or digit (`10/5/2021`, a date, is looked at no further)
            || memchr::memchr_iter(b'/', line)
                .any(|k| k == 0 || !line[k - 1].is_ascii_alphanumeric())
            // a scheme written without `//` (`mailto:`, `urn:`)
            || memchr::memchr_iter(b':', line).any(|k| k > 0 && line[k - 1].is_ascii_alphabetic())
            || memchr::memchr_iter(b'.', line).any(|k| {
                // an extension: ASCII letters and digits with a letter among them
                line[k + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .any(|b| b.is_ascii_alphabetic())
            })
    };
    let mut guard = Vec::new();
    let mut after_prose = 0;
    for line in prose_lines(text) {
        // Between two lines of prose: a line break, or fenced code.
        let gap = &text[after_prose..line.start];
        if !matches!(gap, "" | "\n" | "\r\n") {
            out.push(after_prose..line.start);
        }
        after_prose = line.end;
        if !needs(&line) {
            continue;
        }
        let cs: Vec<(usize, char)> = text[line.clone()]
            .char_indices()
            .map(|(k, c)| (line.start + k, c))
            .collect();
        protect::guard_spans(&cs, &mut guard, &[]);
        let mut k = 0;
        while k < cs.len() {
            let id = guard[k];
            if id == 0 {
                k += 1;
                continue;
            }
            let from = k;
            while k < cs.len() && guard[k] == id {
                k += 1;
            }
            // A `/` before Lao letters alone is no path for this purpose (OCR writes
            // `/າາລັງ` for ກຳລັງ): a span of code, or one with an ASCII letter or digit
            // or two separators, or a path from the home folder (`~/`) or relative to
            // the current one (`./`, `../`).
            let span = &cs[from..k];
            let seps = span.iter().filter(|x| matches!(x.1, '/' | '\\')).count();
            if id & protect::CODE != 0
                || seps >= 2
                || matches!(span[0].1, '~' | '.')
                || span.iter().any(|x| x.1.is_ascii_alphanumeric())
            {
                let end = cs.get(k).map_or(line.end, |x| x.0);
                match out.last_mut() {
                    Some(last) if last.end == cs[from].0 => last.end = end,
                    _ => out.push(cs[from].0..end),
                }
            }
        }
    }
    // Fenced code to the end of the text (a fence never closed), past the last prose.
    let tail = &text[after_prose..];
    if !tail.trim_start_matches(['\r', '\n']).is_empty() {
        out.push(after_prose..text.len());
    }
    if memchr::memchr(b'`', b).is_some() {
        out = union(out, paragraph_code(text));
    }
    out
}

/// Inline code as markdown pairs it, within a paragraph (over line breaks too): a run
/// of backticks up to the next run of the same length in the same paragraph of prose
/// lines. [`protected_ranges`] takes these and the spans paired line by line (as the
/// spacing rules see them), so that code either way is left alone.
pub(crate) fn paragraph_code(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // start and length of the opening run
    let mut after = 0; // end of the previous prose line
    for line in prose_lines(text) {
        let gap = &text[after..line.start];
        let blank = text[line.clone()].trim().is_empty();
        if blank || !matches!(gap, "" | "\n" | "\r\n") {
            open = None; // a new paragraph
        }
        after = line.end;
        let b = &text.as_bytes()[line.clone()];
        let mut i = 0;
        while let Some(k) = memchr::memchr(b'`', &b[i..]) {
            let start = i + k;
            i = start + b[start..].iter().take_while(|&&c| c == b'`').count();
            let len = i - start;
            match open {
                None => open = Some((line.start + start, len)),
                Some((at, n)) if n == len => {
                    out.push(at..line.start + i);
                    open = None;
                }
                Some(_) => {}
            }
        }
    }
    out
}

/// Is `c` a punctuation mark that closes what comes before it (`, . ; : ! ? ) %` and the
/// closing quotes: `dictionaries/rules/punctuation.tsv`, class `close`)? No line laid
/// out by hand opens with one.
pub(crate) fn closes(c: char) -> bool {
    punctuation::lookup(c).is_some_and(|p| p.class == punctuation::Class::Close)
}

/// Does one of `spans` (sorted, disjoint) hold byte offset `at`?
pub(crate) fn covers(spans: &[Range<usize>], at: usize) -> bool {
    let k = spans.partition_point(|r| r.end <= at);
    spans.get(k).is_some_and(|r| r.start <= at)
}

/// Does one of `spans` (sorted, disjoint) share a byte with `range`?
pub(crate) fn overlaps(spans: &[Range<usize>], range: &Range<usize>) -> bool {
    let k = spans.partition_point(|r| r.end <= range.start);
    spans.get(k).is_some_and(|r| r.start < range.end)
}

/// The union of two sorted lists of ranges, sorted, with overlapping ranges merged.
pub(crate) fn union(a: Vec<Range<usize>>, b: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if b.is_empty() {
        return a;
    }
    let mut all = a;
    all.extend(b);
    all.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for r in all {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// A markdown code fence (three or more backticks or tildes after any indentation, so
/// fences inside list items count): the fence characters, which the closing fence
/// repeats.
fn fence(line: &str) -> Option<&str> {
    // (A byte order mark before it, from files joined together, is no text.)
    let rest = line.trim_start_matches([' ', '\t', '\u{FEFF}']);
    let c = rest.bytes().next().filter(|&b| b == b'`' || b == b'~')?;
    let run = rest.bytes().take_while(|&b| b == c).count();
    (run >= 3).then(|| &rest[..run])
}

/// The code fence open after `line`, given the one open before it (`open`): a fence
/// opens one, and a fence of the same character, at least as long, closes it.
pub(crate) fn fence_after<'a>(open: Option<&'a str>, line: &'a str) -> Option<&'a str> {
    match (open, fence(line)) {
        (None, Some(f)) => Some(f),
        (Some(o), Some(f)) if f.starts_with(o) => None,
        (o, _) => o,
    }
}

/// Does the line hold a Lao code point (U+0E80–U+0EFF, UTF-8 `E0 BA xx` or `E0 BB xx`)?
/// Lines without Lao are left alone by this stage: their spacing follows the
/// conventions of their own language (French `« oui »`, `50 %`).
fn has_lao(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr_iter(0xE0, b).any(|i| matches!(b.get(i + 1), Some(0xBA | 0xBB)))
}

/// A row of comma-separated values: two separating commas or more (a comma between two
/// digits belongs to a number) and none with a space beside it, as in `ສົມ,25,ວຽງຈັນ`.
/// No space is put after its commas: that would change the values.
fn is_csv_row(line: &str) -> bool {
    let b = line.as_bytes();
    let mut separators = 0;
    for i in memchr::memchr_iter(b',', b) {
        let before = i.checked_sub(1).map(|k| b[k]);
        let after = b.get(i + 1).copied();
        if before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        if before == Some(b' ') || after == Some(b' ') {
            return false;
        }
        separators += 1;
    }
    separators >= 2
}

pub(super) fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || lao::is_digit(c)
}

/// A letter of any script, Lao marks included. (ASCII and Lao first: the Unicode
/// tables are slow.)
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if lao::is_lao(c) {
        lao::is_letter(c)
    } else {
        c.is_alphabetic()
    }
}

/// A letter or digit of any script, Lao marks included.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if lao::is_lao(c) {
        lao::is_letter(c) || lao::is_digit(c)
    } else {
        c.is_alphanumeric()
    }
}

/// Can a word start at `c`? For a Lao letter, only a consonant or a leading vowel can: a
/// vowel sign or mark standing after punctuation or a digit has lost its consonant (OCR
/// debris such as `1ັກ` for ພັກ), and no space is put before it.
fn can_start_word(c: char) -> bool {
    !lao::is_letter(c) || lao::is_consonant(c) || lao::is_leading_vowel(c)
}

/// Can a word end at `c`? Not at a leading vowel, which is read after the consonant
/// that follows it.
fn can_end_word(c: char) -> bool {
    !lao::is_leading_vowel(c)
}

/// The mark that pairs with the bracket or curly quote `c`, and whether `c` opens.
fn partner(c: char) -> Option<(char, bool)> {
    Some(match c {
        '(' => (')', true),
        ')' => ('(', false),
        '“' => ('”', true),
        '”' => ('“', false),
        '‘' => ('’', true),
        '’' => ('‘', false),
        '«' => ('»', true),
        '»' => ('«', false),
        _ => return None,
    })
}

/// The kind of pair (0–3) a bracket or curly quote belongs to.
fn pair_kind(c: char) -> usize {
    match c {
        '(' | ')' => 0,
        '“' | '”' => 1,
        '‘' | '’' => 2,
        _ => 3,
    }
}

fn digit_value(c: char) -> u64 {
    match c.to_digit(10) {
        Some(d) => u64::from(d),
        None => u64::from(c as u32 - 0x0ED0),
    }
}

/// What a punctuation mark does at its place in the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Not punctuation for this stage (or inside a protected span).
    None,
    /// Closes: no space before it.
    Close,
    /// Opens: no space after it.
    Open,
}

/// How sure each rule is.
fn confidence(rule: Rule) -> f32 {
    match rule {
        Rule::SpaceRun | Rule::TrailingSpace => 1.0,
        Rule::SpaceBeforePunct | Rule::SpaceAfterOpen => 0.95,
        Rule::SpaceAfterClose => 0.85,
        Rule::SplitNumber => 0.5,
        _ => 0.9,
    }
}

/// How many Lao letters at each end of a run of them the rules see ([`Line::read_chars`]):
/// more than the farthest any rule looks from a blank, a mark or a digit (three
/// characters: `orphan_sign` two characters back from an insertion, and the one before it).
const LETTER_CONTEXT: usize = 4;

/// A letter that [`Line::read_chars`] may leave out of a long run: a Lao letter or mark
/// (no digit, no ໆ or ຯ, which some rules name).
fn is_run_letter(c: char) -> bool {
    lao::is_letter(c) && c != '\u{0EC6}' && c != '\u{0EAF}'
}

/// Buffers for one line, reused from line to line.
#[derive(Default)]
struct Line {
    /// The characters of the line with their byte offsets in the stage input, the
    /// middle of long runs of Lao letters left out ([`Line::read_chars`]).
    cs: Vec<(usize, char)>,
    /// Protected span of each character (see `protect`).
    guard: Vec<u32>,
    /// Indices into `cs` of the characters that are not blanks.
    nb: Vec<usize>,
    /// Per entry of `nb`: its punctuation entry and role.
    punct: Vec<Option<&'static Punct>>,
    role: Vec<Role>,
    /// Per entry of `nb`: punctuation or a digit, which every insertion rule needs on
    /// one side ([`Line::insertion`]).
    marked: Vec<bool>,
    /// Per entry of `nb`: the script of the nearest letter at or before it, and at or
    /// after it (digits, punctuation and blanks skipped). The rules set right Lao text:
    /// `Bonjour !` or `a  &&  b` on a line that also holds Lao keeps its spaces.
    /// Filled only when the line holds a letter of another script (`foreign`); else
    /// every letter is Lao, and the rules apply everywhere.
    letter_before: Vec<Script>,
    letter_after: Vec<Script>,
    foreign: bool,
    /// Per entry of `nb`: the rule that removes the blanks before it, if any.
    removed: Vec<Option<Rule>>,
    /// Per entry of `nb`: no space is put before it (marks after a path or address whose
    /// space was kept, see [`Line::runs_on`]).
    quiet: Vec<bool>,
    /// The line has a span that runs to the end of its word ([`protect::TO_WORD_END`]).
    to_word_end: bool,
    quotes: Vec<usize>,
    /// Open brackets and curly quotes not closed yet, per kind ([`pair_kind`]).
    open: [Vec<usize>; 4],
    /// The line is a row of comma-separated values ([`is_csv_row`]).
    csv: bool,
    /// The last non-blank is a lone `\r` that ends the line once the blanks after it go
    /// (`\r␠\n` becomes `\r\n`): punctuation before it ends the line as it will.
    cr_end: bool,
    /// Keep every letter of a run ([`Line::read_chars`] leaves out the middle of long
    /// ones): for tests that check that this changes nothing.
    all_letters: bool,
    /// Inline code of the text paired over line breaks ([`paragraph_code`]).
    code: Vec<Range<usize>>,
    /// Leave the spaces that end a line after a Lao letter, before a line that opens
    /// with one, to the word stage (the levels that have it, when lines may be
    /// rejoined): where it rejoins the lines they make the break one space, as the text
    /// had one there (`fold -s`), and elsewhere it takes them away
    /// ([`wrap_blank`](crate::words::lines::wrap_blank)).
    wrap_blanks: bool,
}

impl Line {
    fn ch(&self, i: usize) -> char {
        self.cs[self.nb[i]].1
    }

    /// The blanks between non-blank `i - 1` and non-blank `i` (empty when they touch).
    fn gap(&self, i: usize) -> Range<usize> {
        let (pos, c) = self.cs[self.nb[i - 1]];
        pos + c.len_utf8()..self.cs[self.nb[i]].0
    }

    /// The blanks between non-blanks `i - 1` and `i` hold a tab: a separator of columns
    /// (tab-separated data, aligned code), never changed.
    fn tab_gap(&self, i: usize) -> bool {
        self.cs[self.nb[i - 1] + 1..self.nb[i]]
            .iter()
            .any(|&(_, c)| c == '\t')
    }

    fn touches(&self, i: usize) -> bool {
        self.nb[i] == self.nb[i - 1] + 1
    }

    /// Non-blank `i` touches non-blank `i - 1` once the removals are made.
    fn attached(&self, i: usize) -> bool {
        self.touches(i) || self.removed[i].is_some()
    }

    /// The character right after non-blank `i`, if it is not a blank or the line end.
    fn next_touching(&self, i: usize) -> Option<char> {
        (i + 1 < self.nb.len() && self.touches(i + 1)).then(|| self.ch(i + 1))
    }

    /// Non-blanks `i - 1` and `i` lie in one inline code span: nothing changes between them.
    fn in_code(&self, i: usize) -> bool {
        let (a, b) = (self.guard[self.nb[i - 1]], self.guard[self.nb[i]]);
        a == b && a & protect::CODE != 0
    }

    /// Non-blanks `i - 1` and `i` are both protected (one span, or two that touch): no
    /// space goes between them.
    fn protected(&self, i: usize) -> bool {
        self.guard[self.nb[i - 1]] != 0 && self.guard[self.nb[i]] != 0
    }

    fn clean(&mut self, text: &str, range: Range<usize>, w: &mut Rewriter<'_>) {
        self.read_chars(&text[range.clone()], range.start);
        self.nb.clear();
        self.nb
            .extend((0..self.cs.len()).filter(|&k| !is_blank(self.cs[k].1)));
        if self.nb.is_empty() {
            return; // blanks alone hold no Lao; `run` does not call this for them
        }
        self.csv = is_csv_row(&text[range.clone()]);
        self.to_word_end = protect::guard_spans(&self.cs, &mut self.guard, &self.code);
        self.classify();
        self.pair_brackets();
        self.find_scripts();
        let n = self.nb.len();
        // The blanks after the last non-blank, and whether they go (not tabs, code, or
        // after a letter of another script, whose spacing is its own).
        let (pos, c) = self.cs[self.nb[n - 1]];
        let tail = pos + c.len_utf8()..range.end;
        let tail_goes = !tail.is_empty()
            && !text[tail.clone()].contains('\t')
            && !covers(&self.code, tail.start)
            && self.before(n - 1) != Script::Foreign;
        // Spaces after a Lao letter before a line that opens with one: the word stage's.
        let tail_goes = tail_goes
            && !(self.wrap_blanks
                && crate::words::lines::wrap_blank(&text[range.clone()]) == tail.len()
                && crate::words::lines::opens_with_lao(&text[range.end..]));
        // A lone CR before them and a line break after them ends the line once they go
        // (`\r\n`): the blanks before it are trailing too, and go now (a second cleaning
        // would take them otherwise).
        self.cr_end = tail_goes && c == '\r' && text[range.end..].starts_with('\n');
        self.decide_removals();
        for i in 1..n {
            if self.cr_end && i == n - 1 && !self.touches(i) && !self.tab_gap(i) && !self.in_code(i)
            {
                w.replace(self.gap(i), "", Rule::TrailingSpace, 1.0);
                continue;
            }
            if self.touches(i) {
                // Two letters touching, the common case, skip the rules at once.
                if (self.marked[i - 1] || self.marked[i])
                    && !self.in_code(i)
                    && !self.protected(i)
                    && !self.quiet[i]
                {
                    if let Some(rule) = self.insertion(i) {
                        let at = self.cs[self.nb[i]].0;
                        w.replace(at..at, " ", rule, confidence(rule));
                    }
                }
                continue;
            }
            if self.in_code(i) || self.tab_gap(i) {
                continue;
            }
            let gap = self.gap(i);
            let lao_beside = self.before(i - 1) == Script::Lao || self.after(i) == Script::Lao;
            if let Some(rule) = self.removed[i] {
                w.replace(gap, "", rule, confidence(rule));
            } else if &text[gap.clone()] != " " && lao_beside {
                w.replace(gap, " ", Rule::SpaceRun, 1.0);
            }
        }
        // (Blanks at the end of a line inside inline code that runs on are code.)
        if tail_goes {
            w.replace(tail, "", Rule::TrailingSpace, 1.0);
        }
    }

    /// Fills `cs` with the characters of `line` (at byte `offset` of the stage input) that
    /// the rules can look at. In a run of Lao letters, only the first and last
    /// [`LETTER_CONTEXT`] are kept: every rule needs a blank, punctuation, a digit or a
    /// character of another script close by, and looks at most that far from it, so the
    /// letters in the middle of a longer run (about half of Lao text) change nothing. The
    /// letters kept on either side of a gap in `cs` stand for a run that touches, as it
    /// does in the text.
    fn read_chars(&mut self, line: &str, offset: usize) {
        const K: usize = LETTER_CONTEXT;
        self.cs.clear();
        // The last letters of the current run past its first K, in a ring.
        let mut tail = [(0usize, ' '); K];
        let mut run = 0usize;
        // A letter of another script (see `find_scripts`).
        let mut foreign = false;
        let flush = |cs: &mut Vec<(usize, char)>, tail: &[(usize, char); K], run: usize| {
            let extra = run.saturating_sub(K);
            for m in extra - extra.min(K)..extra {
                cs.push(tail[m % K]);
            }
        };
        for (i, c) in line.char_indices() {
            if is_run_letter(c) && !self.all_letters {
                if run < K {
                    self.cs.push((offset + i, c));
                } else {
                    tail[(run - K) % K] = (offset + i, c);
                }
                run += 1;
            } else {
                flush(&mut self.cs, &tail, run);
                run = 0;
                self.cs.push((offset + i, c));
                foreign |= Script::of(c) == Script::Foreign;
            }
        }
        flush(&mut self.cs, &tail, run);
        self.foreign = foreign;
    }

    /// Looks up the punctuation of the line and resolves straight quotes.
    fn classify(&mut self) {
        let n = self.nb.len();
        self.punct.clear();
        self.role.clear();
        self.marked.clear();
        self.quotes.clear();
        for i in 0..n {
            let c = self.ch(i);
            let p = if self.guard[self.nb[i]] == 0 {
                punctuation::lookup(c)
            } else {
                None
            };
            let role = match p.map(|p| p.class) {
                Some(Class::Close) => Role::Close,
                Some(Class::Open) => Role::Open,
                Some(Class::Quote) => {
                    self.quotes.push(i);
                    Role::None
                }
                None => Role::None,
            };
            self.punct.push(p);
            self.role.push(role);
            self.marked.push(p.is_some() || is_digit(c));
        }
        // Straight quotes: the 1st, 3rd… open and the 2nd, 4th… close, when they pair up
        // and none is glued to a word on its outer side.
        if self.quotes.is_empty() || self.quotes.len() % 2 != 0 {
            return;
        }
        let fits = self.quotes.iter().enumerate().all(|(k, &i)| {
            if k % 2 == 0 {
                !(i > 0 && self.touches(i) && is_word_char(self.ch(i - 1)))
            } else {
                !self.next_touching(i).is_some_and(is_word_char)
            }
        });
        if fits {
            for k in 0..self.quotes.len() {
                let i = self.quotes[k];
                self.role[i] = if k % 2 == 0 { Role::Open } else { Role::Close };
            }
        }
    }

    /// Brackets and curly quotes pair up on their line: each closing mark with the
    /// nearest open one of its kind before it. When a mark of a kind is left without a
    /// partner, no mark of that kind on the line is punctuation for this stage, and the
    /// spaces around them stay as typed: in OCR output such marks are mostly debris (`)(`
    /// read for XI, `ຄັ້ງທີ )ຝ`, a quote read for `**`), and once one is debris, which of
    /// the others really pair up, and on which side a space belongs, cannot be told. A
    /// closing bracket that ends a list label at the start of the line (`1)`, `ກ)`) needs
    /// no partner.
    fn pair_brackets(&mut self) {
        let mut unpaired = [false; 4];
        for stack in &mut self.open {
            stack.clear();
        }
        for i in 0..self.nb.len() {
            if self.role[i] == Role::None {
                continue;
            }
            let Some((_, opens)) = partner(self.ch(i)) else {
                continue;
            };
            let kind = pair_kind(self.ch(i));
            if opens {
                self.open[kind].push(i);
            } else if self.open[kind].pop().is_none() && !self.is_list_label(i) {
                unpaired[kind] = true;
            }
        }
        for (kind, stack) in self.open.iter().enumerate() {
            unpaired[kind] |= !stack.is_empty();
        }
        if !unpaired.contains(&true) {
            return;
        }
        for i in 0..self.nb.len() {
            let c = self.ch(i);
            if self.role[i] != Role::None
                && partner(c).is_some()
                && unpaired[pair_kind(c)]
                && !(c == ')' && self.is_list_label(i))
            {
                self.role[i] = Role::None;
            }
        }
    }

    /// Non-blank `i` closes a list label at the start of the line: one to three digits
    /// or one letter, touching it (`1)`, `12)`, `ກ)`, `a)`).
    fn is_list_label(&self, i: usize) -> bool {
        if i == 0 || i > 3 || (1..=i).any(|k| !self.touches(k)) {
            return false;
        }
        (0..i).all(|k| is_digit(self.ch(k)))
            || (i == 1 && (lao::is_consonant(self.ch(0)) || self.ch(0).is_ascii_alphabetic()))
    }

    /// The script of non-blank `i` as a neighbour of Lao: none for an address, a path
    /// or code, which Lao text holds as it holds a number.
    fn script(&self, i: usize) -> Script {
        if self.guard[self.nb[i]] != 0 {
            Script::Neutral
        } else {
            Script::of(self.ch(i))
        }
    }

    /// The script of the nearest letter at or before non-blank `i` (see `letter_before`).
    fn before(&self, i: usize) -> Script {
        if self.foreign {
            self.letter_before[i]
        } else {
            Script::Lao
        }
    }

    /// The script of the nearest letter at or after non-blank `i`.
    fn after(&self, i: usize) -> Script {
        if self.foreign {
            self.letter_after[i]
        } else {
            Script::Lao
        }
    }

    /// Fills `letter_before` and `letter_after`, if the line has a letter of another
    /// script (`read_chars` says; on a line of Lao alone, the nearest letter either way,
    /// if any, is Lao).
    fn find_scripts(&mut self) {
        if !self.foreign {
            return;
        }
        let n = self.nb.len();
        // Each character's own script first, then the nearest letter either way.
        let mut scripts = std::mem::take(&mut self.letter_before);
        scripts.clear();
        scripts.extend((0..n).map(|i| self.script(i)));
        self.letter_after.clear();
        self.letter_after.extend_from_slice(&scripts);
        let mut last = Script::Neutral;
        for s in scripts.iter_mut() {
            if *s == Script::Neutral {
                *s = last;
            }
            last = *s;
        }
        let mut next = Script::Neutral;
        for s in self.letter_after.iter_mut().rev() {
            if *s == Script::Neutral {
                *s = next;
            }
            next = *s;
        }
        self.letter_before = scripts;
    }

    fn decide_removals(&mut self) {
        let n = self.nb.len();
        self.removed.clear();
        self.removed.resize(n, None);
        self.quiet.clear();
        self.quiet.resize(n, false);
        // Whether the word so far (joined over the removals made, split at the spaces
        // put in) ends in a path or an address followed by marks alone; tracked only on
        // lines that have one.
        let mut after_span = false;
        for i in 0..n {
            let gap = i > 0 && !self.touches(i);
            // Punctuation goes with the word it closes or opens: the blanks go only
            // when that word is not of another script (`ລາວ ,` but not `Bonjour !`).
            if gap && !self.in_code(i) && !self.tab_gap(i) {
                self.removed[i] =
                    if self.closes_after_space(i) && self.before(i - 1) != Script::Foreign {
                        Some(Rule::SpaceBeforePunct)
                    } else if self.opens_before_space(i) && self.after(i) != Script::Foreign {
                        Some(Rule::SpaceAfterOpen)
                    } else {
                        None
                    };
            }
            if !self.to_word_end || i == 0 {
                continue;
            }
            // Non-blank `i - 1` is settled now: whether a space goes before it depends
            // on the blanks before `i` at most.
            after_span = self.after_span(i - 1, after_span);
            if gap {
                if self.removed[i].is_some() && after_span && self.runs_on(i) {
                    self.removed[i] = None;
                }
                after_span &= self.removed[i].is_some();
            }
        }
    }

    /// Whether the word up to non-blank `k` ends in a path or address followed by marks
    /// alone, given whether the word up to `k - 1` did (`before`).
    fn after_span(&self, k: usize, before: bool) -> bool {
        if self.guard[self.nb[k]] & protect::TO_WORD_END != 0 {
            return true;
        }
        // Marks go on the word, unless a space is put before them.
        before
            && protect::is_edge_mark(self.ch(k))
            && !(k > 0
                && self.touches(k)
                && !self.protected(k)
                && !self.quiet[k]
                && self.insertion(k).is_some())
    }

    /// The blanks before non-blank `i`, about to be removed, follow a path or an address
    /// that runs to the end of its word (`/ກ ,,(ກ`): would the joined word go on past the
    /// marks into letters? A path runs to the end of its word, so the next run would take
    /// those letters (and a bracket among the marks) into it and space the line another
    /// way. Then the blanks stay, and no space is put among the marks after them (in a
    /// next run they would end the word). When a space is put among those marks anyway
    /// (`http://a.la ,ຂ` → `http://a.la, ຂ`), the word ends there and the blanks go.
    fn runs_on(&mut self, i: usize) -> bool {
        let n = self.nb.len();
        let mut core = i;
        while core < n && (core == i || self.touches(core)) && protect::is_edge_mark(self.ch(core))
        {
            core += 1;
        }
        if core == n || (core > i && !self.touches(core)) {
            return false; // marks alone: the word ends with them
        }
        if (i + 1..=core).any(|k| !self.protected(k) && self.insertion(k).is_some()) {
            return false;
        }
        self.quiet[i + 1..=core].iter_mut().for_each(|q| *q = true);
        true
    }

    /// Non-blank `i` is a closing mark that really closes the word before the blanks.
    /// (Called left to right: the removals before `i` are known.)
    fn closes_after_space(&self, i: usize) -> bool {
        let (Some(p), Role::Close) = (self.punct[i], self.role[i]) else {
            return false;
        };
        let left = self.ch(i - 1);
        let left_ok = if p.after_digit {
            is_digit(left)
        } else {
            left != p.ch
                && (is_word_char(left)
                    || self.role[i - 1] == Role::Close
                    || (matches!(left, '*' | '_' | '`') && i >= 2 && self.attached(i - 1)))
        };
        if !left_ok {
            return false;
        }
        // The next non-blank, touching or not, may say it does not close here (`. .`, `: )`).
        if i + 1 < self.nb.len() && p.not_before.contains(self.ch(i + 1)) {
            return false;
        }
        match self.next_touching(i) {
            None => true,
            // (A lone CR that ends the line once the blanks after it go: the line's end.)
            Some('\r') if self.cr_end && i + 2 == self.nb.len() => true,
            // A closing mark closes before another one only if that one closes there too:
            // `%` closes only a number, so in `ຄັ້ງທີ !%` neither mark closes anything.
            Some(c) => {
                (self.role[i + 1] == Role::Close
                    && !self.punct[i + 1].is_some_and(|q| q.after_digit))
                    || (p.letter_closes && is_letter(c))
            }
        }
    }

    /// Non-blank `i - 1` is an opening mark and what follows the blanks is not a close.
    fn opens_before_space(&self, i: usize) -> bool {
        let (Some(p), Role::Open) = (self.punct[i - 1], self.role[i - 1]) else {
            return false;
        };
        if self.role[i] == Role::Close {
            return false; // `( )`, `“ ”`: an empty pair is left as typed
        }
        // A quotation mark glued to the word before it may be a closing quote typed wrong.
        !(p.quote && i >= 2 && self.touches(i - 1) && is_word_char(self.ch(i - 2)))
    }

    /// The rule that puts one space between touching non-blanks `i - 1` and `i`, if any.
    /// A space goes only where a word can end before it and start after it
    /// ([`can_end_word`], [`can_start_word`]).
    fn insertion(&self, i: usize) -> Option<Rule> {
        // Every rule below needs punctuation or a digit on one side: two letters touching,
        // the common case, are left to the word stage.
        if !self.marked[i - 1] && !self.marked[i] {
            return None;
        }
        let (l, r) = (self.ch(i - 1), self.ch(i));
        if !can_end_word(l) || !can_start_word(r) {
            return None;
        }
        let before_l = (i >= 2).then(|| self.ch(i - 2));
        let after_debris = i >= 2 && self.attached(i - 1) && self.orphan_sign(i - 2);
        if let (Some(p), Role::Close) = (self.punct[i - 1], self.role[i - 1]) {
            if after_debris {
                return None; // `2ູ,ມ`: no word before the comma
            }
            // `ສະຫະລັດ,ແຮ່` → `ສະຫະລັດ, ແຮ່`; before a Latin letter only in Lao text.
            if p.space_after
                && !(self.csv && l == ',')
                && is_letter(r)
                && (lao::is_letter(r) || before_l.is_some_and(lao::is_letter))
                && !(before_l == Some(l) && self.touches(i - 1))
            {
                return Some(Rule::SpaceAfterPunct);
            }
            if p.lao_space && lao::is_letter(r) && i >= 2 && self.attached(i - 1) {
                return Some(Rule::SpaceAfterClose);
            }
        }
        let number_end = is_digit(l)
            || (l == '%'
                && self.role[i - 1] == Role::Close
                && i >= 2
                && self.attached(i - 1)
                && before_l.is_some_and(is_digit));
        if (lao::is_letter(l)
            && is_digit(r)
            && !self.digits_are_letters(i)
            && !self.lone_digit_in_word(i)
            && !self.abbreviation_before(i))
            || (number_end && lao::is_letter(r) && !self.lone_digit_before_word(i))
        {
            return Some(Rule::SpaceAroundNumber);
        }
        if let (Some(p), Role::Open) = (self.punct[i], self.role[i]) {
            if p.lao_space && lao::is_letter(l) && i + 1 < self.nb.len() && self.attached(i + 1) {
                return Some(Rule::SpaceBeforeOpen);
            }
        }
        None
    }

    /// Non-blank `k` is a Lao vowel sign or mark with no letter under it (after a digit,
    /// punctuation, a blank or the line start): what it ends is debris, not a word.
    fn orphan_sign(&self, k: usize) -> bool {
        let c = self.ch(k);
        lao::is_letter(c)
            && !can_start_word(c)
            && c != '\u{0EC6}'
            && (k == 0 || !self.touches(k) || !lao::is_letter(self.ch(k - 1)))
    }

    /// The Lao letters touching non-blank `i` from before are one or two consonants alone
    /// (ຫຼ counts as one: two characters), after a blank, punctuation, a digit (which this
    /// rule sets off from them) or the line start: an abbreviation whose number it is, a
    /// school class or a quarter (`ມ1`, `ປ5`, `ຕມ4`, `ຫຼ1`), not a word before a number.
    /// (`5ມ1` becomes `5 ມ1`, as `5 ມ1` stays.)
    fn abbreviation_before(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && self.touches(k) && lao::is_letter(self.ch(k - 1)) {
            k -= 1;
            if i - k > 2 {
                return false;
            }
        }
        let consonant = |c: char| lao::is_consonant(c) || c == lao::SUBSCRIPT_LO;
        k < i
            && lao::is_consonant(self.ch(k))
            && (k..i).all(|j| consonant(self.ch(j)))
            && (k == 0
                || !self.touches(k)
                || !is_word_char(self.ch(k - 1))
                || is_digit(self.ch(k - 1)))
    }

    /// The digits from non-blank `i` on run straight into a Lao vowel sign or mark
    /// (`ສູນກາງ1ັກ`): they stand where a consonant was, a letter OCR misread, and are
    /// not a number to set off.
    fn digits_are_letters(&self, i: usize) -> bool {
        let mut k = i;
        while k < self.nb.len() && (k == i || self.touches(k)) && is_digit(self.ch(k)) {
            k += 1;
        }
        k < self.nb.len()
            && self.touches(k)
            && lao::is_letter(self.ch(k))
            && !can_start_word(self.ch(k))
    }

    /// Non-blank `i - 1` is one digit alone at the start of a word, glued to the Lao
    /// word `i` starts, and a digit that OCR writes for a Lao letter
    /// ([`punctuation::OCR_DIGITS_FOR_LETTERS`], from the OCR error model: ພ read as 1):
    /// `ແລະ 1ມັດທະນາ` is as likely that letter as a number missing its space, so the
    /// space is only suggested. (`ສະເໜີ 9ໂຄງການ` is a number: set off.)
    fn lone_digit_before_word(&self, i: usize) -> bool {
        punctuation::OCR_DIGITS_FOR_LETTERS.contains(self.ch(i - 1))
            && (i == 1 || !self.attached(i - 1) || !is_word_char(self.ch(i - 2)))
            && lao::is_letter(self.ch(i))
            || self.lone_digit_in_word(i - 1)
    }

    /// Non-blank `d` is such a digit alone between two Lao letters it touches
    /// (`ສູນກາງ1ນັກ`): inside a word, it is even likelier the misread letter, so neither
    /// space is made, only suggested.
    fn lone_digit_in_word(&self, d: usize) -> bool {
        d >= 1
            && d + 1 < self.nb.len()
            && punctuation::OCR_DIGITS_FOR_LETTERS.contains(self.ch(d))
            && self.attached(d)
            && self.attached(d + 1)
            && lao::is_letter(self.ch(d - 1))
            && lao::is_letter(self.ch(d + 1))
    }

    /// Suggestions for this line (already cleaned by `clean`): numbers that a stray space
    /// may have split, and lone digits glued to a word. Spans are in the stage input.
    fn suggest(&self, text: &str, out: &mut Vec<Edit>) {
        let n = self.nb.len();
        let single_space = |i: usize| &text[self.gap(i)] == " ";
        let push = |out: &mut Vec<Edit>, gap: Range<usize>| {
            out.push(Edit {
                start: gap.start,
                end: gap.end,
                original: text[gap].to_string(),
                replacement: String::new(),
                rule: Rule::SplitNumber,
                confidence: confidence(Rule::SplitNumber),
                alternatives: Vec::new(),
            })
        };
        for i in 1..n {
            // A lone digit that may be a misread letter: the space after it, before a
            // word (`ແລະ 1ມັດທະນາ`), and the space before it, inside a word (`ສູນກາງ1ນັກ`).
            let lone_digit = self.touches(i)
                && !self.protected(i)
                && (self.lone_digit_before_word(i) && can_start_word(self.ch(i))
                    || self.lone_digit_in_word(i));
            if lone_digit {
                let at = self.gap(i).start;
                out.push(Edit {
                    start: at,
                    end: at,
                    original: String::new(),
                    replacement: " ".to_string(),
                    rule: Rule::SpaceAroundNumber,
                    confidence: confidence(Rule::SplitNumber),
                    alternatives: Vec::new(),
                });
            }
            if i + 1 >= n {
                continue;
            }
            let c = self.ch(i);
            if self.guard[self.nb[i]] != 0 || !is_digit(self.ch(i - 1)) || !is_digit(self.ch(i + 1))
            {
                continue;
            }
            if c == ',' && self.touches(i) && single_space(i + 1) {
                if self.decimal_split(i) {
                    push(out, self.gap(i + 1));
                }
            } else if c == '-' && self.touches(i) != self.touches(i + 1) {
                // `2021- 2025`, `2021 -2025`: a range with one stray space.
                let blank = if self.touches(i) { i + 1 } else { i };
                if single_space(blank) {
                    push(out, self.gap(blank));
                }
            }
        }
    }

    /// `25, 84 ລ້ານ`: digits, a comma, one space, one to three digits and a Lao word,
    /// where the left number has no decimal comma yet and is not an item of a list.
    fn decimal_split(&self, comma: usize) -> bool {
        let n = self.nb.len();
        // The digits after the space.
        let mut k = comma + 1;
        let mut right = 0u64;
        while k < n && is_digit(self.ch(k)) && (k == comma + 1 || self.touches(k)) {
            right = right * 10 + digit_value(self.ch(k));
            k += 1;
        }
        let right_len = k - comma - 1;
        if right_len > 3 || k == n || self.touches(k) || !lao::is_letter(self.ch(k)) {
            return false;
        }
        // The number before the comma: digits and thousands dots.
        let mut m = comma - 1;
        let mut last_group = 0u64;
        let mut scale = 1u64;
        let mut in_last_group = true;
        loop {
            let c = self.ch(m);
            if is_digit(c) && in_last_group {
                last_group = last_group.saturating_add(digit_value(c).saturating_mul(scale));
                scale = scale.saturating_mul(10);
            } else if c == '.' {
                in_last_group = false;
            }
            if m == 0 || !self.touches(m) {
                break;
            }
            let b = self.ch(m - 1);
            if !(is_digit(b) || (b == '.' && m >= 2 && is_digit(self.ch(m - 2)))) {
                if b == ',' {
                    return false; // already has its decimal comma: `4,5, 6`
                }
                break;
            }
            m -= 1;
        }
        // `4, 5, 6`: the left number follows a comma and a space, a list.
        if m >= 2 && !self.touches(m) && self.ch(m - 1) == ',' && is_digit(self.ch(m - 2)) {
            return false;
        }
        // `25, 26`: consecutive numbers are a list.
        right != last_group.saturating_add(1)
    }
}

#[cfg(test)]
mod tests;
