//! The hybrid logical clock: wall-clock milliseconds, a counter for changes in
//! the same millisecond, and the device id as the tie-break. Encoded as text that
//! sorts in clock order, so SQL and Rust compare clocks as plain strings.

use rusqlite::{Connection, OptionalExtension};

use crate::store::StoreError;

/// One reading of the clock.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hlc {
    /// Milliseconds since 1970 (UTC).
    pub millis: i64,
    /// Changes within the same millisecond.
    pub counter: u32,
    /// The device that made the change.
    pub device: String,
}

impl Hlc {
    /// `0001733000000000-000000-<device>`: sorts as the clock does.
    pub fn encode(&self) -> String {
        format!("{:016}-{:06}-{}", self.millis, self.counter, self.device)
    }

    /// Reads an encoded clock.
    pub fn parse(text: &str) -> Option<Hlc> {
        let mut parts = text.splitn(3, '-');
        let millis = parts.next()?.parse().ok()?;
        let counter = parts.next()?.parse().ok()?;
        let device = parts.next()?.to_string();
        Some(Hlc {
            millis,
            counter,
            device,
        })
    }

    /// The next reading on `device` after `last`, at wall time `now_millis`:
    /// never earlier than anything this device has made or seen.
    pub fn tick(last: Option<&Hlc>, now_millis: i64, device: &str) -> Hlc {
        match last {
            Some(last) if last.millis >= now_millis => Hlc {
                millis: last.millis,
                counter: last.counter + 1,
                device: device.to_string(),
            },
            _ => Hlc {
                millis: now_millis,
                counter: 0,
                device: device.to_string(),
            },
        }
    }
}

const CLOCK_KEY: &str = "clock";

fn last(conn: &Connection) -> Result<Option<Hlc>, StoreError> {
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM sync_state WHERE key = ?1",
            [CLOCK_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.as_deref().and_then(Hlc::parse))
}

fn store(conn: &Connection, hlc: &Hlc) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = ?2",
        [CLOCK_KEY, &hlc.encode()],
    )?;
    Ok(())
}

/// The clock of a change made now on `device`, remembered in the caller's transaction.
pub(crate) fn tick(conn: &Connection, device: &str) -> Result<Hlc, StoreError> {
    let now = chrono::Utc::now().timestamp_millis();
    let next = Hlc::tick(last(conn)?.as_ref(), now, device);
    store(conn, &next)?;
    Ok(next)
}

/// Moves the local clock past a clock seen in another PC's change.
pub(crate) fn observe(conn: &Connection, seen: &Hlc) -> Result<(), StoreError> {
    let current = last(conn)?;
    if current
        .as_ref()
        .is_none_or(|c| (c.millis, c.counter) < (seen.millis, seen.counter))
    {
        store(conn, seen)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_clocks_sort_as_the_clock_does() {
        let a = Hlc {
            millis: 9,
            counter: 5,
            device: "b".into(),
        };
        let b = Hlc {
            millis: 10,
            counter: 0,
            device: "a".into(),
        };
        let c = Hlc {
            millis: 10,
            counter: 0,
            device: "b".into(),
        };
        assert!(a.encode() < b.encode() && b.encode() < c.encode());
        assert_eq!(Hlc::parse(&c.encode()), Some(c));
    }

    #[test]
    fn a_tick_never_goes_back_even_when_the_wall_clock_does() {
        let seen = Hlc {
            millis: 5_000,
            counter: 3,
            device: "other".into(),
        };
        let next = Hlc::tick(Some(&seen), 1_000, "me");
        assert!(next > seen);
        assert_eq!((next.millis, next.counter), (5_000, 4));
        assert_eq!(Hlc::tick(Some(&seen), 6_000, "me").counter, 0);
    }
}
