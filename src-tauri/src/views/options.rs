//! A choice in a select box: the value the command takes and the core's Japanese label,
//! so the UI never spells a kind, stage or category itself.

use serde::Serialize;

/// One choice of a fixed list (a meeting kind, a prospect stage, a partner category).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OptionView {
    /// The value sent back to the commands (`liaison`, `visited`, …).
    pub value: String,
    /// The label shown (ほっと就労支援連絡会, 訪問済み, …).
    pub label: String,
}

impl OptionView {
    /// A choice from its value and label.
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        OptionView {
            value: value.into(),
            label: label.into(),
        }
    }
}
