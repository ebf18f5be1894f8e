//! The questions a game draws from: several sources merged without
//! repeats, then narrowed by category and difficulty.

use crate::question::{Difficulty, Key, Question, normalize};
use std::collections::{BTreeMap, HashSet};

/// Questions to deal from, each with the source it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pool {
    pub questions: Vec<Question>,
    /// `sources[i]` names where `questions[i]` came from, such as
    /// `built-in` or `bank:/path/to/jazz.json`.
    pub sources: Vec<String>,
}

impl Pool {
    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }
}

/// Merges sources in order. A question whose normalised prompt was already
/// seen (in any source) is dropped; returns the pool and how many dropped.
pub fn merge(sources: impl IntoIterator<Item = (String, Vec<Question>)>) -> (Pool, usize) {
    let mut pool = Pool::default();
    let mut dropped = 0;
    for (source, questions) in sources {
        for q in questions {
            pool.questions.push(q);
            pool.sources.push(source.clone());
        }
    }
    // Prompts are compared as keys, which build nothing for ASCII text.
    let mut seen = HashSet::new();
    let keep: Vec<bool> = pool
        .questions
        .iter()
        .map(|q| seen.insert(Key(&q.prompt)))
        .collect();
    drop(seen);
    if keep.contains(&false) {
        let mut k = keep.iter();
        pool.questions.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        pool.sources.retain(|_| *k.next().unwrap_or(&true));
        dropped = keep.iter().filter(|k| !**k).count();
    }
    (pool, dropped)
}

/// How many questions a category has, in all and per difficulty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    /// Easy, medium, hard.
    pub by_difficulty: [usize; 3],
}

/// Each category (as first spelled) with its tally, sorted without case.
pub fn categories(pool: &[Question]) -> Vec<(String, Tally)> {
    tally(pool.iter().map(|q| (q.category.as_str(), q.difficulty)))
}

/// [`categories`] of questions known only by category and difficulty.
pub fn tally<'a>(
    questions: impl IntoIterator<Item = (&'a str, Difficulty)>,
) -> Vec<(String, Tally)> {
    let mut map: BTreeMap<String, (String, Tally)> = BTreeMap::new();
    for (category, difficulty) in questions {
        let entry = map
            .entry(normalize(category))
            .or_insert_with(|| (category.to_owned(), Tally::default()));
        entry.1.total += 1;
        entry.1.by_difficulty[difficulty as usize] += 1;
    }
    map.into_values().collect()
}

/// What to keep of a pool.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Categories to keep, compared without case; empty keeps all.
    pub categories: Vec<String>,
    pub difficulty: Option<Difficulty>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.difficulty.is_none()
    }

    /// The questions of `pool` this filter keeps, in pool order.
    pub fn apply(&self, pool: Pool) -> Result<Pool, NothingLeft> {
        let kept = self.positions(|| {
            pool.questions
                .iter()
                .map(|q| (q.category.as_str(), q.difficulty))
        })?;
        let mut kept = kept.into_iter().peekable();
        let mut out = Pool::default();
        for (i, (q, source)) in pool.questions.into_iter().zip(pool.sources).enumerate() {
            if kept.next_if_eq(&i).is_some() {
                out.questions.push(q);
                out.sources.push(source);
            }
        }
        Ok(out)
    }

    /// The positions of the questions this filter keeps, of those that
    /// `questions()` lists by category and difficulty; `questions` may be
    /// called more than once.
    pub fn positions<'a, I>(&self, questions: impl Fn() -> I) -> Result<Vec<usize>, NothingLeft>
    where
        I: Iterator<Item = (&'a str, Difficulty)>,
    {
        let wanted: Vec<String> = self.categories.iter().map(|c| normalize(c)).collect();
        let kept: Vec<usize> = if self.is_empty() {
            (0..questions().count()).collect()
        } else {
            questions()
                .enumerate()
                .filter(|(_, (category, difficulty))| {
                    (wanted.is_empty() || wanted.contains(&normalize(category)))
                        && self.difficulty.is_none_or(|d| d == *difficulty)
                })
                .map(|(i, _)| i)
                .collect()
        };
        let unknown: Vec<String> = self
            .categories
            .iter()
            .zip(&wanted)
            .filter(|(_, w)| !questions().any(|(c, _)| normalize(c) == **w))
            .map(|(c, _)| c.clone())
            .collect();
        if kept.is_empty() || !unknown.is_empty() {
            return Err(NothingLeft {
                filter: self.clone(),
                unknown,
                available: tally(questions()),
            });
        }
        Ok(kept)
    }
}

/// A filter that matched nothing (or named a category that does not exist),
/// with what there is to choose from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct NothingLeft {
    pub filter: Filter,
    /// Asked-for categories that no question has.
    pub unknown: Vec<String>,
    pub available: Vec<(String, Tally)>,
}

impl NothingLeft {
    /// What matched nothing, then what there is.
    fn message(&self) -> String {
        let quote = |c: &String| format!("{:?}", crate::text::escape_controls(c).as_ref());
        let mut out = if !self.unknown.is_empty() {
            let names: Vec<String> = self.unknown.iter().map(quote).collect();
            format!("no questions are in category {}", names.join(", "))
        } else {
            let mut out = String::from("no questions match");
            if !self.filter.categories.is_empty() {
                let names: Vec<String> = self.filter.categories.iter().map(quote).collect();
                out.push_str(&format!(" category {}", names.join(", ")));
                if self.filter.difficulty.is_some() {
                    out.push_str(" and");
                }
            }
            if let Some(d) = self.filter.difficulty {
                out.push_str(&format!(" difficulty {d}"));
            }
            out
        };
        out.push_str("; the categories are (easy/medium/hard):");
        for (name, t) in &self.available {
            let [e, m, h] = t.by_difficulty;
            out.push_str(&format!(
                "\n  {} {} ({e}/{m}/{h})",
                crate::text::escape_controls(name),
                t.total
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(prompt: &str, category: &str, difficulty: Difficulty) -> Question {
        Question {
            prompt: prompt.into(),
            answer: "a".into(),
            distractors: vec!["b".into()],
            category: category.into(),
            difficulty,
            explanation: String::new(),
            meta: Default::default(),
        }
    }

    #[test]
    fn merge_drops_repeated_prompts_across_and_within_sources() {
        let a = vec![
            q("Who?", "x", Difficulty::Easy),
            q("  who? ", "y", Difficulty::Hard),
        ];
        let b = vec![
            q("WHO?", "z", Difficulty::Easy),
            q("When?", "z", Difficulty::Easy),
        ];
        let (pool, dropped) = merge([("a".to_string(), a), ("b".to_string(), b)]);
        let prompts: Vec<_> = pool.questions.iter().map(|q| q.prompt.as_str()).collect();
        assert_eq!(prompts, ["Who?", "When?"]);
        assert_eq!(pool.sources, ["a", "b"]);
        assert_eq!(dropped, 2);
    }

    #[test]
    fn filters_ignore_case_and_name_what_exists_when_empty() {
        let (pool, _) = merge([(
            "s".to_string(),
            vec![
                q("1", "Jazz", Difficulty::Easy),
                q("2", "jazz", Difficulty::Hard),
                q("3", "Rock", Difficulty::Easy),
            ],
        )]);
        let f = Filter {
            categories: vec!["JAZZ".into()],
            difficulty: None,
        };
        assert_eq!(f.apply(pool.clone()).unwrap().len(), 2);
        let f = Filter {
            categories: vec!["rock".into()],
            difficulty: Some(Difficulty::Hard),
        };
        let err = f.apply(pool.clone()).unwrap_err().to_string();
        assert!(err.contains("no questions match category \"rock\" and difficulty hard"));
        assert!(err.contains("Jazz 2 (1/0/1)"), "{err}");
        let f = Filter {
            categories: vec!["jazz".into(), "Polka".into()],
            difficulty: None,
        };
        let err = f.apply(pool).unwrap_err().to_string();
        assert!(
            err.starts_with("no questions are in category \"Polka\""),
            "{err}"
        );
    }
}
