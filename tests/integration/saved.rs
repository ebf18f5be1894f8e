//! Saved games in SQLite: nothing lost (concurrent games, kill -9 while
//! saving, a file-size limit), odd files in place of the database, a
//! read-only or damaged database, importing the old log, hot-seat ties,
//! stopped practice, and control characters in `--json`. Every test runs
//! the binary in its own scratch data folder.

use crate::common::{Quiz, SPAWN, legacy_line};
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary's path, for the few runs that must start it through another
/// program (`sh` for `ulimit`) or as another user; each is isolated by
/// [`Quiz::isolate`] all the same.
fn bin() -> &'static str {
    crate::common::binary().to_str().expect("a UTF-8 path")
}

/// Starts `play ARGS` in `quiz`'s data folder with `input` piped in and
/// the output captured.
fn spawn(quiz: &Quiz, args: &[&str], input: &[u8]) -> std::process::Child {
    spawn_with(quiz, args, input, true)
}

/// [`spawn`]; uncaptured output is thrown away, so a game that is never
/// waited for cannot block on a full pipe.
fn spawn_with(quiz: &Quiz, args: &[&str], input: &[u8], capture: bool) -> std::process::Child {
    let out = || {
        if capture {
            Stdio::piped()
        } else {
            Stdio::null()
        }
    };
    let mut child = {
        let _guard = SPAWN.lock().unwrap_or_else(|e| e.into_inner());
        quiz.std_cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(out())
            .stderr(out())
            .spawn()
            .expect("spawn a game")
    };
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    child
}

/// `PRAGMA integrity_check` of the database.
fn integrity(quiz: &Quiz) -> String {
    let conn = rusqlite::Connection::open(quiz.db()).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// A bank of `n` plain questions; question `i`'s answer is `A{i}`.
fn long_bank(dir: &Path, n: usize) -> String {
    let questions: Vec<Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "prompt": format!("Question number {i}?"),
                "answer": format!("A{i}"),
                "distractors": [format!("B{i}"), format!("C{i}"), format!("D{i}")],
            })
        })
        .collect();
    let path = dir.join("long.json");
    fs::write(
        &path,
        serde_json::json!({ "questions": questions }).to_string(),
    )
    .unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn fifty_games_ending_at_once_are_all_saved() {
    let quiz = Quiz::new();
    let children: Vec<_> = (0..50)
        .map(|seed| {
            spawn(
                &quiz,
                &["play", "--seed", &seed.to_string(), "--count", "2"],
                b"1\n1\n",
            )
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("warning"), "{stderr}");
    }
    assert_eq!(quiz.saved_seeds(), (0..50).collect::<Vec<u64>>());
    assert_eq!(quiz.stats()["games"], 50);
    assert_eq!(integrity(&quiz), "ok");
}

#[test]
fn kill_9_while_saving_long_games_loses_no_finished_game() {
    let quiz = Quiz::new();
    let bank = long_bank(quiz.data.path(), 400);
    let answers = "1\n".repeat(400);
    let play = |seed: u64| {
        spawn_with(
            &quiz,
            &[
                "play",
                "--bank",
                &bank,
                "--seed",
                &seed.to_string(),
                "--count",
                "400",
            ],
            answers.as_bytes(),
            false,
        )
    };
    // One game played whole, timed, so the kills land around its save.
    let started = Instant::now();
    let first = play(1000).wait_with_output().unwrap();
    assert!(first.status.success());
    let whole = started.elapsed();
    let mut finished = vec![1000u64];
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for seed in 0..16u64 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        // Between 40% and 120% of a whole game.
        let at = whole.mul_f64(0.4 + (rng % 800) as f64 / 1000.0);
        let mut child = play(seed);
        std::thread::sleep(at);
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            finished.push(seed);
        }
    }
    eprintln!("kill -9: {} of 16 games finished first", finished.len() - 1);
    let saved = quiz.saved_seeds();
    for seed in &finished {
        assert!(saved.contains(seed), "finished game {seed} lost: {saved:?}");
    }
    assert!(saved.iter().all(|s| *s == 1000 || *s < 16), "{saved:?}");
    assert_eq!(integrity(&quiz), "ok");
    // Every saved game is whole: 400 answers each.
    for e in quiz.saved() {
        assert_eq!(e["questions"].as_array().unwrap().len(), 400);
    }
    let out = quiz.run(&["scores", "--all", "--json"], "").ok();
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    assert_eq!(out.json().as_array().unwrap().len(), saved.len());
}

#[test]
fn a_file_size_limit_fails_the_save_with_a_warning_and_loses_nothing() {
    let quiz = Quiz::new();
    quiz.run(&["play", "--seed", "1", "--count", "2"], "1\n1\n")
        .ok();
    let bank = long_bank(quiz.data.path(), 600);
    let answers = "1\n".repeat(600);
    // `ulimit -f` in 512-byte blocks: the database may not grow past about
    // 100 kB, so a 600-question game cannot be written.
    let out = Command::new("sh")
        .args(["-c", "ulimit -f 200 && exec \"$0\" \"$@\"", bin()])
        .args(["play", "--bank", &bank, "--seed", "2", "--count", "600"])
        .env("XDG_DATA_HOME", quiz.data.path())
        .env("HOME", quiz.data.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(answers.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the game must not die: {stderr}"
    );
    assert!(stderr.contains("your score was not saved"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("600"));
    assert_eq!(quiz.saved_seeds(), [1], "the earlier game is kept");
    assert_eq!(integrity(&quiz), "ok");
    // Without the limit, saving works again.
    quiz.run(&["play", "--seed", "3", "--count", "2"], "1\n1\n")
        .ok();
    assert_eq!(quiz.saved_seeds(), [1, 3]);
}

#[test]
fn a_read_only_database_is_still_read_and_saving_warns() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "5", "--count", "3"];
    quiz.run(&args, "1\n1\n1\n").ok();
    let before = quiz.run(&["scores", "--json"], "").ok().stdout;
    let stats = quiz.run(&["stats", "--json"], "").ok().stdout;
    let root = unsafe { libc::geteuid() } == 0;
    // Root may write to anything: it reads as another user instead, in
    // folders that user may enter but not change.
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    for dir in [quiz.data.path(), &quiz.dir()] {
        mode(dir, 0o555);
    }
    mode(&quiz.db(), 0o444);
    let run = |args: &[&str], input: &str| {
        let mut cmd = quiz.cmd();
        if root {
            use std::os::unix::process::CommandExt;
            let mut std_cmd = Command::new(bin());
            std_cmd
                .uid(65534)
                .gid(65534)
                .env("XDG_DATA_HOME", quiz.data.path())
                .env("HOME", quiz.data.path())
                .env("NO_COLOR", "1");
            cmd = assert_cmd::Command::from_std(std_cmd);
        }
        let out = cmd
            .args(args)
            .write_stdin(input)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["scores", "--json"], "");
    assert_eq!((code, &out), (Some(0), &before), "{err}");
    let (code, out, err) = run(&["stats", "--json"], "");
    assert_eq!((code, &out), (Some(0), &stats), "{err}");
    let (code, out, err) = run(&["play", "--review", "--seed", "1"], "q\n");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Review quiz"), "{out}{err}");
    let (code, _, err) = run(&args, "1\n1\n1\n");
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("your score was not saved"), "{err}");
    for dir in [quiz.data.path(), &quiz.dir()] {
        mode(dir, 0o755);
    }
    assert_eq!(quiz.saved().len(), 1);
}

#[test]
fn a_pipe_device_folder_or_other_file_in_place_of_the_database_is_moved_aside_unopened() {
    type Make = fn(&Path);
    let cases: [(&str, Make); 4] = [
        ("a pipe", |p| {
            let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        }),
        ("a link to /dev/zero", |p| {
            std::os::unix::fs::symlink("/dev/zero", p).unwrap()
        }),
        ("a folder", |p| fs::create_dir(p).unwrap()),
        ("a text file", |p| fs::write(p, "not a database\n").unwrap()),
    ];
    for (what, make) in cases {
        let quiz = Quiz::new();
        fs::create_dir_all(quiz.dir()).unwrap();
        make(&quiz.db());
        let kind = |p: &Path| fs::symlink_metadata(p).unwrap().file_type();
        let made = kind(&quiz.db());
        let run = |args: &[&str], input: &str| {
            let started = Instant::now();
            let out = quiz
                .cmd()
                .args(args)
                .write_stdin(input)
                .timeout(Duration::from_secs(10))
                .output()
                .unwrap();
            assert!(started.elapsed() < Duration::from_secs(10), "{what}: hung");
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        };
        // Reading never moves it: no games, a warning that says what
        // the next game will do.
        for cmd in ["scores", "stats"] {
            let (code, _, err) = run(&[cmd, "--json"], "");
            assert_eq!(code, Some(0), "{what}: {cmd}: {err}");
            assert!(err.contains("games.sqlite3: is "), "{what}: {cmd}: {err}");
            assert!(err.contains("moves it aside"), "{what}: {cmd}: {err}");
        }
        assert_eq!(kind(&quiz.db()), made, "{what}: a read left it in place");
        // The next game moves it aside, unopened, and is saved.
        let (code, _, err) = run(&["play", "--seed", "1", "--count", "2"], "1\n1\n");
        assert_eq!(code, Some(0), "{what}: {err}");
        let aside = quiz.files_starting("games.sqlite3.not-saved-games-");
        assert_eq!(aside.len(), 1, "{what}: {aside:?}");
        assert!(
            err.contains(&aside[0].display().to_string()),
            "{what}: names where it went: {err}"
        );
        assert_eq!(kind(&aside[0]), made, "{what}: moved as it was");
        if what == "a text file" {
            assert_eq!(fs::read(&aside[0]).unwrap(), b"not a database\n");
        }
        assert_eq!(quiz.saved_seeds(), [1], "{what}: {err}");
        let (code, _, err) = run(&["play", "--seed", "2", "--count", "2"], "1\n1\n");
        assert_eq!(
            (code, err.as_str()),
            (Some(0), ""),
            "{what}: saving goes on"
        );
        assert_eq!(quiz.saved_seeds(), [1, 2], "{what}");
    }
}

/// Junk over `pages` of the database (counted from 1), after moving
/// every saved game out of the WAL into it; returns the damaged bytes.
fn damage_pages(quiz: &Quiz, pages: &[u64], bytes_each: usize) -> Vec<u8> {
    {
        let conn = rusqlite::Connection::open(quiz.db()).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let mut bytes = fs::read(quiz.db()).unwrap();
    for &page in pages {
        let at = (page as usize - 1) * 4096 + if page == 1 { 100 } else { 0 };
        bytes[at..at + bytes_each].fill(0xff);
    }
    fs::write(quiz.db(), &bytes).unwrap();
    bytes
}

#[test]
fn a_database_with_its_schema_destroyed_is_kept_and_a_new_one_started() {
    for first in ["play", "scores"] {
        let quiz = Quiz::new();
        quiz.run(&["play", "--seed", "1", "--count", "2"], "1\n1\n")
            .ok();
        let bytes = damage_pages(&quiz, &[1], 2900);
        if first == "scores" {
            // A read shows what it can and moves nothing.
            let out = quiz.run(&["scores", "--json"], "").ok();
            assert_eq!(out.json(), serde_json::json!([]));
            assert!(out.stderr.contains("damaged"), "{}", out.stderr);
            assert!(quiz.damaged().is_empty(), "a read renames nothing");
            assert_eq!(fs::read(quiz.db()).unwrap(), bytes);
        }
        let out = quiz
            .run(&["play", "--seed", "2", "--count", "2"], "1\n1\n")
            .ok();
        let aside = quiz.damaged();
        assert_eq!(aside.len(), 1, "{first}: {aside:?}");
        assert!(
            out.stderr.contains(&aside[0].display().to_string()),
            "{first}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("to go back to it"), "{}", out.stderr);
        assert_eq!(
            fs::read(&aside[0]).unwrap(),
            bytes,
            "{first}: kept as it was"
        );
        assert_eq!(quiz.saved_seeds(), [2], "{first}");
        quiz.run(&["play", "--seed", "3", "--count", "2"], "1\n1\n")
            .ok();
        assert_eq!(quiz.damaged().len(), 1, "{first}: the new one is sound");
        assert_eq!(integrity(&quiz), "ok");
    }
}

#[test]
fn an_old_log_is_imported_once_with_its_damaged_lines_named() {
    let quiz = Quiz::new();
    fs::create_dir_all(quiz.dir()).unwrap();
    let t = |h: u32| format!("2026-11-2{h}T10:00:00+00:00");
    let lines = [
        legacy_line("2026-11-20", &t(0), "normal", 1, None),
        "{\"v\":1,\"date\":\u{1b}junk".to_owned(),
        // A hot-seat game: one line per player, at the same moment.
        legacy_line("2026-11-21", &t(1), "normal", 2, Some("Ana")),
        legacy_line("2026-11-21", &t(1), "normal", 2, Some("Ben")),
        // The same day's challenge twice: the second is practice.
        legacy_line("2026-11-22", &t(2), "daily", 20261122, None),
        legacy_line("2026-11-22", &t(3), "daily", 20261122, None),
        legacy_line("2026-11-24", &t(4), "review", 5, None).replace("\"v\":1", "\"v\":0"),
    ];
    let mut text = lines.join("\n");
    text.push('\n');
    // And a last line cut short.
    text.push_str(&lines[0][..40]);
    fs::write(quiz.log(), &text).unwrap();

    let out = quiz.run(&["scores", "--json"], "").ok();
    let rows = out.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 5, "4 games, one with two players: {rows:#?}");
    for n in ["line 2:", "line 7:", "line 8:"] {
        assert!(out.stderr.contains(n), "{n}: {}", out.stderr);
    }
    assert!(out.stderr.contains("3 lines"), "{}", out.stderr);
    assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
    assert!(
        out.stderr.contains("imported 4 saved games"),
        "{}",
        out.stderr
    );
    // A read imports but renames nothing.
    assert!(quiz.files_starting("scores.jsonl.imported-").is_empty());
    assert_eq!(fs::read_to_string(quiz.log()).unwrap(), text);

    let saved = quiz.saved();
    let hot: Vec<&Value> = saved.iter().filter(|e| e["seed"] == 2).collect();
    assert_eq!(hot.len(), 2);
    assert_eq!(hot[0]["game"], hot[1]["game"], "one hot-seat game");
    assert_eq!(hot[0]["mode"], "hot-seat");
    let days: Vec<&str> = saved
        .iter()
        .filter(|e| e["day"] == "2026-11-22")
        .map(|e| e["mode"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["daily", "practice"]);
    // Equal scores share a rank; practice has none.
    let ranks: Vec<Value> = rows.iter().map(|r| r["rank"].clone()).collect();
    assert_eq!(ranks, [1.into(), 1.into(), 1.into(), 1.into(), Value::Null]);

    // Once only: a second command finds nothing to import.
    let again = quiz.run(&["stats", "--json"], "").ok();
    assert!(!again.stderr.contains("imported"), "{}", again.stderr);
    assert_eq!(again.json()["games"], 4);
    // The next game saved renames it, unchanged.
    let out = quiz
        .run(&["play", "--seed", "8", "--count", "2"], "1\n1\n")
        .ok();
    let kept = quiz.files_starting("scores.jsonl.imported-");
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(out.stderr.contains("kept, unchanged"), "{}", out.stderr);
    assert_eq!(fs::read_to_string(&kept[0]).unwrap(), text, "byte for byte");
    assert!(!quiz.log().exists());
    assert_eq!(quiz.stats()["games"], 5);
}

#[test]
fn games_ending_at_once_on_an_old_log_import_it_once() {
    let quiz = Quiz::new();
    fs::create_dir_all(quiz.dir()).unwrap();
    let line = legacy_line(
        "2026-11-20",
        "2026-11-20T10:00:00+00:00",
        "normal",
        99,
        None,
    );
    fs::write(quiz.log(), format!("{line}\n")).unwrap();
    let children: Vec<_> = (0..8)
        .map(|s| {
            spawn(
                &quiz,
                &["play", "--seed", &s.to_string(), "--count", "2"],
                b"1\n1\n",
            )
        })
        .collect();
    for c in children {
        assert!(c.wait_with_output().unwrap().status.success());
    }
    let seeds = quiz.saved_seeds();
    assert_eq!(seeds, [0, 1, 2, 3, 4, 5, 6, 7, 99]);
    assert_eq!(quiz.files_starting("scores.jsonl.imported-").len(), 1);
}

#[test]
fn a_hot_seat_tie_shares_first_place() {
    let quiz = Quiz::new();
    let args = [
        "play",
        "--players",
        "Ana,Ben",
        "--count",
        "2",
        "--seed",
        "3",
    ];
    // Everyone answers wrong: 0 each.
    let qs = quiz.deal(&args, 4);
    let wrong: String = qs
        .iter()
        .map(|q| {
            let right = q["answer"].as_u64().unwrap();
            format!("{}\n", if right == 1 { 2 } else { 1 })
        })
        .collect();
    let out = quiz.run(&args, &wrong).ok();
    assert!(out.stdout.contains("1. Ana"), "{}", out.stdout);
    assert!(out.stdout.contains("1. Ben"), "{}", out.stdout);
    assert!(out.stdout.contains("A tie between"), "{}", out.stdout);
    let report = quiz.report(&[&args[..], &["--no-save"]].concat(), &wrong);
    let ranks: Vec<&Value> = report["players"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["rank"])
        .collect();
    assert_eq!(ranks, [&Value::from(1), &Value::from(1)]);
    let rows = quiz.scores();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r["rank"] == 1 && r["mode"] == "hot-seat")
    );
    assert_eq!(rows[0]["game"], rows[1]["game"], "one game, two players");
    let s = quiz.stats();
    assert_eq!(s["games"], 1);
    assert_eq!(s["games_by_mode"]["hot-seat"], 1);
}

#[test]
fn a_review_stopped_early_counts_the_questions_answered() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "17", "--count", "4"];
    // All four missed.
    let qs = quiz.deal(&args, 4);
    let wrong: String = qs
        .iter()
        .map(|q| format!("{}\n", if q["answer"] == 1 { 2 } else { 1 }))
        .collect();
    quiz.run(&args, &wrong).ok();
    assert_eq!(quiz.stats()["to_review"], 4);
    let review = ["play", "--review", "--seed", "2"];
    let rq = quiz.deal(&review, 4);
    // Two right, then stop.
    let input = format!("{}\n{}\nq\n", rq[0]["answer"], rq[1]["answer"]);
    quiz.run(&review, &input).ok();
    let last = quiz.saved().pop().unwrap();
    assert_eq!(last["mode"], "review");
    assert_eq!(last["finished"], false);
    assert_eq!(
        (last["correct"].clone(), last["total"].clone()),
        (2.into(), 2.into())
    );
    let s = quiz.stats();
    assert_eq!(s["to_review"], 2, "the two answered right are cleared");
    assert_eq!(s["accuracy"]["answered"], 6);
    let table = quiz.run(&["scores"], "").ok().stdout;
    assert!(table.contains("(stopped)"), "{table}");
    // A stopped normal game is still not saved.
    quiz.run(&args, "1\nq\n").ok();
    assert_eq!(quiz.saved().len(), 2);
}

#[test]
fn no_output_carries_a_raw_control_character() {
    let quiz = Quiz::new();
    // A bank whose file name holds C1 controls (NEL and CSI): the name is
    // shown as the game's source.
    let dir = quiz.data.path().join("banks-here");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("odd\u{85}name\u{9b}31m.json");
    fs::write(
        &path,
        r#"{"questions":[{"prompt":"Two plus two?","answer":"Four","distractors":["Three","Five"]}]}"#,
    )
    .unwrap();
    let bank = path.to_str().unwrap();
    quiz.run(
        &["play", "--bank", bank, "--seed", "1", "--count", "1"],
        "1\n",
    )
    .ok();
    for args in [
        &["scores", "--json"][..],
        &["scores"],
        &["stats", "--json"],
        &["stats"],
    ] {
        let out = quiz.run(args, "").ok();
        let bad = out.stdout.chars().find(|c| c.is_control() && *c != '\n');
        assert_eq!(bad, None, "{args:?}: {:?}", out.stdout);
    }
    let json = quiz.run(&["scores", "--json"], "").ok();
    assert!(json.stdout.contains("\\u0085"), "{}", json.stdout);
    assert_eq!(
        json.json()[0]["source"][0],
        "odd\u{85}name\u{9b}31m",
        "the JSON still means the name"
    );
}

#[test]
fn an_unwritable_data_folder_only_warns() {
    let data = Quiz::new();
    let file = data.data.path().join("not-a-folder");
    fs::write(&file, "a file, not a folder").unwrap();
    let quiz = Quiz::new().with_data_home(file.clone());
    let args = ["play", "--seed", "3", "--count", "2"];

    let out = quiz.run(&args, "1\n1\n").ok();
    assert!(out.stdout.contains("Game over") || out.stdout.contains("Flawless"));
    let warning: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warning.len(), 1, "{}", out.stderr);
    assert!(warning[0].contains("score was not saved"), "{}", out.stderr);

    let out = quiz.run(&[&args[..], &["--json"]].concat(), "1\n1\n").ok();
    assert_eq!(out.json()["total"], 2);
    assert!(
        out.stderr.contains("warning: your score was not saved"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "a file, not a folder");
}

#[test]
fn review_skips_a_saved_question_that_fails_the_bank_rules() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "17", "--count", "2"];
    let qs = quiz.deal(&args, 2);
    let wrong: String = qs
        .iter()
        .map(|q| format!("{}\n", if q["answer"] == 1 { 2 } else { 1 }))
        .collect();
    quiz.run(&args, &wrong).ok();
    // A hand edit: the first missed question's distractors become copies
    // of its answer.
    let first = qs[0]["prompt"].as_str().unwrap().to_owned();
    {
        let conn = rusqlite::Connection::open(quiz.db()).unwrap();
        let body: String = conn
            .query_row(
                "SELECT body FROM questions WHERE prompt = ?1 AND body != ''",
                [&first],
                |r| r.get(0),
            )
            .unwrap();
        let mut q: Value = serde_json::from_str(&body).unwrap();
        let answer = q["answer"].clone();
        q["distractors"] = serde_json::json!([answer.clone(), answer]);
        conn.execute(
            "UPDATE questions SET body = ?1 WHERE prompt = ?2 AND body != ''",
            [q.to_string(), first.clone()],
        )
        .unwrap();
    }
    let out = quiz.run(&["play", "--review", "--seed", "1"], "q\n").ok();
    assert!(
        out.stdout.contains("Review quiz: 1 question"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(&first), "{}", out.stdout);
    assert!(
        out.stderr.contains("a saved question was skipped"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&first[..20]),
        "names it: {}",
        out.stderr
    );
    assert_eq!(quiz.stats()["to_review"], 1);
}
