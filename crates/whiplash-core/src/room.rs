//! The room of a party game, pure: who is in it, which question is open,
//! what each player answered and scored, the leaderboard and the report.
//!
//! No network, no clock and no terminal: the caller passes the time in
//! ([`Now`]) and a fresh token when one may be needed, hands over what a
//! player's page sent as text, and gets back what to send to whom
//! ([`Out`]). The server decides everything here: no message to a player
//! holds a question's answer before that question is closed.
//!
//! The wire format is docs/party-protocol.md.

use crate::game::Round;
use crate::question::same;
use crate::rng::GameRng;
use crate::score::ranks;
use serde::{Deserialize, Serialize};

/// A connection, as the caller numbers them.
pub type ConnId = u64;

/// The default cap on players (`--max-players`).
pub const DEFAULT_MAX_PLAYERS: usize = 50;

/// The longest name kept, in characters.
pub const MAX_NAME_CHARS: usize = 20;

/// The letters of a room code: capitals without vowels (and without `Y`),
/// so no code spells a word.
pub const CODE_LETTERS: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";

/// Points for a right answer: this much at least, and up to as much again
/// for speed.
pub const BASE_POINTS: u32 = 500;

/// How often at most the count of answers (`answered`), and the names in
/// the lobby (`lobby`), go to everyone, in ms: what changed in between is
/// told in one message, from [`Room::tick`]. The player who answers (or
/// joins) gets it at once, alone.
pub const ANSWERED_EVERY_MS: u64 = 250;

/// A room code of four letters drawn from `rng`.
pub fn room_code(rng: &mut GameRng) -> String {
    (0..4)
        .map(|_| CODE_LETTERS[rng.below(CODE_LETTERS.len())] as char)
        .collect()
}

/// The time, as the caller reads it: `ms` on a monotonic clock (the only
/// one durations are measured on) and `epoch_us`, the wall clock in µs
/// since the UNIX epoch (only written into messages as `at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub ms: u64,
    pub epoch_us: u64,
}

/// How the room runs by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// The time limit of each question, in seconds.
    pub seconds: u64,
    /// The most players the room takes.
    pub max_players: usize,
    /// Start once this many players have joined (else the host starts).
    pub wait_for: Option<usize>,
    /// Open the next question this many ms after a reveal (else the host
    /// does).
    pub reveal_ms: Option<u64>,
}

/// A message to a player's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPlayer {
    Joined {
        token: String,
        name: String,
        players: Vec<String>,
    },
    Refused {
        reason: String,
    },
    Lobby {
        players: Vec<String>,
    },
    /// A question: never its answer. `your_choice` is the choice already
    /// given (after a rejoin), else null.
    Question {
        number: usize,
        count: usize,
        prompt: String,
        choices: Vec<String>,
        seconds: u64,
        at: u64,
        your_choice: Option<usize>,
    },
    Answered {
        number: usize,
        answered: usize,
        players: usize,
    },
    Reveal {
        number: usize,
        answer: usize,
        explanation: String,
        your_choice: Option<usize>,
        correct: bool,
        points: u32,
        score: u32,
        at: u64,
    },
    End {
        rank: usize,
        score: u32,
        players: usize,
        leaderboard: Vec<Standing>,
    },
    Removed {
        reason: String,
    },
    Error {
        reason: String,
    },
}

/// One row of the leaderboard sent to players.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub name: String,
    pub score: u32,
}

/// What a page may send.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum FromPlayer {
    Join {
        room: String,
        name: String,
        #[serde(default)]
        token: Option<String>,
    },
    Shown {
        number: u64,
    },
    Answer {
        number: u64,
        choice: u64,
    },
}

/// What to do after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    /// Send this to that connection.
    Send(ConnId, ToPlayer),
    /// Close that connection (after what was sent to it).
    Close(ConnId),
}

/// One player's answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Given {
    /// 0-based.
    pub choice: usize,
    /// From the player's `shown` (or the question's opening) to the answer.
    pub ms: u64,
    pub points: u32,
    pub correct: bool,
}

#[derive(Debug, Clone)]
struct Seat {
    /// The player's number on the host screen: join order, 1-based, never
    /// reused.
    number: usize,
    token: String,
    name: String,
    conn: Option<ConnId>,
    score: u32,
    /// One per dealt question.
    answers: Vec<Option<Given>>,
    /// When the page said it shows the open question.
    shown: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Lobby,
    Open { q: usize, opened: u64, at_us: u64 },
    Revealed { q: usize, at: u64, at_us: u64 },
    Ended,
}

/// Where the room is, for the host screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for players.
    Lobby,
    /// Question `number` (1-based) is open.
    Open(usize),
    /// Question `number` was revealed.
    Revealed(usize),
    Ended,
}

/// What the host screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostView {
    pub code: String,
    pub stage: Stage,
    pub count: usize,
    pub prompt: Option<String>,
    pub choices: Vec<String>,
    /// The answer (0-based), once revealed.
    pub answer: Option<usize>,
    /// Whole seconds left on the open question.
    pub seconds_left: Option<u64>,
    pub answered: usize,
    pub connected: usize,
    /// Best first.
    pub standings: Vec<HostStanding>,
    /// Whether the room moves on by itself (`--wait-for` before the start,
    /// `--reveal` after a reveal).
    pub automatic: bool,
}

/// One player on the host screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostStanding {
    pub number: usize,
    pub name: String,
    pub score: u32,
    pub rank: usize,
    pub connected: bool,
    /// Whether the player answered the open question.
    pub answered: bool,
}

/// The report `--json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub room: String,
    pub seed: u64,
    /// Questions dealt.
    pub count: usize,
    /// The questions asked.
    pub questions: Vec<ReportQuestion>,
    /// Best first.
    pub players: Vec<ReportPlayer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportQuestion {
    pub number: usize,
    pub prompt: String,
    pub choices: Vec<String>,
    /// 1-based.
    pub answer: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportPlayer {
    pub name: String,
    pub score: u32,
    pub rank: usize,
    /// One per question asked.
    pub answers: Vec<ReportAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportAnswer {
    pub number: usize,
    /// 1-based; null when not answered.
    pub choice: Option<usize>,
    pub correct: bool,
    pub ms: Option<u64>,
    pub points: u32,
}

/// The room.
#[derive(Debug, Clone)]
pub struct Room {
    code: String,
    rounds: Vec<Round>,
    rules: Rules,
    seats: Vec<Seat>,
    /// Tokens of removed players: they cannot come back.
    removed: Vec<String>,
    joined_ever: usize,
    phase: Phase,
    /// Questions opened so far.
    asked: usize,
    /// The count of answers to the open question, to everyone.
    count: Coalesced,
    /// The names in the lobby, to everyone.
    lobby: Coalesced,
}

/// A message to everyone that goes out at most every
/// [`ANSWERED_EVERY_MS`]: marked when what it says changes, sent from
/// [`Room::tick`].
#[derive(Debug, Clone, Copy, Default)]
struct Coalesced {
    /// What it says changed since it last went out.
    stale: bool,
    /// When it last went out (or was reset by a new question).
    sent: Option<u64>,
}

impl Coalesced {
    fn mark(&mut self) {
        self.stale = true;
    }

    /// Counts it as sent at `now`, changed or not.
    fn sent_at(&mut self, now: u64) {
        self.stale = false;
        self.sent = Some(now);
    }

    /// Whether it is due at `now` (changed, and last sent long enough
    /// ago); if so, it counts as sent.
    fn due(&mut self, now: u64) -> bool {
        let due = self.stale
            && self
                .sent
                .is_none_or(|sent| now >= sent.saturating_add(ANSWERED_EVERY_MS));
        if due {
            self.sent_at(now);
        }
        due
    }
}

/// A name as the room keeps it: trimmed, control characters and markup
/// (`<`, `>`, `&`, quotes, backquotes) removed, runs of spaces made one,
/// at most [`MAX_NAME_CHARS`] characters; `None` when nothing is left.
pub fn clean_name(raw: &str) -> Option<String> {
    let kept: String = raw
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | '&' | '"' | '\'' | '`'))
        // Invisible format characters (bidi overrides, zero-width ones).
        .filter(
            |c| !matches!(*c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF),
        )
        .collect();
    let words: Vec<&str> = kept.split(' ').filter(|w| !w.is_empty()).collect();
    let name: String = words.join(" ").chars().take(MAX_NAME_CHARS).collect();
    let name = name.trim_end().to_owned();
    (!name.is_empty()).then_some(name)
}

/// Points for a right answer given `ms` after the player's clock started,
/// with a limit of `limit_ms`: `500 + 500 × time left / limit`, rounded
/// down.
pub fn points(ms: u64, limit_ms: u64) -> u32 {
    let limit = limit_ms.max(1);
    let left = limit.saturating_sub(ms);
    BASE_POINTS + (u64::from(BASE_POINTS) * left / limit) as u32
}

impl Room {
    pub fn new(code: String, rounds: Vec<Round>, rules: Rules) -> Room {
        Room {
            code,
            rounds,
            rules,
            seats: Vec::new(),
            removed: Vec::new(),
            joined_ever: 0,
            phase: Phase::Lobby,
            asked: 0,
            count: Coalesced::default(),
            lobby: Coalesced::default(),
        }
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    /// Questions dealt.
    pub fn count(&self) -> usize {
        self.rounds.len()
    }

    pub fn is_over(&self) -> bool {
        self.phase == Phase::Ended
    }

    /// Players in the room (connected or not).
    pub fn players(&self) -> usize {
        self.seats.len()
    }

    fn limit_ms(&self) -> u64 {
        self.rules.seconds.saturating_mul(1000)
    }

    fn names(&self) -> Vec<String> {
        self.seats.iter().map(|s| s.name.clone()).collect()
    }

    fn seat_of(&self, conn: ConnId) -> Option<usize> {
        self.seats.iter().position(|s| s.conn == Some(conn))
    }

    fn to_all(&self, out: &mut Vec<Out>, msg: &ToPlayer) {
        for s in &self.seats {
            if let Some(c) = s.conn {
                out.push(Out::Send(c, msg.clone()));
            }
        }
    }

    /// What a page sent, as text. `fresh_token` makes a token for a new
    /// player (the caller draws it from a source no player can guess).
    pub fn receive(
        &mut self,
        conn: ConnId,
        text: &str,
        fresh_token: impl FnOnce() -> String,
        now: Now,
    ) -> Vec<Out> {
        let mut out = Vec::new();
        self.settle(now, &mut out);
        let error = |reason: String| Out::Send(conn, ToPlayer::Error { reason });
        let msg: FromPlayer = match serde_json::from_str(text) {
            Ok(m) => m,
            Err(e) => {
                let reason = match serde_json::from_str::<serde_json::Value>(text) {
                    Err(_) => "That message is not JSON.".to_owned(),
                    Ok(v) => match v.get("type").and_then(|t| t.as_str()) {
                        Some("join" | "shown" | "answer") => {
                            format!("That message has a missing or wrong field: {e}.")
                        }
                        Some(_) => "That message type is unknown.".to_owned(),
                        None => "That message has no type.".to_owned(),
                    },
                };
                out.push(error(reason));
                return out;
            }
        };
        match msg {
            FromPlayer::Join { room, name, token } => {
                self.join(conn, &room, &name, token, fresh_token, now, &mut out)
            }
            FromPlayer::Shown { number } => {
                if let (Some(s), Phase::Open { q, .. }) = (self.seat_of(conn), self.phase) {
                    let seat = &mut self.seats[s];
                    if number == q as u64 + 1 && seat.shown.is_none() && seat.answers[q].is_none() {
                        seat.shown = Some(now.ms);
                    }
                } else if self.seat_of(conn).is_none() {
                    out.push(error("Join the game first.".into()));
                }
            }
            FromPlayer::Answer { number, choice } => {
                self.answer(conn, number, choice, now, &mut out);
            }
        }
        self.settle(now, &mut out);
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn join(
        &mut self,
        conn: ConnId,
        room: &str,
        name: &str,
        token: Option<String>,
        fresh_token: impl FnOnce() -> String,
        now: Now,
        out: &mut Vec<Out>,
    ) {
        let refuse = |out: &mut Vec<Out>, reason: String| {
            out.push(Out::Send(conn, ToPlayer::Refused { reason }));
            out.push(Out::Close(conn));
        };
        if self.seat_of(conn).is_some() {
            out.push(Out::Send(
                conn,
                ToPlayer::Error {
                    reason: "You have joined already.".into(),
                },
            ));
            return;
        }
        let code = room.trim().to_ascii_uppercase();
        if code != self.code {
            let shown = if !code.is_empty()
                && code.len() <= 8
                && code.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                format!("No game has the code {code}.")
            } else {
                "No game has that code.".to_owned()
            };
            return refuse(out, shown);
        }
        if let Some(token) = token.filter(|t| !t.is_empty()) {
            if let Some(s) = self.seats.iter().position(|s| s.token == token) {
                return self.rejoin(s, conn, now, out);
            }
            if self.removed.contains(&token) {
                return refuse(out, "The host removed you from this game.".into());
            }
        }
        if self.phase == Phase::Ended {
            return refuse(out, "This game is over.".into());
        }
        if self.seats.len() >= self.rules.max_players {
            return refuse(
                out,
                format!(
                    "The room is full: it takes {} players.",
                    self.rules.max_players
                ),
            );
        }
        let Some(base) = clean_name(name) else {
            return refuse(out, "Type a name (letters or digits) to join.".into());
        };
        let name = self.unique_name(&base);
        self.joined_ever += 1;
        let token = fresh_token();
        self.seats.push(Seat {
            number: self.joined_ever,
            token: token.clone(),
            name: name.clone(),
            conn: Some(conn),
            score: 0,
            answers: vec![None; self.rounds.len()],
            shown: None,
        });
        out.push(Out::Send(
            conn,
            ToPlayer::Joined {
                token,
                name,
                players: self.names(),
            },
        ));
        match self.phase {
            Phase::Lobby => {
                // The others see the names with the next tick: a room that
                // fills up is not sent every name at every join.
                let lobby = ToPlayer::Lobby {
                    players: self.names(),
                };
                out.push(Out::Send(conn, lobby));
                self.lobby.mark();
            }
            Phase::Open { q, .. } => {
                let msg = self.question_for(self.seats.len() - 1, q, now);
                out.push(Out::Send(conn, msg));
                self.count.mark();
            }
            Phase::Revealed { .. } => out.push(Out::Send(
                conn,
                ToPlayer::Lobby {
                    players: self.names(),
                },
            )),
            Phase::Ended => {}
        }
    }

    /// `base`, or `base 2`, `base 3`... the first no one in the room has,
    /// at most [`MAX_NAME_CHARS`] characters.
    fn unique_name(&self, base: &str) -> String {
        let taken = |n: &str| self.seats.iter().any(|s| same(&s.name, n));
        if !taken(base) {
            return base.to_owned();
        }
        (2..)
            .map(|k| {
                let suffix = format!(" {k}");
                let room = MAX_NAME_CHARS - suffix.len();
                let head: String = base.chars().take(room).collect();
                format!("{}{suffix}", head.trim_end())
            })
            .find(|n| !taken(n))
            .expect("some number is free")
    }

    fn rejoin(&mut self, s: usize, conn: ConnId, now: Now, out: &mut Vec<Out>) {
        if let Some(old) = self.seats[s].conn.replace(conn) {
            out.push(Out::Close(old));
        }
        self.count.mark();
        let seat = &self.seats[s];
        out.push(Out::Send(
            conn,
            ToPlayer::Joined {
                token: seat.token.clone(),
                name: seat.name.clone(),
                players: self.names(),
            },
        ));
        let state = match self.phase {
            Phase::Lobby => ToPlayer::Lobby {
                players: self.names(),
            },
            Phase::Open { q, .. } => self.question_for(s, q, now),
            Phase::Revealed { q, at_us, .. } => self.reveal_for(s, q, at_us),
            Phase::Ended => self.end_for(s),
        };
        out.push(Out::Send(conn, state));
    }

    fn answer(&mut self, conn: ConnId, number: u64, choice: u64, now: Now, out: &mut Vec<Out>) {
        let error = |out: &mut Vec<Out>, reason: String| {
            out.push(Out::Send(conn, ToPlayer::Error { reason }));
        };
        let Some(s) = self.seat_of(conn) else {
            return error(out, "Join the game first.".into());
        };
        let Phase::Open { q, opened, .. } = self.phase else {
            return error(out, "No question is open.".into());
        };
        if number != q as u64 + 1 {
            return error(out, format!("Question {number} is not open."));
        }
        let choices = self.rounds[q].choices.len();
        if choice == 0 || choice > choices as u64 {
            return error(out, format!("Choose 1 to {choices}."));
        }
        let limit = self.limit_ms();
        let seat = &mut self.seats[s];
        if seat.answers[q].is_some() {
            return error(out, format!("You already answered question {number}."));
        }
        let start = seat.shown.unwrap_or(opened).max(opened);
        let ms = now.ms.saturating_sub(start).min(limit);
        let chosen = (choice - 1) as usize;
        let correct = chosen == self.rounds[q].answer;
        let points = if correct { points(ms, limit) } else { 0 };
        seat.answers[q] = Some(Given {
            choice: chosen,
            ms,
            points,
            correct,
        });
        seat.score += points;
        // The player who answered hears at once; everyone else with the
        // next coalesced count (`tick`), or sees the reveal.
        out.push(Out::Send(conn, self.count_of(q)));
        self.count.mark();
        self.close_if_all_answered(now, out);
    }

    /// The `answered` message of question `q`.
    fn count_of(&self, q: usize) -> ToPlayer {
        let (answered, players) = self.tally(q);
        ToPlayer::Answered {
            number: q + 1,
            answered,
            players,
        }
    }

    /// The count of answers to everyone, when it changed and it last went
    /// out [`ANSWERED_EVERY_MS`] ago or more.
    fn send_count(&mut self, now: Now, out: &mut Vec<Out>) {
        if let Phase::Open { q, .. } = self.phase
            && self.count.due(now.ms)
        {
            let msg = self.count_of(q);
            self.to_all(out, &msg);
        }
    }

    /// The names in the lobby to everyone, when they changed and last went
    /// out [`ANSWERED_EVERY_MS`] ago or more.
    fn send_lobby(&mut self, now: Now, out: &mut Vec<Out>) {
        if self.phase == Phase::Lobby && self.lobby.due(now.ms) {
            let lobby = ToPlayer::Lobby {
                players: self.names(),
            };
            self.to_all(out, &lobby);
        }
    }

    /// How many connected players answered question `q`, and how many are
    /// connected.
    fn tally(&self, q: usize) -> (usize, usize) {
        let connected = self.seats.iter().filter(|s| s.conn.is_some());
        let (mut answered, mut players) = (0, 0);
        for s in connected {
            players += 1;
            answered += usize::from(s.answers[q].is_some());
        }
        (answered, players)
    }

    fn close_if_all_answered(&mut self, now: Now, out: &mut Vec<Out>) {
        if let Phase::Open { q, .. } = self.phase {
            let (answered, players) = self.tally(q);
            if players > 0 && answered == players {
                self.close(now, out);
            }
        }
    }

    /// A connection went away: its player stays in the room, and can come
    /// back with the token.
    pub fn disconnect(&mut self, conn: ConnId, now: Now) -> Vec<Out> {
        let mut out = Vec::new();
        if let Some(s) = self.seat_of(conn) {
            self.seats[s].conn = None;
            self.count.mark();
            self.close_if_all_answered(now, &mut out);
        }
        self.settle(now, &mut out);
        out
    }

    /// What the time alone changes: the start once enough players joined
    /// (`wait_for`), a question whose time is up, the next question after
    /// a reveal (`reveal_ms`), and the count of answers to everyone (at
    /// most every [`ANSWERED_EVERY_MS`]).
    pub fn tick(&mut self, now: Now) -> Vec<Out> {
        let mut out = Vec::new();
        self.settle(now, &mut out);
        self.send_count(now, &mut out);
        self.send_lobby(now, &mut out);
        out
    }

    fn settle(&mut self, now: Now, out: &mut Vec<Out>) {
        // Each pass moves one step; a reveal of 0 ms moves on at once.
        for _ in 0..=self.rounds.len() * 2 + 2 {
            match self.phase {
                Phase::Lobby => match self.rules.wait_for {
                    Some(n) if self.seats.len() >= n => self.open(0, now, out),
                    _ => return,
                },
                Phase::Open { opened, .. } => {
                    if now.ms >= opened.saturating_add(self.limit_ms()) {
                        self.close(now, out);
                    } else {
                        return;
                    }
                }
                Phase::Revealed { q, at, .. } => match self.rules.reveal_ms {
                    Some(wait) if now.ms >= at.saturating_add(wait) => self.open(q + 1, now, out),
                    _ => return,
                },
                Phase::Ended => return,
            }
        }
    }

    /// The host moves on: starts the game, closes the open question, or
    /// opens the next one (ends the game after the last).
    pub fn advance(&mut self, now: Now) -> Vec<Out> {
        let mut out = Vec::new();
        self.settle(now, &mut out);
        match self.phase {
            Phase::Lobby => self.open(0, now, &mut out),
            Phase::Open { .. } => self.close(now, &mut out),
            Phase::Revealed { q, .. } => self.open(q + 1, now, &mut out),
            Phase::Ended => {}
        }
        self.settle(now, &mut out);
        out
    }

    /// The host ends the game now: an open question is closed first.
    pub fn finish(&mut self, now: Now) -> Vec<Out> {
        let mut out = Vec::new();
        if let Phase::Open { .. } = self.phase {
            self.close(now, &mut out);
        }
        if self.phase != Phase::Ended {
            self.end(&mut out);
        }
        out
    }

    /// The host removes player `number` (as the host screen lists them).
    pub fn remove(&mut self, number: usize, now: Now) -> Result<Vec<Out>, String> {
        let Some(s) = self.seats.iter().position(|s| s.number == number) else {
            return Err(format!("No player has the number {number}."));
        };
        let mut out = Vec::new();
        let seat = self.seats.remove(s);
        if let Some(c) = seat.conn {
            out.push(Out::Send(
                c,
                ToPlayer::Removed {
                    reason: "The host removed you from the game.".into(),
                },
            ));
            out.push(Out::Close(c));
        }
        self.removed.push(seat.token);
        match self.phase {
            Phase::Lobby => {
                let lobby = ToPlayer::Lobby {
                    players: self.names(),
                };
                self.to_all(&mut out, &lobby);
            }
            Phase::Open { .. } => {
                self.count.mark();
                self.close_if_all_answered(now, &mut out);
            }
            _ => {}
        }
        self.settle(now, &mut out);
        Ok(out)
    }

    /// The name of player `number`.
    pub fn name_of(&self, number: usize) -> Option<&str> {
        self.seats
            .iter()
            .find(|s| s.number == number)
            .map(|s| s.name.as_str())
    }

    fn open(&mut self, q: usize, now: Now, out: &mut Vec<Out>) {
        if q >= self.rounds.len() {
            return self.end(out);
        }
        self.phase = Phase::Open {
            q,
            opened: now.ms,
            at_us: now.epoch_us,
        };
        self.count.sent_at(now.ms);
        self.asked = self.asked.max(q + 1);
        for s in 0..self.seats.len() {
            self.seats[s].shown = None;
            if let Some(c) = self.seats[s].conn {
                out.push(Out::Send(c, self.question_for(s, q, now)));
            }
        }
    }

    /// Question `q` as seat `s` is to see it now: the time left, and the
    /// choice it gave (after a rejoin).
    fn question_for(&self, s: usize, q: usize, now: Now) -> ToPlayer {
        let round = &self.rounds[q];
        let (opened, at_us) = match self.phase {
            Phase::Open { opened, at_us, .. } => (opened, at_us),
            _ => (now.ms, now.epoch_us),
        };
        let left = (opened + self.limit_ms()).saturating_sub(now.ms);
        ToPlayer::Question {
            number: q + 1,
            count: self.rounds.len(),
            prompt: round.question.prompt.clone(),
            choices: round.choices.clone(),
            seconds: left.div_ceil(1000),
            at: at_us,
            your_choice: self.seats[s].answers[q].map(|g| g.choice + 1),
        }
    }

    fn close(&mut self, now: Now, out: &mut Vec<Out>) {
        let Phase::Open { q, .. } = self.phase else {
            return;
        };
        self.phase = Phase::Revealed {
            q,
            at: now.ms,
            at_us: now.epoch_us,
        };
        for s in 0..self.seats.len() {
            if let Some(c) = self.seats[s].conn {
                out.push(Out::Send(c, self.reveal_for(s, q, now.epoch_us)));
            }
        }
    }

    fn reveal_for(&self, s: usize, q: usize, at_us: u64) -> ToPlayer {
        let seat = &self.seats[s];
        let given = seat.answers[q];
        ToPlayer::Reveal {
            number: q + 1,
            answer: self.rounds[q].answer + 1,
            explanation: self.rounds[q].question.explanation.clone(),
            your_choice: given.map(|g| g.choice + 1),
            correct: given.is_some_and(|g| g.correct),
            points: given.map_or(0, |g| g.points),
            score: seat.score,
            at: at_us,
        }
    }

    /// The seats best first (then in join order), with their ranks.
    fn ranked(&self) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..self.seats.len()).collect();
        order.sort_by(|&a, &b| {
            self.seats[b]
                .score
                .cmp(&self.seats[a].score)
                .then(self.seats[a].number.cmp(&self.seats[b].number))
        });
        let scores: Vec<u32> = order.iter().map(|&s| self.seats[s].score).collect();
        order.into_iter().zip(ranks(&scores)).collect()
    }

    fn leaderboard(&self) -> Vec<Standing> {
        self.ranked()
            .into_iter()
            .map(|(s, _)| Standing {
                name: self.seats[s].name.clone(),
                score: self.seats[s].score,
            })
            .collect()
    }

    fn end_for(&self, s: usize) -> ToPlayer {
        let ranked = self.ranked();
        let rank = ranked
            .iter()
            .find(|(i, _)| *i == s)
            .map_or(ranked.len(), |(_, r)| *r);
        ToPlayer::End {
            rank,
            score: self.seats[s].score,
            players: self.seats.len(),
            leaderboard: self.leaderboard(),
        }
    }

    fn end(&mut self, out: &mut Vec<Out>) {
        self.phase = Phase::Ended;
        // The ranks and the leaderboard once for everyone, not once a
        // player.
        let ranked = self.ranked();
        let leaderboard = self.leaderboard();
        for (s, rank) in ranked {
            if let Some(c) = self.seats[s].conn {
                out.push(Out::Send(
                    c,
                    ToPlayer::End {
                        rank,
                        score: self.seats[s].score,
                        players: self.seats.len(),
                        leaderboard: leaderboard.clone(),
                    },
                ));
            }
        }
    }

    /// What the host screen shows now.
    pub fn view(&self, now: Now) -> HostView {
        let (stage, q) = match self.phase {
            Phase::Lobby => (Stage::Lobby, None),
            Phase::Open { q, .. } => (Stage::Open(q + 1), Some(q)),
            Phase::Revealed { q, .. } => (Stage::Revealed(q + 1), Some(q)),
            Phase::Ended => (Stage::Ended, None),
        };
        let seconds_left = match self.phase {
            Phase::Open { opened, .. } => Some(
                (opened + self.limit_ms())
                    .saturating_sub(now.ms)
                    .div_ceil(1000),
            ),
            _ => None,
        };
        let (answered, connected) = match q {
            Some(q) => self.tally(q),
            None => (0, self.seats.iter().filter(|s| s.conn.is_some()).count()),
        };
        let automatic = match self.phase {
            Phase::Lobby => self.rules.wait_for.is_some(),
            Phase::Revealed { .. } => self.rules.reveal_ms.is_some(),
            _ => false,
        };
        HostView {
            code: self.code.clone(),
            stage,
            count: self.rounds.len(),
            prompt: q.map(|q| self.rounds[q].question.prompt.clone()),
            choices: q
                .map(|q| self.rounds[q].choices.clone())
                .unwrap_or_default(),
            answer: match self.phase {
                Phase::Revealed { q, .. } => Some(self.rounds[q].answer),
                _ => None,
            },
            seconds_left,
            answered,
            connected,
            standings: self
                .ranked()
                .into_iter()
                .map(|(s, rank)| {
                    let seat = &self.seats[s];
                    HostStanding {
                        number: seat.number,
                        name: seat.name.clone(),
                        score: seat.score,
                        rank,
                        connected: seat.conn.is_some(),
                        answered: q.is_some_and(|q| seat.answers[q].is_some()),
                    }
                })
                .collect(),
            automatic,
        }
    }

    /// The report of the game so far: the questions asked, and every
    /// player best first.
    pub fn report(&self, seed: u64) -> Report {
        let asked = self.asked;
        Report {
            room: self.code.clone(),
            seed,
            count: self.rounds.len(),
            questions: self.rounds[..asked]
                .iter()
                .enumerate()
                .map(|(i, r)| ReportQuestion {
                    number: i + 1,
                    prompt: r.question.prompt.clone(),
                    choices: r.choices.clone(),
                    answer: r.answer + 1,
                })
                .collect(),
            players: self
                .ranked()
                .into_iter()
                .map(|(s, rank)| {
                    let seat = &self.seats[s];
                    ReportPlayer {
                        name: seat.name.clone(),
                        score: seat.score,
                        rank,
                        answers: seat.answers[..asked]
                            .iter()
                            .enumerate()
                            .map(|(i, g)| ReportAnswer {
                                number: i + 1,
                                choice: g.map(|g| g.choice + 1),
                                correct: g.is_some_and(|g| g.correct),
                                ms: g.map(|g| g.ms),
                                points: g.map_or(0, |g| g.points),
                            })
                            .collect(),
                    }
                })
                .collect(),
        }
    }

    /// The dealt rounds (for saving what was asked).
    pub fn rounds(&self) -> &[Round] {
        &self.rounds
    }

    /// Questions opened so far.
    pub fn asked(&self) -> usize {
        self.asked
    }
}

#[cfg(test)]
mod tests;
