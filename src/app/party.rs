//! `party`: deal a game as `play` does, serve it to players' browsers
//! ([`crate::party::server`]), drive the room from the host screen
//! ([`ui::HostScreen`]) or by itself (`--wait-for`, `--reveal`), then
//! print the report and save every player's game.

use super::{AppError, Settle, Sources, exit, gather_with, save};
use crate::game;
use crate::history::{Asked, Mode, SavedGame, Seat};
use crate::party::room::{self, Report, Room, Rules, Stage};
use crate::party::server::Server;
use crate::rng::GameRng;
use crate::ui::{self, HostCommand, HostScreen};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::time::Duration;

/// Options for `party`.
#[derive(Debug, Clone)]
pub struct PartyOptions {
    pub bind: IpAddr,
    pub port: u16,
    pub count: usize,
    /// Seconds to answer each question.
    pub timer: u64,
    pub seed: Option<u64>,
    pub sources: Sources,
    pub wait_for: Option<usize>,
    /// Seconds from a reveal to the next question.
    pub reveal: Option<u64>,
    pub json: bool,
    pub max_players: usize,
    pub no_save: bool,
}

/// How often the host loop looks at the keys, the clock and the room.
const POLL: Duration = Duration::from_millis(100);

/// How long the players' pages have, at most, to be sent the end of the
/// game and closed before the program exits (it goes on as soon as every
/// one has been).
const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// The address players reach this machine at when the server listens on
/// every address: the one the OS would route outward from (no packet is
/// sent), else loopback.
fn reachable(bind: IpAddr) -> IpAddr {
    if !bind.is_unspecified() {
        return bind;
    }
    let outward = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|s| s.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).map(|()| s))
        .and_then(|s| s.local_addr());
    match outward {
        Ok(addr) if !addr.ip().is_unspecified() => addr.ip(),
        _ => IpAddr::V4(Ipv4Addr::LOCALHOST),
    }
}

/// The join URL.
fn join_url(ip: IpAddr, port: u16, code: &str) -> String {
    match ip {
        IpAddr::V4(ip) => format!("http://{ip}:{port}/?room={code}"),
        IpAddr::V6(ip) => format!("http://[{ip}]:{port}/?room={code}"),
    }
}

/// `party`: serves a game to a room of players.
pub fn party(opts: &PartyOptions) -> Result<i32, AppError> {
    ui::install_signal_handlers();
    if let Some(n) = opts.wait_for.filter(|&n| n > opts.max_players) {
        return Err(AppError::File {
            file: "--wait-for".into(),
            message: format!(
                "{n} players can never join a room of at most {} (--max-players)",
                opts.max_players
            ),
        });
    }
    let seed = opts.seed.unwrap_or_else(super::fresh_seed);
    let mut rng = GameRng::from_seed(seed);
    let (_title, pool, _) = gather_with(&opts.sources, &mut rng, Settle::OnDeal)?;
    let rounds = game::deal(&pool.questions, opts.count, &mut rng);
    let sources: Vec<String> = rounds
        .iter()
        .map(|r| pool.sources[r.origin].clone())
        .collect();
    // The room code: from the seed when one is given (a stream of its
    // own, so it never changes the deal), else fresh.
    let code_seed = match opts.seed {
        Some(s) => s ^ 0x7061_7274_795f_636f,
        None => rand::random(),
    };
    let code = room::room_code(&mut GameRng::from_seed(code_seed));
    let room = Room::new(
        code.clone(),
        rounds,
        Rules {
            seconds: opts.timer,
            max_players: opts.max_players,
            wait_for: opts.wait_for,
            reveal_ms: opts.reveal.map(|s| s.saturating_mul(1000)),
        },
    );
    // From here a signal (or Ctrl-C) ends the game rather than the
    // program: the players see the end, the report is printed and the
    // games are saved, then the program exits with 128 + the signal. It
    // listens before the room is served: players may join (and with
    // `--wait-for`, play) as soon as it is, before the host screen is up,
    // and a signal then would have ended the program at once, their pages
    // closed without the end.
    let listening = ui::listen_for_stop();
    let addr = SocketAddr::new(opts.bind, opts.port);
    let server = Server::start(addr, room).map_err(|source| AppError::Listen {
        addr: addr.to_string(),
        source,
    })?;
    let url = join_url(reachable(opts.bind), server.addr().port(), &code);
    let mut host = HostScreen::new(&url)?;
    let mut failed = None;
    loop {
        if ui::stop_requested() {
            break;
        }
        let view = server.read(|r, now| r.view(now));
        if let Err(e) = host.show(&view) {
            if ui::stop_soon() {
                break;
            }
            failed = Some(e);
            break;
        }
        if view.stage == Stage::Ended {
            break;
        }
        let command = match host.command(POLL, false) {
            Ok(c) => c,
            Err(_) if ui::stop_soon() => break,
            Err(e) => {
                failed = Some(e);
                break;
            }
        };
        match command {
            Some(HostCommand::Advance) => server.act(|r, now| (r.advance(now), ())),
            Some(HostCommand::Quit) => server.act(|r, now| (r.finish(now), ())),
            Some(HostCommand::Remove(n)) => {
                let said = server.act(|r, now| {
                    let name = r.name_of(n).map(str::to_owned);
                    match (r.remove(n, now), name) {
                        (Ok(outs), Some(name)) => (outs, format!("Removed player {n}: {name}")),
                        (Ok(outs), None) => (outs, format!("Removed player {n}")),
                        (Err(e), _) => (Vec::new(), e),
                    }
                });
                host.note(&said);
            }
            None => {}
        }
        server.act(|r, now| (r.tick(now), ()));
    }
    // However the loop ended, the players see the end of the game.
    server.act(|r, now| (r.finish(now), ()));
    let view = server.read(|r, now| r.view(now));
    let report = server.read(|r, _| r.report(seed));
    host.finish(&view);
    if let Some(game) = saved_game(&report, &server, &sources).filter(|_| !opts.no_save) {
        save(&game);
    }
    server.stop(CLOSE_GRACE);
    if let Some(status) = listening.finish() {
        // Stopped by a signal: the report still goes out for a script
        // that asked for it.
        if opts.json {
            let _ = ui::emit(&report_json(&report)?);
        }
        return Ok(status);
    }
    if let Some(e) = failed {
        return Err(e.into());
    }
    if opts.json {
        ui::emit(&report_json(&report)?)?;
    }
    Ok(exit::OK)
}

fn report_json(report: &Report) -> Result<String, AppError> {
    serde_json::to_string_pretty(report).map_err(|e| AppError::Io(std::io::Error::other(e)))
}

/// Every player's game as one saved game of several seats (the way a
/// hot-seat game is saved: one seat per player, named), when anyone
/// played anything.
fn saved_game(report: &Report, server: &Server, sources: &[String]) -> Option<SavedGame> {
    if report.players.is_empty() || report.questions.is_empty() {
        return None;
    }
    let rounds = server.read(|r, _| r.rounds().to_vec());
    let asked = report.questions.len();
    let seats = report
        .players
        .iter()
        .map(|p| {
            let mut streak = 0;
            let mut best = 0;
            for a in &p.answers {
                streak = if a.correct { streak + 1 } else { 0 };
                best = best.max(streak);
            }
            Seat {
                name: Some(p.name.clone()),
                score: p.score,
                correct: p.answers.iter().filter(|a| a.correct).count(),
                total: p.answers.len(),
                best_streak: best,
                answers: p
                    .answers
                    .iter()
                    .map(|a| Asked {
                        source: sources[a.number - 1].clone(),
                        question: rounds[a.number - 1].question.clone(),
                        known: true,
                        correct: a.correct,
                    })
                    .collect(),
            }
        })
        .collect();
    let used = super::distinct(sources[..asked].iter().cloned());
    let now = chrono::Local::now();
    Some(SavedGame {
        ended: now.to_rfc3339(),
        day: now.date_naive().format("%Y-%m-%d").to_string(),
        seed: report.seed,
        mode: Mode::HotSeat,
        finished: asked == report.count,
        sources: used,
        seats,
    })
}
