//! The backup file: one file that carries the encrypted database pages and the
//! key slots as they were, so that it restores on a replacement PC with the same
//! passwords (or the recovery code). A trailing SHA-256 refuses a cut or altered file.
//!
//! ```text
//! "HOTTOBAK" 0x01 '\n' | u64 LE manifest length | manifest JSON |
//! u64 LE database length | database bytes (SQLCipher, encrypted) | SHA-256 of all before
//! ```
//!
//! Both lengths come before the bytes they describe, so the file is written and read
//! as a stream through one [`CHUNK`]-sized buffer, the hash computed on the way: memory
//! stays a few MB whatever the size of the database. (Version 1 was always laid out so;
//! only the code that wrote and read it held the whole file in memory.)

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::slots::{PendingFile, SlotFile};
use crate::store::StoreError;

const MAGIC: &[u8; 10] = b"HOTTOBAK\x01\n";

/// The one buffer a backup or a restore streams through (1 MiB).
pub const CHUNK: usize = 1 << 20;

/// A manifest is counts, ids and key slots: far below this; a larger length is a damaged file.
const MAX_MANIFEST: u64 = 16 << 20;

/// Bytes around the manifest and the database: magic, two lengths, the SHA-256.
const FRAMING: u64 = MAGIC.len() as u64 + 8 + 8 + 32;

/// What a backup says about itself (no personal data: counts and ids only).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Always "hotto-backup".
    pub format: String,
    /// Container version.
    pub version: u32,
    /// When the backup was made (UTC, RFC 3339).
    pub created_at: String,
    /// The center.
    pub center_id: String,
    /// The PC it was made on.
    pub device_id: String,
    /// Schema version of the database inside.
    pub schema_version: u32,
    /// Rows per table at the time of the backup.
    pub row_counts: BTreeMap<String, i64>,
    /// The key slots as they were.
    pub slots: SlotFile,
}

/// A backup file parsed whole into memory (small files: enrolment of a new PC, tests).
/// Backups and restores use the streaming [`write`], [`check_file`] and [`unpack_database`].
pub struct Container {
    /// Its manifest.
    pub manifest: Manifest,
    /// The encrypted database file's bytes.
    pub database: Vec<u8>,
}

fn corrupt(why: &str) -> StoreError {
    StoreError::SlotFile(format!("not a complete backup file ({why})"))
}

impl Container {
    /// Serialises the container in memory (the version-1 writer the app used until
    /// backups were streamed; kept for small files and to test that old files still read).
    pub fn to_bytes(&self) -> Result<Vec<u8>, StoreError> {
        let manifest =
            serde_json::to_vec(&self.manifest).map_err(|_| StoreError::Crypto("manifest"))?;
        let mut out = Vec::with_capacity(self.database.len() + manifest.len() + 64);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(manifest.len() as u64).to_le_bytes());
        out.extend_from_slice(&manifest);
        out.extend_from_slice(&(self.database.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.database);
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        Ok(out)
    }

    /// Parses and checks a container held in memory.
    pub fn from_bytes(bytes: &[u8]) -> Result<Container, StoreError> {
        let mut database = Vec::new();
        let read = read_stream(&mut &bytes[..], bytes.len() as u64, &mut |b| {
            database.extend_from_slice(b);
            Ok(())
        })?;
        Ok(Container {
            manifest: read.manifest,
            database,
        })
    }

    /// Reads and checks the container at `path` into memory (the database bytes once).
    pub fn read(path: &Path) -> Result<Container, StoreError> {
        let mut database = Vec::new();
        let manifest = read_file(path, &mut |b| {
            database.extend_from_slice(b);
            Ok(())
        })?;
        Ok(Container { manifest, database })
    }
}

/// Streams a backup of the database file `database` (exactly `db_len` bytes, which must
/// not change meanwhile) into a temporary `path.partial` beside `path`, hashed on the way,
/// fsynced, then read back whole and checked against its hash. `progress` gets the bytes
/// streamed so far out of `2 × db_len` (written, then read back). A full disk or a
/// read-only folder fails with the temporary file removed; the file reaches `path` only
/// through [`Unpublished::publish`], so nothing half-written or unchecked is ever there.
pub fn write(
    path: &Path,
    manifest: &Manifest,
    database: &Path,
    db_len: u64,
    progress: &mut dyn FnMut(u64),
) -> Result<Unpublished, StoreError> {
    let mut pending = Unpublished {
        tmp: path.with_extension("partial"),
        path: path.to_path_buf(),
        size: 0,
        published: false,
    };
    pending.size = write_and_check(&pending.tmp, manifest, database, db_len, progress)?;
    Ok(pending)
}

/// A written and read-back backup still under its temporary name; removed when dropped
/// unpublished.
pub struct Unpublished {
    tmp: PathBuf,
    path: PathBuf,
    size: u64,
    published: bool,
}

impl Unpublished {
    /// Renames the file to its final name (and makes the rename durable); returns its size.
    pub fn publish(mut self) -> Result<u64, StoreError> {
        std::fs::rename(&self.tmp, &self.path)
            .map_err(|e| StoreError::io("write", &self.path, e))?;
        self.published = true;
        sync_parent(&self.path);
        Ok(self.size)
    }
}

impl Drop for Unpublished {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

fn write_and_check(
    tmp: &Path,
    manifest: &Manifest,
    database: &Path,
    db_len: u64,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, StoreError> {
    let manifest = serde_json::to_vec(manifest).map_err(|_| StoreError::Crypto("manifest"))?;
    let write_err = |e| StoreError::io("write", tmp, e);
    let mut out = File::create(tmp).map_err(write_err)?;
    let mut source = File::open(database).map_err(|e| StoreError::io("read", database, e))?;
    let mut hasher = Sha256::new();
    let mut put = |out: &mut File, bytes: &[u8]| -> Result<(), StoreError> {
        hasher.update(bytes);
        out.write_all(bytes).map_err(write_err)
    };
    put(&mut out, MAGIC)?;
    put(&mut out, &(manifest.len() as u64).to_le_bytes())?;
    put(&mut out, &manifest)?;
    put(&mut out, &db_len.to_le_bytes())?;
    let mut buf = vec![0u8; CHUNK];
    let mut copied = 0u64;
    while copied < db_len {
        let want = usize::try_from(db_len - copied).map_or(CHUNK, |left| left.min(CHUNK));
        source
            .read_exact(&mut buf[..want])
            .map_err(|e| StoreError::io("read", database, e))?;
        put(&mut out, &buf[..want])?;
        copied += want as u64;
        progress(copied);
    }
    let digest = hasher.finalize();
    out.write_all(&digest).map_err(write_err)?;
    out.sync_all().map_err(write_err)?;
    drop(out);
    drop(buf);

    // Read back what reached the disk: the hash of the whole file must be the one
    // computed from the database as it was read.
    let size = std::fs::metadata(tmp).map_err(write_err)?.len();
    let mut checked = 0u64;
    let read = read_stream(
        &mut File::open(tmp).map_err(|e| StoreError::io("read", tmp, e))?,
        size,
        &mut |b| {
            checked += b.len() as u64;
            progress(db_len + checked);
            Ok(())
        },
    )?;
    if read.digest != digest.as_slice() || checked != db_len {
        return Err(corrupt("read back differs from what was written"));
    }
    Ok(size)
}

/// Reads the whole container at `path` through one buffer and checks its length and
/// SHA-256; returns its manifest. Nothing is kept in memory but the manifest.
pub fn check_file(path: &Path) -> Result<Manifest, StoreError> {
    read_file(path, &mut |_| Ok(()))
}

/// Writes the database inside the container at `path` to `dest` (through `dest.tmp`,
/// fsynced and renamed only once the whole file's SHA-256 matched), returning the manifest.
/// A cut or altered file leaves `dest` as it was.
pub fn unpack_database(path: &Path, dest: &Path) -> Result<Manifest, StoreError> {
    let mut out = PendingFile::create(dest)?;
    let tmp: PathBuf = out.temporary().to_path_buf();
    let manifest = read_file(path, &mut |b| {
        out.write_all(b)
            .map_err(|e| StoreError::io("write", &tmp, e))
    })?;
    out.commit()?;
    Ok(manifest)
}

fn read_file(
    path: &Path,
    sink: &mut dyn FnMut(&[u8]) -> Result<(), StoreError>,
) -> Result<Manifest, StoreError> {
    let mut file = File::open(path).map_err(|e| StoreError::io("read", path, e))?;
    let len = file
        .metadata()
        .map_err(|e| StoreError::io("read", path, e))?
        .len();
    let read = read_stream(&mut file, len, sink).map_err(|e| match e {
        StoreError::Io { source, .. } => StoreError::io("read", path, source),
        other => other,
    })?;
    Ok(read.manifest)
}

/// A container read through to its end.
struct ReadThrough {
    manifest: Manifest,
    digest: [u8; 32],
}

/// Reads a container of `len` bytes from `input`, passing the database bytes to `sink`
/// chunk by chunk; the manifest is parsed only once the SHA-256 of everything matched.
fn read_stream(
    input: &mut dyn Read,
    len: u64,
    sink: &mut dyn FnMut(&[u8]) -> Result<(), StoreError>,
) -> Result<ReadThrough, StoreError> {
    let read_err = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            corrupt("the file was cut short")
        } else {
            StoreError::io("read", "backup", e)
        }
    };
    if len < FRAMING {
        return Err(corrupt("no backup header"));
    }
    let mut hasher = Sha256::new();
    let mut magic = [0u8; MAGIC.len()];
    input.read_exact(&mut magic).map_err(read_err)?;
    if &magic != MAGIC {
        return Err(corrupt("no backup header"));
    }
    hasher.update(magic);
    let manifest_len = read_u64(input, &mut hasher).map_err(read_err)?;
    if manifest_len > MAX_MANIFEST || manifest_len > len - FRAMING {
        return Err(corrupt(
            "checksum mismatch: the file was cut short or changed",
        ));
    }
    let mut manifest_bytes = vec![0u8; manifest_len as usize];
    input.read_exact(&mut manifest_bytes).map_err(read_err)?;
    hasher.update(&manifest_bytes);
    let db_len = read_u64(input, &mut hasher).map_err(read_err)?;
    if Some(len) != db_len.checked_add(manifest_len + FRAMING) {
        return Err(corrupt(
            "checksum mismatch: the file was cut short or changed (its length)",
        ));
    }
    let mut buf = vec![0u8; CHUNK.min(usize::try_from(db_len).unwrap_or(CHUNK))];
    let mut left = db_len;
    while left > 0 {
        let want = usize::try_from(left).map_or(buf.len(), |l| l.min(buf.len()));
        input.read_exact(&mut buf[..want]).map_err(read_err)?;
        hasher.update(&buf[..want]);
        sink(&buf[..want])?;
        left -= want as u64;
    }
    let mut digest = [0u8; 32];
    input.read_exact(&mut digest).map_err(read_err)?;
    if hasher.finalize().as_slice() != digest {
        return Err(corrupt(
            "checksum mismatch: the file was cut short or changed",
        ));
    }
    let manifest: Manifest =
        serde_json::from_slice(&manifest_bytes).map_err(|_| corrupt("unreadable manifest"))?;
    if manifest.format != "hotto-backup" {
        return Err(corrupt("not a hotto backup"));
    }
    Ok(ReadThrough { manifest, digest })
}

fn read_u64(input: &mut dyn Read, hasher: &mut Sha256) -> std::io::Result<u64> {
    let mut raw = [0u8; 8];
    input.read_exact(&mut raw)?;
    hasher.update(raw);
    Ok(u64::from_le_bytes(raw))
}

/// Makes a rename durable (the folder's entry), where the OS allows it.
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
