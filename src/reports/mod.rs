//! Printed reports: A4 PDFs in Japanese for the center's files, meetings and the city.
//!
//! [`layout`] is the small layout layer every report is written with: a [`Report`] of
//! headings, paragraphs, ruled tables and bar charts that flow onto numbered pages with the
//! facility's header and the date of issue, set in the embedded IPAexGothic font (subset into
//! each file). Each report is a module of its own that turns its data into one document:
//!
//! - [`recovery_sheet`]: the one-page sheet with the recovery code and the raw database key,
//!   kept locked away for the day a password or the software itself is lost.
//! - [`plan`]: 事業計画書, the year's plan in the seed's sections with numbers from the data.
//! - [`results`]: 実績報告書, the five figures against targets, month by month, and breakdowns.
//! - [`handout`]: the liaison meeting's handout (the May meeting carries last year's results).
//! - [`fte_sheet`]: the director's staffing sheet (FTE by person and role, caseloads).
//! - [`staff_meeting`]: 職員会議資料 (trial balance, trainings, follow-ups, the month's figures).
//! - [`client_summary`]: a client's support summary for a case conference (audited).
//!
//! Each report module has an entry point `(store, session, params) -> PDF bytes` that checks
//! who may print it and gathers its data from the domain services, and a `render` function that
//! only lays the gathered data out.
//!
//! Reports take their figures from `figures` and their dates already written in 和暦 by
//! `calendar`; they format and place, and never compute.

pub mod client_summary;
mod error;
pub mod fte_sheet;
pub mod handout;
pub mod layout;
pub mod plan;
pub mod recovery_sheet;
pub mod results;
mod service;
pub mod staff_meeting;
#[cfg(test)]
mod tests;

pub use client_summary::{client_summary, ClientSummaryParams};
pub use error::ReportError;
pub use fte_sheet::{fte_sheet, FteSheetParams};
pub use handout::{liaison_handout, liaison_meeting_on, liaison_meetings, HandoutParams};
pub use layout::{number, Align, BarChart, Column, Report, ReportMeta, Series, Table};
pub use plan::{plan_report, PlanReportParams};
pub use recovery_sheet::{recovery_sheet, RecoverySheet};
pub use results::{results_report, ResultsParams};
pub use service::page_count;
pub use staff_meeting::{staff_meeting_sheet, StaffMeetingParams};

#[cfg(test)]
mod page_count_tests {
    use super::page_count;

    #[test]
    fn page_objects_are_counted_and_the_page_tree_is_not() {
        let pdf =
            b"%PDF-1.7\n1 0 obj <</Type/Pages/Count 2>>\n2 0 obj <</Type /Page/Parent 1 0 R>>\n\
                    3 0 obj <</Type/Page>>\n4 0 obj <</Type/Font>>";
        assert_eq!(page_count(pdf), 2);
        assert_eq!(page_count(b"not a pdf"), 0);
    }
}
