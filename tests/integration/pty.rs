//! The interactive mode, driven through a real pseudo-terminal: arrow keys
//! and Enter answer, Esc stops the game, Ctrl-C restores the cursor and
//! exits with 130.
//!
//! rexpect reads the output byte by byte as Latin-1, so these tests match on
//! ASCII text only (never on `·` or `❯`), and on words rather than layouts.

use crate::common::{DOWN, ENTER, ESC, TIMEOUT_MS, press, spawn_pty};
use rexpect::process::WaitStatus;
use rexpect::reader::Regex;
use rexpect::session::PtySession;
use std::io::Write;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const CTRL_C: &str = "\x03";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// The prompt dialoguer shows under each question.
const PROMPT: &str = "Your answer";

fn spawn_game(args: &[&str]) -> PtySession {
    spawn_pty(
        &std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("pty-data"),
        args,
    )
}

/// Waits (bounded) for the process to end and returns how it ended; a
/// process still running at the deadline is a test failure (and is killed
/// when the session drops).
fn wait_for_exit(p: &PtySession) -> WaitStatus {
    let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
    loop {
        match p.process().status() {
            Some(WaitStatus::StillAlive) | None => {}
            Some(status) => return status,
        }
        assert!(
            Instant::now() < deadline,
            "whiplash-quiz did not exit in time"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// `N/2 right` and the score from a summary line.
fn tally(summary: &str) -> (String, String) {
    let re = Regex::new(r"(\d+/\d+) right[^\r\n]*score (\d+)").unwrap();
    let c = re
        .captures(summary)
        .unwrap_or_else(|| panic!("no tally in {summary:?}"));
    (c[1].to_owned(), c[2].to_owned())
}

/// The same game played in plain mode with `answers` on stdin.
fn plain_summary(args: &[&str], answers: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whiplash-quiz"))
        .args(args)
        .arg("--plain")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn plain game");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .expect("write answers");
    let out = child.wait_with_output().expect("plain game output");
    assert!(out.status.success(), "plain game failed: {:?}", out.status);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn exit_code(status: WaitStatus) -> i32 {
    match status {
        WaitStatus::Exited(_, code) => code,
        other => panic!("expected a normal exit, got {other:?}"),
    }
}

#[test]
fn arrows_and_enter_play_a_whole_game() {
    let args = ["play", "--seed", "1", "--count", "2", "--no-color"];
    let mut p = spawn_game(&args);

    p.exp_string("Question 1/2").expect("first question");
    p.exp_string(PROMPT).expect("first prompt");
    press(&mut p, DOWN);
    press(&mut p, ENTER);
    p.exp_regex(r"Right!|Wrong\.")
        .expect("feedback on the first answer");
    p.exp_regex(r"Score \d+")
        .expect("running score after the first answer");

    p.exp_string("Question 2/2").expect("second question");
    p.exp_string(PROMPT).expect("second prompt");
    press(&mut p, ENTER);
    p.exp_regex(r"Right!|Wrong\.")
        .expect("feedback on the second answer");

    let (_, line) = p
        .exp_regex(r"(Game over\.|Flawless!)[^\r\n]*/2 right[^\r\n]*score \d+\s")
        .expect("summary line");
    assert!(
        line.contains("/2 right") && line.contains("score"),
        "{line:?}"
    );
    // Down then Enter is choice 2, Enter alone is choice 1: the same game
    // answered "2" then "1" in plain mode must end with the same tally.
    assert_eq!(
        tally(&line),
        tally(&plain_summary(&args, "2\n1\n")),
        "arrow-key answers differ from plain answers 2, 1"
    );
    p.exp_string("Seed 1").expect("summary names the seed");
    let rest = p.exp_eof().expect("end of output");
    assert!(!rest.contains("Game stopped"), "{rest:?}");

    assert_eq!(exit_code(wait_for_exit(&p)), 0);
}

#[test]
fn escape_stops_the_game_with_a_summary() {
    let mut p = spawn_game(&["play", "--seed", "1", "--count", "2", "--no-color"]);

    p.exp_string("Question 1/2").expect("first question");
    p.exp_string(PROMPT).expect("first prompt");
    press(&mut p, ESC);
    p.exp_string("Game stopped after 0 of 2")
        .expect("stop notice");
    p.exp_string("0/0 right").expect("summary line");
    p.exp_eof().expect("end of output");

    assert_eq!(exit_code(wait_for_exit(&p)), 0);
}

#[test]
fn ctrl_c_shows_the_cursor_and_exits_130() {
    let mut p = spawn_game(&["play", "--seed", "1", "--count", "2", "--no-color"]);

    p.exp_string("Question 1/2").expect("first question");
    p.exp_string(PROMPT).expect("first prompt");
    press(&mut p, CTRL_C);
    // Everything after the prompt: the choices, then what the interrupt
    // handler wrote. The prompt hides the cursor before this point and
    // nothing else shows it again.
    let rest = p.exp_eof().expect("end of output");
    assert!(
        rest.contains(SHOW_CURSOR),
        "no show-cursor escape after Ctrl-C in {rest:?}"
    );
    assert!(!rest.contains("Game over"), "{rest:?}");

    assert_eq!(exit_code(wait_for_exit(&p)), 130);
}
