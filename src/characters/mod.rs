//! Stage 1, characters: rules on code points that need no dictionary and are always safe.
//! (Being written: see issue 2.)

use crate::cleaner::StageOutput;
use crate::edit::Rewriter;
use crate::Config;

/// Runs the character rules over `text`.
pub(crate) fn run<'a>(text: &'a str, _config: &Config, record: bool) -> StageOutput<'a> {
    let w = Rewriter::new(text, record);
    let (t, e) = w.finish();
    StageOutput::new(t, e)
}
