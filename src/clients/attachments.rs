//! Scanned forms and assessments attached to a client, kept inside the encrypted
//! database. Only PDF, PNG and JPEG (recognised by their first bytes, not by a name)
//! up to 20 MB; every opening and deletion is written to the audit log.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{fields, require_client, today, Db};
use crate::ids::{AttachmentId, ClientId};
use crate::session::Session;
use crate::store::Store;
use crate::text::single_line;
use crate::{CoreError, Result};

/// The largest attachment accepted: 20 MB (20 × 1024 × 1024 bytes).
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// An attachment as listed: everything but its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttachmentMeta {
    /// Id.
    pub id: AttachmentId,
    /// Client.
    pub client_id: ClientId,
    /// Title, e.g. アセスメントシート.
    pub title: String,
    /// `application/pdf`, `image/png` or `image/jpeg`.
    pub media_type: String,
    /// Size in bytes.
    pub byte_size: i64,
    /// Date added.
    pub added_on: NaiveDate,
}

/// An opened attachment: its metadata and bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttachmentContent {
    /// Metadata.
    pub meta: AttachmentMeta,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The media type of a PDF, PNG or JPEG, read from its first bytes.
fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

fn check_content(bytes: &[u8]) -> Result<&'static str> {
    if bytes.is_empty() {
        return Err(CoreError::rule(
            "the file is empty",
            "ファイルが空です。添付するファイルを確かめてください。",
        ));
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(CoreError::rule(
            "the file is larger than 20 MB",
            "添付できるファイルは20MBまでです。",
        ));
    }
    sniff_media_type(bytes).ok_or_else(|| {
        CoreError::rule(
            "only PDF, PNG and JPEG files can be attached",
            "添付できるのはPDF・PNG・JPEGのファイルのみです。",
        )
    })
}

/// Attaches a file to a client.
pub fn add_attachment(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
    title: &str,
    bytes: &[u8],
) -> Result<AttachmentId> {
    let title = single_line(fields::ATTACHMENT_TITLE, title, 100)?;
    let media_type = check_content(bytes)?;
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        let id = AttachmentId::new();
        tx.conn()
            .execute(
                "INSERT INTO attachments (id, client_id, title, media_type, byte_size, content,
                                          added_on, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    client_id,
                    title,
                    media_type,
                    bytes.len() as i64,
                    bytes,
                    today(),
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        tx.audit(
            "attachment.add",
            "attachment",
            Some(id.as_str()),
            &format!("{media_type} attached to client {client_id}"),
        )?;
        Ok(id)
    })
}

const SELECT_META: &str =
    "SELECT id, client_id, title, media_type, byte_size, added_on FROM attachments";

fn meta(r: &rusqlite::Row<'_>) -> rusqlite::Result<AttachmentMeta> {
    Ok(AttachmentMeta {
        id: r.get(0)?,
        client_id: r.get(1)?,
        title: r.get(2)?,
        media_type: r.get(3)?,
        byte_size: r.get(4)?,
        added_on: r.get(5)?,
    })
}

/// A client's attachments (metadata only), newest first.
pub fn list_attachments(
    store: &Store,
    actor: &Session,
    client_id: &ClientId,
) -> Result<Vec<AttachmentMeta>> {
    store.read(actor, |conn| attachments_of(conn, client_id))
}

pub(super) fn attachments_of(
    conn: &Connection,
    client_id: &ClientId,
) -> Result<Vec<AttachmentMeta>> {
    let mut stmt = conn
        .prepare(&format!(
            "{SELECT_META} WHERE client_id = ?1 ORDER BY added_on DESC, id DESC"
        ))
        .db()?;
    let rows = stmt.query_map([client_id], meta).db()?;
    rows.collect::<rusqlite::Result<_>>().db()
}

/// Opens an attachment; every opening is written to the audit log (`attachment.open`).
pub fn open_attachment(
    store: &mut Store,
    actor: &Session,
    id: &AttachmentId,
) -> Result<AttachmentContent> {
    store.write(actor, |tx| {
        let found = tx
            .conn()
            .query_row(
                "SELECT id, client_id, title, media_type, byte_size, added_on, content
                 FROM attachments WHERE id = ?1",
                [id],
                |r| {
                    Ok(AttachmentContent {
                        meta: meta(r)?,
                        bytes: r.get(6)?,
                    })
                },
            )
            .optional()
            .db()?;
        let content = found.ok_or(CoreError::NotFound {
            what: fields::ATTACHMENT,
        })?;
        tx.audit(
            "attachment.open",
            "attachment",
            Some(id.as_str()),
            &format!("opened (client {})", content.meta.client_id),
        )?;
        Ok(content)
    })
}

/// Deletes an attachment (the UI asks for confirmation first); the deletion is audited.
pub fn delete_attachment(store: &mut Store, actor: &Session, id: &AttachmentId) -> Result<()> {
    store.write(actor, |tx| {
        let client: Option<ClientId> = tx
            .conn()
            .query_row(
                "SELECT client_id FROM attachments WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .db()?;
        let client = client.ok_or(CoreError::NotFound {
            what: fields::ATTACHMENT,
        })?;
        tx.conn()
            .execute("DELETE FROM attachments WHERE id = ?1", [id])
            .db()?;
        tx.audit(
            "attachment.delete",
            "attachment",
            Some(id.as_str()),
            &format!("deleted (client {client})"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_type_comes_from_the_first_bytes() {
        assert_eq!(sniff_media_type(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(
            sniff_media_type(b"\x89PNG\r\n\x1a\n\0\0"),
            Some("image/png")
        );
        assert_eq!(
            sniff_media_type(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(sniff_media_type(b"PK\x03\x04 a docx"), None);
        assert_eq!(sniff_media_type(b"GIF89a"), None);
    }
}
