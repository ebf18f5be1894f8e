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
    assert!(matches!(
        sent_to(&out, 2)[0],
        ToPlayer::Answered {
            answered: 1,
            players: 2,
            ..
        }
    ));
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
