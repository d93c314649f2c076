//! The key-slot file (`keys.json`) beside the database.
//!
//! ```text
//! password ─Argon2id─► KEK ─opens─► user slot ─► master key (MK)
//! recovery code ─Argon2id─► KEK ─opens─► recovery slot ─► MK
//! MK ─opens─► database-key envelope ─► database key ─SQLCipher raw key─► hotto.db
//! ```
//! Login names are stored only as salted hashes, so the file names nobody. It is
//! always replaced whole and atomically (temp file, fsync, rename).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::keys::{KdfParams, Sealed, SecretKey};
use super::StoreError;

const FORMAT: &str = "hotto-keyslots";
const VERSION: u32 = 1;

/// The whole key-slot file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SlotFile {
    format: String,
    version: u32,
    /// The center this file belongs to (shared by all its PCs).
    pub center_id: String,
    login_salt: String,
    /// The database key sealed under the master key.
    pub database_key: DbKeyEnvelope,
    /// During a rekey: the key the file had before, until the rekey completes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_database_key: Option<DbKeyEnvelope>,
    /// One slot per user, plus the recovery slot.
    pub slots: Vec<Slot>,
}

/// The database key sealed under the master key.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DbKeyEnvelope {
    /// Counts rekeys, so that an envelope cannot be swapped for an older one unnoticed.
    pub generation: u32,
    #[serde(flatten)]
    sealed: Sealed,
}

/// Whose slot this is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SlotOwner {
    /// A user; found by the salted hash of the login name.
    User {
        /// The user's id in the database.
        user_id: String,
        /// SHA-256 of the file's login salt and the normalised login name, hex.
        login_tag: String,
    },
    /// The recovery code printed on the recovery sheet.
    Recovery,
}

/// The master key sealed under a key derived from one secret.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Slot {
    /// Random id, bound into the seal.
    pub id: String,
    /// Whose it is.
    #[serde(flatten)]
    pub owner: SlotOwner,
    /// How the key-encryption key is derived.
    pub kdf: KdfParams,
    #[serde(flatten)]
    sealed: Sealed,
}

impl Slot {
    /// Seals `master` under `secret` (a password or the recovery code).
    pub fn new(
        center_id: &str,
        owner: SlotOwner,
        secret: &[u8],
        master: &SecretKey,
    ) -> Result<Slot, StoreError> {
        let id = crate::ids::new_id();
        let kdf = KdfParams::new_default();
        let kek = kdf.derive(secret)?;
        let sealed = Sealed::seal(&kek, master, &slot_aad(center_id, &id, &owner))?;
        Ok(Slot {
            id,
            owner,
            kdf,
            sealed,
        })
    }

    /// The master key, if `secret` is this slot's.
    pub fn open(&self, center_id: &str, secret: &[u8]) -> Result<Option<SecretKey>, StoreError> {
        let kek = self.kdf.derive(secret)?;
        Ok(self
            .sealed
            .open(&kek, &slot_aad(center_id, &self.id, &self.owner)))
    }

    /// The user id, for a user slot.
    pub fn user_id(&self) -> Option<&str> {
        match &self.owner {
            SlotOwner::User { user_id, .. } => Some(user_id),
            SlotOwner::Recovery => None,
        }
    }
}

fn slot_aad(center_id: &str, slot_id: &str, owner: &SlotOwner) -> String {
    match owner {
        SlotOwner::User { user_id, login_tag } => {
            format!("hotto-slot-v1|{center_id}|{slot_id}|user|{user_id}|{login_tag}")
        }
        SlotOwner::Recovery => format!("hotto-slot-v1|{center_id}|{slot_id}|recovery"),
    }
}

fn db_key_aad(center_id: &str, generation: u32) -> String {
    format!("hotto-dbkey-v1|{center_id}|{generation}")
}

impl DbKeyEnvelope {
    /// Seals the database key under the master key.
    pub fn seal(
        center_id: &str,
        generation: u32,
        master: &SecretKey,
        db_key: &SecretKey,
    ) -> Result<Self, StoreError> {
        let sealed = Sealed::seal(master, db_key, &db_key_aad(center_id, generation))?;
        Ok(DbKeyEnvelope { generation, sealed })
    }

    /// The database key; an error when the master key does not open it.
    pub fn open(&self, center_id: &str, master: &SecretKey) -> Result<SecretKey, StoreError> {
        self.sealed
            .open(master, &db_key_aad(center_id, self.generation))
            .ok_or_else(|| StoreError::SlotFile("the database key envelope does not open".into()))
    }
}

impl SlotFile {
    /// A new file for a new center, with no slots yet.
    pub fn new(
        center_id: String,
        master: &SecretKey,
        db_key: &SecretKey,
    ) -> Result<Self, StoreError> {
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        let database_key = DbKeyEnvelope::seal(&center_id, 1, master, db_key)?;
        Ok(SlotFile {
            format: FORMAT.into(),
            version: VERSION,
            center_id,
            login_salt: hex::encode(salt),
            database_key,
            previous_database_key: None,
            slots: Vec::new(),
        })
    }

    /// Reads and checks the file.
    pub fn read(path: &Path) -> Result<Self, StoreError> {
        let bytes = fs::read(path).map_err(|e| StoreError::io("read", path, e))?;
        let file: SlotFile = serde_json::from_slice(&bytes)
            .map_err(|e| StoreError::SlotFile(format!("not a key-slot file ({e})")))?;
        if file.format != FORMAT {
            return Err(StoreError::SlotFile("not a key-slot file".into()));
        }
        if file.version > VERSION {
            return Err(StoreError::SlotFile(format!(
                "version {} is newer than this program's {VERSION}",
                file.version
            )));
        }
        Ok(file)
    }

    /// Replaces the file at `path` atomically: the old or the new file, never a broken one.
    pub fn write(&self, path: &Path) -> Result<(), StoreError> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|_| StoreError::Crypto("slot file serialisation"))?;
        write_atomically(path, &json)
    }

    /// The tag under which `login` is stored.
    pub fn login_tag(&self, login: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.login_salt.as_bytes());
        h.update(b"|");
        h.update(login.as_bytes());
        hex::encode(h.finalize())
    }

    /// The slot of the user with this (normalised) login name.
    pub fn user_slot(&self, login: &str) -> Option<&Slot> {
        let tag = self.login_tag(login);
        self.slots
            .iter()
            .find(|s| matches!(&s.owner, SlotOwner::User { login_tag, .. } if *login_tag == tag))
    }

    /// Every slot stored under this (normalised) login name: more than one only
    /// after two PCs added the same login while apart (sync keeps both accounts).
    pub fn user_slots<'a>(&'a self, login: &str) -> impl Iterator<Item = &'a Slot> + 'a {
        let tag = self.login_tag(login);
        self.slots.iter().filter(
            move |s| matches!(&s.owner, SlotOwner::User { login_tag, .. } if *login_tag == tag),
        )
    }

    /// The recovery slot.
    pub fn recovery_slot(&self) -> Option<&Slot> {
        self.slots.iter().find(|s| s.owner == SlotOwner::Recovery)
    }

    /// Adds or replaces the slot of `user_id` (a new user, a new password or login).
    pub fn put_user_slot(
        &mut self,
        user_id: &str,
        login: &str,
        password: &[u8],
        master: &SecretKey,
    ) -> Result<(), StoreError> {
        self.remove_user_slot(user_id);
        let owner = SlotOwner::User {
            user_id: user_id.to_string(),
            login_tag: self.login_tag(login),
        };
        let slot = Slot::new(&self.center_id, owner, password, master)?;
        self.slots.push(slot);
        Ok(())
    }

    /// Removes the slot of `user_id`, if any.
    pub fn remove_user_slot(&mut self, user_id: &str) {
        self.slots.retain(|s| s.user_id() != Some(user_id));
    }

    /// Replaces the recovery slot with one for `code`.
    pub fn put_recovery_slot(&mut self, code: &[u8], master: &SecretKey) -> Result<(), StoreError> {
        self.slots.retain(|s| s.owner != SlotOwner::Recovery);
        let slot = Slot::new(&self.center_id, SlotOwner::Recovery, code, master)?;
        self.slots.push(slot);
        Ok(())
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, fsynced, then renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = PendingFile::create(path)?;
    file.write_all(bytes)
        .map_err(|e| StoreError::io("write", file.temporary(), e))?;
    file.commit()
}

/// The temporary name beside `path` that [`PendingFile`] writes first.
fn temporary_name(path: &Path) -> PathBuf {
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    path.with_file_name(tmp_name)
}

/// Checks that a file can be made at `path` (its folder exists and takes new files) by
/// creating and removing a small file beside it: a read-only or missing folder is found
/// before any work is done or audited.
pub fn check_writable(path: &Path) -> Result<(), StoreError> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".check.tmp");
    let tmp = path.with_file_name(name);
    fs::File::create(&tmp).map_err(|e| StoreError::io("create", &tmp, e))?;
    fs::remove_file(&tmp).map_err(|e| StoreError::io("remove", &tmp, e))
}

/// A file being written for the user: bytes go to a temporary file beside `path`, which
/// [`PendingFile::commit`] fsyncs and renames into place. Dropped without a commit (a full
/// disk, an error on the way) it removes the temporary file, leaving `path` as it was.
pub struct PendingFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl PendingFile {
    /// Starts writing the file that will replace `path`.
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        let tmp = temporary_name(path);
        let file = fs::File::create(&tmp).map_err(|e| StoreError::io("create", &tmp, e))?;
        Ok(PendingFile {
            path: path.to_path_buf(),
            tmp,
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    /// The temporary file written to.
    pub fn temporary(&self) -> &Path {
        &self.tmp
    }

    /// Flushes, fsyncs and renames the file into place.
    pub fn commit(mut self) -> Result<(), StoreError> {
        let Some(writer) = self.file.take() else {
            return Ok(());
        };
        let file = writer
            .into_inner()
            .map_err(|e| StoreError::io("write", &self.tmp, e.into_error()))?;
        file.sync_all()
            .map_err(|e| StoreError::io("write", &self.tmp, e))?;
        drop(file);
        fs::rename(&self.tmp, &self.path).map_err(|e| StoreError::io("replace", &self.path, e))?;
        sync_parent(&self.path);
        Ok(())
    }
}

impl Write for PendingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("the file was already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        // After a commit the temporary name is gone and this does nothing.
        drop(self.file.take());
        let _ = fs::remove_file(&self.tmp);
    }
}

/// Makes the rename durable where the platform allows syncing a folder (not on Windows).
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        if let Ok(dir) = fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names_are_stored_only_as_salted_tags() {
        let master = SecretKey::random();
        let mut file = SlotFile::new("center".into(), &master, &SecretKey::random()).unwrap();
        file.put_user_slot("u1", "yamada", b"password", &master)
            .unwrap();
        let json = serde_json::to_string(&file).unwrap();
        assert!(!json.contains("yamada"));
        assert!(file.user_slot("yamada").is_some());
        assert!(file.user_slot("tanaka").is_none());
    }

    #[test]
    fn a_slot_opens_the_master_key_with_its_password_only() {
        let master = SecretKey::random();
        let db = SecretKey::random();
        let mut file = SlotFile::new("center".into(), &master, &db).unwrap();
        file.put_user_slot("u1", "yamada", b"password", &master)
            .unwrap();
        let slot = file.user_slot("yamada").unwrap();
        let opened = slot.open("center", b"password").unwrap().unwrap();
        assert_eq!(
            file.database_key.open("center", &opened).unwrap().expose(),
            db.expose()
        );
        assert!(slot.open("center", b"Password").unwrap().is_none());
        assert!(slot.open("other-center", b"password").unwrap().is_none());
    }
}
