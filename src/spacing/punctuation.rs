//! The punctuation classes of the spacing stage, compiled from
//! `dictionaries/rules/punctuation.tsv` by `build.rs`.

/// Which side of a punctuation mark must not carry a space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// Closes what comes before it: no space before it (`, . ; : ! ? ) %` and closing quotes).
    Close,
    /// Opens what comes after it: no space after it (`(` and opening quotes).
    Open,
    /// A straight quote: opens or closes according to its place in the line.
    Quote,
}

/// One punctuation mark and how the spaces around it are set.
#[derive(Clone, Copy, Debug)]
pub(super) struct Punct {
    /// The mark.
    pub ch: char,
    /// Which side must not carry a space.
    pub class: Class,
    /// A close mark that still closes when a letter follows it directly (`ກ ,ຂ`).
    pub letter_closes: bool,
    /// Takes one space after it when a letter follows (`ກ,ຂ` → `ກ, ຂ`).
    pub space_after: bool,
    /// Takes one space on its outer side when a Lao letter touches it there.
    pub lao_space: bool,
    /// Closes only a number: a space before it goes only when a digit precedes (`%`).
    pub after_digit: bool,
    /// A quotation mark: glued to a word on its outer side it may be the other quote typed
    /// wrong, so the space on its inner side is left alone.
    pub quote: bool,
    /// Marks that, following this one directly, mean it does not close there (`..`, `:)`).
    pub not_before: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/spacing_tables.rs"));

/// The punctuation entry of `c`, if it has one.
#[inline]
pub(super) fn lookup(c: char) -> Option<&'static Punct> {
    if c.is_ascii_alphanumeric() || crate::lao::is_lao(c) || c == ' ' {
        return None;
    }
    PUNCTUATION
        .binary_search_by_key(&c, |p| p.ch)
        .ok()
        .map(|i| &PUNCTUATION[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_classes_are_as_documented() {
        assert!(PUNCTUATION.windows(2).all(|w| w[0].ch < w[1].ch));
        for c in [',', '.', ';', ':', '!', '?', ')', '%', '”', '’', '»'] {
            assert_eq!(lookup(c).unwrap().class, Class::Close, "{c}");
        }
        for c in ['(', '“', '‘', '«'] {
            assert_eq!(lookup(c).unwrap().class, Class::Open, "{c}");
        }
        assert_eq!(lookup('"').unwrap().class, Class::Quote);
        for c in ['[', ']', '\'', '-', '*', '/', 'ກ', '5'] {
            assert!(lookup(c).is_none(), "{c}");
        }
        assert!(lookup(',').unwrap().space_after && !lookup('.').unwrap().space_after);
        assert!(lookup('%').unwrap().after_digit);
        assert_eq!(lookup('.').unwrap().not_before, ".");
    }
}
