//! Writes a long history of saved games in the old `scores.jsonl` format,
//! for benchmarks:
//! `cargo run --release --example big_history -- COUNT [SEED] >scores.jsonl`.
//! Each game has ten questions, about half missed (kept whole, as the old
//! log kept misses), about 4 kB a line: 20,000 games make about 80 MB.
//! Games are a day apart, ending today; every tenth is a daily challenge.
//! The same COUNT and SEED always give the same file (on the same day).

use serde_json::json;
use std::io::{self, BufWriter, Write};
use whiplash_quiz::rng::GameRng;

const WORDS: [&str; 12] = [
    "rhythm",
    "tempo",
    "snare",
    "cymbal",
    "swing",
    "brass",
    "studio",
    "conductor",
    "band",
    "measure",
    "drummer",
    "encore",
];

fn phrase(rng: &mut GameRng, words: usize) -> String {
    (0..words)
        .map(|_| WORDS[rng.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut rng = GameRng::from_seed(seed);
    // A pool of 300 questions the games are dealt from.
    let pool: Vec<serde_json::Value> = (0..300)
        .map(|i| {
            json!({
                "prompt": format!("Question {i}: which {} goes with the {} in the long take?", phrase(&mut rng, 4), phrase(&mut rng, 3)),
                "answer": format!("The {} {i}", phrase(&mut rng, 3)),
                "distractors": (0..3).map(|d| format!("A {} {i}-{d}", phrase(&mut rng, 3))).collect::<Vec<_>>(),
                "category": format!("category {}", i % 12),
                "difficulty": (["easy", "medium", "hard"][i % 3]),
                "explanation": format!("Because the {} always meets the {} in the end, as the {} said.", phrase(&mut rng, 4), phrase(&mut rng, 4), phrase(&mut rng, 3)),
            })
        })
        .collect();
    let today = chrono::Local::now().date_naive();
    let mut out = BufWriter::new(io::stdout().lock());
    for g in 0..count {
        let day = today - chrono::Days::new((count - g) as u64);
        let day_text = day.format("%Y-%m-%d").to_string();
        let daily = g % 10 == 0;
        let mut questions = Vec::new();
        let mut missed = Vec::new();
        let mut correct = 0;
        let mut streak = 0;
        let mut best = 0;
        for _ in 0..10 {
            let q = &pool[rng.below(pool.len())];
            let right = rng.below(2) == 0;
            if right {
                correct += 1;
                streak += 1;
                best = best.max(streak);
            } else {
                streak = 0;
                missed.push(json!({"source": "built-in", "question": q}));
            }
            questions.push(json!({
                "source": "built-in",
                "prompt": q["prompt"],
                "category": q["category"],
                "correct": right,
            }));
        }
        let line = json!({
            "v": 1,
            "date": format!("{day_text}T20:{:02}:00+00:00", g % 60),
            "day": day_text,
            "seed": if daily { day_text.replace('-', "").parse::<u64>().unwrap_or(0) } else { rng.next_u64() },
            "mode": if daily { "daily" } else { "normal" },
            "source": ["built-in"],
            "score": correct * 200 + best * 25,
            "correct": correct,
            "total": 10,
            "best_streak": best,
            "missed": missed,
            "questions": questions,
        });
        serde_json::to_writer(&mut out, &line).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
