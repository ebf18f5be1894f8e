//! The start menu of the bare command in a terminal.

use super::*;

const MENU: [&str; 9] = [
    "Play",
    "Daily challenge",
    "Practise my misses",
    "Choose categories",
    "Hot-seat",
    "High scores",
    "Statistics",
    "Installed banks",
    "Quit",
];

/// The key help under the menu and under each question.
const MENU_KEYS: &str = "Esc or q to leave";
const KEYS: &str = crate::pty::KEYS;
const BACK: &str = "Press Enter for the menu.";

/// Waits for the whole menu to be drawn, in order, and its key help (drawn
/// last, once the menu reads keys).
fn expect_menu(p: &mut PtySession) {
    for label in MENU {
        p.exp_string(label)
            .unwrap_or_else(|e| panic!("menu entry {label:?}: {e}"));
    }
    p.exp_string(MENU_KEYS).expect("the menu's key help");
}

/// Waits for the pause after a game or listing, presses Enter, and waits
/// for the menu to come back.
fn back_to_menu(p: &mut PtySession) {
    p.exp_string(BACK).expect("a pause before the menu");
    press(p, ENTER);
    expect_menu(p);
}

/// Leaves the menu with Esc: the program ends, with status 0.
fn leave_menu(p: &mut PtySession) {
    press(p, ESC);
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(p), 0);
}

/// Stops the game on screen: `q`, the question whether to quit, `y`, and
/// the notice that starts with `notice`.
fn stop_game(p: &mut PtySession, notice: &str) {
    press(p, "q");
    p.exp_string("Quit this game? (y/N)").expect("asked first");
    press(p, "y");
    p.exp_string(notice).expect("stop notice");
}

#[test]
fn the_menu_lists_every_entry_and_esc_leaves() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, ESC);
    let rest = p.exp_eof().expect("end of output");
    assert!(!rest.contains("Question 1"), "{rest:?}");
    assert_eq!(exit_code(&p), 0);
    assert!(!quiz.db().exists());
}

#[test]
fn quit_is_up_from_the_first_entry_its_number_or_q() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, UP);
    p.exp_string("> 9) Quit").expect("the cursor on Quit");
    press(&mut p, ENTER);
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);

    for key in ["9", "q"] {
        let mut p = quiz.spawn_pty(&[]);
        expect_menu(&mut p);
        press(&mut p, key);
        p.exp_eof().expect("end of output");
        assert_eq!(exit_code(&p), 0, "{key}");
    }
}

#[test]
fn menu_listings_wait_for_enter_and_come_back_to_the_menu() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, "6");
    p.exp_string("No games saved yet").expect("the score table");
    back_to_menu(&mut p);
    press(&mut p, "7");
    p.exp_string("Games played:").expect("the statistics");
    back_to_menu(&mut p);
    press(&mut p, "8");
    p.exp_string("No banks are installed").expect("the banks");
    back_to_menu(&mut p);
    press(&mut p, "3");
    p.exp_string("Nothing to review").expect("the empty review");
    back_to_menu(&mut p);
    leave_menu(&mut p);
}

#[test]
fn menu_daily_challenge_plays_todays_game_and_waits_before_the_menu() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, DOWN);
    p.exp_string("> 2) Daily").expect("the cursor moved");
    press(&mut p, ENTER);
    p.exp_string("Daily challenge for")
        .expect("the daily heading");
    p.exp_string("Question 1/10").expect("the first question");
    p.exp_string(KEYS).expect("the answer prompt");
    press(&mut p, ESC);
    p.exp_string("Quit this game? (y/N)").expect("asked first");
    press(&mut p, "y");
    p.exp_string("Game stopped after 0 of 10")
        .expect("stop notice");
    back_to_menu(&mut p);
    leave_menu(&mut p);
    assert!(!quiz.db().exists());
}

#[test]
fn menu_hot_seat_asks_for_names_and_plays_them() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, "5");
    p.exp_string("Players: 2 to 4 names")
        .expect("asks for names");
    press(&mut p, "Ana\r");
    p.exp_string("give two to four names")
        .expect("one name is refused");
    p.exp_string("Players: 2 to 4 names").expect("asked again");
    press(&mut p, "Ana,Ben\r");
    p.exp_string("Players: Ana, Ben")
        .expect("the game's players");
    p.exp_string("Ana's turn: press Enter")
        .expect("the handover");
    press(&mut p, ENTER);
    p.exp_string("Question 1/10").expect("Ana's first question");
    p.exp_string(KEYS).expect("the answer prompt");
    stop_game(&mut p, "Game stopped after 0 of 20");
    back_to_menu(&mut p);
    leave_menu(&mut p);
}

#[test]
fn a_hot_seat_game_from_the_menu_is_saved_as_hot_seat() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, "5");
    p.exp_string("Players: 2 to 4 names")
        .expect("asks for names");
    press(&mut p, "Ana,Ben\r");
    // Ten questions each, in turns.
    for n in 1..=10 {
        for name in ["Ana", "Ben"] {
            p.exp_string(&format!("{name}'s turn: press Enter"))
                .unwrap_or_else(|e| panic!("{name}'s turn {n}: {e}"));
            press(&mut p, ENTER);
            p.exp_string(&format!("Question {n}/10"))
                .unwrap_or_else(|e| panic!("{name}'s question {n}: {e}"));
            p.exp_string(KEYS).expect("the answer prompt");
            press(&mut p, "1");
            crate::pty::go_on(&mut p);
        }
    }
    p.exp_string("Scoreboard").expect("the scoreboard");
    back_to_menu(&mut p);
    leave_menu(&mut p);
    let rows = quiz.scores();
    assert_eq!(rows.len(), 2, "one row per player: {rows:#?}");
    for row in &rows {
        assert_eq!(row["mode"], "hot-seat", "{row:#}");
        assert_eq!(row["finished"], true, "{row:#}");
        assert_eq!(row["total"], 10, "{row:#}");
    }
    let mut names: Vec<&str> = rows.iter().map(|r| r["player"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["Ana", "Ben"]);
    assert_eq!(quiz.stats()["games_by_mode"]["hot-seat"], 1);
}

#[test]
fn menu_categories_show_counts_and_play_only_the_ticked_one() {
    let quiz = Quiz::new();
    let listing = quiz.run(&["categories"], "").ok().stdout;
    // The first category row, under the header: its name and total.
    let row: Vec<String> = listing
        .lines()
        .nth(2)
        .map(|l| l.split_whitespace().map(String::from).collect())
        .unwrap_or_else(|| panic!("no category in:\n{listing}"));
    let (first, total) = (&row[0], &row[1]);

    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, "4");
    p.exp_string("Categories to play")
        .expect("the category list");
    p.exp_string(&format!("1) {first} ({total} questions)"))
        .expect("the first category with its count");
    p.exp_string("Enter plays").expect("the key help");
    press(&mut p, ENTER);
    p.exp_string("Tick at least one")
        .expect("nothing ticked yet");
    press(&mut p, " ");
    p.exp_string("[x]").expect("ticked");
    press(&mut p, ENTER);
    // A category too small for ten questions says so first, on a screen
    // that waits for a key.
    let (_, shown) = p
        .exp_regex(r"Press any key to start|Question 1/\d+")
        .expect("a game");
    if shown.starts_with("Press") {
        press(&mut p, ENTER);
        p.exp_regex(r"Question 1/\d+").expect("a game");
    }
    let header = p.exp_string(KEYS).expect("the answer prompt");
    assert!(header.contains(first.as_str()), "{header:?}");
    assert!(
        !header.contains("Tick at least one"),
        "the note went with the picker: {header:?}"
    );
    stop_game(&mut p, "Game stopped after 0 of");
    back_to_menu(&mut p);
    leave_menu(&mut p);
}

#[test]
fn an_option_skips_the_menu_in_a_terminal() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&["--seed", "1", "--count", "1"]);
    p.exp_string("Question 1/1").expect("a game, not the menu");
    p.exp_string(KEYS).expect("the answer prompt");
    press(&mut p, ESC);
    p.exp_string("Quit this game? (y/N)").expect("asked first");
    press(&mut p, "y");
    let rest = p.exp_eof().expect("end of output");
    assert!(rest.contains("Game stopped after 0 of 1"), "{rest:?}");
    assert!(!rest.contains("Practise my misses"), "{rest:?}");
    assert!(!rest.contains(BACK), "no pause outside the menu: {rest:?}");
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn the_fifty_fifty_has_a_key_and_is_the_last_entry_in_terminal_mode() {
    let quiz = Quiz::new();
    // The first seed whose one question has four choices (not true or
    // false), so that the 50:50 is offered.
    let seed = (0..50)
        .map(|s| s.to_string())
        .find(|s| {
            let q = &quiz.deal(&["play", "--seed", s, "--count", "1"], 1)[0];
            q["choices"].as_array().is_some_and(|c| c.len() == 4)
        })
        .expect("a seed with a four-choice first question");
    let args = ["play", "--seed", seed.as_str(), "--count", "1"];
    let q = &quiz.deal(&args, 1)[0];
    let left = left_by_fifty_fifty(&quiz.run(&args, "50\nq\n").ok().stdout);

    for keys in ["f", UP] {
        let quiz = Quiz::new();
        let mut p = quiz.spawn_pty(&args);
        p.exp_string("Question 1/1").expect("the question");
        p.exp_string("f) 50:50 (once per game)")
            .expect("the lifeline entry");
        p.exp_string(KEYS).expect("the prompt");
        press(&mut p, keys);
        if keys == UP {
            // Up from the first entry wraps to the last: the 50:50.
            p.exp_string("> f) 50:50").expect("the cursor on the 50:50");
            press(&mut p, ENTER);
        }
        p.exp_string("50:50: two choices are left.")
            .expect("the lifeline is used");
        p.exp_string(&left[0].1).expect("the first choice left");
        p.exp_string(&left[1].1).expect("the second choice left");
        p.exp_string(KEYS).expect("asked again");
        // The choices keep their numbers: the first one left answers.
        press(&mut p, &left[0].0.to_string());
        // The verdict shows the two choices left, the one picked marked.
        p.exp_string(&format!("{}) {} (your answer)", left[0].0, left[0].1))
            .expect("the first of the two");
        if left[0].0 == answer(q) {
            p.exp_string(&format!(
                "Right! +{} points (half points after the 50:50)",
                base(q) / 2
            ))
            .expect("half points");
        } else {
            p.exp_string("Wrong.").expect("a miss");
        }
        p.exp_string(crate::pty::ANY_KEY).expect("a pause");
        press(&mut p, ENTER);
        p.exp_eof().expect("end of output");
        assert_eq!(exit_code(&p), 0);
        assert_eq!(quiz.saved().len(), 1, "the finished game is saved");
    }
}

#[test]
fn the_bare_command_without_a_terminal_plays_a_game() {
    let quiz = Quiz::new();
    let out = quiz.run(&[], "q\n").ok();
    assert!(out.stdout.contains("Question 1/10"), "{}", out.stdout);
    assert!(!out.stdout.contains("Daily challenge"), "{}", out.stdout);
    assert!(!out.stderr.contains("Esc to leave"), "{}", out.stderr);
    assert!(
        out.stdout.contains("Game stopped after 0 of 10"),
        "{}",
        out.stdout
    );
}
