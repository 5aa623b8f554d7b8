//! Spans of a line the spacing rules must not break: web addresses, e-mail addresses,
//! file paths and names, and markdown inline code.
//!
//! Every character of a line gets a guard: 0 when free, otherwise the id of the span it
//! belongs to. No space is put between two neighbouring protected characters. Ids with
//! the [`CODE`] bit are inline code: between two characters of one code span nothing
//! changes at all, spaces included.

use super::{is_blank, punctuation};
use std::ops::Range;

/// The bit of a guard id that marks inline code.
pub(super) const CODE: u32 = 1 << 31;

/// The bit of a guard id that marks a span running to the end of its word's core (a web
/// address or a file path): joining the word to the next one would lengthen it.
pub(super) const TO_WORD_END: u32 = 1 << 30;

/// Fills `guard` (one entry per character of `cs`) with the protected spans of the line,
/// and says whether one of them has the [`TO_WORD_END`] bit. `paragraph_code`: inline
/// code paired over line breaks (byte ranges, sorted; see
/// [`paragraph_code`](super::paragraph_code)), each part of it on this line one code
/// span. Linear in the length of the line.
pub(super) fn guard_spans(
    cs: &[(usize, char)],
    guard: &mut Vec<u32>,
    paragraph_code: &[Range<usize>],
) -> bool {
    guard.clear();
    guard.resize(cs.len(), 0);
    let mut ids = Ids::default();
    code_spans(cs, guard, &mut ids);
    if let (Some(first), Some(last)) = (cs.first(), cs.last()) {
        let k = paragraph_code.partition_point(|r| r.end <= first.0);
        for r in paragraph_code[k..].iter().take_while(|r| r.start <= last.0) {
            let id = CODE | ids.next();
            let from = cs.partition_point(|c| c.0 < r.start);
            let to = cs.partition_point(|c| c.0 < r.end);
            guard[from..to].iter_mut().for_each(|g| *g = id);
        }
    }
    let mut i = 0;
    while i < cs.len() {
        if is_blank(cs[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < cs.len() && !is_blank(cs[i].1) {
            i += 1;
        }
        word(cs, start, i, guard, &mut ids);
    }
    ids.to_word_end
}

/// Hands out span ids, and notes whether one ran to the end of its word.
#[derive(Default)]
struct Ids {
    last: u32,
    to_word_end: bool,
}

impl Ids {
    fn next(&mut self) -> u32 {
        self.last += 1;
        self.last
    }

    /// The id of a span that runs to the end of its word's core.
    fn next_to_word_end(&mut self) -> u32 {
        self.to_word_end = true;
        TO_WORD_END | self.next()
    }
}

/// Marks `a..b` as one span; characters already in a span keep their guard. (Each kind of
/// span is found from the characters around it alone, never from where the word starts,
/// so that a space the stage removes before a word does not change what is protected.)
fn mark(guard: &mut [u32], a: usize, b: usize, id: u32) {
    for g in &mut guard[a..b] {
        if *g == 0 {
            *g = id;
        }
    }
}

/// Marks `a..b` as one span that runs to the end of its word's core, as [`mark`] does,
/// and gives the characters there already in another span (an e-mail address inside a
/// path, `ກ\a@b.la`) the [`TO_WORD_END`] bit too: the word ends in a span that would
/// take in a word joined to it, whichever span its last characters are in.
fn mark_to_word_end(guard: &mut [u32], a: usize, b: usize, id: u32) {
    for g in &mut guard[a..b] {
        if *g == 0 {
            *g = id;
        } else if *g & CODE == 0 {
            *g |= TO_WORD_END;
        }
    }
}

/// Markdown inline code: a run of backticks up to the next run of the same length.
/// An opening run without its match on the line protects nothing.
fn code_spans(cs: &[(usize, char)], guard: &mut [u32], ids: &mut Ids) {
    let mut open: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < cs.len() {
        if cs[i].1 != '`' {
            i += 1;
            continue;
        }
        let start = i;
        while i < cs.len() && cs[i].1 == '`' {
            i += 1;
        }
        let len = i - start;
        match open {
            None => open = Some((start, len)),
            Some((at, n)) if n == len => {
                let id = CODE | ids.next();
                guard[at..i].iter_mut().for_each(|g| *g = id);
                open = None;
            }
            Some(_) => {}
        }
    }
}

/// A punctuation or emphasis mark: what the core of a word is stripped of.
pub(super) fn is_edge_mark(c: char) -> bool {
    punctuation::lookup(c).is_some() || matches!(c, '*' | '_')
}

fn is_scheme_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
}

/// URI schemes written with a `:` alone (`mailto:ສົມ@x.la`, `urn:isbn:…`); the others
/// come with `://`, found as such.
const URI_SCHEMES: &[&str] = &[
    "mailto", "tel", "sms", "urn", "geo", "data", "magnet", "news", "xmpp", "sip", "sips",
    "callto", "skype", "fax",
];

/// Is `cs[k..]` an HTML character reference (`&nbsp;`, `&#3749;`, `&#x0E81;`)? Its end.
fn entity_end(cs: &[(usize, char)], k: usize) -> Option<usize> {
    let name: String = cs[k + 1..]
        .iter()
        .take(33)
        .map(|x| x.1)
        .take_while(|&c| c != ';')
        .collect();
    let end = k + 1 + name.chars().count();
    let named = name.len() >= 2
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    let numeric = name.strip_prefix('#').is_some_and(|n| {
        let hex = n.strip_prefix(['x', 'X']);
        match hex {
            Some(h) => (1..=6).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit()),
            None => (1..=7).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()),
        }
    });
    (cs.get(end).is_some_and(|x| x.1 == ';') && (named || numeric)).then_some(end + 1)
}

/// Where a path whose first `/` stands at `k` starts: at the `./` or `../` before it if
/// there is one (the dots, punctuation, were stripped from the word's core), else at `k`.
fn relative_start(cs: &[(usize, char)], word_start: usize, k: usize) -> usize {
    let dots = cs[word_start..k]
        .iter()
        .rev()
        .take_while(|x| x.1 == '.')
        .count();
    let from = k - dots;
    let opens = from == word_start || is_edge_mark(cs[from - 1].1);
    if (1..=2).contains(&dots) && opens {
        from
    } else {
        k
    }
}

/// Where an address that starts at `j` ends when it stands between angle brackets
/// (`<https://x.la/ລາວ>`): before the `>`; else at the end of the core `e`.
fn bracketed_end(cs: &[(usize, char)], j: usize, e: usize) -> usize {
    if j == 0 || cs[j - 1].1 != '<' {
        return e;
    }
    cs[j..e]
        .iter()
        .position(|x| x.1 == '>')
        .map_or(e, |p| j + p)
}

/// Finds the protected spans of one word (a run of characters without blanks).
fn word(cs: &[(usize, char)], mut s: usize, mut e: usize, guard: &mut [u32], ids: &mut Ids) {
    let (word_start, word_end) = (s, e);
    // The core: the word without the punctuation and emphasis marks around it.
    while s < e && is_edge_mark(cs[s].1) {
        s += 1;
    }
    while e > s && is_edge_mark(cs[e - 1].1) {
        e -= 1;
    }
    // Every kind of span below needs an ASCII character (`:`, `/`, `\\`, `~`, `@`, `.`,
    // `&`, `www`): a core of Lao letters alone, the common case, has none to protect.
    if cs[s..e].iter().all(|x| !x.1.is_ascii()) {
        return;
    }
    let at = |k: usize| cs.get(k).map(|x| x.1);
    let mut k = s;
    while k < e {
        let c = cs[k].1;
        // An HTML character reference (`ດີ&nbsp;ລາວ`): a space after its `;` would show.
        if c == '&' {
            if let Some(end) = entity_end(cs, k).filter(|&end| end <= word_end) {
                mark(guard, k, end, ids.next());
                k = end;
                continue;
            }
        }
        // scheme://… to the end of the core (`http://` alone too: joined to the next
        // word, it would take it in)
        if c == ':' && at(k + 1) == Some('/') && at(k + 2) == Some('/') && k + 3 <= e {
            let mut j = k;
            while j > s && is_scheme_char(cs[j - 1].1) {
                j -= 1;
            }
            while j < k && !cs[j].1.is_ascii_alphabetic() {
                j += 1;
            }
            if j < k {
                mark_to_word_end(guard, j, bracketed_end(cs, j, e), ids.next_to_word_end());
                break;
            }
        }
        // scheme:… for the schemes written without `//`, to the end of the core
        if c == ':' && at(k + 1).is_some_and(|d| d != '/') && k + 1 < e {
            let mut j = k;
            while j > s && cs[j - 1].1.is_ascii_alphabetic() {
                j -= 1;
            }
            let scheme = &cs[j..k];
            let known = |name: &&str| {
                name.len() == scheme.len()
                    && name
                        .chars()
                        .zip(scheme)
                        .all(|(a, x)| a == x.1.to_ascii_lowercase())
            };
            if URI_SCHEMES.iter().any(known) && (j == s || !cs[j - 1].1.is_ascii_alphanumeric()) {
                mark_to_word_end(guard, j, e, ids.next_to_word_end());
                break;
            }
        }
        // host.tld/… or host.tld:port/… (a web address without its scheme) to the end
        // of the core
        if c == '/' && k > s {
            let mut h = k; // where the host ends
            let mut p = k;
            while p > s && cs[p - 1].1.is_ascii_digit() {
                p -= 1;
            }
            if p < k && p > s && cs[p - 1].1 == ':' {
                h = p - 1;
            }
            let mut j = h;
            while j > s && is_domain_char(cs[j - 1].1) {
                j -= 1;
            }
            // The host starts with a letter or digit, as the local part of an e-mail
            // address does (below): the dots and hyphens before it are punctuation.
            while j < h && !cs[j].1.is_ascii_alphanumeric() {
                j += 1;
            }
            // (Domain characters are ASCII: one per `cs` entry.)
            let host = &cs[j..h];
            let dot = host.iter().rposition(|x| x.1 == '.');
            if dot.is_some_and(|d| {
                host[0].1.is_ascii_alphanumeric()
                    && d > 0
                    && host.len() - d > 2
                    && host[d + 1..].iter().all(|x| x.1.is_ascii_alphabetic())
            }) {
                mark_to_word_end(guard, j, e, ids.next_to_word_end());
                break;
            }
        }
        // www.… to the end of the core (`www.` alone too, its dot stripped from the core
        // as punctuation, as `http://` alone: `www.( 1` joined would take the `1` in)
        if (c == 'w' || c == 'W')
            && k + 4 <= word_end
            && cs[k..k + 4]
                .iter()
                .map(|x| x.1.to_ascii_lowercase())
                .eq("www.".chars())
            && (k == s || !cs[k - 1].1.is_ascii_alphanumeric())
        {
            mark_to_word_end(guard, k, bracketed_end(cs, k, e), ids.next_to_word_end());
            break;
        }
        // local@domain.tld
        if c == '@' {
            let mut j = k;
            while j > s && is_local_char(cs[j - 1].1) {
                j -= 1;
            }
            // The local part starts with a letter or digit: the marks before it
            // (`,.@www.a`) are punctuation, which the core of a word that starts
            // with them has been stripped of.
            while j < k && !cs[j].1.is_ascii_alphanumeric() {
                j += 1;
            }
            let mut m = k + 1;
            while m < e && is_domain_char(cs[m].1) {
                m += 1;
            }
            while m > k + 1 && matches!(cs[m - 1].1, '.' | '-') {
                m -= 1;
            }
            if j < k && cs[k + 1..m].iter().any(|x| x.1 == '.') {
                mark(guard, j, m, ids.next());
                k = m;
                continue;
            }
        }
        k += 1;
    }
    // A file path: from a `/` or `~/` that starts the word or follows a punctuation mark
    // (with the `./` or `../` before it), or from the drive letter or the first piece
    // before a `\`, to the end of the core (a `/` alone too, for the same reason as
    // `http://` alone). (No path starts from a folder's name, `docs/ນ້ຳ/ກ`: it cannot
    // be told from units in prose that run on to the next blank, `kg/ຄົນ/ປີເເລະ…`.)
    // (Decided on the characters around the path only, so that a space removed before
    // the word does not change it.)
    // (A zero-width space kept between words, `--keep-zwsp`, separates as a blank does.)
    let after_mark = |k: usize| {
        k == s || is_edge_mark(cs[k - 1].1) || cs[k - 1].1 == crate::characters::ZERO_WIDTH_SPACE
    };
    for k in s..e {
        let c = cs[k].1;
        let from = if (c == '/' && (k + 1 == e || cs[k + 1].1 != '/')
            || c == '~' && at(k + 1) == Some('/'))
            && after_mark(k)
        {
            Some(relative_start(cs, word_start, k))
        } else if c == '\\' {
            if k >= s + 2 && cs[k - 1].1 == ':' && cs[k - 2].1.is_ascii_alphabetic() {
                Some(k - 2)
            } else {
                Some(
                    (s..k)
                        .rev()
                        .find(|&j| is_edge_mark(cs[j].1) && cs[j].1 != '.')
                        .map_or(s, |j| j + 1),
                )
            }
        } else {
            None
        };
        if let Some(from) = from {
            mark_to_word_end(guard, from, e, ids.next_to_word_end());
            break;
        }
    }
    // File names: a letter or digit, a dot and an extension of 1 to 4 ASCII letters and
    // digits with a letter among them, ending the core or before a punctuation mark
    // (`report.pdf`, `ຮູບ1.jpg,`), or ending in a digit before a Lao letter that can
    // start a word (`ຮູບ.mp4ກ`: the stage puts a space there, `space.number`, and the
    // name must be the same before and after it); the span starts after the last
    // punctuation mark before it. Dots already inside an address are skipped.
    let mut from = s;
    let mut marked_to = s;
    let mut k = s;
    while k < e {
        let c = cs[k].1;
        if c != '.' && is_edge_mark(c) {
            from = k + 1;
        } else if c == '.'
            && k > from
            // a letter or digit, or a Lao mark (ໃຫຍ່.pdf ends in a tone mark)
            && (cs[k - 1].1.is_alphanumeric() || crate::lao::is_lao(cs[k - 1].1))
            && guard[k] == 0
        {
            let mut m = k + 1;
            while m < e && cs[m].1.is_ascii_alphanumeric() {
                m += 1;
            }
            let ext = &cs[k + 1..m];
            let number_then_word = |m: usize| {
                cs[m - 1].1.is_ascii_digit()
                    && crate::lao::is_letter(cs[m].1)
                    && super::can_start_word(cs[m].1)
            };
            if (1..=4).contains(&ext.len())
                && ext.iter().any(|x| x.1.is_ascii_alphabetic())
                && (m == e || is_edge_mark(cs[m].1) || number_then_word(m))
            {
                // What an earlier name's span took in is marked already (`a.a.a.…`:
                // marking it again, once per dot, would be quadratic).
                mark(guard, from.max(marked_to), m, ids.next());
                marked_to = m;
            }
            k = m;
            continue;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The protected spans of `line`, as strings.
    fn spans(line: &str) -> Vec<String> {
        let cs: Vec<(usize, char)> = line.char_indices().collect();
        let mut guard = Vec::new();
        guard_spans(&cs, &mut guard, &[]);
        let mut out: Vec<String> = Vec::new();
        let mut last = 0;
        for (k, &(_, c)) in cs.iter().enumerate() {
            let g = guard[k];
            if g != 0 && last != 0 {
                out.last_mut().unwrap().push(c);
            } else if g != 0 {
                out.push(c.to_string());
            }
            last = g;
        }
        out
    }

    #[test]
    fn web_addresses() {
        assert_eq!(spans("ເບິ່ງ:https://a.la/x,y."), ["https://a.la/x,y"]);
        assert_eq!(spans("(www.kpl.gov.la)"), ["www.kpl.gov.la"]);
        assert_eq!(spans("ກ,www.x.la"), ["www.x.la"]);
        assert_eq!(spans("http:// ok"), ["http://"]);
        assert_eq!(spans("ກwww.( 1"), ["www"]);
        assert_eq!(spans("ກ,.@www.aກ1"), ["www.aກ1"]);
        assert_eq!(spans(",.@www.aກ1"), ["www.aກ1"]);
        assert_eq!(spans("ກ,.a.la/າ1"), ["a.la/າ1"]);
    }

    #[test]
    fn addresses_without_a_double_slash() {
        assert_eq!(spans("ລາວ mailto:ສົມ@x.la,"), ["mailto:ສົມ@x.la"]);
        assert_eq!(spans("urn:isbn:ລາວ"), ["urn:isbn:ລາວ"]);
        assert_eq!(spans("ເບິ່ງ example.la/ນ້ຳ/ໜ້າ."), ["example.la/ນ້ຳ/ໜ້າ"]);
        assert_eq!(spans("ເບິ່ງ a.example.la:8080/ນ້ຳ"), ["a.example.la:8080/ນ້ຳ"]);
        assert!(spans("ເວລາ 10:30/ກ").is_empty());
        // A label, a date, a version and a decimal are none.
        assert!(spans("Note:ລາວ 10/5/2021 v1.2/ກ 3.5/ກ").is_empty());
    }

    #[test]
    fn relative_paths() {
        assert_eq!(spans("ເບິ່ງ ./ລາວ.sh ກ"), ["./ລາວ.sh"]);
        assert_eq!(spans("ເບິ່ງ ../ນໍາ/ກ,"), ["../ນໍາ/ກ"]);
        assert_eq!(spans("(../ໃຫ່ຍ)"), ["../ໃຫ່ຍ"]);
        // (A file name is one from the last punctuation mark: with its folders.)
        assert_eq!(spans("ໄຟລ໌:src/ລາວ.rs"), ["src/ລາວ.rs"]);
        // Not a path: an ellipsis before a `/`; units and acronyms in prose, which a
        // path from a folder's name would take in up to the next blank.
        assert_eq!(spans("ກ.../ຂ"), ["/ຂ"]);
        assert!(spans("A/ກ ກ/ຂ ລາວ/km 35-NQ/TW km/h").is_empty());
        assert!(spans("500 USD/ໂຕນເເລະນໍ້າ GDP/ຫົວຄົນ 100km/hໃນ").is_empty());
        assert!(spans("COVID-19/ກອງ usd/ໂຕນເເລະ kg/ຄົນ/ປີເເລະ").is_empty());
    }

    #[test]
    fn an_address_between_angle_brackets_ends_before_the_closing_one() {
        assert_eq!(spans("ເບິ່ງ <https://x.la/ລາວ>ແລ້ວ"), ["https://x.la/ລາວ"]);
        assert_eq!(spans("<www.x.la/ກ>,"), ["www.x.la/ກ"]);
        assert_eq!(spans("https://x.la/a>b"), ["https://x.la/a>b"]);
    }

    #[test]
    fn a_path_after_a_kept_zero_width_space() {
        assert_eq!(spans("ກ\u{200B}~/ນໍາ"), ["~/ນໍາ"]);
    }

    #[test]
    fn names_with_many_dots_are_one_span() {
        assert_eq!(spans("ເບິ່ງ a.pdf.txt,"), ["a.pdf.txt"]);
        let many = "a.".repeat(20_000) + "ນໍາ";
        assert_eq!(
            spans(&many),
            [many.trim_end_matches("ນໍາ").trim_end_matches('.')]
        );
    }

    #[test]
    fn html_character_references() {
        assert_eq!(
            spans("ດີ&nbsp;ລາວ &lt;ກ&gt; &#3749; &#x0E81;"),
            ["&nbsp;", "&lt;", "&gt;", "&#3749;", "&#x0E81;"]
        );
        assert!(spans("ກ & ຂ; ກ&ຂ; &x; &#; &#xZZ;").is_empty());
    }

    #[test]
    fn email_addresses() {
        assert_eq!(spans("ຕິດຕໍ່:info@mail.gov.la,"), ["info@mail.gov.la"]);
        assert!(spans("a@b").is_empty());
    }

    #[test]
    fn paths_and_file_names() {
        assert_eq!(spans("ໄຟລ໌ /usr/share/ກ1"), ["/usr/share/ກ1"]);
        assert_eq!(spans(r"C:\ເອກະສານ\ບົດ1.docx"), [r"C:\ເອກະສານ\ບົດ1.docx"]);
        assert_eq!(spans(r"ເບິ່ງ:C:\ກ1"), [r"C:\ກ1"]);
        assert_eq!(spans(r"ເບິ່ງ,ກ1\ຂ"), [r"ກ1\ຂ"]);
        assert_eq!(spans("ກ!,/1ກ"), ["/1ກ"]);
        assert_eq!(spans("ຮູບ1.jpg,"), ["ຮູບ1.jpg"]);
        assert_eq!(spans("ເບິ່ງ,ຮູບ1.jpg"), ["ຮູບ1.jpg"]);
        assert!(spans("ລົງວັນທີ10/5/2021").is_empty());
        assert!(spans("4.753,15").is_empty());
        assert!(spans("ຄພ.ຄອສພ").is_empty());
        assert_eq!(spans("ຮູບ1.jpg,ກ1"), ["ຮູບ1.jpg"]);
        assert_eq!(spans("a.tar.gz"), ["a.tar.gz"]);
        // A name whose extension ends in a digit before Lao: the same span as after the
        // space the stage puts there.
        assert_eq!(spans("ເບິ່ງ a.mp4ຂ"), ["a.mp4"]);
        assert_eq!(spans("ເບິ່ງ a.mp4 ຂ"), ["a.mp4"]);
        assert!(spans("ເບິ່ງ a.mpgຂ").is_empty());
        assert!(spans("ເບິ່ງ a.mp4\u{0EB4}").is_empty());
    }

    #[test]
    fn inline_code() {
        let cs: Vec<(usize, char)> = "ກ `a ,b` ຂ".char_indices().collect();
        let mut guard = Vec::new();
        guard_spans(&cs, &mut guard, &[]);
        assert!(guard[2..8].iter().all(|&g| g & CODE != 0 && g == guard[2]));
        assert_eq!(guard[0], 0);
        assert_eq!(spans("`a ``b"), Vec::<String>::new());
    }
}
