//! A power cut or a killed process must never cost an acknowledged record or
//! leave a broken file. Each test re-runs this test binary as a child "writer"
//! (selected by an environment variable), kills it with SIGKILL at random
//! moments, and checks what a user would check afterwards.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use hotto::backup;
use hotto::store::audit;
use hotto::{accounts, DataDir, Store};

const ROLE: &str = "HOTTO_CRASH_CHILD";

/// The crash tests run one at a time: a child spawned for one test must never be forked
/// while another test's thread holds a data-dir lock (the fork would share that lock until
/// its exec, and a sign-in in that instant would be refused as "already open").
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
const DIR: &str = "HOTTO_CRASH_DIR";

/// A small deterministic generator, seeded per run (the seed is printed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn seed() -> Lcg {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("crash test seed: {seed}");
    Lcg(seed)
}

fn spawn_child(role: &str, test_name: &str, dir: &std::path::Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test_name, "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(DIR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Reads the child's "ack N" lines until it has acknowledged `wait_acks` or `wait` passed, then kills it.
fn kill_after(mut child: Child, wait_acks: u64, wait: Duration) -> Vec<u64> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("ack ") {
                if tx.send(n.trim().parse::<u64>().unwrap()).is_err() {
                    break;
                }
            }
        }
    });
    let started = Instant::now();
    let mut acks = Vec::new();
    while (acks.len() as u64) < wait_acks && started.elapsed() < wait + Duration::from_secs(10) {
        if let Ok(n) = rx.recv_timeout(Duration::from_millis(5)) {
            acks.push(n);
        }
        if acks.len() as u64 >= wait_acks.min(1) && started.elapsed() >= wait {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    acks.extend(rx.try_iter());
    let _ = reader.join();
    acks
}

fn child_dir() -> Option<DataDir> {
    std::env::var_os(DIR).map(DataDir::at)
}

fn ack(n: u64) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    writeln!(out, "ack {n}").unwrap();
    out.flush().unwrap();
}

/// The child: appends numbered rows forever, acknowledging each after its commit.
#[test]
fn child_writer() {
    if std::env::var(ROLE).as_deref() != Ok("writer") {
        return;
    }
    let dir = child_dir().unwrap();
    let (mut store, director) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    let start: u64 = store
        .read(&director, |c| {
            Ok(
                c.query_row("SELECT count(*) FROM crash_rows", [], |r| r.get(0))
                    .unwrap(),
            )
        })
        .unwrap();
    for n in start.. {
        store
            .write(&director, |tx| {
                tx.conn()
                    .execute(
                        "INSERT INTO crash_rows (id, n) VALUES (?1, ?2)",
                        (hotto::ids::new_id(), n),
                    )
                    .unwrap();
                tx.audit("test.crash_write", "test", None, &format!("row {n}"))
            })
            .unwrap();
        ack(n);
    }
}

#[test]
fn acknowledged_writes_survive_a_hundred_kills() {
    if std::env::var(ROLE).is_ok() {
        return;
    }
    let _serial = one_at_a_time();
    let (_tmp, dir, mut store, director) = new_center();
    store
        .write(&director, |tx| {
            tx.conn()
                .execute_batch(
                    "CREATE TABLE crash_rows (id TEXT PRIMARY KEY, n INTEGER NOT NULL UNIQUE)",
                )
                .unwrap();
            Ok(())
        })
        .unwrap();
    drop(store);
    let mut rng = seed();
    let mut acknowledged = Vec::new();
    for round in 0..100 {
        let child = spawn_child("writer", "child_writer", dir.path());
        let wait = Duration::from_millis(rng.next(150));
        acknowledged.extend(kill_after(child, 1 + rng.next(40), wait));

        let (store, director) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD)
            .unwrap_or_else(|e| panic!("round {round}: the database does not open: {e}"));
        assert_eq!(store.integrity_check().unwrap(), ["ok"], "round {round}");
        let chains = store.read(&director, |c| Ok(audit::verify(c)?)).unwrap();
        assert!(
            chains.iter().all(|c| c.first_break.is_none()),
            "round {round}: audit chain broken"
        );
        let present: Vec<u64> = store
            .read(&director, |c| {
                let mut stmt = c.prepare("SELECT n FROM crash_rows ORDER BY n").unwrap();
                Ok(stmt
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect())
            })
            .unwrap();
        for n in &acknowledged {
            assert!(
                present.binary_search(n).is_ok(),
                "round {round}: acknowledged row {n} is missing"
            );
        }
    }
    assert!(
        acknowledged.len() >= 100,
        "the writer made progress ({} acks)",
        acknowledged.len()
    );
}

/// The child: changes a password back and forth forever (each change rewrites keys.json).
#[test]
fn child_password_changer() {
    if std::env::var(ROLE).as_deref() != Ok("passwords") {
        return;
    }
    let dir = child_dir().unwrap();
    let (mut store, director) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    for n in 0u64.. {
        let password = if n % 2 == 0 {
            "staff-pass-even"
        } else {
            "staff-pass-odd1"
        };
        accounts::change_password(&mut store, &director, "yamada", password).unwrap();
        ack(n);
    }
}

#[test]
fn a_kill_during_a_key_slot_rewrite_leaves_the_old_or_the_new_file() {
    if std::env::var(ROLE).is_ok() {
        return;
    }
    let _serial = one_at_a_time();
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "staff-pass-odd1");
    drop(store);
    let mut rng = seed();
    for round in 0..30 {
        let child = spawn_child("passwords", "child_password_changer", dir.path());
        kill_after(child, 1 + rng.next(4), Duration::from_millis(rng.next(400)));
        // The file is the one before the interrupted change or the one after it:
        // the two passwords alternate, so exactly one of them opens.
        let even = Store::sign_in(&dir, "yamada", "staff-pass-even")
            .map(drop)
            .is_ok();
        let odd = Store::sign_in(&dir, "yamada", "staff-pass-odd1")
            .map(drop)
            .is_ok();
        assert!(
            even ^ odd,
            "round {round}: exactly one password opens (even {even}, odd {odd})"
        );
        assert!(
            Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).is_ok(),
            "round {round}: the director still opens"
        );
    }
}

/// The child: makes backups forever.
#[test]
fn child_backup_maker() {
    if std::env::var(ROLE).as_deref() != Ok("backups") {
        return;
    }
    let dir = child_dir().unwrap();
    let folder = dir.path().parent().unwrap().join("usb");
    let (mut store, director) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    for n in 0u64.. {
        backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
        ack(n);
    }
}

#[test]
fn a_kill_during_a_backup_leaves_the_database_sound_and_only_complete_backups() {
    if std::env::var(ROLE).is_ok() {
        return;
    }
    let _serial = one_at_a_time();
    let (tmp, dir, mut store, director) = new_center();
    for i in 0..200 {
        store
            .write(&director, |tx| {
                tx.audit("test.fill", "test", None, &format!("{i}"))
            })
            .unwrap();
    }
    drop(store);
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let mut rng = seed();
    for round in 0..30 {
        let child = spawn_child("backups", "child_backup_maker", dir.path());
        kill_after(child, 1 + rng.next(3), Duration::from_millis(rng.next(300)));
        let (store, _) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD)
            .unwrap_or_else(|e| panic!("round {round}: the database does not open: {e}"));
        assert_eq!(store.integrity_check().unwrap(), ["ok"]);
        drop(store);
        for (path, _) in backup::list_backups(&folder).unwrap() {
            backup::preview(&path)
                .unwrap_or_else(|e| panic!("round {round}: a listed backup is broken: {e}"));
        }
    }
}
