//! Key material and the two primitives of the key hierarchy: Argon2id to turn a
//! password into a key-encryption key, XChaCha20-Poly1305 to seal one key under
//! another. Secrets are zeroized when dropped.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use super::StoreError;

/// A 256-bit secret key (master key, database key or key-encryption key).
#[derive(Clone)]
pub struct SecretKey(Zeroizing<[u8; 32]>);

impl SecretKey {
    /// A fresh key from the operating system's random source.
    pub fn random() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        SecretKey(bytes)
    }

    /// The raw bytes (only for SQLCipher's key pragma and the recovery sheet).
    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// Lower-case hex, zeroized when dropped.
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0.as_ref()))
    }

    /// A key from its 32 raw bytes (the caller zeroizes its own copy).
    pub fn from_bytes(bytes: &[u8; 32]) -> Self {
        SecretKey(Zeroizing::new(*bytes))
    }

    fn from_slice(bytes: &[u8]) -> Option<Self> {
        let mut key = Zeroizing::new([0u8; 32]);
        if bytes.len() != 32 {
            return None;
        }
        key.copy_from_slice(bytes);
        Some(SecretKey(key))
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Argon2id parameters, stored beside each sealed key so they can be raised later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Always "argon2id".
    pub alg: String,
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes.
    pub t: u32,
    /// Lanes.
    pub p: u32,
    /// Random salt, hex.
    pub salt: String,
}

/// Memory cost of new slots: 64 MiB.
pub const DEFAULT_M_KIB: u32 = 64 * 1024;
/// Passes of new slots.
pub const DEFAULT_T: u32 = 3;

impl KdfParams {
    /// Parameters for a new slot: 64 MiB, 3 passes, 1 lane, fresh salt.
    pub fn new_default() -> Self {
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        KdfParams {
            alg: "argon2id".into(),
            m_kib: DEFAULT_M_KIB,
            t: DEFAULT_T,
            p: 1,
            salt: hex::encode(salt),
        }
    }

    /// Derives the key-encryption key for `secret` (a password or recovery code).
    pub fn derive(&self, secret: &[u8]) -> Result<SecretKey, StoreError> {
        // Bounds keep a tampered slot from making us allocate gigabytes.
        if self.alg != "argon2id" || self.m_kib < 8 * 1024 || self.m_kib > 1024 * 1024 {
            return Err(StoreError::SlotFile(
                "unsupported key-derivation parameters".into(),
            ));
        }
        if self.t == 0 || self.t > 64 || self.p == 0 || self.p > 16 {
            return Err(StoreError::SlotFile(
                "unsupported key-derivation parameters".into(),
            ));
        }
        let salt =
            hex::decode(&self.salt).map_err(|_| StoreError::SlotFile("salt is not hex".into()))?;
        let params = Params::new(self.m_kib, self.t, self.p, Some(32))
            .map_err(|_| StoreError::Crypto("argon2 parameters"))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(secret, &salt, out.as_mut())
            .map_err(|_| StoreError::Crypto("argon2"))?;
        Ok(SecretKey(out))
    }
}

/// A key sealed under another key: nonce and ciphertext, both hex.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    /// 24-byte XChaCha20 nonce, hex.
    pub nonce: String,
    /// Ciphertext with its 16-byte tag, hex.
    pub sealed: String,
}

impl Sealed {
    /// Seals `key` under `kek`, binding it to `aad` (which slot, which center).
    pub fn seal(kek: &SecretKey, key: &SecretKey, aad: &str) -> Result<Sealed, StoreError> {
        let cipher = XChaCha20Poly1305::new(kek.expose().into());
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let payload = Payload {
            msg: key.expose(),
            aad: aad.as_bytes(),
        };
        let ciphertext = cipher
            .encrypt(XNonce::from_slice(&nonce), payload)
            .map_err(|_| StoreError::Crypto("seal"))?;
        Ok(Sealed {
            nonce: hex::encode(nonce),
            sealed: hex::encode(ciphertext),
        })
    }

    /// Opens the sealed key; `None` when `kek` or `aad` is not the one it was sealed with.
    pub fn open(&self, kek: &SecretKey, aad: &str) -> Option<SecretKey> {
        let nonce = hex::decode(&self.nonce).ok().filter(|n| n.len() == 24)?;
        let ciphertext = hex::decode(&self.sealed).ok()?;
        let cipher = XChaCha20Poly1305::new(kek.expose().into());
        let payload = Payload {
            msg: &ciphertext,
            aad: aad.as_bytes(),
        };
        let mut plain = cipher.decrypt(XNonce::from_slice(&nonce), payload).ok()?;
        let key = SecretKey::from_slice(&plain);
        plain.zeroize();
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn light() -> KdfParams {
        KdfParams {
            m_kib: 8 * 1024,
            t: 1,
            ..KdfParams::new_default()
        }
    }

    #[test]
    fn a_sealed_key_opens_only_with_its_password_and_binding() {
        let params = light();
        let kek = params.derive(b"correct horse").unwrap();
        let key = SecretKey::random();
        let sealed = Sealed::seal(&kek, &key, "slot-1").unwrap();
        let opened = sealed.open(&kek, "slot-1").unwrap();
        assert_eq!(opened.expose(), key.expose());
        assert!(sealed.open(&kek, "slot-2").is_none());
        let wrong = params.derive(b"wrong horse").unwrap();
        assert!(sealed.open(&wrong, "slot-1").is_none());
    }

    #[test]
    fn default_parameters_meet_the_minimum_cost() {
        let p = KdfParams::new_default();
        assert!(p.m_kib >= 64 * 1024 && p.t >= 3);
    }

    #[test]
    fn tampered_parameters_are_refused_before_allocating() {
        let p = KdfParams {
            m_kib: 64 * 1024 * 1024,
            ..light()
        };
        assert!(p.derive(b"x").is_err());
    }
}
