//! The way back in when a password is lost or the software is gone: the recovery
//! code (its own key slot), the director's recovery sheet with the raw database
//! key, and `rekey`, which voids an old sheet.

use rand::RngCore;
use zeroize::Zeroizing;

use crate::error::{fields, Problem};
use crate::session::Session;
use crate::store::{DataDir, Store, StoreError};
use crate::{CoreError, Result};

/// Crockford's base-32 alphabet: no I, L, O, U, so that a code read off paper is unambiguous.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code (160 random bits).
const CODE_CHARS: usize = 32;

/// A recovery code: 32 characters of base 32, shown in groups of four.
pub struct RecoveryCode(Zeroizing<String>);

impl RecoveryCode {
    /// A fresh random code.
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 20]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        let mut code = String::with_capacity(CODE_CHARS);
        // 20 bytes = 160 bits = 32 groups of 5 bits.
        let mut acc: u64 = 0;
        let mut bits = 0;
        for &b in bytes.iter() {
            acc = (acc << 8) | u64::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                code.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
            }
        }
        RecoveryCode(Zeroizing::new(code))
    }

    /// Parses a code as typed: case, spaces, hyphens and the look-alikes O/I/L are forgiven.
    pub fn parse(input: &str) -> Result<Self> {
        let mut code = String::with_capacity(CODE_CHARS);
        for c in crate::text::nfkc(input).chars() {
            let c = match c.to_ascii_uppercase() {
                '-' | ' ' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
                return Err(CoreError::invalid(
                    fields::RECOVERY_CODE,
                    Problem::Format("unexpected character"),
                ));
            }
            code.push(c);
        }
        if code.is_empty() {
            return Err(CoreError::invalid(fields::RECOVERY_CODE, Problem::Empty));
        }
        if code.len() != CODE_CHARS {
            return Err(CoreError::invalid(
                fields::RECOVERY_CODE,
                Problem::Format("a code has 32 characters"),
            ));
        }
        Ok(RecoveryCode(Zeroizing::new(code)))
    }

    /// The form the slot is sealed with: 32 characters, no separators.
    pub fn normalised(&self) -> &str {
        &self.0
    }

    /// The form shown to people: `ABCD-EFGH-…` (eight groups of four).
    pub fn display(&self) -> Zeroizing<String> {
        let groups: Vec<&str> = (0..CODE_CHARS / 4)
            .map(|i| &self.0[i * 4..i * 4 + 4])
            .collect();
        Zeroizing::new(groups.join("-"))
    }
}

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(…)")
    }
}

/// Sets a new password for a director with the recovery code, when every director
/// password is lost. Audited as a recovery.
pub fn reset_director_password(
    dir: &DataDir,
    code: &RecoveryCode,
    login: &str,
    new_password: &str,
) -> Result<()> {
    crate::accounts::validate_password(new_password)?;
    let login = crate::accounts::normalise_login(login);
    let (mut store, session) = open_with_recovery_code(dir, code, &login)?;
    if !session.is_director() {
        return Err(CoreError::PermissionDenied {
            action: "reset a password with the recovery code",
        });
    }
    store.write_with_slots(&session, |tx, slots, master| {
        tx.audit(
            "recovery.reset_password",
            "user",
            Some(session.user_id()),
            "password reset with the recovery code",
        )?;
        slots.put_user_slot(session.user_id(), &login, new_password.as_bytes(), master)?;
        Ok(())
    })
}

/// Opens the store through the recovery slot, acting as the named active user.
pub fn open_with_recovery_code(
    dir: &DataDir,
    code: &RecoveryCode,
    login: &str,
) -> Result<(Store, Session)> {
    let lock = dir.lock()?;
    if !dir.is_initialised() {
        return Err(StoreError::NotInitialised(dir.path().to_path_buf()).into());
    }
    let slots = crate::store::slots::SlotFile::read(&dir.slot_file())?;
    let slot = slots.recovery_slot().ok_or(StoreError::WrongCredentials)?;
    let master = slot
        .open(&slots.center_id, code.normalised().as_bytes())?
        .ok_or(StoreError::WrongCredentials)?;
    let store = Store::unlock(dir, lock, slots, master)?;
    let user_id: Option<String> = store.raw_user_id_by_login(login)?;
    let user_id = user_id.ok_or(CoreError::NotFound { what: fields::USER })?;
    let session = store
        .session_for(&user_id)?
        .ok_or(CoreError::NotFound { what: fields::USER })?;
    Ok((store, session))
}

/// What the recovery sheet needs: a fresh recovery code (the old one stops working)
/// and the raw database key.
pub struct RecoverySecrets {
    /// The new recovery code.
    pub code: RecoveryCode,
    /// The raw SQLCipher key, 64 hex digits.
    pub raw_key_hex: Zeroizing<String>,
}

/// Issues a new recovery code and returns it with the raw database key, for the
/// director's recovery sheet (director only, audited). The code is never stored in
/// the clear, so each sheet carries a new code and voids the previous sheet's.
pub fn issue_recovery_secrets(store: &mut Store, actor: &Session) -> Result<RecoverySecrets> {
    actor.require_director("print the recovery sheet")?;
    let code = RecoveryCode::generate();
    let raw_key_hex = store.database_key()?.to_hex();
    store.write_with_slots(actor, |tx, slots, master| {
        tx.audit(
            "recovery.sheet",
            "center",
            None,
            "recovery sheet issued: new recovery code, raw database key disclosed",
        )?;
        slots.put_recovery_slot(code.normalised().as_bytes(), master)?;
        Ok(())
    })?;
    Ok(RecoverySecrets { code, raw_key_hex })
}

/// Gives the database a new key (director only, audited) and a new recovery code:
/// an old recovery sheet no longer opens anything. Users' passwords are unchanged.
pub fn rekey(store: &mut Store, actor: &Session) -> Result<RecoveryCode> {
    actor.require_director("rekey the database")?;
    store.check_session(actor)?;
    store.rekey_database()?;
    let code = RecoveryCode::generate();
    store.write_with_slots(actor, |tx, slots, master| {
        tx.audit(
            "center.rekey",
            "center",
            None,
            "database key replaced; new recovery code issued",
        )?;
        slots.put_recovery_slot(code.normalised().as_bytes(), master)?;
        Ok(())
    })?;
    Ok(code)
}

/// The director's one-page recovery sheet as PDF: a new recovery code and the raw
/// database key, with instructions for IT staff (director only, audited).
pub fn recovery_sheet_pdf(
    store: &mut Store,
    actor: &Session,
    issued_on: chrono::NaiveDate,
) -> Result<Vec<u8>> {
    let facility = store.center_meta("facility_name")?.unwrap_or_default();
    let secrets = issue_recovery_secrets(store, actor)?;
    let sheet = crate::reports::RecoverySheet {
        facility,
        issued: crate::calendar::format_wareki(issued_on),
        database_file: crate::store::DATABASE_FILE.to_string(),
        recovery_code: secrets.code.display().to_string(),
        raw_key_hex: secrets.raw_key_hex.to_string(),
        issued_by: actor.role().label_ja().to_string(),
    };
    crate::reports::recovery_sheet(&sheet).map_err(|e| CoreError::Document(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_from_its_display_form_with_look_alikes_forgiven() {
        let code = RecoveryCode::generate();
        let shown = code.display();
        assert_eq!(shown.len(), 39);
        let typed = shown.to_lowercase().replace('0', "o").replace('1', "l");
        assert_eq!(
            RecoveryCode::parse(&typed).unwrap().normalised(),
            code.normalised()
        );
    }

    #[test]
    fn a_short_or_foreign_code_is_refused() {
        assert!(RecoveryCode::parse("ABCD").is_err());
        assert!(RecoveryCode::parse("").is_err());
        assert!(RecoveryCode::parse(&"あ".repeat(32)).is_err());
    }
}
