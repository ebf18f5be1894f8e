//! Writes a large, valid question bank for benchmarks: `cargo run --release
//! --example big_bank -- COUNT [SEED] [words] > bank.json`. The same
//! arguments always give the same file.
//!
//! By default: pretty-printed, with three distractors and an explanation per
//! question, about 430 bytes each, from two lists of 16 words.
//!
//! With `words`: random made-up words for prompts, answers and distractors
//! (one word in 40 with an accented letter, so that some texts take the
//! Unicode path), categories from a small set, one to five distractors, an
//! explanation in about half the questions; about 300 bytes a question. A
//! drawn question that `check` would refuse or warn about (a giveaway by its
//! form, a repeated prompt) is drawn again, so the bank is plainly valid.

use std::collections::HashSet;
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

const ONSETS: [&str; 20] = [
    "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "st",
    "tr", "gl",
];
const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ou"];
const ACCENTED: [&str; 6] = ["é", "ö", "å", "ñ", "ü", "ç"];
const CODAS: [&str; 6] = ["", "", "n", "r", "s", "l"];
const CATEGORIES: [&str; 8] = [
    "History",
    "Science",
    "Music",
    "Sport",
    "Geography",
    "Books",
    "Art",
    "Nature",
];

/// A made-up word of one to four syllables, sometimes with an accent.
fn word(rng: &mut GameRng) -> String {
    let syllables = 1 + rng.below(4);
    let accent = (rng.below(40) == 0).then(|| rng.below(syllables));
    let mut w = String::new();
    for s in 0..syllables {
        w.push_str(ONSETS[rng.below(ONSETS.len())]);
        if accent == Some(s) {
            w.push_str(ACCENTED[rng.below(ACCENTED.len())]);
        } else {
            w.push_str(VOWELS[rng.below(VOWELS.len())]);
        }
        w.push_str(CODAS[rng.below(CODAS.len())]);
    }
    w
}

/// `n` made-up words, the first capitalised when `title`.
fn words(rng: &mut GameRng, n: usize, title: bool) -> String {
    let mut out: Vec<String> = (0..n).map(|_| word(rng)).collect();
    if title && let Some(first) = out.first_mut() {
        let mut c = first.chars();
        if let Some(f) = c.next() {
            *first = f.to_uppercase().chain(c).collect();
        }
    }
    out.join(" ")
}

/// A question of random words that `check` takes without a word.
fn random_question(rng: &mut GameRng, prompts: &mut HashSet<u64>) -> Question {
    loop {
        let asks = ["Which", "What", "Who", "Where"][rng.below(4)];
        let prompt_words = 3 + rng.below(8);
        let prompt = format!("{asks} {}?", words(rng, prompt_words, false));
        let choice_words = 1 + rng.below(3);
        let answer = words(rng, choice_words, true);
        let distractors = (0..1 + rng.below(5))
            .map(|_| words(rng, choice_words, true))
            .collect();
        let explanation = if rng.below(2) == 0 {
            let n = 5 + rng.below(10);
            format!("{}.", words(rng, n, true))
        } else {
            String::new()
        };
        let q = Question {
            prompt,
            answer,
            distractors,
            category: CATEGORIES[rng.below(CATEGORIES.len())].to_owned(),
            difficulty: Difficulty::ALL[rng.below(3)],
            meta: Default::default(),
            explanation,
        };
        if whiplash_quiz::bank::question_problems(&q).is_empty()
            && whiplash_quiz::form::giveaways(&q).is_empty()
            && prompts.insert(whiplash_quiz::bank::prompt_key(&q.prompt))
        {
            return q;
        }
    }
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut rng = GameRng::from_seed(seed);
    if args.next().as_deref() == Some("words") {
        let mut prompts = HashSet::new();
        let bank = Bank {
            title: Some(format!("Random words, {count} questions")),
            questions: (0..count)
                .map(|_| random_question(&mut rng, &mut prompts))
                .collect(),
        };
        return write(&bank);
    }
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
    write(&bank)
}

fn write(bank: &Bank) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, bank).map_err(io::Error::other)?;
    writeln!(out)?;
    out.flush()
}
