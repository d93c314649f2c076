//! The encrypted store: one SQLCipher file per center and PC, opened with a raw
//! 256-bit key that only the key-slot file can give, for one signed-in user.
//!
//! Every write goes through [`Store::write`], which runs it in one transaction
//! together with its audit row.

pub mod audit;
mod datadir;
mod error;
pub mod keys;
mod migrations;
pub mod slots;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};

use self::audit::AuditEvent;
pub use self::audit::{AuditEntry, AuditFilter, ChainReport};
pub use self::datadir::{
    is_portable_file_name, DataDir, DemoAccount, DirLock, DATABASE_FILE, DEMO_ACCOUNTS_FILE,
    SLOT_FILE,
};
pub use self::error::StoreError;
use self::keys::SecretKey;
#[cfg(test)]
pub(crate) use self::migrations::migrate;
pub use self::migrations::LATEST as SCHEMA_VERSION;
use self::slots::{DbKeyEnvelope, SlotFile};
use crate::clients::ClientKeys;
use crate::session::{Role, Session};
use crate::{CoreError, Result};

/// An open, unlocked database of one center on this PC.
pub struct Store {
    conn: Connection,
    dir: DataDir,
    slots: SlotFile,
    master: SecretKey,
    device_id: String,
    tag: u64,
    /// Every client's search key, kept between searches as you type (`clients::paging`).
    client_keys: Mutex<Option<ClientKeys>>,
    _lock: DirLock,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("device_id", &self.device_id)
            .finish()
    }
}

/// Distinguishes the sessions of each opened store, so that a session cannot be
/// used on a store it was not issued by.
static NEXT_TAG: AtomicU64 = AtomicU64::new(1);

/// The first director of a new center.
#[derive(Clone, Debug)]
pub struct NewCenter<'a> {
    /// The facility's name, printed on every report.
    pub facility_name: &'a str,
    /// The director's login name.
    pub login: &'a str,
    /// The director's display name.
    pub display_name: &'a str,
    /// The director's password.
    pub password: &'a str,
}

/// The current time as stored: UTC, RFC 3339 with milliseconds.
pub fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Store {
    /// Sets up a new center in an empty data dir: database, key slots, the first
    /// director, and a recovery code that is returned once and never stored in the clear.
    pub fn init(
        dir: &DataDir,
        center: &NewCenter<'_>,
    ) -> Result<(Store, Session, crate::recovery::RecoveryCode)> {
        let login = crate::accounts::validate_login(center.login)?;
        let display_name = crate::accounts::validate_display_name(center.display_name)?;
        crate::accounts::validate_password(center.password)?;
        let facility = crate::text::single_line(
            crate::error::fields::FACILITY_NAME,
            center.facility_name,
            100,
        )?;

        let lock = dir.lock()?;
        if dir.slot_file().exists() || dir.database().exists() {
            return Err(StoreError::AlreadyInitialised(dir.path().to_path_buf()).into());
        }
        let master = SecretKey::random();
        let db_key = SecretKey::random();
        let center_id = crate::ids::new_id();
        let mut slots = SlotFile::new(center_id.clone(), &master, &db_key)?;
        let user_id = crate::ids::new_id();
        let recovery = crate::recovery::RecoveryCode::generate();
        slots.put_user_slot(&user_id, &login, center.password.as_bytes(), &master)?;
        slots.put_recovery_slot(recovery.normalised().as_bytes(), &master)?;

        let mut conn = open_connection(dir, &db_key, true)?;
        migrations::migrate(&mut conn)?;
        let device_id = crate::ids::new_id();
        let now = now_text();
        {
            let tx = conn.transaction().map_err(StoreError::from)?;
            tx.execute(
                "INSERT INTO local_device (device_id, created_at) VALUES (?1, ?2)",
                [&device_id, &now],
            )
            .map_err(StoreError::from)?;
            for (key, value) in [
                ("center_id", center_id.as_str()),
                ("facility_name", &facility),
                ("created_at", &now),
            ] {
                tx.execute(
                    "INSERT INTO center_meta (key, value, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)",
                    [key, value, &now, &user_id],
                )
                .map_err(StoreError::from)?;
            }
            tx.execute(
                "INSERT INTO users (id, login, display_name, role, active, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, 'director', 1, ?4, ?4, ?1)",
                [&user_id, &login, &display_name, &now],
            )
            .map_err(StoreError::from)?;
            let event = AuditEvent {
                actor_id: Some(&user_id),
                action: "center.init",
                entity_kind: "center",
                entity_id: Some(&center_id),
                summary: "database created with its first director and a recovery code",
            };
            audit::append(&tx, &device_id, &now, event)?;
            // The slot file is written last: without it the new database is unreadable,
            // so a crash before this line leaves nothing half-usable behind.
            slots.write(&dir.slot_file())?;
            tx.commit().map_err(StoreError::from)?;
        }
        let tag = NEXT_TAG.fetch_add(1, Ordering::Relaxed);
        let session = Session::new(user_id, login, display_name, Role::Director, tag);
        let store = Store {
            conn,
            dir: dir.clone(),
            slots,
            master,
            device_id,
            tag,
            client_keys: Mutex::new(None),
            _lock: lock,
        };
        Ok((store, session, recovery))
    }

    /// Unlocks the database with `login` and `password` and signs the user in.
    ///
    /// A wrong login or password fails before the database is touched, so no file changes.
    pub fn sign_in(dir: &DataDir, login: &str, password: &str) -> Result<(Store, Session)> {
        let login = crate::accounts::normalise_login(login);
        let lock = dir.lock()?;
        let slots = read_slots(dir)?;
        let Some(first) = slots.user_slot(&login) else {
            // Spend the same time as a real attempt, so that timing does not reveal logins.
            let _ = keys::KdfParams::new_default().derive(password.as_bytes());
            return Err(StoreError::WrongCredentials.into());
        };
        // Two accounts under one login (added on two PCs while apart): the password tells them apart.
        let mut opened = None;
        for slot in std::iter::once(first).chain(slots.user_slots(&login).skip(1)) {
            if let Some(master) = slot.open(&slots.center_id, password.as_bytes())? {
                opened = Some((master, slot.user_id().unwrap_or_default().to_string()));
                break;
            }
        }
        let (master, user_id) = opened.ok_or(StoreError::WrongCredentials)?;
        let mut store = Store::unlock(dir, lock, slots, master)?;
        let session = store
            .session_for(&user_id)?
            .ok_or(StoreError::WrongCredentials)?;
        store.write(&session, |tx| {
            tx.audit(
                "session.sign_in",
                "user",
                Some(&user_id),
                "signed in with password",
            )
        })?;
        Ok((store, session))
    }

    /// Opens the database with the master key from a slot, finishing an interrupted rekey.
    pub(crate) fn unlock(
        dir: &DataDir,
        lock: DirLock,
        mut slots: SlotFile,
        master: SecretKey,
    ) -> Result<Store> {
        let db_key = slots.database_key.open(&slots.center_id, &master)?;
        let conn = match open_connection(dir, &db_key, false) {
            Ok(conn) => conn,
            Err(StoreError::DatabaseKey) if slots.previous_database_key.is_some() => {
                // A rekey stopped before the database took the new key: go back to the old one.
                let previous = slots
                    .previous_database_key
                    .take()
                    .unwrap_or_else(|| slots.database_key.clone());
                let old_key = previous.open(&slots.center_id, &master)?;
                let conn = open_connection(dir, &old_key, false)?;
                slots.database_key = previous;
                slots.write(&dir.slot_file())?;
                conn
            }
            Err(e) => return Err(e.into()),
        };
        if slots.previous_database_key.is_some() {
            // The database already has the new key: the rekey only missed its last step.
            slots.previous_database_key = None;
            slots.write(&dir.slot_file())?;
        }
        let mut conn = conn;
        migrations::migrate(&mut conn)?;
        let device_id: String = conn
            .query_row("SELECT device_id FROM local_device LIMIT 1", [], |r| {
                r.get(0)
            })
            .map_err(StoreError::from)?;
        let tag = NEXT_TAG.fetch_add(1, Ordering::Relaxed);
        Ok(Store {
            conn,
            dir: dir.clone(),
            slots,
            master,
            device_id,
            tag,
            client_keys: Mutex::new(None),
            _lock: lock,
        })
    }

    /// A session for an active user of this store.
    pub(crate) fn session_for(&self, user_id: &str) -> Result<Option<Session>> {
        let row = self
            .conn
            .query_row(
                "SELECT login, display_name, role FROM users WHERE id = ?1 AND active = 1",
                [user_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()
            .map_err(StoreError::from)?;
        Ok(row.map(|(login, name, role)| {
            Session::new(
                user_id.to_string(),
                login,
                name,
                Role::from_db(&role),
                self.tag,
            )
        }))
    }

    /// Checks that `actor` was issued by this store and is still an active user
    /// with the role it claims (a removed or demoted user loses access at once).
    pub fn check_session(&self, actor: &Session) -> Result<()> {
        if actor.store_tag() != self.tag {
            return Err(CoreError::InvalidSession);
        }
        let role: Option<String> = self
            .conn
            .query_row(
                "SELECT role FROM users WHERE id = ?1 AND active = 1",
                [actor.user_id()],
                |r| r.get(0),
            )
            .optional()
            .map_err(StoreError::from)?;
        match role {
            Some(role) if Role::from_db(&role) == actor.role() => Ok(()),
            _ => Err(CoreError::InvalidSession),
        }
    }

    /// Runs `f` in one transaction for `actor`; every change it makes and its audit
    /// rows are committed together, or nothing is.
    pub fn write<T>(
        &mut self,
        actor: &Session,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.check_session(actor)?;
        // Sync: once this PC syncs, the session records this write's changeset, which
        // goes into the outbox in the same transaction (src/sync/capture.rs).
        let capture = crate::sync::capture::start(&self.conn)?;
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(StoreError::from)?;
        let mut wrapped = Tx {
            tx,
            actor,
            device_id: &self.device_id,
            now: now_text(),
        };
        let value = f(&mut wrapped)?;
        crate::sync::capture::finish(capture, &wrapped.tx, &self.device_id)?;
        wrapped.tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Runs `f` in a transaction that is always rolled back, on success and on error alike:
    /// a rehearsal under every rule of a real write (the CSV import's dry run) that keeps
    /// nothing, audit rows included.
    pub(crate) fn rehearse<T>(
        &mut self,
        actor: &Session,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.check_session(actor)?;
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let mut wrapped = Tx {
            tx,
            actor,
            device_id: &self.device_id,
            now: now_text(),
        };
        let value = f(&mut wrapped);
        wrapped.tx.rollback().map_err(StoreError::from)?;
        value
    }

    /// Runs a read-only query for `actor`.
    pub fn read<T>(&self, actor: &Session, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.check_session(actor)?;
        f(&self.conn)
    }

    /// The clients' search keys kept in memory, if read (`clients::paging` keeps them true).
    pub(crate) fn client_keys(&self) -> &Mutex<Option<ClientKeys>> {
        &self.client_keys
    }

    /// The data dir this store lives in.
    pub fn data_dir(&self) -> &DataDir {
        &self.dir
    }

    /// This install's device id.
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// The center's id (shared by all its PCs).
    pub fn center_id(&self) -> &str {
        &self.slots.center_id
    }

    /// A value of the center's metadata (`facility_name`, `created_at`, …).
    pub fn center_meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM center_meta WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(StoreError::from)?)
    }

    /// The connection, for crate services that read outside a session check (backup).
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn slots(&self) -> &SlotFile {
        &self.slots
    }

    pub(crate) fn master(&self) -> &SecretKey {
        &self.master
    }

    /// Writes a changed slot file and keeps it as the current one; used inside a
    /// write so that a failed file write rolls the database change back.
    pub(crate) fn replace_slots(
        dir: &DataDir,
        current: &mut SlotFile,
        next: SlotFile,
    ) -> Result<()> {
        next.write(&dir.slot_file())?;
        *current = next;
        Ok(())
    }

    /// Runs `f` in a transaction and, before committing, replaces the slot file with
    /// what `f` returned: the account change and its slot change land together.
    pub(crate) fn write_with_slots<T>(
        &mut self,
        actor: &Session,
        f: impl FnOnce(&mut Tx<'_>, &mut SlotFile, &SecretKey) -> Result<T>,
    ) -> Result<T> {
        self.check_session(actor)?;
        let mut next = self.slots.clone();
        let capture = crate::sync::capture::start(&self.conn)?;
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(StoreError::from)?;
        let mut wrapped = Tx {
            tx,
            actor,
            device_id: &self.device_id,
            now: now_text(),
        };
        let value = f(&mut wrapped, &mut next, &self.master)?;
        // The changed slots travel to the other PCs as rows of `sync_keyring`.
        crate::sync::keyring::put_changes(
            &wrapped.tx,
            &self.slots,
            &next,
            &wrapped.now,
            actor.user_id(),
        )?;
        crate::sync::capture::finish(capture, &wrapped.tx, &self.device_id)?;
        Store::replace_slots(&self.dir, &mut self.slots, next)?;
        wrapped.tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Replaces the slot file with `next` (sync: accounts changed on another PC).
    pub(crate) fn set_slots(&mut self, next: SlotFile) -> Result<()> {
        Store::replace_slots(&self.dir, &mut self.slots, next)
    }

    /// The raw database key, for the director's recovery sheet only.
    pub(crate) fn database_key(&self) -> Result<SecretKey> {
        Ok(self
            .slots
            .database_key
            .open(&self.slots.center_id, &self.master)?)
    }

    /// Gives the database a new random key and reseals it under the master key.
    ///
    /// Crash-safe in three steps: the slot file first learns the new key while
    /// keeping the old one, then SQLCipher rewrites every page under its journal,
    /// then the old key is dropped from the slot file. An open after a crash at any
    /// point finds whichever key the file has.
    pub(crate) fn rekey_database(&mut self) -> Result<()> {
        let new_key = SecretKey::random();
        let generation = self.slots.database_key.generation + 1;
        let mut pending = self.slots.clone();
        pending.previous_database_key = Some(self.slots.database_key.clone());
        pending.database_key =
            DbKeyEnvelope::seal(&pending.center_id, generation, &self.master, &new_key)?;
        Store::replace_slots(&self.dir, &mut self.slots, pending)?;

        let hex = new_key.to_hex();
        self.conn
            .pragma_update(None, "journal_mode", "DELETE")
            .map_err(StoreError::from)?;
        let pragma = zeroize::Zeroizing::new(format!("PRAGMA rekey = \"x'{}'\";", hex.as_str()));
        let rekeyed = self.conn.execute_batch(&pragma);
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(StoreError::from)?;
        rekeyed.map_err(StoreError::from)?;

        let mut done = self.slots.clone();
        done.previous_database_key = None;
        Store::replace_slots(&self.dir, &mut self.slots, done)
    }

    /// Runs `PRAGMA integrity_check`; `Ok(vec!["ok"])` when sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(StoreError::from)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(StoreError::from)?;
        Ok(rows
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?)
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(migrations::version(&self.conn)?)
    }
}

/// A write in progress: the transaction, the acting user and the audit helper.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    actor: &'a Session,
    device_id: &'a str,
    now: String,
}

impl Tx<'_> {
    /// The connection inside the transaction.
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    /// The acting user.
    pub fn actor(&self) -> &Session {
        self.actor
    }

    /// The time of this write (UTC, RFC 3339), for `updated_at` columns.
    pub fn now(&self) -> &str {
        &self.now
    }

    /// Appends the audit row of this write (summary without personal data).
    pub fn audit(
        &mut self,
        action: &str,
        entity_kind: &str,
        entity_id: Option<&str>,
        summary: &str,
    ) -> Result<()> {
        let event = AuditEvent {
            actor_id: Some(self.actor.user_id()),
            action,
            entity_kind,
            entity_id,
            summary,
        };
        audit::append(&self.tx, self.device_id, &self.now, event)?;
        Ok(())
    }
}

fn read_slots(dir: &DataDir) -> Result<SlotFile> {
    if !dir.slot_file().exists() {
        return Err(StoreError::NotInitialised(dir.path().to_path_buf()).into());
    }
    Ok(SlotFile::read(&dir.slot_file())?)
}

/// Gives a fresh connection its raw key (the first statement on it).
pub(crate) fn key_connection(conn: &Connection, key: &SecretKey) -> Result<(), StoreError> {
    // SQLCipher would print its own "hmac check failed" lines on a wrong key;
    // users and scripts should see only our one-line message.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    let hex = key.to_hex();
    let pragma = zeroize::Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex.as_str()));
    conn.execute_batch(&pragma)?;
    Ok(())
}

/// Opens the database file with its raw key and sets the connection up.
fn open_connection(dir: &DataDir, key: &SecretKey, create: bool) -> Result<Connection, StoreError> {
    let path = dir.database();
    if !create && !path.exists() {
        return Err(StoreError::NotInitialised(dir.path().to_path_buf()));
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(&path, flags)?;
    key_connection(&conn, key)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => {}
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(StoreError::DatabaseKey)
        }
        Err(e) => return Err(e.into()),
    }
    // An 8 MiB page cache (SQLite's default is 2 MiB): every page read from the file is
    // decrypted and checked, so a client page reopened, or a worklist refreshed, should find
    // its pages already decrypted. Bounded: the app's memory target counts it.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -8192;
         PRAGMA busy_timeout = 5000;",
    )?;
    Ok(conn)
}

/// Opens the database with a raw key in hex, outside any session: for tests and
/// for the IT staff's recovery path. Read-write; no migration is applied.
pub fn open_with_raw_key(dir: &DataDir, key_hex: &str) -> Result<Connection, StoreError> {
    let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
    hex::decode_to_slice(key_hex.trim(), bytes.as_mut()).map_err(|_| StoreError::DatabaseKey)?;
    open_connection(dir, &SecretKey::from_bytes(&bytes), false)
}

impl Store {
    /// The id of the active user with this normalised login (no session needed:
    /// used only after the store was unlocked with a key slot).
    pub(crate) fn raw_user_id_by_login(&self, login: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM users WHERE login = ?1 AND active = 1",
                [login],
                |r| r.get(0),
            )
            .optional()
            .map_err(StoreError::from)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_store() -> (tempfile::TempDir, DataDir, Store, Session) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::at(tmp.path());
        let center = NewCenter {
            facility_name: "テスト",
            login: "director",
            display_name: "施設長",
            password: "password-123",
        };
        let (store, session, _) = Store::init(&dir, &center).unwrap();
        (tmp, dir, store, session)
    }

    #[test]
    fn an_open_after_a_crash_before_the_rekey_finds_the_old_key_and_tidies_the_slot_file() {
        let (_tmp, dir, store, _) = new_store();
        // Step 1 of a rekey happened (slot file knows a new key), step 2 did not.
        let mut pending = store.slots.clone();
        pending.previous_database_key = Some(pending.database_key.clone());
        pending.database_key =
            DbKeyEnvelope::seal(&pending.center_id, 2, &store.master, &SecretKey::random())
                .unwrap();
        pending.write(&dir.slot_file()).unwrap();
        drop(store);

        let (store, _) = Store::sign_in(&dir, "director", "password-123").unwrap();
        assert!(store.slots.previous_database_key.is_none());
        assert_eq!(store.slots.database_key.generation, 1);
        drop(store);
        let on_disk = SlotFile::read(&dir.slot_file()).unwrap();
        assert!(on_disk.previous_database_key.is_none());
    }

    #[test]
    fn an_open_after_a_crash_after_the_database_took_the_new_key_completes_the_rekey() {
        let (_tmp, dir, mut store, _) = new_store();
        store.rekey_database().unwrap();
        // Put back the state between steps 2 and 3: the old envelope still listed.
        let mut pending = store.slots.clone();
        let old = DbKeyEnvelope::seal(&pending.center_id, 1, &store.master, &SecretKey::random())
            .unwrap();
        pending.previous_database_key = Some(old);
        pending.write(&dir.slot_file()).unwrap();
        drop(store);

        let (store, session) = Store::sign_in(&dir, "director", "password-123").unwrap();
        assert!(store.slots.previous_database_key.is_none());
        assert_eq!(store.slots.database_key.generation, 2);
        assert_eq!(store.integrity_check().unwrap(), ["ok"]);
        store.check_session(&session).unwrap();
    }

    #[test]
    fn a_session_from_another_store_is_refused() {
        let (_a, _, mut store_a, _) = new_store();
        let (_b, _, _store_b, session_b) = new_store();
        let err = store_a.write(&session_b, |_| Ok(())).unwrap_err();
        assert_eq!(err.code(), "invalid_session");
    }
}
