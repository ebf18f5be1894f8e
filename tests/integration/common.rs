//! The harness every test shares: a builder that runs the binary in a
//! fresh data folder (never the user's), what a run printed, and the lock
//! that keeps PTY spawns one at a time.

use assert_cmd::Command;
use rexpect::session::{Options, PtySession};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tempfile::TempDir;
use whiplash_quiz::report::Report;
use whiplash_quiz::stats::{ScoreLine, Stats};

/// rexpect forks from this multi-threaded test process; spawning one child
/// at a time keeps a fork from catching another test's spawn half-done.
pub static SPAWN: Mutex<()> = Mutex::new(());

/// How long a PTY test waits for any one thing.
pub const TIMEOUT_MS: u64 = 10_000;

pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";

/// The binary under test (to link to; run it only through [`Quiz`]).
pub fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_whiplash-quiz"))
}

/// The path of a file under `tests/fixtures`, as the binary takes it.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Sends keys in one write, so an escape sequence arrives whole.
pub fn press(p: &mut PtySession, keys: &str) {
    p.send(keys).expect("send keys");
    p.flush().expect("flush keys");
}

/// One line of the old `scores.jsonl` log: a game of one question on
/// `day`, ended at `date`, answered right.
pub fn legacy_line(day: &str, date: &str, mode: &str, seed: u64, player: Option<&str>) -> String {
    let mut e = serde_json::json!({
        "v": 1, "date": date, "day": day, "seed": seed, "mode": mode,
        "source": ["built-in"], "score": 100, "correct": 1, "total": 1,
        "best_streak": 1, "missed": [],
        "questions": [{"source": "built-in", "prompt": "In which year was Whiplash released?",
                       "category": "release", "correct": true}]
    });
    if let Some(p) = player {
        e["player"] = p.into();
    }
    serde_json::to_string(&e).unwrap()
}

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// A run of the binary in a fresh data folder. Every way a test starts the
/// binary (`cmd`, `std_cmd`, `spawn_pty`, `command`) goes through
/// [`Quiz::isolate`], so none of them can reach the player's own data.
pub struct Quiz {
    pub data: TempDir,
    /// What `XDG_DATA_HOME` points at, when not the data folder itself.
    data_home: Option<PathBuf>,
    /// The environment the test pretends the player has (their `HOME` and
    /// `XDG_DATA_HOME`), set before the harness isolates the run: a test
    /// uses it to prove that isolation wins.
    player_home: Option<PathBuf>,
}

/// A command in its own scratch data folder, which lives as long as it.
pub struct Scratch {
    /// Held only to keep the scratch folder until the command is dropped.
    _quiz: Quiz,
    pub cmd: Command,
}

impl std::ops::Deref for Scratch {
    type Target = Command;
    fn deref(&self) -> &Command {
        &self.cmd
    }
}

impl std::ops::DerefMut for Scratch {
    fn deref_mut(&mut self) -> &mut Command {
        &mut self.cmd
    }
}

/// The binary, in a fresh scratch data folder, colour settings cleared.
pub fn command() -> Scratch {
    let quiz = Quiz::new();
    let mut cmd = quiz.cmd();
    cmd.env_remove("NO_COLOR");
    Scratch { _quiz: quiz, cmd }
}

/// What a run printed, and how it ended.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Output {
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn fails(self) -> Self {
        assert_eq!(
            self.code, 1,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    /// A usage error: exit 2, a message on stderr, nothing on stdout.
    #[track_caller]
    pub fn usage(self) -> Self {
        assert_eq!(
            self.code, 2,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert!(self.stderr.contains("error:"), "{}", self.stderr);
        assert_eq!(self.stdout, "");
        self
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", self.stdout))
    }
}

impl Quiz {
    pub fn new() -> Self {
        Quiz {
            data: tempfile::tempdir().unwrap(),
            data_home: None,
            player_home: None,
        }
    }

    /// Pretends the player's own `HOME` and `XDG_DATA_HOME` are `path`.
    pub fn with_player_home(mut self, path: PathBuf) -> Self {
        self.player_home = Some(path);
        self
    }

    /// Points the run's data folder (and home) at this test's scratch
    /// folder, whatever the environment says, with colour off.
    pub fn isolate(&self, cmd: &mut std::process::Command) {
        if let Some(home) = &self.player_home {
            cmd.env("HOME", home).env("XDG_DATA_HOME", home);
        }
        let home = self.data_home.as_deref().unwrap_or(self.data.path());
        cmd.env("XDG_DATA_HOME", home)
            .env("HOME", self.data.path())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR");
    }

    /// The binary as a plain `std::process::Command`, isolated.
    pub fn std_cmd(&self) -> std::process::Command {
        self.std_cmd_as(binary())
    }

    /// The binary run under another path (a link to it), isolated.
    pub fn std_cmd_as(&self, program: &Path) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        self.isolate(&mut cmd);
        cmd
    }

    /// Starts the binary in a pseudo-terminal of 80x24, isolated, with a
    /// plain `xterm`.
    pub fn spawn_pty(&self, args: &[&str]) -> PtySession {
        self.spawn_pty_with(args, &[])
    }

    /// [`Quiz::spawn_pty`] with more environment variables set.
    pub fn spawn_pty_with(&self, args: &[&str], env: &[(&str, &str)]) -> PtySession {
        let mut cmd = self.std_cmd();
        cmd.envs(env.iter().copied());
        cmd.args(args)
            .env("TERM", "xterm")
            .env("COLUMNS", "80")
            .env("LINES", "24");
        let _guard = SPAWN.lock().unwrap_or_else(|e| e.into_inner());
        rexpect::spawn_with_options(cmd, Options::new().timeout_ms(Some(TIMEOUT_MS)))
            .expect("spawn whiplash-quiz in a pty")
    }

    /// `XDG_DATA_HOME` points at `path` instead of the data folder (`HOME`
    /// stays the data folder).
    pub fn with_data_home(mut self, path: PathBuf) -> Self {
        self.data_home = Some(path);
        self
    }

    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    pub fn run(&self, args: &[&str], input: &str) -> Output {
        self.run_in(Path::new("."), args, input)
    }

    /// Runs in the working folder `dir`.
    pub fn run_in(&self, dir: &Path, args: &[&str], input: &str) -> Output {
        let out = self
            .cmd()
            .current_dir(dir)
            .args(args)
            .write_stdin(input)
            .output()
            .unwrap();
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Where installed banks live.
    pub fn installed(&self) -> PathBuf {
        self.dir().join("banks")
    }

    /// The game's own folder in the data folder.
    pub fn dir(&self) -> PathBuf {
        self.data.path().join("whiplash-quiz")
    }

    /// Where an old saved-games log is read from, to be imported.
    pub fn log(&self) -> PathBuf {
        self.dir().join("scores.jsonl")
    }

    /// The saved-games database.
    pub fn db(&self) -> PathBuf {
        self.dir().join("games.sqlite3")
    }

    /// Each saved player's seed, sorted.
    pub fn saved_seeds(&self) -> Vec<u64> {
        let mut seeds: Vec<u64> = self
            .saved()
            .iter()
            .map(|e| e["seed"].as_u64().unwrap())
            .collect();
        seeds.sort();
        seeds
    }

    /// Each saved player's part of a game, oldest game first, read straight
    /// from the database (read-only) in the shape the old log had: seed,
    /// day, date, mode, player, score, correct, total, source, finished,
    /// game, and the questions and misses.
    pub fn saved(&self) -> Vec<Value> {
        if !self.db().exists() {
            return Vec::new();
        }
        let conn = rusqlite::Connection::open_with_flags(
            self.db(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open the database");
        let mut stmt = conn
            .prepare(
                "SELECT p.id, g.id, g.seed, g.day, g.ended, g.mode, g.finished, g.sources,
                        p.name, p.score, p.correct, p.total, p.best_streak
                 FROM players p JOIN games g ON g.id = p.game ORDER BY g.id, p.seat",
            )
            .unwrap();
        let mut seats: Vec<(i64, Value)> = stmt
            .query_map([], |r| {
                let sources: String = r.get(7)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    serde_json::json!({
                        "game": r.get::<_, i64>(1)?,
                        "seed": r.get::<_, i64>(2)? as u64,
                        "day": r.get::<_, String>(3)?,
                        "date": r.get::<_, String>(4)?,
                        "mode": r.get::<_, String>(5)?,
                        "finished": r.get::<_, bool>(6)?,
                        "source": serde_json::from_str::<Value>(&sources).unwrap(),
                        "player": r.get::<_, Option<String>>(8)?,
                        "score": r.get::<_, i64>(9)?,
                        "correct": r.get::<_, i64>(10)?,
                        "total": r.get::<_, i64>(11)?,
                        "best_streak": r.get::<_, i64>(12)?,
                    }),
                ))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut answers = conn
            .prepare(
                "SELECT q.source, q.prompt, q.category, q.body, a.correct
                 FROM answers a JOIN questions q ON q.id = a.question
                 WHERE a.player = ?1 ORDER BY a.n",
            )
            .unwrap();
        for (id, seat) in &mut seats {
            let rows: Vec<(String, String, String, String, bool)> = answers
                .query_map([*id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            seat["questions"] = rows
                .iter()
                .map(|(source, prompt, category, _, correct)| {
                    serde_json::json!({"source": source, "prompt": prompt, "category": category, "correct": correct})
                })
                .collect();
            seat["missed"] = rows
                .iter()
                .filter(|r| !r.4)
                .map(|(source, _, _, body, _)| {
                    serde_json::json!({"source": source, "question": serde_json::from_str::<Value>(body).unwrap()})
                })
                .collect();
        }
        seats.into_iter().map(|(_, v)| v).collect()
    }

    /// Files in the game's folder whose names start with `prefix`, sorted.
    pub fn files_starting(&self, prefix: &str) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(self.dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .collect();
        found.sort();
        found
    }

    /// Databases moved aside as damaged (not their WAL files).
    pub fn damaged(&self) -> Vec<PathBuf> {
        self.files_starting("games.sqlite3.damaged-")
            .into_iter()
            .filter(|p| !p.to_string_lossy().ends_with("-wal"))
            .collect()
    }

    /// The questions `play ARGS` deals, learnt by answering 1 to each in a
    /// game that is not saved: the same seed deals the same game again.
    pub fn deal(&self, args: &[&str], questions: usize) -> Vec<Value> {
        let mut all = args.to_vec();
        all.extend(["--json", "--no-save"]);
        let report = self.run(&all, &"1\n".repeat(questions)).ok().json();
        let qs = report["questions"].as_array().unwrap().clone();
        assert_eq!(qs.len(), questions, "dry run of {args:?}: {report:#}");
        qs
    }

    pub fn report(&self, args: &[&str], input: &str) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        self.run(&all, input).ok().json()
    }

    pub fn scores(&self) -> Vec<Value> {
        self.run(&["scores", "--json"], "")
            .ok()
            .json()
            .as_array()
            .unwrap()
            .clone()
    }

    pub fn stats(&self) -> Value {
        self.run(&["stats", "--json"], "").ok().json()
    }

    /// `play ARGS --json`'s report, typed: a field renamed or dropped in
    /// the report fails to read here.
    pub fn typed_report(&self, args: &[&str], input: &str) -> Report {
        serde_json::from_value(self.report(args, input)).expect("a report")
    }

    /// `scores --json`, typed.
    pub fn typed_scores(&self) -> Vec<ScoreLine> {
        serde_json::from_value(Value::Array(self.scores())).expect("score rows")
    }

    /// `stats --json`, typed.
    pub fn typed_stats(&self) -> Stats {
        serde_json::from_value(self.stats()).expect("stats")
    }
}

// ---------------------------------------------------------------------------
// Party mode
// ---------------------------------------------------------------------------

/// `whiplash-quiz party ...` running in its own scratch data folder, with
/// what it prints gathered by two threads; killed when dropped.
pub struct Party {
    /// Held only to keep the scratch folder as long as the server.
    _quiz: Quiz,
    child: std::process::Child,
    stdout: std::sync::Arc<Mutex<String>>,
    stderr: std::sync::Arc<Mutex<String>>,
    /// The join URL the host printed: `http://HOST:PORT/?room=CODE`.
    pub url: String,
}

impl Party {
    /// Starts `party ARGS` (the arguments split at spaces; stdin held
    /// open, as a host's terminal would be) and waits up to 10 s for the
    /// join URL on stderr.
    pub fn start(args: &str) -> Party {
        let args: Vec<&str> = args.split_whitespace().collect();
        use std::io::BufRead;
        use std::process::Stdio;
        use std::sync::Arc;
        let quiz = Quiz::new();
        let mut cmd = quiz.std_cmd();
        cmd.arg("party")
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start whiplash-quiz party");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let out = child.stdout.take().unwrap();
            let into = stdout.clone();
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(out).lines() {
                    let Ok(line) = line else { break };
                    let mut s = into.lock().unwrap();
                    s.push_str(&line);
                    s.push('\n');
                }
            });
        }
        {
            let err = child.stderr.take().unwrap();
            let into = stderr.clone();
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(err).lines() {
                    let Ok(line) = line else { break };
                    if let Some(url) = join_url(&line) {
                        let _ = tx.send(url);
                    }
                    let mut s = into.lock().unwrap();
                    s.push_str(&line);
                    s.push('\n');
                }
            });
        }
        let mut party = Party {
            _quiz: quiz,
            child,
            stdout,
            stderr,
            url: String::new(),
        };
        match rx.recv_timeout(std::time::Duration::from_secs(10)) {
            Ok(url) => party.url = url,
            Err(_) => {
                let _ = party.child.kill();
                let _ = party.child.wait();
                panic!(
                    "party {args:?} printed no join URL (http://...?room=CODE) on stderr in 10 s\nstdout:\n{}\nstderr:\n{}",
                    party.stdout(),
                    party.stderr()
                );
            }
        }
        party
    }

    /// The room code in the join URL.
    pub fn code(&self) -> String {
        self.url.rsplit("room=").next().unwrap().to_string()
    }

    /// `http://HOST:PORT`, without the path.
    pub fn base(&self) -> String {
        let rest = self.url.strip_prefix("http://").unwrap();
        format!("http://{}", rest.split('/').next().unwrap())
    }

    /// `HOST:PORT`.
    pub fn addr(&self) -> String {
        self.base().strip_prefix("http://").unwrap().to_string()
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits up to `timeout` for the server to end on its own, and returns
    /// its `--json` report; panics, with what it printed, if it does not
    /// end, fails or prints no report.
    pub fn report(&mut self, timeout: std::time::Duration) -> Value {
        let deadline = std::time::Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if std::time::Instant::now() > deadline {
                panic!(
                    "the party server did not end within {timeout:?}\nstdout:\n{}\nstderr:\n{}",
                    self.stdout(),
                    self.stderr()
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        // The reader threads finish when the pipes close; give them a moment.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        let mut report = None;
        while std::time::Instant::now() < deadline {
            if let Ok(v) = serde_json::from_str::<Value>(&self.stdout()) {
                report = Some(v);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(
            status.success(),
            "party ended with {status}\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        assert!(!self.stderr().contains("panicked"), "{}", self.stderr());
        report.unwrap_or_else(|| {
            panic!(
                "party --json printed no JSON report on stdout:\n{}\nstderr:\n{}",
                self.stdout(),
                self.stderr()
            )
        })
    }
}

impl Drop for Party {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The join URL in a line the host printed, if there is one.
pub fn join_url(line: &str) -> Option<String> {
    let start = line.find("http://")?;
    let url: String = line[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let url = url.trim_end_matches(['.', ',', ')', '"', '\'']).to_string();
    url.contains("room=").then_some(url)
}
