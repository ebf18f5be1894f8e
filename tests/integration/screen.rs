//! The player's screen in a real terminal (issue 20), driven through a
//! PTY and read through a vt100 emulator where what matters is what the
//! player sees: the verdict in place on the question's screen, waiting for
//! a key; keys typed ahead thrown away; the countdown stopped under the
//! quit question; the notices said before a game on its first screen;
//! Ctrl-Z suspending the game; the ending wrapped at the width it is
//! printed at.
//!
//! Keys are sent only once the screen shows what reads them; the few
//! sleeps here are what the test is about (a pause that must not end by
//! itself, a countdown that must not run).

use crate::common::{ENTER, Quiz, TIMEOUT_MS, press};
use crate::pty::{ANY_KEY, KEYS, bytes, exit_code, go_on, resize};
use crate::signals::raw_mode;
use rexpect::process::Signal;
use rexpect::session::PtySession;
use serde_json::Value;
use std::num::NonZeroU16;
use std::thread;
use std::time::{Duration, Instant};

use crate::depth::{answer, choices};

const LEAVE_ALTERNATE: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// The first seed (with `args`, which name no seed) whose first question
/// has four choices, and that game's questions.
fn seed_with_four_choices(quiz: &Quiz, args: &[&str], count: usize) -> (String, Vec<Value>) {
    (1..200)
        .map(|s| s.to_string())
        .map(|seed| {
            let qs = quiz.deal(&[args, &["--seed", &seed]].concat(), count);
            (seed, qs)
        })
        .find(|(_, qs)| choices(&qs[0]).len() == 4)
        .expect("a seed with a four-choice first question")
}

/// What the player sees: everything the game wrote, fed to a terminal
/// emulator of the pty's size.
struct Seen {
    vt: vt100::Parser,
}

impl Seen {
    fn new(rows: u16, cols: u16) -> Seen {
        let size = |n: u16| NonZeroU16::new(n).expect("not zero");
        Seen {
            vt: vt100::Parser::new(size(rows), size(cols), 0),
        }
    }

    /// Waits for `text` and feeds everything up to it to the emulator.
    #[track_caller]
    fn wait(&mut self, p: &mut PtySession, text: &str) {
        let before = p
            .exp_string(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
        self.vt.process(&bytes(&format!("{before}{text}")));
    }

    fn resize(&mut self, p: &PtySession, rows: u16, cols: u16) {
        resize(p, rows, cols);
        let size = |n: u16| NonZeroU16::new(n).expect("not zero");
        self.vt.set_size(size(rows), size(cols));
    }

    /// The screen's text, row by row.
    fn text(&self) -> String {
        self.vt.screen().contents()
    }
}

/// Everything the game writes within `wait`, without waiting for more.
fn written_within(p: &mut PtySession, wait: Duration) -> String {
    thread::sleep(wait);
    let mut out = String::new();
    while let Some(c) = p.try_read() {
        out.push(c);
    }
    out
}

#[test]
fn the_verdict_is_shown_on_the_question_screen_and_waits_for_a_key() {
    let quiz = Quiz::new();
    let (seed, qs) = seed_with_four_choices(&quiz, &["play", "--count", "2"], 2);
    let q = &qs[0];
    let (right, wrong) = (answer(q), answer(q) % 4 + 1);
    let mut p = quiz.spawn_pty(&["play", "--seed", &seed, "--count", "2", "--no-color"]);
    let mut seen = Seen::new(24, 80);
    seen.wait(&mut p, KEYS);
    press(&mut p, &wrong.to_string());
    seen.wait(&mut p, "Press any key for the next question, q quits");
    let screen = seen.text();
    // In place: the question, its choices marked, and the verdict, on one
    // screen (the alternate one, not the scrollback).
    assert!(seen.vt.screen().alternate_screen(), "{screen}");
    assert!(screen.contains("Question 1/2"), "{screen}");
    let c = choices(q);
    assert!(
        screen.contains(&format!("x {wrong}) {} (your answer)", c[wrong - 1])),
        "the wrong pick marked:\n{screen}"
    );
    assert!(
        screen.contains(&format!("* {right}) {} (right answer)", c[right - 1])),
        "the right choice marked:\n{screen}"
    );
    assert!(
        screen.contains(&format!("Wrong. The answer is: {}", c[right - 1])),
        "{screen}"
    );
    let explanation = q["explanation"].as_str().unwrap();
    let first_words: String = explanation.split(' ').take(3).collect::<Vec<_>>().join(" ");
    assert!(screen.contains(&first_words), "the explanation:\n{screen}");
    // It waits: nothing more is drawn until a key.
    let meanwhile = written_within(&mut p, Duration::from_millis(800));
    assert!(
        !meanwhile.contains("Question 2/2"),
        "the next question came without a key: {meanwhile:?}"
    );
    press(&mut p, " ");
    seen.wait(&mut p, "Question 2/2");
    seen.wait(&mut p, KEYS);
    press(&mut p, "q");
    seen.wait(&mut p, "Quit this game? (y/N)");
    press(&mut p, "y");
    p.exp_string("Game stopped after 1 of 2")
        .expect("stopped after the one answer");
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn a_double_tap_answers_only_the_question_on_screen() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&["play", "--seed", "3", "--count", "3", "--no-color"]);
    p.exp_string("Question 1/3").expect("the first question");
    p.exp_string(KEYS).expect("its keys");
    // Two taps at once: the first answers, the second is thrown away
    // before the verdict is drawn (it neither passes the verdict nor
    // answers the next question).
    press(&mut p, "11");
    p.exp_string(ANY_KEY).expect("the first verdict");
    // Two taps at the verdict: the first goes on, the second is thrown
    // away before the next question is drawn.
    press(&mut p, "\r1");
    p.exp_string("Question 2/3").expect("the second question");
    p.exp_string(KEYS).expect("its keys");
    press(&mut p, "q");
    p.exp_string("Quit this game? (y/N)").expect("asked first");
    press(&mut p, "y");
    let rest = p.exp_eof().expect("end of output");
    assert!(
        rest.contains("Game stopped after 1 of 3"),
        "one question answered, not more: {rest:?}"
    );
    assert_eq!(exit_code(&p), 0);
}

/// The speed bonus in `Right! +N points (+B for speed)`.
fn speed_bonus(text: &str) -> u32 {
    let at = text
        .find("for speed)")
        .unwrap_or_else(|| panic!("no speed bonus in {text:?}"));
    let start = text[..at].rfind("(+").expect("(+B for speed)") + 2;
    text[start..at].trim().parse().expect("a number")
}

#[test]
fn the_countdown_stops_under_the_quit_question_and_between_questions() {
    let quiz = Quiz::new();
    let qs = quiz.deal(&["play", "--seed", "5", "--count", "2"], 2);
    let args = [
        "play",
        "--seed",
        "5",
        "--count",
        "2",
        "--timer",
        "5",
        "--no-color",
    ];
    let mut p = quiz.spawn_pty(&args);
    p.exp_string("5 seconds per question").expect("the notice");
    p.exp_string("Press any key to start")
        .expect("a first screen");
    press(&mut p, ENTER);
    p.exp_string("Time left:").expect("the countdown");
    p.exp_string(KEYS).expect("the keys");
    press(&mut p, "q");
    p.exp_string("(paused)")
        .expect("the countdown says it stopped");
    p.exp_string("Quit this game? (y/N)")
        .expect("the quit question");
    // Long enough that a running countdown would have lost half its time.
    thread::sleep(Duration::from_millis(2600));
    press(&mut p, "n");
    p.exp_string(KEYS).expect("back to the question");
    press(&mut p, &answer(&qs[0]).to_string());
    let (verdict, _) = p.exp_regex(r"for speed\)").expect("a right answer's bonus");
    let bonus = speed_bonus(&format!("{verdict}for speed)"));
    assert!(
        bonus >= 35,
        "the time under the quit question was counted: +{bonus} for speed"
    );
    // The verdict of a timed game goes on by itself, shown counting down;
    // the second question's countdown starts when it is drawn.
    p.exp_string("Next question in").expect("a shown pause");
    p.exp_string(ANY_KEY).expect("that a key cuts short");
    thread::sleep(Duration::from_millis(1200));
    press(&mut p, ENTER);
    p.exp_string("Question 2/2").expect("the second question");
    let (_, left) = p.exp_regex(r"Time left: +\d+s").expect("its countdown");
    assert!(left.ends_with(" 5s"), "the countdown ran early: {left:?}");
    p.exp_string(KEYS).expect("its keys");
    press(&mut p, "q");
    p.exp_string("Quit this game? (y/N)").expect("asked first");
    press(&mut p, "y");
    p.exp_string("Game stopped after 1 of 2").expect("stopped");
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn a_notice_said_before_the_game_is_on_its_first_screen() {
    let quiz = Quiz::new();
    let daily = ["play", "--daily", "--date", "2026-03-14"];
    // The day's challenge, played once: the second game is practice.
    quiz.run(&daily, &"1\n".repeat(10)).ok();
    let mut p = quiz.spawn_pty(&[&daily[..], &["--no-color"]].concat());
    let mut seen = Seen::new(24, 80);
    seen.wait(&mut p, "Press any key to start, q quits");
    let screen = seen.text();
    assert!(seen.vt.screen().alternate_screen(), "{screen}");
    assert!(
        screen.contains("You have played this challenge already"),
        "the practice notice is on the game's screen:\n{screen}"
    );
    assert!(screen.contains("Daily challenge for"), "{screen}");
    press(&mut p, ENTER);
    seen.wait(&mut p, "Question 1/10");
    seen.wait(&mut p, KEYS);
    press(&mut p, "q");
    seen.wait(&mut p, "Quit this game? (y/N)");
    press(&mut p, "y");
    p.exp_string("Game stopped after 0 of 10").expect("stopped");
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
}

/// The state letter of a process (`R`, `S`, `T` for stopped...).
fn process_state(pid: i32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    let after = &stat[stat.rfind(')').expect("(comm)") + 2..];
    after.chars().next().expect("a state")
}

/// The game's pid: the pty's foreground process group (the game leads
/// its own session there).
fn game_pid(p: &PtySession) -> i32 {
    use std::os::fd::AsRawFd;
    let pty = p.process().get_file_handle().expect("the pty");
    // SAFETY: tcgetpgrp takes no pointer; the fd is the pty master, open
    // for the call.
    let pgrp = unsafe { libc::tcgetpgrp(pty.as_raw_fd()) };
    assert!(pgrp > 0, "tcgetpgrp");
    pgrp
}

#[test]
fn ctrl_z_suspends_the_game_with_the_terminal_put_back_and_sigcont_redraws() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&["play", "--seed", "2", "--count", "1", "--no-color"]);
    p.exp_string("Question 1/1").expect("the question");
    p.exp_string(KEYS).expect("its keys");
    let pid = game_pid(&p);
    press(&mut p, "\x1a");
    // The terminal is put back before the game stops.
    p.exp_string(LEAVE_ALTERNATE)
        .expect("the normal screen back");
    p.exp_string(SHOW_CURSOR).expect("the cursor shown");
    let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
    while process_state(pid) != 'T' {
        assert!(Instant::now() < deadline, "the game did not stop");
        // Polling the process's state, not waiting for the screen.
        thread::sleep(Duration::from_millis(20));
    }
    assert!(!raw_mode(&p), "stopped in raw mode");
    p.process_mut()
        .signal(Signal::SIGCONT)
        .expect("continue the game");
    // Continued: the question is drawn again, keys read in raw mode.
    p.exp_string("Question 1/1").expect("redrawn");
    p.exp_string(KEYS).expect("its keys again");
    assert!(raw_mode(&p), "raw mode is back");
    assert_ne!(process_state(pid), 'T');
    press(&mut p, "1");
    go_on(&mut p);
    p.exp_string("/1 right").expect("the game ends");
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn the_verdict_redraws_on_resize_and_the_ending_wraps_at_the_new_width() {
    let quiz = Quiz::new();
    // A question whose verdict is taller than a 40x15 screen: its texts
    // alone (every choice marked, the verdict, the explanation) take more
    // than 15 rows at 40 columns.
    let rows = |text: &str| text.chars().count().div_ceil(39);
    let (seed, qs) = (1..200)
        .map(|s| s.to_string())
        .map(|seed| {
            let qs = quiz.deal(&["play", "--count", "1", "--seed", &seed], 1);
            (seed, qs)
        })
        .find(|(_, qs)| {
            let (q, c) = (&qs[0], choices(&qs[0]));
            let marked: usize = c
                .iter()
                .map(|c| rows(&format!("  1) {c} (your answer)")))
                .sum();
            c.len() == 4
                && rows(q["prompt"].as_str().unwrap())
                    + marked
                    + rows(q["explanation"].as_str().unwrap())
                    + 4
                    > 15
        })
        .expect("a seed whose verdict is too tall for 40x15");
    let wrong = answer(&qs[0]) % 4 + 1;
    let mut p = quiz.spawn_pty(&["play", "--seed", &seed, "--count", "1", "--no-color"]);
    let mut seen = Seen::new(24, 80);
    resize(&p, 24, 80);
    seen.wait(&mut p, KEYS);
    press(&mut p, &wrong.to_string());
    seen.wait(&mut p, ANY_KEY);
    // Narrower and shorter while the verdict is shown: redrawn whole.
    seen.resize(&p, 15, 40);
    seen.wait(&mut p, ANY_KEY);
    let screen = seen.text();
    assert_eq!(screen.matches("Wrong.").count(), 1, "one copy:\n{screen}");
    assert_eq!(screen.matches("Press any").count(), 1, "{screen}");
    // Read as words: at 40 columns a marked choice wraps.
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("(your answer)"), "{screen}");
    // What gives way on the short screen is the explanation's end and the
    // choices nobody picked, never the question itself.
    assert!(screen.contains("Question 1/1"), "{screen}");
    let prompt = qs[0]["prompt"].as_str().unwrap();
    let first_words: String = prompt.split(' ').take(3).collect::<Vec<_>>().join(" ");
    assert!(
        screen.contains(&first_words),
        "the prompt's start:\n{screen}"
    );
    press(&mut p, ENTER);
    let rest = p.exp_eof().expect("end of output");
    let ending = &rest[rest.rfind(LEAVE_ALTERNATE).expect("the game's screen left")..];
    assert!(ending.contains("Review of missed questions"), "{ending:?}");
    assert!(ending.contains("Game over."), "{ending:?}");
    for line in ending.lines().skip(1) {
        let line = line.trim_end_matches('\r');
        // The replay command is never wrapped: it must copy whole.
        if line.contains("play --seed") {
            continue;
        }
        assert!(
            line.chars().count() <= 40,
            "{line:?} is wider than the terminal now:\n{ending}"
        );
    }
    assert_eq!(exit_code(&p), 0);
}
