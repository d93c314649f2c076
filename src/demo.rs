//! `hotto demo`: a fictional center to try the software on. Every name is
//! obviously made up; the demo accounts are published in the README and shown on
//! the sign-in screen of a demo data dir.

use std::fs;

use crate::accounts::{self, NewUser};
use crate::session::Role;
use crate::store::{
    slots::write_atomically, DataDir, DemoAccount, NewCenter, Store, StoreError, DEMO_ACCOUNTS_FILE,
};
use crate::{CoreError, Result};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "hotto-demo";

/// The demo accounts: (login, display name, role).
const ACCOUNTS: &[(&str, &str, Role)] = &[
    ("director", "見本 一郎", Role::Director),
    ("shuro1", "試験 花子", Role::Staff),
    ("seikatsu1", "架空 次郎", Role::Staff),
];

/// Builds the demo center in `dir`, replacing an earlier demo there; refuses to touch
/// a data dir that holds a real center.
pub fn build(dir: &DataDir) -> Result<Vec<DemoAccount>> {
    clear_previous_demo(dir)?;
    let (director_login, director_name, _) = ACCOUNTS[0];
    let center = NewCenter {
        facility_name: "小平市障害者就労・生活支援センター ほっと（デモ）",
        login: director_login,
        display_name: director_name,
        password: DEMO_PASSWORD,
    };
    let (mut store, director, _recovery) = Store::init(dir, &center)?;
    for &(login, display_name, role) in &ACCOUNTS[1..] {
        let new = NewUser {
            login,
            display_name,
            role,
            password: DEMO_PASSWORD,
        };
        accounts::add_user(&mut store, &director, &new)?;
    }
    let demo: Vec<DemoAccount> = ACCOUNTS
        .iter()
        .map(|&(login, display_name, role)| DemoAccount {
            login: login.to_string(),
            display_name: display_name.to_string(),
            role,
            password: DEMO_PASSWORD.to_string(),
        })
        .collect();
    let json = serde_json::to_vec_pretty(&demo).map_err(|e| CoreError::Document(e.to_string()))?;
    write_atomically(&dir.path().join(DEMO_ACCOUNTS_FILE), &json)?;
    Ok(demo)
}

fn clear_previous_demo(dir: &DataDir) -> Result<()> {
    if !dir.is_initialised() && !dir.database().exists() {
        return Ok(());
    }
    if dir.demo_accounts().is_empty() {
        return Err(StoreError::AlreadyInitialised(dir.path().to_path_buf()).into());
    }
    let _lock = dir.lock()?;
    for name in [
        "hotto.db",
        "hotto.db-wal",
        "hotto.db-shm",
        "keys.json",
        DEMO_ACCOUNTS_FILE,
    ] {
        let path = dir.path().join(name);
        if path.exists() {
            fs::remove_file(&path).map_err(|e| StoreError::io("remove", &path, e))?;
        }
    }
    Ok(())
}
