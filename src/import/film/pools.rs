//! The shipped pools of well-known names an imported film's wrong choices
//! come from: film people by craft (performers by how acting awards name
//! them), production companies, festivals, countries, cities and award
//! categories. They are data, `questions/pools/*.json`, embedded at build
//! time; nothing here names anyone.
//!
//! A pool is read once. Each entry carries the years it fits (a career, a
//! company's life, a festival's first edition), so that a film is offered
//! wrong choices of its own time: a decoy anyone could rule out (someone
//! who had not started working, or had long stopped) teaches nothing.

use serde::Deserialize;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

const PEOPLE: &str = include_str!("../../../questions/pools/people.json");
const COMPANIES: &str = include_str!("../../../questions/pools/companies.json");
const FESTIVALS: &str = include_str!("../../../questions/pools/festivals.json");
const COUNTRIES: &str = include_str!("../../../questions/pools/countries.json");
const CITIES: &str = include_str!("../../../questions/pools/cities.json");
const AWARDS: &str = include_str!("../../../questions/pools/awards.json");

/// A name and the years it fits: `[name, first year, last year]`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Span(pub String, pub i32, pub i32);

#[derive(Debug, Deserialize)]
struct PeopleFile {
    actors: Vec<Span>,
    actresses: Vec<Span>,
    directors: Vec<Span>,
    composers: Vec<Span>,
    cinematographers: Vec<Span>,
    editors: Vec<Span>,
    producers: Vec<Span>,
}

#[derive(Debug, Deserialize)]
struct CompaniesFile {
    production_companies: Vec<Span>,
}

/// A festival, the year of its first edition, and other names for it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Festival {
    pub name: String,
    pub since: i32,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct FestivalsFile {
    festivals: Vec<Festival>,
}

/// A country: its ISO 3166-1 code, the name the game uses, other names
/// sources use, and whether it is one of the big cinema markets.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Country {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub market: bool,
}

#[derive(Debug, Deserialize)]
struct CountriesFile {
    countries: Vec<Country>,
}

/// A city and its country's code.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct City(pub String, pub String);

#[derive(Debug, Deserialize)]
struct CitiesFile {
    cities: Vec<City>,
}

/// An award category: always given, or only in some years.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Category {
    Always((String,)),
    Between((String, i32, i32)),
}

impl Category {
    pub fn name(&self) -> &str {
        match self {
            Category::Always((n,)) | Category::Between((n, _, _)) => n,
        }
    }

    /// Whether the category was given in `year` (any year when unknown).
    pub fn given_in(&self, year: Option<i32>) -> bool {
        match (self, year) {
            (Category::Between((_, from, to)), Some(y)) => (*from..=*to).contains(&y),
            _ => true,
        }
    }
}

/// An award body, its other names, and its categories.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Body {
    pub body: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Deserialize)]
struct AwardsFile {
    bodies: Vec<Body>,
}

/// Every pool, read.
#[derive(Debug)]
pub(crate) struct Pools {
    pub actors: Vec<Span>,
    pub actresses: Vec<Span>,
    pub directors: Vec<Span>,
    pub composers: Vec<Span>,
    pub cinematographers: Vec<Span>,
    pub editors: Vec<Span>,
    pub producers: Vec<Span>,
    pub companies: Vec<Span>,
    pub festivals: Vec<Festival>,
    pub countries: Vec<Country>,
    pub cities: Vec<City>,
    pub bodies: Vec<Body>,
}

static POOLS: LazyLock<Result<Pools, String>> = LazyLock::new(read);

/// The pools, or why the embedded data could not be read (a broken build;
/// a unit test reads them all).
pub(crate) fn pools() -> Result<&'static Pools, String> {
    POOLS.as_ref().map_err(Clone::clone)
}

fn read() -> Result<Pools, String> {
    fn load<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<T, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("the shipped pool questions/pools/{name} cannot be read: {e}"))
    }
    let people: PeopleFile = load("people.json", PEOPLE)?;
    let companies: CompaniesFile = load("companies.json", COMPANIES)?;
    let festivals: FestivalsFile = load("festivals.json", FESTIVALS)?;
    let countries: CountriesFile = load("countries.json", COUNTRIES)?;
    let cities: CitiesFile = load("cities.json", CITIES)?;
    let awards: AwardsFile = load("awards.json", AWARDS)?;
    Ok(Pools {
        actors: people.actors,
        actresses: people.actresses,
        directors: people.directors,
        composers: people.composers,
        cinematographers: people.cinematographers,
        editors: people.editors,
        producers: people.producers,
        companies: companies.production_companies,
        festivals: festivals.festivals,
        countries: countries.countries,
        cities: cities.cities,
        bodies: awards.bodies,
    })
}

/// How a name is compared with the film's credits: without accents, case,
/// spaces or punctuation, so that `J.K. Smith`, `J. K. Smith` and
/// `j k smith` are one person, and `Zoë` is `Zoe`. A false match only
/// drops a decoy, which is the safe side.
pub(crate) fn key(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The names of `list` that fit `year`: active from at most a year after
/// it until at least two years before it. Where fewer than `at_least` fit,
/// the window widens five years at a time (an old or a future film still
/// gets the names nearest its time).
pub(crate) fn around(list: &[Span], year: i32, at_least: usize) -> Vec<String> {
    let mut out = Vec::new();
    for widen in (0..=60).step_by(5) {
        out = list
            .iter()
            .filter(|Span(_, from, to)| *from <= year + 1 + widen && *to >= year - 2 - widen)
            .map(|Span(name, _, _)| name.clone())
            .collect();
        if out.len() >= at_least {
            break;
        }
    }
    out
}

impl Pools {
    /// The country with ISO 3166-1 code `code`.
    pub fn country_by_code(&self, code: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code.trim()))
    }

    /// The country a source names `name` (its name or another name for it).
    pub fn country_by_name(&self, name: &str) -> Option<&Country> {
        let k = key(name);
        self.countries
            .iter()
            .find(|c| key(&c.name) == k || c.aliases.iter().any(|a| key(a) == k))
    }

    /// The festival a source calls `name`, if the pool knows it: by its
    /// name or another, or by a note that holds one of them ("Berlinale"
    /// in a note that reads "World premiere, Berlinale").
    pub fn festival(&self, name: &str) -> Option<&Festival> {
        let k = key(name);
        if k.is_empty() {
            return None;
        }
        let words = words_of(name);
        let named = |f: &Festival, test: &dyn Fn(&str) -> bool| {
            test(&f.name) || f.aliases.iter().any(|a| test(a))
        };
        self.festivals
            .iter()
            .find(|f| named(f, &|n| key(n) == k))
            .or_else(|| {
                self.festivals.iter().find(|f| {
                    named(f, &|n| {
                        let w = words_of(n);
                        !w.is_empty() && contains_run(&words, &w)
                    })
                })
            })
    }

    /// The award body a source calls `name`, if the pool knows it.
    pub fn body(&self, name: &str) -> Option<&Body> {
        let k = key(name);
        self.bodies
            .iter()
            .find(|b| key(&b.body) == k || b.aliases.iter().any(|a| key(a) == k))
    }
}

/// The words of `text`, compared as [`key`] compares names.
pub(crate) fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(key)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `run` appears, word for word and in order, in `words`.
fn contains_run(words: &[String], run: &[String]) -> bool {
    run.len() <= words.len() && words.windows(run.len()).any(|w| w == run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pool_reads_and_is_big_enough_to_rotate() {
        let p = pools().unwrap();
        for (name, list) in [
            ("actors", &p.actors),
            ("actresses", &p.actresses),
            ("directors", &p.directors),
            ("composers", &p.composers),
            ("cinematographers", &p.cinematographers),
            ("editors", &p.editors),
            ("producers", &p.producers),
            ("companies", &p.companies),
        ] {
            assert!(list.len() >= 30, "{name}: {}", list.len());
            for Span(n, from, to) in list {
                assert!(from <= to, "{name}: {n}");
                assert_eq!(n.trim(), n, "{name}: {n:?}");
            }
            let mut keys: Vec<String> = list.iter().map(|s| key(&s.0)).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), list.len(), "{name} lists someone twice");
        }
        assert!(p.festivals.len() >= 20);
        assert!(p.countries.iter().filter(|c| c.market).count() >= 20);
        assert!(p.cities.len() >= 50);
        for body in &p.bodies {
            assert!(body.categories.len() >= 6, "{}", body.body);
        }
    }

    #[test]
    fn keys_ignore_accents_case_spacing_and_dots() {
        assert_eq!(key("J.K. Smith"), key("j. k.  SMITH"));
        assert_eq!(key("Zoë Ode"), key("Zoe Ode"));
        assert_ne!(key("Ann Lee"), key("Anna Lee"));
    }

    #[test]
    fn names_of_the_time_come_first() {
        let list = vec![
            Span("Old".into(), 1930, 1960),
            Span("Now".into(), 2000, 2025),
            Span("Late".into(), 2020, 2025),
        ];
        assert_eq!(around(&list, 2010, 1), ["Now"]);
        assert_eq!(around(&list, 1950, 1), ["Old"]);
        // Widened until enough fit.
        assert_eq!(around(&list, 2010, 2), ["Now", "Late"]);
    }

    #[test]
    fn countries_and_festivals_are_found_by_any_name() {
        let p = pools().unwrap();
        assert_eq!(p.country_by_code("gb").unwrap().name, "United Kingdom");
        assert_eq!(
            p.country_by_name("United States of America").unwrap().code,
            "US"
        );
        let f = p.festival("World premiere at the Berlinale").unwrap();
        assert_eq!(f.name, "Berlin International Film Festival");
        assert!(p.festival("Premiere").is_none());
        assert!(p.festival("").is_none());
        assert_eq!(p.body("BAFTA Award").unwrap().body, "BAFTA Awards");
    }
}
