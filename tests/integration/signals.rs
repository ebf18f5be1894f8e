//! Signals and panics, end to end: SIGTERM and SIGHUP during a question
//! put the terminal back (raw mode off, the normal screen, the cursor
//! shown), save the answers given and exit with 128 + the signal; a game
//! read from a pipe is saved the same way; outside a game (the menu) a
//! signal puts the terminal back and exits at once; a panic puts the
//! terminal back before its message is printed.
//!
//! Every run goes through the shared harness ([`Quiz`]), in a scratch data
//! folder. The screen's end state is read by feeding everything the game
//! wrote to a vt100 emulator; raw mode is read from the pseudo-terminal.

use crate::common::{ENTER, Quiz, TIMEOUT_MS, press};
use crate::pty::{ANY_KEY, KEYS, exit_code};
use rexpect::process::Signal;
use rexpect::session::PtySession;
use std::io::{Read, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const LEAVE_ALTERNATE: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// Everything written, in order: what each wait returned, then the rest
/// up to the end of output.
#[derive(Default)]
struct Seen(String);

impl Seen {
    #[track_caller]
    fn wait(&mut self, p: &mut PtySession, text: &str) {
        let before = p
            .exp_string(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
        self.0.push_str(&before);
        self.0.push_str(text);
    }

    #[track_caller]
    fn rest(&mut self, p: &mut PtySession) -> String {
        let rest = p.exp_eof().expect("end of output");
        self.0.push_str(&rest);
        rest
    }
}

/// Whether the terminal was left as a shell wants it: on the normal
/// screen with the cursor shown (as a terminal that read every byte the
/// game wrote would be), and not in raw mode (the pseudo-terminal's own
/// settings, read after the game exited).
#[track_caller]
fn assert_terminal_usable(p: &PtySession, seen: &Seen) {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("not zero");
    let mut screen = vt100::Parser::new(size(24), size(80), 0);
    // rexpect hands output over as Latin-1 text: back to the bytes.
    let bytes: Vec<u8> = seen.0.chars().map(|c| c as u32 as u8).collect();
    screen.process(&bytes);
    assert!(
        !screen.screen().alternate_screen(),
        "left on the alternate screen"
    );
    assert!(
        !screen.screen().hide_cursor(),
        "left with the cursor hidden"
    );
    assert!(!raw_mode(p), "left in raw mode");
}

/// Whether the pseudo-terminal is in raw mode (no line editing, no echo).
pub fn raw_mode(p: &PtySession) -> bool {
    use std::os::fd::AsRawFd;
    let pty = p.process().get_file_handle().expect("the pty");
    // SAFETY: `termios` is plain data, written whole by tcgetattr; the fd
    // is the pty master, open for the call.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    let done = unsafe { libc::tcgetattr(pty.as_raw_fd(), &mut t) };
    assert_eq!(done, 0, "tcgetattr");
    t.c_lflag & (libc::ICANON | libc::ECHO) == 0
}

#[test]
fn sigterm_and_sighup_during_a_question_put_the_terminal_back_and_save_the_answers() {
    for (signal, status) in [(Signal::SIGTERM, 143), (Signal::SIGHUP, 129)] {
        let quiz = Quiz::new();
        let mut p = quiz.spawn_pty(&["play", "--seed", "1", "--count", "3", "--no-color"]);
        let mut seen = Seen::default();
        seen.wait(&mut p, "Question 1/3");
        seen.wait(&mut p, KEYS);
        press(&mut p, "1");
        seen.wait(&mut p, ANY_KEY);
        press(&mut p, ENTER);
        seen.wait(&mut p, "Question 2/3");
        seen.wait(&mut p, KEYS);
        // The second question is on the alternate screen, in raw mode,
        // the cursor hidden.
        assert!(raw_mode(&p), "{signal:?}: the widget is in raw mode");
        p.process_mut().signal(signal).expect("send the signal");
        let rest = seen.rest(&mut p);
        assert!(rest.contains(LEAVE_ALTERNATE), "{signal:?}: {rest:?}");
        assert!(rest.contains(SHOW_CURSOR), "{signal:?}: {rest:?}");
        assert!(
            rest.contains("Game interrupted after 1 of 3 questions."),
            "{signal:?}: {rest:?}"
        );
        assert!(!rest.contains("Game over"), "{signal:?}: {rest:?}");
        assert_eq!(exit_code(&p), status, "{signal:?}");
        assert_terminal_usable(&p, &seen);

        // The answer given is saved, as a game stopped early.
        let rows = quiz.scores();
        assert_eq!(rows.len(), 1, "{signal:?}: {rows:#?}");
        assert_eq!(rows[0]["mode"], "normal", "{signal:?}");
        assert_eq!(rows[0]["finished"], false, "{signal:?}");
        assert_eq!(rows[0]["total"], 1, "{signal:?}");
        assert_eq!(rows[0]["seed"], 1, "{signal:?}");
    }
}

#[test]
fn a_signal_before_any_answer_saves_nothing_and_still_exits_with_its_status() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&["play", "--seed", "2", "--count", "2", "--no-color"]);
    let mut seen = Seen::default();
    seen.wait(&mut p, KEYS);
    p.process_mut()
        .signal(Signal::SIGTERM)
        .expect("send the signal");
    let rest = seen.rest(&mut p);
    assert!(rest.contains("Game interrupted after 0 of 2"), "{rest:?}");
    assert_eq!(exit_code(&p), 143);
    assert_terminal_usable(&p, &seen);
    assert!(quiz.saved().is_empty(), "nothing was answered");
}

#[test]
fn sigterm_in_the_menu_puts_the_terminal_back_and_exits_143() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    let mut seen = Seen::default();
    seen.wait(&mut p, "Esc or q to leave");
    assert!(raw_mode(&p), "the menu is in raw mode");
    p.process_mut()
        .signal(Signal::SIGTERM)
        .expect("send the signal");
    let rest = seen.rest(&mut p);
    assert!(rest.contains(LEAVE_ALTERNATE), "{rest:?}");
    assert!(rest.contains(SHOW_CURSOR), "{rest:?}");
    assert_eq!(exit_code(&p), 143);
    assert_terminal_usable(&p, &seen);
    assert!(!quiz.db().exists());
}

/// Reads a child's output on a thread, so a test can wait for text.
struct Reader {
    chunks: mpsc::Receiver<Vec<u8>>,
    text: String,
}

impl Reader {
    fn new(mut from: impl Read + Send + 'static) -> Reader {
        let (tx, chunks) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = from.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Reader {
            chunks,
            text: String::new(),
        }
    }

    /// Waits (bounded) until the output holds `text`.
    #[track_caller]
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
        while !self.text.contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => self.text.push_str(&String::from_utf8_lossy(&chunk)),
                Err(_) => panic!("no {text:?} in:\n{}", self.text),
            }
        }
    }

    /// Everything, up to the end of output.
    fn all(mut self) -> String {
        while let Ok(chunk) = self.chunks.recv_timeout(Duration::from_millis(TIMEOUT_MS)) {
            self.text.push_str(&String::from_utf8_lossy(&chunk));
        }
        self.text
    }
}

#[test]
fn sigterm_while_plain_mode_waits_for_a_piped_answer_saves_the_answers() {
    let quiz = Quiz::new();
    let mut child = quiz
        .std_cmd()
        .args(["play", "--seed", "4", "--count", "5"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the game");
    let mut out = Reader::new(child.stdout.take().unwrap());
    let err = Reader::new(child.stderr.take().unwrap());
    // Two answers, and the pipe left open: the game waits for a third.
    let mut input = child.stdin.take().unwrap();
    input.write_all(b"1\n1\n").unwrap();
    input.flush().unwrap();
    out.wait_for("Question 3/5");
    out.wait_for("Your answer");
    // SAFETY: kill(2) takes no pointer; the pid is the child's, not yet
    // waited for.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(sent, 0, "kill");
    let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the game did not exit");
        // Polling the child's status, not waiting for the screen.
        thread::sleep(Duration::from_millis(20));
    };
    drop(input);
    let stdout = out.all();
    let stderr = err.all();
    assert_eq!(status.code(), Some(143), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Game interrupted after 2 of 5 questions."),
        "{stdout}"
    );
    assert!(!stdout.contains("Game over"), "{stdout}");
    let saved = quiz.saved();
    assert_eq!(saved.len(), 1, "{saved:#?}");
    assert_eq!(saved[0]["finished"], false);
    assert_eq!(saved[0]["total"], 2);
    assert_eq!(saved[0]["mode"], "normal");
}

#[test]
fn a_panic_puts_the_terminal_back_before_its_message() {
    // A debug build panics with the widget up when this is set (the
    // variable does nothing in a release build).
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty_with(
        &["play", "--seed", "1", "--count", "2", "--no-color"],
        &[("WHIPLASH_QUIZ_PANIC_IN_WIDGET", "1")],
    );
    let mut seen = Seen::default();
    let all = seen.rest(&mut p);
    let message = all
        .find("panicked at")
        .unwrap_or_else(|| panic!("no panic message in {all:?}"));
    let before = &all[..message];
    assert!(before.contains("Question 1/2"), "{all:?}");
    // Put back before the message: on the alternate screen the message
    // would vanish with it.
    let entered = before.rfind("\x1b[?1049h").expect("the alternate screen");
    assert!(before[entered..].contains(LEAVE_ALTERNATE), "{all:?}");
    assert!(before.contains(SHOW_CURSOR), "{all:?}");
    assert_eq!(exit_code(&p), 101);
    assert_terminal_usable(&p, &seen);
}
