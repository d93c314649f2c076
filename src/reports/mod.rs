//! Printed reports: A4 PDFs in Japanese for the center's files, meetings and the city.
//!
//! [`layout`] is the small layout layer every report is written with: a [`Report`] of
//! headings, paragraphs, ruled tables and bar charts that flow onto numbered pages with the
//! facility's header and the date of issue, set in the embedded IPAexGothic font (subset into
//! each file). Each report is a module of its own that turns its data into one document:
//!
//! - [`recovery_sheet`]: the one-page sheet with the recovery code and the raw database key,
//!   kept locked away for the day a password or the software itself is lost.
//!
//! Reports take their figures from `figures` and their dates already written in 和暦 by
//! `calendar`; they format and place, and never compute.

pub mod client_summary;
mod error;
pub mod fte_sheet;
pub mod layout;
pub mod recovery_sheet;
mod service;
#[cfg(test)]
mod tests;

pub use client_summary::{client_summary, ClientSummaryParams};
pub use error::ReportError;
pub use fte_sheet::{fte_sheet, FteSheetParams};
pub use layout::{number, Align, BarChart, Column, Report, ReportMeta, Series, Table};
pub use recovery_sheet::{recovery_sheet, RecoverySheet};
