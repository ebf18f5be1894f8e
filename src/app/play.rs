//! `play`: deal a game, play it, show how it went, and save it.

use super::{
    AppError, BUILTIN_SOURCE, DEFAULT_COUNT, PlayOptions, exit, gather, load_bank, shell_word,
    shown,
};
use crate::bank::Keep;
use crate::game::{self, Ending, Game, Player};
use crate::generate::generate;
use crate::history::{Asked, Entry, FORMAT, Log, Missed, Mode};
use crate::pool::{self, Pool};
use crate::question::normalize;
use crate::record::Film;
use crate::report::Report;
use crate::rng::{self, GameRng};
use crate::stats;
use crate::store;
use crate::ui::{self, Screen};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// Deals a game for `seed` from the built-in record: generation and dealing
/// share one rng, so the seed alone decides the questions and the order of
/// their choices.
pub fn new_game(film: &Film, seed: u64, count: usize) -> Game {
    let mut rng = GameRng::from_seed(seed);
    let pool = generate(film, &mut rng);
    let rounds = game::deal(&pool, count, &mut rng);
    Game::new(seed, rounds)
}

/// The command that replays a game: the seed (or the daily date) and every
/// option that changes which questions are dealt.
pub fn replay_command(seed: u64, opts: &PlayOptions) -> String {
    let program = shell_word(&opts.program);
    let mut cmd = match (opts.daily, opts.review) {
        (Some(date), _) => format!("{program} play --daily --date {date}"),
        (None, true) => format!("{program} play --review --seed {seed}"),
        (None, false) => format!("{program} play --seed {seed}"),
    };
    if opts.count != DEFAULT_COUNT {
        cmd.push_str(&format!(" --count {}", opts.count));
    }
    if !opts.players.is_empty() {
        cmd.push_str(&format!(
            " --players {}",
            shell_word(&opts.players.join(","))
        ));
    }
    if let Some(record) = &opts.sources.record {
        cmd.push_str(&format!(" --record {}", shell_word(&shown(record))));
    }
    for bank in &opts.sources.banks {
        cmd.push_str(&format!(" --bank {}", shell_word(&shown(bank))));
    }
    for category in &opts.filter.categories {
        cmd.push_str(&format!(" --category {}", shell_word(category)));
    }
    if let Some(d) = opts.filter.difficulty {
        cmd.push_str(&format!(" --difficulty {d}"));
    }
    if let Some(t) = opts.timer {
        cmd.push_str(&format!(" --timer {}", t.as_secs()));
    }
    cmd
}

/// The saved games, or none (with a warning) when they cannot be read.
/// A damaged log is moved aside, with a warning, and counts as empty.
pub(crate) fn saved_games() -> Vec<Entry> {
    let dir = match store::data_dir() {
        Ok(dir) => dir,
        Err(e) => {
            ui::warn(&format!("cannot read your saved games: {e}"));
            return Vec::new();
        }
    };
    match Log::in_dir(&dir).load() {
        Ok((entries, damage)) => {
            if let Some(d) = damage {
                ui::warn(&d.to_string());
            }
            entries
        }
        Err(e) => {
            ui::warn(&format!("cannot read your saved games: {e}"));
            Vec::new()
        }
    }
}

/// The missed questions to practise, from sources still available: the
/// built-in film always, a record or bank file while it still exists (a
/// bank's current wording of the question is used). `None` if there are
/// none.
pub(crate) fn review_pool(saved: &[Entry]) -> Option<Pool> {
    let misses = stats::outstanding_misses(saved);
    let mut banks: HashMap<String, Option<HashMap<String, crate::question::Question>>> =
        HashMap::new();
    let mut parts: Vec<(String, Vec<crate::question::Question>)> = Vec::new();
    for Missed { source, question } in misses {
        let question = if source == BUILTIN_SOURCE {
            Some(question)
        } else if let Some(path) = source.strip_prefix("record:") {
            Path::new(path).is_file().then_some(question)
        } else if let Some(path) = source.strip_prefix("bank:") {
            let current = banks.entry(source.clone()).or_insert_with(|| {
                load_bank(Path::new(path), Keep::Questions).ok().map(|b| {
                    b.questions
                        .into_iter()
                        .map(|q| (normalize(&q.prompt), q))
                        .collect()
                })
            });
            current
                .as_ref()
                .and_then(|qs| qs.get(&normalize(&question.prompt)).cloned())
        } else {
            None
        };
        if let Some(q) = question {
            parts.push((source, vec![q]));
        }
    }
    let (pool, _) = pool::merge(parts);
    (!pool.is_empty()).then_some(pool)
}

/// What was played, as saved games: one entry, or one per hot-seat player.
fn entries(game: &Game, pool: &Pool, mode: Mode, day: NaiveDate) -> Vec<Entry> {
    let date = chrono::Local::now().to_rfc3339();
    let source_of = |i: usize| pool.sources[game.rounds[i].origin].clone();
    let mut sources: Vec<String> = Vec::new();
    for i in 0..game.rounds.len() {
        let s = source_of(i);
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    (0..game.seats())
        .map(|p| {
            let mine: Vec<usize> = (0..game.answers.len())
                .filter(|&i| game.player_of(i) == p)
                .collect();
            let (correct, total) = game.player_tally(p);
            Entry {
                v: FORMAT,
                date: date.clone(),
                day: day.format("%Y-%m-%d").to_string(),
                seed: game.seed,
                mode,
                source: sources.clone(),
                player: game.players.get(p).cloned(),
                score: game.player_score(p),
                correct,
                total,
                best_streak: mine
                    .iter()
                    .map(|&i| game.answers[i].streak)
                    .max()
                    .unwrap_or(0),
                missed: mine
                    .iter()
                    .filter(|&&i| !game.answers[i].correct)
                    .map(|&i| Missed {
                        source: source_of(i),
                        question: game.rounds[i].question.clone(),
                    })
                    .collect(),
                questions: mine
                    .iter()
                    .map(|&i| Asked {
                        source: source_of(i),
                        prompt: game.rounds[i].question.prompt.clone(),
                        category: game.rounds[i].question.category.clone(),
                        correct: game.answers[i].correct,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Saves a finished game. Never fails the game: a problem is a warning.
fn save(entries: &[Entry]) {
    let dir = match store::data_dir() {
        Ok(dir) => dir,
        Err(e) => {
            ui::warn(&format!("your score was not saved: {e}"));
            return;
        }
    };
    let log = Log::in_dir(&dir);
    match log.append(entries) {
        Ok(None) => {}
        Ok(Some(damage)) => ui::warn(&damage.to_string()),
        Err(e) => ui::warn(&format!(
            "your score was not saved: {}: {e}",
            log.path().display()
        )),
    }
}

/// `play`: deals a game, plays it, prints the summary (and the report), and
/// saves it.
pub fn play(opts: &PlayOptions) -> Result<i32, AppError> {
    let mode = match (opts.review, opts.daily) {
        (true, _) => Mode::Review,
        (false, Some(_)) => Mode::Daily,
        (false, None) => Mode::Normal,
    };
    let today = chrono::Local::now().date_naive();
    let day = opts.daily.unwrap_or(today);
    let seed = match opts.daily {
        Some(date) => stats::daily_seed(date),
        None => opts.seed.unwrap_or_else(rng::fresh_seed),
    };
    let mut rng = GameRng::from_seed(seed);
    let mut screen = Screen::new(opts.json);
    let (title, pool, repeats) = if opts.review {
        match review_pool(&saved_games()) {
            Some(pool) => ("Review".to_owned(), pool, 0),
            None => {
                screen.nothing_to_review()?;
                if opts.json {
                    ui::emit(&Report::of(&Game::new(seed, Vec::new())).to_json())?;
                }
                return Ok(exit::OK);
            }
        }
    } else {
        gather(&opts.sources, &mut rng)?
    };
    let pool = opts.filter.apply(pool)?;
    let seats = opts.players.len().max(1);
    let wanted = opts.count * seats;
    let rounds = game::deal(&pool.questions, wanted, &mut rng);
    let interactive = !opts.plain && ui::is_interactive();
    // The timer needs key-level input; typed lines are untimed.
    let timer = opts.timer.filter(|_| interactive);
    let mut game = Game::new(seed, rounds)
        .with_players(opts.players.clone())
        .with_timer(timer);
    screen.intro(&title, seed, game.rounds.len())?;
    if let Some(date) = opts.daily {
        screen.daily(date)?;
    }
    if !game.players.is_empty() {
        screen.players(&game.players, game.rounds.len() / seats)?;
    }
    if repeats > 0 {
        screen.repeats(repeats)?;
    }
    // Review deals every miss there is; only a count that was asked for
    // and cannot be met is worth a word.
    if game.rounds.len() < wanted && !opts.review {
        screen.short_of_questions(wanted, game.rounds.len())?;
    }
    match (opts.timer, timer) {
        (Some(_), None) => screen.timer_ignored()?,
        (_, Some(limit)) => screen.timed(limit)?,
        _ => {}
    }
    if interactive {
        ui::install_interrupt_handler();
    }
    let mut player: Box<dyn Player> = ui::player(interactive, opts.json, opts.bell);
    let started = Instant::now();
    let ending = game::play(&mut game, player.as_mut())?;
    let replay = replay_command(seed, opts);
    let marks: Vec<bool> = game.answers.iter().map(|a| a.correct).collect();
    // A result to share is a whole game: a stopped one would look finished.
    let share = match (opts.daily, ending) {
        (Some(date), Ending::Finished) => Some((date, marks.as_slice())),
        _ => None,
    };
    screen.ending(&game, ending, started.elapsed(), &replay, share)?;
    if ending == Ending::Finished && !opts.no_save {
        save(&entries(&game, &pool, mode, day));
    }
    if opts.json {
        let mut report = Report::of(&game);
        report.share = opts.daily.map(|d| stats::share_line(d, &marks, true));
        ui::emit(&report.to_json())?;
    }
    Ok(exit::OK)
}
