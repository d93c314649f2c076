//! Random, time-sortable row keys (UUIDv7 as text).
//!
//! Several PCs write to their own copy of the data and later merge changesets,
//! so no table may use an autoincrement key: two PCs would hand out the same one.

/// A new UUIDv7 in its canonical 36-character text form.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Whether `s` is a canonical UUID text (the shape of every key we hand out).
pub fn is_id(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::parse_str(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_unique_and_sort_by_creation_time() {
        let a = new_id();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = new_id();
        assert!(is_id(&a) && is_id(&b));
        assert!(a < b);
    }
}
