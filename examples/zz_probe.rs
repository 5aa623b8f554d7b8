use laoclean::words::correct::{damage_cost, skeleton};
use laoclean::words::{web, Lexicon};

fn main() {
    let lex = Lexicon::embedded();
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let (m, w) = (&pair[0], &pair[1]);
        println!(
            "{m} <- {w}: damage {:?} skel {} / {} cost m {:?} w {:?} web m {} w {}",
            damage_cost(m, w),
            skeleton(m),
            skeleton(w),
            lex.cost(m),
            lex.cost(w),
            web::tokens_holding(m),
            web::tokens_holding(w)
        );
    }
}
