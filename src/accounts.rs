//! Staff accounts: adding, removing, changing roles and passwords. Each change
//! rewrites the key-slot file together with its database row and audit row.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::error::{fields, Problem};
use crate::session::{Role, Session};
use crate::store::{Store, StoreError, Tx};
use crate::{CoreError, Result};

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Longest password accepted.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// An account as listed for the director.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UserSummary {
    /// Id.
    pub id: String,
    /// Login name.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// False once removed (kept so that the audit log still names them).
    pub active: bool,
}

/// A new account.
#[derive(Clone, Debug)]
pub struct NewUser<'a> {
    /// Login name (letters, digits, `.`, `_`, `-`).
    pub login: &'a str,
    /// Name shown in the app.
    pub display_name: &'a str,
    /// Role.
    pub role: Role,
    /// First password.
    pub password: &'a str,
}

/// The form a login name is stored and compared in: NFKC, trimmed, lower case.
pub fn normalise_login(login: &str) -> String {
    crate::text::nfkc(login).to_lowercase()
}

/// A login name: 2–32 of `a-z 0-9 . _ -` after normalising (full-width letters are accepted).
pub fn validate_login(login: &str) -> Result<String> {
    let login = normalise_login(login);
    if login.is_empty() {
        return Err(CoreError::invalid(fields::LOGIN, Problem::Empty));
    }
    let allowed =
        |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
    if !login.chars().all(allowed) {
        return Err(CoreError::invalid(
            fields::LOGIN,
            Problem::Format("use letters, digits, '.', '_' or '-'"),
        ));
    }
    if login.chars().count() < 2 {
        return Err(CoreError::invalid(
            fields::LOGIN,
            Problem::TooShort { min: 2 },
        ));
    }
    if login.chars().count() > 32 {
        return Err(CoreError::invalid(
            fields::LOGIN,
            Problem::TooLong { max: 32 },
        ));
    }
    Ok(login)
}

/// A display name: one line, at most 50 characters.
pub fn validate_display_name(name: &str) -> Result<String> {
    crate::text::single_line(fields::DISPLAY_NAME, name, 50)
}

/// A password: 8–128 characters, no control characters (spaces are fine).
pub fn validate_password(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars == 0 {
        return Err(CoreError::invalid(fields::PASSWORD, Problem::Empty));
    }
    if chars < MIN_PASSWORD_CHARS {
        return Err(CoreError::invalid(
            fields::PASSWORD,
            Problem::TooShort {
                min: MIN_PASSWORD_CHARS,
            },
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(CoreError::invalid(
            fields::PASSWORD,
            Problem::TooLong {
                max: MAX_PASSWORD_CHARS,
            },
        ));
    }
    if password.chars().any(char::is_control) {
        return Err(CoreError::invalid(
            fields::PASSWORD,
            Problem::ControlCharacters,
        ));
    }
    Ok(())
}

/// Adds an account (director only) and gives it its own key slot.
pub fn add_user(store: &mut Store, actor: &Session, new: &NewUser<'_>) -> Result<String> {
    actor.require_director("add a user")?;
    let login = validate_login(new.login)?;
    let display_name = validate_display_name(new.display_name)?;
    validate_password(new.password)?;
    store.write_with_slots(actor, |tx, slots, master| {
        if find_user(tx, &login)?.is_some() {
            return Err(CoreError::Duplicate { what: fields::LOGIN });
        }
        let id = crate::ids::new_id();
        tx.conn()
            .execute(
                "INSERT INTO users (id, login, display_name, role, active, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5, ?6)",
                params![id, login, display_name, new.role.as_db(), tx.now(), actor.user_id()],
            )
            .map_err(StoreError::from)?;
        tx.audit("user.add", "user", Some(&id), &format!("account added with role {}", new.role.as_db()))?;
        slots.put_user_slot(&id, &login, new.password.as_bytes(), master)?;
        Ok(id)
    })
}

/// Sets a new password: users change their own, the director anyone's.
pub fn change_password(
    store: &mut Store,
    actor: &Session,
    login: &str,
    new_password: &str,
) -> Result<()> {
    let login = normalise_login(login);
    validate_password(new_password)?;
    let new_password = Zeroizing::new(new_password.to_string());
    store.write_with_slots(actor, |tx, slots, master| {
        let user = find_user(tx, &login)?
            .filter(|u| u.active)
            .ok_or(CoreError::NotFound { what: fields::USER })?;
        if user.id != actor.user_id() {
            actor.require_director("change another user's password")?;
        }
        tx.audit("user.password", "user", Some(&user.id), "password changed")?;
        slots.put_user_slot(&user.id, &login, new_password.as_bytes(), master)?;
        Ok(())
    })
}

/// Removes an account (director only): its key slot goes, its row stays inactive so
/// that the audit log still names it. The last director cannot be removed.
pub fn remove_user(store: &mut Store, actor: &Session, login: &str) -> Result<()> {
    actor.require_director("remove a user")?;
    let login = normalise_login(login);
    store.write_with_slots(actor, |tx, slots, _| {
        let user = find_user(tx, &login)?
            .filter(|u| u.active)
            .ok_or(CoreError::NotFound { what: fields::USER })?;
        if user.role == Role::Director && active_directors(tx)? <= 1 {
            return Err(CoreError::LastDirector);
        }
        tx.conn()
            .execute(
                "UPDATE users SET active = 0, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
                params![user.id, tx.now(), actor.user_id()],
            )
            .map_err(StoreError::from)?;
        tx.audit("user.remove", "user", Some(&user.id), "account removed")?;
        slots.remove_user_slot(&user.id);
        Ok(())
    })
}

/// Changes an account's role (director only); the last director cannot be demoted.
pub fn set_role(store: &mut Store, actor: &Session, login: &str, role: Role) -> Result<()> {
    actor.require_director("change a role")?;
    let login = normalise_login(login);
    store.write(actor, |tx| {
        let user = find_user(tx, &login)?
            .filter(|u| u.active)
            .ok_or(CoreError::NotFound { what: fields::USER })?;
        if user.role == role {
            return Ok(());
        }
        if user.role == Role::Director && active_directors(tx)? <= 1 {
            return Err(CoreError::LastDirector);
        }
        tx.conn()
            .execute(
                "UPDATE users SET role = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![user.id, role.as_db(), tx.now(), actor.user_id()],
            )
            .map_err(StoreError::from)?;
        tx.audit(
            "user.role",
            "user",
            Some(&user.id),
            &format!("role set to {}", role.as_db()),
        )
    })
}

/// Every account, active ones first (director only).
pub fn list_users(store: &Store, actor: &Session) -> Result<Vec<UserSummary>> {
    actor.require_director("list users")?;
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(
                "SELECT id, login, display_name, role, active FROM users
                 ORDER BY active DESC, role = 'staff', login",
            )
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([], user_from_row)
            .map_err(StoreError::from)?;
        Ok(rows
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?)
    })
}

fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<UserSummary> {
    Ok(UserSummary {
        id: r.get(0)?,
        login: r.get(1)?,
        display_name: r.get(2)?,
        role: Role::from_db(&r.get::<_, String>(3)?),
        active: r.get(4)?,
    })
}

fn find_user(tx: &Tx<'_>, login: &str) -> Result<Option<UserSummary>> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT id, login, display_name, role, active FROM users WHERE login = ?1",
            [login],
            user_from_row,
        )
        .optional()
        .map_err(StoreError::from)?)
}

fn active_directors(tx: &Tx<'_>) -> Result<i64> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT count(*) FROM users WHERE role = 'director' AND active = 1",
            [],
            |r| r.get(0),
        )
        .map_err(StoreError::from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names_are_normalised_and_checked() {
        assert_eq!(validate_login(" Ｙａｍａｄａ ").unwrap(), "yamada");
        assert!(validate_login("山田").is_err());
        assert!(validate_login("a").is_err());
        assert!(validate_login("a b").is_err());
    }

    #[test]
    fn short_passwords_are_refused_with_the_minimum_in_the_message() {
        let e = validate_password("1234567").unwrap_err();
        assert_eq!(e.message_ja(), "パスワードは8文字以上で入力してください。");
        assert!(validate_password("12345678").is_ok());
    }
}
