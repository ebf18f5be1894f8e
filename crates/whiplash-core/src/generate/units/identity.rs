//! The film itself: its year, country and genre.

use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, normalize};

/// Countries offered as wrong choices when the record lists the film's
/// countries (lists are complete, so any other country is certainly wrong).
pub(crate) const COUNTRIES: &[&str] = &[
    "United Kingdom",
    "New Zealand",
    "South Korea",
    "South Africa",
    "France",
    "Germany",
    "Australia",
    "Italy",
    "Spain",
    "Japan",
    "Ireland",
    "Mexico",
    "Sweden",
    "Argentina",
    "Canada",
    "Denmark",
    "Portugal",
    "Chile",
    "Belgium",
    "Austria",
    "Switzerland",
    "Costa Rica",
    "Sri Lanka",
    "Czech Republic",
    "Saudi Arabia",
];

/// Genres offered as wrong choices: far enough apart that a film listed as
/// one is certainly not another.
const GENRES: &[&str] = &[
    "Western",
    "Horror",
    "Science fiction",
    "Animation",
    "Documentary",
    "Fantasy",
    "War",
    "Slapstick comedy",
    "Martial arts",
    "Superhero",
    "Noir",
    "Heist",
    "Spy",
];

/// Kinds of film rather than genres: never offered as wrong genres (a
/// live-action film rules them out at a glance, an animated one may be
/// either).
const FORMATS: &[&str] = &["animation", "documentary"];

/// Genres that overlap, so that a film of one may well be called the
/// other: never a wrong choice for each other.
const NEAR: &[(&str, &str)] = &[
    ("thriller", "horror"),
    ("crime", "horror"),
    ("horror", "fantasy"),
    ("action", "martial arts"),
    ("action", "superhero"),
    ("action", "war"),
    ("action", "science fiction"),
    ("adventure", "fantasy"),
    ("adventure", "science fiction"),
    ("adventure", "western"),
    ("comedy", "slapstick comedy"),
    ("family", "animation"),
    ("fantasy", "animation"),
    ("science fiction", "superhero"),
    ("drama", "war"),
    ("crime", "noir"),
    ("thriller", "noir"),
    ("crime", "heist"),
    ("thriller", "heist"),
    ("action", "heist"),
    ("thriller", "spy"),
    ("action", "spy"),
];

/// Whether `g` may be offered as a wrong genre to a film of `listed`.
fn far_genre(g: &str, listed: &[String]) -> bool {
    let g = normalize(g);
    let is = |a: &str, b: &str| a.contains(b) || b.contains(a);
    let listed: Vec<String> = listed.iter().map(|l| normalize(l)).collect();
    // A format is never a wrong genre: an animated film may be a
    // documentary, and a live-action one is ruled out at a glance.
    let format = FORMATS.contains(&g.as_str());
    let near = listed.iter().any(|l| {
        is(&g, l)
            || NEAR
                .iter()
                .any(|(a, b)| (is(l, a) && g == *b) || (is(l, b) && g == *a))
    });
    !format && !near
}

/// Languages offered as wrong choices when the record lists the film's.
const LANGUAGES: &[&str] = &[
    "English",
    "French",
    "German",
    "Spanish",
    "Italian",
    "Japanese",
    "Korean",
    "Swedish",
    "Danish",
    "Portuguese",
    "Polish",
    "Turkish",
    "Hindi",
    "Mandarin",
    "Russian",
    "Dutch",
];

/// Needs `year`; `countries`, `genres` and `languages` (wrong choices come
/// from fixed lists); `original_title` with three `decoys.titles`.
pub fn ask(facts: &Facts, out: &mut Out) {
    year(facts, out);
    countries(facts, out);
    genres(facts, out);
    languages(facts, out);
}

fn languages(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let listed = &facts.film.languages;
    if let Some(main) = listed.first() {
        let taken: Vec<String> = listed.iter().map(|l| normalize(l)).collect();
        let pool: Vec<String> = facts
            .language_decoys(LANGUAGES)
            .into_iter()
            .filter(|l| !taken.contains(&normalize(l)))
            .collect();
        out.push(
            Draft::new("identity", Category::Story, Difficulty::Easy)
                .fact("languages")
                // Korean and South Korea give each other away: one of the
                // language, the country and the first opening per game.
                .fact("countries")
                .fact("release.countries")
                .prompt(format!(
                    "Which language do the characters of {t} mainly speak?"
                ))
                .answer(choice(main))
                .names(pool)
                .explain(format!(
                    "Its characters speak {}.",
                    format::and_list(&listed.iter().map(|l| choice(l)).collect::<Vec<_>>())
                )),
        );
    }
    if let Some(original) = &facts.film.original_title {
        let language = listed
            .first()
            .map(|l| format!("{} ", choice(l)))
            .unwrap_or_default();
        out.push(
            Draft::new("identity", Category::Story, Difficulty::Medium)
                .fact("original_title")
                // Its prompt names the language, which tells the country.
                .shows(&["languages", "countries", "release.countries"])
                .prompt(format!("What is the original {language}title of {t}?"))
                .answer(original)
                .names(facts.title_decoys())
                .explain(format!("It first came out as {original}.")),
        );
    }
}

fn year(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let y = facts.film.year;
    let d = Draft::new("identity", Category::Dates, Difficulty::Easy)
        .fact("year")
        .explain(format!("{t} reached audiences in {y}."));
    // No wrong year after an award it won or was up for: the film came
    // out by then ("released in 2024" beside "the 2023 Academy Awards").
    let latest = facts
        .film
        .awards
        .iter()
        .filter_map(|a| a.year)
        .min()
        .unwrap_or(i32::MAX)
        .max(y);
    let screened = facts.screened_years();
    match choices::years(out.rng, y, i32::MIN..=latest, &screened) {
        Some(wrong) => {
            out.push(
                d.prompt(format!("In which year was {t} released?"))
                    .numbers(y, &wrong, |v: i32| v.to_string()),
            );
        }
        None => {
            // One side closed: the year stated true, or false three years
            // or more before it (a year next to it may be a festival's).
            let shown = if choices::coin(out.rng) {
                Some(y)
            } else {
                let before: Vec<i32> = (3..=6)
                    .map(|k| y - k)
                    .filter(|v| !screened.contains(v))
                    .collect();
                out.rng.pick(&before).copied()
            };
            if let Some(shown) = shown {
                out.push(d.true_false(&format!("{t} was released in {shown}."), shown == y));
            }
        }
    }
}

/// Capitalised, as a choice reads.
fn choice(text: &str) -> String {
    format::capitalize(text)
}

fn countries(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let listed = &facts.film.countries;
    let Some(answer) = out.rng.pick(listed).cloned() else {
        return;
    };
    let taken: Vec<String> = listed.iter().map(|c| normalize(c)).collect();
    let pool: Vec<String> = facts
        .country_decoys(COUNTRIES)
        .into_iter()
        .filter(|c| !taken.contains(&normalize(c)))
        .collect();
    let prompt = if listed.len() == 1 {
        format!("Which country made {t}?")
    } else {
        format!("Which of these countries helped make {t}?")
    };
    out.push(
        Draft::new("identity", Category::Story, Difficulty::Easy)
            .fact("countries")
            .prompt(prompt)
            .answer(answer)
            .names(pool)
            .explain(format!(
                "It is a production of {}.",
                format::and_list(&listed.iter().map(|c| format::place(c)).collect::<Vec<_>>())
            )),
    );
}

fn genres(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let listed = &facts.film.genres;
    let Some(answer) = out.rng.pick(listed).map(|g| choice(g)) else {
        return;
    };
    let taken: Vec<String> = listed.iter().map(|g| normalize(g)).collect();
    let pool: Vec<String> = match &facts.film.decoys {
        // A record's own wrong genres are the author's to vouch for.
        Some(d) if d.genres.is_some() => facts.genre_decoys(GENRES),
        _ => GENRES
            .iter()
            .filter(|g| far_genre(g, listed))
            .map(|g| g.to_string())
            .collect(),
    }
    .into_iter()
    .filter(|g| !taken.contains(&normalize(g)))
    .map(|g| choice(&g))
    .collect();
    let prompt = if listed.len() == 1 {
        format!("Which genre does {t} belong to?")
    } else {
        format!("Which of these genres does {t} belong to?")
    };
    let all: Vec<String> = listed.iter().map(|g| g.to_lowercase()).collect();
    out.push(
        Draft::new("identity", Category::Story, Difficulty::Easy)
            .fact("genres")
            .prompt(prompt)
            .answer(answer)
            .names(pool)
            .explain(format!("It is classed as {}.", format::and_list(&all))),
    );
}
