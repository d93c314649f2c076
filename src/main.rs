//! `hotto`: the command line for administration, scripting and benchmarks.
//!
//! Every failure ends with a non-zero exit and one line on stderr, never a stack trace.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A panic must not print client data or a backtrace: one generic line instead.
    std::panic::set_hook(Box::new(|_| {
        eprintln!("hotto: internal error (a bug): please report what you were doing");
    }));
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hotto: {e}");
            ExitCode::FAILURE
        }
    }
}
