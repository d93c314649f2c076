//! What the webview sees of the core's types: plain data with TypeScript types
//! (the core has no `specta`), one file per area. Labels come from the core, so
//! the UI never spells a role, a kind or a date in Japanese itself.

pub mod audit;
mod calendar;
mod choices;
mod clients;
mod employers;
mod employment;
mod follow_ups;
mod home;
mod import;
mod meetings;
mod office;
mod options;
mod partners;
pub mod plan;
mod records;
pub mod reports;
mod session;
pub mod settings;
pub mod staff;
mod sync;
pub mod users;

pub use calendar::DateView;
pub use choices::{CaseworkChoices, ChoiceView};
pub use clients::{
    AttachmentView, ClientFilterInput, ClientListView, ClientPartnerView, ClientProfileInput,
    ClientRowView, ClientView, ConsentView, FlagView, NewClientInput, NewConsentInput,
    PartnerLinkInput, RegistrationView, StaffRefView,
};
pub use employers::*;
pub use employment::{
    EmploymentEndInput, EmploymentView, FollowUpDoneInput, FollowUpView, HandoverCheckInput,
    HandoverView, NewEmploymentInput, NewHandoverInput,
};
pub use follow_ups::{CheckInView, FollowUpItemView, HandoverItemView, WorklistsView};
pub use home::{FigureView, FiguresView, MonthView};
pub use import::{
    DuplicateView, ImportColumnView, ImportKindInfo, ImportKindView, ImportPreviewView,
    ImportProgressView, ImportReportView, RowProblemView,
};
pub use meetings::*;
pub use office::*;
pub use options::OptionView;
pub use partners::*;
pub use records::{QuickEntryInput, TimelineEntryView, TimelineView};
pub use session::{AppInfo, DemoAccountView, RoleView, SessionView};
pub use sync::{ConflictView, DeviceView, SyncProgressView, SyncReportView, SyncStatusView};
