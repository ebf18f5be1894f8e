use super::*;
use crate::question::{Difficulty, Question};

fn rounds(n: usize) -> Vec<Round> {
    (0..n)
        .map(|i| Round {
            question: Question {
                prompt: format!("Question {i}?"),
                answer: format!("right {i}"),
                distractors: vec![format!("wrong {i}a"), format!("wrong {i}b")],
                category: "test".into(),
                difficulty: Difficulty::Easy,
                explanation: format!("Because {i}."),
                meta: Default::default(),
            },
            choices: vec![
                format!("wrong {i}a"),
                format!("right {i}"),
                format!("wrong {i}b"),
            ],
            answer: 1,
            origin: i,
        })
        .collect()
}

fn at(ms: u64) -> Now {
    Now {
        ms,
        epoch_us: 1_000_000 + ms * 1000,
    }
}

fn room(n: usize, wait_for: Option<usize>, reveal_ms: Option<u64>) -> Room {
    Room::new(
        "BCDF".into(),
        rounds(n),
        Rules {
            seconds: 10,
            max_players: 4,
            wait_for,
            reveal_ms,
        },
    )
}

fn join(r: &mut Room, conn: ConnId, name: &str, now: u64) -> Vec<Out> {
    let text = serde_json::json!({"type": "join", "room": "bcdf", "name": name, "token": null});
    r.receive(conn, &text.to_string(), || format!("token-{conn}"), at(now))
}

fn sent_to(out: &[Out], conn: ConnId) -> Vec<&ToPlayer> {
    out.iter()
        .filter_map(|o| match o {
            Out::Send(c, m) if *c == conn => Some(m),
            _ => None,
        })
        .collect()
}

#[test]
fn a_game_of_two_scores_by_time_and_ranks_ties() {
    let mut r = room(2, Some(2), Some(0));
    join(&mut r, 1, "Ann", 0);
    let out = join(&mut r, 2, "Ben", 0);
    assert!(
        sent_to(&out, 1)
            .iter()
            .any(|m| matches!(m, ToPlayer::Question { number: 1, .. }))
    );
    r.receive(1, r#"{"type":"shown","number":1}"#, String::new, at(1000));
    let out = r.receive(
        1,
        r#"{"type":"answer","number":1,"choice":2}"#,
        String::new,
        at(3500),
    );
    // The one who answered hears the count at once; everyone with the
    // next tick (the last count went out, or the question opened, 250 ms
    // ago or more).
    assert!(matches!(
        sent_to(&out, 1)[..],
        [ToPlayer::Answered {
            answered: 1,
            players: 2,
            ..
        }]
    ));
    assert!(sent_to(&out, 2).is_empty());
    let out = r.tick(at(3600));
    for conn in [1, 2] {
        assert!(matches!(
            sent_to(&out, conn)[..],
            [ToPlayer::Answered {
                number: 1,
                answered: 1,
                players: 2,
            }]
        ));
    }
    assert!(r.tick(at(5000)).is_empty(), "nothing new to count");
    let out = r.receive(
        2,
        r#"{"type":"answer","number":1,"choice":1}"#,
        String::new,
        at(4000),
    );
    // Both answered: revealed, then (reveal 0) question 2 at once.
    let to1 = sent_to(&out, 1);
    assert!(to1.iter().any(|m| matches!(
        m,
        ToPlayer::Reveal {
            number: 1,
            answer: 2,
            correct: true,
            points: 875,
            score: 875,
            ..
        }
    )));
    assert!(
        to1.iter()
            .any(|m| matches!(m, ToPlayer::Question { number: 2, .. }))
    );
    r.receive(
        1,
        r#"{"type":"answer","number":2,"choice":1}"#,
        String::new,
        at(5000),
    );
    let out = r.receive(
        2,
        r#"{"type":"answer","number":2,"choice":2}"#,
        String::new,
        at(6_500),
    );
    let end2 = sent_to(&out, 2);
    assert!(
        end2.iter().any(|m| matches!(
            m,
            ToPlayer::End {
                rank: 1,
                score: 875,
                players: 2,
                ..
            }
        )),
        "{end2:?}"
    );
    let report = r.report(7);
    assert_eq!(report.players[0].rank, 1);
    assert_eq!(report.players[1].rank, 1);
    for p in &report.players {
        assert_eq!(p.score, p.answers.iter().map(|a| a.points).sum::<u32>());
    }
    assert!(r.is_over());
}

#[test]
fn wrong_codes_bad_names_and_a_full_room_are_refused() {
    let mut r = room(1, None, None);
    let out = r.receive(
        1,
        r#"{"type":"join","room":"ZZZZ","name":"Ann","token":null}"#,
        String::new,
        at(0),
    );
    assert_eq!(
        out,
        vec![
            Out::Send(
                1,
                ToPlayer::Refused {
                    reason: "No game has the code ZZZZ.".into()
                }
            ),
            Out::Close(1)
        ]
    );
    let out = join(&mut r, 2, " <> \u{7} ", 0);
    assert!(matches!(out[0], Out::Send(2, ToPlayer::Refused { .. })));
    for c in 3..7 {
        join(&mut r, c, "Ann", 0);
    }
    assert_eq!(r.players(), 4);
    let names: Vec<String> = r
        .view(at(0))
        .standings
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names, ["Ann", "Ann 2", "Ann 3", "Ann 4"]);
    let out = join(&mut r, 9, "Eve", 0);
    assert!(
        matches!(&out[0], Out::Send(9, ToPlayer::Refused { reason }) if reason.contains("full"))
    );
}

#[test]
fn bad_messages_are_errors_that_keep_the_socket() {
    let mut r = room(1, Some(1), None);
    join(&mut r, 1, "Ann", 0);
    for text in [
        "nope",
        "{}",
        r#"{"type":"dance"}"#,
        r#"{"type":"answer","number":1,"choice":9}"#,
        r#"{"type":"answer","number":2,"choice":1}"#,
        r#"{"type":"answer","number":-1,"choice":1}"#,
    ] {
        let out = r.receive(1, text, String::new, at(10));
        assert!(
            matches!(out.as_slice(), [Out::Send(1, ToPlayer::Error { .. })]),
            "{text}: {out:?}"
        );
    }
}

#[test]
fn names_are_cleaned() {
    assert_eq!(clean_name("  Ann\t  Lee "), Some("Ann Lee".into()));
    assert_eq!(
        clean_name("<script>x</script>"),
        Some("scriptx/script".into())
    );
    assert_eq!(clean_name("\u{202e}\u{200b}"), None);
    assert_eq!(
        clean_name(&"a".repeat(50)).unwrap().chars().count(),
        MAX_NAME_CHARS
    );
}

#[test]
fn points_run_from_1000_to_500() {
    assert_eq!(points(0, 10_000), 1000);
    assert_eq!(points(10_000, 10_000), 500);
    assert_eq!(points(20_000, 10_000), 500);
    assert_eq!(points(2_500, 10_000), 875);
}

#[test]
fn time_up_closes_the_question_and_the_reveal_waits_its_time() {
    let mut r = room(2, Some(1), Some(3000));
    join(&mut r, 1, "Ann", 0);
    assert!(r.tick(at(9_999)).is_empty());
    let out = r.tick(at(10_000));
    assert!(matches!(
        sent_to(&out, 1)[..],
        [ToPlayer::Reveal {
            number: 1,
            your_choice: None,
            correct: false,
            points: 0,
            score: 0,
            ..
        }]
    ));
    assert!(r.tick(at(12_999)).is_empty());
    let out = r.tick(at(13_000));
    assert!(matches!(
        sent_to(&out, 1)[..],
        [ToPlayer::Question {
            number: 2,
            seconds: 10,
            ..
        }]
    ));
    // An answer after the time is up is too late, even before a tick.
    let out = r.receive(
        1,
        r#"{"type":"answer","number":2,"choice":2}"#,
        String::new,
        at(23_500),
    );
    let to1 = sent_to(&out, 1);
    assert!(
        matches!(
            to1[0],
            ToPlayer::Reveal {
                number: 2,
                points: 0,
                ..
            }
        ),
        "{to1:?}"
    );
    assert!(matches!(to1[1], ToPlayer::Error { .. }), "{to1:?}");
    // The last reveal, too, waits its time before the end.
    assert!(r.tick(at(26_499)).is_empty());
    assert!(matches!(
        sent_to(&r.tick(at(26_500)), 1)[..],
        [ToPlayer::End { rank: 1, .. }]
    ));
    assert!(r.is_over());
}

#[test]
fn a_rejoin_gets_the_time_left_and_its_answer_and_a_removed_player_stays_out() {
    let mut r = room(2, Some(2), None);
    join(&mut r, 1, "Ann", 0);
    join(&mut r, 2, "Ben", 0);
    r.receive(1, r#"{"type":"shown","number":1}"#, String::new, at(100));
    r.receive(
        1,
        r#"{"type":"answer","number":1,"choice":2}"#,
        String::new,
        at(1_100),
    );
    r.disconnect(1, at(1_200));
    let text = r#"{"type":"join","room":"BCDF","name":"x","token":"token-1"}"#;
    let out = r.receive(7, text, String::new, at(4_500));
    let to7 = sent_to(&out, 7);
    assert!(matches!(to7[0], ToPlayer::Joined { name, .. } if name == "Ann"));
    assert!(matches!(
        to7[1],
        ToPlayer::Question {
            number: 1,
            seconds: 6,
            your_choice: Some(2),
            ..
        }
    ));
    // Another page with the same token takes over; the old one is closed.
    let out = r.receive(8, text, String::new, at(4_600));
    assert!(out.contains(&Out::Close(7)));
    let out = r.remove(1, at(5_000)).unwrap();
    assert!(matches!(sent_to(&out, 8)[..], [ToPlayer::Removed { .. }]));
    assert!(out.contains(&Out::Close(8)));
    let out = r.receive(9, text, String::new, at(5_100));
    assert!(
        matches!(&sent_to(&out, 9)[..], [ToPlayer::Refused { reason }] if reason.contains("removed"))
    );
    assert_eq!(
        r.remove(1, at(5_200)),
        Err("No player has the number 1.".into())
    );
    // Ben alone is left: his answer closes the question.
    let out = r.receive(
        2,
        r#"{"type":"answer","number":1,"choice":2}"#,
        String::new,
        at(6_000),
    );
    assert!(sent_to(&out, 2).iter().any(|m| matches!(
        m,
        ToPlayer::Reveal {
            number: 1,
            correct: true,
            ..
        }
    )));
    assert_eq!(r.report(1).players.len(), 1);
}

#[test]
fn answers_within_one_tick_window_are_counted_to_everyone_once() {
    let n = 4;
    let mut r = Room::new(
        "BCDF".into(),
        rounds(1),
        Rules {
            seconds: 10,
            max_players: n + 1,
            wait_for: Some(n + 1),
            reveal_ms: None,
        },
    );
    for c in 0..=n as u64 {
        join(&mut r, c, &format!("P{c}"), 0);
    }
    // Player 0 never answers, so the question stays open.
    let counts = |outs: &[Out]| {
        outs.iter()
            .filter(|o| matches!(o, Out::Send(_, ToPlayer::Answered { .. })))
            .count()
    };
    // The question opened at 0: every answer and tick below comes within
    // its first window.
    let mut broadcasts = 0;
    let mut ms = 10;
    for c in 1..=n as u64 {
        let out = r.receive(
            c,
            r#"{"type":"answer","number":1,"choice":2}"#,
            String::new,
            at(ms),
        );
        // The answer's own count, to the one who answered only.
        assert_eq!(counts(&out), 1, "{out:?}");
        assert_eq!(sent_to(&out, c).len(), 1, "{out:?}");
        // The server ticks between answers, within one window.
        let tick = r.tick(at(ms + 1));
        if counts(&tick) > 0 {
            assert_eq!(counts(&tick), n + 1, "one count to each player");
            broadcasts += 1;
        }
        ms += ANSWERED_EVERY_MS / (n as u64 + 1);
    }
    let tick = r.tick(at(ms + ANSWERED_EVERY_MS));
    if counts(&tick) > 0 {
        broadcasts += 1;
        for c in 0..=n as u64 {
            assert!(matches!(
                sent_to(&tick, c)[..],
                [ToPlayer::Answered {
                    answered: 4,
                    players: 5,
                    ..
                }]
            ));
        }
    }
    assert_eq!(broadcasts, 1);
    // The last answer closes the question: a reveal, no count.
    let out = r.receive(
        0,
        r#"{"type":"answer","number":1,"choice":1}"#,
        String::new,
        at(ms + ANSWERED_EVERY_MS + 10),
    );
    assert_eq!(counts(&out), 1);
    assert_eq!(
        out.iter()
            .filter(|o| matches!(o, Out::Send(_, ToPlayer::Reveal { .. })))
            .count(),
        n + 1
    );
    assert_eq!(counts(&r.tick(at(ms + 10 * ANSWERED_EVERY_MS))), 0);
}

#[test]
fn joins_within_one_tick_window_send_the_lobby_to_everyone_once() {
    let mut r = room(1, None, None);
    let lobbies = |outs: &[Out]| {
        outs.iter()
            .filter(|o| matches!(o, Out::Send(_, ToPlayer::Lobby { .. })))
            .count()
    };
    // The first tick sends the first join's lobby to everyone.
    let out = join(&mut r, 1, "Ann", 0);
    assert_eq!(lobbies(&out), 1);
    assert_eq!(lobbies(&r.tick(at(1))), 1);
    // Three more join within one window, with ticks between them: each
    // hears the names at once, the room once, at the first tick due.
    let mut broadcasts = Vec::new();
    for (c, name) in [(2, "Ben"), (3, "Cy"), (4, "Dee")] {
        let ms = c * 50;
        let out = join(&mut r, c, name, ms);
        assert_eq!(lobbies(&out), 1, "{out:?}");
        assert_eq!(sent_to(&out, c).len(), 2, "joined, then the lobby");
        let tick = r.tick(at(ms + 1));
        if lobbies(&tick) > 0 {
            broadcasts.push(tick);
        }
    }
    assert!(broadcasts.is_empty(), "{broadcasts:?}");
    let tick = r.tick(at(1 + ANSWERED_EVERY_MS));
    assert_eq!(lobbies(&tick), 4);
    assert!(matches!(
        sent_to(&tick, 1)[..],
        [ToPlayer::Lobby { players }] if players.len() == 4
    ));
    assert_eq!(lobbies(&r.tick(at(10 * ANSWERED_EVERY_MS))), 0);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Act {
        Join {
            conn: u64,
            name: usize,
            token: Option<usize>,
        },
        Shown {
            conn: u64,
            number: u64,
        },
        Answer {
            conn: u64,
            number: u64,
            choice: u64,
        },
        Drop {
            conn: u64,
        },
        Advance,
        Tick,
        Remove {
            number: usize,
        },
        Finish,
        Junk {
            conn: u64,
        },
    }

    fn act() -> impl Strategy<Value = Act> {
        prop_oneof![
            3 => (0..6u64, 0..4usize, proptest::option::of(0..8usize))
                .prop_map(|(conn, name, token)| Act::Join { conn, name, token }),
            2 => (0..6u64, 1..4u64).prop_map(|(conn, number)| Act::Shown { conn, number }),
            5 => (0..6u64, 1..4u64, 0..5u64)
                .prop_map(|(conn, number, choice)| Act::Answer { conn, number, choice }),
            1 => (0..6u64).prop_map(|conn| Act::Drop { conn }),
            2 => Just(Act::Advance),
            2 => Just(Act::Tick),
            1 => (1..8usize).prop_map(|number| Act::Remove { number }),
            1 => (0..6u64).prop_map(|conn| Act::Junk { conn }),
            1 => Just(Act::Finish),
        ]
    }

    const NAMES: [&str; 4] = ["Ann", "ann ", "Ben", "<Ann>"];

    fn check_messages(r: &Room, outs: &[Out], revealed: &mut Vec<usize>) {
        let stage = r.view(Now { ms: 0, epoch_us: 0 }).stage;
        for out in outs {
            let Out::Send(_, msg) = out else { continue };
            let json = serde_json::to_value(msg).unwrap();
            match msg {
                ToPlayer::Reveal { number, .. } => {
                    // Only once the question is closed.
                    assert_ne!(stage, Stage::Open(*number), "{json}");
                    if !revealed.contains(number) {
                        revealed.push(*number);
                    }
                }
                ToPlayer::Question {
                    number, choices, ..
                } => {
                    assert!(json.get("answer").is_none() && json.get("explanation").is_none());
                    assert!(
                        !revealed.contains(number),
                        "question {number} after its reveal"
                    );
                    assert_eq!(choices.len(), 3);
                }
                _ => assert!(json.get("answer").is_none(), "{json}"),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn the_room_keeps_its_promises(
            acts in proptest::collection::vec((act(), 0..4000u64), 1..80),
            wait_for in proptest::option::of(1..4usize),
            reveal_ms in proptest::option::of(0..3000u64),
        ) {
            let mut r = room(3, wait_for, reveal_ms);
            let mut ms = 0;
            let mut tokens: Vec<String> = Vec::new();
            let mut minted = 0;
            let mut revealed = Vec::new();
            for (a, dt) in acts {
                ms += dt;
                let now = at(ms);
                let before = r.report(0);
                let outs = match &a {
                    Act::Join { conn, name, token } => {
                        let token = token.and_then(|i| tokens.get(i % tokens.len().max(1)).cloned());
                        let text = serde_json::json!({"type": "join", "room": "BCDF", "name": NAMES[*name], "token": token});
                        let outs = r.receive(*conn, &text.to_string(), || { minted += 1; format!("tok{minted}") }, now);
                        for o in &outs {
                            if let Out::Send(c, ToPlayer::Joined { token: t, name, .. }) = o {
                                prop_assert_eq!(c, conn);
                                if !tokens.contains(t) {
                                    tokens.push(t.clone());
                                } else {
                                    // A rejoin keeps the name and the score.
                                    let was = before.players.iter().find(|p| &p.name == name);
                                    let is = r.report(0).players.into_iter().find(|p| &p.name == name);
                                    prop_assert_eq!(was.map(|p| p.score), is.map(|p| p.score));
                                }
                            }
                        }
                        outs
                    }
                    Act::Shown { conn, number } => r.receive(*conn, &format!(r#"{{"type":"shown","number":{number}}}"#), String::new, now),
                    Act::Answer { conn, number, choice } => r.receive(*conn, &format!(r#"{{"type":"answer","number":{number},"choice":{choice}}}"#), String::new, now),
                    Act::Drop { conn } => r.disconnect(*conn, now),
                    Act::Advance => r.advance(now),
                    Act::Tick => r.tick(now),
                    Act::Remove { number } => r.remove(*number, now).unwrap_or_default(),
                    Act::Finish => r.finish(now),
                    Act::Junk { conn } => r.receive(*conn, r#"{"type":"answer","number":"x"}"#, String::new, now),
                };
                check_messages(&r, &outs, &mut revealed);
                let report = r.report(0);
                // Scores are the sum of the points; ranks share ties.
                for p in &report.players {
                    prop_assert_eq!(p.score, p.answers.iter().map(|a| a.points).sum::<u32>());
                    let higher = report.players.iter().filter(|q| q.score > p.score).count();
                    prop_assert_eq!(p.rank, higher + 1);
                    for a in &p.answers {
                        prop_assert!(a.points == 0 || a.correct);
                        prop_assert!(a.points <= 1000);
                    }
                }
                // Names are unique.
                let names: Vec<&String> = report.players.iter().map(|p| &p.name).collect();
                for (i, a) in names.iter().enumerate() {
                    for b in &names[i + 1..] {
                        prop_assert!(!same(a, b), "{} and {}", a, b);
                    }
                }
                prop_assert!(report.players.len() <= 4);
            }
        }
    }
}
