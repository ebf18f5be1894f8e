//! The load client of the party benchmark (`examples/party_load`), run
//! here with a few players against the debug binary: it proves the
//! benchmark's code path works, not how fast (scripts/bench-party.sh
//! times it).

use crate::common::Party;
use std::sync::Arc;
use std::time::Duration;

#[path = "../../examples/party_load/load.rs"]
#[allow(dead_code)]
pub mod load;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_load_clients_get_every_question_and_reveal_and_the_report_counts_them() {
    const PLAYERS: usize = 5;
    let mut party = Party::start(
        "--port 0 --bind 127.0.0.1 --count 4 --seed 11 --wait-for 5 --reveal 0 --json",
    );
    // Player i answers choice 1 + i % 2, so the answers differ.
    let logs = load::play(
        &party.addr(),
        &party.code(),
        "Load",
        PLAYERS,
        Arc::new(|player, _, _| 1 + (player % 2) as u64),
        Duration::from_secs(20),
    )
    .await;
    let report = party.report(Duration::from_secs(10));
    assert_eq!(report["count"], 4, "{report:#}");
    let questions = report["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 4, "{report:#}");
    let players = report["players"].as_array().unwrap();
    assert_eq!(players.len(), PLAYERS, "{report:#}");
    for (i, log) in logs.iter().enumerate() {
        assert!(log.errors.is_empty(), "{}: {:?}", log.name, log.errors);
        assert!(log.joined.is_some(), "{} was not joined", log.name);
        let numbers: Vec<u64> = log.questions.iter().map(|q| q.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4], "{}'s questions", log.name);
        let revealed: Vec<u64> = log.reveals.iter().map(|q| q.number).collect();
        assert_eq!(revealed, [1, 2, 3, 4], "{}'s reveals", log.name);
        for q in &log.questions {
            assert_eq!(q.message["count"], 4);
            assert!(
                q.message.get("answer").is_none(),
                "a question holds its answer"
            );
            // `at` is server time when the broadcast began: before this
            // client read it, and not long before (same machine).
            assert!(q.at_us > 0, "{}", q.message);
            assert!((0..10_000_000).contains(&q.latency_us()), "{}", q.message);
        }
        // What each reveal said matches the report.
        let p = players
            .iter()
            .find(|p| p["name"] == log.name.as_str())
            .unwrap_or_else(|| panic!("{} is not in the report: {report:#}", log.name));
        let answers = p["answers"].as_array().unwrap();
        assert_eq!(answers.len(), 4, "{p:#}");
        let choice = 1 + (i % 2) as u64;
        for (r, a) in log.reveals.iter().zip(answers) {
            let q = &questions[r.number as usize - 1];
            assert_eq!(r.message["answer"], q["answer"]);
            assert_eq!(r.message["your_choice"], choice, "{}", r.message);
            assert_eq!(a["choice"], choice, "{p:#}");
            assert_eq!(r.message["correct"], q["answer"] == choice);
            assert_eq!(r.message["points"], a["points"], "{} / {a}", r.message);
        }
        let end = log.end.as_ref().unwrap();
        assert_eq!(end["score"], p["score"], "{end} / {p:#}");
        assert_eq!(end["rank"], p["rank"], "{end} / {p:#}");
        assert_eq!(end["players"], PLAYERS, "{end}");
    }
}
