//! One staffing line of the plan at a time: the director adds, corrects or removes a role's
//! line on the plan screen without retyping the others. A plan has at most one line per role,
//! so the role is the line's key; every change is checked and audited like the whole list.

use super::{fields, load_staffing, write_plan, write_staffing, StaffingLine};
use crate::calendar::FiscalYear;
use crate::session::Session;
use crate::staff::StaffRole;
use crate::store::Store;
use crate::{CoreError, Result};

/// Adds a staffing line, or replaces the line of `replacing` with `line` (director only).
///
/// Adding a role the plan already has is refused as a duplicate, and so is correcting a line
/// into the role of another line: one line per role.
pub fn set_staffing_line(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    replacing: Option<StaffRole>,
    line: &StaffingLine,
) -> Result<()> {
    let summary = match replacing {
        None => format!("staffing line added: {}", line.role.as_db()),
        Some(old) => format!(
            "staffing line changed: {} to {}",
            old.as_db(),
            line.role.as_db()
        ),
    };
    write_plan(
        store,
        actor,
        fy,
        "plan.staffing_line",
        &summary,
        |tx, id| {
            let mut lines = load_staffing(tx.conn(), id)?;
            if let Some(old) = replacing {
                let before = lines.len();
                lines.retain(|l| l.role != old);
                if lines.len() == before {
                    return Err(CoreError::NotFound { what: fields::ROLE });
                }
            }
            if lines.iter().any(|l| l.role == line.role) {
                return Err(CoreError::Duplicate { what: fields::ROLE });
            }
            lines.push(line.clone());
            write_staffing(tx, id, &lines)
        },
    )
}

/// Removes the line of `role` from the plan (director only); NotFound when there is none.
pub fn remove_staffing_line(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    role: StaffRole,
) -> Result<()> {
    let summary = format!("staffing line removed: {}", role.as_db());
    write_plan(
        store,
        actor,
        fy,
        "plan.staffing_line",
        &summary,
        |tx, id| {
            let mut lines = load_staffing(tx.conn(), id)?;
            let before = lines.len();
            lines.retain(|l| l.role != role);
            if lines.len() == before {
                return Err(CoreError::NotFound { what: fields::ROLE });
            }
            write_staffing(tx, id, &lines)
        },
    )
}
