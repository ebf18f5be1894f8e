//! The party-mode load benchmark: starts the real server
//! (`whiplash-quiz party`, in a scratch data folder), connects PLAYERS
//! websocket clients on loopback, each of which joins and answers every
//! question as soon as it arrives, and measures the broadcast latency of
//! each `question` and `reveal` message at each client (its receive time
//! minus the message's `at`, the server's time when the broadcast began;
//! one machine, one clock) and the server's peak memory (`VmHWM`), idle
//! with no player and through the game.
//!
//! `cargo run --release --example party_load -- BIN [PLAYERS] [QUESTIONS]`
//! (default 200 players, 10 questions); `scripts/bench-party.sh` builds the
//! release binary and runs it. Prints a table and PASS or FAIL against the
//! goal p99 <= 50 ms; exits 1 on FAIL. With `PARTY_LOAD_DETAIL=1` it also
//! prints, for each question and reveal, the latency's min, p50, p90 and
//! max over the clients and the five slowest clients.

#[allow(dead_code)]
mod load;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// The goal: the 99th percentile of broadcast latency, in ms.
const GOAL_P99_MS: f64 = 50.0;

/// The server, in its own scratch data folder; killed when dropped.
struct Server {
    child: Child,
    _data: tempfile::TempDir,
    addr: String,
    room: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(bin: &str, args: &[&str]) -> Server {
    let data = tempfile::tempdir().expect("a scratch data folder");
    let mut child = Command::new(bin)
        .arg("party")
        .args(args)
        .env("XDG_DATA_HOME", data.path())
        .env("HOME", data.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start {bin}: {e}"));
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let url = loop {
        let line = lines
            .next()
            .unwrap_or_else(|| panic!("{bin} party ended before printing its join URL"))
            .unwrap();
        if let Some(start) = line.find("http://") {
            let url: String = line[start..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .collect();
            if url.contains("room=") {
                break url.trim_end_matches(['.', ',', ')']).to_string();
            }
        }
    };
    // Keep reading stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.by_ref() {});
    let rest = url.strip_prefix("http://").unwrap();
    Server {
        child,
        _data: data,
        addr: rest.split('/').next().unwrap().to_string(),
        room: rest.rsplit("room=").next().unwrap().to_string(),
    }
}

fn ms(us: i64) -> f64 {
    us as f64 / 1000.0
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(bin) = args.first() else {
        eprintln!("usage: party_load BIN [PLAYERS] [QUESTIONS]");
        std::process::exit(2);
    };
    let players: usize = args.get(1).map_or(200, |s| s.parse().expect("PLAYERS"));
    let count: u64 = args.get(2).map_or(10, |s| s.parse().expect("QUESTIONS"));
    let (players_s, count_s) = (players.to_string(), count.to_string());

    // Idle: the server with its room open and no player.
    let idle = start(
        bin,
        &["--port", "0", "--bind", "127.0.0.1", "--wait-for", "1"],
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle_kb = load::peak_rss_kb(idle.child.id()).unwrap_or(0);
    drop(idle);

    let server = start(
        bin,
        &[
            "--port",
            "0",
            "--bind",
            "127.0.0.1",
            "--count",
            &count_s,
            "--seed",
            "1",
            "--wait-for",
            &players_s,
            "--max-players",
            &players_s,
            "--reveal",
            "0",
            "--json",
        ],
    );
    // The peak memory, read until the game ends (the server exits then).
    let pid = server.child.id();
    let peak = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                match load::peak_rss_kb(pid) {
                    Some(kb) => peak.fetch_max(kb, Ordering::Relaxed),
                    None => break,
                };
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let started = std::time::Instant::now();
    let logs = load::play(
        &server.addr,
        &server.room,
        "Player",
        players,
        Arc::new(|player, _, choices| 1 + (player % choices.max(1)) as u64),
        Duration::from_secs(120),
    )
    .await;
    let took = started.elapsed();
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    drop(server);

    let errors: Vec<&String> = logs.iter().flat_map(|l| &l.errors).collect();
    let complete = logs
        .iter()
        .filter(|l| l.end.is_some() && l.questions.len() as u64 == count)
        .count();
    let mut table = Vec::new();
    for (kind, pick) in [("question", 0), ("reveal", 1), ("both", 2)] {
        let mut lat: Vec<i64> = logs
            .iter()
            .flat_map(|l| match pick {
                0 => l.questions.iter().collect::<Vec<_>>(),
                1 => l.reveals.iter().collect(),
                _ => l.questions.iter().chain(&l.reveals).collect(),
            })
            .map(load::Received::latency_us)
            .collect();
        lat.sort_unstable();
        table.push((kind, lat));
    }
    println!(
        "party load: {players} players, {count} questions, loopback, game took {:.2} s",
        took.as_secs_f64()
    );
    println!("clients that got every question and the end: {complete}/{players}");
    let answered: usize = logs.iter().map(|l| l.answered).sum();
    println!(
        "`answered` messages read: {answered} ({:.0} a client a question)",
        answered as f64 / players.max(1) as f64 / count.max(1) as f64
    );
    if !errors.is_empty() {
        println!("errors: {} (first: {})", errors.len(), errors[0]);
    }
    println!("broadcast latency (client receive time - message `at`), ms:");
    println!(
        "  {:<9} {:>6} {:>8} {:>8} {:>8} {:>8}",
        "message", "n", "p50", "p95", "p99", "max"
    );
    for (kind, lat) in &table {
        println!(
            "  {:<9} {:>6} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
            kind,
            lat.len(),
            ms(load::quantile(lat, 0.50)),
            ms(load::quantile(lat, 0.95)),
            ms(load::quantile(lat, 0.99)),
            ms(*lat.last().unwrap_or(&0)),
        );
    }
    if std::env::var_os("PARTY_LOAD_DETAIL").is_some() {
        println!("each broadcast (q question, r reveal), ms: min p50 p90 max, slowest clients");
        for n in 1..=count {
            for (kind, reveal) in [("q", false), ("r", true)] {
                let mut lat: Vec<(i64, usize)> = logs
                    .iter()
                    .enumerate()
                    .flat_map(|(i, l)| {
                        let got = if reveal { &l.reveals } else { &l.questions };
                        got.iter()
                            .filter(|r| r.number == n)
                            .map(move |r| (r.latency_us(), i))
                    })
                    .collect();
                if lat.is_empty() {
                    continue;
                }
                lat.sort_unstable();
                let us: Vec<i64> = lat.iter().map(|x| x.0).collect();
                let slowest: Vec<usize> = lat.iter().rev().take(5).map(|x| x.1).collect();
                println!(
                    "  {kind}{n:<3} {:>8.2} {:>8.2} {:>8.2} {:>8.2}  {slowest:?}",
                    ms(us[0]),
                    ms(load::quantile(&us, 0.5)),
                    ms(load::quantile(&us, 0.9)),
                    ms(us[us.len() - 1]),
                );
            }
        }
    }
    let peak_kb = peak.load(Ordering::Relaxed);
    println!("server peak RSS (VmHWM):");
    println!("  0 players        {:>8.1} MB", idle_kb as f64 / 1024.0);
    println!(
        "  {players:<3} players      {:>8.1} MB",
        peak_kb as f64 / 1024.0
    );
    let p99 = ms(load::quantile(&table[2].1, 0.99));
    let pass = p99 <= GOAL_P99_MS && complete == players && errors.is_empty();
    println!(
        "p99 {p99:.2} ms (goal <= {GOAL_P99_MS:.0} ms), {complete}/{players} complete: {}",
        if pass { "PASS" } else { "FAIL" }
    );
    if !pass {
        std::process::exit(1);
    }
}
