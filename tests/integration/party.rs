//! Party mode end to end: the real binary serves a room on a free port
//! (`--port 0`, learnt from its `Join at http://127.0.0.1:PORT/?room=CODE`
//! line on stderr), and players are websocket clients here.

use crate::common::Quiz;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

const WAIT: Duration = Duration::from_secs(15);

/// A running `party` command.
struct Party {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
    code: String,
    stderr: Receiver<String>,
    /// Everything on stdout, once it is closed (read on a thread, so a
    /// long report never fills the pipe).
    stdout: Option<thread::JoinHandle<String>>,
}

impl Party {
    fn start(quiz: &Quiz, args: &[&str]) -> Party {
        let mut cmd = quiz.std_cmd();
        cmd.args(["party", "--bind", "127.0.0.1", "--port", "0"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start the party");
        let (tx, rx) = mpsc::channel();
        let err = child.stderr.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let until = Instant::now() + WAIT;
        let (port, code) = loop {
            let line = rx
                .recv_timeout(until.saturating_duration_since(Instant::now()))
                .expect("a Join at line on stderr");
            if let Some(url) = line.strip_prefix("Join at http://127.0.0.1:") {
                let (port, code) = url.split_once("/?room=").expect("a room code");
                break (port.parse().unwrap(), code.to_owned());
            }
        };
        let stdin = child.stdin.take();
        let mut out = child.stdout.take().unwrap();
        let stdout = Some(thread::spawn(move || {
            let mut text = String::new();
            let _ = out.read_to_string(&mut text);
            text
        }));
        Party {
            stdout,
            child,
            stdin,
            port,
            code,
            stderr: rx,
        }
    }

    fn client(&self) -> Socket {
        let (ws, _) = tungstenite::connect(format!("ws://127.0.0.1:{}/ws", self.port))
            .expect("connect a player");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(WAIT)).unwrap();
        }
        ws
    }

    fn host(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Waits for the end: the exit status, stdout and stderr.
    fn finish(mut self) -> (i32, String, String) {
        drop(self.stdin.take());
        let until = Instant::now() + WAIT;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > until {
                let _ = self.child.kill();
                panic!("the party did not end");
            }
            thread::sleep(Duration::from_millis(50));
        };
        let out = self.stdout.take().unwrap().join().unwrap();
        let err: Vec<String> = self.stderr.try_iter().collect();
        (status.code().unwrap_or(-1), out, err.join("\n"))
    }
}

fn send(ws: &mut Socket, msg: Value) {
    ws.send(Message::text(msg.to_string())).expect("send");
}

/// The next JSON message, `None` once the server closed the socket.
fn recv(ws: &mut Socket) -> Option<Value> {
    loop {
        match ws.read() {
            Ok(Message::Text(t)) => return Some(serde_json::from_str(t.as_str()).unwrap()),
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Messages up to and including the first of type `kind`.
fn until(ws: &mut Socket, kind: &str, seen: &mut Vec<Value>) -> Value {
    loop {
        let msg = recv(ws).unwrap_or_else(|| panic!("closed before {kind}: {seen:#?}"));
        seen.push(msg.clone());
        if msg["type"] == kind {
            return msg;
        }
    }
}

fn join(ws: &mut Socket, code: &str, name: &str, token: Option<&str>) {
    send(
        ws,
        json!({"type": "join", "room": code, "name": name, "token": token}),
    );
}

/// No message before a question's reveal holds its answer: only a
/// `reveal` has an `answer` field, and it comes after the question.
fn no_answer_before_reveal(seen: &[Value]) {
    let mut open = None;
    for m in seen {
        match m["type"].as_str().unwrap() {
            "question" => {
                assert!(m.get("answer").is_none() && m.get("explanation").is_none());
                open = m["number"].as_u64();
            }
            // After a rejoin the first state may be a reveal.
            "reveal" => assert!(open.is_none() || m["number"].as_u64() == open, "{m}"),
            _ => assert!(m.get("answer").is_none(), "{m}"),
        }
    }
}

#[test]
fn two_players_play_three_questions_and_the_report_matches_their_answers() {
    let quiz = Quiz::new();
    let party = Party::start(
        &quiz,
        &[
            "--count",
            "3",
            "--seed",
            "7",
            "--wait-for",
            "2",
            "--reveal",
            "0",
            "--json",
        ],
    );
    let mut ann = party.client();
    let mut ben = party.client();
    join(&mut ann, &party.code.to_lowercase(), "  Ann ", None);
    let mut seen_a = Vec::new();
    let mut seen_b = Vec::new();
    let joined = until(&mut ann, "joined", &mut seen_a);
    assert_eq!(joined["name"], "Ann");
    join(&mut ben, &party.code, "Ann", None);
    assert_eq!(until(&mut ben, "joined", &mut seen_b)["name"], "Ann 2");
    let mut picks = Vec::new();
    for n in 1..=3u64 {
        let qa = until(&mut ann, "question", &mut seen_a);
        let qb = until(&mut ben, "question", &mut seen_b);
        assert_eq!(
            (qa["number"].as_u64(), qb["number"].as_u64()),
            (Some(n), Some(n))
        );
        assert_eq!(qa["count"], 3);
        let choices = qa["choices"].as_array().unwrap().len() as u64;
        let (a, b) = (1, choices.min(2));
        send(&mut ann, json!({"type": "shown", "number": n}));
        send(
            &mut ann,
            json!({"type": "answer", "number": n, "choice": a}),
        );
        // A second answer is refused, the socket kept.
        send(
            &mut ann,
            json!({"type": "answer", "number": n, "choice": a}),
        );
        assert_eq!(until(&mut ann, "error", &mut seen_a)["type"], "error");
        send(&mut ben, json!({"type": "shown", "number": n}));
        send(
            &mut ben,
            json!({"type": "answer", "number": n, "choice": b}),
        );
        let ra = until(&mut ann, "reveal", &mut seen_a);
        let rb = until(&mut ben, "reveal", &mut seen_b);
        assert_eq!(ra["your_choice"], a);
        assert_eq!(rb["your_choice"], b);
        assert_eq!(ra["correct"], ra["answer"] == a);
        picks.push((a, b, ra["answer"].as_u64().unwrap()));
    }
    let end_a = until(&mut ann, "end", &mut seen_a);
    let end_b = until(&mut ben, "end", &mut seen_b);
    no_answer_before_reveal(&seen_a);
    no_answer_before_reveal(&seen_b);
    let room = party.code.clone();
    let (code, out, err) = party.finish();
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(report["room"], room);
    assert_eq!(report["seed"], 7);
    assert_eq!(report["count"], 3);
    let questions = report["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 3);
    for (q, (_, _, answer)) in questions.iter().zip(&picks) {
        assert_eq!(q["answer"].as_u64(), Some(*answer));
    }
    for p in report["players"].as_array().unwrap() {
        let mine: Vec<u64> = p["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["choice"].as_u64().unwrap())
            .collect();
        let expected: Vec<u64> = picks
            .iter()
            .map(|&(a, b, _)| if p["name"] == "Ann" { a } else { b })
            .collect();
        assert_eq!(mine, expected, "{p}");
        let sum: u64 = p["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["points"].as_u64().unwrap())
            .sum();
        assert_eq!(p["score"].as_u64(), Some(sum));
        let end = if p["name"] == "Ann" { &end_a } else { &end_b };
        assert_eq!(end["score"], p["score"]);
        assert_eq!(end["rank"], p["rank"]);
    }
}

#[test]
fn a_wrong_code_is_refused_and_bad_frames_never_stop_the_server() {
    let quiz = Quiz::new();
    let party = Party::start(&quiz, &["--count", "1", "--seed", "3"]);
    let wrong = if party.code == "BBBB" { "CCCC" } else { "BBBB" };
    let mut ws = party.client();
    join(&mut ws, wrong, "Ann", None);
    let refused = recv(&mut ws).unwrap();
    assert_eq!(refused["type"], "refused");
    assert_eq!(refused["reason"], format!("No game has the code {wrong}."));
    assert!(recv(&mut ws).is_none(), "the socket is closed");

    let mut ws = party.client();
    for bad in [
        "not json",
        "{}",
        r#"{"type":"dance"}"#,
        r#"{"type":"answer","number":1,"choice":1}"#,
    ] {
        ws.send(Message::text(bad)).unwrap();
        assert_eq!(recv(&mut ws).unwrap()["type"], "error", "{bad}");
    }
    // A frame past the limit ends that connection only.
    let _ = ws.send(Message::text("x".repeat(64 * 1024)));
    assert!(recv(&mut ws).is_none());
    let mut ws = party.client();
    join(&mut ws, &party.code, "Ann", None);
    assert_eq!(recv(&mut ws).unwrap()["type"], "joined");
    let (code, _, err) = {
        let mut party = party;
        party.host("quit");
        party.finish()
    };
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_player_who_rejoins_with_the_token_keeps_the_score_and_the_host_drives_by_lines() {
    let quiz = Quiz::new();
    let mut party = Party::start(
        &quiz,
        &["--count", "2", "--seed", "11", "--wait-for", "1", "--json"],
    );
    let mut ws = party.client();
    let mut seen = Vec::new();
    join(&mut ws, &party.code, "Cleo", None);
    let token = until(&mut ws, "joined", &mut seen)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    until(&mut ws, "question", &mut seen);
    // The right answer is not known yet: answer 1, and see.
    send(&mut ws, json!({"type": "answer", "number": 1, "choice": 1}));
    let reveal = until(&mut ws, "reveal", &mut seen);
    let score = reveal["score"].as_u64().unwrap();
    drop(ws);

    let mut ws = party.client();
    let mut again = Vec::new();
    join(&mut ws, &party.code, "someone else", Some(&token));
    let joined = until(&mut ws, "joined", &mut again);
    assert_eq!(joined["name"], "Cleo");
    let state = until(&mut ws, "reveal", &mut again);
    assert_eq!(state["score"].as_u64(), Some(score));
    party.host("next");
    let q = until(&mut ws, "question", &mut again);
    assert_eq!(q["number"], 2);
    send(&mut ws, json!({"type": "answer", "number": 2, "choice": 1}));
    let r2 = until(&mut ws, "reveal", &mut again);
    assert_eq!(
        r2["score"].as_u64(),
        Some(score + r2["points"].as_u64().unwrap())
    );
    party.host("next");
    let end = until(&mut ws, "end", &mut again);
    assert_eq!(end["rank"], 1);
    no_answer_before_reveal(&seen);
    no_answer_before_reveal(&again);
    let (code, out, err) = party.finish();
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["players"][0]["score"], end["score"]);
    assert_eq!(report["players"].as_array().unwrap().len(), 1);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Quiz::new().run(&["party", "--bind", "127.0.0.1", "--port", &port], "");
    let out = out.fails();
    assert!(
        out.stderr
            .contains(&format!("error: cannot listen on 127.0.0.1:{port}")),
        "{}",
        out.stderr
    );
}

#[test]
fn ctrl_c_ends_the_game_for_everyone_prints_the_report_saves_and_exits_130() {
    let quiz = Quiz::new();
    let party = Party::start(
        &quiz,
        &["--count", "3", "--seed", "5", "--wait-for", "1", "--json"],
    );
    let mut ws = party.client();
    let mut seen = Vec::new();
    join(&mut ws, &party.code, "Dee", None);
    until(&mut ws, "question", &mut seen);
    send(&mut ws, json!({"type": "answer", "number": 1, "choice": 1}));
    until(&mut ws, "reveal", &mut seen);
    let sent = unsafe { libc::kill(party.child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(sent, 0);
    let end = until(&mut ws, "end", &mut seen);
    assert_eq!(end["rank"], 1);
    let (code, out, err) = party.finish();
    assert_eq!(code, 130, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(report["questions"].as_array().unwrap().len(), 1);
    assert_eq!(report["players"][0]["name"], "Dee");
    let saved = quiz.saved();
    assert_eq!(saved.len(), 1, "{saved:#?}");
    assert_eq!(saved[0]["player"], "Dee");
    assert_eq!(saved[0]["mode"], "hot-seat");
    assert_eq!(saved[0]["finished"], false);
    assert_eq!(saved[0]["total"], 1);
}

#[test]
fn a_room_of_200_players_plays_to_the_end() {
    let quiz = Quiz::new();
    let n = 200;
    let party = Party::start(
        &quiz,
        &[
            "--count",
            "2",
            "--seed",
            "1",
            "--max-players",
            "200",
            "--wait-for",
            "200",
            "--reveal",
            "0",
            "--json",
            "--no-save",
        ],
    );
    let started = Instant::now();
    let mut players: Vec<Socket> = (0..n).map(|_| party.client()).collect();
    for (i, ws) in players.iter_mut().enumerate() {
        join(ws, &party.code, &format!("P{i}"), None);
    }
    for ws in players.iter_mut() {
        until(ws, "joined", &mut Vec::new());
    }
    // One more is refused: the room is full.
    let mut late = party.client();
    join(&mut late, &party.code, "Late", None);
    let refused = recv(&mut late).unwrap();
    assert_eq!(refused["type"], "refused", "{refused}");
    for number in 1..=2u64 {
        for ws in players.iter_mut() {
            let q = until(ws, "question", &mut Vec::new());
            assert_eq!(q["number"], number);
        }
        for (i, ws) in players.iter_mut().enumerate() {
            send(
                ws,
                json!({"type": "answer", "number": number, "choice": 1 + i % 2}),
            );
        }
        for ws in players.iter_mut() {
            until(ws, "reveal", &mut Vec::new());
        }
    }
    for ws in players.iter_mut() {
        assert_eq!(until(ws, "end", &mut Vec::new())["players"], n);
    }
    let (code, out, err) = party.finish();
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["players"].as_array().unwrap().len(), n);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

/// The host's keys in a terminal: Enter starts and moves on, `r` and a
/// number removes a player, Ctrl-C ends the game for everyone, puts the
/// terminal back and exits 130.
#[test]
fn the_host_drives_the_room_with_keys_in_a_terminal() {
    use crate::common::{ENTER, press};
    use crate::pty::exit_code;
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[
        "party",
        "--bind",
        "127.0.0.1",
        "--port",
        "0",
        "--count",
        "2",
        "--seed",
        "4",
    ]);
    let (_, url) = p
        .exp_regex(r"Join at http://127\.0\.0\.1:\d+/\?room=[A-Z]{4}")
        .expect("the join line");
    let rest = url.trim_start_matches("Join at http://127.0.0.1:");
    let (port, code) = rest.split_once("/?room=").unwrap();
    p.exp_string("Enter or space: start").expect("the lobby");
    let connect = || {
        let (ws, _) = tungstenite::connect(format!("ws://127.0.0.1:{port}/ws")).unwrap();
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(WAIT)).unwrap();
        }
        ws
    };
    let (mut ann, mut bo) = (connect(), connect());
    let (mut seen_a, mut seen_b) = (Vec::new(), Vec::new());
    join(&mut ann, code, "Ann", None);
    until(&mut ann, "joined", &mut seen_a);
    join(&mut bo, code, "Bo", None);
    until(&mut bo, "joined", &mut seen_b);
    p.exp_string("#2 Bo").expect("Bo in the lobby");
    press(&mut p, ENTER);
    assert_eq!(until(&mut ann, "question", &mut seen_a)["number"], 1);
    p.exp_string("Question 1/2")
        .expect("the question on the host screen");
    // Remove Bo (#2): Bo is told, and Ann's answer then closes the question.
    press(&mut p, "r");
    press(&mut p, "2");
    press(&mut p, ENTER);
    assert_eq!(until(&mut bo, "removed", &mut seen_b)["type"], "removed");
    p.exp_string("Removed player 2: Bo")
        .expect("the removal said");
    send(
        &mut ann,
        json!({"type": "answer", "number": 1, "choice": 1}),
    );
    until(&mut ann, "reveal", &mut seen_a);
    p.exp_string("Enter or space: next question")
        .expect("the reveal");
    press(&mut p, " ");
    assert_eq!(until(&mut ann, "question", &mut seen_a)["number"], 2);
    press(&mut p, "\x03");
    let end = until(&mut ann, "end", &mut seen_a);
    assert_eq!(
        (end["rank"].as_u64(), end["players"].as_u64()),
        (Some(1), Some(1))
    );
    let rest = p.exp_eof().expect("end of output");
    assert!(
        rest.contains("\x1b[?1049l"),
        "the alternate screen left: {rest:?}"
    );
    assert!(rest.contains("Final leaderboard, room"), "{rest:?}");
    assert_eq!(exit_code(&p), 130);
    no_answer_before_reveal(&seen_a);
}
