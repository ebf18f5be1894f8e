//! The load client of party mode: simulated players over the websocket of
//! docs/party-protocol.md. Shared by the benchmark (`examples/party_load`)
//! and the integration tests (`tests/integration/party_load.rs`,
//! `party_browser.rs`), which include this file by path.

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio_tungstenite::tungstenite::Message;

/// Which choice (1-based) player `player` (0-based) gives to a question:
/// `(player, question number, number of choices) -> choice`.
pub type Chooser = Arc<dyn Fn(usize, u64, usize) -> u64 + Send + Sync>;

/// One broadcast as a client received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub number: u64,
    /// The message's `at`: server time in µs since the UNIX epoch.
    pub at_us: u64,
    /// When this client read it, in µs since the UNIX epoch.
    pub recv_us: u64,
    pub message: Value,
}

impl Received {
    /// Broadcast latency: receive time minus the server's `at`, in µs.
    pub fn latency_us(&self) -> i64 {
        self.recv_us as i64 - self.at_us as i64
    }
}

/// What one simulated player saw.
#[derive(Debug, Default, Clone)]
pub struct ClientLog {
    /// The name it asked for.
    pub name: String,
    /// The `joined` message.
    pub joined: Option<Value>,
    pub questions: Vec<Received>,
    pub reveals: Vec<Received>,
    /// How many `answered` messages (someone answered) it read.
    pub answered: usize,
    /// The `end` message.
    pub end: Option<Value>,
    /// `refused`, `error` and `removed` messages, and broken connections.
    pub errors: Vec<String>,
}

pub fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_micros() as u64
}

/// Plays one game as `players` clients against the server at `addr`
/// (`HOST:PORT`) in room `room`: each joins as `{prefix}{i}`, answers each
/// question as soon as it arrives (`shown`, then `answer` with `choose`),
/// and reads until `end`. Every client gives up after `timeout`.
pub async fn play(
    addr: &str,
    room: &str,
    prefix: &str,
    players: usize,
    choose: Chooser,
    timeout: Duration,
) -> Vec<ClientLog> {
    let mut tasks = Vec::with_capacity(players);
    for i in 0..players {
        let url = format!("ws://{addr}/ws");
        let room = room.to_string();
        let name = format!("{prefix}{i}");
        let choose = choose.clone();
        tasks.push(tokio::spawn(async move {
            let mut log = ClientLog {
                name: name.clone(),
                ..ClientLog::default()
            };
            let mut end = None;
            let run = one(&url, &room, &name, i, &choose, &mut log, &mut end);
            match tokio::time::timeout(timeout, run).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => log.errors.push(e),
                Err(_) => log.errors.push(format!("no end within {timeout:?}")),
            }
            (log, end)
        }));
    }
    let mut logs = Vec::with_capacity(players);
    for t in tasks {
        let (mut log, end) = t.await.expect("a load client task");
        // `end` (with the whole leaderboard) is parsed once every client
        // is done: not while the others are still timing their reveal.
        if let Some(text) = end {
            match serde_json::from_str(&text) {
                Ok(v) => log.end = Some(v),
                Err(e) => log.errors.push(format!("{e}: {text}")),
            }
        }
        logs.push(log);
    }
    logs
}

/// What a client reads of each message before it is done: the rest is
/// skipped, not built (an `end` holds the whole leaderboard).
#[derive(serde::Deserialize)]
struct Head {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    number: u64,
    #[serde(default)]
    at: u64,
}

async fn one(
    url: &str,
    room: &str,
    name: &str,
    player: usize,
    choose: &Chooser,
    log: &mut ClientLog,
    end: &mut Option<String>,
) -> Result<(), String> {
    // Nagle off, as a browser has it: the client's own small writes are
    // not held back waiting for an ACK.
    let (mut ws, _) = tokio_tungstenite::connect_async_with_config(url, None, true)
        .await
        .map_err(|e| format!("connect {url}: {e}"))?;
    let send = |v: Value| Message::text(v.to_string());
    ws.send(send(
        json!({"type": "join", "room": room, "name": name, "token": null}),
    ))
    .await
    .map_err(|e| format!("send join: {e}"))?;
    while let Some(msg) = ws.next().await {
        let recv_us = now_us();
        let msg = msg.map_err(|e| format!("read: {e}"))?;
        let text = match msg {
            Message::Text(t) => t.to_string(),
            Message::Close(_) => break,
            _ => continue,
        };
        let head: Head = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
        let (number, at_us) = (head.number, head.at);
        let value = || serde_json::from_str::<Value>(&text).map_err(|e| format!("{e}: {text}"));
        match head.kind.as_str() {
            "joined" => log.joined = Some(value()?),
            "question" => {
                let v = value()?;
                let choices = v["choices"].as_array().map_or(0, Vec::len);
                log.questions.push(Received {
                    number,
                    at_us,
                    recv_us,
                    message: v,
                });
                let choice = choose(player, number, choices);
                // Both in one write, as a page that answers at once would.
                ws.feed(send(json!({"type": "shown", "number": number})))
                    .await
                    .map_err(|e| format!("send shown: {e}"))?;
                ws.send(send(
                    json!({"type": "answer", "number": number, "choice": choice}),
                ))
                .await
                .map_err(|e| format!("send answer: {e}"))?;
            }
            "reveal" => log.reveals.push(Received {
                number,
                at_us,
                recv_us,
                message: value()?,
            }),
            "end" => {
                *end = Some(text);
                let _ = ws.close(None).await;
                return Ok(());
            }
            "answered" => log.answered += 1,
            "refused" | "error" | "removed" => log.errors.push(text),
            _ => {}
        }
    }
    if end.is_none() {
        return Err("the connection closed before `end`".into());
    }
    Ok(())
}

/// The `q`-quantile (0..=1) of sorted values, nearest rank.
pub fn quantile(sorted: &[i64], q: f64) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Peak resident memory of process `pid` (`VmHWM`), in kB.
pub fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
