//! What the app keeps between commands: the data dir, the open store with its
//! session (only while someone is signed in) and the sign-in throttle.

use std::sync::{Mutex, MutexGuard, PoisonError};

use hotto::{CoreError, DataDir, Session, SignInThrottle, Store};

use crate::error::AppError;

/// The open store and who opened it. Dropping it closes the database and
/// forgets the key.
pub struct Signed {
    /// The unlocked database.
    pub store: Store,
    /// The signed-in user.
    pub session: Session,
}

/// Tauri-managed state of the one window.
pub struct AppState {
    data_dir: DataDir,
    signed: Mutex<Option<Signed>>,
    throttle: Mutex<SignInThrottle>,
}

impl AppState {
    /// Nobody signed in yet.
    pub fn new(data_dir: DataDir) -> Self {
        AppState {
            data_dir,
            signed: Mutex::new(None),
            throttle: Mutex::new(SignInThrottle::new()),
        }
    }

    /// The folder of this center's files.
    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    /// The open store and session, if someone is signed in.
    pub fn signed(&self) -> MutexGuard<'_, Option<Signed>> {
        // A panic while holding the lock leaves no half-done write behind (the
        // store rolls back an open transaction on drop), so the state stays usable.
        self.signed.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The back-off for failed sign-ins.
    pub fn throttle(&self) -> MutexGuard<'_, SignInThrottle> {
        self.throttle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `work` with the open store and session; `invalid_session` when
    /// nobody is signed in (the UI then returns to the sign-in screen).
    ///
    /// Every command that touches casework goes through here, so the core's
    /// error is mapped in one place and the store is never reached unsigned.
    pub fn with_signed<T>(
        &self,
        work: impl FnOnce(&mut Store, &Session) -> Result<T, CoreError>,
    ) -> Result<T, AppError> {
        let mut guard = self.signed();
        let signed = guard.as_mut().ok_or(CoreError::InvalidSession)?;
        Ok(work(&mut signed.store, &signed.session)?)
    }
}
