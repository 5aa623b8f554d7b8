//! Dev probe: segment lines of stdin with the embedded lexicon and print word costs.
fn main() {
    let lex = laoclean::words::Lexicon::embedded();
    let seg = laoclean::words::Segmenter::new(lex.clone());
    for line in std::io::stdin().lines() {
        let line = line.unwrap();
        let toks: Vec<String> = seg
            .tokens(&line)
            .iter()
            .map(|t| {
                let w = &line[t.span.clone()];
                format!(
                    "{w}:{}",
                    lex.cost(w).map_or("?".to_string(), |c| c.to_string())
                )
            })
            .collect();
        println!("{}", toks.join(" "));
    }
}
