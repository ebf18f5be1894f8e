//! Party mode in a real browser: headless Chromium players, driven through
//! chromedriver (WebDriver), join the room the host prints, play a game to
//! the end and see what the server decided. Needs `chromium` and
//! `chromedriver` (Debian: `chromium`, `chromium-driver`; `.ci/run`
//! installs them) and fails without them.

use crate::common::Party;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tempfile::TempDir;

use crate::party_load::load;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long any one wait for the page may take.
const WAIT: Duration = Duration::from_secs(10);

/// The name field, found by its label "Your name" (a `<label for>`, a
/// label around the field, or an `aria-label`).
const NAME_FIELD: &str = "//input[@id = //label[contains(normalize-space(.), 'Your name')]/@for] \
     | //label[contains(normalize-space(.), 'Your name')]//input \
     | //input[@aria-label = 'Your name']";
const JOIN: &str = "//button[normalize-space(.) = 'Join']";

/// chromedriver on a free port, with its browsers; the sessions are ended
/// and every process of its group killed when dropped, a failed test too.
struct Driver {
    child: Child,
    port: u16,
    sessions: Vec<String>,
    _profiles: Vec<TempDir>,
}

impl Driver {
    fn start() -> Driver {
        for tool in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(tool).exists(),
                "{tool} is missing: the browser tests need chromium and chromedriver \
                 (Debian packages chromium and chromium-driver); `.ci/run` installs them"
            );
        }
        let port = free_port();
        let mut cmd = Command::new(CHROMEDRIVER);
        cmd.arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Its own process group, so that dropping the driver also ends
        // every Chromium it started.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let child = cmd.spawn().expect("start chromedriver");
        let driver = Driver {
            child,
            port,
            sessions: Vec::new(),
            _profiles: Vec::new(),
        };
        let deadline = Instant::now() + WAIT;
        while http(port, "GET", "/status").is_none_or(|r| !r.contains("ready")) {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not answer on port {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        driver
    }

    /// A new headless Chromium, with its own fresh profile.
    async fn browser(&mut self, width: u32, height: u32) -> Client {
        let profile = tempfile::tempdir().unwrap();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }),
        );
        self._profiles.push(profile);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a chromedriver session with headless Chromium");
        if let Ok(Some(id)) = client.session_id().await {
            self.sessions.push(id);
        }
        // A headless window starts at least 500 px wide, whatever
        // --window-size says; resizing it takes.
        client
            .set_window_size(width, height)
            .await
            .expect("resize the window");
        client
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        for id in &self.sessions {
            let _ = http(self.port, "DELETE", &format!("/session/{id}"));
        }
        // SAFETY: kill(2) on the process group of the chromedriver this
        // driver started (its id is the group's).
        unsafe {
            libc::kill(-(self.child.id() as i32), libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP/1.1 request to 127.0.0.1:port; the whole answer, or None.
fn http(port: u16, method: &str, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    // Read the head and a body of Content-Length bytes: chromedriver may
    // keep the connection open.
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&out).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if out.len() >= end + 4 + length {
                return Some(text);
            }
        }
        match s.read(&mut buf) {
            Ok(0) => return Some(text),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => return None,
        }
    }
}

// ---------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------

/// The text the page shows (hidden elements left out).
async fn text(c: &Client) -> String {
    c.execute(
        "return document.body ? document.body.innerText : '';",
        vec![],
    )
    .await
    .expect("read the page's text")
    .as_str()
    .unwrap_or("")
    .to_string()
}

/// Waits until the page shows `needle`; returns the page's text then.
async fn wait_text(c: &Client, needle: &str, who: &str) -> String {
    wait_until(c, who, &format!("the text {needle:?}"), |t| {
        t.contains(needle)
    })
    .await
}

/// Waits until the page's text passes `ok`; returns that text.
async fn wait_until(c: &Client, who: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let t = text(c).await;
        if ok(&t) {
            return t;
        }
        assert!(
            Instant::now() < deadline,
            "{who}'s page did not show {what} within {WAIT:?}; it shows:\n{t}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The first shown element at `xpath`, waited for.
async fn wait_find(c: &Client, xpath: &str, who: &str) -> Element {
    let deadline = Instant::now() + WAIT;
    loop {
        for e in c.find_all(Locator::XPath(xpath)).await.unwrap_or_default() {
            if e.is_displayed().await.unwrap_or(false) {
                return e;
            }
        }
        assert!(
            Instant::now() < deadline,
            "{who}'s page showed nothing at {xpath} within {WAIT:?}; it shows:\n{}",
            text(c).await
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Opens `url`, types `name` in the field labelled "Your name" and clicks
/// "Join".
async fn join(c: &Client, url: &str, name: &str) {
    c.goto(url).await.expect("open the join URL");
    let field = wait_find(c, NAME_FIELD, name).await;
    field.send_keys(name).await.expect("type a name");
    wait_find(c, JOIN, name)
        .await
        .click()
        .await
        .expect("click Join");
}

/// The choice buttons the page shows and that can be pressed, with their
/// texts, in the page's order.
async fn choice_buttons(c: &Client) -> Vec<(Element, String)> {
    let mut found = Vec::new();
    for e in c.find_all(Locator::Css("button")).await.unwrap_or_default() {
        if !e.is_displayed().await.unwrap_or(false) || !e.is_enabled().await.unwrap_or(false) {
            continue;
        }
        let t = e.text().await.unwrap_or_default();
        if t.trim() != "Join" {
            found.push((e, t.trim().to_string()));
        }
    }
    found
}

/// Waits for question `k` of `n` with its choices; returns the page's text
/// and the choices.
async fn wait_question(c: &Client, k: u64, n: u64, who: &str) -> (String, Vec<(Element, String)>) {
    let heading = format!("Question {k}/{n}");
    let deadline = Instant::now() + WAIT;
    loop {
        let t = text(c).await;
        if t.contains(&heading) {
            let buttons = choice_buttons(c).await;
            if buttons.len() >= 2 {
                return (t, buttons);
            }
        }
        assert!(
            Instant::now() < deadline,
            "{who}'s page did not show {heading:?} with its choices within {WAIT:?}; it shows:\n{t}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Whether a page's text reads as the reveal of a question: right or
/// wrong (or no answer), and the points.
fn reads_as_reveal(t: &str) -> bool {
    let t = t.to_lowercase();
    t.contains("points")
        && ["right", "wrong", "no answer"]
            .iter()
            .any(|w| t.contains(w))
}

/// Waits for the reveal after question `k` (the page says right or wrong);
/// returns its text.
async fn wait_reveal(c: &Client, k: u64, who: &str) -> String {
    wait_until(c, who, &format!("the reveal of question {k}"), |t| {
        reads_as_reveal(t)
    })
    .await
}

// ---------------------------------------------------------------------------
// The game
// ---------------------------------------------------------------------------

/// The answers of a seeded game, learnt from a quick game of one websocket
/// player at the same seed (the seed deals the same questions): for each
/// question, its right choice (1-based) and how many choices it has.
async fn learn_answers(seed: &str, count: u64) -> Vec<(u64, usize)> {
    let mut party = Party::start(&format!(
        "--port 0 --bind 127.0.0.1 --count {count} --seed {seed} --wait-for 1 --reveal 0 --json"
    ));
    let logs = load::play(
        &party.addr(),
        &party.code(),
        "Scout",
        1,
        Arc::new(|_, _, _| 1),
        WAIT,
    )
    .await;
    assert!(logs[0].errors.is_empty(), "{:?}", logs[0].errors);
    let report = party.report(WAIT);
    questions(&report)
        .iter()
        .map(|q| {
            (
                q["answer"].as_u64().unwrap(),
                q["choices"].as_array().unwrap().len(),
            )
        })
        .collect()
}

fn questions(report: &Value) -> &Vec<Value> {
    report["questions"]
        .as_array()
        .unwrap_or_else(|| panic!("a report with questions: {report:#}"))
}

fn player<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["players"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not in the report: {report:#}"))
}

/// A wrong choice of a question whose right choice is `answer`.
fn wrong(answer: u64) -> u64 {
    if answer == 1 { 2 } else { 1 }
}

/// Checks what the report says of `name`'s game against the choices the
/// test made (`(question number, choice)`): each answer, right per the
/// report's own answer index, scores 500..=1000; a wrong one 0; the score
/// is their sum.
fn check_player(report: &Value, name: &str, chosen: &[(u64, u64)]) -> i64 {
    let p = player(report, name);
    let answers = p["answers"].as_array().unwrap();
    assert_eq!(answers.len(), chosen.len(), "{name}: {p:#}");
    let mut total = 0;
    for (number, choice) in chosen {
        let a = answers
            .iter()
            .find(|a| a["number"] == *number)
            .unwrap_or_else(|| panic!("{name} has no answer to {number}: {p:#}"));
        let q = &questions(report)[*number as usize - 1];
        assert_eq!(a["choice"], *choice, "{name}, question {number}: {p:#}");
        let right = q["answer"] == *choice;
        assert_eq!(a["correct"], right, "{name}, question {number}: {a} / {q}");
        let points = a["points"].as_i64().unwrap();
        if right {
            assert!((500..=1000).contains(&points), "{name}: {a}");
        } else {
            assert_eq!(points, 0, "{name}: {a}");
        }
        total += points;
    }
    assert_eq!(p["score"], total, "{name}: {p:#}");
    total
}

/// Waits for the end screen: the page shows its player's rank and score,
/// as the report has them.
async fn check_end(c: &Client, report: &Value, name: &str) {
    let p = player(report, name);
    let score = p["score"].as_i64().unwrap();
    let rank = p["rank"].as_i64().unwrap();
    let t = wait_until(c, name, &format!("rank {rank} and score {score}"), |t| {
        let lower = t.to_lowercase();
        shows_rank(t, rank)
            && (lower.contains(&format!("score: {score}"))
                || lower.contains(&format!("score {score}"))
                || lower.contains(&format!("{score} points")))
    })
    .await;
    assert!(!t.contains("Question "), "{name}'s end screen: {t}");
}

/// Whether `t` states the rank `r` (`#2`, `2nd`, `Rank 2`, `rank: 2`, `2nd place`).
fn shows_rank(t: &str, r: i64) -> bool {
    let suffix = match (r % 100, r % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    let lower = t.to_lowercase();
    [
        format!("#{r}"),
        format!("{r}{suffix}"),
        format!("rank {r}"),
        format!("rank: {r}"),
        format!("place {r}"),
    ]
    .iter()
    .any(|s| lower.contains(s))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_browsers_join_by_the_printed_url_play_to_the_end_and_match_the_report() {
    const SEED: &str = "22";
    let answers = learn_answers(SEED, 3).await;
    let mut driver = Driver::start();
    let mut party = Party::start(&format!(
        "--port 0 --bind 127.0.0.1 --count 3 --seed {SEED} --wait-for 3 --reveal 2 --json"
    ));
    let names = ["Ann", "Bob", "Cat"];
    let mut clients = Vec::new();
    for _ in names {
        clients.push(driver.browser(390, 844).await);
    }
    for (c, name) in clients.iter().zip(names) {
        join(c, &party.url, name).await;
    }
    // Ann is always right, Bob always wrong, Cat right on the odd questions.
    let mut chosen: Vec<Vec<(u64, u64)>> = vec![Vec::new(); 3];
    let mut shown: Vec<Vec<Vec<String>>> = vec![Vec::new(); 3];
    let mut reveals: Vec<Vec<String>> = vec![Vec::new(); 3];
    for (k, &(answer, n)) in (1..=3).zip(&answers) {
        for (i, c) in clients.iter().enumerate() {
            let (t, buttons) = wait_question(c, k, 3, names[i]).await;
            assert_eq!(buttons.len(), n, "{}: {t}", names[i]);
            let choice = match i {
                0 => answer,
                1 => wrong(answer),
                _ if k % 2 == 1 => answer,
                _ => wrong(answer),
            };
            buttons[choice as usize - 1]
                .0
                .click()
                .await
                .expect("click a choice");
            chosen[i].push((k, choice));
            shown[i].push(buttons.into_iter().map(|b| b.1).collect());
        }
        // All three at once: the reveal stays up for only --reveal seconds.
        let seen = futures_util::future::join_all(
            clients
                .iter()
                .zip(names)
                .map(|(c, name)| wait_reveal(c, k, name)),
        )
        .await;
        for (i, t) in seen.into_iter().enumerate() {
            reveals[i].push(t);
        }
    }
    let report = party.report(WAIT);
    assert_eq!(report["count"], 3, "{report:#}");
    assert_eq!(report["players"].as_array().unwrap().len(), 3, "{report:#}");
    // The buttons were the question's choices, in order.
    for (i, pages) in shown.iter().enumerate() {
        for (q, texts) in questions(&report).iter().zip(pages) {
            let choices: Vec<&str> = q["choices"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            assert_eq!(choices.len(), texts.len());
            for (choice, text) in choices.iter().zip(texts) {
                assert!(
                    text.contains(choice),
                    "{}: button {text:?} for {choice:?}",
                    names[i]
                );
            }
        }
    }
    let scores: Vec<i64> = (0..3)
        .map(|i| check_player(&report, names[i], &chosen[i]))
        .collect();
    assert!(scores[0] >= 1500, "Ann was always right: {scores:?}");
    assert_eq!(scores[1], 0, "Bob was always wrong");
    assert!(
        (1000..=2000).contains(&scores[2]),
        "Cat was right twice: {scores:?}"
    );
    assert_eq!(player(&report, "Ann")["rank"], 1);
    assert_eq!(player(&report, "Cat")["rank"], 2);
    assert_eq!(player(&report, "Bob")["rank"], 3);
    // Each reveal said right or wrong as the report has it, with the points.
    for (i, texts) in reveals.iter().enumerate() {
        let answers = player(&report, names[i])["answers"].as_array().unwrap();
        for (a, t) in answers.iter().zip(texts) {
            let lower = t.to_lowercase();
            if a["correct"] == true {
                assert!(
                    t.contains(&a["points"].to_string()),
                    "{}'s reveal of {} does not show the points {}: {t}",
                    names[i],
                    a["number"],
                    a["points"]
                );
            } else {
                assert!(
                    lower.contains("wrong") || lower.contains("incorrect"),
                    "{}'s reveal of {} does not say wrong: {t}",
                    names[i],
                    a["number"]
                );
            }
        }
    }
    for (c, name) in clients.iter().zip(names) {
        check_end(c, &report, name).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refreshed_page_rejoins_and_keeps_its_score() {
    const SEED: &str = "7";
    let answers = learn_answers(SEED, 3).await;
    let mut driver = Driver::start();
    let mut party = Party::start(&format!(
        "--port 0 --bind 127.0.0.1 --count 3 --seed {SEED} --wait-for 2 --reveal 1 --json"
    ));
    let ann = driver.browser(390, 844).await;
    let bob = driver.browser(390, 844).await;
    join(&ann, &party.url, "Ann").await;
    join(&bob, &party.url, "Bob").await;
    // Question 1: Ann right, Bob wrong.
    let (_, a) = wait_question(&ann, 1, 3, "Ann").await;
    a[answers[0].0 as usize - 1].0.click().await.unwrap();
    let (_, b) = wait_question(&bob, 1, 3, "Bob").await;
    b[wrong(answers[0].0) as usize - 1].0.click().await.unwrap();
    wait_reveal(&ann, 1, "Ann").await;
    // Question 2 opens; Ann refreshes before answering and sees it again,
    // without joining again.
    wait_question(&ann, 2, 3, "Ann").await;
    ann.refresh().await.expect("refresh");
    let (t, a) = wait_question(&ann, 2, 3, "Ann after refreshing").await;
    assert_eq!(a.len(), answers[1].1, "{t}");
    for e in ann.find_all(Locator::XPath(NAME_FIELD)).await.unwrap() {
        assert!(
            !e.is_displayed().await.unwrap(),
            "Ann is asked her name again: {t}"
        );
    }
    a[answers[1].0 as usize - 1].0.click().await.unwrap();
    let (_, b) = wait_question(&bob, 2, 3, "Bob").await;
    b[answers[1].0 as usize - 1].0.click().await.unwrap();
    wait_reveal(&ann, 2, "Ann").await;
    // Question 3: Ann refreshes in the reveal of 2, or the question if it
    // has opened already: the page shows where the game is.
    ann.refresh().await.expect("refresh");
    wait_until(
        &ann,
        "Ann after a second refresh",
        "question 3 or the reveal of 2",
        |t| t.contains("Question 3/3") || reads_as_reveal(t),
    )
    .await;
    let (_, a) = wait_question(&ann, 3, 3, "Ann").await;
    a[wrong(answers[2].0) as usize - 1].0.click().await.unwrap();
    let (_, b) = wait_question(&bob, 3, 3, "Bob").await;
    b[answers[2].0 as usize - 1].0.click().await.unwrap();
    let report = party.report(WAIT);
    assert_eq!(
        report["players"].as_array().unwrap().len(),
        2,
        "a refresh is the same player: {report:#}"
    );
    let ann_score = check_player(
        &report,
        "Ann",
        &[
            (1, answers[0].0),
            (2, answers[1].0),
            (3, wrong(answers[2].0)),
        ],
    );
    check_player(
        &report,
        "Bob",
        &[
            (1, wrong(answers[0].0)),
            (2, answers[1].0),
            (3, answers[2].0),
        ],
    );
    // The points of question 1, from before the refresh, are in the score.
    let first = player(&report, "Ann")["answers"][0]["points"]
        .as_i64()
        .unwrap();
    assert!(first >= 500, "{report:#}");
    assert!(ann_score >= first + 500, "{report:#}");
    check_end(&ann, &report, "Ann").await;
    check_end(&bob, &report, "Bob").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_is_refused_in_plain_words_and_never_sees_a_question() {
    let mut driver = Driver::start();
    let mut party =
        Party::start("--port 0 --bind 127.0.0.1 --count 1 --seed 3 --wait-for 1 --reveal 0 --json");
    let wrong_code = if party.code() == "ZZZZ" {
        "XXXX"
    } else {
        "ZZZZ"
    };
    let stranger = driver.browser(390, 844).await;
    join(
        &stranger,
        &format!("{}/?room={wrong_code}", party.base()),
        "Stranger",
    )
    .await;
    // The server's reason, in plain words, on the page.
    wait_text(
        &stranger,
        &format!("No game has the code {wrong_code}"),
        "Stranger",
    )
    .await;
    // The right code opens the game (it waits for one player) ...
    let ann = driver.browser(390, 844).await;
    join(&ann, &party.url, "Ann").await;
    let (_, a) = wait_question(&ann, 1, 1, "Ann").await;
    // ... and the refused page still shows no question.
    let t = text(&stranger).await;
    assert!(
        !t.contains("Question"),
        "a refused page shows a question: {t}"
    );
    assert!(choice_buttons(&stranger).await.is_empty(), "{t}");
    a[0].0.click().await.unwrap();
    let report = party.report(WAIT);
    let players = report["players"].as_array().unwrap();
    assert_eq!(players.len(), 1, "{report:#}");
    assert_eq!(players[0]["name"], "Ann");
    assert!(!text(&stranger).await.contains("Question"));
}

/// Whether the page scrolls sideways, and the height of each shown choice.
async fn layout(c: &Client) -> (i64, i64, Vec<f64>) {
    let v = c
        .execute(
            "const d = document.documentElement;
             const hs = [...document.querySelectorAll('button')]
               .filter(b => b.offsetParent !== null && !b.disabled && b.innerText.trim() !== 'Join')
               .map(b => b.getBoundingClientRect().height);
             return [d.scrollWidth, d.clientWidth, hs];",
            vec![],
        )
        .await
        .unwrap();
    (
        v[0].as_i64().unwrap(),
        v[1].as_i64().unwrap(),
        v[2].as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_f64().unwrap())
            .collect(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_fits_a_phone_without_sideways_scroll_and_with_big_buttons() {
    let mut driver = Driver::start();
    let party = Party::start("--port 0 --bind 127.0.0.1 --count 3 --seed 5 --wait-for 1 --json");
    let phone = driver.browser(390, 844).await;
    phone.goto(&party.url).await.unwrap();
    wait_find(&phone, NAME_FIELD, "phone").await;
    let inner = phone
        .execute("return window.innerWidth;", vec![])
        .await
        .unwrap();
    assert_eq!(inner, 390, "the window is not phone-sized");
    let (scroll, client, _) = layout(&phone).await;
    assert!(
        scroll <= client,
        "the join page scrolls sideways: {scroll} > {client}"
    );
    join(&phone, &party.url, "Ann").await;
    wait_question(&phone, 1, 3, "phone").await;
    for width in [390, 320] {
        phone.set_window_size(width, 844).await.unwrap();
        let inner = phone
            .execute("return window.innerWidth;", vec![])
            .await
            .unwrap();
        assert_eq!(inner, width, "the window did not become {width} wide");
        let (scroll, client, heights) = layout(&phone).await;
        assert!(
            scroll <= client,
            "at {width} px the question scrolls sideways: {scroll} > {client}\n{}",
            text(&phone).await
        );
        assert!(heights.len() >= 2, "{heights:?}");
        for h in &heights {
            assert!(
                *h >= 44.0,
                "at {width} px a choice is {h} px tall: {heights:?}"
            );
        }
    }
}
