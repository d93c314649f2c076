//! Who is acting: the signed-in user, their role, and the permission checks every
//! core service makes (the UI hiding a button is never the only guard).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::{CoreError, Result};

/// A user's role (DOMAIN.md › Who uses the software).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 施設長: everything, plus staff/FTE, accounts, plan, audit log.
    Director,
    /// 職員 (coordinators): casework.
    Staff,
}

impl Role {
    /// The Japanese label shown in the app.
    pub fn label_ja(&self) -> &'static str {
        match self {
            Role::Director => "施設長",
            Role::Staff => "職員",
        }
    }

    /// The value stored in the database.
    pub fn as_db(&self) -> &'static str {
        match self {
            Role::Director => "director",
            Role::Staff => "staff",
        }
    }

    /// Parses the stored value; anything unknown is the least privileged role.
    pub fn from_db(s: &str) -> Role {
        if s == "director" {
            Role::Director
        } else {
            Role::Staff
        }
    }

    /// Parses a role typed by a person (`director`, `staff`, 施設長, 職員).
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "director" | "施設長" => Some(Role::Director),
            "staff" | "職員" => Some(Role::Staff),
            _ => None,
        }
    }
}

/// The signed-in user. Only the store that signed the user in issues one, and
/// every service checks it against that store before acting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    user_id: String,
    login: String,
    display_name: String,
    role: Role,
    #[serde(skip)]
    store_tag: u64,
}

impl Session {
    pub(crate) fn new(
        user_id: String,
        login: String,
        display_name: String,
        role: Role,
        store_tag: u64,
    ) -> Self {
        Session {
            user_id,
            login,
            display_name,
            role,
            store_tag,
        }
    }

    /// The user's id.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// The login name.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The name shown in the app.
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Whether the user is the director.
    pub fn is_director(&self) -> bool {
        self.role == Role::Director
    }

    pub(crate) fn store_tag(&self) -> u64 {
        self.store_tag
    }

    /// Fails unless the user is a director; `action` names the attempt for logs.
    pub fn require_director(&self, action: &'static str) -> Result<()> {
        if self.is_director() {
            Ok(())
        } else {
            Err(CoreError::PermissionDenied { action })
        }
    }
}

/// Slows down repeated failed sign-ins for one login: nothing for the first three
/// failures, then 1, 2, 4, … seconds, at most 30. Kept in memory so that a failed
/// attempt changes no file.
#[derive(Debug, Default)]
pub struct SignInThrottle {
    failures: HashMap<String, (u32, Instant)>,
}

impl SignInThrottle {
    /// An empty throttle.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long to wait before answering the next attempt for `login`.
    pub fn delay_for(&self, login: &str) -> Duration {
        let Some((count, last)) = self.failures.get(&crate::accounts::normalise_login(login))
        else {
            return Duration::ZERO;
        };
        let wanted = backoff(*count);
        wanted.saturating_sub(last.elapsed())
    }

    /// Notes a failed attempt.
    pub fn record_failure(&mut self, login: &str) {
        let entry = self
            .failures
            .entry(crate::accounts::normalise_login(login))
            .or_insert((0, Instant::now()));
        entry.0 += 1;
        entry.1 = Instant::now();
    }

    /// Forgets the failures after a successful sign-in.
    pub fn record_success(&mut self, login: &str) {
        self.failures
            .remove(&crate::accounts::normalise_login(login));
    }
}

fn backoff(failures: u32) -> Duration {
    if failures < 3 {
        return Duration::ZERO;
    }
    let secs = 1u64 << (failures - 3).min(5);
    Duration::from_secs(secs.min(30))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_failures_slow_down_sign_in_for_that_login_only() {
        let mut t = SignInThrottle::new();
        for _ in 0..3 {
            t.record_failure("yamada");
        }
        assert!(t.delay_for("yamada") > Duration::from_millis(500));
        assert!(
            t.delay_for("YAMADA") > Duration::ZERO,
            "logins are compared normalised"
        );
        assert_eq!(t.delay_for("tanaka"), Duration::ZERO);
        t.record_success("yamada");
        assert_eq!(t.delay_for("yamada"), Duration::ZERO);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(2), Duration::ZERO);
        assert_eq!(backoff(3), Duration::from_secs(1));
        assert_eq!(backoff(5), Duration::from_secs(4));
        assert_eq!(backoff(40), Duration::from_secs(30));
    }
}
