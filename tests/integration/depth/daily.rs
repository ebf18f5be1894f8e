//! The daily challenge: the date decides the seed; a replay is practice.

use super::*;

fn prompts(report: &Value) -> Vec<String> {
    report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(prompt)
        .collect()
}

#[test]
fn the_daily_date_decides_the_seed_and_the_questions() {
    let quiz = Quiz::new();
    let day = ["play", "--daily", "--date", "2026-11-25"];
    let qs = quiz.deal(&day, 10);
    // Right on 1, 2, 3, 5, 8, 9, 10.
    let misses = [3, 5, 6];
    let out = quiz
        .run(
            &[&day[..], &["--json"]].concat(),
            &answering(&qs, |i| misses.contains(&i)),
        )
        .ok();
    let report = out.json();
    assert_eq!(report["seed"], 20261125u64);
    assert_eq!(prompts(&report), qs.iter().map(prompt).collect::<Vec<_>>());
    assert_eq!(
        report["share"],
        "whiplash-quiz daily 2026-11-25 7/10 🟩🟩🟩🟥🟩🟥🟥🟩🟩🟩"
    );
    let share = report["share"].as_str().unwrap();
    for q in &qs {
        for c in choices(q) {
            assert!(
                !share.contains(&format!(" {c} ")),
                "gives away {c:?}: {share}"
            );
        }
    }
    let entry = quiz.saved().pop().unwrap();
    assert_eq!(entry["mode"], "daily");
    assert_eq!(entry["day"], "2026-11-25");
    assert_eq!(entry["seed"], 20261125u64);

    // The same date deals the same game; another date, another one.
    let same = quiz.deal(&day, 10);
    assert_eq!(same, qs);
    let other = quiz.deal(&["play", "--daily", "--date", "2026-11-26"], 10);
    assert_ne!(
        other.iter().map(prompt).collect::<Vec<_>>(),
        qs.iter().map(prompt).collect::<Vec<_>>()
    );
    let report = quiz.report(
        &["play", "--daily", "--date", "2026-11-26", "--no-save"],
        "q\n",
    );
    assert_eq!(report["seed"], 20261126u64);

    // A shorter daily game is planned on its own, the same every time.
    let three = quiz.deal(&[&day[..], &["--count", "3"]].concat(), 3);
    assert_eq!(three, quiz.deal(&[&day[..], &["--count", "3"]].concat(), 3));

    // A day's challenge stopped early shares one mark per answered
    // question, and is not saved: the day's first finished game counts.
    let games = quiz.saved().len();
    let fresh = ["play", "--daily", "--date", "2026-11-27"];
    let fq = quiz.deal(&fresh, 3);
    let input = format!(
        "{}\n{}\n{}\nq\n",
        answer(&fq[0]),
        wrong(&fq[1]),
        answer(&fq[2])
    );
    let stopped = quiz.report(&fresh, &input);
    assert_eq!(stopped["finished"], false);
    assert_eq!(stopped["mode"], "daily");
    assert_eq!(
        stopped["share"],
        "whiplash-quiz daily 2026-11-27 2/3 🟩🟥🟩"
    );
    assert_eq!(quiz.saved().len(), games);

    // Played again, a finished day's challenge is practice: no share line,
    // and stopped early it still counts the questions answered.
    let input = format!(
        "{}\n{}\n{}\nq\n",
        answer(&qs[0]),
        wrong(&qs[1]),
        answer(&qs[2])
    );
    let out = quiz.run(&day, &input).ok();
    assert!(
        out.stdout.contains("this game is practice"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Share your result"), "{}", out.stdout);
    let saved = quiz.saved();
    assert_eq!(saved.len(), games + 1);
    let practice = saved.last().unwrap();
    assert_eq!(practice["mode"], "practice");
    assert_eq!(practice["finished"], false);
    assert_eq!(
        (practice["correct"].clone(), practice["total"].clone()),
        (2.into(), 3.into())
    );
    let rows = quiz.scores();
    assert_eq!(
        rows[0]["mode"], "daily",
        "the first game keeps first place: {rows:#?}"
    );
    assert_eq!(
        rows.last().unwrap()["rank"],
        Value::Null,
        "practice is not ranked"
    );
    let s = quiz.stats();
    assert_eq!(s["daily_games"], 1);
    assert_eq!(s["practice_games"], 1);
    assert_eq!(s["accuracy"]["answered"], 13, "10 + the 3 of the practice");

    // Other games have no share line.
    let normal = quiz.report(&["play", "--seed", "1", "--count", "1", "--no-save"], "1\n");
    assert!(normal.get("share").is_none(), "{normal:#}");
}

#[test]
fn the_daily_screen_prints_a_plain_share_line_without_colour() {
    let quiz = Quiz::new();
    let day = ["play", "--daily", "--date", "2026-11-25", "--count", "3"];
    let qs = quiz.deal(&day, 3);
    let out = quiz
        .cmd()
        .args(day)
        .arg("--no-save")
        .env("LANG", "en_US.UTF-8")
        .write_stdin(answering(&qs, |i| i == 1))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Daily challenge for Wednesday 25 November 2026"),
        "{stdout}"
    );
    assert!(stdout.contains("Share your result:"), "{stdout}");
    let share: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("whiplash-quiz daily"))
        .collect();
    assert_eq!(
        share,
        ["whiplash-quiz daily 2026-11-25 2/3 [+-+]"],
        "{stdout}"
    );
    assert!(!stdout.contains('🟩'), "{stdout}");

    // Forced colour in a UTF-8 locale gets the squares; NO_COLOR still wins.
    let input = answering(&qs, |i| i == 1);
    let squares = quiz
        .cmd()
        .args(day)
        .args(["--no-save"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .env("LANG", "en_US.UTF-8")
        .write_stdin(input.clone())
        .output()
        .unwrap();
    let stdout = String::from_utf8(squares.stdout).unwrap();
    assert!(
        stdout.contains("whiplash-quiz daily 2026-11-25 2/3 🟩🟥🟩"),
        "{stdout}"
    );
    let plain = quiz
        .cmd()
        .args(day)
        .args(["--no-save"])
        .env("CLICOLOR_FORCE", "1")
        .env("LANG", "en_US.UTF-8")
        .write_stdin(input)
        .output()
        .unwrap();
    let stdout = String::from_utf8(plain.stdout).unwrap();
    assert!(
        stdout.contains("whiplash-quiz daily 2026-11-25 2/3 [+-+]"),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "{stdout:?}");

    // Colour forced but a locale that is not UTF-8, or --no-color: marks.
    for (lang, flag) in [("C", None), ("en_US.UTF-8", Some("--no-color"))] {
        let out = quiz
            .cmd()
            .args(day)
            .args(["--no-save"])
            .args(flag)
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1")
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .write_stdin(answering(&qs, |i| i == 1))
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.contains("whiplash-quiz daily 2026-11-25 2/3 [+-+]"),
            "LANG={lang} {flag:?}: {stdout}"
        );
    }
}

#[test]
fn daily_options_are_checked() {
    let quiz = Quiz::new();
    quiz.run(&["play", "--date", "2026-11-25"], "").usage();
    quiz.run(&["play", "--daily", "--seed", "3"], "").usage();
    quiz.run(&["play", "--daily", "--date", "2026-02-30"], "")
        .usage();
    quiz.run(&["play", "--daily", "--date", "25/11/2026"], "")
        .usage();
    quiz.run(&["play", "--daily", "--review"], "").usage();
    quiz.run(&["--date", "2026-11-25"], "").usage();
    quiz.run(&["--daily", "--seed", "3"], "").usage();
    assert!(!quiz.db().exists());
}

/// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> String {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

/// Today's local date as days since the epoch, as `date` sees it.
fn today() -> i64 {
    let out = std::process::Command::new("date")
        .arg("+%F")
        .output()
        .expect("run date");
    let text = String::from_utf8(out.stdout).unwrap();
    let parts: Vec<i64> = text.trim().split('-').map(|p| p.parse().unwrap()).collect();
    days_from_civil(parts[0], parts[1], parts[2])
}

#[test]
fn the_daily_streak_counts_back_from_today_or_yesterday() {
    assert_eq!(
        civil_from_days(days_from_civil(2026, 3, 1) - 1),
        "2026-02-28"
    );
    let quiz = Quiz::new();
    let today = today();
    let streak = || quiz.stats()["daily_streak"].as_u64().unwrap();

    let report = quiz.report(&["play", "--daily", "--count", "1", "--no-save"], "1\n");
    let digits: u64 = civil_from_days(today).replace('-', "").parse().unwrap();
    assert_eq!(report["seed"], digits, "--daily alone is today's challenge");

    // Earlier challenges played today do not build a streak (they count
    // as those days' challenges, but were not played on the day).
    for days_ago in [5, 6] {
        let date = civil_from_days(today - days_ago);
        quiz.run(&["play", "--daily", "--date", &date, "--count", "1"], "1\n")
            .ok();
    }
    assert_eq!(streak(), 0, "past dates played today are not days played");

    // Games played on earlier days come in through an old log, as the game
    // would have written them then (the clock cannot be turned back): each
    // new log is imported by the next command.
    let played_on = |days_ago: i64| {
        let day = civil_from_days(today - days_ago);
        let line = legacy_line(&day, &format!("{day}T20:00:00+00:00"), "daily", 7, None);
        fs::write(quiz.log(), format!("{line}\n")).unwrap();
    };
    played_on(4);
    assert_eq!(streak(), 0, "four days ago is no streak");
    played_on(2);
    assert_eq!(streak(), 0, "two days ago, with yesterday missing");
    played_on(1);
    assert_eq!(
        streak(),
        2,
        "yesterday and the day before; today still open"
    );
    assert!(quiz.log().exists(), "a read imports but renames nothing");
    // A normal game today does not count.
    quiz.run(&["play", "--seed", "1", "--count", "1"], "1\n")
        .ok();
    assert!(!quiz.log().exists(), "a game renames the imported log");
    assert_eq!(streak(), 2);
    quiz.run(&["play", "--daily", "--count", "1"], "1\n").ok();
    assert_eq!(streak(), 3);
    // The same day twice counts once: the second game is practice.
    let again = quiz.report(&["play", "--daily", "--count", "1"], "1\n");
    assert_eq!(again["mode"], "practice");
    assert!(again.get("share").is_none(), "{again:#}");
    let s = quiz.stats();
    assert_eq!(s["daily_streak"], 3);
    assert_eq!(s["daily_games"], 6);
    assert_eq!(s["practice_games"], 1);
    assert_eq!(s["games"], 8);
    assert_eq!(
        s["games_by_mode"],
        serde_json::json!({"normal": 1, "daily": 6, "review": 0, "hot-seat": 0, "practice": 1})
    );
}
