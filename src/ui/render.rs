//! The text of a game: the question header, the feedback after an answer,
//! the scoreboard, the review of misses and the summary.

use super::*;

/// `Question 3/10 · score 450 · streak 2 · awards · hard` and the prompt.
pub fn question_header(p: Painter, turn: &Turn<'_>) -> String {
    let q = &turn.round.question;
    let whose = match turn.player {
        Some(name) => format!(
            "\n{}",
            p.accent(&format!("{}, your turn.", escape_controls(name)))
        ),
        None => String::new(),
    };
    format!(
        "{whose}\n{} {}\n{}\n",
        p.bold(&format!("Question {}/{}", turn.number, turn.total)),
        p.dim(&format!(
            "· score {} · streak {} · {} · {}",
            turn.score,
            turn.streak,
            escape_controls(&q.category),
            q.difficulty,
        )),
        p.bold(&escape_controls(&q.prompt)),
    )
}

/// What the player sees after answering.
pub fn feedback(p: Painter, turn: &Turn<'_>, answer: &Answer, game: &Game) -> String {
    let round = turn.round;
    let right = escape_controls(&round.choices[round.answer]).into_owned();
    let mut s = if answer.correct {
        let streak = if answer.streak >= 2 {
            format!(", streak {}", answer.streak)
        } else {
            String::new()
        };
        let half = if answer.fifty_fifty.is_some() {
            " (half points after the 50:50)"
        } else {
            ""
        };
        let speed = if answer.speed_bonus > 0 {
            format!(" (+{} for speed)", answer.speed_bonus)
        } else {
            String::new()
        };
        format!(
            "{} +{} points{half}{speed}{streak}\n",
            p.good("Right!"),
            answer.points
        )
    } else if answer.timed_out {
        format!(
            "{} The answer is: {}\n",
            p.bad("Time's up!"),
            p.bold(&right)
        )
    } else {
        format!("{} The answer is: {}\n", p.bad("Wrong."), p.bold(&right))
    };
    if !round.question.explanation.is_empty() {
        s.push_str(&format!(
            "{}\n",
            escape_controls(&round.question.explanation)
        ));
    }
    let seat = game.player_of(turn.index);
    if game.player_flawless(seat) {
        s.push_str(&format!(
            "{}\n",
            p.good(&format!(
                "Flawless! +{} bonus",
                crate::score::flawless_bonus(game.rounds_of(seat))
            ))
        ));
    }
    let (right, answered) = game.player_tally(seat);
    let line = match turn.player {
        Some(name) => format!(
            "{}: score {} · {right}/{answered} right",
            escape_controls(name),
            turn.score
        ),
        None => format!("Score {} · {right}/{answered} right", turn.score),
    };
    s.push_str(&p.dim(&line));
    s.push('\n');
    s
}

fn duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs >= 60 {
        format!("{}m {:02}s", secs / 60, secs % 60)
    } else {
        format!("{secs}s")
    }
}

/// The hot-seat scoreboard, best first, and who won.
pub(super) fn scoreboard(p: Painter, game: &Game) -> String {
    let mut rows: Vec<(usize, u32)> = (0..game.players.len())
        .map(|i| (i, game.player_score(i)))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let width = game
        .players
        .iter()
        .map(|n| escape_controls(n).chars().count())
        .max()
        .unwrap_or(0);
    let mut s = format!("\n{}\n", p.bold("Scoreboard"));
    let ranks = crate::report::player_ranks(game);
    for &(i, score) in &rows {
        let (correct, answered) = game.player_tally(i);
        let name = escape_controls(&game.players[i]).into_owned();
        let flawless = if game.player_flawless(i) {
            format!(
                " · flawless, +{} bonus",
                crate::score::flawless_bonus(game.rounds_of(i))
            )
        } else {
            String::new()
        };
        s.push_str(&format!(
            "{}. {name:<width$}  {score:>6}  {correct}/{answered} right{flawless}\n",
            ranks[i]
        ));
    }
    let best = rows[0].1;
    let winners: Vec<String> = rows
        .iter()
        .filter(|r| r.1 == best)
        .map(|r| escape_controls(&game.players[r.0]).into_owned())
        .collect();
    if winners.len() == 1 {
        s.push_str(&format!("{}\n", p.good(&format!("{} wins!", winners[0]))));
    } else {
        s.push_str(&format!(
            "{}\n",
            p.good(&format!(
                "A tie between {}.",
                crate::format::and_list(&winners)
            ))
        ));
    }
    s
}

/// The review of missed questions and, in hot-seat, the scoreboard: what
/// comes before the summary.
pub fn review(p: Painter, game: &Game) -> String {
    let mut s = String::new();
    let misses: Vec<_> = game.misses().collect();
    if !misses.is_empty() {
        s.push_str(&format!("\n{}\n", p.bold("Review of missed questions")));
        for (i, round, answer) in misses {
            let (number, who) = match game.players.get(game.player_of(i)) {
                // Each player's questions are numbered on their own.
                Some(name) => (
                    i / game.seats() + 1,
                    format!(" ({})", escape_controls(name)),
                ),
                None => (i + 1, String::new()),
            };
            let said = match answer.choice() {
                Some(c) => p.bad(&escape_controls(&round.choices[c])),
                None => p.bad("nothing: time ran out"),
            };
            // The lines under a question line up with its text, after
            // "9. " or "10. " alike.
            let pad = " ".repeat(number.to_string().len() + 2);
            s.push_str(&format!(
                "{number}. {}{who}\n{pad}You said: {said}\n{pad}Answer:   {}\n",
                escape_controls(&round.question.prompt),
                p.good(&escape_controls(&round.choices[round.answer])),
            ));
            if !round.question.explanation.is_empty() {
                s.push_str(&format!(
                    "{pad}{}\n",
                    escape_controls(&round.question.explanation)
                ));
            }
        }
    }
    if !game.players.is_empty() {
        s.push_str(&scoreboard(p, game));
    }
    s
}

/// What is said after a game interrupted by Ctrl-C or a signal: where
/// it stopped, and nothing more (no tally that would read as finished).
pub fn interrupted(game: &Game) -> String {
    format!(
        "\nGame interrupted after {} of {} questions.\n",
        game.answers.len(),
        game.rounds.len()
    )
}

/// The end-of-game summary: the last lines of a game.
pub fn summary(p: Painter, game: &Game, ending: Ending, elapsed: Duration) -> String {
    let answered = game.answers.len();
    let mut s = String::from("\n");
    match ending {
        Ending::Stopped => s.push_str(&format!(
            "Game stopped after {answered} of {} questions.\n",
            game.rounds.len()
        )),
        Ending::Interrupted => s.push_str(&interrupted(game)[1..]),
        Ending::Finished => {}
    }
    let tally = format!("{}/{}", game.correct(), answered);
    if !game.players.is_empty() {
        // Rivals' tallies are in the scoreboard; a sum means nothing.
        s.push_str(&format!(
            "{} {} questions answered · time {}\n",
            p.bold("Game over."),
            answered,
            duration(elapsed)
        ));
    } else if game.flawless() {
        s.push_str(&format!(
            "{} {} right · score {} (with a flawless bonus of +{}) · best streak {} · time {}\n",
            p.good("Flawless!"),
            p.bold(&tally),
            p.bold(&game.score().to_string()),
            crate::score::flawless_bonus(game.rounds.len()),
            game.best_streak(),
            duration(elapsed),
        ));
    } else {
        s.push_str(&format!(
            "{} {} right · score {} · best streak {} · time {}\n",
            p.bold("Game over."),
            p.bold(&tally),
            p.bold(&game.score().to_string()),
            game.best_streak(),
            duration(elapsed),
        ));
    }
    s
}
