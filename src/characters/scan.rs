//! The Lao rules: one left-to-right scan over the bytes with a fast path that only keeps
//! a little state per cluster, and careful slow paths ([`Scan::unit`]) that rebuild a
//! cluster, a number or a Thai run when the fast path sees something to fix.
//!
//! UTF-8 makes the fast path cheap: ASCII is one byte below 0x80, and every Lao code
//! point is three bytes `E0 BA xx` (U+0E80–U+0EBF) or `E0 BB xx` (U+0EC0–U+0EFF), so the
//! Lao table index is `(second byte & 1) << 6 | (third byte & 0x3F)`. Thai is `E0 B8 xx`
//! and `E0 B9 xx`.

use super::automaton::{
    row, ASCII_SYMBOLS, LAO_SYMBOLS, NEW_CLUSTER, NONE, SLOW, SLOW_CLUSTER, SLOW_ORPHAN,
    TRANSITIONS,
};
use super::prepare::needs_prepare;
use super::tables::{
    format_character, is_thai, is_thai_digit, key_class, lao_info_of, mark_key, thai_lookalike,
    FormatAction, Kind,
};
use crate::edit::{Edit, Rewriter};
use crate::lao::{self, MarkClass, Script};
use crate::{Config, Digits, Rule};
use std::borrow::Cow;
use unicode_normalization::char::canonical_combining_class;

/// The scanner met a character the preparation passes must see first.
pub(super) struct NeedsPrepare;

/// The output of the scan: text, edits and suggestions in the scan's input offsets.
pub(super) struct Output<'t> {
    pub text: Cow<'t, str>,
    pub edits: Vec<Edit>,
    pub suggestions: Vec<Edit>,
}

/// A maximal run of Thai letters and marks (digits excluded), and whether it is read
/// as Lao: every character has a Lao look-alike and a Lao letter or mark stands right
/// before or right after it.
#[derive(Clone, Copy, Default)]
struct ThaiRun {
    start: usize,
    end: usize,
    mapped: bool,
    /// Its marks are in NFC order.
    nfc_ok: bool,
}

/// Which rules changed a cluster; the edit names the most specific one.
#[derive(Default, Clone, Copy)]
struct Applied {
    thai: bool,
    am: bool,
    double_e: bool,
    ho: bool,
    duplicate: bool,
    joined: bool,
}

impl Applied {
    fn rule(self) -> Rule {
        if self.am {
            Rule::AmCompose
        } else if self.double_e {
            Rule::DoubleE
        } else if self.ho {
            Rule::HoCluster
        } else if self.thai {
            Rule::ThaiLookalike
        } else if self.duplicate {
            Rule::DuplicateMark
        } else if self.joined {
            Rule::OrphanMark
        } else {
            Rule::MarkOrder
        }
    }

    fn confidence(self) -> f32 {
        if self.joined {
            JOIN_CONFIDENCE
        } else {
            1.0
        }
    }
}

/// Confidence of rejoining marks separated from their cluster by one space.
const JOIN_CONFIDENCE: f32 = 0.9;
/// Confidence of the suggestions (orphan marks, two different marks of one class).
const SUGGESTION_CONFIDENCE: f32 = 0.3;

/// What a cluster already holds of one mark class.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    Empty,
    One(char),
    Several,
}

impl Held {
    fn add(&mut self, m: char) -> bool {
        match *self {
            Held::Empty => {
                *self = Held::One(m);
                true
            }
            Held::One(x) if x == m => true,
            _ => {
                *self = Held::Several;
                false
            }
        }
    }
}

fn class_index(c: char) -> usize {
    match lao::mark_class(c) {
        Some(MarkClass::Subscript) => 0,
        Some(MarkClass::Vowel) => 1,
        Some(MarkClass::Tone) => 2,
        _ => 3,
    }
}

pub(super) struct Scan<'t, 'c> {
    text: &'t str,
    bytes: &'t [u8],
    cfg: &'c Config,
    w: Rewriter<'t>,
    record: bool,
    prepared: bool,
    suggestions: Vec<Edit>,
    marks: Vec<char>,
    buf: String,
    thai: ThaiRun,
    /// The last run of numbers looked at (see [`Scan::number_in_lao_text`]): where it
    /// stands, and whether it is in Lao text.
    numbers: (std::ops::Range<usize>, bool),
}

/// Runs the Lao rules over `text`. Unless `prepared`, stops with [`NeedsPrepare`] at the
/// first character the preparation passes would change or must look at.
pub(super) fn run<'t>(
    text: &'t str,
    cfg: &Config,
    record: bool,
    prepared: bool,
) -> Result<Output<'t>, NeedsPrepare> {
    let mut s = Scan {
        text,
        bytes: text.as_bytes(),
        cfg,
        w: Rewriter::new(text, record),
        record,
        prepared,
        suggestions: Vec::new(),
        marks: Vec::new(),
        buf: String::new(),
        thai: ThaiRun::default(),
        numbers: (0..0, false),
    };
    s.fast()?;
    let (text, edits) = s.w.finish();
    Ok(Output {
        text,
        edits,
        suggestions: s.suggestions,
    })
}

impl Scan<'_, '_> {
    /// The fast path: runs the [`automaton`](super::automaton) over the text and hands
    /// over to [`Scan::slow`] at the first sign of something to change.
    fn fast(&mut self) -> Result<(), NeedsPrepare> {
        let bytes = self.bytes;
        let n = bytes.len();
        let ascii = &ASCII_SYMBOLS[(self.cfg.digits == Digits::Lao) as usize];
        let lao = &LAO_SYMBOLS[(self.cfg.digits == Digits::Ascii) as usize];

        let mut i = 0;
        let mut state = NONE;
        // Where the open cluster starts (its leading vowels included); after
        // `cluster + ' '` still that cluster's start.
        let mut cl_start = 0;
        while i < n {
            let b = bytes[i];
            let (sym, len) = if b < 0x80 {
                (ascii[b as usize], 1)
            } else if b == 0xE0 && (bytes[i + 1] == 0xBA || bytes[i + 1] == 0xBB) {
                let index = (((bytes[i + 1] & 1) as usize) << 6) | (bytes[i + 2] & 0x3F) as usize;
                (lao[index], 3)
            } else {
                // Thai or another script: rare in Lao text, handled apart.
                i = self.other(i, state, cl_start)?;
                state = NONE;
                continue;
            };
            let t = TRANSITIONS[row(state) + sym as usize];
            if t & SLOW != 0 {
                let start = match t {
                    SLOW_CLUSTER => cl_start,
                    SLOW_ORPHAN => i,
                    _ => self.token_start(i),
                };
                i = self.slow(start, i + len);
                state = NONE;
                continue;
            }
            if t & NEW_CLUSTER != 0 {
                cl_start = i;
            }
            state = t & 0x0F;
            i += len;
        }
        Ok(())
    }

    /// A character that is neither ASCII nor Lao at `i`, met in `state`: a Thai run
    /// (made Lao or skipped), a Thai digit, or another script (skipped, unless the
    /// preparation passes must see it). Returns where the fast path goes on.
    fn other(&mut self, i: usize, state: u8, cl_start: usize) -> Result<usize, NeedsPrepare> {
        let c = self.text[i..].chars().next().unwrap_or_default();
        let len = c.len_utf8();
        if !is_thai(c) {
            if !self.prepared && needs_prepare(c, self.cfg) {
                return Err(NeedsPrepare);
            }
            return Ok(i + len);
        }
        if is_thai_digit(c) {
            return Ok(if self.cfg.thai_lookalikes {
                let start = self.token_start(i);
                self.slow(start, i + len)
            } else {
                i + len
            });
        }
        let run = self.thai_run(i);
        if !run.nfc_ok && !self.prepared {
            return Err(NeedsPrepare);
        }
        if !run.mapped {
            return Ok(run.end.max(i + len));
        }
        // A Thai look-alike read as Lao may belong to the open cluster.
        let start = if state == NONE { i } else { cl_start };
        Ok(self.slow(start, run.end))
    }

    /// Processes whole units from `start` until at least `min_end`; returns where it
    /// stopped.
    fn slow(&mut self, start: usize, min_end: usize) -> usize {
        debug_assert!(start >= self.w.position());
        let mut pos = start;
        while pos < min_end.min(self.bytes.len()) {
            pos = self.unit(pos);
        }
        pos
    }

    /// The character at `pos` as the rules read it (a Thai look-alike in a Lao run is
    /// the Lao character), where the next one starts, and whether it was Thai.
    fn read(&mut self, pos: usize) -> Option<(char, usize, bool)> {
        let c = self.text.get(pos..)?.chars().next()?;
        if is_thai(c) && !is_thai_digit(c) && self.cfg.thai_lookalikes {
            if let Some(l) = thai_lookalike(c) {
                if self.thai_run(pos).mapped {
                    return Some((l, pos + c.len_utf8(), true));
                }
            }
        }
        Some((c, pos + c.len_utf8(), false))
    }

    /// One unit at `pos`: a cluster, orphan marks, a number, a Thai run or one character.
    fn unit(&mut self, pos: usize) -> usize {
        let Some((c, next, from_thai)) = self.read(pos) else {
            return self.bytes.len();
        };
        if c.is_ascii_digit() || lao::is_digit(c) || is_thai_digit(c) {
            return self.number(pos);
        }
        if lao::is_lao(c) {
            match lao_info_of(c).kind {
                Kind::Consonant | Kind::Ho | Kind::HoPartner | Kind::Lead | Kind::LeadE => {
                    return self.cluster(pos)
                }
                Kind::Mark | Kind::Niggahita => return self.orphan(pos),
                _ => {
                    if from_thai {
                        let mut tmp = [0u8; 4];
                        let r = c.encode_utf8(&mut tmp);
                        self.w.replace(pos..next, r, Rule::ThaiLookalike, 1.0);
                    }
                    return next;
                }
            }
        }
        if is_thai(c) {
            return self.thai_run(pos).end.max(next);
        }
        next
    }

    /// A cluster: leading vowels, consonant (ຫນ ຫມ ຫລ folded), marks, ຳ (or ໍ … າ) and
    /// tone marks typed after it, and marks cut off by one space when they fit.
    fn cluster(&mut self, start: usize) -> usize {
        let mut applied = Applied::default();
        let mut buf = std::mem::take(&mut self.buf);
        let mut marks = std::mem::take(&mut self.marks);
        buf.clear();
        marks.clear();

        // Leading vowels; ເເ is ແ.
        let mut p = start;
        let mut prev_e = false;
        while let Some((c, next, thai)) = self.read(p) {
            if !lao::is_leading_vowel(c) {
                break;
            }
            applied.thai |= thai;
            if c == lao::SIGN_E && prev_e {
                buf.pop();
                buf.push(lao::SIGN_EI);
                applied.double_e = true;
                prev_e = false;
            } else {
                buf.push(c);
                prev_e = c == lao::SIGN_E;
            }
            p = next;
        }

        let mut am = false;
        let mut held = [Held::Empty; 4];
        if let Some((base, next, _)) = self.read(p).filter(|r| lao::is_consonant(r.0)) {
            p = next;
            let mut base = base;
            if base == 'ຫ' && self.cfg.fold_ho_clusters {
                if let Some((partner, next, _)) = self.read(p) {
                    let folded = match partner {
                        'ນ' => Some('ໜ'),
                        'ມ' => Some('ໝ'),
                        'ລ' => {
                            marks.push(lao::SUBSCRIPT_LO);
                            held[0].add(lao::SUBSCRIPT_LO);
                            Some('ຫ')
                        }
                        _ => None,
                    };
                    if let Some(f) = folded {
                        base = f;
                        applied.ho = true;
                        p = next;
                    }
                }
            }
            buf.push(base);

            let mut nig = false;
            loop {
                while let Some((m, next, thai)) = self.read(p) {
                    // After ຳ only a tone joins (ນຳ້ → ນ້ຳ): ຳ is the cluster's vowel,
                    // so a vowel sign after it has lost its own consonant (ຄຳັນ for
                    // ຄຳພັນ) and stays where it is, an orphan.
                    if !lao::is_mark(m) || (am && !lao::is_tone_mark(m)) {
                        break;
                    }
                    applied.thai |= thai;
                    nig |= m == lao::NIGGAHITA;
                    held[class_index(m)].add(m);
                    marks.push(m);
                    p = next;
                }
                if am {
                    break;
                }
                if let Some((c, next, thai)) = self.read(p) {
                    if (c == lao::SIGN_AA && nig) || c == lao::SIGN_AM {
                        if c == lao::SIGN_AA {
                            marks.retain(|&m| m != lao::NIGGAHITA);
                            applied.am = true;
                        }
                        applied.thai |= thai;
                        am = true;
                        p = next;
                        continue;
                    }
                }
                if let Some(after) = self.skip_spaces(p) {
                    if let Some(end) = self.try_join(after, &mut held, &mut marks, &mut applied) {
                        nig = marks.contains(&lao::NIGGAHITA);
                        applied.joined = true;
                        p = end;
                        continue;
                    }
                }
                break;
            }
        }

        // Canonical order, each mark once.
        let before = marks.len();
        marks.sort_unstable_by_key(|&m| mark_key(m));
        marks.dedup();
        applied.duplicate |= marks.len() < before;
        let head = buf.len();
        buf.extend(marks.iter());
        if am {
            buf.push(lao::SIGN_AM);
        }

        if self.record {
            self.suggest_one_of_a_class(start, p, &buf[..head], &marks, am);
        }
        self.w
            .replace(start..p, &buf, applied.rule(), applied.confidence());
        self.buf = buf;
        self.marks = marks;
        p
    }

    /// The end of the run of spaces at `p` (plain spaces and the Unicode spaces this stage
    /// makes plain), if there is one. A run of any length: the spacing stage would
    /// otherwise shorten it to one space, and a second run would then rejoin the marks.
    fn skip_spaces(&self, p: usize) -> Option<usize> {
        let end = p + self.text[p..]
            .char_indices()
            .find(|&(_, c)| {
                c != ' ' && !matches!(format_character(c), Some((FormatAction::Space, _)))
            })
            .map_or(self.text.len() - p, |(k, _)| k);
        (end > p).then_some(end)
    }

    /// After `cluster + ' '`, the marks at `at` rejoin the cluster when each is of a
    /// class the cluster does not hold yet, or is the very mark it holds (then it is a
    /// duplicate and goes). Returns the end of those marks if they rejoin.
    fn try_join(
        &mut self,
        at: usize,
        held: &mut [Held; 4],
        marks: &mut Vec<char>,
        applied: &mut Applied,
    ) -> Option<usize> {
        let mut trial = *held;
        let mut p = at;
        let mut thai = false;
        let first = marks.len();
        while let Some((m, next, t)) = self.read(p) {
            if !lao::is_mark(m) {
                break;
            }
            if !trial[class_index(m)].add(m) {
                marks.truncate(first);
                return None;
            }
            thai |= t;
            marks.push(m);
            p = next;
        }
        if p == at {
            return None;
        }
        *held = trial;
        applied.thai |= thai;
        Some(p)
    }

    /// Two different marks of one class on a cluster (two tones, two vowels) are kept,
    /// in canonical order, and reported: one of them is surely wrong, but which one only
    /// a reader knows. ໍ and ຺ with another vowel are Pali spellings and not reported.
    fn suggest_one_of_a_class(
        &mut self,
        start: usize,
        end: usize,
        head: &str,
        marks: &[char],
        am: bool,
    ) {
        let Some(k) = marks.windows(2).position(|w| {
            key_class(mark_key(w[0])) == key_class(mark_key(w[1]))
                && ![w[0], w[1]]
                    .iter()
                    .any(|&m| m == lao::NIGGAHITA || m == '\u{0EBA}')
        }) else {
            return;
        };
        let class = key_class(mark_key(marks[k]));
        let same: Vec<char> = marks
            .iter()
            .copied()
            .filter(|&m| key_class(mark_key(m)) == class)
            .collect();
        let reading = |keep: char| -> String {
            let mut s = String::from(head);
            s.extend(
                marks
                    .iter()
                    .filter(|&&m| key_class(mark_key(m)) != class || m == keep),
            );
            if am {
                s.push(lao::SIGN_AM);
            }
            s
        };
        self.suggestions.push(Edit {
            start,
            end,
            original: self.text[start..end].to_string(),
            replacement: reading(same[0]),
            rule: Rule::DuplicateMark,
            confidence: SUGGESTION_CONFIDENCE,
            alternatives: same[1..].iter().map(|&m| reading(m)).collect(),
        });
    }

    /// Marks with no consonant to stand on: reported, not changed (a Thai look-alike
    /// among them is still made Lao).
    fn orphan(&mut self, start: usize) -> usize {
        let mut p = start;
        let mut thai = false;
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        while let Some((m, next, t)) = self.read(p) {
            if !lao::is_mark(m) {
                break;
            }
            thai |= t;
            buf.push(m);
            p = next;
        }
        if thai {
            self.w.replace(start..p, &buf, Rule::ThaiLookalike, 1.0);
        }
        if self.record {
            self.suggestions.push(Edit {
                start,
                end: p,
                original: self.text[start..p].to_string(),
                replacement: String::new(),
                rule: Rule::OrphanMark,
                confidence: SUGGESTION_CONFIDENCE,
                alternatives: Vec::new(),
            });
        }
        self.buf = buf;
        p
    }

    /// Where the number holding the digit at `i` starts (digits and separators back
    /// to the last point already written).
    fn token_start(&self, i: usize) -> usize {
        let floor = self.w.position();
        let mut start = i;
        let mut before = self.text[floor..i].char_indices().rev().peekable();
        while let Some((k, c)) = before.next() {
            if is_any_digit(c) {
                start = floor + k;
            } else if is_separator(c)
                && start == floor + k + c.len_utf8()
                && before.peek().is_some_and(|&(_, d)| is_any_digit(d))
            {
                // A single separator between digits: the number goes on.
            } else {
                // (Not past a doubled separator: `1,,1,,1…` is many numbers, and going
                // back to the first would read the whole run again for each.)
                break;
            }
        }
        start
    }

    /// A number: digits (ASCII, Lao, Thai) with single separators `. , : / -` between
    /// them. Lao digits become ASCII in [`Digits::Ascii`]; ASCII digits become Lao in
    /// [`Digits::Lao`] when the number is in Lao text; Thai digits become Lao (then
    /// follow the digit setting) when the number is in Lao text.
    fn number(&mut self, start: usize) -> usize {
        let mut p = start;
        let (mut ascii, mut thai) = (false, false);
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            if is_any_digit(c) {
                ascii |= c.is_ascii_digit();
                thai |= is_thai_digit(c);
                p = start + k + c.len_utf8();
            } else if is_separator(c) && chars.peek().is_some_and(|&(_, d)| is_any_digit(d)) {
                continue;
            } else {
                break;
            }
        }
        let digits = self.cfg.digits;
        let needs_context = (thai && self.cfg.thai_lookalikes) || (ascii && digits == Digits::Lao);
        let lao_text = needs_context && self.number_in_lao_text(start, p);

        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let mut thai_changed = false;
        for c in self.text[start..p].chars() {
            let value = c.to_digit(10).or_else(|| {
                let cp = c as u32;
                match cp {
                    0x0ED0..=0x0ED9 => Some(cp - 0x0ED0),
                    0x0E50..=0x0E59 => Some(cp - 0x0E50),
                    _ => None,
                }
            });
            let Some(v) = value else {
                buf.push(c);
                continue;
            };
            let ascii_digit = char::from_digit(v, 10).unwrap_or(c);
            let lao_digit = char::from_u32(0x0ED0 + v).unwrap_or(c);
            let out = if c.is_ascii_digit() {
                if digits == Digits::Lao && lao_text {
                    lao_digit
                } else {
                    c
                }
            } else if lao::is_digit(c) {
                if digits == Digits::Ascii {
                    ascii_digit
                } else {
                    c
                }
            } else if self.cfg.thai_lookalikes && lao_text {
                thai_changed = true;
                if digits == Digits::Ascii {
                    ascii_digit
                } else {
                    lao_digit
                }
            } else {
                c
            };
            buf.push(out);
        }
        let rule = if thai_changed {
            Rule::ThaiLookalike
        } else {
            Rule::Digits
        };
        self.w.replace(start..p, &buf, rule, 1.0);
        self.buf = buf;
        p
    }

    /// Is the number at `start..end` in Lao text? Numbers with only spaces and tabs
    /// between them are one run and are read alike (`ລາຄາ 1 500 000 ກີບ`,
    /// `ປີ 2021 2022 ແລະ`: never one number in two digit systems): the run's nearest
    /// neighbours on the line are looked at, and at least one must be a Lao letter (or
    /// a Thai look-alike read as Lao) and neither a letter of another script.
    fn number_in_lao_text(&mut self, start: usize, end: usize) -> bool {
        // Part of a word of another script, an address or a path (`COVID-19`,
        // `https://a.la/2021`, `2021.pdf`): the characters glued to it, up to a blank or
        // a Lao letter, hold a Latin letter, `@` or `\` (a `/` or `:` alone does not:
        // `123/ນຍ`, `10/5/2021`, `ຂໍ້ທີ 3:`). (At most `GLUED` on each
        // side: a long run with no blank must not make every number in it a long scan.)
        const GLUED: usize = 64;
        let foreign = |c: char| c.is_ascii_alphabetic() || matches!(c, '\\' | '@');
        let stop = |c: &char| c.is_whitespace() || (lao::is_lao(*c) && lao::is_letter(*c));
        let glued_before = self.text[..start]
            .chars()
            .rev()
            .take(GLUED)
            .take_while(|c| !stop(c));
        let glued_after = self.text[end..]
            .chars()
            .take(GLUED)
            .take_while(|c| !stop(c));
        if glued_before.chain(glued_after).any(foreign) {
            return false;
        }
        // Each run is measured once, by its first number met (later ones fall in it):
        // linear in a line of many numbers.
        if self.numbers.0.contains(&start) {
            return self.numbers.1;
        }
        let (run_start, run_end) = number_run(self.text, start, end);
        let before = self.text[..run_start].char_indices().next_back();
        let left = before.map(|(k, c)| self.script(k, c));
        let right = self.text[run_end..]
            .chars()
            .next()
            .map(|c| self.script(run_end, c));
        let lao = left == Some(Script::Lao) || right == Some(Script::Lao);
        let lao = lao && left != Some(Script::Foreign) && right != Some(Script::Foreign);
        self.numbers = (run_start..run_end, lao);
        lao
    }

    /// The script of `c` at `pos`, a Thai look-alike read as Lao counting as Lao.
    fn script(&mut self, pos: usize, c: char) -> Script {
        if is_thai(c) && !is_thai_digit(c) {
            if self.thai_run(pos).mapped {
                Script::Lao
            } else {
                Script::Foreign
            }
        } else {
            Script::of(c)
        }
    }

    /// The Thai run holding the Thai character at `pos` (cached: runs are met in order).
    fn thai_run(&mut self, pos: usize) -> ThaiRun {
        if self.thai.start <= pos && pos < self.thai.end {
            return self.thai;
        }
        let is_run_char = |c: char| is_thai(c) && !is_thai_digit(c);
        let mut start = pos;
        for (k, c) in self.text[..pos].char_indices().rev() {
            if !is_run_char(c) {
                break;
            }
            start = k;
        }
        let mut end = start;
        let mut lookalike = true;
        let mut nfc_ok = true;
        let mut last_ccc = 0u8;
        for c in self.text[start..].chars() {
            if !is_run_char(c) {
                break;
            }
            lookalike &= thai_lookalike(c).is_some();
            let ccc = canonical_combining_class(c);
            if ccc != 0 && ccc < last_ccc {
                nfc_ok = false;
            }
            last_ccc = ccc;
            end += c.len_utf8();
        }
        let mapped = lookalike
            && self.cfg.thai_lookalikes
            && (self.lao_base_before(start)
                || self.text[end..]
                    .chars()
                    .next()
                    .is_some_and(|c| lao::is_lao(c) && lao::is_letter(c)));
        self.thai = ThaiRun {
            start,
            end,
            mapped,
            nfc_ok,
        };
        self.thai
    }

    /// Does a Lao letter (a mark counts) stand right before `pos`?
    fn lao_base_before(&self, pos: usize) -> bool {
        self.text[..pos]
            .chars()
            .next_back()
            .is_some_and(|c| lao::is_lao(c) && lao::is_letter(c))
    }
}

fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || lao::is_digit(c) || is_thai_digit(c)
}

/// The run of numbers around the number at `start..end`: numbers with only spaces and
/// tabs between them, and the blanks at its ends (a separator belongs to a run only
/// between two digits: `ປີ 2021, Windows` ends at the comma).
fn number_run(text: &str, start: usize, end: usize) -> (usize, usize) {
    let digit_at = |s: &str| s.chars().next().is_some_and(is_any_digit);
    let digit_before = |s: &str| s.chars().next_back().is_some_and(is_any_digit);
    let mut a = start;
    while let Some(c) = text[..a].chars().next_back() {
        let joins = matches!(c, ' ' | '\t')
            || is_any_digit(c)
            || (is_separator(c) && digit_at(&text[a..]) && digit_before(&text[..a - 1]));
        if !joins {
            break;
        }
        a -= c.len_utf8();
    }
    let mut b = end;
    while let Some(c) = text[b..].chars().next() {
        let joins = matches!(c, ' ' | '\t')
            || is_any_digit(c)
            || (is_separator(c) && digit_before(&text[..b]) && digit_at(&text[b + 1..]));
        if !joins {
            break;
        }
        b += c.len_utf8();
    }
    (a, b)
}

fn is_separator(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '/' | '-')
}
