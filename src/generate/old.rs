//! Derives multiple-choice questions from any film record.
//!
//! Every question has one right answer and three distractors of the same
//! kind. Distractors are drawn only from the record itself (other people,
//! other companies, other award categories) or derived from the true value
//! (nearby years, dates, sums and counts). A derived value never equals
//! another value of the record, so a distractor can never be a different true
//! fact. A question is left out when the record cannot supply three
//! distractors that are certainly wrong.

use crate::format;
use crate::question::{Difficulty, Question, normalize};
use crate::record::{Award, AwardResult, Bound, Film, Standing, YearMonth};
use crate::rng::GameRng;
use chrono::{Datelike, Months, NaiveDate};
use std::collections::{BTreeSet, HashSet};

/// How many wrong choices each generated question has.
pub const DISTRACTORS: usize = 3;

/// All the questions `film` supports, in a fixed order. The rng picks the
/// distractors and, where several answers fit a template, which one is asked.
pub fn generate(film: &Film, rng: &mut GameRng) -> Vec<Question> {
    let mut g = Generator::new(film, rng);
    g.crew();
    g.cast();
    g.setting();
    g.companies();
    g.script_and_short();
    g.filming();
    g.premiere();
    g.awards();
    g.release();
    g.money();
    g.reception();
    g.out
}

struct Generator<'a> {
    film: &'a Film,
    rng: &'a mut GameRng,
    out: Vec<Question>,
    prompts: HashSet<String>,
    /// Every year the record mentions.
    years: BTreeSet<i32>,
    /// Every whole number the record mentions (years, counts, durations).
    numbers: BTreeSet<i64>,
    /// Every full date the record mentions.
    dates: BTreeSet<NaiveDate>,
    /// Every month the record mentions.
    months: BTreeSet<YearMonth>,
    /// Every sum of money the record mentions.
    sums: Vec<f64>,
}

impl<'a> Generator<'a> {
    fn new(film: &'a Film, rng: &'a mut GameRng) -> Self {
        let mut g = Generator {
            film,
            rng,
            out: Vec::new(),
            prompts: HashSet::new(),
            years: BTreeSet::new(),
            numbers: BTreeSet::new(),
            dates: BTreeSet::new(),
            months: BTreeSet::new(),
            sums: Vec::new(),
        };
        g.collect_values();
        g
    }

    fn collect_values(&mut self) {
        let f = self.film;
        let mut years = vec![f.year];
        let mut numbers: Vec<i64> = Vec::new();
        let mut dates = Vec::new();
        if let Some(s) = &f.script {
            years.push(s.completed);
        }
        if let Some(s) = &f.short_film {
            numbers.extend(s.pages.map(i64::from));
            numbers.extend(s.minutes.map(i64::from));
            if let Some(p) = &s.premiere {
                years.push(p.year);
            }
        }
        if let Some(fl) = &f.filming {
            years.push(fl.month.year);
            self.months.insert(fl.month);
            numbers.extend(fl.days.map(i64::from));
        }
        if let Some(p) = &f.premiere {
            dates.push(p.date);
        }
        if let Some(r) = &f.release {
            dates.push(r.date);
            dates.extend(r.closed);
            if let Some(q) = r.widest_screens {
                numbers.push(q.value as i64);
            }
        }
        if let Some(r) = &f.director_rank
            && let Some(u) = &r.until
        {
            years.push(u.year);
        }
        years.extend(f.awards.iter().filter_map(|a| a.year));
        for d in &dates {
            years.push(d.year());
            self.months.insert(YearMonth::of(*d));
        }
        numbers.extend(years.iter().map(|&y| i64::from(y)));
        self.years.extend(years);
        self.numbers.extend(numbers);
        self.dates.extend(dates);
        self.sums
            .extend(f.budget.iter().chain(&f.gross).map(|m| m.amount));
    }

    /// Adds a question if it is well formed: exactly three distractors, all
    /// distinct from each other and from the answer, and a prompt not yet used.
    fn ask(
        &mut self,
        category: &str,
        difficulty: Difficulty,
        prompt: String,
        answer: String,
        distractors: Option<Vec<String>>,
        explanation: String,
    ) {
        let Some(distractors) = distractors else {
            return;
        };
        let mut seen = HashSet::new();
        seen.insert(normalize(&answer));
        let distinct = distractors.iter().all(|d| seen.insert(normalize(d)));
        if distractors.len() != DISTRACTORS || !distinct {
            return;
        }
        if !self.prompts.insert(normalize(&prompt)) {
            return;
        }
        self.out.push(Question {
            prompt,
            answer,
            distractors,
            category: category.to_string(),
            difficulty,
            explanation,
        });
    }

    /// Three of `pool` (which the caller has already cleared of true answers),
    /// skipping `answer` and repeats.
    fn three_of(&mut self, pool: &[String], answer: &str) -> Option<Vec<String>> {
        let mut seen = HashSet::from([normalize(answer)]);
        let unique: Vec<String> = pool
            .iter()
            .filter(|p| seen.insert(normalize(p)))
            .cloned()
            .collect();
        (unique.len() >= DISTRACTORS).then(|| self.rng.sample(&unique, DISTRACTORS))
    }

    /// Three of the nearest candidates, chosen at random from the closest five.
    fn nearest<T: Clone>(&mut self, mut candidates: Vec<(i64, T)>) -> Option<Vec<T>> {
        candidates.sort_by_key(|(distance, _)| *distance);
        candidates.truncate(DISTRACTORS + 2);
        if candidates.len() < DISTRACTORS {
            return None;
        }
        let chosen = self.rng.sample(&candidates, DISTRACTORS);
        Some(chosen.into_iter().map(|(_, v)| v).collect())
    }

    /// Whole numbers near `value`, `step` apart, at least `min`, never a
    /// number the record mentions.
    fn near_numbers(&mut self, value: i64, step: i64, min: i64) -> Option<Vec<i64>> {
        let step = step.max(1);
        let candidates = (1..=10)
            .flat_map(|k| [value - k * step, value + k * step])
            .filter(|&n| n >= min && n != value && !self.numbers.contains(&n))
            .map(|n| ((n - value).abs(), n))
            .collect();
        self.nearest(candidates)
    }

    /// Years near `year` within `range`, never one the record mentions.
    fn near_years(
        &mut self,
        year: i32,
        range: std::ops::RangeInclusive<i32>,
    ) -> Option<Vec<String>> {
        let candidates = (1..=8)
            .flat_map(|k| [year - k, year + k])
            .filter(|y| range.contains(y) && !self.years.contains(y))
            .map(|y| ((i64::from(y) - i64::from(year)).abs(), y.to_string()))
            .collect();
        self.nearest(candidates)
    }

    /// Dates a few days or weeks from `date`, never one the record mentions,
    /// and in the same year so that no distractor lands on another year's event.
    fn near_dates(&mut self, date: NaiveDate) -> Option<Vec<String>> {
        let candidates = [3i64, 7, 14, 21, 28]
            .iter()
            .flat_map(|&d| [-d, d])
            .filter_map(|d| Some((d.abs(), date.checked_add_signed(chrono::Duration::days(d))?)))
            .filter(|(_, c)| c.year() == date.year() && !self.dates.contains(c))
            .map(|(distance, c)| (distance, format::date(c)))
            .collect();
        self.nearest(candidates)
    }

    /// Months near `month`, never one the record mentions.
    fn near_months(&mut self, month: YearMonth) -> Option<Vec<String>> {
        let candidates = (1..=5)
            .flat_map(|k| [-k, k])
            .map(|k| (i64::from(k).abs(), month.shift(k)))
            .filter(|(_, m)| !self.months.contains(m))
            .map(|(distance, m)| (distance, format::month(m)))
            .collect();
        self.nearest(candidates)
    }

    /// Sums tempting but clearly apart from `value` (and from every other sum
    /// in the record): at least a quarter away.
    fn near_sums(&mut self, value: f64) -> Option<Vec<f64>> {
        let factors = [0.5, 0.6, 1.5, 1.8, 2.2, 0.4, 3.0];
        let mut seen = Vec::new();
        let candidates = factors
            .iter()
            .enumerate()
            .map(|(rank, f)| (rank as i64, round_two_figures(value * f)))
            .filter(|(_, v)| {
                let fresh = self.sums.iter().all(|s| (v - s).abs() / s >= 0.25)
                    && seen.iter().all(|s: &f64| (v - s).abs() > f64::EPSILON);
                if fresh {
                    seen.push(*v);
                }
                fresh
            })
            .collect();
        self.nearest(candidates)
    }

    fn people(&self) -> Vec<String> {
        let mut names: Vec<String> = self.film.cast.iter().map(|c| c.name.clone()).collect();
        names.extend(self.film.crew.iter().map(|c| c.name.clone()));
        dedup(names)
    }

    fn companies_all(&self) -> Vec<String> {
        let f = self.film;
        let mut names = f.production_companies.clone();
        if let Some(d) = &f.distribution {
            names.push(d.company.clone());
            names.extend(d.banners.iter().map(|b| b.name.clone()));
        }
        if let Some(s) = &f.short_film {
            names.extend(s.companies.iter().cloned());
        }
        dedup(names)
    }

    fn title(&self) -> &'a str {
        &self.film.title
    }

    // ---- templates ------------------------------------------------------

    fn crew(&mut self) {
        let t = self.title();
        let people = self.people();
        let crew = &self.film.crew;
        let jobs: Vec<String> = dedup(crew.iter().flat_map(|c| c.jobs.clone()).collect());
        let holds = |name: &str, job: &str| {
            crew.iter()
                .any(|c| c.name == name && c.jobs.iter().any(|j| j == job))
        };
        for job in &jobs {
            let holders: Vec<&String> = people.iter().filter(|p| holds(p, job)).collect();
            let [holder] = holders[..] else { continue };
            let pool: Vec<String> = people.iter().filter(|p| !holds(p, job)).cloned().collect();
            let prompt = match job_verb(job) {
                Some(verb) => format!("Who {verb} {t}?"),
                None => format!("Who was the {job} of {t}?"),
            };
            let d = self.three_of(&pool, holder);
            self.ask(
                "crew",
                Difficulty::Easy,
                prompt,
                holder.clone(),
                d,
                format!("{holder} was the {job} of {t}."),
            );
        }
        for member in crew.iter().filter(|c| c.jobs.len() >= 2) {
            let verbs: Option<Vec<&str>> = member.jobs.iter().map(|j| job_verb(j)).collect();
            let Some(verbs) = verbs else { continue };
            let sole = people
                .iter()
                .filter(|p| member.jobs.iter().all(|j| holds(p, j)))
                .count()
                == 1;
            if !sole {
                continue;
            }
            let pool: Vec<String> = people
                .iter()
                .filter(|p| !member.jobs.iter().any(|j| holds(p, j)))
                .cloned()
                .collect();
            let d = self.three_of(&pool, &member.name);
            self.ask(
                "crew",
                Difficulty::Easy,
                format!("Who both {} {t}?", format::and_list(&verbs)),
                member.name.clone(),
                d,
                format!(
                    "{} did double duty on {t}: {} of it.",
                    member.name,
                    format::and_list(&member.jobs)
                ),
            );
        }
    }

    fn cast(&mut self) {
        let t = self.title();
        let cast = &self.film.cast;
        let names: Vec<String> = cast.iter().map(|c| c.name.clone()).collect();
        for member in cast {
            let Some(role) = &member.role else { continue };
            let mut pool: Vec<String> = names
                .iter()
                .filter(|n| **n != member.name)
                .cloned()
                .collect();
            if pool.len() < DISTRACTORS {
                pool = self
                    .people()
                    .into_iter()
                    .filter(|n| *n != member.name)
                    .collect();
            }
            let d = self.three_of(&pool, &member.name);
            self.ask(
                "cast",
                Difficulty::Easy,
                format!("In {t}, which actor plays {role}?"),
                member.name.clone(),
                d,
                format!(
                    "That part went to {}; the character is {role}.",
                    member.name
                ),
            );
        }
        // Someone credited on the film who is not among its leads.
        let outsiders: Vec<&crate::record::CrewMember> = self
            .film
            .crew
            .iter()
            .filter(|c| !names.contains(&c.name))
            .collect();
        if names.len() >= DISTRACTORS
            && let Some(outsider) = self.rng.pick(&outsiders).copied()
        {
            let d = self.three_of(&names, &outsider.name);
            self.ask(
                "cast",
                Difficulty::Medium,
                format!("Which of these people is not one of the lead actors of {t}?"),
                outsider.name.clone(),
                d,
                format!(
                    "{} worked behind the camera as {}; the leads were {}.",
                    outsider.name,
                    format::and_list(&outsider.jobs),
                    format::and_list(&names)
                ),
            );
        }
    }

    fn setting(&mut self) {
        let t = self.title();
        let (Some(s), Some(f)) = (&self.film.setting, &self.film.filming) else {
            return;
        };
        if normalize(&s.city) == normalize(&f.city) {
            return;
        }
        let (set, shot) = (&s.city, &f.city);
        let combo = |a: &str, b: &str| {
            if a == b {
                format!("Set and filmed in {a}")
            } else {
                format!("Set in {a}, filmed in {b}")
            }
        };
        self.ask(
            "story",
            Difficulty::Medium,
            format!("Where is {t} set, and where was it filmed?"),
            combo(set, shot),
            Some(vec![combo(shot, set), combo(set, set), combo(shot, shot)]),
            format!("The story takes place in {set}, but the cameras rolled in {shot}."),
        );
        let kind = &s.kind;
        let describe = |fictional: bool, city: &str| {
            if fictional {
                format!("A made-up {kind} in {city}")
            } else {
                format!("A real {kind} in {city}")
            }
        };
        let truth = s.fictional;
        self.ask(
            "story",
            Difficulty::Medium,
            format!("What is {}, the {kind} at the heart of {t}?", s.place),
            describe(truth, set),
            Some(vec![
                describe(!truth, set),
                describe(truth, shot),
                describe(!truth, shot),
            ]),
            format!(
                "{} is {} {kind} placed in {set}.",
                s.place,
                if truth { "an invented" } else { "a real" }
            ),
        );
    }

    fn companies(&mut self) {
        let t = self.title();
        let f = self.film;
        let all = self.companies_all();
        let producers = &f.production_companies;
        let is_producer = |c: &String| producers.iter().any(|p| normalize(p) == normalize(c));
        let non_producers: Vec<String> = all.iter().filter(|c| !is_producer(c)).cloned().collect();
        let made_by = format!("Its producers were {}.", format::and_list(producers));
        if producers.len() >= DISTRACTORS
            && let Some(odd) = self.rng.pick(&non_producers).cloned()
        {
            let d = self.three_of(producers, &odd);
            self.ask(
                "production",
                Difficulty::Medium,
                format!("Which of these companies was not one of the producers of {t}?"),
                odd.clone(),
                d,
                format!("{made_by} {odd} was not one of them."),
            );
        }
        if let Some(producer) = self.rng.pick(producers).cloned() {
            let d = self.three_of(&non_producers, &producer);
            self.ask(
                "production",
                Difficulty::Easy,
                format!("Which of these companies was one of the producers of {t}?"),
                producer,
                d,
                made_by.clone(),
            );
        }
        if let Some(dist) = &f.distribution {
            let banners: Vec<&String> = dist.banners.iter().map(|b| &b.name).collect();
            let pool: Vec<String> = all
                .iter()
                .filter(|c| **c != dist.company && !banners.contains(c))
                .cloned()
                .collect();
            let d = self.three_of(&pool, &dist.company);
            self.ask(
                "release",
                Difficulty::Medium,
                format!(
                    "Which company acquired the rights to distribute {t} in {}?",
                    dist.territory
                ),
                dist.company.clone(),
                d,
                format!(
                    "{} took on distribution across {}, while the producers were {}.",
                    dist.company,
                    dist.territory,
                    format::and_list(producers)
                ),
            );
            self.banners(t, dist, &all);
        }
        if let Some(short) = &f.short_film {
            let helpers = &short.companies;
            let pool: Vec<String> = all
                .iter()
                .filter(|c| !helpers.iter().any(|h| normalize(h) == normalize(c)))
                .cloned()
                .collect();
            for helper in helpers {
                let others: Vec<&String> = helpers.iter().filter(|h| *h != helper).collect();
                let prompt = if others.is_empty() {
                    format!("Which company helped make the short film that preceded {t}?")
                } else {
                    format!(
                        "Besides {}, which company helped make the short film that preceded {t}?",
                        format::and_list(&others)
                    )
                };
                let d = self.three_of(&pool, helper);
                self.ask(
                    "production",
                    Difficulty::Hard,
                    prompt,
                    helper.clone(),
                    d,
                    format!(
                        "The short was made with the help of {}.",
                        format::and_list(helpers)
                    ),
                );
            }
        }
    }

    /// Which label handled which territory.
    fn banners(&mut self, t: &str, dist: &crate::record::Distribution, all: &[String]) {
        let explain = format!(
            "{} released it through {}.",
            dist.company,
            format::and_list(
                &dist
                    .banners
                    .iter()
                    .map(|b| format!("{} in {}", b.name, b.territory))
                    .collect::<Vec<_>>()
            )
        );
        if let [a, b] = &dist.banners[..] {
            let split =
                |x: &str, y: &str| format!("{x} in {}, {y} in {}", a.territory, b.territory);
            self.ask(
                "release",
                Difficulty::Hard,
                format!(
                    "How did {} divide the release of {t} between its labels?",
                    dist.company
                ),
                split(&a.name, &b.name),
                Some(vec![
                    split(&b.name, &a.name),
                    split(&a.name, &a.name),
                    split(&b.name, &b.name),
                ]),
                explain,
            );
            return;
        }
        for banner in &dist.banners {
            let others: Vec<String> = dist
                .banners
                .iter()
                .filter(|b| b.name != banner.name)
                .map(|b| b.name.clone())
                .collect();
            let mut pool = others;
            pool.extend(
                all.iter()
                    .filter(|c| **c != dist.company && **c != banner.name)
                    .cloned(),
            );
            let d = self.three_of(&pool, &banner.name);
            self.ask(
                "release",
                Difficulty::Hard,
                format!(
                    "Which {} label released {t} in {}?",
                    dist.company, banner.territory
                ),
                banner.name.clone(),
                d,
                explain.clone(),
            );
        }
    }

    fn script_and_short(&mut self) {
        let t = self.title();
        let f = self.film;
        let writer = sole_holder(f, "writer");
        if let Some(script) = &f.script {
            let who = writer.clone().unwrap_or_else(|| "the writer".into());
            let d = self.near_years(script.completed, i32::MIN..=f.year);
            let why = script
                .inspiration
                .as_ref()
                .map(|i| format!(" It drew on {i}."))
                .unwrap_or_default();
            self.ask(
                "dates",
                Difficulty::Medium,
                format!("In which year did {who} finish the script of {t}?"),
                script.completed.to_string(),
                d,
                format!("The script was done in {}.{why}", script.completed),
            );
        }
        let Some(short) = &f.short_film else { return };
        let same_title = if normalize(&short.title) == normalize(t) {
            format!(" (also called {})", short.title)
        } else {
            format!(" ({})", short.title)
        };
        if let Some(pages) = short.pages {
            let pages = i64::from(pages);
            let d = self.near_numbers(pages, (pages / 5).max(1), 1);
            self.ask(
                "production",
                Difficulty::Hard,
                format!("How many pages of the {t} script were turned into a short film first?"),
                format::count(pages, "page"),
                d.map(|v| v.into_iter().map(|n| format::count(n, "page")).collect()),
                format!("A {pages}-page slice of the script became the short{same_title}."),
            );
        }
        if let Some(minutes) = short.minutes {
            let minutes = i64::from(minutes);
            let d = self.near_numbers(minutes, (minutes / 5).max(1), 1);
            self.ask(
                "production",
                Difficulty::Hard,
                format!("How long was the short film made from the {t} script?"),
                format::count(minutes, "minute"),
                d.map(|v| v.into_iter().map(|n| format::count(n, "minute")).collect()),
                format!("The short{same_title} ran for {minutes} minutes."),
            );
        }
        let Some(shown) = &short.premiere else { return };
        let outcome = short
            .outcome
            .as_ref()
            .map(|o| format!(" Afterwards {o}."))
            .unwrap_or_default();
        let d = self.near_years(shown.year, i32::MIN..=f.year);
        self.ask(
            "dates",
            Difficulty::Medium,
            format!(
                "In which year did the short film version of {t} premiere at the {}?",
                shown.event
            ),
            shown.year.to_string(),
            d,
            format!(
                "The short was first shown at the {} {}.{outcome}",
                shown.year, shown.event
            ),
        );
        if let Some(p) = &f.premiere {
            let gap = i64::from(p.date.year() - shown.year);
            if gap >= 0 {
                let both = if normalize(&p.event) == normalize(&shown.event) {
                    format!(" at the same festival, the {}", p.event)
                } else {
                    String::new()
                };
                let d = self.small_gaps(gap);
                self.ask(
                    "dates",
                    Difficulty::Hard,
                    format!(
                        "Both the short film and the feature-length {t} premiered{both}. How much earlier did the short premiere?"
                    ),
                    years_earlier(gap),
                    d.map(|v| v.into_iter().map(years_earlier).collect()),
                    format!(
                        "The short premiered in {} and the feature in {}, both{both}.",
                        shown.year,
                        p.date.year()
                    ),
                );
            }
        }
    }

    /// Small whole numbers near `value` (which is itself small, such as a
    /// gap in years), down to zero.
    fn small_gaps(&mut self, value: i64) -> Option<Vec<i64>> {
        let candidates = (0..=value + 6)
            .filter(|&n| n != value)
            .map(|n| ((n - value).abs(), n))
            .collect();
        self.nearest(candidates)
    }

    fn filming(&mut self) {
        let t = self.title();
        let Some(f) = &self.film.filming else { return };
        let d = self.near_months(f.month);
        self.ask(
            "dates",
            Difficulty::Medium,
            format!("When was {t} filmed?"),
            format::month(f.month),
            d,
            format!(
                "Shooting took place in {} in {}.",
                f.city,
                format::month(f.month)
            ),
        );
        if let Some(days) = f.days {
            let days = i64::from(days);
            let d = self.near_numbers(days, (days / 5).max(1), 1);
            self.ask(
                "production",
                Difficulty::Hard,
                format!("How many days did the shoot of {t} take?"),
                format::count(days, "day"),
                d.map(|v| v.into_iter().map(|n| format::count(n, "day")).collect()),
                format!("The whole film was shot in {days} days, all in {}.", f.city),
            );
        }
    }

    fn premiere(&mut self) {
        let t = self.title();
        let Some(p) = &self.film.premiere else { return };
        let when = format::date(p.date);
        let d = self.near_dates(p.date);
        self.ask(
            "dates",
            Difficulty::Hard,
            format!("On what date did {t} premiere at the {}?", p.event),
            when.clone(),
            d,
            format!("It had its first screening at the {} on {when}.", p.event),
        );
        let year = p.date.year();
        let d = self.near_years(year, i32::MIN..=i32::MAX);
        self.ask(
            "dates",
            Difficulty::Easy,
            format!("At which year's {} did the feature {t} premiere?", p.event),
            year.to_string(),
            d,
            format!(
                "The feature premiered at the {year} edition of the {}.",
                p.event
            ),
        );
        let slot = |competing: bool, opening: bool| match (opening, competing) {
            (true, true) => "As the opening film, in competition".to_string(),
            (true, false) => "As the opening film, out of competition".to_string(),
            (false, true) => "In competition, but not as the opening film".to_string(),
            (false, false) => "Out of competition, and not as the opening film".to_string(),
        };
        let (c, o) = (p.in_competition, p.opening_film);
        self.ask(
            "release",
            Difficulty::Medium,
            format!("How did {t} screen at the {year} {}?", p.event),
            slot(c, o),
            Some(vec![slot(!c, o), slot(c, !o), slot(!c, !o)]),
            format!(
                "It {} the festival and {} in competition.",
                if o { "opened" } else { "did not open" },
                if c { "was" } else { "was not" }
            ),
        );
    }

    fn awards(&mut self) {
        let t = self.title();
        let awards = &self.film.awards;
        let mut editions: Vec<(String, Option<i32>)> = Vec::new();
        for a in awards {
            let key = (a.body.clone(), a.year);
            if !editions.contains(&key) {
                editions.push(key);
            }
        }
        for (body, year) in editions {
            let group: Vec<&Award> = awards
                .iter()
                .filter(|a| a.body == body && a.year == year)
                .collect();
            let edition = match year {
                Some(y) => format!("{y} {body}"),
                None => body.clone(),
            };
            self.edition(t, &edition, &group);
        }
        self.personal_awards();
    }

    /// Questions about one ceremony or festival edition.
    fn edition(&mut self, t: &str, edition: &str, group: &[&Award]) {
        let cats = |pred: &dyn Fn(&Award) -> bool| -> Vec<String> {
            group
                .iter()
                .filter(|a| pred(a))
                .map(|a| a.category.clone())
                .collect()
        };
        let film_wins = cats(&|a| a.result == AwardResult::Won && a.recipient.is_none());
        let all_wins = cats(&|a| a.result == AwardResult::Won);
        let losses = cats(&|a| a.result == AwardResult::Nominated);
        let personal = all_wins.len() - film_wins.len();
        let won = all_wins.len() as i64;

        // A count is only safe where the record lists the film's own results
        // at this body; a body known only for a personal award may have given
        // the film more that the record does not claim.
        if won >= 1 && (!film_wins.is_empty() || !losses.is_empty()) {
            let counting = if personal > 0 {
                ", counting awards given to its cast"
            } else {
                ""
            };
            // Other counts a reader might take the prompt to mean.
            let confusable = [
                film_wins.len() as i64,
                losses.len() as i64,
                won + losses.len() as i64,
            ];
            let candidates = (1..=won + 6)
                .filter(|n| *n != won && !confusable.contains(n))
                .map(|n| ((n - won).abs(), format::count(n, "award")))
                .collect();
            let d = self.nearest(candidates);
            let list = if personal > 0 {
                format!(
                    "{} for the film itself plus {} for its cast",
                    film_wins.len(),
                    personal
                )
            } else {
                format::and_list(&all_wins)
            };
            self.ask(
                "awards",
                Difficulty::Hard,
                format!("How many awards did {t} win at the {edition}{counting}?"),
                format::count(won, "award"),
                d,
                format!("It took home {won} there: {list}."),
            );
        }

        if film_wins.len() == 2 && personal == 0 && losses.is_empty() {
            let (a, b) = (&film_wins[0], &film_wins[1]);
            self.ask(
                "awards",
                Difficulty::Medium,
                format!("Which prizes did {t} win at the {edition}?"),
                format!("Both the {a} and the {b}"),
                Some(vec![
                    format!("Only the {a}"),
                    format!("Only the {b}"),
                    "Neither of them".to_string(),
                ]),
                format!("It won both: the {a} and the {b}."),
            );
        }

        if !losses.is_empty() {
            for lost in &losses {
                let others: Vec<&String> = losses.iter().filter(|l| *l != lost).collect();
                let prompt = if others.is_empty() {
                    format!("At the {edition}, which of these nominations did {t} lose?")
                } else {
                    format!(
                        "At the {edition}, {t} lost the nomination for {}. Which other nomination did it lose?",
                        format::and_list(&others)
                    )
                };
                let d = self.three_of(&all_wins, lost);
                self.ask(
                    "awards",
                    Difficulty::Hard,
                    prompt,
                    lost.clone(),
                    d,
                    format!(
                        "{} went to other films; {} were the categories it won.",
                        format::and_list(&losses),
                        format::and_list(&all_wins)
                    ),
                );
            }
        }

        if film_wins.len() == 2 && losses.len() >= 2 {
            let pair = |a: &str, b: &str| format!("{a} and {b}");
            let mut wrong = Vec::new();
            let mixed: Vec<&String> = film_wins.iter().chain(&losses).collect();
            for (i, a) in mixed.iter().enumerate() {
                for b in &mixed[i + 1..] {
                    let both_won = film_wins.contains(a) && film_wins.contains(b);
                    if !both_won {
                        wrong.push(pair(a, b));
                    }
                }
            }
            let setting = if personal > 0 {
                " for the film itself, leaving out awards to its cast"
            } else {
                ""
            };
            let d = self.three_of(&wrong, "");
            self.ask(
                "awards",
                Difficulty::Hard,
                format!("Which two categories did {t} win at the {edition}{setting}?"),
                pair(&film_wins[0], &film_wins[1]),
                d,
                format!(
                    "It won {}; {} were nominations only.",
                    format::and_list(&film_wins),
                    format::and_list(&losses)
                ),
            );
        }
    }

    /// "Whose work won ...?" for awards given to a person: one question per
    /// person and category, naming every body that gave it.
    fn personal_awards(&mut self) {
        let t = self.title();
        let awards = &self.film.awards;
        let cast: Vec<String> = self.film.cast.iter().map(|c| c.name.clone()).collect();
        let people = self.people();
        let mut asked: Vec<(String, String)> = Vec::new();
        for award in awards.iter().filter(|a| a.result == AwardResult::Won) {
            let Some(who) = &award.recipient else {
                continue;
            };
            let key = (normalize(who), normalize(&award.category));
            if asked.contains(&key) {
                continue;
            }
            asked.push(key);
            let bodies: Vec<&str> = awards
                .iter()
                .filter(|a| {
                    a.result == AwardResult::Won
                        && a.category == award.category
                        && a.recipient.as_deref().map(normalize) == Some(normalize(who))
                })
                .map(|a| a.body.as_str())
                .collect();
            // Anyone honoured or nominated in this category at any of those
            // bodies is not a safe wrong answer.
            let also: HashSet<String> = awards
                .iter()
                .filter(|a| a.category == award.category && bodies.contains(&a.body.as_str()))
                .filter_map(|a| a.recipient.as_deref().map(normalize))
                .collect();
            let base = if cast.contains(who) { &cast } else { &people };
            let pool: Vec<String> = base
                .iter()
                .filter(|p| !also.contains(&normalize(p)))
                .cloned()
                .collect();
            let d = self.three_of(&pool, who);
            let at = format::and_list(
                &bodies
                    .iter()
                    .map(|b| format!("the {b}"))
                    .collect::<Vec<_>>(),
            );
            self.ask(
                "awards",
                Difficulty::Medium,
                format!("Whose work in {t} won {} at {at}?", award.category),
                who.clone(),
                d,
                format!("{who} took {} from every one of them.", award.category),
            );
        }
    }

    fn release(&mut self) {
        let t = self.title();
        let f = self.film;
        let Some(r) = &f.release else { return };
        let where_ = if r.countries.is_empty() {
            String::new()
        } else {
            format!(
                " in {}",
                format::and_list(
                    &r.countries
                        .iter()
                        .map(|c| format::place(c))
                        .collect::<Vec<_>>()
                )
            )
        };
        let opened = format::date(r.date);
        let d = self.near_dates(r.date);
        self.ask(
            "dates",
            Difficulty::Hard,
            format!("On what date did {t} open in cinemas{where_}?"),
            opened.clone(),
            d,
            format!("Its cinema run{where_} began on {opened}."),
        );
        let wrong = crate::record::ReleaseKind::ALL
            .iter()
            .filter(|k| **k != r.kind)
            .map(|k| k.describe().to_string())
            .collect();
        self.ask(
            "release",
            Difficulty::Easy,
            format!("How was {t} first released{where_}?"),
            r.kind.describe().to_string(),
            Some(wrong),
            format!("{}{where_}, starting on {opened}.", r.kind.describe()),
        );
        if let Some(q) = r.widest_screens {
            self.screens(t, &where_, r.gradual, q);
        }
        if let Some(closed) = r.closed {
            let text = format::date(closed);
            let d = self.near_dates(closed);
            self.ask(
                "dates",
                Difficulty::Hard,
                format!("On what date did the cinema run of {t}{where_} come to an end?"),
                text.clone(),
                d,
                format!("It opened on {opened} and played until {text}."),
            );
            self.span(
                format!(
                    "About how long did {t} play in cinemas{where_}, from opening day to closing day?"
                ),
                r.date,
                closed,
                format!("From {opened} to {text}"),
            );
        }
        if let Some(p) = &f.premiere {
            self.span(
                format!(
                    "How long after its premiere at the {} did {t} open in cinemas{where_}?",
                    p.event
                ),
                p.date,
                r.date,
                format!(
                    "It premiered on {} and opened on {opened}",
                    format::date(p.date)
                ),
            );
        }
    }

    fn screens(&mut self, t: &str, where_: &str, gradual: bool, q: crate::record::Quantity) {
        let v = q.value;
        let (answer, wrong, note) = match q.bound {
            Bound::Over => (
                format!("To more than {} screens", format::thousands(v)),
                [v / 10, v / 5, v / 2]
                    .iter()
                    .filter(|&&x| x > 0)
                    .map(|x| format!("To no more than {} screens", format::thousands(*x)))
                    .collect::<Vec<_>>(),
                "That figure is a floor, so any lower ceiling is wrong.",
            ),
            Bound::Under => (
                format!("To fewer than {} screens", format::thousands(v)),
                [v * 2, v * 5, v * 10]
                    .iter()
                    .map(|x| format!("To more than {} screens", format::thousands(*x)))
                    .collect(),
                "That figure is a ceiling, so any higher floor is wrong.",
            ),
            Bound::Exact => {
                let d = self
                    .near_numbers(v as i64, (v as i64 / 4).max(1), 1)
                    .unwrap_or_default();
                (
                    format!("To {} screens", format::thousands(v)),
                    d.into_iter()
                        .map(|n| format!("To {} screens", format::thousands(n as u64)))
                        .collect(),
                    "",
                )
            }
        };
        self.ask(
            "release",
            Difficulty::Medium,
            format!("How far did the cinema release of {t}{where_} spread at its widest?"),
            answer.clone(),
            Some(wrong),
            format!(
                "{} it reached {} screens. {note}",
                if gradual {
                    "Expanding step by step,"
                } else {
                    "At its widest"
                },
                match q.bound {
                    Bound::Over => format!("more than {}", format::thousands(v)),
                    Bound::Under => format!("fewer than {}", format::thousands(v)),
                    Bound::Exact => format::thousands(v),
                }
            )
            .trim_end()
            .to_string(),
        );
    }

    /// "How long between two dates?", answered in whole-month brackets.
    fn span(&mut self, prompt: String, from: NaiveDate, to: NaiveDate, fact: String) {
        let Some(months) = whole_months(from, to) else {
            return;
        };
        let candidates = (0..=months + 8)
            .filter(|m| (m - months).abs() >= 2)
            .map(|m| ((m - months).abs(), month_bracket(m)))
            .collect();
        let d = self.nearest(candidates);
        let days = (to - from).num_days();
        self.ask(
            "release",
            Difficulty::Hard,
            prompt,
            month_bracket(months),
            d,
            format!("{fact}: {days} days in all."),
        );
    }

    fn money(&mut self) {
        let t = self.title();
        let f = self.film;
        if let Some(b) = f.budget {
            let d = self.near_sums(b.amount);
            self.ask(
                "money",
                Difficulty::Medium,
                format!("What was the budget of {t}?"),
                format::money(b),
                d.map(|v| {
                    v.into_iter()
                        .map(|x| format::amount(x, b.currency))
                        .collect()
                }),
                format!("It was made for about {}.", format::money(b)),
            );
        }
        if let Some(g) = f.gross {
            let d = self.near_sums(g.amount);
            self.ask(
                "money",
                Difficulty::Medium,
                format!("Roughly how much did {t} gross?"),
                format::money(g),
                d.map(|v| {
                    v.into_iter()
                        .map(|x| format::amount(x, g.currency))
                        .collect()
                }),
                format!("Its takings came to around {}.", format::money(g)),
            );
        }
        if let (Some(b), Some(g)) = (f.budget, f.gross) {
            let ratio = g.amount / b.amount;
            if ratio >= 2.0 {
                let r = ratio.round() as i64;
                let step = (r / 3).max(1);
                let candidates = (1..=8)
                    .flat_map(|k| [r - k * step, r + k * step])
                    .filter(|&n| n >= 1 && ((n as f64) - ratio).abs() / ratio >= 0.25)
                    .map(|n| ((n - r).abs(), format!("About {n} times")))
                    .collect();
                let d = self.nearest(candidates);
                self.ask(
                    "money",
                    Difficulty::Hard,
                    format!("Roughly how many times its budget did {t} earn at the box office?"),
                    format!("About {r} times"),
                    d,
                    format!(
                        "{} against a budget of {} is a multiple of about {ratio:.1}.",
                        format::money(g),
                        format::money(b)
                    ),
                );
            }
        }
        if let Some(rank) = &f.director_rank
            && let Some(until) = &rank.until
        {
            let d = self.near_years(until.year, f.year + 1..=i32::MAX);
            self.ask(
                "money",
                Difficulty::Hard,
                format!(
                    "{t} stayed {}'s {} feature until a film from which year?",
                    rank.director, rank.measure
                ),
                until.year.to_string(),
                d,
                format!(
                    "{} ({}) finally took over as {}'s {} film.",
                    until.title, until.year, rank.director, rank.measure
                ),
            );
        }
    }

    /// Which "best of" lists the film is on.
    fn standings(&mut self, t: &str) {
        let f = self.film;
        let decade_of_film = f.year - f.year.rem_euclid(10);
        let period = |s: &Standing| match *s {
            Standing::Decade { decade } => format!("of the {decade}s"),
            Standing::Century { century } => format!("of the {} century", format::ordinal(century)),
            Standing::AllTime => "of all time".to_string(),
        };
        let all: Vec<String> = f.standings.iter().map(period).collect();
        if all.len() >= 2 {
            // Every proper part of the true list, marked "only", is wrong.
            let mut wrong = Vec::new();
            for skip in 0..all.len() {
                let rest: Vec<String> = all
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, p)| p.clone())
                    .collect();
                wrong.push(format!("Best films {} only", format::and_list(&rest)));
            }
            if all.len() == 2 {
                wrong.push(format!("Best films {} only", all[0]));
            }
            let d = self.three_of(&wrong, "");
            self.ask(
                "reception",
                Difficulty::Medium,
                format!("On which \"best films\" rankings has {t} been placed?"),
                format!("Best films {}", format::and_list(&all)),
                d,
                format!(
                    "It has been counted among the best films {}.",
                    format::and_list(&all)
                ),
            );
            return;
        }
        for s in &f.standings {
            if let Standing::Decade { decade } = *s
                && decade == decade_of_film
            {
                let candidates = [decade - 10, decade + 10, decade - 20, decade - 30]
                    .iter()
                    .map(|d| ((d - decade).abs() as i64, format!("The {d}s")))
                    .collect();
                let d = self.nearest(candidates);
                self.ask(
                    "reception",
                    Difficulty::Easy,
                    format!("{t} has been ranked among the best films of which decade?"),
                    format!("The {decade}s"),
                    d,
                    format!(
                        "Released in {}, it is counted among the finest films of the {decade}s.",
                        f.year
                    ),
                );
            }
        }
    }

    fn reception(&mut self) {
        let t = self.title();
        let f = self.film;
        self.standings(t);
        let d = self.near_years(f.year, i32::MIN..=i32::MAX);
        let praise = if f.praised_for.is_empty() {
            String::new()
        } else {
            format!(
                " It drew praise for its {}.",
                format::and_list(&f.praised_for)
            )
        };
        self.ask(
            "dates",
            Difficulty::Easy,
            format!("In which year was {t} released?"),
            f.year.to_string(),
            d,
            format!("{t} came out in {}.{praise}", f.year),
        );
    }
}

fn dedup(names: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .filter(|n| seen.insert(normalize(n)))
        .collect()
}

/// The person who alone did `job`, if exactly one did.
fn sole_holder(film: &Film, job: &str) -> Option<String> {
    let holders: Vec<&str> = film
        .crew
        .iter()
        .filter(|c| c.jobs.iter().any(|j| j == job))
        .map(|c| c.name.as_str())
        .collect();
    match holders[..] {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

fn job_verb(job: &str) -> Option<&'static str> {
    Some(match job {
        "writer" => "wrote",
        "director" => "directed",
        "producer" => "produced",
        "editor" => "edited",
        "composer" => "scored",
        "cinematographer" => "photographed",
        _ => return None,
    })
}

fn years_earlier(gap: i64) -> String {
    match gap {
        0 => "In the same year".to_string(),
        n => format!("{} earlier", format::count(n, "year")),
    }
}

fn round_two_figures(value: f64) -> f64 {
    if value <= 0.0 {
        return value;
    }
    let magnitude = 10f64.powi(value.log10().floor() as i32 - 1);
    (value / magnitude).round() * magnitude
}

/// Whole calendar months from `from` to `to`, or `None` if `to` comes first.
fn whole_months(from: NaiveDate, to: NaiveDate) -> Option<i64> {
    if to < from {
        return None;
    }
    let mut months = 0u32;
    while from.checked_add_months(Months::new(months + 1))? <= to {
        months += 1;
    }
    Some(i64::from(months))
}

fn month_bracket(months: i64) -> String {
    match months {
        0 => "Less than a month".to_string(),
        1 => "Between 1 and 2 months".to_string(),
        n => format!("Between {n} and {} months", n + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_months_counts_calendar_months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(whole_months(d(2014, 10, 10), d(2015, 3, 26)), Some(5));
        assert_eq!(whole_months(d(2014, 1, 16), d(2014, 10, 10)), Some(8));
        assert_eq!(whole_months(d(2014, 1, 16), d(2014, 2, 16)), Some(1));
        assert_eq!(whole_months(d(2014, 2, 16), d(2014, 1, 16)), None);
    }

    #[test]
    fn rounding_keeps_two_figures() {
        assert_eq!(round_two_figures(4_950_000.0), 5_000_000.0);
        assert_eq!(round_two_figures(1_980_000.0), 2_000_000.0);
        assert_eq!(round_two_figures(73_500_000.0), 74_000_000.0);
    }
}
