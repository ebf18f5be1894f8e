//! `play`: deal a game, play it, show how it went, and save it.

use super::{
    AppError, BUILTIN_SOURCE, DEFAULT_COUNT, PlayOptions, Settle, Setup, Sources, bank_files,
    bank_title, exit, gather_with, load_bank, open_text, pool_title, save, shell_word, shown,
    source_id,
};
use crate::bank::{self, Keep, MAX_BANK_BYTES};
use crate::game::{self, Ending, Game, Player};
use crate::generate::unsettled;
use crate::history::{Asked, Mode, SavedGame, Seat};
use crate::pool::{self, Pool};
use crate::question::{Question, normalize};
use crate::record::Film;
use crate::report::Report;
use crate::rng::GameRng;
use crate::stats;
use crate::store::{
    self,
    games::{Games, GamesError, Missed},
};
use crate::ui::{self, Screen};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::Instant;

/// Deals a game for `seed` from the built-in record: generation and dealing
/// share one rng, so the seed alone decides the questions and the order of
/// their choices.
pub fn new_game(film: &Film, seed: u64, count: usize) -> Game {
    let mut rng = GameRng::from_seed(seed);
    let pool = unsettled(film, &mut rng);
    let rounds = game::deal(&pool, count, &mut rng);
    Game::new(seed, rounds)
}

/// The command that replays a game: the seed (or the daily date) and every
/// option that changes which questions are dealt.
pub fn replay_command(seed: u64, opts: &PlayOptions) -> String {
    let program = shell_word(&opts.program);
    let mut cmd = match &opts.setup {
        Setup::Daily(Some(date)) => format!("{program} play --daily --date {date}"),
        Setup::Daily(None) => format!("{program} play --daily"),
        Setup::Review => format!("{program} play --review --seed {seed}"),
        Setup::Normal | Setup::HotSeat(_) => format!("{program} play --seed {seed}"),
    };
    if opts.count != DEFAULT_COUNT {
        cmd.push_str(&format!(" --count {}", opts.count));
    }
    if let Setup::HotSeat(players) = &opts.setup {
        cmd.push_str(&format!(" --players {}", shell_word(&players.join(","))));
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

/// Shows what opening the saved games found worth saying.
fn warn_all(notes: &[String]) {
    for n in notes {
        ui::warn(n);
    }
}

/// The saved games, opened to read: `None` when there are none yet. Damage
/// found on the way is moved aside with a warning, and reads as none.
pub(crate) fn open_games() -> Result<Option<Games>, AppError> {
    let dir = store::data_dir()?;
    let (games, notes) =
        Games::open_to_read(&dir, chrono::Local::now()).map_err(AppError::Games)?;
    warn_all(&notes);
    Ok(games)
}

/// Runs `read` on the saved games; `empty` when there are none. A
/// database found damaged by the read is read again from a copy of what
/// can be read, in memory, with a warning: no file is moved.
pub(crate) fn read_games<T>(
    empty: T,
    read: impl Fn(&Games) -> Result<T, GamesError>,
) -> Result<T, AppError> {
    let Some(games) = open_games()? else {
        return Ok(empty);
    };
    match read(&games) {
        Ok(v) => Ok(v),
        Err(e) if Games::is_damage(&e) => {
            let (copy, note) = games.salvaged().map_err(|_| AppError::Games(e))?;
            ui::warn(&note);
            read(&copy).map_err(AppError::Games)
        }
        Err(e) => Err(AppError::Games(e)),
    }
}

/// The missed questions to practise, from sources still available: the
/// built-in film always, a record or bank file while it still exists (a
/// bank's current wording of the question is used). Each must pass the
/// bank rules; one that does not is skipped, with a note. `None` if there
/// are none.
pub(crate) fn review_pool(misses: Vec<Missed>, notes: &mut Vec<String>) -> Option<Pool> {
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
        let Some(q) = question else { continue };
        let problems = bank::question_problems(&q);
        if !problems.is_empty() {
            notes.push(format!(
                "a saved question was skipped: {}: {}",
                bank::quoted(&q.prompt),
                problems.join("; ")
            ));
            continue;
        }
        parts.push((source, vec![q]));
    }
    let (pool, _) = pool::merge(parts);
    (!pool.is_empty()).then_some(pool)
}

/// Banks to deal from without keeping their questions: each bank's text,
/// and where each question of the merged pool is in it.
struct Streamed {
    title: String,
    /// Each bank's file, open, to read the questions dealt from it.
    files: Vec<File>,
    /// Each bank's source id and categories.
    banks: Vec<(String, Vec<(String, usize)>)>,
    /// The bank and place of each question, in merge order, repeated
    /// prompts dropped.
    entries: Vec<(u32, bank::Entry)>,
    dropped: usize,
}

/// The banks of `sources` checked and indexed in one pass over each file,
/// a window at a time, keeping only where their questions are: no file is
/// held whole. `None` unless banks alone are the source and each is
/// plainly valid (no warnings) and read without a fault: the caller then
/// gathers the whole pool, which words every problem and warning.
fn stream_banks(sources: &Sources) -> Result<Option<Streamed>, AppError> {
    if sources.record.is_some() || sources.banks.is_empty() {
        return Ok(None);
    }
    let mut titles = Vec::new();
    let mut streamed = Streamed {
        title: String::new(),
        files: Vec::new(),
        banks: Vec::new(),
        entries: Vec::new(),
        dropped: 0,
    };
    // Prompts seen, by hash; only needed once there is a second bank.
    let mut seen: HashSet<u64> = HashSet::new();
    for arg in &sources.banks {
        for path in bank_files(arg)? {
            let Ok((file, _)) = open_text(&path, MAX_BANK_BYTES) else {
                return Ok(None);
            };
            let Ok(Some((loaded, entries))) =
                bank::plain_stream((&file).take(MAX_BANK_BYTES + 1), Keep::Spans)
            else {
                return Ok(None);
            };
            let b = streamed.files.len() as u32;
            if b == 1 {
                seen.extend(streamed.entries.iter().map(|(_, e)| e.prompt));
            }
            streamed.entries.reserve(entries.len());
            for e in entries {
                if b == 0 || seen.insert(e.prompt) {
                    streamed.entries.push((b, e));
                } else {
                    streamed.dropped += 1;
                }
            }
            titles.push(bank_title(&loaded, &path));
            streamed
                .banks
                .push((source_id("bank", &path), loaded.categories));
            streamed.files.push(file);
        }
    }
    streamed.title = pool_title(&titles);
    Ok(Some(streamed))
}

/// The question at `entry` of `file`, read from its span alone; `None` if
/// the file cannot be read there or no longer holds it.
fn question_in(file: &File, entry: &bank::Entry) -> Option<Question> {
    let mut file = file;
    file.seek(SeekFrom::Start(entry.start.into())).ok()?;
    let mut bytes = vec![0; entry.end.checked_sub(entry.start)? as usize];
    file.read_exact(&mut bytes).ok()?;
    bank::question_from(&bytes)
}

impl Streamed {
    /// Filters and deals as [`Pool`] and [`game::deal`] would from the
    /// whole pool (the same game for a seed), reading only the questions
    /// the planner looks at. Returns a pool of the dealt questions alone,
    /// each round's `origin` pointing into it.
    fn deal(
        &self,
        filter: &pool::Filter,
        count: usize,
        rng: &mut GameRng,
    ) -> Result<(Pool, Vec<game::Round>), AppError> {
        let kept = filter.positions(|| {
            self.entries.iter().map(|(b, e)| {
                let (name, _) = &self.banks[*b as usize].1[e.category as usize];
                (name.as_str(), e.difficulty)
            })
        })?;
        let question = |k: usize| {
            let (b, e) = &self.entries[kept[k]];
            // The file was read a moment ago and reads the same way; were
            // it not to, the question would be skipped, never a panic.
            question_in(&self.files[*b as usize], e).map(Cow::Owned)
        };
        let mut rounds = game::deal_lazy(kept.len(), question, count, rng);
        let mut pool = Pool::default();
        for (at, round) in rounds.iter_mut().enumerate() {
            let (b, _) = self.entries[kept[round.origin]];
            pool.questions.push(round.question.clone());
            pool.sources.push(self.banks[b as usize].0.clone());
            round.origin = at;
        }
        Ok((pool, rounds))
    }
}

/// What was played, as a saved game: one seat, or one per hot-seat player.
fn saved_game(game: &Game, pool: &Pool, mode: Mode, day: NaiveDate, ending: Ending) -> SavedGame {
    let source_of = |i: usize| pool.sources[game.rounds[i].origin].clone();
    let sources = super::distinct((0..game.answers.len()).map(source_of));
    let seats = (0..game.seats())
        .map(|p| {
            let mine: Vec<usize> = (0..game.answers.len())
                .filter(|&i| game.player_of(i) == p)
                .collect();
            let (correct, total) = game.player_tally(p);
            Seat {
                name: game.players.get(p).cloned(),
                score: game.player_score(p),
                correct,
                total,
                best_streak: mine
                    .iter()
                    .map(|&i| game.answers[i].streak)
                    .max()
                    .unwrap_or(0),
                answers: mine
                    .iter()
                    .map(|&i| Asked {
                        source: source_of(i),
                        question: game.rounds[i].question.clone(),
                        known: true,
                        correct: game.answers[i].correct,
                    })
                    .collect(),
            }
        })
        .collect();
    SavedGame {
        ended: chrono::Local::now().to_rfc3339(),
        day: day.format("%Y-%m-%d").to_string(),
        seed: game.seed,
        mode,
        finished: ending == Ending::Finished,
        sources,
        seats,
    }
}

/// The mode a game is played in: a daily challenge already played that
/// day is practice.
fn mode_of(setup: &Setup) -> Mode {
    match setup {
        Setup::Daily(Some(date)) => {
            let day = date.format("%Y-%m-%d").to_string();
            let played = store::data_dir().ok().is_some_and(|dir| {
                Games::path_in(&dir).exists()
                    && matches!(
                        Games::open_to_read(&dir, chrono::Local::now()),
                        Ok((Some(g), _)) if g.daily_played(&day).unwrap_or(false)
                    )
            });
            if played { Mode::Practice } else { Mode::Daily }
        }
        setup => setup.mode(),
    }
}

/// The mode a game that ended this way is saved under, or `None` when it
/// is not saved. A finished game always is. One stopped with `q`, Esc or
/// the end of input is when practice or review (exercises, not contests)
/// and something was answered. One interrupted (Ctrl-C, a termination, a
/// hang-up) is whenever something was answered: nothing the player did is
/// lost. Only a finished game counts as the day's challenge, so an
/// interrupted one is saved as practice.
fn kept_as(mode: Mode, ending: Ending, answered: usize) -> Option<Mode> {
    match ending {
        Ending::Finished => Some(mode),
        Ending::Stopped if mode.saves_when_stopped() && answered > 0 => Some(mode),
        Ending::Interrupted if answered > 0 => Some(match mode {
            Mode::Daily => Mode::Practice,
            mode => mode,
        }),
        Ending::Stopped | Ending::Interrupted => None,
    }
}

/// `play`: deals a game, plays it, prints the summary (and the report), and
/// saves it.
pub fn play(opts: &PlayOptions) -> Result<i32, AppError> {
    // A signal before the game starts ends the program at once, the
    // terminal put back; during the game it stops the game, which is saved.
    ui::install_signal_handlers();
    // Warnings from here on are shown on the game's first screen too.
    let _ = ui::take_warnings();
    let today = chrono::Local::now().date_naive();
    let with_today;
    let opts = if opts.setup == Setup::Daily(None) {
        with_today = PlayOptions {
            setup: Setup::Daily(Some(today)),
            ..opts.clone()
        };
        &with_today
    } else {
        opts
    };
    let mode = mode_of(&opts.setup);
    let daily = opts.setup.daily();
    let day = daily.unwrap_or(today);
    let seed = match daily {
        Some(date) => stats::daily_seed(date),
        None => opts.seed.unwrap_or_else(super::fresh_seed),
    };
    let mut rng = GameRng::from_seed(seed);
    let mut screen = Screen::new(opts.json);
    let players = opts.setup.players();
    let seats = players.len().max(1);
    let wanted = opts.count * seats;
    let streamed = match mode {
        Mode::Review => None,
        _ => stream_banks(&opts.sources)?,
    };
    let (title, pool, repeats, rounds) = if let Some(banks) = streamed {
        let (pool, rounds) = banks.deal(&opts.filter, wanted, &mut rng)?;
        (banks.title, pool, banks.dropped, rounds)
    } else {
        let (title, pool, repeats) = if mode == Mode::Review {
            let mut notes = Vec::new();
            let misses = read_games(Vec::new(), Games::misses)?;
            let found = review_pool(misses, &mut notes);
            warn_all(&notes);
            match found {
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
            // A filter's message counts what there is, so it needs every
            // question settled; without one, only those dealt are.
            let settle = if opts.filter.is_empty() {
                Settle::OnDeal
            } else {
                Settle::Now
            };
            gather_with(&opts.sources, &mut rng, settle)?
        };
        let pool = opts.filter.apply(pool)?;
        let rounds = game::deal(&pool.questions, wanted, &mut rng);
        (title, pool, repeats, rounds)
    };
    let interactive = !opts.plain && ui::is_interactive();
    // The timer needs key-level input; typed lines are untimed.
    let timer = opts.timer.filter(|_| interactive);
    let mut game = Game::new(seed, rounds)
        .with_players(players.to_vec())
        .with_timer(timer);
    screen.intro(&title, seed, game.rounds.len())?;
    if let Some(date) = daily {
        screen.daily(date)?;
        if mode == Mode::Practice {
            screen.practice()?;
        }
    }
    if !game.players.is_empty() {
        screen.players(&game.players, game.rounds.len() / seats)?;
    }
    if repeats > 0 {
        screen.repeats(repeats)?;
    }
    // Review deals every miss there is; only a count that was asked for
    // and cannot be met is worth a word.
    if game.rounds.len() < wanted && mode != Mode::Review {
        screen.short_of_questions(wanted, game.rounds.len())?;
    }
    match (opts.timer, timer) {
        (Some(_), None) => screen.timer_ignored()?,
        (_, Some(limit)) => screen.timed(limit)?,
        _ => {}
    }
    // In a terminal the game's screens would hide what was said before
    // it: its first screen shows it again.
    let notices = screen.take_notices();
    let mut player: Box<dyn Player> = ui::player(interactive, opts.json, opts.bell, notices);
    let started = Instant::now();
    // From here a signal (or Ctrl-C) stops the game rather than the
    // program: what was answered is saved, then the program exits.
    let listening = ui::listen_for_stop();
    let ending = match game::play(&mut game, player.as_mut()) {
        Ok(ending) => ending,
        // A terminal that hangs up fails reads and writes around the time
        // its SIGHUP comes: the game is stopped, not failed.
        Err(_) if ui::stop_soon() => Ending::Interrupted,
        Err(e) => return Err(e.into()),
    };
    drop(player);
    let kept = kept_as(mode, ending, game.answers.len()).filter(|_| !opts.no_save);
    if ending == Ending::Interrupted {
        // Saved first: the terminal may be gone, and nothing said after
        // an interrupt is worth losing the game for.
        if let Some(mode) = kept {
            save(&saved_game(&game, &pool, mode, day, ending));
        }
        let _ = screen.interrupted(&game);
        return Ok(listening.finish().unwrap_or(exit::INTERRUPTED));
    }
    let replay = replay_command(seed, opts);
    let marks: Vec<bool> = game.answers.iter().map(|a| a.correct).collect();
    // A result to share is a whole game: a stopped one would look finished.
    // Only the day's first finished game is shared: replays are practice.
    let counted_daily = daily.filter(|_| mode == Mode::Daily);
    let share = match (counted_daily, ending) {
        (Some(date), Ending::Finished) => Some((date, marks.as_slice())),
        _ => None,
    };
    let shown = screen.ending(&game, ending, started.elapsed(), &replay, share);
    // Saved even when the ending could not be shown (a reader gone, a
    // terminal hung up).
    if let Some(mode) = kept {
        save(&saved_game(&game, &pool, mode, day, ending));
    }
    // A signal that came after the last answer: the game is saved, and
    // the program ends as the signal asks, with no report.
    if let Some(status) = listening.finish() {
        return Ok(status);
    }
    shown?;
    if opts.json {
        let mut report = Report::of(&game);
        report.mode = mode;
        report.share = counted_daily.map(|d| stats::share_line(d, &marks, true));
        ui::emit(&report.to_json())?;
    }
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::gather;
    use crate::pool::Filter;
    use crate::question::{Bank, Difficulty, Question};

    fn bank(prefix: &str, n: usize, shared: &[&str]) -> String {
        let mut questions: Vec<Question> = (0..n)
            .map(|i| Question {
                prompt: format!("{prefix} question number {i}?"),
                answer: format!("violin {i}"),
                distractors: vec![format!("piano {i}"), format!("harp {i}")],
                category: ["Jazz", "rock", "JAZZ"][i % 3].into(),
                difficulty: Difficulty::ALL[i % 3],
                explanation: format!("Said \"so\" \\ {i}."),
                meta: Default::default(),
            })
            .collect();
        for (i, p) in shared.iter().enumerate() {
            questions[i].prompt = (*p).to_owned();
        }
        serde_json::to_string_pretty(&Bank {
            title: Some(prefix.into()),
            questions,
        })
        .unwrap()
    }

    /// Banks dealt from their spans give the very game the whole pool
    /// gives, for every seed, filter and merge of repeated prompts.
    #[test]
    fn streamed_banks_deal_what_the_whole_pool_deals() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.json");
        let b = dir.path().join("b.json");
        std::fs::write(&a, bank("First", 40, &["Same?", "Twice?"])).unwrap();
        std::fs::write(&b, bank("Second", 30, &["  SAME? ", "Twice?"])).unwrap();
        let sources = Sources {
            banks: vec![a, b],
            record: None,
        };
        let filters = [
            Filter::default(),
            Filter {
                categories: vec!["jazz".into()],
                difficulty: None,
            },
            Filter {
                categories: vec![],
                difficulty: Some(Difficulty::Hard),
            },
        ];
        for filter in &filters {
            for seed in 0..15 {
                let streamed = stream_banks(&sources).unwrap().expect("plainly valid");
                assert_eq!(streamed.dropped, 2);
                let mut rng = GameRng::from_seed(seed);
                let (pool, rounds) = streamed.deal(filter, 8, &mut rng).unwrap();
                let mut rng = GameRng::from_seed(seed);
                let (title, whole, dropped) = gather(&sources, &mut rng).unwrap();
                assert_eq!((title, dropped), (streamed.title.clone(), 2));
                let whole = filter.apply(whole).unwrap();
                let expected = game::deal(&whole.questions, 8, &mut rng);
                assert_eq!(rounds.len(), expected.len());
                for (k, (r, e)) in rounds.iter().zip(&expected).enumerate() {
                    assert_eq!(
                        (&r.question, &r.choices, r.answer),
                        (&e.question, &e.choices, e.answer)
                    );
                    assert_eq!(r.origin, k);
                    assert_eq!(pool.questions[k], e.question);
                    assert_eq!(pool.sources[k], whole.sources[e.origin]);
                }
            }
        }
        // A filter that matches nothing says so as the whole pool would.
        let none = Filter {
            categories: vec!["polka".into()],
            difficulty: None,
        };
        let streamed = stream_banks(&sources).unwrap().unwrap();
        let err = streamed
            .deal(&none, 8, &mut GameRng::from_seed(1))
            .unwrap_err()
            .to_string();
        let (_, whole, _) = gather(&sources, &mut GameRng::from_seed(1)).unwrap();
        assert_eq!(
            err,
            AppError::from(none.apply(whole).unwrap_err()).to_string()
        );
    }

    /// What each ending keeps: nothing an interrupt stopped is lost, and
    /// only a finished game counts as the day's challenge.
    #[test]
    fn what_each_ending_saves() {
        use Ending::{Finished, Interrupted, Stopped};
        for mode in Mode::ALL {
            assert_eq!(kept_as(mode, Finished, 3), Some(mode));
            assert_eq!(kept_as(mode, Interrupted, 0), None, "{mode:?}");
            assert_eq!(kept_as(mode, Stopped, 0), None, "{mode:?}");
        }
        for mode in [Mode::Normal, Mode::Review, Mode::HotSeat, Mode::Practice] {
            assert_eq!(kept_as(mode, Interrupted, 2), Some(mode));
        }
        assert_eq!(kept_as(Mode::Daily, Interrupted, 2), Some(Mode::Practice));
        assert_eq!(kept_as(Mode::Review, Stopped, 2), Some(Mode::Review));
        assert_eq!(kept_as(Mode::Practice, Stopped, 2), Some(Mode::Practice));
        for mode in [Mode::Normal, Mode::Daily, Mode::HotSeat] {
            assert_eq!(kept_as(mode, Stopped, 2), None, "{mode:?}");
        }
    }

    /// The replay command follows the setup.
    #[test]
    fn the_replay_command_names_the_setup() {
        let opts = |setup: Setup| PlayOptions {
            seed: None,
            count: DEFAULT_COUNT,
            plain: false,
            json: false,
            sources: Sources::default(),
            filter: Filter::default(),
            no_save: false,
            setup,
            timer: None,
            bell: false,
            program: "q".into(),
        };
        let date = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let players = vec!["Ana".to_owned(), "Ben Ode".to_owned()];
        assert_eq!(replay_command(7, &opts(Setup::Normal)), "q play --seed 7");
        assert_eq!(
            replay_command(7, &opts(Setup::Daily(Some(date)))),
            "q play --daily --date 2026-11-29"
        );
        assert_eq!(
            replay_command(7, &opts(Setup::Review)),
            "q play --review --seed 7"
        );
        assert_eq!(
            replay_command(7, &opts(Setup::HotSeat(players))),
            "q play --seed 7 --players 'Ana,Ben Ode'"
        );
    }

    /// A bank with a warning is not streamed: the whole pool words it.
    #[test]
    fn a_bank_with_a_warning_is_left_to_the_whole_pool() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.json");
        std::fs::write(&a, bank("First", 5, &["Same?", "same?"])).unwrap();
        let sources = Sources {
            banks: vec![a],
            record: None,
        };
        assert!(stream_banks(&sources).unwrap().is_none());
    }
}
