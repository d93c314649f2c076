//! The sealed files of the sync folder: XChaCha20-Poly1305 under a sync key
//! derived from the center's master key, with the file's center, device and
//! sequence bound as associated data. A file that was altered, cut short,
//! renamed or written by another center does not open.
//!
//! ```text
//! "HOTTOSYNC" 0x01 '\n' | 24-byte nonce | ciphertext of the body (with its tag)
//! ```

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::store::keys::SecretKey;
use crate::store::StoreError;

const MAGIC: &[u8; 11] = b"HOTTOSYNC\x01\n";

/// The key of a center's sync folder: SHA-256 of a label, the center id and the
/// master key. The master key never changes (passwords reseal it, a rekey does not
/// touch it), so neither does the sync key.
pub(crate) fn sync_key(center_id: &str, master: &SecretKey) -> SecretKey {
    let mut h = Sha256::new();
    h.update(b"hotto-sync-key-v1|");
    h.update(center_id.as_bytes());
    h.update(b"|");
    h.update(master.expose());
    let digest = Zeroizing::new(<[u8; 32]>::from(h.finalize()));
    SecretKey::from_bytes(&digest)
}

/// Why a file of the sync folder was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a sync file at all, or too short to be one.
    NotASyncFile,
    /// The seal does not open: altered, cut short, renamed, or another center's file.
    DoesNotOpen,
    /// It opened but its contents do not read.
    Unreadable,
    /// Written by a newer version of the software.
    TooNew,
}

impl Refusal {
    /// English, for the CLI and logs.
    pub fn reason(&self) -> &'static str {
        match self {
            Refusal::NotASyncFile => "it is not a ほっと sync file",
            Refusal::DoesNotOpen => {
                "its seal does not open: it was changed or cut short, or it belongs to another center"
            }
            Refusal::Unreadable => "its contents do not read",
            Refusal::TooNew => "it was written by a newer version of ほっと: update this PC",
        }
    }

    /// Japanese, for the app.
    pub fn reason_ja(&self) -> &'static str {
        match self {
            Refusal::NotASyncFile => "ほっとの同期ファイルではありません",
            Refusal::DoesNotOpen => {
                "ファイルが壊れているか途中で切れています。または別の施設のファイルです"
            }
            Refusal::Unreadable => "ファイルの中身を読み取れません",
            Refusal::TooNew => {
                "新しい版のほっとで作られています。このPCのソフトウェアを更新してください"
            }
        }
    }
}

/// Seals `body` under `key`, bound to `aad`.
pub(crate) fn seal(key: &SecretKey, aad: &str, body: &[u8]) -> Result<Vec<u8>, StoreError> {
    let cipher = XChaCha20Poly1305::new(key.expose().into());
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: body,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| StoreError::Crypto("sync seal"))?;
    let mut out = Vec::with_capacity(MAGIC.len() + nonce.len() + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens a sealed file, or says why not.
pub(crate) fn open(key: &SecretKey, aad: &str, bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    if bytes.len() < MAGIC.len() + 24 + 16 || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Refusal::NotASyncFile);
    }
    let (nonce, sealed) = bytes[MAGIC.len()..].split_at(24);
    let cipher = XChaCha20Poly1305::new(key.expose().into());
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| Refusal::DoesNotOpen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_body_opens_only_whole_with_its_key_and_binding() {
        let key = SecretKey::random();
        let sealed = seal(&key, "a|1", b"changes").unwrap();
        assert_eq!(open(&key, "a|1", &sealed).unwrap(), b"changes");
        assert_eq!(open(&key, "a|2", &sealed), Err(Refusal::DoesNotOpen));
        assert_eq!(
            open(&SecretKey::random(), "a|1", &sealed),
            Err(Refusal::DoesNotOpen)
        );
        assert_eq!(
            open(&key, "a|1", &sealed[..sealed.len() - 1]),
            Err(Refusal::DoesNotOpen)
        );
        assert_eq!(open(&key, "a|1", b"junk"), Err(Refusal::NotASyncFile));
    }
}
