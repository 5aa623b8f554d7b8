//! The `laoclean` command line: see `laoclean --help` and the `cli` module.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
