//! The rule tables of README.md are checked against the library: every row's "before"
//! cleans to its "after" with the default settings, and the edit carries the row's rule
//! id. The README's Rust example runs as a doctest (see `ReadmeDoctests` in lib.rs).

use laoclean::{Cleaner, Config};

/// The rows `(rule id, before, after)` of the tables between the `rules-table` markers.
fn rows() -> Vec<(String, String, String)> {
    let readme = include_str!("../README.md");
    let mut rows = Vec::new();
    let mut inside = false;
    for line in readme.lines() {
        if line.contains("<!-- rules-table: start -->") {
            inside = true;
        } else if line.contains("<!-- rules-table: end -->") {
            inside = false;
        } else if inside && line.starts_with("| `") {
            let cells: Vec<&str> = line.split(" | ").collect();
            let id = cells[0].trim_start_matches("| ").trim_matches('`');
            rows.push((id.to_string(), unescape(cells[1]), unescape(cells[2])));
        }
    }
    rows
}

/// `␠` is a space, `⏎` a line break and `\u{…}` a code point, as the README says under
/// its tables.
fn unescape(cell: &str) -> String {
    let cell = cell.replace('␠', " ").replace('⏎', "\n");
    let mut out = String::new();
    let mut rest = cell.as_str();
    while let Some(i) = rest.find("\\u{") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('}').expect("closing brace") + i;
        let code = u32::from_str_radix(&rest[i + 3..end], 16).expect("hex code point");
        out.push(char::from_u32(code).expect("a scalar value"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_rule_example_in_the_readme_holds() {
    let rows = rows();
    assert!(
        rows.len() >= 24,
        "the README tables were not found: {rows:?}"
    );
    // Character and spacing examples show their own stage: the word stage is off
    // (it would, say, also drop the stray tone of the Thai look-alike example).
    let words = Cleaner::new(Config::default());
    let chars_and_spacing = Cleaner::new(Config::default().level(laoclean::Level::Safe));
    // A speck line is removed at `--noise-lines drop` (at `auto`, only at `aggressive`).
    let noise = Cleaner::new(
        Config::default()
            .level(laoclean::Level::Safe)
            .noise_lines(laoclean::NoiseLines::Drop),
    );
    // A line join is shown on two lines alone, which `auto` does not take for a
    // hard-wrapped paragraph.
    let joins = Cleaner::new(Config::default().join_lines(laoclean::JoinLines::Always));
    for (id, before, after) in &rows {
        let cleaner = if id == "word.join-line" {
            &joins
        } else if id.starts_with("word.") {
            &words
        } else if id.starts_with("noise.") {
            &noise
        } else {
            &chars_and_spacing
        };
        let report = cleaner.clean_with_report(before);
        // "(suggestion) TEXT": the text stays as it is, and the rule's suggestion
        // applied to it gives TEXT.
        if let Some(suggested) = after.strip_prefix("(suggestion) ") {
            assert_eq!(&report.text, before, "README example of {id}: changed");
            let applied: Vec<String> = report
                .suggestions
                .iter()
                .filter(|e| e.rule.id() == id)
                .map(|e| {
                    format!(
                        "{}{}{}",
                        &before[..e.start],
                        e.replacement,
                        &before[e.end..]
                    )
                })
                .collect();
            assert!(
                applied.iter().any(|t| t == suggested),
                "README example of {id}: no such suggestion in {:?}",
                report.suggestions
            );
            continue;
        }
        assert_eq!(&report.text, after, "README example of {id}: {before:?}");
        assert!(
            report.edits.iter().any(|e| e.rule.id() == id),
            "README example of {id}: no edit by that rule in {:?}",
            report.edits
        );
    }
}

#[test]
fn every_character_and_spacing_rule_has_an_example() {
    let ids: Vec<String> = rows().into_iter().map(|r| r.0).collect();
    for rule in laoclean::Rule::ALL {
        let id = rule.id();
        let documented_elsewhere =
            id == "space.split-number" || !id.starts_with("char.") && !id.starts_with("space.");
        assert!(
            documented_elsewhere || ids.iter().any(|i| i == id),
            "{id} has no README example"
        );
    }
}
