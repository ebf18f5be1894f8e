//! The host screen of party mode: the join URL and its QR code, then the
//! open question, its countdown, how many answered and the leaderboard.
//!
//! In a terminal it is drawn full-screen (the alternate screen, raw mode,
//! as a game's [`select::Stage`]) and read key by key: Enter or space
//! starts and moves on, `r` then a player's number and Enter removes that
//! player, `q` ends the game, Ctrl-C stops it. When stdin is not a
//! terminal, what happens is written as plain lines on stderr, and
//! commands are read as lines from stdin: `start`, `next`, `remove N`,
//! `quit`.

use super::select::{self, Next, Stage};
use crate::format;
use crate::party::room::{HostView, Stage as RoomStage};
use crate::text::escape_controls;
use crossterm::event::{Event, KeyCode, KeyEventKind};
use std::io::{self, BufRead, IsTerminal, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// What the host asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostCommand {
    /// Start the game, close the open question, or open the next one.
    Advance,
    /// End the game now.
    Quit,
    /// Remove the player of this number.
    Remove(usize),
}

/// The QR code of `text` in Unicode half blocks, two modules a character
/// high, light modules drawn (so it reads on a dark terminal), with a
/// quiet zone of two modules. Empty if the text cannot be encoded.
pub fn qr_lines(text: &str) -> Vec<String> {
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else {
        return Vec::new();
    };
    let width = code.width() as i64;
    let colors = code.to_colors();
    let quiet = 2;
    let light = |x: i64, y: i64| {
        if x < 0 || y < 0 || x >= width || y >= width {
            return true;
        }
        colors[(y * width + x) as usize] == qrcode::Color::Light
    };
    let mut lines = Vec::new();
    let mut y = -quiet;
    while y < width + quiet {
        let line: String = (-quiet..width + quiet)
            .map(|x| match (light(x, y), light(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            })
            .collect();
        lines.push(line);
        y += 2;
    }
    lines
}

/// The host screen.
pub struct HostScreen {
    url: String,
    /// In a terminal: the terminal held, and what was drawn last.
    stage: Option<Stage>,
    drawn: Vec<String>,
    /// Commands typed as lines, when stdin is not a terminal.
    lines: Option<Receiver<String>>,
    /// What the plain lines last said, to say only what changed.
    last: Option<HostView>,
    /// The player number being typed after `r`.
    typing: Option<String>,
    /// A note shown at the foot of the screen.
    note: Option<String>,
    qr: Vec<String>,
}

impl HostScreen {
    /// Says where to join (a line `Join at URL` on stderr, and the QR code
    /// when stderr is a terminal), then takes the terminal when stdin and
    /// stderr are both terminals; otherwise reads commands from stdin.
    pub fn new(url: &str) -> io::Result<HostScreen> {
        let interactive = super::is_interactive();
        let qr = qr_lines(url);
        {
            let mut err = io::stderr().lock();
            if err.is_terminal() {
                for line in &qr {
                    writeln!(err, "{line}")?;
                }
            }
            writeln!(err, "Join at {url}")?;
            err.flush()?;
        }
        let (stage, lines) = if interactive {
            (Some(Stage::enter()?), None)
        } else {
            let (tx, rx) = mpsc::channel();
            let _ = thread::Builder::new()
                .name("host-commands".into())
                .spawn(move || {
                    for line in io::stdin().lock().lines() {
                        let Ok(line) = line else { break };
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                });
            (None, Some(rx))
        };
        Ok(HostScreen {
            url: url.to_owned(),
            stage,
            drawn: Vec::new(),
            lines,
            last: None,
            typing: None,
            note: None,
            qr,
        })
    }

    /// Whether keys are read (a terminal) rather than lines.
    pub fn keys(&self) -> bool {
        self.stage.is_some()
    }

    /// A note for the host: at the foot of the screen, or a line on
    /// stderr.
    pub fn note(&mut self, text: &str) {
        if self.stage.is_some() {
            self.note = Some(text.to_owned());
        } else {
            let mut err = io::stderr().lock();
            let _ = writeln!(err, "{}", escape_controls(text));
        }
    }

    /// Shows the room as it is now.
    pub fn show(&mut self, view: &HostView) -> io::Result<()> {
        if self.stage.is_some() {
            let lines = self.screen(view);
            if lines != self.drawn {
                // Over what was there, line by line, without a blank
                // flash: each line's rest and the screen's rest cleared.
                let mut out = String::from("\x1b[H");
                out.push_str(&lines.join("\x1b[K\r\n"));
                out.push_str("\x1b[K\x1b[J");
                select::write_terminal(out.as_bytes())?;
                self.drawn = lines;
            }
            return Ok(());
        }
        let text = plain_changes(self.last.as_ref(), view);
        self.last = Some(view.clone());
        // A log nobody reads (stderr closed) never stops the game.
        if !text.is_empty() {
            let mut err = io::stderr().lock();
            for line in text {
                let _ = writeln!(err, "{}", escape_controls(&line));
            }
            let _ = err.flush();
        }
        Ok(())
    }

    /// The screen's lines for `view`, fitted to the terminal.
    fn screen(&self, view: &HostView) -> Vec<String> {
        self.screen_at(view, select::columns(), select::screen_rows())
    }

    /// The screen's lines for `view` on a terminal of `cols` x `rows`.
    fn screen_at(&self, view: &HostView, cols: usize, rows: usize) -> Vec<String> {
        let (cols, rows) = (cols.max(20), rows.max(5));
        let cut = |s: &str| -> String { escape_controls(s).chars().take(cols - 1).collect() };
        let wrap = |s: &str| select::wrap(&escape_controls(s), cols - 1, "", "");
        // The join address whole, on a line of its own when the title and
        // it do not fit on one: it is what the players need.
        // During a question on a short screen the room code alone: the
        // rows go to the question and the leaderboard.
        let mut top = if view.stage == RoomStage::Lobby || rows >= 20 {
            wrap(&format!(
                "Whiplash party · room {} · join at {}",
                view.code, self.url
            ))
        } else {
            wrap(&format!("Whiplash party · room {}", view.code))
        };
        let mut body = Vec::new();
        let keys = match view.stage {
            RoomStage::Lobby => {
                let players = format!(
                    "{} joined",
                    format::count(view.standings.len() as i64, "player")
                );
                let list: Vec<String> = view
                    .standings
                    .iter()
                    .map(|s| format!("#{} {}", s.number, s.name))
                    .collect();
                // The QR code when it fits beside the rest.
                let room_for_qr = rows.saturating_sub(4);
                if self.qr.len() <= room_for_qr
                    && self.qr.first().is_some_and(|l| l.chars().count() < cols)
                {
                    let width = self.qr[0].chars().count();
                    let side: Vec<String> = std::iter::once(players.clone())
                        .chain(list.iter().cloned())
                        .collect();
                    for (i, line) in self.qr.iter().enumerate() {
                        let mut l = line.clone();
                        if let Some(s) = side.get(i) {
                            let room = cols.saturating_sub(width + 3);
                            l.push_str("  ");
                            l.extend(escape_controls(s).chars().take(room));
                        }
                        body.push(l);
                    }
                    if side.len() > self.qr.len() {
                        body.push(format!("… and {} more", side.len() - self.qr.len()));
                    }
                } else {
                    body.push(String::new());
                    body.push(players);
                    body.extend(select::wrap(&list.join(", "), cols - 1, "", ""));
                }
                if view.automatic {
                    "The game starts once enough players joined · r: remove · q: end"
                } else {
                    "Enter or space: start · r: remove a player · q: end"
                }
            }
            RoomStage::Open(n) | RoomStage::Revealed(n) => {
                let revealed = matches!(view.stage, RoomStage::Revealed(_));
                // A question closes when its time is up, when everyone has
                // answered or when the host closes it: "closed" says all.
                let state = match (revealed, view.seconds_left) {
                    (false, Some(s)) => format!("{s} s left"),
                    (false, None) => "time's up".to_owned(),
                    (true, _) => "closed".to_owned(),
                };
                top.extend(wrap(&format!(
                    "Question {n}/{} · {state} · {}/{} answered",
                    view.count, view.answered, view.connected
                )));
                body.push(String::new());
                if let Some(prompt) = &view.prompt {
                    body.extend(select::wrap(&escape_controls(prompt), cols - 1, "", ""));
                }
                for (i, c) in view.choices.iter().enumerate() {
                    let mark = if view.answer == Some(i) {
                        "  ← the answer"
                    } else {
                        ""
                    };
                    let first = format!("  {}) ", i + 1);
                    let text = format!("{}{mark}", escape_controls(c));
                    body.extend(select::wrap(&text, cols - 1, &first, "     "));
                }
                match (revealed, view.automatic) {
                    (false, _) => "Enter: close the question now · r: remove a player · q: end",
                    (true, true) => "The next question opens by itself · r: remove · q: end",
                    (true, false) if n == view.count => {
                        "Enter: see the results · r: remove a player · q: end"
                    }
                    (true, false) => "Enter or space: next question · r: remove a player · q: end",
                }
            }
            RoomStage::Ended => {
                top.push("Game over".into());
                "Press any key to leave"
            }
        };
        let mut foot = Vec::new();
        if let Some(number) = &self.typing {
            foot.push(format!(
                "Remove player number: {number}_  (Enter removes, Esc cancels)"
            ));
        } else if let Some(note) = &self.note {
            foot.push(cut(note));
        }
        foot.extend(wrap(keys));
        // The leaderboard takes what rows are left.
        let used = top.len() + body.len() + foot.len() + 2;
        let room = rows.saturating_sub(used);
        let mut board = Vec::new();
        if room > 1 && view.stage != RoomStage::Lobby {
            if room > 3 {
                board.push(String::new());
            }
            board.push("Leaderboard".to_owned());
            let shown = view.standings.len().min(room + 1 - board.len());
            // Names get what the row leaves them, up to 20 characters.
            let name_width = (cols - 1).saturating_sub(26).clamp(6, 20);
            for s in &view.standings[..shown] {
                let state = if !s.connected {
                    "away"
                } else if s.answered && view.stage != RoomStage::Ended {
                    "answered"
                } else {
                    ""
                };
                let name: String = s.name.chars().take(name_width).collect();
                board.push(cut(&format!(
                    "{:>3}. {name:<name_width$} {:>6}  #{} {state}",
                    s.rank, s.score, s.number
                )));
            }
            if let Some(last) = board.last_mut().filter(|_| shown < view.standings.len()) {
                *last = format!("… and {} more", view.standings.len() - shown + 1);
            }
        }
        let mut lines = top;
        lines.extend(body);
        lines.extend(board);
        // Cut to the screen, keeping the keys at the foot.
        let keep = rows.saturating_sub(foot.len() + 1);
        lines.truncate(keep);
        while lines.len() < keep {
            lines.push(String::new());
        }
        lines.push(String::new());
        lines.extend(foot);
        lines
    }

    /// The host's next command within about `wait`, if any. In a
    /// terminal, Ctrl-C asks the game to stop (seen by
    /// [`super::stop_requested`]).
    pub fn command(&mut self, wait: Duration, ended: bool) -> io::Result<Option<HostCommand>> {
        if self.stage.is_none() {
            let Some(rx) = &self.lines else {
                thread::sleep(wait);
                return Ok(None);
            };
            return match rx.recv_timeout(wait) {
                Ok(line) => Ok(self.parse_line(&line)),
                Err(RecvTimeoutError::Timeout) => Ok(None),
                Err(RecvTimeoutError::Disconnected) => {
                    // The end of stdin: no more commands; the room runs on
                    // by `--wait-for` and `--reveal`.
                    self.lines = None;
                    Ok(None)
                }
            };
        }
        let key = match select::next_event(wait)? {
            Next::Event(Event::Key(key)) if key.kind != KeyEventKind::Release => key,
            Next::Stop => {
                // The terminal hung up, or a signal asked to stop.
                return Ok(None);
            }
            _ => return Ok(None),
        };
        if select::is_ctrl_c(key) {
            super::signals::interrupt_key();
            return Ok(None);
        }
        if select::is_ctrl_z(key) {
            select::suspend();
            self.drawn.clear();
            return Ok(None);
        }
        if ended {
            return Ok(Some(HostCommand::Quit));
        }
        if let Some(number) = &mut self.typing {
            match key.code {
                KeyCode::Char(c) if c.is_ascii_digit() && number.len() < 6 => number.push(c),
                KeyCode::Backspace => {
                    number.pop();
                }
                KeyCode::Esc => self.typing = None,
                KeyCode::Enter => {
                    let n = number.parse().ok();
                    self.typing = None;
                    return Ok(n.map(HostCommand::Remove));
                }
                _ => {}
            }
            return Ok(None);
        }
        Ok(match key.code {
            KeyCode::Enter | KeyCode::Char(' ') => Some(HostCommand::Advance),
            KeyCode::Char('q' | 'Q') => Some(HostCommand::Quit),
            KeyCode::Char('r' | 'R') => {
                self.note = None;
                self.typing = Some(String::new());
                None
            }
            _ => None,
        })
    }

    fn parse_line(&mut self, line: &str) -> Option<HostCommand> {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [] => None,
            ["start" | "next"] => Some(HostCommand::Advance),
            ["quit"] => Some(HostCommand::Quit),
            ["remove", n] => match n.parse() {
                Ok(n) => Some(HostCommand::Remove(n)),
                Err(_) => {
                    self.note(&format!("not a player number: {n}"));
                    None
                }
            },
            _ => {
                self.note(&format!(
                    "unknown command: {line} (start, next, remove N, quit)"
                ));
                None
            }
        }
    }

    /// Gives the terminal back; then prints the final leaderboard on
    /// stderr.
    pub fn finish(mut self, view: &HostView) {
        drop(self.stage.take());
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "Final leaderboard, room {}:", view.code);
        for s in &view.standings {
            let _ = writeln!(
                err,
                "{:>3}. {} {}",
                s.rank,
                escape_controls(&s.name),
                s.score
            );
        }
        if view.standings.is_empty() {
            let _ = writeln!(err, "  (no players)");
        }
    }
}

/// What changed from `last` to `now`, as plain lines.
fn plain_changes(last: Option<&HostView>, now: &HostView) -> Vec<String> {
    let mut out = Vec::new();
    let before: Vec<&str> = last
        .map(|l| l.standings.iter().map(|s| s.name.as_str()).collect())
        .unwrap_or_default();
    for s in &now.standings {
        if !before.contains(&s.name.as_str()) {
            out.push(format!("Player {} joined: {}", s.number, s.name));
        }
    }
    let names: Vec<&str> = now.standings.iter().map(|s| s.name.as_str()).collect();
    for name in &before {
        if !names.contains(name) {
            out.push(format!("Player left the room: {name}"));
        }
    }
    if last.map(|l| l.stage) != Some(now.stage) {
        match now.stage {
            RoomStage::Lobby => {}
            RoomStage::Open(n) => out.push(format!(
                "Question {n}/{}: {}",
                now.count,
                now.prompt.as_deref().unwrap_or("")
            )),
            RoomStage::Revealed(n) => {
                // A question answered between two looks was never seen
                // open.
                if last.map(|l| l.stage) != Some(RoomStage::Open(n)) {
                    out.push(format!(
                        "Question {n}/{}: {}",
                        now.count,
                        now.prompt.as_deref().unwrap_or("")
                    ));
                }
                let answer = now
                    .answer
                    .and_then(|a| now.choices.get(a).map(|c| format!("{}) {c}", a + 1)))
                    .unwrap_or_default();
                out.push(format!(
                    "Question {n}/{} closed, {}/{} answered; the answer: {answer}",
                    now.count, now.answered, now.connected
                ));
                let board: Vec<String> = now
                    .standings
                    .iter()
                    .map(|s| format!("{}. {} {}", s.rank, s.name, s.score))
                    .collect();
                out.push(format!("Leaderboard: {}", board.join(", ")));
            }
            RoomStage::Ended => out.push("Game over".into()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::party::room::HostStanding;

    fn view(stage: RoomStage, players: usize) -> HostView {
        HostView {
            code: "BCDF".into(),
            stage,
            count: 3,
            prompt: Some("Who plays the drummer?".into()),
            choices: vec!["Ann".into(), "Ben\u{1b}[31m".into()],
            answer: matches!(stage, RoomStage::Revealed(_)).then_some(1),
            seconds_left: Some(12),
            answered: 1,
            connected: players,
            standings: (0..players)
                .map(|i| HostStanding {
                    number: i + 1,
                    name: format!("Player {i}"),
                    score: 100 * (players - i) as u32,
                    rank: i + 1,
                    connected: i % 2 == 0,
                    answered: i == 0,
                })
                .collect(),
            automatic: false,
        }
    }

    fn screen() -> HostScreen {
        HostScreen {
            url: "http://10.0.0.2:7878/?room=BCDF".into(),
            stage: None,
            drawn: Vec::new(),
            lines: None,
            last: None,
            typing: None,
            note: None,
            qr: qr_lines("http://10.0.0.2:7878/?room=BCDF"),
        }
    }

    #[test]
    fn the_qr_code_is_a_square_of_half_blocks() {
        let lines = qr_lines("http://192.168.100.200:65535/?room=BCDF");
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        // Two modules a row: about half as many rows as columns.
        assert_eq!(lines.len(), width.div_ceil(2));
        assert!(width <= 45, "{width}");
    }

    /// Every screen fits the terminal (80x24 when the test has none),
    /// whatever the stage, and no control character from a text reaches
    /// it.
    #[test]
    fn every_screen_fits_the_terminal_and_is_escaped() {
        let s = screen();
        for stage in [
            RoomStage::Lobby,
            RoomStage::Open(2),
            RoomStage::Revealed(2),
            RoomStage::Ended,
        ] {
            for players in [0, 3, 60] {
                let lines = s.screen(&view(stage, players));
                assert_eq!(lines.len(), select::screen_rows().max(5), "{stage:?}");
                for l in &lines {
                    assert!(l.chars().count() < select::columns().max(20), "{l}");
                    assert!(!l.contains('\u{1b}'), "{l:?}");
                }
                let text = lines.join("\n");
                assert!(text.contains("room BCDF"));
                if stage == RoomStage::Revealed(2) {
                    assert!(text.contains("2) Ben\\u{1b}[31m  ← the answer"), "{text}");
                }
                if stage == RoomStage::Open(2) && players > 0 {
                    assert!(text.contains("Question 2/3 · 12 s left · 1/"), "{text}");
                    assert!(text.contains("#1 answered"), "{text}");
                }
            }
        }
    }

    /// On a small terminal the join address stays whole in the lobby,
    /// and a question leaves room for the leaderboard.
    #[test]
    fn a_small_screen_keeps_the_address_whole_and_the_leaderboard() {
        let s = screen();
        for (cols, rows) in [(40, 15), (30, 12), (80, 24)] {
            let lobby = s.screen_at(&view(RoomStage::Lobby, 3), cols, rows);
            assert_eq!(lobby.len(), rows);
            assert!(lobby.iter().all(|l| l.chars().count() < cols), "{lobby:#?}");
            // (Narrower than the address itself, it has to wrap.)
            assert!(
                cols <= s.url.len() || lobby.iter().any(|l| l.contains(&s.url)),
                "{cols}x{rows}: the address is cut: {lobby:#?}"
            );
            let open = s.screen_at(&view(RoomStage::Open(2), 3), cols, rows);
            assert!(open.iter().all(|l| l.chars().count() < cols), "{open:#?}");
            let text = open.join("\n");
            assert!(text.contains("Question 2/3"), "{text}");
            // From 40x15 up the leaderboard has rows of its own.
            if rows >= 15 {
                assert!(text.contains("Leaderboard"), "{cols}x{rows}: {text}");
                assert!(text.contains("#1 answered"), "{cols}x{rows}: {text}");
            }
        }
    }

    #[test]
    fn plain_lines_say_what_changed() {
        let lobby = view(RoomStage::Lobby, 2);
        let said = plain_changes(None, &lobby);
        assert_eq!(
            said,
            ["Player 1 joined: Player 0", "Player 2 joined: Player 1"]
        );
        let revealed = view(RoomStage::Revealed(1), 2);
        let said = plain_changes(Some(&lobby), &revealed);
        assert_eq!(said[0], "Question 1/3: Who plays the drummer?");
        assert!(said[1].starts_with("Question 1/3 closed, 1/2 answered; the answer: 2) Ben"));
        assert_eq!(said[2], "Leaderboard: 1. Player 0 200, 2. Player 1 100");
        assert!(plain_changes(Some(&revealed), &revealed).is_empty());
    }

    #[test]
    fn command_lines_are_read() {
        let mut s = screen();
        assert_eq!(s.parse_line("start"), Some(HostCommand::Advance));
        assert_eq!(s.parse_line("  next "), Some(HostCommand::Advance));
        assert_eq!(s.parse_line("remove 3"), Some(HostCommand::Remove(3)));
        assert_eq!(s.parse_line("quit"), Some(HostCommand::Quit));
        assert_eq!(s.parse_line("remove x"), None);
        assert_eq!(s.parse_line("dance"), None);
        assert_eq!(s.parse_line(""), None);
    }
}
