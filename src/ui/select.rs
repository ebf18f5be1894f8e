//! A select widget that fits a quiz, built on crossterm: number keys answer
//! at once, arrows and `j`/`k` move, Enter picks, and an optional countdown
//! runs out.
//!
//! A full-screen widget (a question, a menu) draws on the terminal's
//! alternate screen and redraws all of it on every change and on resize,
//! cut to the screen's height: nothing it draws can reach the scrollback,
//! and nothing is left behind at any size. When it returns, the normal
//! screen is back as it was, and the caller prints what stays (the
//! question and its feedback).
//!
//! An inline widget (a one-line pause) redraws in place: it wraps every
//! line itself, one column short of the width, so it knows how many rows
//! each takes, and clears them row by row.
//!
//! A game holds the terminal for all its screens ([`Stage`]): raw mode,
//! the alternate screen and a hidden cursor from its first screen to its
//! last, so nothing is echoed or shown between two screens and every
//! widget draws full-screen on it.
//!
//! Keys typed before a widget is drawn are thrown away ([`drain`]): no key
//! answers a question, or passes a verdict, that was not on screen yet.
//! Ctrl-Z (a key in raw mode) and SIGTSTP suspend the program with the
//! terminal put back ([`suspend`]); once continued it takes the terminal
//! again and the widget redraws whole. A countdown stops while the widget
//! asks whether to quit and while the program is stopped.

use super::{Painter, signals};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Mutex, MutexGuard, PoisonError, TryLockError};
use std::thread;
use std::time::{Duration, Instant};

/// How long the widget waits for a key before it looks again at the
/// countdown and at whether the game was asked to stop.
const POLL: Duration = Duration::from_millis(250);

/// How an item is painted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tone {
    #[default]
    Plain,
    /// Dimmed (such as the 50:50).
    Dim,
    /// The right answer, once answered.
    Good,
    /// A wrong answer picked.
    Bad,
}

/// One line of the list.
#[derive(Debug, Clone)]
pub struct Item {
    /// The text shown (escaped by the caller).
    pub label: String,
    /// The key that picks (or ticks) it at once.
    pub key: Option<char>,
    pub tone: Tone,
    /// Two columns shown before it in place of the cursor's (a verdict's
    /// `✓ ` or `✗ `).
    pub mark: Option<String>,
}

impl Item {
    pub fn new(label: impl Into<String>, key: Option<char>) -> Self {
        Item {
            label: label.into(),
            key,
            tone: Tone::Plain,
            mark: None,
        }
    }
}

/// A countdown shown by a widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    /// How long it runs in all.
    pub limit: Duration,
    /// How much of it ran before this widget (a question asked again after
    /// a 50:50 goes on where it was).
    pub spent: Duration,
    pub kind: Counting,
}

/// What a countdown counts down to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// The end of the time to answer: `Time left: 9s` and a bar, above
    /// the choices.
    Answer,
    /// Going on by itself: `Next question in 4s`, under the text, with
    /// what it goes on to.
    Next(&'static str),
}

/// What the player did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Picked this item (Enter, or its key).
    Picked(usize),
    /// Ticked these items and pressed Enter (a multi-select).
    Ticked(Vec<usize>),
    /// Esc or `q` (confirmed with `y` when the widget asks).
    Back,
    /// The countdown ran out.
    TimeUp,
    /// The game was asked to stop: Ctrl-C, or a signal (only while a game
    /// listens for one; anywhere else they end the program).
    Stopped,
}

/// A list to pick from, with the lines above it.
#[derive(Debug, Clone, Default)]
pub struct Select {
    /// Lines shown first for context (notices before a game's first
    /// question; they may hold colour codes); the first to go when the
    /// screen is too short.
    pub context: Vec<String>,
    /// Lines shown above the list (they may hold colour codes).
    pub header: Vec<String>,
    pub items: Vec<Item>,
    /// Lines shown under the list (a verdict; they may hold colour codes).
    pub footer: Vec<String>,
    /// The keys, shown last.
    pub hint: String,
    /// Space (or an item's key) ticks; Enter returns the ticked items.
    pub multi: bool,
    /// A countdown, which stops while the widget asks whether to quit.
    pub countdown: Option<Countdown>,
    /// Esc and `q` ask "Quit this game? (y/N)" before giving up.
    pub confirm_quit: bool,
    /// The item the cursor starts on.
    pub start: usize,
    /// Draw on the alternate screen (a question, a menu) rather than in
    /// place (a one-line pause). Within a [`Stage`] every widget does.
    pub fullscreen: bool,
    /// Any key goes on ([`Outcome::Picked`]`(0)`), but for Esc and `q`
    /// (which ask first with `confirm_quit`), Ctrl-C and Ctrl-Z; the items
    /// are shown without a cursor.
    pub any_key: bool,
}

/// What a widget changed on the terminal, so that whatever ends the
/// program (a signal, a panic) knows what to put back.
static ALTERNATE: AtomicBool = AtomicBool::new(false);
static HIDDEN: AtomicBool = AtomicBool::new(false);

/// Whether a game holds the terminal ([`Stage`]).
static STAGED: AtomicBool = AtomicBool::new(false);

/// How many times the program was continued after a stop: a running
/// widget that sees it change redraws whole.
static RESUMES: AtomicUsize = AtomicUsize::new(0);

/// How long the program was stopped by [`suspend`] in all, in
/// nanoseconds: a countdown does not count it.
static STOPPED_NANOS: AtomicU64 = AtomicU64::new(0);

/// Stops [`suspend`] made that the SIGCONT after each is still to come
/// for: that SIGCONT has nothing to do ([`continued`]).
static OWN_STOPS: AtomicUsize = AtomicUsize::new(0);

/// Held while the terminal is written to or its mode changed: the widget
/// on the main thread, the signal thread putting the terminal back. The
/// exit path keeps it until the process is gone, so no widget draws or
/// takes raw mode again after the terminal was put back.
static TERMINAL: Mutex<()> = Mutex::new(());

fn hold_terminal() -> MutexGuard<'static, ()> {
    TERMINAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Writes to the terminal (stderr), holding it.
pub(super) fn write_terminal(bytes: &[u8]) -> io::Result<()> {
    let _held = hold_terminal();
    let mut err = io::stderr().lock();
    err.write_all(bytes)?;
    err.flush()
}

/// Puts back what a widget changed: leaves the alternate screen, leaves
/// raw mode and shows the cursor, each only if a widget changed it (a
/// terminal never touched gets no escape). The caller holds the terminal.
fn restore_held() {
    let mut err = io::stderr();
    if ALTERNATE.swap(false, Ordering::SeqCst) {
        let _ = err.write_all(b"\x1b[?1049l");
    }
    // crossterm leaves raw mode only if it entered it.
    let _ = crossterm::terminal::disable_raw_mode();
    if HIDDEN.swap(false, Ordering::SeqCst) {
        let _ = err.write_all(b"\x1b[?25h");
    }
    let _ = err.flush();
}

/// Puts the terminal back for good, before the program exits: the
/// returned guard keeps any widget from taking it again.
pub(super) fn restore_for_exit() -> MutexGuard<'static, ()> {
    let held = hold_terminal();
    restore_held();
    held
}

/// Puts the terminal back from a panic hook. A panic may strike while
/// this thread holds the terminal: then it goes on without waiting.
pub(super) fn restore_after_panic() {
    let _held = match TERMINAL.try_lock() {
        Ok(held) => Some(held),
        Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
        Err(TryLockError::WouldBlock) => None,
    };
    restore_held();
}

/// Suspends the program (Ctrl-Z, SIGTSTP): puts the terminal back as a
/// shell wants it, stops (as SIGTSTP would, were it not caught), and once
/// continued (`fg`, SIGCONT) takes the terminal again as it was: raw mode,
/// the alternate screen and the hidden cursor, each only if a widget had
/// it. The running widget then redraws whole; a countdown does not count
/// the time stopped.
pub(super) fn suspend() {
    let held = hold_terminal();
    let alternate = ALTERNATE.load(Ordering::SeqCst);
    let hidden = HIDDEN.load(Ordering::SeqCst);
    let raw = crossterm::terminal::is_raw_mode_enabled().unwrap_or(false);
    restore_held();
    OWN_STOPS.fetch_add(1, Ordering::SeqCst);
    let stopped = Instant::now();
    signals::stop_here();
    let nanos = u64::try_from(stopped.elapsed().as_nanos()).unwrap_or(u64::MAX);
    STOPPED_NANOS.fetch_add(nanos, Ordering::SeqCst);
    if raw {
        let _ = crossterm::terminal::enable_raw_mode();
    }
    let mut err = io::stderr();
    if alternate {
        ALTERNATE.store(true, Ordering::SeqCst);
        let _ = err.write_all(b"\x1b[?1049h");
    }
    if hidden {
        HIDDEN.store(true, Ordering::SeqCst);
        let _ = err.write_all(b"\x1b[?25l");
    }
    let _ = err.flush();
    RESUMES.fetch_add(1, Ordering::SeqCst);
    drop(held);
}

/// SIGCONT came. After a stop of [`suspend`]'s, which takes the terminal
/// back itself, nothing; after one from elsewhere (SIGSTOP), the shell may
/// have reset the terminal's mode meanwhile: raw mode is set again if a
/// widget had it, and the widget redraws whole.
pub(super) fn continued() {
    let own = OWN_STOPS.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
    if own.is_ok() {
        return;
    }
    let _held = hold_terminal();
    if crossterm::terminal::is_raw_mode_enabled().unwrap_or(false) {
        let _ = crossterm::terminal::disable_raw_mode();
        let _ = crossterm::terminal::enable_raw_mode();
    }
    if HIDDEN.load(Ordering::SeqCst) {
        let mut err = io::stderr();
        let _ = err.write_all(b"\x1b[?25l");
        let _ = err.flush();
    }
    RESUMES.fetch_add(1, Ordering::SeqCst);
}

/// How long [`suspend`] has kept the program stopped, in all.
fn stopped_total() -> Duration {
    Duration::from_nanos(STOPPED_NANOS.load(Ordering::SeqCst))
}

/// The terminal held for a whole game: raw mode, the alternate screen and
/// a hidden cursor from the game's first screen until this is dropped.
/// Widgets run meanwhile draw full-screen on it and leave it as it is, so
/// no key is echoed and no other screen shows between two of them.
pub struct Stage(());

impl Stage {
    pub fn enter() -> io::Result<Stage> {
        let _held = hold_terminal();
        crossterm::terminal::enable_raw_mode()?;
        let mut err = io::stderr();
        ALTERNATE.store(true, Ordering::SeqCst);
        HIDDEN.store(true, Ordering::SeqCst);
        let _ = err.write_all(b"\x1b[?1049h\x1b[?25l");
        let _ = err.flush();
        STAGED.store(true, Ordering::SeqCst);
        Ok(Stage(()))
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        let _held = hold_terminal();
        STAGED.store(false, Ordering::SeqCst);
        restore_held();
    }
}

/// Keys and resizes, read on a thread of their own. crossterm never
/// returns from a read on a terminal that hung up (it reads the end of
/// input again and again), so the widget waits for an answer here and,
/// while it waits, still sees that the game was asked to stop.
struct Events {
    ask: mpsc::Sender<Duration>,
    answers: mpsc::Receiver<io::Result<Option<Event>>>,
}

/// The reader, started by the first widget. It reads only when asked, so
/// nothing is read from the terminal while no widget runs (the hot-seat
/// names are typed as a line).
static EVENTS: Mutex<Option<Events>> = Mutex::new(None);

impl Events {
    fn start() -> io::Result<Events> {
        let (ask, asked) = mpsc::channel::<Duration>();
        let (answer, answers) = mpsc::channel();
        thread::Builder::new().name("keys".into()).spawn(move || {
            for wait in asked {
                let got = match event::poll(wait) {
                    Ok(true) => event::read().map(Some),
                    Ok(false) => Ok(None),
                    Err(e) => Err(e),
                };
                if answer.send(got).is_err() {
                    break;
                }
            }
        })?;
        Ok(Events { ask, answers })
    }
}

/// What the terminal said within a wait.
pub(super) enum Next {
    Event(Event),
    /// Nothing.
    Quiet,
    /// Nothing, and the game must stop.
    Stop,
}

/// Whether the widget must stop: the game was asked to, or the terminal
/// hung up (it is no longer a terminal), which is taken as a SIGHUP.
fn must_stop() -> bool {
    if signals::stop_requested() {
        return true;
    }
    if !io::stdin().is_terminal() {
        // With no game listening this puts the terminal back and exits.
        signals::hang_up();
        return true;
    }
    false
}

/// The next key or resize within about `wait`.
pub(super) fn next_event(wait: Duration) -> io::Result<Next> {
    let mut slot = EVENTS.lock().unwrap_or_else(PoisonError::into_inner);
    let events = match slot.take() {
        Some(events) => events,
        None => Events::start()?,
    };
    if events.ask.send(wait).is_err() {
        return Err(io::Error::other("the key reader has stopped"));
    }
    loop {
        match events.answers.recv_timeout(POLL) {
            Ok(answer) => {
                *slot = Some(events);
                return Ok(answer?.map_or(Next::Quiet, Next::Event));
            }
            // The reader is left behind (a fresh one is started if ever
            // needed): it may be stuck on a terminal that hung up.
            Err(RecvTimeoutError::Timeout) if must_stop() => return Ok(Next::Stop),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(io::Error::other("the key reader has stopped"));
            }
        }
    }
}

/// Throws away every key typed before the widget is drawn (read in raw
/// mode by now, or held for it by the terminal), so that none answers
/// what the player has not seen yet. A Ctrl-C among them still stops
/// the game ([`Next::Stop`], said as SIGINT), and a Ctrl-Z still
/// suspends.
fn drain() -> io::Result<Next> {
    // Bounded, in case keys never stop coming.
    for _ in 0..4096 {
        match next_event(Duration::ZERO)? {
            Next::Event(Event::Key(key)) if is_ctrl_c(key) => {
                signals::interrupt_key();
                return Ok(Next::Stop);
            }
            Next::Event(Event::Key(key)) if is_ctrl_z(key) => suspend(),
            Next::Event(_) => {}
            other => return Ok(other),
        }
    }
    Ok(Next::Quiet)
}

/// Raw mode and a hidden cursor while the widget runs; both are put back
/// when it returns, whatever way it does. Within a [`Stage`], which holds
/// them for the game, it does nothing.
struct RawGuard {
    owned: bool,
}

impl RawGuard {
    fn new(fullscreen: bool) -> io::Result<RawGuard> {
        if STAGED.load(Ordering::SeqCst) {
            return Ok(RawGuard { owned: false });
        }
        let _held = hold_terminal();
        crossterm::terminal::enable_raw_mode()?;
        let mut err = io::stderr();
        if fullscreen {
            ALTERNATE.store(true, Ordering::SeqCst);
            let _ = err.write_all(b"\x1b[?1049h");
        }
        HIDDEN.store(true, Ordering::SeqCst);
        let _ = err.write_all(b"\x1b[?25l");
        let _ = err.flush();
        Ok(RawGuard { owned: true })
    }
}

impl Drop for RawGuard {
    fn drop(&mut self) {
        if self.owned {
            let _held = hold_terminal();
            restore_held();
        }
    }
}

/// A countdown's clock: it runs only while started, and never while the
/// program is stopped.
#[derive(Debug, Clone, Copy)]
struct Clock {
    /// What ran before it was last started.
    spent: Duration,
    /// When it was last started, and how long the program had been
    /// stopped by then.
    since: Option<(Instant, Duration)>,
}

impl Clock {
    fn stopped_at(spent: Duration) -> Clock {
        Clock { spent, since: None }
    }

    fn start(&mut self) {
        if self.since.is_none() {
            self.since = Some((Instant::now(), stopped_total()));
        }
    }

    fn stop(&mut self) {
        self.spent = self.spent();
        self.since = None;
    }

    fn running(&self) -> bool {
        self.since.is_some()
    }

    /// How much time it has counted.
    fn spent(&self) -> Duration {
        match self.since {
            Some((at, stopped)) => {
                self.spent
                    + at.elapsed()
                        .saturating_sub(stopped_total().saturating_sub(stopped))
            }
            None => self.spent,
        }
    }
}

/// The terminal's width in columns (80 when it cannot be told).
pub(super) fn columns() -> usize {
    match crossterm::terminal::size() {
        Ok((cols, _)) if cols > 0 => cols as usize,
        _ => 80,
    }
}

/// `text` wrapped to `width` columns; continuation rows start with `indent`.
pub(super) fn wrap(text: &str, width: usize, first: &str, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(width.max(8))
        .initial_indent(first)
        .subsequent_indent(indent)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// The terminal's height in rows (24 when it cannot be told).
pub(super) fn screen_rows() -> usize {
    match crossterm::terminal::size() {
        Ok((_, rows)) if rows > 0 => rows as usize,
        _ => 24,
    }
}

/// `lines` cut to fit `height` rows, so the region never scrolls the
/// screen (which would leave copies of it in the scrollback): the
/// `context` lines at the top go first, then blank lines (the top one,
/// then from the bottom up: the gap above a verdict stays longest), then
/// lines from the top.
fn fit_height(lines: &[String], context: usize, cols: usize, height: usize) -> Vec<String> {
    let width = |l: &String| console::measure_text_width(l);
    let rows = |ls: &[String]| rows_at(&ls.iter().map(width).collect::<Vec<_>>(), cols);
    let mut out = lines.to_vec();
    let mut context = context.min(out.len());
    while context > 0 && rows(&out) > height {
        out.remove(0);
        context -= 1;
    }
    while rows(&out) > height {
        let blank = if out.first().is_some_and(String::is_empty) {
            Some(0)
        } else {
            out.iter().rposition(String::is_empty)
        };
        match blank {
            Some(i) => {
                out.remove(i);
            }
            None if out.len() > 1 => {
                out.remove(0);
            }
            None => break,
        }
    }
    out
}

/// How many terminal rows `widths` take at `cols` columns.
fn rows_at(widths: &[usize], cols: usize) -> usize {
    widths.iter().map(|&w| w.div_ceil(cols.max(1)).max(1)).sum()
}

/// The region on the terminal: what was drawn last, to be cleared.
struct Region {
    /// The display width of each line drawn last.
    drawn: Vec<usize>,
    /// On the alternate screen: each drawing clears it all.
    fullscreen: bool,
}

impl Region {
    /// Clears the region's rows one by one and leaves the cursor on its
    /// first row. (Clearing line by line, rather than to the end of the
    /// screen, keeps terminals such as tmux from copying the screen into
    /// the scrollback when the region starts at the top.)
    fn clear_sequence(&self, cols: usize) -> String {
        if self.fullscreen {
            return "\x1b[H\x1b[2J".to_owned();
        }
        if self.drawn.is_empty() {
            return String::new();
        }
        let rows = rows_at(&self.drawn, cols);
        let mut s = String::from("\r");
        if rows > 1 {
            s.push_str(&format!("\x1b[{}A", rows - 1));
        }
        for row in 0..rows {
            s.push_str("\x1b[2K");
            if row + 1 < rows {
                s.push_str("\x1b[1B");
            }
        }
        if rows > 1 {
            s.push_str(&format!("\x1b[{}A", rows - 1));
        }
        s
    }

    fn draw(&mut self, (lines, context): (Vec<String>, usize), cols: usize) -> io::Result<()> {
        let lines = fit_height(&lines, context, cols, screen_rows());
        let lines = lines.as_slice();
        let mut s = self.clear_sequence(cols);
        s.push_str(&lines.join("\r\n"));
        self.drawn = lines
            .iter()
            .map(|l| console::measure_text_width(l))
            .collect();
        write_terminal(s.as_bytes())
    }

    fn clear(&mut self, cols: usize) -> io::Result<()> {
        let s = self.clear_sequence(cols);
        self.drawn.clear();
        write_terminal(s.as_bytes())
    }
}

/// The state of a running widget.
struct State {
    cursor: usize,
    ticked: Vec<bool>,
    /// A note under the list: a wrong key, or the quit question.
    note: Option<String>,
    confirming: bool,
    /// The countdown's clock (stopped while the quit question is asked).
    clock: Clock,
}

impl State {
    fn new(select: &Select) -> State {
        State {
            cursor: select.start.min(select.items.len().saturating_sub(1)),
            ticked: vec![false; select.items.len()],
            note: None,
            confirming: false,
            clock: Clock::stopped_at(select.countdown.map_or(Duration::ZERO, |c| c.spent)),
        }
    }
}

/// Whole seconds left, rounded up, and the time left.
fn seconds_left(countdown: &Countdown, spent: Duration) -> (u64, Duration) {
    let left = countdown.limit.saturating_sub(spent);
    (left.as_secs() + u64::from(left.subsec_nanos() > 0), left)
}

impl Select {
    /// The lines to draw at `cols` columns, and how many at the top are
    /// context.
    fn lines(&self, state: &State, cols: usize, p: Painter) -> (Vec<String>, usize) {
        let width = cols.saturating_sub(1).max(8);
        let unicode = console::colors_enabled_stderr();
        let paused = if state.clock.running() {
            ""
        } else {
            " (paused)"
        };
        let mut out = Vec::new();
        for line in &self.context {
            if line.is_empty() {
                out.push(String::new());
            } else {
                out.extend(wrap(line, width, "", ""));
            }
        }
        let context = out.len();
        for line in &self.header {
            if line.is_empty() {
                out.push(String::new());
            } else {
                out.extend(wrap(line, width, "", ""));
            }
        }
        if let Some(
            countdown @ Countdown {
                limit,
                kind: Counting::Answer,
                ..
            },
        ) = self.countdown
        {
            let (secs, left) = seconds_left(&countdown, state.clock.spent());
            // Room for "Time left: 120s " and " (paused)" either way, so
            // the bar keeps its length when the countdown stops.
            let bar_width = 20.min(width.saturating_sub(16 + " (paused)".len()));
            let filled = if limit.is_zero() {
                0
            } else {
                (bar_width as u128 * left.as_millis() / limit.as_millis().max(1)) as usize
            };
            let (full, empty) = if unicode { ('█', '░') } else { ('#', '.') };
            let bar: String = std::iter::repeat_n(full, filled)
                .chain(std::iter::repeat_n(
                    empty,
                    bar_width - filled.min(bar_width),
                ))
                .collect();
            let text = format!("Time left: {secs:>3}s {bar}{paused}");
            for line in wrap(&text, width, "", "") {
                out.push(if secs <= 5 {
                    p.bad(&line)
                } else {
                    p.dim(&line)
                });
            }
        }
        let marker = if unicode { "❯ " } else { "> " };
        for (i, item) in self.items.iter().enumerate() {
            let here = i == state.cursor && !self.any_key;
            let mut first = match &item.mark {
                Some(mark) => mark.clone(),
                None if here => marker.to_owned(),
                None => "  ".to_owned(),
            };
            if self.multi {
                first.push_str(if state.ticked[i] { "[x] " } else { "[ ] " });
            }
            // A wrapped label lines up under its text, after `1) `.
            let key_prefix = item
                .label
                .char_indices()
                .nth(1)
                .filter(|&(i, c)| c == ')' && item.label[i..].starts_with(") "))
                .map_or(0, |(i, _)| i + 2);
            let indent = " ".repeat(console::measure_text_width(&first) + key_prefix);
            for row in wrap(&item.label, width, &first, &indent) {
                let row = match item.tone {
                    _ if here => p.paint(console::Style::new().cyan().bold(), &row),
                    Tone::Plain => row,
                    Tone::Dim => p.dim(&row),
                    Tone::Good => p.good(&row),
                    Tone::Bad => p.bad(&row),
                };
                out.push(row);
            }
        }
        for line in &self.footer {
            if line.is_empty() {
                out.push(String::new());
            } else {
                out.extend(wrap(line, width, "", ""));
            }
        }
        if let Some(
            countdown @ Countdown {
                kind: Counting::Next(what),
                ..
            },
        ) = self.countdown
        {
            let (secs, _) = seconds_left(&countdown, state.clock.spent());
            let text = format!("{what} in {secs}s{paused}");
            out.extend(wrap(&text, width, "", "").iter().map(|l| p.accent(l)));
        }
        for line in wrap(&self.hint, width, "", "") {
            out.push(p.dim(&line));
        }
        if let Some(note) = &state.note {
            for line in wrap(note, width, "", "") {
                out.push(p.accent(&line));
            }
        }
        (out, context)
    }

    /// Runs the widget on the terminal (stderr) until the player picks,
    /// goes back or the countdown runs out. Ctrl-C (a key in raw mode)
    /// stops the game that listens for it ([`Outcome::Stopped`]); outside
    /// a game it puts the terminal back and exits with 130. A game asked
    /// to stop by a signal is told within [`POLL`].
    pub fn interact(&self) -> io::Result<Outcome> {
        self.interact_counting().map(|(outcome, _)| outcome)
    }

    /// [`Select::interact`], and how much of the countdown has run by the
    /// end (what it had run before included): the time the question was
    /// on screen, less the time the quit question was asked and the time
    /// the program was stopped.
    pub fn interact_counting(&self) -> io::Result<(Outcome, Duration)> {
        let mut state = State::new(self);
        if signals::stop_requested() {
            return Ok((Outcome::Stopped, state.clock.spent()));
        }
        let guard = RawGuard::new(self.fullscreen)?;
        let staged = STAGED.load(Ordering::SeqCst);
        let mut region = Region {
            drawn: Vec::new(),
            fullscreen: self.fullscreen || staged,
        };
        let outcome = match self.run(&mut region, &mut state) {
            Ok(outcome) => outcome,
            // A terminal that hangs up fails around the time its SIGHUP
            // comes: the game stops as the signal asks.
            Err(_) if signals::stop_soon() => Outcome::Stopped,
            Err(e) => return Err(e),
        };
        state.clock.stop();
        if outcome == Outcome::Stopped && !signals::stop_requested() {
            // Ctrl-C with no game listening: immediate, no question asked.
            let _ = region.clear(columns());
            signals::exit(signals::INTERRUPTED);
        }
        // On a stage the next screen is drawn over this one.
        let cleared = if staged {
            Ok(())
        } else {
            region.clear(columns())
        };
        drop(guard);
        match cleared {
            Err(_) if outcome == Outcome::Stopped => {}
            other => other?,
        }
        Ok((outcome, state.clock.spent()))
    }

    /// The widget's loop: throws away keys typed ahead, draws, and reads
    /// keys until an outcome.
    fn run(&self, region: &mut Region, state: &mut State) -> io::Result<Outcome> {
        let p = Painter::for_stderr();
        if let Next::Stop = drain()? {
            return Ok(Outcome::Stopped);
        }
        let mut cols = columns();
        let mut resumes = RESUMES.load(Ordering::SeqCst);
        region.draw(self.lines(state, cols, p), cols)?;
        // The countdown starts once the screen is drawn.
        state.clock.start();
        // A way to test the panic hook: debug builds only.
        #[cfg(debug_assertions)]
        if std::env::var_os("WHIPLASH_QUIZ_PANIC_IN_WIDGET").is_some() {
            panic!("WHIPLASH_QUIZ_PANIC_IN_WIDGET is set: a panic with the widget up");
        }
        loop {
            if must_stop() {
                return Ok(Outcome::Stopped);
            }
            let now_resumes = RESUMES.load(Ordering::SeqCst);
            if now_resumes != resumes {
                // Continued after a stop: the screen is the shell's, or
                // was cleared. An inline region starts afresh where the
                // cursor is.
                resumes = now_resumes;
                region.drawn.clear();
                cols = columns();
                region.draw(self.lines(state, cols, p), cols)?;
            }
            // Wake at least every `POLL` to see whether the game was asked
            // to stop, and with a countdown, to redraw it.
            let mut wait = POLL;
            if let Some(countdown) = self.countdown.filter(|_| state.clock.running()) {
                let (_, left) = seconds_left(&countdown, state.clock.spent());
                if left.is_zero() {
                    return Ok(Outcome::TimeUp);
                }
                wait = wait.min(left);
            }
            let event = match next_event(wait)? {
                Next::Event(event) => event,
                Next::Stop => return Ok(Outcome::Stopped),
                Next::Quiet => {
                    if self.countdown.is_some() {
                        region.draw(self.lines(state, cols, p), cols)?;
                    }
                    continue;
                }
            };
            let key = match event {
                Event::Key(key) if key.kind != KeyEventKind::Release => key,
                Event::Resize(..) => {
                    // The old lines were reflowed to the new width: clear
                    // what they take now.
                    let new = columns();
                    region.clear(new)?;
                    cols = new;
                    region.draw(self.lines(state, cols, p), cols)?;
                    continue;
                }
                _ => continue,
            };
            if is_ctrl_z(key) {
                // Redrawn whole above, once continued.
                suspend();
                continue;
            }
            if let Some(outcome) = self.on_key(key, state) {
                if outcome == Outcome::Stopped {
                    // Ctrl-C: a key in raw mode, said as SIGINT.
                    signals::interrupt_key();
                }
                return Ok(outcome);
            }
            // The countdown stops while the quit question is asked.
            if state.confirming {
                state.clock.stop();
            } else {
                state.clock.start();
            }
            region.draw(self.lines(state, cols, p), cols)?;
        }
    }

    /// What a key does: an outcome, or a change of state to redraw.
    fn on_key(&self, key: KeyEvent, state: &mut State) -> Option<Outcome> {
        if is_ctrl_c(key) {
            return Some(Outcome::Stopped);
        }
        let n = self.items.len();
        if state.confirming {
            state.confirming = false;
            state.note = None;
            return match key.code {
                KeyCode::Char('y' | 'Y') => Some(Outcome::Back),
                _ => None,
            };
        }
        state.note = None;
        match key.code {
            KeyCode::Esc | KeyCode::Char('q' | 'Q') => {
                if self.confirm_quit {
                    state.confirming = true;
                    state.note = Some("Quit this game? (y/N)".into());
                    None
                } else {
                    Some(Outcome::Back)
                }
            }
            _ if self.any_key => Some(Outcome::Picked(0)),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab if n > 0 => {
                state.cursor = (state.cursor + n - 1) % n;
                None
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab if n > 0 => {
                state.cursor = (state.cursor + 1) % n;
                None
            }
            KeyCode::Home => {
                state.cursor = 0;
                None
            }
            KeyCode::End => {
                state.cursor = n.saturating_sub(1);
                None
            }
            KeyCode::Enter if self.multi => {
                let ticked: Vec<usize> = (0..n).filter(|&i| state.ticked[i]).collect();
                if ticked.is_empty() {
                    state.note = Some("Tick at least one with Space first.".into());
                    None
                } else {
                    Some(Outcome::Ticked(ticked))
                }
            }
            KeyCode::Enter => Some(Outcome::Picked(state.cursor.min(n.saturating_sub(1)))),
            KeyCode::Char(' ') if self.multi && n > 0 => {
                state.ticked[state.cursor] ^= true;
                None
            }
            KeyCode::Char(c) => match self.items.iter().position(|item| item.key == Some(c)) {
                Some(i) if self.multi => {
                    state.ticked[i] ^= true;
                    state.cursor = i;
                    None
                }
                Some(i) => Some(Outcome::Picked(i)),
                None => {
                    state.note = Some(format!("{c:?} does nothing here. {}", self.hint));
                    None
                }
            },
            _ => None,
        }
    }
}

pub(super) fn is_ctrl_c(key: KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c' | 'C'))
}

pub(super) fn is_ctrl_z(key: KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('z' | 'Z'))
}

/// Shows `text` and waits for Enter: [`Outcome::Picked`]; or
/// [`Outcome::Back`] when the player chose to quit instead (Esc or `q`,
/// confirmed with `y` when `confirm_quit`), or [`Outcome::Stopped`].
pub fn pause(text: &str, confirm_quit: bool) -> io::Result<Outcome> {
    let select = Select {
        hint: text.to_owned(),
        confirm_quit,
        ..Select::default()
    };
    select.interact()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn quiz_select() -> Select {
        Select {
            items: vec![
                Item::new("1) Andrew", Some('1')),
                Item::new("2) Fletcher", Some('2')),
                Item::new("3) Nicole", Some('3')),
                Item::new("50:50", Some('f')),
            ],
            hint: "1-3, f for 50:50".into(),
            confirm_quit: true,
            ..Select::default()
        }
    }

    fn state(n: usize) -> State {
        State {
            cursor: 0,
            ticked: vec![false; n],
            note: None,
            confirming: false,
            clock: Clock::stopped_at(Duration::from_secs(1)),
        }
    }

    #[test]
    fn number_keys_pick_at_once_and_arrows_move() {
        let s = quiz_select();
        let mut st = state(4);
        assert_eq!(
            s.on_key(key(KeyCode::Char('2')), &mut st),
            Some(Outcome::Picked(1))
        );
        assert_eq!(
            s.on_key(key(KeyCode::Char('f')), &mut st),
            Some(Outcome::Picked(3))
        );
        assert_eq!(s.on_key(key(KeyCode::Char('j')), &mut st), None);
        assert_eq!(s.on_key(key(KeyCode::Down), &mut st), None);
        assert_eq!(st.cursor, 2);
        assert_eq!(s.on_key(key(KeyCode::Char('k')), &mut st), None);
        assert_eq!(s.on_key(key(KeyCode::Up), &mut st), None);
        assert_eq!(s.on_key(key(KeyCode::Up), &mut st), None);
        assert_eq!(st.cursor, 3, "up from the first wraps to the last");
        assert_eq!(
            s.on_key(key(KeyCode::Enter), &mut st),
            Some(Outcome::Picked(3))
        );
        assert_eq!(s.on_key(key(KeyCode::Char('9')), &mut st), None);
        assert!(st.note.as_deref().unwrap().contains("'9' does nothing"));
    }

    #[test]
    fn q_and_esc_ask_before_quitting() {
        let s = quiz_select();
        let mut st = state(4);
        for first in [KeyCode::Esc, KeyCode::Char('q')] {
            assert_eq!(s.on_key(key(first), &mut st), None);
            assert_eq!(st.note.as_deref(), Some("Quit this game? (y/N)"));
            // Anything but y keeps playing, and is not taken as an answer.
            assert_eq!(s.on_key(key(KeyCode::Char('1')), &mut st), None);
            assert_eq!(st.note, None);
            assert_eq!(s.on_key(key(first), &mut st), None);
            assert_eq!(
                s.on_key(key(KeyCode::Char('y')), &mut st),
                Some(Outcome::Back)
            );
        }
        let menu = Select {
            confirm_quit: false,
            ..quiz_select()
        };
        assert_eq!(
            menu.on_key(key(KeyCode::Esc), &mut state(4)),
            Some(Outcome::Back)
        );
    }

    #[test]
    fn a_multi_select_ticks_and_wants_one_ticked() {
        let s = Select {
            multi: true,
            ..quiz_select()
        };
        let mut st = state(4);
        assert_eq!(s.on_key(key(KeyCode::Enter), &mut st), None);
        assert!(st.note.is_some());
        assert_eq!(s.on_key(key(KeyCode::Char(' ')), &mut st), None);
        assert_eq!(st.note, None, "the note goes once a key is pressed");
        assert_eq!(s.on_key(key(KeyCode::Char('3')), &mut st), None);
        assert_eq!(
            s.on_key(key(KeyCode::Enter), &mut st),
            Some(Outcome::Ticked(vec![0, 2]))
        );
    }

    #[test]
    fn lines_fit_the_width_and_the_row_count_follows_a_resize() {
        let s = Select {
            header: vec![
                "Which drummer does Fletcher throw a chair at in the first rehearsal?".into(),
            ],
            countdown: Some(Countdown {
                limit: Duration::from_secs(10),
                spent: Duration::from_secs(1),
                kind: Counting::Answer,
            }),
            ..quiz_select()
        };
        let p = Painter::for_stderr();
        for cols in [20, 40, 80, 120] {
            let (lines, _) = s.lines(&state(4), cols, p);
            for l in &lines {
                assert!(console::measure_text_width(l) < cols, "{l:?} at {cols}");
            }
            let widths: Vec<usize> = lines
                .iter()
                .map(|l| console::measure_text_width(l))
                .collect();
            assert_eq!(rows_at(&widths, cols), lines.len());
        }
        // Lines drawn at 80 columns take more rows once reflowed to 20.
        assert_eq!(rows_at(&[79, 10, 0], 20), 4 + 1 + 1);
        // A region taller than the screen is cut to fit: blank lines first,
        // then from the top; the last lines (the choices) stay.
        let lines: Vec<String> = [
            "",
            "Question 1/2",
            "a long prompt here",
            "",
            "> 1) x",
            "keys",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(fit_height(&lines, 0, 80, 10), lines);
        assert_eq!(
            fit_height(&lines, 0, 80, 3),
            ["a long prompt here", "> 1) x", "keys"].map(String::from)
        );
        assert_eq!(fit_height(&lines, 0, 10, 4).last().unwrap(), "keys");
        // The top blank goes first, then blanks from the bottom up: the
        // gap above a verdict stays longest.
        let verdict: Vec<String> = ["", "Q", "> 1) x", "", "Wrong.", "", "keys"]
            .map(String::from)
            .to_vec();
        assert_eq!(fit_height(&verdict, 0, 80, 6), verdict[1..]);
        assert_eq!(
            fit_height(&verdict, 0, 80, 5),
            ["Q", "> 1) x", "", "Wrong.", "keys"].map(String::from)
        );
        // Context lines go before anything else, blank lines included.
        assert_eq!(
            fit_height(&lines, 2, 80, 4),
            ["a long prompt here", "", "> 1) x", "keys"].map(String::from)
        );
    }
}
