//! Properties of the spacing stage (`laoclean::spacing::apply`) on generated text.

use laoclean::spacing::apply;
use proptest::prelude::*;

/// Pieces that the spacing rules react to, mixed at random.
const PIECES: &[&str] = &[
    "ກ",
    "ຂ",
    "ນ",
    "ວ",
    "ເ",
    "ໂ",
    "າ",
    "ະ",
    "ຳ",
    "\u{0EB4}",
    "\u{0EC8}",
    "\u{0EC9}",
    "ໆ",
    "ສະຫະລັດ",
    "ບ້ານ",
    "a",
    "Z",
    "x",
    "COVID",
    "1",
    "5",
    "0",
    "໓",
    "2021",
    "7,19",
    "4.753,15",
    " ",
    " ",
    " ",
    "  ",
    "\t",
    " \t ",
    "\n",
    "\n",
    "\r\n",
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "(",
    ")",
    "%",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "\"",
    "'",
    "-",
    "*",
    "**",
    "#",
    "/",
    "\\",
    "@",
    "`",
    "```",
    "[",
    "]",
    "...",
    "http://",
    "www.",
    "a@b.la",
    ".jpg",
    "~/",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

/// Lao and Latin letters and line breaks only: no blank, no punctuation, no digit.
fn letters() -> impl Strategy<Value = String> {
    "[ກ-ຮເແໂໃໄະາຳ\u{0EB4}-\u{0EB9}\u{0EC8}-\u{0ECB}a-zA-Z\n]{0,60}"
}

fn without_blanks(s: &str) -> String {
    s.chars().filter(|&c| c != ' ' && c != '\t').collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn idempotent(s in text()) {
        let once = apply(&s).into_owned();
        let twice = apply(&once).into_owned();
        prop_assert_eq!(twice, once, "input {:?}", s);
    }

    #[test]
    fn line_breaks_are_kept(s in text()) {
        let out = apply(&s);
        prop_assert_eq!(out.matches('\n').count(), s.matches('\n').count());
        prop_assert_eq!(out.matches("\r\n").count(), s.matches("\r\n").count());
    }

    #[test]
    fn only_blanks_change(s in text()) {
        prop_assert_eq!(without_blanks(&apply(&s)), without_blanks(&s));
    }

    #[test]
    fn no_space_runs_or_trailing_spaces_are_left(s in text()) {
        let out = apply(&s);
        if s.contains("```") {
            return Ok(()); // a fenced code block is kept as typed
        }
        // Inline code can run over a line break (backticks pair within a paragraph):
        // the lines of a paragraph with a backtick are left out.
        let mut in_code_paragraph = false;
        let lines: Vec<&str> = out.split('\n').collect();
        for (k, line) in lines.iter().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                in_code_paragraph = false;
                continue;
            }
            if !in_code_paragraph {
                in_code_paragraph = lines[k..]
                    .iter()
                    .take_while(|l| !l.trim().is_empty())
                    .any(|l| l.contains('`'));
            }
            if !line.chars().any(|c| ('\u{0E80}'..='\u{0EFF}').contains(&c)) || in_code_paragraph {
                continue; // lines without Lao are left alone; code is kept as typed
            }
            // Spaces are set right beside Lao: a run or trailing spaces next to a Lao
            // letter (not one of an address, a path or a file name, which hold Lao as a
            // number does: lines that may have one are left out).
            let file_name = line
                .match_indices('.')
                .any(|(k, _)| line[k + 1..].starts_with(|c: char| c.is_ascii_alphanumeric()));
            if line.contains(['/', '\\', '@', ':', '&']) || line.contains("www.") || file_name {
                continue;
            }
            let lao = |c: Option<char>| c.is_some_and(laoclean::lao::is_letter);
            // Blanks that hold a tab are column separators, kept as typed: look at the
            // spaces between tabs only.
            let cells: Vec<&str> = line.split('\t').collect();
            let last = cells[cells.len() - 1];
            prop_assert!(!lao(last.trim_end().chars().next_back()) || !last.ends_with(' '),
                "trailing space in {:?}", line);
            for cell in cells {
                let inner = cell.trim_matches(' ');
                for (k, _) in inner.match_indices("  ") {
                    let before = inner[..k].chars().next_back();
                    let after = inner[k..].trim_start_matches(' ').chars().next();
                    prop_assert!(!lao(before) && !lao(after), "space run in {:?}", line);
                }
            }
        }
    }

    #[test]
    fn letters_alone_are_untouched(s in letters()) {
        prop_assert!(matches!(apply(&s), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn any_text_is_handled(s in any::<String>()) {
        let once = apply(&s).into_owned();
        prop_assert_eq!(apply(&once).into_owned(), once);
    }
}
