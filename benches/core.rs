//! Criterion benchmarks of the pure core: checking a bank, generating the
//! film's questions, and a whole scripted game in process. Run with
//! `cargo bench --bench core`; the end-to-end comparisons against `jq` and
//! `true` are in `scripts/bench.sh`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use whiplash_quiz::bank::{self, Keep, Parsed};
use whiplash_quiz::game::{self, Game, ScriptedPlayer};
use whiplash_quiz::generate::generate;
use whiplash_quiz::question::{Bank, Difficulty, Question};
use whiplash_quiz::record;
use whiplash_quiz::rng::GameRng;

/// A plainly valid bank of `n` questions (no problem, no warning),
/// pretty-printed like a real file.
fn bank_text(n: usize) -> String {
    let questions = (0..n)
        .map(|i| Question {
            prompt: format!("Question {i}: which drummer played the solo in take {i}?"),
            answer: format!("The drummer {i}"),
            // "drummer" in every choice: no answer shares a word with its
            // prompt alone, so the bank is plainly valid and `check` takes
            // its fast pass, as on most real banks.
            distractors: (0..3).map(|d| format!("Another drummer {i}-{d}")).collect(),
            category: format!("category {}", i % 12),
            difficulty: Difficulty::ALL[i % 3],
            explanation: format!("Take {i} was the one where the tempo finally held."),
            meta: Default::default(),
        })
        .collect();
    serde_json::to_string_pretty(&Bank {
        title: Some("bench".into()),
        questions,
    })
    .unwrap()
}

fn check_bank(c: &mut Criterion) {
    let mut group = c.benchmark_group("bank");
    for n in [1_000, 10_000] {
        let text = bank_text(n);
        group.throughput(Throughput::Bytes(text.len() as u64));
        for (name, keep) in [("check", Keep::Summary), ("load", Keep::Questions)] {
            group.bench_with_input(BenchmarkId::new(name, n), &text, |b, text| {
                b.iter(|| match bank::parse("bench.json", black_box(text), keep) {
                    Ok(Parsed::Bank(l)) => l.count,
                    other => panic!("not a bank: {other:?}"),
                })
            });
        }
        // The same bank read as a file is: a window at a time.
        group.bench_with_input(BenchmarkId::new("stream", n), &text, |b, text| {
            b.iter(
                || match bank::plain_stream(black_box(text.as_bytes()), Keep::Summary) {
                    Ok(Some((l, _))) => l.count,
                    other => panic!("not plainly valid: {other:?}"),
                },
            )
        });
        // A bank with a problem in every question takes the careful path.
        let broken = text.replace("\"Another drummer", "\"The drummer");
        group.bench_with_input(BenchmarkId::new("refuse", n), &broken, |b, text| {
            b.iter(|| bank::parse("bench.json", black_box(text), Keep::Summary).is_err())
        });
    }
    group.finish();
}

fn generate_questions(c: &mut Criterion) {
    let film = record::builtin().unwrap();
    c.bench_function("generate/builtin", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            generate(black_box(&film), &mut GameRng::from_seed(seed)).len()
        })
    });
    // What a game does at start: every question made, none settled.
    c.bench_function("generate/builtin_unsettled", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            whiplash_quiz::generate::unsettled(black_box(&film), &mut GameRng::from_seed(seed))
                .len()
        })
    });
    c.bench_function("record/parse_builtin", |b| {
        b.iter(|| record::builtin().unwrap().year)
    });
}

fn scripted_game(c: &mut Criterion) {
    let film = record::builtin().unwrap();
    c.bench_function("game/scripted_10", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            let mut game: Game = whiplash_quiz::app::new_game(&film, seed, 10);
            let mut player = ScriptedPlayer::perfect(&game);
            game::play(&mut game, &mut player).unwrap();
            game.score()
        })
    });
}

criterion_group!(benches, check_bank, generate_questions, scripted_game);
criterion_main!(benches);
