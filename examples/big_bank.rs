//! Writes a large, valid question bank for benchmarks: `cargo run --release
//! --example big_bank -- COUNT [SEED] > bank.json`. Pretty-printed, with three
//! distractors and an explanation per question, about 430 bytes each. The
//! same COUNT and SEED always give the same file.

use std::io::{self, BufWriter, Write};
use whiplash_quiz::question::{Bank, Difficulty, Question};
use whiplash_quiz::rng::GameRng;

const WORDS: [&str; 16] = [
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
    "solo",
    "practice",
    "concert",
    "ballad",
    "encore",
];

/// Words of the choices, none of them in a prompt, so that no answer is
/// given away by sharing a word with its prompt: the bank is fair, and
/// `check` takes its fast path on it, as on most real banks.
const CHOICES: [&str; 16] = [
    "violin", "trumpet", "piano", "organ", "harp", "flute", "oboe", "cello", "viola", "tuba",
    "bassoon", "banjo", "lute", "sitar", "zither", "marimba",
];

fn phrase(rng: &mut GameRng, words: usize) -> String {
    pick(rng, &WORDS, words)
}

fn choice(rng: &mut GameRng, words: usize) -> String {
    pick(rng, &CHOICES, words)
}

fn pick(rng: &mut GameRng, list: &[&str], words: usize) -> String {
    (0..words)
        .map(|_| list[rng.below(list.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut rng = GameRng::from_seed(seed);
    let questions = (0..count)
        .map(|i| Question {
            prompt: format!(
                "Question {i}: which {} goes with the {}?",
                phrase(&mut rng, 3),
                phrase(&mut rng, 2)
            ),
            answer: format!("The {} {i}", choice(&mut rng, 2)),
            distractors: (0..3)
                .map(|d| format!("A {} {i}-{d}", choice(&mut rng, 2)))
                .collect(),
            category: format!("category {}", rng.below(12)),
            difficulty: Difficulty::ALL[rng.below(3)],
            meta: Default::default(),
            explanation: format!(
                "Because the {} always meets the {} in the end.",
                phrase(&mut rng, 3),
                phrase(&mut rng, 3)
            ),
        })
        .collect();
    let bank = Bank {
        title: Some(format!("Benchmark bank of {count} questions")),
        questions,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &bank).map_err(io::Error::other)?;
    writeln!(out)?;
    out.flush()
}
