//! The scoring rule.
//!
//! - A right answer is worth 100 (easy), 200 (medium) or 300 (hard) points.
//! - A streak adds 25 points for each right answer in a row before this one,
//!   up to 100 (so the fifth right answer in a row and later earn +100).
//! - A wrong answer scores nothing and ends the streak.
//! - A right answer given after a 50:50 earns half the base points (50, 100
//!   or 150) plus the streak bonus.
//! - In a timed game (`--timer`), a right answer also earns a speed bonus:
//!   50 points times the share of the time still left when it was given,
//!   rounded down (an answer in the first tenth of the time earns 45 or
//!   more; one given at the buzzer, nothing). The timer running out is a
//!   miss.
//! - A flawless game (every question answered, all right) earns a bonus of
//!   300 points per question, so it outscores any game of the same length
//!   with a miss, whatever the difficulties.

use crate::question::Difficulty;
use std::time::Duration;

/// The most a speed bonus is worth.
pub const MAX_SPEED_BONUS: u32 = 50;

/// The speed bonus for a right answer given `taken` into a `limit`.
pub fn speed_bonus(taken: Duration, limit: Duration) -> u32 {
    if limit.is_zero() || taken >= limit {
        return 0;
    }
    let left = (limit - taken).as_millis();
    (u128::from(MAX_SPEED_BONUS) * left / limit.as_millis().max(1)) as u32
}

/// Points for a right answer of this difficulty.
pub fn base(difficulty: Difficulty) -> u32 {
    match difficulty {
        Difficulty::Easy => 100,
        Difficulty::Medium => 200,
        Difficulty::Hard => 300,
    }
}

/// The streak bonus for a right answer that makes a run of `streak` (1 for
/// the first right answer after a miss).
pub fn streak_bonus(streak: u32) -> u32 {
    25 * streak.saturating_sub(1).min(4)
}

/// Points for one answer, given the streak it makes (0 if wrong) and
/// whether a 50:50 was used on it.
pub fn points(difficulty: Difficulty, correct: bool, streak: u32, fifty_fifty: bool) -> u32 {
    if !correct {
        return 0;
    }
    let base = if fifty_fifty {
        base(difficulty) / 2
    } else {
        base(difficulty)
    };
    base + streak_bonus(streak)
}

/// One answer as the score sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scored {
    pub difficulty: Difficulty,
    pub correct: bool,
    pub fifty_fifty: bool,
    /// The speed bonus it earned (0 in an untimed game).
    pub speed_bonus: u32,
}

impl From<(Difficulty, bool)> for Scored {
    fn from((difficulty, correct): (Difficulty, bool)) -> Self {
        Scored {
            difficulty,
            correct,
            fifty_fifty: false,
            speed_bonus: 0,
        }
    }
}

/// The bonus for a flawless game of `questions` questions.
pub fn flawless_bonus(questions: usize) -> u32 {
    300 * questions as u32
}

/// The total for a sequence of answers, in order; `flawless` adds the bonus.
pub fn total(answers: &[Scored], planned: usize) -> u32 {
    let mut streak = 0;
    let mut sum = 0;
    for a in answers {
        streak = if a.correct { streak + 1 } else { 0 };
        sum += points(a.difficulty, a.correct, streak, a.fifty_fifty);
        if a.correct {
            sum += a.speed_bonus.min(MAX_SPEED_BONUS);
        }
    }
    if answers.len() == planned && planned > 0 && answers.iter().all(|a| a.correct) {
        sum += flawless_bonus(planned);
    }
    sum
}

/// Competition ranks ("1, 1, 3") of scores listed best first: equal
/// scores share a rank, and the next one skips the places they took.
pub fn ranks(scores_best_first: &[u32]) -> Vec<usize> {
    let mut ranks = Vec::with_capacity(scores_best_first.len());
    for (i, s) in scores_best_first.iter().enumerate() {
        let rank = match i {
            0 => 1,
            _ if scores_best_first[i - 1] == *s => ranks[i - 1],
            _ => i + 1,
        };
        ranks.push(rank);
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tied_scores_share_a_rank() {
        assert_eq!(ranks(&[900, 300, 300, 100]), [1, 2, 2, 4]);
        assert_eq!(ranks(&[5, 5]), [1, 1]);
        assert!(ranks(&[]).is_empty());
    }
    use proptest::prelude::*;

    fn difficulty() -> impl Strategy<Value = Difficulty> {
        prop_oneof![
            Just(Difficulty::Easy),
            Just(Difficulty::Medium),
            Just(Difficulty::Hard)
        ]
    }

    #[test]
    fn harder_questions_are_worth_more() {
        assert!(base(Difficulty::Easy) < base(Difficulty::Medium));
        assert!(base(Difficulty::Medium) < base(Difficulty::Hard));
    }

    fn s(difficulty: Difficulty, correct: bool) -> Scored {
        (difficulty, correct).into()
    }

    fn scored() -> impl Strategy<Value = Scored> {
        (
            difficulty(),
            any::<bool>(),
            any::<bool>(),
            0..=MAX_SPEED_BONUS,
        )
            .prop_map(|(difficulty, correct, fifty_fifty, speed_bonus)| Scored {
                difficulty,
                correct,
                fifty_fifty,
                speed_bonus,
            })
    }

    #[test]
    fn streaks_add_a_capped_bonus() {
        assert_eq!(streak_bonus(1), 0);
        assert_eq!(streak_bonus(2), 25);
        assert_eq!(streak_bonus(5), 100);
        assert_eq!(streak_bonus(50), 100);
        let run = [s(Difficulty::Easy, true); 3];
        // 100 + 125 + 150, no flawless bonus because 4 were planned.
        assert_eq!(total(&run, 4), 375);
        assert_eq!(total(&run, 3), 375 + 900);
    }

    #[test]
    fn a_miss_scores_nothing_and_resets_the_streak() {
        let answers = [
            s(Difficulty::Hard, true),
            s(Difficulty::Hard, false),
            s(Difficulty::Hard, true),
        ];
        assert_eq!(total(&answers, 3), 600);
    }

    #[test]
    fn a_fifty_fifty_halves_the_base_but_keeps_the_streak() {
        assert_eq!(points(Difficulty::Easy, true, 1, true), 50);
        assert_eq!(points(Difficulty::Medium, true, 1, true), 100);
        assert_eq!(points(Difficulty::Hard, true, 3, true), 150 + 50);
        assert_eq!(points(Difficulty::Hard, false, 0, true), 0);
    }

    #[test]
    fn the_speed_bonus_shrinks_with_the_time_taken() {
        let limit = Duration::from_secs(20);
        assert_eq!(speed_bonus(Duration::ZERO, limit), 50);
        assert_eq!(speed_bonus(Duration::from_secs(2), limit), 45);
        assert_eq!(speed_bonus(Duration::from_secs(10), limit), 25);
        assert_eq!(speed_bonus(Duration::from_millis(19_999), limit), 0);
        assert_eq!(speed_bonus(limit, limit), 0);
        assert_eq!(speed_bonus(Duration::from_secs(99), limit), 0);
        let run = [Scored {
            speed_bonus: 30,
            ..s(Difficulty::Easy, true)
        }];
        assert_eq!(total(&run, 2), 130);
        let missed = [Scored {
            speed_bonus: 30,
            ..s(Difficulty::Easy, false)
        }];
        assert_eq!(total(&missed, 2), 0, "a miss earns no speed bonus");
    }

    proptest! {
        /// The speed bonus never exceeds its cap and never grows with time.
        #[test]
        fn speed_bonus_is_capped_and_monotonic(
            limit in 5_000u64..=120_000,
            a in 0u64..=130_000,
            b in 0u64..=130_000,
        ) {
            let limit = Duration::from_millis(limit);
            let (early, late) = (a.min(b), a.max(b));
            let early = speed_bonus(Duration::from_millis(early), limit);
            let late = speed_bonus(Duration::from_millis(late), limit);
            prop_assert!(early <= MAX_SPEED_BONUS);
            prop_assert!(late <= early);
        }

        /// Any flawless game beats any game of the same length with a miss,
        /// whatever difficulties (and lifelines) either had.
        #[test]
        fn flawless_always_beats_imperfect(
            perfect in prop::collection::vec((difficulty(), any::<bool>()), 1..25),
            other in prop::collection::vec(scored(), 1..25),
            miss in any::<prop::sample::Index>(),
        ) {
            let n = perfect.len().min(other.len());
            let flawless: Vec<_> = perfect[..n]
                .iter()
                .map(|&(difficulty, fifty_fifty)| Scored { difficulty, correct: true, fifty_fifty, speed_bonus: 0 })
                .collect();
            let mut imperfect = other[..n].to_vec();
            let at = miss.index(n);
            imperfect[at].correct = false;
            prop_assert!(total(&flawless, n) > total(&imperfect, n));
        }

        /// Turning a miss into a right answer never lowers the score.
        #[test]
        fn a_right_answer_never_costs_points(
            answers in prop::collection::vec(scored(), 1..25),
            flip in any::<prop::sample::Index>(),
        ) {
            let at = flip.index(answers.len());
            let mut better = answers.clone();
            better[at].correct = true;
            prop_assert!(total(&better, answers.len()) >= total(&answers, answers.len()));
        }

        /// A lifeline never earns more than the same game without it.
        #[test]
        fn a_fifty_fifty_never_pays(
            answers in prop::collection::vec(scored(), 1..25),
            at in any::<prop::sample::Index>(),
        ) {
            let at = at.index(answers.len());
            let mut with = answers.clone();
            with[at].fifty_fifty = true;
            let mut without = answers.clone();
            without[at].fifty_fifty = false;
            prop_assert!(total(&with, answers.len()) <= total(&without, answers.len()));
        }
    }
}
