//! Forgetting a PC that was replaced or broke: compaction waits for every PC that
//! acknowledges the folder, so a PC that is gone would keep every file forever.
//! The director forgets it; a sealed file in the folder tells every PC, and the
//! forgotten PC itself is refused if it ever syncs again.

use super::folder::{self, Ack, Forgotten};
use super::{put_state, seal};
use crate::error::Field;
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::{CoreError, Result};

/// The `sync_state` key prefix that marks a PC forgotten here.
pub(crate) const FORGOTTEN_PREFIX: &str = "forgotten:";

/// Forgets the PC `device_id` (director, audited): the others no longer wait for
/// it before tidying the folder. What it already sent stays applied; if it syncs
/// again it is refused and must be set up again from a new enrolment file.
pub fn forget_device(store: &mut Store, actor: &Session, device_id: &str) -> Result<()> {
    actor.require_director("forget a PC")?;
    if device_id == store.device_id() {
        return Err(CoreError::rule(
            "this PC cannot forget itself: forget it from another PC",
            "このPC自身は同期から外せません。ほかのPCで操作してください。",
        ));
    }
    let known: bool = store.read(actor, |conn| {
        Ok(conn
            .prepare("SELECT 1 FROM sync_applied WHERE device_id = ?1")
            .map_err(StoreError::from)?
            .exists([device_id])
            .map_err(StoreError::from)?)
    })?;
    if !known {
        return Err(CoreError::NotFound {
            what: Field::new("device", "PC"),
        });
    }
    let sync_folder = super::folder(store, actor)?.ok_or_else(|| {
        CoreError::rule(
            "no sync folder is set: a PC is forgotten through the folder",
            "同期フォルダが設定されていません。PCを外すには同期フォルダが必要です。",
        )
    })?;
    let unreachable = |e: StoreError| {
        CoreError::rule(
            format!("the sync folder cannot be used ({e}); nothing was changed"),
            "同期フォルダに書き込めませんでした。ネットワークやUSBメモリを確認してください。何も変更していません。",
        )
    };
    folder::check(&sync_folder).map_err(unreachable)?;
    let key = seal::sync_key(store.center_id(), store.master());
    let forgotten = Forgotten {
        device_id: device_id.to_string(),
        at: crate::store::now_text(),
        by_device: store.device_id().to_string(),
    };
    folder::write_forgotten(&sync_folder, &key, store.center_id(), &forgotten)
        .map_err(unreachable)?;
    folder::remove_ack(&sync_folder, device_id).map_err(unreachable)?;
    store.write(actor, |tx| {
        put_state(
            tx.conn(),
            &format!("{FORGOTTEN_PREFIX}{device_id}"),
            &forgotten.at,
        )?;
        tx.audit(
            "sync.forget_device",
            "device",
            Some(device_id),
            "a replaced PC was forgotten: the folder no longer waits for it",
        )
    })
}

/// The refusal a forgotten PC gets when it tries to sync.
pub(crate) fn refused_as_forgotten() -> CoreError {
    CoreError::rule(
        "this PC was forgotten by the director (replaced): set it up again from a new enrolment file (`sync export-enrolment` on an up-to-date PC, then `sync join` into an empty data dir)",
        "このPCは所長の操作で同期から外されています（入れ替え済みのPCです）。最新のPCで新しい登録ファイルを作り、空のデータフォルダにこのPCを登録し直してください。",
    )
}

/// Reads the forgotten PCs from the folder, refuses this PC if it is one of them,
/// remembers the others here and drops their acknowledgements from `acks`.
pub(crate) fn apply_forgotten(
    store: &Store,
    sync_folder: &std::path::Path,
    key: &crate::store::keys::SecretKey,
    acks: &mut Vec<Ack>,
) -> Result<()> {
    let forgotten = folder::read_forgotten(sync_folder, key, store.center_id())?;
    if forgotten.iter().any(|f| f.device_id == store.device_id()) {
        return Err(refused_as_forgotten());
    }
    for f in &forgotten {
        store
            .connection()
            .execute(
                "INSERT OR IGNORE INTO sync_state (key, value) VALUES (?1, ?2)",
                [format!("{FORGOTTEN_PREFIX}{}", f.device_id), f.at.clone()],
            )
            .map_err(StoreError::from)?;
    }
    acks.retain(|a| !forgotten.iter().any(|f| f.device_id == a.device_id));
    Ok(())
}
