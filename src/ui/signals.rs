//! Signals and panics: whatever ends the program, the terminal is left as
//! it was found (raw mode off, the normal screen, the cursor shown).
//!
//! SIGINT, SIGTERM and SIGHUP are read on a thread of their own
//! (`signal-hook`: no hand-written handler). While a game listens for them
//! ([`listen`]), a signal only asks it to stop: the player sees the
//! request within a quarter of a second and ends the game as interrupted,
//! and `app` saves what was answered and exits with 128 + the signal.
//! Anywhere else (the menu, a game being dealt) the terminal is put back
//! and the program exits at once with that status. A game that has not
//! ended [`GRACE`] after it was asked to stop (a write blocked on a full
//! pipe, a save waiting for the database) is ended the same way.
//!
//! In raw mode Ctrl-C is a key, not a signal: the widget says it here as
//! SIGINT ([`interrupt_key`]).
//!
//! SIGTSTP (Ctrl-Z in a shell's line mode, or `kill -TSTP`) and Ctrl-Z read
//! as a key suspend the program with the terminal put back
//! (`select::suspend`, which stops here: [`stop_here`]); SIGCONT after a
//! stop from elsewhere sets raw mode again for a running widget, which
//! redraws (`select::continued`).
//!
//! A panic puts the terminal back before the panic message is printed
//! ([`install_panic_hook`]): in a release build (`panic = "abort"`) nothing
//! else would, and in any build the message would be drawn on the
//! alternate screen and lost with it.

use super::select;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use std::io::{self, IsTerminal, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// The exit status of a program ended by Ctrl-C.
pub const INTERRUPTED: i32 = 128 + SIGINT;

/// How long a game asked to stop has to end before the program ends
/// anyway: twice the saved games' busy timeout (5 s), so a save that waits
/// for the database and then puts the game in `pending/` has time to.
const GRACE: Duration = Duration::from_secs(10);

/// How long a failed read or write waits for the signal that may explain
/// it (a terminal that hangs up fails around the time its SIGHUP comes).
const SIGNAL_LAG: Duration = Duration::from_millis(300);

/// The signal that asked the game to stop; 0 for none.
static STOP: AtomicI32 = AtomicI32::new(0);

/// Whether a game listens for a stop (and will save and exit itself).
static LISTENING: AtomicBool = AtomicBool::new(false);

/// The exit status for a program ended by `signal`.
fn status(signal: i32) -> i32 {
    128 + signal
}

/// Reads SIGINT, SIGTERM, SIGHUP, SIGTSTP and SIGCONT from now on (once
/// per process). Failing to install them only loses the clean stop (and
/// the terminal put back on a suspend), never the game.
pub fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT]) else {
            return;
        };
        let _ = thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    on_signal(signal);
                }
            });
    });
}

/// A signal came: suspend, take the terminal again after a stop, or ask
/// the listening game to stop (or end the program).
fn on_signal(signal: i32) {
    match signal {
        SIGTSTP => select::suspend(),
        SIGCONT => select::continued(),
        _ => stop(signal),
    }
}

/// Stops the program here, as SIGTSTP does when it is not caught (the
/// caller has put the terminal back); returns once it is continued.
pub(super) fn stop_here() {
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
}

/// Asks the listening game to stop for `signal` (the first one asked
/// decides the exit status), giving it [`GRACE`] to end; with no game
/// listening, puts the terminal back and exits at once.
fn stop(signal: i32) {
    let first = STOP
        .compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst)
        .is_ok();
    if !LISTENING.load(Ordering::SeqCst) {
        exit(status(signal));
    }
    if first {
        let _ = thread::Builder::new()
            .name("stop-grace".into())
            .spawn(move || {
                thread::sleep(GRACE);
                exit(status(signal));
            });
    }
}

/// Ctrl-C read as a key: asks the listening game to stop, as SIGINT would.
/// `false` when no game listens (the caller then ends the program).
pub fn interrupt_key() -> bool {
    if !LISTENING.load(Ordering::SeqCst) {
        return false;
    }
    stop(SIGINT);
    true
}

/// The terminal hung up, seen before (or without) its SIGHUP: taken as
/// one. (The kernel sends SIGHUP to the session's leader, which may be a
/// shell that passes it on later, or not at all.)
pub fn hang_up() {
    stop(SIGHUP);
}

/// Whether the game was asked to stop.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst) != 0
}

/// Whether the game was asked to stop, now or within [`SIGNAL_LAG`]: for a
/// read or write that failed, which a hang-up may explain.
pub fn stop_soon() -> bool {
    let until = Instant::now() + SIGNAL_LAG;
    while !stop_requested() {
        if Instant::now() >= until || !LISTENING.load(Ordering::SeqCst) {
            return false;
        }
        thread::sleep(Duration::from_millis(10));
    }
    true
}

/// While it lives, a signal asks the game to stop rather than ending the
/// program at once. [`Listening::finish`] tells whether one did.
#[must_use = "a signal ends the program at once when nothing listens"]
pub struct Listening(());

/// Listens for a stop (installing the signal thread if need be).
pub fn listen() -> Listening {
    install();
    LISTENING.store(true, Ordering::SeqCst);
    Listening(())
}

impl Listening {
    /// Stops listening: from now on a signal ends the program at once.
    /// The exit status a stop asked for (128 + its signal), if one did.
    pub fn finish(self) -> Option<i32> {
        LISTENING.store(false, Ordering::SeqCst);
        // After the store: a signal that the signal thread saw while this
        // listened is seen here (it set `STOP` before it looked).
        let signal = STOP.load(Ordering::SeqCst);
        (signal != 0).then(|| status(signal))
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        LISTENING.store(false, Ordering::SeqCst);
    }
}

/// Puts the terminal back and exits with `status`. The first caller does
/// it; any other (the signal thread and the widget at once) waits for the
/// exit.
pub fn exit(status: i32) -> ! {
    static EXIT: Once = Once::new();
    EXIT.call_once(|| {
        let _held = select::restore_for_exit();
        // The shell's prompt starts on a line of its own.
        let mut err = io::stderr();
        if err.is_terminal() {
            let _ = err.write_all(b"\r\n");
            let _ = err.flush();
        }
        std::process::exit(status);
    });
    loop {
        thread::park();
    }
}

/// Puts the terminal back before the panic is reported (once per process).
pub fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            select::restore_after_panic();
            report(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_128_and_the_signal() {
        assert_eq!(INTERRUPTED, 130);
        assert_eq!(status(SIGTERM), 143);
        assert_eq!(status(SIGHUP), 129);
    }
}
