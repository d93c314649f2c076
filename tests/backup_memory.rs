//! A backup streams the database through one buffer: the memory it holds does not grow
//! with the size of the database (the old writer held the whole file, twice).
//! Counts what Rust allocates; SQLite's page cache is its own, bounded by `cache_size`.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use hotto::backup;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most memory held above what was held before `f` ran.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let value = f();
    (value, PEAK.load(Ordering::SeqCst).saturating_sub(base))
}

const MB: usize = 1 << 20;

#[test]
fn a_backup_and_a_check_of_it_hold_a_few_megabytes_for_a_database_of_thirty() {
    let (tmp, dir, mut store, director) = new_center();
    let filler = "x".repeat(8000);
    store
        .write(&director, |tx| {
            for _ in 0..4000 {
                tx.audit("test.fill", "test", None, &filler)?;
            }
            Ok(())
        })
        .unwrap();
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();

    let (info, held) =
        peak_during(|| backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}));
    let info = info.unwrap();
    let db_len = std::fs::metadata(dir.database()).unwrap().len() as usize;
    assert!(db_len > 30 * MB, "the database is {} MB", db_len / MB);
    assert!(info.bytes as usize > db_len - MB);
    assert!(held < 4 * MB, "the backup held {} KB", held / 1024);

    let (preview, held) = peak_during(|| backup::preview(&info.path));
    preview.unwrap();
    assert!(held < 4 * MB, "reading it back held {} KB", held / 1024);
}
