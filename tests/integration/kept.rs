//! Nothing lost, nothing stuck: a finished game the database cannot take
//! waits in the pending folder and is saved next time; a long history with
//! one damaged page is read and repaired whole; an old log imports in
//! batches that never hold up a game; over-long lines cost no memory; a
//! file-size limit or a full disk is a warning on every command. Every
//! test runs the binary in its own scratch data folder.

use crate::common::{Quiz, SPAWN, legacy_line};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> &'static str {
    crate::common::binary().to_str().expect("a UTF-8 path")
}

/// The games waiting to be saved.
fn waiting(quiz: &Quiz) -> Vec<PathBuf> {
    match fs::read_dir(quiz.dir().join("pending")) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("game-")
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Runs the binary through `sh -c "ulimit -f BLOCKS; exec ..."` in the
/// quiz's data folder; returns its exit code and stderr.
fn limited(quiz: &Quiz, blocks: u32, args: &[&str], input: &str) -> (Option<i32>, String) {
    let mut cmd = Command::new("sh");
    cmd.args([
        "-c",
        &format!("ulimit -f {blocks} && exec \"$0\" \"$@\""),
        bin(),
    ])
    .args(args)
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    quiz.isolate(&mut cmd);
    let mut child = {
        let _guard = SPAWN.lock().unwrap_or_else(|e| e.into_inner());
        cmd.spawn().unwrap()
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// An old log of `n` one-player games, one a day from 2020-01-01.
fn old_log(quiz: &Quiz, n: u64) {
    fs::create_dir_all(quiz.dir()).unwrap();
    let mut text = String::new();
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    for i in 0..n {
        let day = (start + chrono::Days::new(i))
            .format("%Y-%m-%d")
            .to_string();
        text.push_str(&legacy_line(
            &day,
            &format!("{day}T10:00:00+00:00"),
            "normal",
            100_000 + i,
            None,
        ));
        text.push('\n');
    }
    fs::write(quiz.log(), text).unwrap();
}

#[test]
fn a_game_that_cannot_get_the_lock_waits_and_is_saved_next_time() {
    let quiz = Quiz::new();
    quiz.run(&["play", "--seed", "1", "--count", "2"], "1\n1\n")
        .ok();
    // Another program holds the write lock past the busy timeout.
    let holder = rusqlite::Connection::open(quiz.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = quiz
        .run(&["play", "--seed", "2", "--count", "2"], "1\n1\n")
        .ok();
    assert!(out.stderr.contains("waits in"), "{}", out.stderr);
    let pending = waiting(&quiz);
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert!(out.stderr.contains(&pending[0].display().to_string()));
    assert_eq!(quiz.saved_seeds(), [1]);
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    // The next command saves it, once, and says so.
    let out = quiz.run(&["scores", "--json"], "").ok();
    assert_eq!(out.json().as_array().unwrap().len(), 2, "{}", out.stderr);
    assert!(out.stderr.contains("saved 1 game that had been waiting"));
    assert!(waiting(&quiz).is_empty());
    quiz.run(&["play", "--seed", "3", "--count", "2"], "1\n1\n")
        .ok();
    assert_eq!(quiz.saved_seeds(), [1, 2, 3]);
}

#[test]
fn one_damaged_index_page_loses_none_of_a_long_history() {
    let quiz = Quiz::new();
    old_log(&quiz, 12_000);
    quiz.run(&["stats", "--json"], "").ok();
    assert_eq!(quiz.stats()["games"], 12_000);
    // 64 bytes of junk in the root page of the index the score table is
    // read by.
    let root: i64 = {
        let conn = rusqlite::Connection::open(quiz.db()).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        conn.query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'players_by_rank'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let mut bytes = fs::read(quiz.db()).unwrap();
    let at = (root as usize - 1) * 4096 + 8;
    bytes[at..at + 64].fill(0xa5);
    fs::write(quiz.db(), &bytes).unwrap();
    let files = |quiz: &Quiz| {
        let mut names: Vec<String> = fs::read_dir(quiz.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with("-shm") && !n.ends_with("-wal"))
            .collect();
        names.sort();
        names
    };
    let before = files(&quiz);

    // A read shows every game, from a copy, and changes no file.
    let out = quiz.run(&["scores", "--json", "--all"], "").ok();
    assert_eq!(out.json().as_array().unwrap().len(), 12_000);
    assert!(out.stderr.contains("damaged"), "{}", out.stderr);
    assert!(
        out.stderr.contains("all 12,000 saved games could be read"),
        "{}",
        out.stderr
    );
    assert_eq!(files(&quiz), before);
    assert_eq!(fs::read(quiz.db()).unwrap(), bytes);

    // The next game repairs it and keeps the damaged file.
    let out = quiz
        .run(&["play", "--seed", "7", "--count", "2"], "1\n1\n")
        .ok();
    assert!(out.stderr.contains("to go back to it"), "{}", out.stderr);
    let aside = quiz.damaged();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(&aside[0]).unwrap(), bytes);
    let conn = rusqlite::Connection::open(quiz.db()).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    let stats = quiz.stats();
    assert_eq!(stats["games"], 12_001);
    assert_eq!(stats["accuracy"]["answered"].as_u64().unwrap(), 12_002);
    let out = quiz.run(&["scores", "--json", "--all"], "").ok();
    assert_eq!(out.json().as_array().unwrap().len(), 12_001);
    assert_eq!(out.stderr, "", "sound again");
}

#[test]
fn an_import_that_cannot_finish_never_blocks_a_game_and_goes_on_later() {
    let quiz = Quiz::new();
    old_log(&quiz, 3_000);
    // Room for the database and one game, not for the whole log.
    let (code, err) = limited(
        &quiz,
        600,
        &["play", "--seed", "1", "--count", "2"],
        "1\n1\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("not all imported"), "{err}");
    assert!(!err.contains("not saved"), "{err}");
    let saved = quiz.saved_seeds();
    assert!(saved.contains(&1), "the game comes first: {saved:?}");
    assert!(saved.len() < 3_001, "{}", saved.len());
    // Every command under the limit warns and lives (no SIGXFSZ kill).
    for cmd in ["scores", "stats"] {
        let (code, err) = limited(&quiz, 600, &[cmd], "");
        assert_eq!(code, Some(0), "{cmd}: {err}");
        assert!(err.contains("warning"), "{cmd}: {err}");
    }
    // Without the limit, it goes on from where it stopped: each game once.
    let out = quiz.run(&["stats", "--json"], "").ok();
    assert_eq!(out.json()["games"], 3_001, "{}", out.stderr);
    let mut expected: Vec<u64> = (100_000..103_000).collect();
    expected.insert(0, 1);
    assert_eq!(quiz.saved_seeds(), expected);
}

/// Peak memory of one run, in KiB. Measured by a small python between
/// the test and the run: a child started straight from this (large) test
/// process would count the test's own memory as its peak.
fn peak_kib(quiz: &Quiz, args: &[&str]) -> (i32, i64) {
    let mut cmd = Command::new("python3");
    cmd.args([
        "-c",
        "import resource, subprocess, sys\n\
         code = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, \
         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n\
         print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
        bin(),
    ])
    .args(args)
    .stdout(Stdio::piped());
    quiz.isolate(&mut cmd);
    let out = {
        let _guard = SPAWN.lock().unwrap_or_else(|e| e.into_inner());
        cmd.spawn().unwrap()
    }
    .wait_with_output()
    .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut words = text.split_whitespace().map(|w| w.parse::<i64>().unwrap());
    (words.next().unwrap() as i32, words.next().unwrap())
}

#[test]
fn an_over_long_line_in_the_old_log_costs_no_memory() {
    let quiz = Quiz::new();
    fs::create_dir_all(quiz.dir()).unwrap();
    let good = legacy_line("2020-01-01", "2020-01-01T10:00:00+00:00", "normal", 5, None);
    let mut file = fs::File::create(quiz.log()).unwrap();
    writeln!(file, "{good}").unwrap();
    // 96 MiB with no newline, then a good line.
    let junk = vec![b'x'; 1 << 20];
    for _ in 0..96 {
        file.write_all(&junk).unwrap();
    }
    writeln!(file).unwrap();
    writeln!(file, "{}", good.replace("\"seed\":5", "\"seed\":6")).unwrap();
    drop(file);
    let (code, peak) = peak_kib(&quiz, &["stats", "--json"]);
    assert_eq!(code, 0);
    assert!(peak < 40 * 1024, "peak {peak} KiB for a 96 MiB line");
    assert_eq!(quiz.saved_seeds(), [5, 6]);
}

/// A tmpfs of `kib` mounted on a new folder, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, kib: u32) -> Tmpfs {
        fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(at)
            .status()
            .unwrap();
        assert!(ok.success(), "mount a tmpfs (the tests run as root)");
        Tmpfs(at.to_owned())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the file system `dir` is on, leaving about `room` bytes.
fn fill(dir: &Path, room: u64) -> PathBuf {
    let filler = dir.join("filler");
    let mut f = fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).is_ok() {}
    drop(f);
    let len = fs::metadata(&filler).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap()
        .set_len(len.saturating_sub(room))
        .unwrap();
    filler
}

#[test]
fn a_full_disk_keeps_the_game_waiting_and_every_command_warns() {
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: mounting a small file system needs root");
        return;
    }
    let quiz = Quiz::new();
    let disk = Tmpfs::mount(&quiz.dir(), 2048);
    quiz.run(&["play", "--seed", "1", "--count", "2"], "1\n1\n")
        .ok();
    // Room for a small file, not for the pages a save writes.
    let filler = fill(&disk.0, 40 * 1024);
    let out = quiz
        .run(&["play", "--seed", "2", "--count", "10"], &"1\n".repeat(10))
        .ok();
    assert!(out.stderr.contains("waits in"), "{}", out.stderr);
    assert_eq!(waiting(&quiz).len(), 1);
    // The space the reserve gave back is taken too: every command warns,
    // shows what is saved and loses nothing.
    let more = {
        let dir = disk.0.join("more");
        fs::create_dir(&dir).unwrap();
        fill(&dir, 0)
    };
    for cmd in ["scores", "stats"] {
        let out = quiz.run(&[cmd], "").ok();
        assert!(out.stderr.contains("warning"), "{cmd}: {}", out.stderr);
    }
    assert_eq!(
        quiz.run(&["scores", "--json"], "")
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(waiting(&quiz).len(), 1);
    fs::remove_file(filler).unwrap();
    fs::remove_file(more).unwrap();
    let out = quiz.run(&["scores", "--json"], "").ok();
    assert_eq!(out.json().as_array().unwrap().len(), 2, "{}", out.stderr);
    assert!(waiting(&quiz).is_empty());
    drop(disk);
}

#[test]
fn a_tiny_file_size_limit_keeps_the_game_waiting_and_no_command_dies() {
    let quiz = Quiz::new();
    // 31 blocks: not even the database's shared-memory file fits.
    let (code, err) = limited(
        &quiz,
        31,
        &["play", "--seed", "4", "--count", "2"],
        "1\n1\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("waits in"), "{err}");
    for cmd in ["scores", "stats"] {
        let (code, err) = limited(&quiz, 31, &[cmd], "");
        assert_eq!(code, Some(0), "{cmd}: {err}");
        assert!(err.contains("could not be saved now"), "{cmd}: {err}");
    }
    assert_eq!(waiting(&quiz).len(), 1);
    let out = quiz.run(&["scores", "--json"], "").ok();
    assert_eq!(out.json()[0]["seed"], 4, "{}", out.stderr);
    assert!(waiting(&quiz).is_empty());
}

#[test]
fn games_ending_at_once_on_a_damaged_database_are_all_saved_and_it_is_kept_once() {
    let quiz = Quiz::new();
    quiz.run(&["play", "--seed", "100", "--count", "2"], "1\n1\n")
        .ok();
    {
        let conn = rusqlite::Connection::open(quiz.db()).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let mut bytes = fs::read(quiz.db()).unwrap();
    bytes[100..3000].fill(0xff);
    fs::write(quiz.db(), &bytes).unwrap();
    let children: Vec<_> = (0..8u64)
        .map(|seed| {
            let mut cmd = quiz.std_cmd();
            cmd.args(["play", "--seed", &seed.to_string(), "--count", "2"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            let mut child = {
                let _guard = SPAWN.lock().unwrap_or_else(|e| e.into_inner());
                cmd.spawn().unwrap()
            };
            child.stdin.take().unwrap().write_all(b"1\n1\n").unwrap();
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(quiz.saved_seeds(), (0..8).collect::<Vec<u64>>());
    let aside = quiz.damaged();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(&aside[0]).unwrap(), bytes);
}

#[test]
fn a_game_that_ends_during_a_long_import_is_saved_between_two_batches() {
    let quiz = Quiz::new();
    old_log(&quiz, 20_000);
    let start = |seed: &str| {
        let mut cmd = quiz.std_cmd();
        cmd.args(["play", "--seed", seed, "--count", "2"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = {
            let _guard = SPAWN.lock().unwrap_or_else(|e| e.into_inner());
            cmd.spawn().unwrap()
        };
        child.stdin.take().unwrap().write_all(b"1\n1\n").unwrap();
        child
    };
    // The first game saves, then imports 20,000 games in batches.
    let first = start("1");
    // Once the import is under way (a batch in, more to come):
    let importing = || -> bool {
        let Ok(conn) = rusqlite::Connection::open_with_flags(
            quiz.db(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        ) else {
            return false;
        };
        conn.query_row("SELECT progress FROM imports", [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .is_ok_and(|p| p.is_some_and(|p| p > 0))
    };
    let started = std::time::Instant::now();
    while !importing() {
        assert!(started.elapsed().as_secs() < 60, "the import never began");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let second = start("2");
    assert!(second.wait_with_output().unwrap().status.success());
    assert!(first.wait_with_output().unwrap().status.success());
    let conn = rusqlite::Connection::open(quiz.db()).unwrap();
    let id = |seed: i64| -> i64 {
        conn.query_row("SELECT id FROM games WHERE seed = ?1", [seed], |r| r.get(0))
            .unwrap()
    };
    let last: i64 = conn
        .query_row("SELECT max(id) FROM games", [], |r| r.get(0))
        .unwrap();
    assert_eq!(last, 20_002);
    assert!(id(1) < 10, "the first game is saved before its import");
    assert!(id(2) < last, "the second game waited for no whole import");
}
