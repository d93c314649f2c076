//! The sealed files of the sync folder: XChaCha20-Poly1305 under a sync key
//! derived from the center's master key, with the file's center, device and
//! sequence bound as associated data. A file that was altered, cut short,
//! renamed or written by another center does not open.
//!
//! ```text
//! "HOTTOSYNC" 0x01 '\n' | 24-byte nonce | ciphertext of the body (with its tag)
//! ```
//!
//! Bodies too large to hold in memory (the folder's snapshot: a copy of the whole
//! database) are sealed as a stream of 1 MiB chunks instead (the STREAM construction:
//! each chunk's nonce is a random prefix, the chunk's number and a last-chunk flag, so
//! that chunks cannot be reordered, dropped or cut off without the stream failing):
//!
//! ```text
//! "HOTTOSTRM" 0x01 '\n' | 19-byte nonce prefix | chunk 0 | chunk 1 | … | last chunk
//! chunk = ciphertext of up to 1 MiB (with its 16-byte tag)
//! ```

use std::io::{Read, Write};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::store::keys::SecretKey;
use crate::store::StoreError;

const MAGIC: &[u8; 11] = b"HOTTOSYNC\x01\n";
const STREAM_MAGIC: &[u8; 11] = b"HOTTOSTRM\x01\n";
/// Plaintext bytes per chunk of a sealed stream.
const CHUNK: usize = 1 << 20;
const TAG: usize = 16;
const PREFIX: usize = 19;

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

/// The nonce of chunk `index` of a stream: prefix, big-endian chunk number, last flag.
fn chunk_nonce(prefix: &[u8; PREFIX], index: u32, last: bool) -> XNonce {
    let mut nonce = [0u8; 24];
    nonce[..PREFIX].copy_from_slice(prefix);
    nonce[PREFIX..PREFIX + 4].copy_from_slice(&index.to_be_bytes());
    nonce[23] = u8::from(last);
    *XNonce::from_slice(&nonce)
}

/// Reads until `buf` is full or the input ends; returns how many bytes were read.
fn fill(input: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Seals everything `input` gives into `output` as a stream of chunks bound to `aad`,
/// holding one chunk in memory at a time. I/O errors come back as `std::io::Error`
/// for the caller to name the file.
pub(crate) fn seal_stream(
    key: &SecretKey,
    aad: &str,
    input: &mut dyn Read,
    output: &mut dyn Write,
) -> std::io::Result<()> {
    let cipher = XChaCha20Poly1305::new(key.expose().into());
    let mut prefix = [0u8; PREFIX];
    rand::rngs::OsRng.fill_bytes(&mut prefix);
    output.write_all(STREAM_MAGIC)?;
    output.write_all(&prefix)?;
    // One chunk read ahead: a chunk is the last when nothing follows it.
    let mut current = vec![0u8; CHUNK];
    let mut next = vec![0u8; CHUNK];
    let mut len = fill(input, &mut current)?;
    let mut index = 0u32;
    loop {
        let next_len = if len == CHUNK {
            fill(input, &mut next)?
        } else {
            0
        };
        let last = next_len == 0;
        let sealed = cipher
            .encrypt(
                &chunk_nonce(&prefix, index, last),
                Payload {
                    msg: &current[..len],
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| std::io::Error::other("sync stream seal"))?;
        output.write_all(&sealed)?;
        if last {
            return Ok(());
        }
        std::mem::swap(&mut current, &mut next);
        len = next_len;
        index = index
            .checked_add(1)
            .ok_or_else(|| std::io::Error::other("sync stream too long"))?;
    }
}

/// Opens a sealed stream from `input` into `output`, one chunk at a time. What was
/// written before a chunk failed must be thrown away by the caller (write to a
/// temporary file and rename only on success).
pub(crate) fn open_stream(
    key: &SecretKey,
    aad: &str,
    input: &mut dyn Read,
    output: &mut dyn Write,
) -> Result<(), Refusal> {
    let mut head = [0u8; 11 + PREFIX];
    if fill(input, &mut head).map_err(|_| Refusal::Unreadable)? < head.len()
        || &head[..STREAM_MAGIC.len()] != STREAM_MAGIC
    {
        return Err(Refusal::NotASyncFile);
    }
    let mut prefix = [0u8; PREFIX];
    prefix.copy_from_slice(&head[STREAM_MAGIC.len()..]);
    let cipher = XChaCha20Poly1305::new(key.expose().into());
    let mut current = vec![0u8; CHUNK + TAG];
    let mut next = vec![0u8; CHUNK + TAG];
    let mut len = fill(input, &mut current).map_err(|_| Refusal::Unreadable)?;
    let mut index = 0u32;
    loop {
        let next_len = if len == CHUNK + TAG {
            fill(input, &mut next).map_err(|_| Refusal::Unreadable)?
        } else {
            0
        };
        let last = next_len == 0;
        let plain = cipher
            .decrypt(
                &chunk_nonce(&prefix, index, last),
                Payload {
                    msg: &current[..len],
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Refusal::DoesNotOpen)?;
        output.write_all(&plain).map_err(|_| Refusal::Unreadable)?;
        if last {
            return Ok(());
        }
        std::mem::swap(&mut current, &mut next);
        len = next_len;
        index = index.checked_add(1).ok_or(Refusal::DoesNotOpen)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed_stream(key: &SecretKey, body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        seal_stream(key, "snap|1", &mut &body[..], &mut out).unwrap();
        out
    }

    fn opened_stream(key: &SecretKey, aad: &str, sealed: &[u8]) -> Result<Vec<u8>, Refusal> {
        let mut out = Vec::new();
        open_stream(key, aad, &mut &sealed[..], &mut out).map(|()| out)
    }

    #[test]
    fn a_sealed_stream_opens_whole_at_every_chunk_boundary() {
        let key = SecretKey::random();
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 5] {
            let body: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let sealed = sealed_stream(&key, &body);
            assert_eq!(
                opened_stream(&key, "snap|1", &sealed).unwrap(),
                body,
                "{len}"
            );
        }
    }

    #[test]
    fn a_stream_cut_at_a_chunk_boundary_altered_or_rebound_does_not_open() {
        let key = SecretKey::random();
        let body: Vec<u8> = (0..2 * CHUNK + 10).map(|i| (i % 7) as u8).collect();
        let sealed = sealed_stream(&key, &body);
        let header = STREAM_MAGIC.len() + PREFIX;
        // Cut after the first or the second whole chunk: the remaining last one is not
        // marked last, so the stream is refused rather than read short.
        for chunks in [1, 2] {
            let cut = &sealed[..header + chunks * (CHUNK + TAG)];
            assert_eq!(
                opened_stream(&key, "snap|1", cut),
                Err(Refusal::DoesNotOpen)
            );
        }
        let mut altered = sealed.clone();
        altered[header + CHUNK + TAG + 3] ^= 1;
        assert_eq!(
            opened_stream(&key, "snap|1", &altered),
            Err(Refusal::DoesNotOpen)
        );
        assert_eq!(
            opened_stream(&key, "snap|2", &sealed),
            Err(Refusal::DoesNotOpen)
        );
        assert_eq!(
            opened_stream(&SecretKey::random(), "snap|1", &sealed),
            Err(Refusal::DoesNotOpen)
        );
        assert_eq!(
            opened_stream(&key, "snap|1", b"junk"),
            Err(Refusal::NotASyncFile)
        );
    }

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
