//! Helpers shared by the integration tests: a fresh center in a temp folder.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use hotto::accounts::{self, NewUser};
use hotto::store::NewCenter;
use hotto::{DataDir, Role, Session, Store};

pub const DIRECTOR: &str = "sato";
pub const DIRECTOR_PASSWORD: &str = "director-pass-1";

/// A new center in a temp dir with one director, signed in.
pub fn new_center() -> (tempfile::TempDir, DataDir, Store, Session) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = DataDir::at(tmp.path().join("data"));
    let center = NewCenter {
        facility_name: "テスト支援センター",
        login: DIRECTOR,
        display_name: "佐藤 施設長",
        password: DIRECTOR_PASSWORD,
    };
    let (store, session, _code) = Store::init(&dir, &center).expect("init");
    (tmp, dir, store, session)
}

/// Adds a staff account.
pub fn add_staff(
    store: &mut Store,
    director: &Session,
    login: &str,
    name: &str,
    password: &str,
) -> String {
    let new = NewUser {
        login,
        display_name: name,
        role: Role::Staff,
        password,
    };
    accounts::add_user(store, director, &new).expect("add user")
}

/// Every file in `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
