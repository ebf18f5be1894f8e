//! The interactive mode, driven through a real pseudo-terminal: number
//! keys, arrows and Enter answer, Esc and `q` ask before stopping, Ctrl-C
//! restores the cursor and exits with 130, the timer runs out, and a resize
//! redraws the question once at the new size (read through a vt100
//! emulator, so the test sees the screen a player would).
//!
//! Every run goes through the shared harness ([`Quiz`]), in a scratch data
//! folder. Keys are sent only once the screen shows the prompt that reads
//! them (the widget is in raw mode before it draws), never after a sleep.
//!
//! rexpect reads the output byte by byte as Latin-1, so these tests match on
//! ASCII text only (never on `·` or `❯`), and on words rather than layouts.

use crate::common::{DOWN, ENTER, ESC, Quiz, TIMEOUT_MS, press};
use rexpect::process::WaitStatus;
use rexpect::reader::Regex;
use rexpect::session::PtySession;
use std::thread;
use std::time::{Duration, Instant};

const CTRL_C: &str = "\x03";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// The key help the widget shows under each question.
pub const KEYS: &str = "q quits";

/// What a verdict (or a first screen) says while it waits for a key.
pub const ANY_KEY: &str = "Press any key";

/// Waits for the verdict on the answer just given, and for its pause, and
/// goes on with Enter.
pub fn go_on(p: &mut PtySession) {
    p.exp_regex(r"Right!|Wrong\.|Time's up!")
        .expect("the verdict");
    p.exp_string(ANY_KEY).expect("the verdict waits for a key");
    press(p, ENTER);
}

/// Waits (bounded) for the process to end and returns its exit code; a
/// process still running at the deadline is a test failure (and is killed
/// when the session drops).
pub fn exit_code(p: &PtySession) -> i32 {
    let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
    loop {
        match p.process().status() {
            Some(WaitStatus::StillAlive) | None => {}
            Some(WaitStatus::Exited(_, code)) => return code,
            Some(other) => panic!("expected a normal exit, got {other:?}"),
        }
        assert!(
            Instant::now() < deadline,
            "whiplash-quiz did not exit in time"
        );
        // Polling the process's status, not waiting for the screen.
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

#[test]
fn number_keys_arrows_and_enter_play_a_whole_game() {
    let quiz = Quiz::new();
    // A seed whose second question has a third choice to press.
    let seed = (1..200)
        .map(|s| s.to_string())
        .find(|s| {
            let qs = quiz.deal(&["play", "--seed", s, "--count", "3"], 3);
            qs[1]["choices"].as_array().unwrap().len() >= 3
        })
        .expect("a seed with a second question of four choices");
    let args = ["play", "--seed", &seed, "--count", "3", "--no-color"];
    let mut p = quiz.spawn_pty(&args);

    p.exp_string("Question 1/3").expect("first question");
    p.exp_string(KEYS).expect("first prompt");
    press(&mut p, DOWN);
    p.exp_string("> 2)").expect("the cursor moved to 2");
    press(&mut p, ENTER);
    go_on(&mut p);

    p.exp_string("Question 2/3").expect("second question");
    p.exp_string(KEYS).expect("second prompt");
    press(&mut p, "3");
    go_on(&mut p);

    p.exp_string("Question 3/3").expect("third question");
    p.exp_string(KEYS).expect("third prompt");
    press(&mut p, "j");
    p.exp_string("> 2)").expect("j moves down");
    press(&mut p, "k");
    p.exp_string("> 1)").expect("k moves up");
    press(&mut p, ENTER);
    go_on(&mut p);

    p.exp_string("Replay this game with:")
        .expect("the replay line");
    let (_, line) = p
        .exp_regex(r"(Game over\.|Flawless!)[^\r\n]*/3 right[^\r\n]*score \d+[^\r\n]*\r?\n")
        .expect("summary line");
    // Down then Enter is choice 2, "3" is choice 3, j k Enter is choice 1:
    // the same game answered 2, 3, 1 in plain mode ends with the same tally.
    let mut plain_args = args.to_vec();
    plain_args.push("--no-save");
    let plain = quiz.run(&plain_args, "2\n3\n1\n").ok().stdout;
    assert_eq!(
        tally(&line),
        tally(&plain),
        "key answers differ from plain answers 2, 3, 1"
    );
    let rest = p.exp_eof().expect("end of output");
    assert!(
        rest.trim().is_empty(),
        "the summary is the last thing printed, but after it came {rest:?}"
    );
    assert_eq!(exit_code(&p), 0);
    assert_eq!(quiz.saved().len(), 1, "the finished game is saved");
}

#[test]
fn q_and_escape_ask_before_stopping_the_game() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&["play", "--seed", "1", "--count", "2", "--no-color"]);

    p.exp_string("Question 1/2").expect("first question");
    p.exp_string(KEYS).expect("first prompt");
    press(&mut p, "q");
    p.exp_string("Quit this game? (y/N)").expect("q asks");
    press(&mut p, "n");
    // Still playing: the question is drawn again, and answers.
    p.exp_string(KEYS).expect("back to the question");
    press(&mut p, "1");
    go_on(&mut p);
    p.exp_string("Question 2/2")
        .expect("the first was answered");
    p.exp_string(KEYS).expect("second prompt");
    press(&mut p, ESC);
    p.exp_string("Quit this game? (y/N)").expect("Esc asks");
    press(&mut p, "y");
    p.exp_string("Game stopped after 1 of 2")
        .expect("stop notice");
    p.exp_regex(r"\d/1 right").expect("summary line");
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
    assert!(quiz.saved().is_empty(), "a stopped game is not saved");
}

#[test]
fn ctrl_c_shows_the_cursor_and_exits_130() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&["play", "--seed", "1", "--count", "2", "--no-color"]);

    p.exp_string("Question 1/2").expect("first question");
    p.exp_string(KEYS).expect("first prompt");
    press(&mut p, CTRL_C);
    // Everything after the prompt: what the interrupt handler wrote. The
    // widget hides the cursor before this point.
    let rest = p.exp_eof().expect("end of output");
    assert!(
        rest.contains(SHOW_CURSOR),
        "no show-cursor escape after Ctrl-C in {rest:?}"
    );
    assert!(!rest.contains("Quit this game"), "Ctrl-C asks nothing");
    assert!(!rest.contains("Game over"), "{rest:?}");
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn the_timer_runs_out_into_a_miss_said_as_times_up() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[
        "play",
        "--seed",
        "3",
        "--count",
        "1",
        "--timer",
        "5",
        "--no-color",
    ]);
    p.exp_string("5 seconds per question").expect("the notice");
    p.exp_string(ANY_KEY).expect("the first screen waits");
    press(&mut p, ENTER);
    p.exp_string("Time left:").expect("a visible countdown");
    p.exp_string(KEYS).expect("the prompt");
    // Nothing pressed: the countdown ends the question.
    p.exp_string("Time's up! The answer is:")
        .expect("the time-out is announced");
    p.exp_string("Your results in").expect("a shown pause");
    p.exp_string(ANY_KEY).expect("that a key cuts short");
    press(&mut p, ENTER);
    p.exp_string("You said: nothing: time ran out")
        .expect("the review says so");
    p.exp_string("--timer 5")
        .expect("the replay keeps the timer");
    p.exp_string("0/1 right").expect("a miss");
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
    let saved = quiz.saved();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["correct"], 0);
}

#[test]
fn hot_seat_hands_over_and_numbers_each_players_questions() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[
        "play",
        "--seed",
        "4",
        "--count",
        "2",
        "--players",
        "Ana,Ben",
        "--no-color",
    ]);
    for (name, number) in [("Ana", 1), ("Ben", 1), ("Ana", 2), ("Ben", 2)] {
        p.exp_string(&format!("{name}'s turn: press Enter"))
            .unwrap_or_else(|e| panic!("{name}'s handover: {e}"));
        press(&mut p, ENTER);
        p.exp_string(&format!("Question {number}/2"))
            .unwrap_or_else(|e| panic!("{name}'s question {number}: {e}"));
        p.exp_string(KEYS).expect("the prompt");
        press(&mut p, "1");
        go_on(&mut p);
    }
    p.exp_string("Scoreboard").expect("the scoreboard");
    p.exp_string("4 questions answered").expect("the summary");
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
    assert_eq!(quiz.saved().len(), 2, "one saved game per player");
}

#[test]
fn the_bell_rings_on_each_answer_only_with_bell() {
    const BELL: &str = "\x07";
    for (bell, rings) in [(true, 2), (false, 0)] {
        let quiz = Quiz::new();
        let mut args = vec!["play", "--seed", "2", "--count", "2", "--no-save"];
        if bell {
            args.push("--bell");
        }
        let mut p = quiz.spawn_pty(&args);
        let mut seen = String::new();
        for n in 1..=2 {
            seen += &p
                .exp_string(&format!("Question {n}/2"))
                .expect("a question");
            seen += &p.exp_string(KEYS).expect("the prompt");
            press(&mut p, "1");
            seen += &p.exp_string(ANY_KEY).expect("the verdict");
            press(&mut p, ENTER);
        }
        seen += &p.exp_eof().expect("end of output");
        assert_eq!(seen.matches(BELL).count(), rings, "--bell {bell}");
        assert_eq!(exit_code(&p), 0);
    }
}

/// Sets the pseudo-terminal's size, as a terminal window does when it is
/// resized; the kernel then sends the game SIGWINCH.
pub fn resize(p: &PtySession, rows: u16, cols: u16) {
    use std::os::fd::AsRawFd;
    let pty = p.process().get_file_handle().expect("the pty");
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one `winsize` from the pointer, which lives
    // for the call; the fd is the pty master, open for the call.
    let done = unsafe { libc::ioctl(pty.as_raw_fd(), libc::TIOCSWINSZ, &size) };
    assert_eq!(done, 0, "TIOCSWINSZ");
}

/// rexpect hands output over as Latin-1 text: back to the bytes written.
pub fn bytes(latin1: &str) -> Vec<u8> {
    latin1.chars().map(|c| c as u32 as u8).collect()
}

#[test]
fn a_resize_redraws_the_question_once_and_leaves_no_copies_behind() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&["play", "--seed", "7", "--count", "1", "--no-color"]);
    resize(&p, 24, 80);
    // A terminal emulator is fed everything the game writes, and resized
    // when the pty is, so the test reads the screen a player would see.
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("not zero");
    let mut screen = vt100::Parser::new(size(24), size(80), 200);
    let shown = p.exp_string("quits").expect("the question and its keys");
    screen.process(&bytes(&format!("{shown}quits")));
    let wide = screen.screen().contents();
    assert_eq!(wide.matches("Question 1/1").count(), 1, "{wide}");

    // Narrower and shorter: the prompt and the choices wrap.
    resize(&p, 15, 40);
    screen.set_size(size(15), size(40));
    let redrawn = p.exp_string("quits").expect("a redraw after the resize");
    screen.process(&bytes(&format!("{redrawn}quits")));
    let narrow = screen.screen().contents();
    assert_eq!(
        narrow.matches("Question 1/1").count(),
        1,
        "one copy:\n{narrow}"
    );
    assert_eq!(
        narrow.matches("Keys:").count(),
        1,
        "one key line:\n{narrow}"
    );
    for line in narrow.lines() {
        assert!(
            line.chars().count() <= 40,
            "{line:?} is wider than the window"
        );
    }
    // The question is still answered by its number, at the new size.
    press(&mut p, "1");
    go_on(&mut p);
    // "Game over. 0/1 right ..." or "Flawless! 1/1 right ...", wrapped
    // at the new width.
    p.exp_string("/1 right").expect("the game ends");
    assert_eq!(exit_code(&p), 0);
}
