//! Playing banks: every choice, mixing, filters, `categories`, installed
//! banks, `generate`, the replay command and the shipped examples.

use super::*;

#[test]
fn a_bank_plays_every_choice_of_its_questions_and_only_them() {
    let quiz = Quiz::new();
    let bank = fixture("banks/rhythm.json");
    let r = report(&quiz, &["--seed", "3", "--bank", &bank]);
    assert_eq!(r["planned"], 5);
    let text = std::fs::read_to_string(&bank).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    for q in r["questions"].as_array().unwrap() {
        let source = file["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["prompt"] == q["prompt"])
            .expect("the question is from the bank");
        let mut expected: Vec<&str> = vec![source["answer"].as_str().unwrap()];
        expected.extend(
            source["distractors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap()),
        );
        let mut shown: Vec<&str> = q["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let answer = shown[q["answer"].as_u64().unwrap() as usize - 1];
        assert_eq!(answer, source["answer"].as_str().unwrap());
        shown.sort();
        expected.sort();
        assert_eq!(shown, expected);
        let category = source["category"].as_str().unwrap_or("general");
        assert_eq!(q["category"], category);
        let difficulty = source["difficulty"].as_str().unwrap_or("medium");
        assert_eq!(q["difficulty"], difficulty);
    }
    // The seed decides everything: the same seed, the same game.
    assert_eq!(r, report(&quiz, &["--seed", "3", "--bank", &bank]));
    let other = report(&quiz, &["--seed", "4", "--bank", &bank]);
    assert_ne!(r["questions"], other["questions"]);
}

#[test]
fn banks_mix_and_a_repeated_prompt_is_played_once() {
    let quiz = Quiz::new();
    let out = quiz
        .run(
            &[
                "play",
                "--seed",
                "1",
                "--count",
                "50",
                "--bank",
                &fixture("banks/untitled.json"),
                "--bank",
                &fixture("banks/repeats.json"),
                "--bank",
                &fixture("banks/rhythm.json"),
                "--json",
            ],
            &"1\n".repeat(50),
        )
        .ok();
    let r = out.json();
    let mut p = prompts(&r);
    assert_eq!(p.len(), 7, "{p:?}");
    p.sort_by_key(|s| s.to_lowercase());
    p.dedup_by_key(|s| s.trim().to_lowercase());
    assert_eq!(p.len(), 7, "a prompt was played twice");
    assert!(
        out.stderr
            .contains("You asked for 50 questions; 7 can be dealt"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("2 questions appear more than once"),
        "{}",
        out.stderr
    );
}

#[test]
fn filters_pick_categories_without_case_and_one_difficulty() {
    let quiz = Quiz::new();
    let bank = fixture("banks/rhythm.json");
    let r = report(&quiz, &["--bank", &bank, "--category", "RHYTHM"]);
    assert_eq!(r["planned"], 3);
    let r = report(
        &quiz,
        &[
            "--bank",
            &bank,
            "--category",
            "rhythm",
            "--category",
            "notation",
            "--difficulty",
            "HARD",
        ],
    );
    assert_eq!(
        prompts(&r),
        ["What does a tie do to two notes of the same pitch?"]
    );
    let r = report(
        &quiz,
        &["--category", "cast", "--difficulty", "easy", "--seed", "5"],
    );
    for q in r["questions"].as_array().unwrap() {
        assert_eq!(
            (q["category"].as_str(), q["difficulty"].as_str()),
            (Some("cast"), Some("easy"))
        );
    }
    let out = quiz
        .run(&["play", "--bank", &bank, "--category", "polka"], "")
        .fails();
    assert!(
        out.stderr
            .contains("no questions are in category \"polka\""),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("Rhythm 3 (1/2/0)"),
        "lists what exists: {}",
        out.stderr
    );
    let out = quiz
        .run(
            &[
                "play",
                "--bank",
                &bank,
                "--category",
                "notation",
                "--difficulty",
                "easy",
            ],
            "",
        )
        .fails();
    assert!(
        out.stderr
            .contains("no questions match category \"notation\" and difficulty easy"),
        "{}",
        out.stderr
    );
}

#[test]
fn categories_lists_the_active_source_with_counts() {
    let quiz = Quiz::new();
    let out = quiz
        .run(&["categories", "--bank", &fixture("banks/rhythm.json")], "")
        .ok();
    assert!(
        out.stdout
            .starts_with("Rhythm basics: 5 questions in 3 categories\n"),
        "{}",
        out.stdout
    );
    let rows: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["general", "1", "0", "1", "0"],
            vec!["Notation", "1", "0", "0", "1"],
            vec!["Rhythm", "3", "1", "2", "0"],
        ]
    );
    let out = quiz.run(&["categories"], "").ok();
    assert!(
        out.stdout.starts_with("Whiplash: ") && out.stdout.contains(" questions in 9 categories"),
        "{}",
        out.stdout
    );
    let out = quiz
        .run(
            &[
                "categories",
                "--record",
                &fixture("films/night-harbour.json"),
            ],
            "",
        )
        .ok();
    assert!(out.stdout.starts_with("Night Harbour:"), "{}", out.stdout);
}

#[test]
fn installed_banks_are_added_listed_played_and_removed() {
    let quiz = Quiz::new();
    let out = quiz.run(&["banks"], "").ok();
    assert!(
        out.stdout.contains("No banks are installed"),
        "{}",
        out.stdout
    );
    let out = quiz
        .run(&["banks", "add", &fixture("banks/rhythm.json")], "")
        .ok();
    assert!(
        out.stdout.contains("Installed bank rhythm"),
        "{}",
        out.stdout
    );
    let installed = quiz.installed().join("rhythm.json");
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        std::fs::read(fixture("banks/rhythm.json")).unwrap(),
        "installed byte for byte"
    );
    // No overwrite without --force, and the installed bank is untouched.
    let out = quiz
        .run(
            &[
                "banks",
                "add",
                &fixture("banks/untitled.json"),
                "--name",
                "rhythm",
            ],
            "",
        )
        .fails();
    assert!(out.stderr.contains("already installed"), "{}", out.stderr);
    assert!(out.stderr.contains("--force"));
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        std::fs::read(fixture("banks/rhythm.json")).unwrap()
    );
    quiz.run(
        &[
            "banks",
            "add",
            &fixture("banks/untitled.json"),
            "--name",
            "staff",
        ],
        "",
    )
    .ok();
    // A broken bank is never installed.
    let out = quiz
        .run(&["banks", "add", &broken("zero-distractors.json")], "")
        .fails();
    assert!(
        out.stderr
            .contains("zero-distractors.json: 1:78: question 1: distractors is empty")
    );
    assert!(!quiz.installed().join("zero-distractors.json").exists());
    let out = quiz.run(&["banks", "list"], "").ok();
    assert!(
        out.stdout
            .contains("rhythm: \"Rhythm basics\", 5 questions in 3 categories"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("staff: 1 question in 1 category"),
        "{}",
        out.stdout
    );
    // Installed banks play by name.
    let r = report(
        &quiz,
        &["--bank", "rhythm", "--bank", "staff", "--count", "20"],
    );
    assert_eq!(r["planned"], 6);
    let out = quiz
        .run(
            &[
                "banks",
                "add",
                &fixture("banks/untitled.json"),
                "--name",
                "staff",
                "--force",
            ],
            "",
        )
        .ok();
    assert!(out.stdout.contains("Installed bank staff"));
    quiz.run(&["banks", "remove", "staff"], "").ok();
    let out = quiz.run(&["play", "--bank", "staff"], "").fails();
    assert!(
        out.stderr
            .contains("no installed bank is called \"staff\" (installed: rhythm)"),
        "{}",
        out.stderr
    );
    let out = quiz.run(&["banks", "remove", "../etc"], "").fails();
    assert!(out.stderr.contains("is not a bank name"), "{}", out.stderr);
}

#[test]
fn a_film_record_is_not_a_bank() {
    let quiz = Quiz::new();
    let out = quiz
        .run(
            &["play", "--bank", &fixture("films/night-harbour.json")],
            "",
        )
        .fails();
    assert!(
        out.stderr
            .contains("this is a film record, not a question bank; play it with --record"),
        "{}",
        out.stderr
    );
    let out = quiz
        .run(&["banks", "add", &fixture("films/night-harbour.json")], "")
        .fails();
    assert!(
        out.stderr.contains("only banks can be installed"),
        "{}",
        out.stderr
    );
}

#[test]
fn generate_then_check_then_play_round_trips() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    for (name, extra) in [
        ("whiplash", vec![]),
        (
            "harbour",
            vec!["--record", &*fixture("films/night-harbour.json")]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>(),
        ),
    ] {
        let mut args = vec!["generate".to_owned(), "--seed".into(), "9".into()];
        args.extend(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = quiz.run(&args, "").ok();
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, &out.stdout).unwrap();
        let generated: Value = out.json();
        let n = generated["questions"].as_array().unwrap().len();
        let checked = quiz.run(&["check", path.to_str().unwrap()], "").ok();
        assert!(checked.stdout.contains(&format!(
            "ok: bank, \"{}",
            generated["title"].as_str().unwrap()
        )));
        assert!(
            checked.stdout.contains(&format!("{n} questions")),
            "{}",
            checked.stdout
        );
        let r = report(
            &quiz,
            &[
                "--bank",
                path.to_str().unwrap(),
                "--count",
                "1000",
                "--seed",
                "2",
            ],
        );
        // Questions that would give another's answer away (five questions
        // answered by one actor, say) are not dealt together; every other
        // question is.
        let planned = r["planned"].as_u64().unwrap() as usize;
        assert!(planned <= n && planned >= n * 3 / 4, "{planned} of {n}");
        let asked: Vec<&str> = generated["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["prompt"].as_str().unwrap())
            .collect();
        for p in prompts(&r) {
            assert!(asked.contains(&p.as_str()), "{p}");
        }
    }
}

#[test]
fn the_replay_command_replays_a_bank_game() {
    let quiz = Quiz::new();
    let bank = fixture("banks/rhythm.json");
    let out = quiz
        .run(
            &[
                "play",
                "--seed",
                "8",
                "--bank",
                &bank,
                "--category",
                "rhythm",
                "--count",
                "2",
            ],
            "1\n1\n",
        )
        .ok();
    let command = out
        .stdout
        .split("Replay this game with:\n")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap();
    assert_eq!(
        command,
        format!("whiplash-quiz play --seed 8 --count 2 --bank {bank} --category rhythm")
    );
}

#[test]
fn the_shipped_example_banks_are_valid_and_playable() {
    let quiz = Quiz::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/banks");
    let out = quiz.run(&["check", dir.to_str().unwrap()], "").ok();
    assert_eq!(
        out.stdout.matches(": ok: bank").count(),
        2,
        "{}",
        out.stdout
    );
    assert_eq!(out.stderr, "", "no warnings");
    let r = report(
        &quiz,
        &[
            "--bank",
            dir.to_str().unwrap(),
            "--count",
            "100",
            "--seed",
            "1",
        ],
    );
    // 16 questions, but one asks "Which instrument family does the oboe
    // belong to?" and another has the answer "Oboe": a game never shows an
    // answer before asking it, so only one of them is dealt.
    assert_eq!(r["planned"], 15);
}

/// True is choice 1 and False choice 2 whatever the seed, in the plain
/// lines and in the JSON report, however the bank writes them and
/// whichever is the answer (a bank's order is otherwise shuffled).
#[test]
fn true_is_choice_one_and_false_two_in_plain_lines_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("statements.json");
    let questions: Vec<Value> = (0..6)
        .map(|i| {
            let (yes, no) = if i % 3 == 2 {
                ("true", "false")
            } else {
                ("True", "False")
            };
            let (answer, wrong) = if i % 2 == 0 { (yes, no) } else { (no, yes) };
            serde_json::json!({
                "prompt": format!("Statement number {i} about rhythm is true."),
                "answer": answer,
                "distractors": [wrong],
                "category": format!("topic {i}"),
            })
        })
        .collect();
    let text = serde_json::json!({ "title": "Statements", "questions": questions });
    std::fs::write(&bank, text.to_string()).unwrap();
    let bank = bank.to_str().unwrap();
    let quiz = Quiz::new();
    let mut answers = [0, 0];
    for seed in 0..12 {
        let seed = seed.to_string();
        let args = [
            "play",
            "--bank",
            bank,
            "--seed",
            &seed,
            "--count",
            "6",
            "--json",
            "--no-save",
        ];
        let out = quiz.run(&args, &"1\n".repeat(6)).ok();
        let r = out.json();
        let qs = r["questions"].as_array().unwrap();
        assert_eq!(qs.len(), 6);
        for q in qs {
            let shown: Vec<String> = q["choices"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_lowercase())
                .collect();
            assert_eq!(shown, ["true", "false"], "seed {seed}: {q:#}");
            answers[q["answer"].as_u64().unwrap() as usize - 1] += 1;
        }
        // The plain lines (on stderr beside the report) say the same.
        let ones = out
            .stderr
            .lines()
            .filter(|l| l.eq_ignore_ascii_case("  1) True"))
            .count();
        let twos = out
            .stderr
            .lines()
            .filter(|l| l.eq_ignore_ascii_case("  2) False"))
            .count();
        assert_eq!((ones, twos), (6, 6), "seed {seed}:\n{}", out.stderr);
    }
    assert_eq!(answers, [36, 36], "True and False are each the answer");
}
