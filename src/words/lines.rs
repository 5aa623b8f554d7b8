//! Hard line breaks inside paragraphs: which to rejoin, and with what.
//!
//! A paragraph is a run of non-blank lines. A break between two of its lines is a
//! candidate when neither line is a markdown list item, heading, table row, quote or
//! fence, and it is inside no code fence. With [`JoinLines::Auto`] the candidates of a
//! paragraph are joined only when it looks hard-wrapped:
//!
//! - of the breaks between two Lao letters after a long line (at least [`LONG_LINE`]
//!   characters), at least half cut a dictionary word (the best segmentation of the
//!   letters around the break has a word across it): `ວາລະ\nສານ`, `ຂໍ້\nມູນ`. One such
//!   break among many is chance, not wrapping: in a file of one paragraph a line, the
//!   last syllable of a line and the first of the next often make a word; or
//! - it has at least three lines, and at least two thirds of the lines before the last
//!   end mid-sentence (in a letter or digit, a Lao vowel sign or tone mark included) at
//!   lengths within a quarter of their median, and
//!   that median is at least [`MIN_WRAP_WIDTH`]; or
//! - it is a *narrow column*: at least three lines, two thirds of those before the last
//!   within a quarter of their median length, a median from [`MIN_NARROW_WIDTH`] to
//!   [`MIN_WRAP_WIDTH`], and at least two of the breaks between Lao letters, and a third
//!   of them, cut a dictionary word and leave a piece of one on a side (a newspaper's
//!   column, text folded at a fixed count). Short lines that end in whole words (a poem,
//!   a list, a form) stay, as do lines that mostly end in the same word; or
//! - a line opens inside a syllable (with a combining mark or a following vowel ະ າ ຳ ຽ
//!   after a Lao letter) after a line of the paragraph's width (within a tenth) that
//!   ends in a piece of a word, and a dictionary word runs across that break right after
//!   one (or from the start): a wrap cut the word there, `ການນ\nຳພາ`. (After a whole
//!   word, a word the dictionary lacks or a shorter line, it is OCR that lost a line's
//!   first consonant, `ລາວ\nະນະປະຈຳ`, a stray mark or debris, which text laid out by
//!   hand has too.)
//!
//! Lines longer than [`MAX_WRAP_WIDTH`] are paragraphs of their own, in these tests.
//!
//! A paragraph is not wrapped prose, whatever its lengths, when most of its lines (two
//! thirds, three lines or more) begin with the same word: a list (`ບົດທີ 1 …`,
//! `ບົດທີ 2 …`), a table of contents, a register of names; nor when most of them (two
//! thirds, and three or more) end in a number, or a number and a short word (a unit),
//! or begin with a number that is no list's label, with no other number in the line: a
//! table's rows laid out by hand (`ແຂວງວຽງຈັນ … 12,345`, `2019 … 78,901`), which a wrap
//! of prose never makes line after line. Its rows keep their breaks, and the runs of
//! other lines between them (prose above or below the table without a blank line, a
//! heading) are paragraphs of their own.
//!
//! In a paragraph that is not wrapped, nothing is joined; with [`JoinLines::Always`]
//! every candidate is. In one that looks wrapped, a break stays where no wrap would
//! have made it, as a heading or a paragraph's last line ends a line by hand: after a
//! line the next line's first phrase (up to its first space between two Lao letters)
//! would have fitted on, within nine tenths of the shorter of the lines on either side
//! of it, counted in characters and in columns (a wrap of any kind fills a line with
//! what fits; the lines beside a line are of its own wrap, where a line elsewhere may
//! have been wrapped wider or not at all); and in a fold at a fixed count (three lines
//! in four, and three or more, of its width, or half of twelve lines or more where half
//! the lines short of it, and three or more, end a sentence; the width is the lines'
//! most common length, within a character), after a line short of it by a fifth that
//! ends a sentence (in the latter, a page, after any such line: a heading too). Not
//! where the break cuts a syllable or a word (a wrap that measures glyphs found no room
//! there), nor before ໆ or closing punctuation, which open no line laid out by hand. At
//! either mode, a break is joined only between two lines that both hold Lao letters:
//! laoclean rejoins Lao prose, and a line of English, code or numbers next to it stays
//! on its own; nor is a break joined before a line that begins with a blank (but for
//! one space after a fold's cut, below), or after one that ends with one (an indented
//! line was laid out by hand, and the spacing stage has taken the trailing blanks of
//! prose away), but for spaces right after a Lao letter ([`wrap_blank`]), which the
//! spacing stage leaves here: they say the break was a space, and the spaces and the
//! break become one space where the lines are joined (`ທາງການ␠⏎ໃນ` → `ທາງການ ໃນ`);
//! where they are not, the spaces go; and but for one space after one Latin word or
//! number right after Lao text, which the spacing stage keeps at a line's end: it says
//! the same (`ຄັ້ງທີ XI␠⏎ຂອງ` → `ຄັ້ງທີ XI ຂອງ`; a bilingual list's lines end with an
//! English phrase). A joined break between two Lao letters is removed (Lao puts no
//! space between words) unless ແລະ or ຫຼື stands beside it; elsewhere (after `, ; : .`,
//! next to digits or Latin) it becomes one space, but for a hyphen after a Lao word and
//! before one (ພະນັກງານ-⏎ລັດຖະກອນ) and two digits after a full line (within a
//! character) of a paragraph folded at a fixed count (a number cut at its width: a
//! narrow column, or a fold as above). (A paragraph wrapped at its spaces and without
//! them loses them at its breaks: that a break was a space cannot be told from the
//! lines' widths alone, see the README; but for a wrap that cut a syllable, above: it
//! counts characters, so where its lines are not as long as each other (a fold's are)
//! it broke a line early only at a space, and a break that cuts no word after a line
//! clearly short of the one it cut, by more than a tenth, becomes one space.) In a
//! paragraph that is rejoined, one space that opens a line is the space between the two
//! lines where a fold cut before it: the line before and this one (unless it is the
//! last) are of the paragraph's widest length (within a tenth), the line before ends no
//! sentence (`. ! ? : …`, before any closing quote or bracket), and fewer than half of
//! the lines open with a space (else it is a margin or indentation laid out by hand);
//! the break and it become one space. Before a combining mark after a Lao letter, a
//! space at a break is a stray one (a mark cannot open a word): the break goes with it,
//! as the character stage joins such a mark on one line. A line break is `\n` or, in a
//! file with Windows line endings, `\r\n`: the two bytes go together, and such a file
//! is rejoined as the same text with `\n` would be.
//!
//! ```
//! use laoclean::{Cleaner, Config, JoinLines};
//! let c = Cleaner::new(Config::default().join_lines(JoinLines::Always));
//! assert_eq!(c.clean("ວາລະ\nສານ"), "ວາລະສານ");
//! assert_eq!(c.clean("- ກ\n- ຂ"), "- ກ\n- ຂ");
//! ```

use super::segment::{Segmenter, Token, TokenKind};
use crate::lao::is_letter;
use crate::JoinLines;

/// A line at least this many characters long, ending in a Lao letter, may be a wrapped
/// line: its break counts in the test of cut words (see the [module docs](self)).
pub const LONG_LINE: usize = 60;

/// A line longer than this (characters) is a paragraph of its own, not a wrapped line:
/// no editor or converter wraps text at such widths.
pub const MAX_WRAP_WIDTH: usize = 1000;

/// The median line length (characters) below which a paragraph is not taken for
/// hard-wrapped prose (headings, addresses and reference lines are short) unless its
/// breaks cut words (a narrow column: see the [module docs](self)).
pub const MIN_WRAP_WIDTH: f64 = 40.0;

/// The median line length (characters) of the narrowest column taken for wrapped text.
pub const MIN_NARROW_WIDTH: f64 = 12.0;

/// A line break to rejoin: its byte range (`\n`, or `\r\n` in a file with Windows line
/// endings, with the spaces before it that [`wrap_blank`] gives) and its replacement
/// ("" or " ").
pub(crate) type Join = (std::ops::Range<usize>, &'static str);

/// What [`plan`] does with the line breaks of a text.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Breaks {
    /// The line breaks to rejoin, in text order.
    pub joins: Vec<Join>,
    /// The spaces that end a line ([`wrap_blank`]) before a break that stays: taken away
    /// ([`Rule::TrailingSpace`](crate::Rule::TrailingSpace)), in text order.
    pub blanks: Vec<std::ops::Range<usize>>,
}

/// The length in bytes of the spaces that end `line` (a line without its line break)
/// right after a Lao letter, 0 if it does not end so.
///
/// The spacing stage leaves such spaces to the word stage where the next line opens
/// with a Lao letter ([`opens_with_lao`]) and lines may be rejoined: a space at the end
/// of a wrapped line says that the break was a space (`fold -s` keeps it there; a
/// narrow column's fold leaves it where the cut falls), which the line's length alone
/// cannot tell. Where [`plan`] rejoins such a line, the spaces and the break become one
/// space; where it does not, the spaces go, as the spacing stage takes away the blanks
/// that end other lines.
pub(crate) fn wrap_blank(line: &str) -> usize {
    let kept = line.trim_end_matches(' ');
    let blank = line.len() - kept.len();
    if blank > 0 && kept.chars().next_back().is_some_and(crate::lao::is_letter) {
        blank
    } else {
        0
    }
}

/// Does `rest` (the text from the end of a line's content) hold a line break and then a
/// line that opens with a Lao letter?
pub(crate) fn opens_with_lao(rest: &str) -> bool {
    let next = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'));
    next.and_then(|l| l.chars().next())
        .is_some_and(crate::lao::is_letter)
}

/// The line breaks to rejoin, and the spaces left at line ends to take away, in text
/// order. `blanks`: the spacing stage ran, and left the spaces of [`wrap_blank`] here.
pub(crate) fn plan(text: &str, mode: JoinLines, seg: &Segmenter, blanks: bool) -> Breaks {
    let mut breaks = Breaks::default();
    if mode == JoinLines::Never || !text.contains('\n') {
        return breaks;
    }
    // Lines with their byte starts, without the `\r` of a `\r\n` ending (its byte is
    // part of the line break), nor the spaces that the spacing stage left at their ends
    // (`wrap_blank`): the line as that stage leaves other lines, which is what the tests
    // of wrapping below measure.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    let mut blank_at: Vec<usize> = Vec::new(); // the length of each line's spaces
    for raw in text.split('\n') {
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        // (After the last line, a `\r` is no line break but a character of the line, as
        // the spacing stage reads it: the spaces before it are no line's end.)
        let last = pos + raw.len() == text.len();
        let blank = if blanks {
            wrap_blank(if last { raw } else { l })
        } else {
            0
        };
        lines.push((pos, &l[..l.len() - blank]));
        blank_at.push(blank);
        pos += raw.len() + 1;
    }
    // Fence lines and the lines inside a fence, by the same markdown rule as the spacing
    // stage and the stream's blocks (a fence closes only with its own character, at
    // least as long): a looser rule here would see other fences when the text is cut
    // into blocks elsewhere, and a second run would join what the first did not.
    let mut open: Option<&str> = None;
    let mut para: Vec<usize> = Vec::new(); // indices of the paragraph's lines
    let mut fences = vec![false; lines.len()];
    for (i, (_, l)) in lines.iter().enumerate() {
        let after = crate::spacing::fence_after(open, l);
        fences[i] = open.is_some() || after.is_some();
        open = after;
    }
    // Inline code that runs over a line break: its breaks are code, never joined.
    let code = if memchr::memchr(b'`', text.as_bytes()).is_some() {
        crate::spacing::paragraph_code(text)
    } else {
        Vec::new()
    };
    let flush = |para: &mut Vec<usize>, out: &mut Vec<Join>| {
        if para.len() >= 2 {
            paragraph(&lines, &blank_at, para, mode, seg, &code, out);
        }
        para.clear();
    };
    let out = &mut breaks.joins;
    // A letter or digit. Lao consonants and leading vowels are letters: they are checked
    // first, as `is_alphanumeric` looks non-ASCII letters up in a slow table.
    let letter = |c: char| {
        crate::lao::is_consonant(c) || crate::lao::is_leading_vowel(c) || c.is_alphanumeric()
    };
    for (i, (_, l)) in lines.iter().enumerate() {
        // A line without a letter or digit (blank, a rule, a lone separator) ends the
        // paragraph.
        // A line that still ends in `\r` (a `\r\r\n` ending, from line endings converted
        // twice) is left as it is: the lone `\r` would be left inside the joined line.
        if !l.chars().any(letter) || fences[i] || l.ends_with('\r') {
            flush(&mut para, out);
            continue;
        }
        para.push(i);
    }
    flush(&mut para, out);
    // The spaces before a break that stays go, but in code (fenced, or inline code that
    // runs over the break), where the spacing stage would have kept them too.
    let mut joined = breaks.joins.iter().map(|(r, _)| r.start).peekable();
    for (i, &(start, l)) in lines.iter().enumerate() {
        let at = start + l.len();
        while joined.next_if(|&j| j < at).is_some() {}
        if blank_at[i] == 0 || fences[i] || joined.peek() == Some(&at) {
            continue;
        }
        if !crate::spacing::covers(&code, at) {
            breaks.blanks.push(at..at + blank_at[i]);
        }
    }
    breaks
}

/// Is this line a markdown structure line, or a list item, that is never joined to its
/// neighbours? List items: `- `, `* `, `+ `, `1. `, `1) `, and as Lao documents number
/// them, one Lao letter or up to three digits (ASCII or Lao) with `.` or `)` after it,
/// or in brackets (`ກ. `, `ຂ) `, `(ຄ)`, `໑. `, `(1)`).
fn structural(line: &str) -> bool {
    // (A zero-width space kept before the item, `--keep-zwsp`, is no text.)
    let t = line.trim_start_matches(|c: char| {
        c.is_whitespace() || c == crate::characters::ZERO_WIDTH_SPACE
    });
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.starts_with('#')
        || t.starts_with('>')
        || t.starts_with('|')
        || (digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")))
        || lao_list_item(t)
}

/// Does `t` begin with a list number as Lao documents write it: one Lao consonant or
/// one to three digits (ASCII or Lao) followed by `.` or `)` and a space, or in
/// brackets (`ກ. `, `ຂ) `, `(ຄ)`, `໑. `, `(12)`)?
fn lao_list_item(t: &str) -> bool {
    let (bracket, rest) = match t.strip_prefix('(') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let label = match rest.chars().next() {
        Some(c) if crate::lao::is_consonant(c) => c.len_utf8(),
        Some(c) if digit(c) => rest
            .char_indices()
            .take_while(|&(_, c)| digit(c))
            .take(4)
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0),
        _ => return false,
    };
    if rest[..label].chars().count() > 3 {
        return false;
    }
    let after = &rest[label..];
    if bracket {
        after.starts_with(')')
    } else {
        after.starts_with(". ") || after.starts_with(") ")
    }
}

/// Does `line` hold a Lao letter?
fn has_lao(line: &str) -> bool {
    line.chars().any(crate::lao::is_letter)
}

/// Do most lines of the paragraph (two thirds, and three lines or more) begin with the
/// same word (text up to the first space)? A list, not wrapped prose.
fn same_first_word(lines: &[(usize, &str)], para: &[usize]) -> bool {
    most_share(lines, para, |l| {
        l.trim_start().split([' ', '\t']).next().unwrap_or("")
    })
}

/// Do most lines of the paragraph (two thirds, and three lines or more) end with the
/// same word (text after the last space)? A list with a unit, not a cut column.
fn same_last_word(lines: &[(usize, &str)], para: &[usize]) -> bool {
    most_share(lines, para, |l| {
        l.trim_end().rsplit([' ', '\t']).next().unwrap_or("")
    })
}

/// Are the paragraph's lines the rows of a table or a list laid out by hand: do most of
/// them (two thirds, and three or more) end in numbers (`… 24%`, `… 12 305`), each
/// with a unit after it or not (`… 305 ລ້ານກີບ`), or begin with one (a year, a row's
/// number: `2019 …`), with no number between (a wrap of prose dense with numbers ends
/// many lines in one, `… ມີ 18 ໂຄງການ`, but has numbers inside its lines too)? A wrap
/// ends or opens a line with a number only as often as the text holds numbers next to
/// its breaks, never line after line.
fn table_rows(lines: &[(usize, &str)], para: &[usize], seg: &Segmenter) -> bool {
    if para.len() < 3 {
        return false;
    }
    let most = |n: usize| n >= 3 && 3 * n >= 2 * para.len();
    let (mut opening, mut ending) = (0, 0);
    for (k, &i) in para.iter().enumerate() {
        let (opens, ends) = row(lines[i].1, seg);
        opening += usize::from(opens);
        ending += usize::from(ends);
        // (Prose stops here: neither count can reach two thirds any more.)
        let left = para.len() - k - 1;
        if !most(opening + left) && !most(ending + left) {
            return false;
        }
    }
    most(opening) || most(ending)
}

/// Whether `line` is a table's row that opens with a number (one that is no list's
/// label, `1.` or `2)`: [`structural`] keeps the breaks before those), and whether it is
/// one that ends in numbers, each with a unit after it or not (and a magnitude before
/// the unit, [`MAGNITUDES`]); either with no other number in the line. (Two words after
/// a number are prose's: `… 744 ກິໂລແມັດ ຂັ້ນ`.)
fn row(line: &str, seg: &Segmenter) -> (bool, bool) {
    // A line that opens inside a syllable was cut there: no row does.
    if line.starts_with(inside_syllable) || !has_digit(line) {
        return (false, false);
    }
    // (A lone `|` separates cells, as a blank does.)
    let words: Vec<&str> = line
        .split([' ', '\t'])
        .filter(|w| !w.is_empty() && *w != "|")
        .collect();
    let opens = words
        .first()
        .is_some_and(|&w| number(w) && !w.ends_with(['.', ')']));
    // The numbers and units that end the line, from its end.
    let mut end = words.len();
    loop {
        let k = match end.checked_sub(1) {
            Some(u) if unit(words[u], seg) => u,
            _ => end,
        };
        // (A magnitude set apart before the unit: `52839 ລ້ານ ກີບ`.)
        let k = match k.checked_sub(1) {
            Some(m) if k < end && MAGNITUDES.contains(&words[m]) => m,
            _ => k,
        };
        match k.checked_sub(1) {
            Some(n) if number(words[n]) => end = n,
            _ => break,
        }
    }
    let between = &words[usize::from(opens).min(end)..end];
    if between.iter().any(|&w| number(w)) {
        return (false, false);
    }
    (opens, end < words.len())
}

/// The words for powers of ten that Lao writes after a number (hundred, thousand, ten
/// thousand, hundred thousand, million, billion): in a table's row, one may stand apart
/// between a number and its unit.
const MAGNITUDES: &[&str] = &["ຮ້ອຍ", "ພັນ", "ໝື່ນ", "ແສນ", "ລ້ານ", "ຕື້"];

/// Does `line` hold a digit, ASCII or Lao (U+0ED0 to U+0ED9: in UTF-8, `E0 BB 90` to
/// `E0 BB 99`)? (Bytes only: most lines of prose hold none, and are no row.)
fn has_digit(line: &str) -> bool {
    let b = line.as_bytes();
    b.iter().any(u8::is_ascii_digit)
        || b.windows(2)
            .any(|w| w[0] == 0xBB && (0x90..=0x99).contains(&w[1]))
}

/// The longest unit after a number in a table's row, in characters (ຫຼັງຄາເຮືອນ,
/// households, is 11): longer, it is a phrase of prose a wrap broke after.
const UNIT_WORD: usize = 12;

/// Can `word` be a unit after a number in a table's row: one or two dictionary words
/// (ລ້ານກີບ, million kip) of Lao letters alone, up to [`UNIT_WORD`], and none of the
/// words Lao sets off by spaces in prose, or two such joined by `/`; or up to four Latin
/// letters, or `%`? (`ໂຄງການ,` or `2025 ແລະ` ends a line of prose wrapped at its
/// spaces; `6 ໂ`, a piece of a word, a line of a column cut at a fixed count.)
fn unit(word: &str, seg: &Segmenter) -> bool {
    // A unit written in Latin letters (`USD`, `kg`, `ha`), or a per cent set apart.
    let latin = (1..=4).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_alphabetic());
    if word == "%" || latin {
        return true;
    }
    // (Units per unit, `ໂຕນ/ເຮັກຕາ`, tonnes a hectare: each side one.)
    word.split('/').all(|part| {
        part.chars().count() <= UNIT_WORD
            && !part.is_empty()
            && part.chars().all(is_letter)
            && !phrase_word(part)
            && {
                let words = seg.tokens(part);
                words.len() <= 2 && words.iter().all(|t| t.kind == TokenKind::Word)
            }
    })
}

/// Is `c` a digit, ASCII or Lao (໐ to ໙)?
fn digit(c: char) -> bool {
    c.is_ascii_digit() || crate::lao::is_digit(c)
}

/// Is `word` one of the words Lao sets off by spaces inside a sentence, ແລະ (and) or ຫຼື
/// (or)? A break beside one was a space, and no unit of a table's row is one.
fn phrase_word(word: &str) -> bool {
    matches!(word, "ແລະ" | "ຫຼື")
}

/// Is `word` a number: digits (ASCII or Lao) with the marks numbers are written with
/// (`1,234`, `12.5%`, `-104`, `2015-2020`, `10/5/2021`, `(24)`), ending in a digit or
/// `%` (a number that ends a sentence or a clause, `2030.`, `18,`, is prose's)?
fn number(word: &str) -> bool {
    let word = word.strip_prefix('(').unwrap_or(word);
    let word = word.strip_prefix(['-', '+', '−']).unwrap_or(word);
    let word = word.strip_suffix(')').unwrap_or(word);
    word.starts_with(digit)
        && word.ends_with(|c| digit(c) || c == '%')
        && word
            .chars()
            .all(|c| digit(c) || matches!(c, ',' | '.' | '%' | '-' | '/' | ':'))
}

/// Do two thirds of the paragraph's lines, and three or more, give the same non-empty
/// `word`?
fn most_share<'a>(
    lines: &[(usize, &'a str)],
    para: &[usize],
    word: impl Fn(&'a str) -> &'a str,
) -> bool {
    if para.len() < 3 {
        return false;
    }
    let mut words: Vec<&str> = para.iter().map(|&i| word(lines[i].1)).collect();
    words.sort_unstable();
    let most = words
        .chunk_by(|a, b| a == b)
        .filter(|run| !run[0].is_empty())
        .map(<[&str]>::len)
        .max()
        .unwrap_or(0);
    3 * most >= 2 * para.len()
}

fn last_char(s: &str) -> Option<char> {
    s.trim_end().chars().next_back()
}

/// Does `line` end a sentence: a full stop, `!`, `?`, `:`, `…` or ຯ, before any closing
/// quotes and brackets (`.”`, `?)`)?
pub(crate) fn ends_sentence(line: &str) -> bool {
    let closers: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '}'];
    let end = line.trim_end().trim_end_matches(closers);
    end.ends_with(['.', '!', '?', ':', '…', 'ຯ'])
}

/// The breaks of one paragraph (`para`: indices into `lines`) to rejoin, pushed to
/// `out`; `blank_at`: the length of the spaces that end each line ([`wrap_blank`]).
fn paragraph(
    lines: &[(usize, &str)],
    blank_at: &[usize],
    para: &[usize],
    mode: JoinLines,
    seg: &Segmenter,
    code: &[std::ops::Range<usize>],
    out: &mut Vec<Join>,
) {
    // A table laid out by hand ([`table_rows`]): its rows keep their breaks, and each run
    // of other lines between them (prose above or below the table, a heading, without a
    // blank line between) is a paragraph of its own. (Such a run holds no row, so it is
    // no table.)
    if mode == JoinLines::Auto && table_rows(lines, para, seg) {
        let is_row = |&i: &usize| {
            let (opens, ends) = row(lines[i].1, seg);
            opens || ends
        };
        for run in para.split(is_row).filter(|run| run.len() >= 2) {
            paragraph(lines, blank_at, run, mode, seg, code, out);
        }
        return;
    }
    // The lines before the last, and their spans sorted (for `even` and the median).
    let body = &para[..para.len() - 1];
    let mut spans: Vec<usize> = body.iter().map(|&i| span(lines[i].1)).collect();
    spans.sort_unstable();
    // A cut inside a syllable says the paragraph was wrapped where most of its lines
    // are at least half as long as the line cut (one such cut above a list of short
    // lines says nothing of them).
    // The lengths in characters of the lines before the last, sorted.
    let lengths = body_lengths(lines, para);
    let widest = lengths.last().copied().unwrap_or(0);
    let cut =
        syllable_cut(lines, para, widest, seg).filter(|&width| 2 * spans[spans.len() / 2] >= width);
    let wrap = match mode {
        JoinLines::Always => Wrap::Wrapped,
        _ => looks_wrapped(lines, para, seg, cut.is_some()),
    };
    if wrap == Wrap::No {
        return;
    }
    // A wrap that cut a syllable counts characters (one that knows Lao never does): it
    // cuts every line at the width (a fold: most lines as long, [`even`]), or it breaks
    // a line at a space, which it takes away, and cuts a run of letters too long for the
    // width where the width ends. In the latter, a break between two Lao words after a
    // line clearly short of the line it cut (by more than a tenth, [`span`]: the
    // character and spacing stages may have changed it) was a space.
    let cut_at = cut.filter(|_| !even(&spans));
    let short = |l: &str| cut_at.is_some_and(|width| 10 * span(l) < 9 * width);
    // The width of a fold at a fixed count, where one cut the paragraph: three lines or
    // more and three in four of them of one length (two lines of one length may be
    // chance), or a narrow column (two in three). Or twelve lines or more and half of
    // them, where half the lines short of that length by a fifth, and three or more, end
    // a sentence: a page of paragraphs without blank lines between them, many of one or
    // two lines, has fewer full lines, and its short lines are paragraphs' last (a wrap
    // at spaces that cuts runs too long for its width, as Python's `textwrap` does,
    // makes as many lines of its width, and short lines that mostly end mid-sentence).
    let folded = fold_width(&lengths);
    // (Not narrower than [`MIN_WRAP_WIDTH`]: there a wrap at spaces of short sentences
    // makes such lines too, outside reviews found.)
    let page = folded.is_some_and(|(width, _)| {
        if (width as f64) < MIN_WRAP_WIDTH || body.len() < 12 {
            return false;
        }
        let short = body
            .iter()
            .map(|&i| lines[i].1)
            .filter(|l| 10 * span(l) < 8 * width);
        let (short, ending) = short.fold((0, 0), |(n, e), l| {
            (n + 1, e + usize::from(ends_sentence(l)))
        });
        ending >= 3 && 2 * ending >= short
    });
    let fold_end = folded
        .filter(|&(_, full)| body.len() >= 3 && (4 * full >= 3 * body.len() || page))
        .map(|(width, _)| width);
    let fold = number_fold(&lengths, wrap == Wrap::NarrowColumn);
    // A fold cut before a space leaves that space at the start of the next line, after
    // a line of the fold's full width. Where half the lines or more open with a space,
    // it is a margin or indentation laid out by hand, not cuts.
    let opened = para
        .iter()
        .filter(|&&i| lines[i].1.starts_with(' '))
        .count();
    let cut_before_spaces = 2 * opened < para.len();
    let full = |l: &str| 10 * l.chars().count() >= 9 * widest;
    // A line that opens with a space after one short of the width was indented by hand:
    // where a paragraph has one, a line that opens so after a full line may be too.
    let indented = para
        .windows(2)
        .any(|w| lines[w[1]].1.starts_with(' ') && !full(lines[w[0]].1));
    // A fold at a fixed count fills every line but a paragraph's last: where it is one
    // (`fold_end`, above), a line clearly short of its width (by a fifth: the character
    // and spacing stages may have changed it) that ends a sentence ended a paragraph; in
    // a page told by its short lines (`page`), any such line (a heading too). (A wrap at
    // spaces that cuts runs too long for its width fills lines too: a line it broke at a
    // space ends mid-sentence more often than not.)
    let short_of_fold = |l: &str| {
        fold_end.is_some_and(|width| 10 * span(l) < 8 * width) && (page || ends_sentence(l))
    };
    for (k, w) in para.windows(2).enumerate() {
        let (a, b) = (lines[w[0]].1, lines[w[1]].1);
        // The line break, where it starts, inside inline code.
        if crate::spacing::covers(code, lines[w[0]].0 + a.len()) {
            continue;
        }
        if structural(b) || a.trim_start().starts_with('#') {
            continue;
        }
        // One space that ends a line after one Latin word or number right after Lao
        // text (which the spacing stage keeps there; after a Lao letter, `wrap_blank`)
        // says the break was a space (`ຄັ້ງທີ XI␠`; a bilingual list's lines end with an
        // English phrase). Other lines that end with a blank stay.
        let spaced_latin = a.ends_with(' ');
        let one_space_after_latin = one_blank(a)
            && !last_char(a).is_some_and(is_letter)
            && !b.starts_with(char::is_whitespace)
            && one_word_after_lao(a);
        if spaced_latin && !one_space_after_latin {
            continue;
        }
        if !has_lao(a) || !has_lao(b) {
            continue;
        }
        let (Some(x), Some(y)) = (last_char(a), b.chars().next()) else {
            continue;
        };
        // A line the next line's first phrase would have fitted on, as wide as the lines
        // on either side of it are, or one short of a fold's width, was ended by hand (a
        // heading, a paragraph's last line): no wrap broke it there. (Unless the break
        // cuts a syllable or a word: a wrap that measures glyphs, not characters, found
        // no room; or the next line opens with what no line laid out by hand opens
        // with, ໆ or closing punctuation.)
        let dip = k > 0 && Room::between(lines[para[k - 1]].1, b).left_for(a, b);
        if mode == JoinLines::Auto
            && (dip || short_of_fold(a))
            && !inside_syllable(y)
            && y != 'ໆ'
            && y != ']'
            && !crate::spacing::closes(y)
            && !cuts_word(a, b, seg)
        {
            continue;
        }
        if spaced_latin {
            out.push((lines[w[0]].0 + a.len() - 1..lines[w[1]].0, " "));
            continue;
        }
        let last_word = a.rsplit(' ').next().unwrap_or("");
        // A mark cannot open a word: a space before one, after a Lao letter, is a stray
        // one, as the character stage reads it on one line.
        let stray_before_mark = |next: &str| {
            next.starts_with(crate::lao::is_mark) && is_letter(x) && !phrase_word(last_word)
        };
        // Text folded at a fixed count cuts before a space too: one space that opens a
        // line is the space between the two lines where a fold cut before it: the line
        // before and this one are of the fold's width (within a tenth: the character
        // stage may have shortened them, ໍາ composed) or this is the last, or one that
        // ended a paragraph of a fold (`short_of_fold`; where no line is `indented`),
        // the line before ends no sentence (a new paragraph indented by hand follows
        // one), and few lines open so (else it is a margin). The break and it become
        // one space, or nothing before a stray mark (no line laid out by hand opens with
        // one).
        let one_space = y == ' ' && b[1..].starts_with(|c: char| !c.is_whitespace());
        if one_space {
            let last = w[1] == para[para.len() - 1];
            let cut = cut_before_spaces
                && full(a)
                && (full(b) || last || (short_of_fold(b) && !indented))
                && !ends_sentence(a);
            let stray = stray_before_mark(&b[1..]);
            if cut || stray {
                let glue = if stray { "" } else { " " };
                out.push((lines[w[0]].0 + a.len()..lines[w[1]].0 + 1, glue));
                continue;
            }
        }
        if y.is_whitespace() {
            continue;
        }
        let first_word = b.split(' ').next().unwrap_or("");
        let inside_word =
            is_letter(x) && is_letter(y) && !phrase_word(last_word) && !phrase_word(first_word);
        // A number cut by a fold (20⏎21): the line before is full ([`number_fold`]). (A
        // blank the fold left at its end, between two numbers, was taken away by the
        // spacing stage and left it short.)
        let inside_number =
            digit(x) && digit(y) && fold.is_some_and(|width| a.chars().count() >= width);
        // A hyphen between two Lao words (ພະນັກງານ-⏎ລັດຖະກອນ) cut after it. (Not before
        // it: a line that opens with one is a list item as Lao documents write them,
        // `-ຮັບຮອງ`.)
        let before_x = a.trim_end().chars().rev().nth(1);
        let hyphen = x == '-' && before_x.is_some_and(is_letter) && is_letter(y);
        // Spaces that ended the line say the break was a space (`fold -s`), but before
        // a stray mark (see above).
        let spaced = blank_at[w[0]] > 0 && !stray_before_mark(b);
        let short_of_width = short(a) && !inside_syllable(y) && !cuts_word(a, b, seg);
        let glue = if (inside_word || inside_number || hyphen) && !spaced && !short_of_width {
            ""
        } else {
            " "
        };
        // The break runs from the end of the line (its spaces and `\r`, if any) to the
        // next line.
        out.push((lines[w[0]].0 + a.len()..lines[w[1]].0, glue));
    }
}

/// Does `line` end with one word without Lao letters (and a blank) after a word with
/// them (`… ຄັ້ງທີ XI `, `… ພະຍາດ COVID-19 `)?
fn one_word_after_lao(line: &str) -> bool {
    let mut words = line.split_whitespace().rev();
    let last = words.next().unwrap_or("");
    !has_lao(last) && words.next().is_some_and(has_lao)
}

/// Does `line` end with exactly one space after something else (two or more are a
/// markdown hard break, or a layout)?
fn one_blank(line: &str) -> bool {
    line.ends_with(' ') && !line[..line.len() - 1].ends_with(char::is_whitespace)
}

/// The width a wrap filled lines to, counted two ways: in characters (a fold counts
/// them) and in columns (an editor's display: combining marks take none).
#[derive(Clone, Copy, Debug)]
struct Room {
    chars: usize,
    columns: usize,
}

impl Room {
    /// The width a line between `before` and `after` was wrapped at, if at all: the
    /// shorter of the two. Not the paragraph's widest line: a line wrapped wider, or not
    /// at all, elsewhere in it (a page of paragraphs without blank lines, text around a
    /// figure) says nothing of this one's width; the lines beside a line are of its own
    /// paragraph, but for a paragraph's first and last.
    fn between(before: &str, after: &str) -> Room {
        Room {
            chars: before.chars().count().min(after.chars().count()),
            columns: columns(before).min(columns(after)),
        }
    }

    /// Would the first phrase of `b` (up to its first space between two Lao letters)
    /// have fitted at the end of `a`, after a space, within nine tenths of the width by
    /// both counts? A wrap of any kind (at spaces, between words, at a count) fills a
    /// line with what fits, so it did not end `a`: the line was ended by hand. (Spaces
    /// beside punctuation, digits or Latin may be the spacing stage's, which no wrap
    /// saw: the phrase runs on over them.)
    fn left_for(self, a: &str, b: &str) -> bool {
        let run = first_phrase(b);
        let fits = |count: fn(&str) -> usize, width: usize| {
            10 * (count(a.trim_end()) + 1 + count(run)) <= 9 * width
        };
        fits(|s| s.chars().count(), self.chars) && fits(columns, self.columns)
    }
}

/// The first phrase of `line`: up to its first space between two Lao letters. (Spaces
/// beside punctuation, digits or Latin may be the spacing stage's, which no wrap saw: the
/// phrase runs on over them.)
fn first_phrase(line: &str) -> &str {
    let line = line.trim_start();
    let mut before = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after = chars.peek().map(|&(_, c)| c);
        if c == ' ' && before.is_some_and(is_letter) && after.is_some_and(is_letter) {
            return &line[..i];
        }
        before = Some(c);
    }
    line
}

/// The columns `line` takes on a display: its characters but the combining marks.
fn columns(line: &str) -> usize {
    line.chars().filter(|&c| !crate::lao::is_mark(c)).count()
}

/// Does a line of the paragraph open inside a syllable (with a mark or a following
/// vowel after a Lao letter) after a line of the paragraph's width (within a tenth,
/// [`span`]) that ends in a piece of a word (syllables no word covers), where joining
/// them mends a word ([`mends_a_word`])? A wrap cut it there, where the width ran out:
/// `ການນ⏎ຳພາ`. A line may open so in text laid out by hand too, where OCR lost its
/// first consonant or a mark strayed (`ລາວ⏎ະນະປະຈຳພັກ`), but then the line before
/// mostly ends in a whole word, and this says nothing of the paragraph.
/// Returns the shortest such line's [`span`], the wrap's width.
fn syllable_cut(
    lines: &[(usize, &str)],
    para: &[usize],
    widest: usize,
    seg: &Segmenter,
) -> Option<usize> {
    para.windows(2)
        .filter_map(|w| {
            let (a, b) = (lines[w[0]].1, lines[w[1]].1);
            if !(last_char(a).is_some_and(is_letter)
                && b.chars().next().is_some_and(inside_syllable)
                && 10 * span(a) >= 9 * widest)
            {
                return None;
            }
            let (tail, head) = letters_around(a, b);
            let piece = seg
                .tokens(&tail)
                .last()
                .is_some_and(|t| t.kind != TokenKind::Word);
            (piece && mends_a_word(&tail, &head, seg)).then(|| span(a))
        })
        .min()
}

/// Does joining the letters `tail` and `head` across a cut inside a syllable mend a
/// word: `head` holds a consonant (a line of a vowel alone is debris), and the joined
/// letters read a dictionary word across the cut right after a dictionary word or from
/// the start? After a word the dictionary lacks (a name, an abbreviation, a misspelt
/// word: `ໂຄວິດ⏎ັດຕັ້ງ`, where OCR lost the next line's first consonant), the reading
/// across is chance.
fn mends_a_word(tail: &str, head: &str, seg: &Segmenter) -> bool {
    let word = |t: &Token| t.kind == TokenKind::Word;
    head.chars().any(crate::lao::is_consonant)
        && across_the_cut(tail, head, seg)
            .is_some_and(|(tokens, i)| word(&tokens[i]) && (i == 0 || word(&tokens[i - 1])))
}

/// Are most of these lines (half, and two or more) as long as each other, give or take a
/// character? `spans`: their [`span`]s, sorted. Lines folded at a fixed count are; lines
/// wrapped at spaces are not.
fn even(spans: &[usize]) -> bool {
    // The most spans within one of each other (a window of width 2 over the sorted
    // spans, in one pass).
    let (mut most, mut from) = (0, 0);
    for (to, &s) in spans.iter().enumerate() {
        while spans[from] + 2 < s {
            from += 1;
        }
        most = most.max(to + 1 - from);
    }
    most >= 2 && 2 * most >= spans.len()
}

/// The lengths in characters of the paragraph's lines before its last, sorted.
fn body_lengths(lines: &[(usize, &str)], para: &[usize]) -> Vec<usize> {
    let mut lengths: Vec<usize> = para[..para.len().saturating_sub(1)]
        .iter()
        .map(|&i| lines[i].1.chars().count())
        .collect();
    lengths.sort_unstable();
    lengths
}

/// The length of `line` in characters as a wrap may have counted them: each ຳ as the
/// two characters ໍ າ that the character stage may have composed.
fn span(line: &str) -> usize {
    line.chars().count() + line.matches('ຳ').count()
}

/// Can `c` not open a syllable: a combining mark or a following vowel (ະ າ ຳ ຽ)? A line
/// break before one after a Lao letter cuts a syllable. (Not ໆ: text that writes
/// `ຕ່າງ ໆ` with a space may be wrapped before it by a wrap that knows Lao words.)
fn inside_syllable(c: char) -> bool {
    crate::lao::is_mark(c) || crate::lao::is_following_vowel(c)
}

/// The width of a paragraph folded at a fixed count of characters, and how many of its
/// lines before the last are full: the most common length of those lines, where two
/// thirds of them (half, of twelve lines or more) are within one character of it (the
/// character and spacing stages may have made a line a character shorter, ໍາ composed,
/// or longer, a space after a comma) and hardly any (one in ten) longer still, as a fold
/// makes none. `lens`: the lengths of those lines, sorted ([`body_lengths`]).
fn fold_width(lens: &[usize]) -> Option<(usize, usize)> {
    if lens.len() < 2 {
        return None; // one line is of its own width
    }
    // The most common length (the longest of equally common ones).
    let (mut width, mut most, mut run) = (0, 0, 0);
    for (k, &len) in lens.iter().enumerate() {
        run = if k > 0 && lens[k - 1] == len {
            run + 1
        } else {
            1
        };
        if run >= most {
            (width, most) = (len, run);
        }
    }
    let near = |len: usize| len + 1 >= width && len <= width + 1;
    let full = lens.iter().filter(|&&len| near(len)).count();
    let longer = lens.iter().filter(|&&len| len > width + 1).count();
    let n = lens.len();
    let many = 3 * full >= 2 * n || (n >= 12 && 2 * full >= n);
    (many && 10 * longer <= n).then_some((width, full))
}

/// The width at which a fold cut numbers (`20⏎21`): the longest line before the last,
/// where two thirds of those lines in a narrow column, or three in four and three or
/// more elsewhere, are exactly as long. Exactly, not within a character as
/// [`fold_width`] counts: the rows of a table or a list whose lines are nearly as long
/// as each other are no fold, and gluing their numbers would corrupt them (an outside
/// review). `lens`: the lengths of those lines, sorted ([`body_lengths`]).
fn number_fold(lens: &[usize], narrow: bool) -> Option<usize> {
    if lens.len() < 2 {
        return None;
    }
    let width = *lens.last()?;
    let full = lens.iter().rev().take_while(|&&len| len == width).count();
    let n = lens.len();
    let enough = match narrow {
        true => 3 * full >= 2 * n,
        false => n >= 3 && 4 * full >= 3 * n,
    };
    enough.then_some(width)
}

/// How a paragraph looks: not wrapped, wrapped prose, or a narrow column cut at its
/// width (see the [module docs](self)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wrap {
    No,
    Wrapped,
    NarrowColumn,
}

/// `syllable_cut`: a line of the paragraph was cut inside a syllable ([`syllable_cut`]).
fn looks_wrapped(
    lines: &[(usize, &str)],
    para: &[usize],
    seg: &Segmenter,
    syllable_cut: bool,
) -> Wrap {
    if same_first_word(lines, para) {
        return Wrap::No;
    }
    // Long lines cut inside dictionary words: at least half of the breaks between Lao
    // letters after a long line. (One such break alone is no sign: in a file of one
    // paragraph a line, the last syllable of a line and the first of the next make a
    // word often enough.)
    let (mut long, mut cut) = (0usize, 0usize);
    for w in para.windows(2) {
        let (a, b) = (lines[w[0]].1, lines[w[1]].1);
        let between_letters =
            last_char(a).is_some_and(is_letter) && b.chars().next().is_some_and(is_letter);
        let width = a.chars().count();
        if between_letters && (LONG_LINE..=MAX_WRAP_WIDTH).contains(&width) && !structural(b) {
            long += 1;
            cut += usize::from(cuts_word(a, b, seg));
        }
    }
    if (cut > 0 && 2 * cut >= long) || (syllable_cut && para.len() < 3) {
        return Wrap::Wrapped;
    }
    if para.len() < 3 {
        return Wrap::No;
    }
    let body = &para[..para.len() - 1];
    let mut lens: Vec<usize> = body.iter().map(|&i| lines[i].1.chars().count()).collect();
    let mid_sentence = body
        .iter()
        .filter(|&&i| last_char(lines[i].1).is_some_and(|c| is_letter(c) || c.is_alphanumeric()))
        .count();
    lens.sort_unstable();
    let median = lens[lens.len() / 2] as f64;
    let even = lens
        .iter()
        .filter(|&&l| (l as f64 - median).abs() <= median / 4.0)
        .count();
    let even = 3 * even >= 2 * body.len();
    if even && (MIN_NARROW_WIDTH..MIN_WRAP_WIDTH).contains(&median) {
        return match narrow_column(lines, para, seg) {
            true => Wrap::NarrowColumn,
            false if syllable_cut => Wrap::Wrapped,
            false => Wrap::No,
        };
    }
    match syllable_cut
        || (3 * mid_sentence >= 2 * body.len()
            && even
            && median >= MIN_WRAP_WIDTH
            && median <= MAX_WRAP_WIDTH as f64)
    {
        true => Wrap::Wrapped,
        false => Wrap::No,
    }
}

/// Is a paragraph of even lines narrower than [`MIN_WRAP_WIDTH`] a narrow column cut
/// at its width (a newspaper's, text folded at a fixed count)? At least two of its
/// breaks between Lao letters, and a third of them, cut a dictionary word and leave a
/// piece of one on either side (ບໍລິຫານງ|ານ: not ບ້ານ|ເມືອງ, two whole words that a
/// list of places, each line ending in ບ້ານ and the next beginning with ເມືອງ, makes
/// at every break). Lines this short that end in whole words are a poem, a list or a
/// form, and stay; so are lines that mostly end in the same word (a unit, a list's).
fn narrow_column(lines: &[(usize, &str)], para: &[usize], seg: &Segmenter) -> bool {
    let (mut between, mut cut) = (0usize, 0usize);
    for w in para.windows(2) {
        let (a, b) = (lines[w[0]].1, lines[w[1]].1);
        if last_char(a).is_some_and(is_letter) && b.chars().next().is_some_and(is_letter) {
            between += 1;
            let (tail, head) = letters_around(a, b);
            cut +=
                usize::from(cuts_between(&tail, &head, seg) && leaves_a_piece(&tail, &head, seg));
        }
    }
    cut >= 2 && 3 * cut >= between && !same_last_word(lines, para)
}

/// Does a break between the letters `tail` and `head` leave a piece of a word on either
/// side: `tail` ends, or `head` begins, with syllables no word covers?
fn leaves_a_piece(tail: &str, head: &str, seg: &Segmenter) -> bool {
    let piece = |t: Option<&super::segment::Token>| t.is_some_and(|t| t.kind != TokenKind::Word);
    piece(seg.tokens(tail).last()) || piece(seg.tokens(head).first())
}

/// The Lao letters before the break between `a` and `b` and after it (up to 24 each).
fn letters_around(a: &str, b: &str) -> (String, String) {
    let tail: String = {
        let t = a.trim_end();
        let start = t
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_letter(c))
            .take(24)
            .last()
            .map_or(t.len(), |(i, _)| i);
        t[start..].to_string()
    };
    let head: String = b.chars().take_while(|&c| is_letter(c)).take(24).collect();
    (tail, head)
}

/// Does the break between `a` and `b` cut a word of the dictionary?
fn cuts_word(a: &str, b: &str, seg: &Segmenter) -> bool {
    let (tail, head) = letters_around(a, b);
    cuts_between(&tail, &head, seg)
}

/// Does a word of the dictionary run across a break between the letters `tail` and
/// `head`?
fn cuts_between(tail: &str, head: &str, seg: &Segmenter) -> bool {
    across_the_cut(tail, head, seg).is_some_and(|(tokens, i)| tokens[i].kind == TokenKind::Word)
}

/// The best segmentation of the letters `tail` and `head` joined, and the index of its
/// token that runs across the cut between them, if one does.
fn across_the_cut(tail: &str, head: &str, seg: &Segmenter) -> Option<(Vec<Token>, usize)> {
    if tail.is_empty() || head.is_empty() {
        return None;
    }
    let cut = tail.len();
    let tokens = seg.tokens(&format!("{tail}{head}"));
    let i = tokens
        .iter()
        .position(|t| t.span.start < cut && t.span.end > cut)?;
    Some((tokens, i))
}

#[cfg(test)]
mod tests {
    use super::{opens_with_lao, plan, wrap_blank, Breaks, Room};
    use crate::words::Segmenter;
    use crate::JoinLines;

    #[test]
    fn a_wrap_blank_is_spaces_alone_right_after_a_lao_letter() {
        assert_eq!(wrap_blank("ປະເທດ "), 1);
        assert_eq!(wrap_blank("ປະເທດລາວ  "), 2);
        assert_eq!(wrap_blank("ປະເທດ"), 0);
        for other in [
            "ປະເທດ, ",
            "ປະເທດ 2 ",
            "ປະເທດ\t ",
            "ປະເທດ\u{a0} ",
            "Laos ",
            "  ",
        ] {
            assert_eq!(wrap_blank(other), 0, "{other:?}");
        }
        assert!(opens_with_lao("\nລາວ"));
        assert!(opens_with_lao("\r\nລາວ"));
        for other in ["", "\n", "\n ລາວ", "\n2 ລາວ", "ລາວ", "\r\r\nລາວ"] {
            assert!(!opens_with_lao(other), "{other:?}");
        }
    }

    #[test]
    fn room_is_left_for_the_next_phrase_up_to_a_space_between_lao_letters() {
        let room = Room {
            chars: 40,
            columns: 40,
        };
        // 18 characters, 15 columns; with the phrase, 18 + 1 + 12 = 31 characters and
        // 15 + 1 + 11 = 27 columns: within 36.
        let line = "ກອງປະຊຸມໃຫຍ່ຂອງພັກ";
        assert!(room.left_for(line, "ເມືອງໄຊເສດຖາ ແລະ ເມືອງສີສັດຕະນາກ"));
        // The phrase runs on over spaces beside digits and punctuation (the spacing
        // stage may have put them in): 18 + 1 + 26 characters > 36.
        assert!(!room.left_for(line, "ບ້ານ 25 ແຫ່ງ, ເມືອງໄຊເສດຖາ"));
        // Nor is there room for a line with no space.
        assert!(!room.left_for(line, "ເມືອງໄຊເສດຖາເມືອງສີສັດຕະນາກ"));
        // Both counts must leave room (18 + 1 + 5 characters > 21.6).
        let narrow = Room {
            chars: 24,
            columns: 40,
        };
        assert!(!narrow.left_for(line, "ເມືອງ ແລະ"));
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // byte ranges, not the numbers in them
    fn a_break_after_a_wrap_blank_is_joined_as_one_space_or_the_blank_goes() {
        let seg = Segmenter::default();
        // Joined: the spaces and the break become one space, inside a word or not.
        let Breaks { joins, blanks } = plan("ວາລະ  \nສານ", JoinLines::Always, &seg, true);
        assert_eq!((joins, blanks), (vec![(12..15, " ")], vec![]));
        // Without the spacing stage, spaces at a line's end were laid out by hand: the
        // break stays, and so do they.
        assert_eq!(
            plan("ວາລະ  \nສານ", JoinLines::Always, &seg, false),
            Breaks::default()
        );
        // Not joined (a list item follows): the spaces alone go.
        let Breaks { joins, blanks } = plan("ວາລະ \n- ສານ", JoinLines::Always, &seg, true);
        assert_eq!((joins, blanks), (vec![], vec![12..13]));
        // Never joining, laoclean leaves all spaces to the spacing stage.
        assert_eq!(
            plan("ວາລະ \nສານ", JoinLines::Never, &seg, true),
            Breaks::default()
        );
    }
}
