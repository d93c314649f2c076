//! Administration commands: init, users, audit, recovery, rekey, doctor.

use std::path::Path;

use clap::Subcommand;

use hotto::accounts::{self, NewUser};
use hotto::error::{fields, Problem};
use hotto::store::{audit, AuditFilter, NewCenter};
use hotto::{CoreError, DataDir, Role, Store};

use super::{prompt, sign_in};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account (director); its password from $HOTTO_NEW_PASSWORD or a prompt.
    Add {
        /// Login name.
        login: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// director or staff.
        #[arg(long, default_value = "staff")]
        role: String,
    },
    /// Change a password (your own, or anyone's as director); new one from $HOTTO_NEW_PASSWORD or a prompt.
    Passwd {
        /// Whose password (default: yours).
        login: Option<String>,
    },
    /// Remove an account (director).
    Remove {
        /// Login name.
        login: String,
    },
    /// Change an account's role (director).
    Role {
        /// Login name.
        login: String,
        /// director or staff.
        role: String,
    },
    /// List accounts (director).
    List,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute every device's hash chain and name the first broken row.
    Verify,
    /// Show audit rows, newest first.
    List {
        /// Only actions starting with this (e.g. `user.`).
        #[arg(long)]
        action: Option<String>,
        /// At most this many rows.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn init(
    dir: &DataDir,
    director: &str,
    name: Option<&str>,
    facility: &str,
) -> Result<(), CoreError> {
    let password = prompt::new_password("HOTTO_PASSWORD", "director password")?;
    let center = NewCenter {
        facility_name: facility,
        login: director,
        display_name: name.unwrap_or(director),
        password: &password,
    };
    let (_store, _session, recovery) = Store::init(dir, &center)?;
    println!("Created the database in {}", dir.path().display());
    println!("Recovery code (shown only now; write it down or print the recovery sheet and keep it locked away):");
    println!("  {}", recovery.display().as_str());
    Ok(())
}

pub fn user(dir: &DataDir, user: Option<&str>, cmd: UserCommand) -> Result<(), CoreError> {
    let (mut store, session) = sign_in(dir, user)?;
    match cmd {
        UserCommand::Add { login, name, role } => {
            let role = parse_role(&role)?;
            let password = prompt::new_password("HOTTO_NEW_PASSWORD", "password")?;
            let new = NewUser {
                login: &login,
                display_name: &name,
                role,
                password: &password,
            };
            accounts::add_user(&mut store, &session, &new)?;
            println!("Added {}", accounts::normalise_login(&login));
        }
        UserCommand::Passwd { login } => {
            let login = login.unwrap_or_else(|| session.login().to_string());
            let password = prompt::new_password("HOTTO_NEW_PASSWORD", "password")?;
            accounts::change_password(&mut store, &session, &login, &password)?;
            println!("Password changed");
        }
        UserCommand::Remove { login } => {
            accounts::remove_user(&mut store, &session, &login)?;
            println!("Removed {}", accounts::normalise_login(&login));
        }
        UserCommand::Role { login, role } => {
            accounts::set_role(&mut store, &session, &login, parse_role(&role)?)?;
            println!("Role changed");
        }
        UserCommand::List => {
            for u in accounts::list_users(&store, &session)? {
                let state = if u.active { "" } else { " (removed)" };
                println!(
                    "{:<20} {:<9} {}{}",
                    u.login,
                    u.role.as_db(),
                    u.display_name,
                    state
                );
            }
        }
    }
    Ok(())
}

fn parse_role(s: &str) -> Result<Role, CoreError> {
    Role::parse(s).ok_or(CoreError::invalid(
        fields::ROLE,
        Problem::Format("director or staff"),
    ))
}

pub fn audit(dir: &DataDir, user: Option<&str>, cmd: AuditCommand) -> Result<(), CoreError> {
    let (store, session) = sign_in(dir, user)?;
    session.require_director("read the audit log")?;
    match cmd {
        AuditCommand::Verify => {
            let reports = store.read(&session, |conn| Ok(audit::verify(conn)?))?;
            let mut broken = None;
            for r in &reports {
                match &r.first_break {
                    None => println!("device {}: {} rows, chain verifies", r.device_id, r.rows),
                    Some(b) => {
                        broken.get_or_insert_with(|| r.device_id.clone());
                        println!(
                            "device {}: BROKEN at row {} (id {}): {}",
                            r.device_id, b.seq, b.id, b.reason
                        );
                    }
                }
            }
            if let Some(device) = broken {
                return Err(CoreError::Document(format!(
                    "the audit chain of device {device} does not verify"
                )));
            }
        }
        AuditCommand::List {
            action,
            limit,
            json,
        } => {
            let filter = AuditFilter {
                action_prefix: action,
                limit: Some(limit),
                ..AuditFilter::default()
            };
            let rows = store.read(&session, |conn| Ok(audit::list(conn, &filter)?))?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).unwrap_or_default()
                );
            } else {
                for r in rows {
                    let who = r.actor_name.as_deref().unwrap_or("-");
                    println!(
                        "{}  {:<24} {:<12} {}  {}",
                        r.at, r.action, r.entity_kind, who, r.summary
                    );
                }
            }
        }
    }
    Ok(())
}

pub fn recovery_sheet(dir: &DataDir, user: Option<&str>, output: &Path) -> Result<(), CoreError> {
    // A refused folder is found before a new recovery code replaces the old one.
    hotto::store::slots::check_writable(output)?;
    let (mut store, session) = sign_in(dir, user)?;
    let today = chrono::Local::now().date_naive();
    let pdf = hotto::recovery::recovery_sheet_pdf(&mut store, &session, today)?;
    write_file(output, &pdf)?;
    println!(
        "Wrote {} (a new recovery code: earlier sheets no longer work)",
        output.display()
    );
    Ok(())
}

pub fn recover(dir: &DataDir, director: &str) -> Result<(), CoreError> {
    let code = prompt::password("HOTTO_RECOVERY_CODE", "Recovery code: ")?;
    let code = hotto::recovery::RecoveryCode::parse(&code)?;
    let password = prompt::new_password("HOTTO_NEW_PASSWORD", "password")?;
    hotto::recovery::reset_director_password(dir, &code, director, &password)?;
    println!("Password reset for {}", accounts::normalise_login(director));
    Ok(())
}

pub fn rekey(dir: &DataDir, user: Option<&str>) -> Result<(), CoreError> {
    let (mut store, session) = sign_in(dir, user)?;
    let code = hotto::recovery::rekey(&mut store, &session)?;
    println!("The database has a new key. Earlier recovery sheets no longer work.");
    println!("New recovery code (print a new recovery sheet):");
    println!("  {}", code.display().as_str());
    Ok(())
}

pub fn doctor(dir: &DataDir, user: Option<&str>, json: bool) -> Result<(), CoreError> {
    let (store, session) = sign_in(dir, user)?;
    let report = hotto::doctor::run(&store, &session)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        println!("integrity: {}", report.integrity.join("; "));
        println!(
            "schema version: {} (this program: {})",
            report.schema_version, report.schema_latest
        );
        for p in &report.slot_problems {
            println!("key slots: {p}");
        }
        if report.slot_problems.is_empty() {
            println!("key slots: ok");
        }
        for c in &report.audit {
            match &c.first_break {
                None => println!("audit chain {}: ok ({} rows)", c.device_id, c.rows),
                Some(b) => println!(
                    "audit chain {}: broken at row {}: {}",
                    c.device_id, b.seq, b.reason
                ),
            }
        }
    }
    if report.is_healthy() {
        Ok(())
    } else {
        Err(CoreError::Document(
            "doctor found problems (see above)".into(),
        ))
    }
}

/// Writes a file the user asked for through a temporary file and a rename, so a
/// full disk or a read-only folder gives a clear error and no half-written file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    Ok(hotto::store::slots::write_atomically(path, bytes)?)
}
