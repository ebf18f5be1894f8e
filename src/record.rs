//! The film record: structured facts about one film, and its loader.
//!
//! The schema is generic. Only `title` and `year` are required; every other
//! section is optional, and the generator asks only about what is present.
//! Loading is strict: unknown fields, wrong types and impossible values are
//! refused with the file, the field path and (where known) the line.

use crate::locate;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The built-in record, embedded so an installed binary needs no files.
pub const BUILTIN_JSON: &str = include_str!("../questions/whiplash-2014.json");
/// The name the built-in record is reported under.
pub const BUILTIN_NAME: &str = "questions/whiplash-2014.json";

/// Everything the game knows about one film.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Film {
    pub title: String,
    pub year: i32,
    /// The title in the film's own language, where it differs.
    pub original_title: Option<String>,
    /// The languages spoken in the film, the main one first.
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub genres: Vec<String>,
    #[serde(default)]
    pub crew: Vec<CrewMember>,
    #[serde(default)]
    pub cast: Vec<CastMember>,
    pub setting: Option<Setting>,
    #[serde(default)]
    pub production_companies: Vec<String>,
    pub distribution: Option<Distribution>,
    /// Several distributors, each with the territories it covered (instead
    /// of `distribution`).
    #[serde(default)]
    pub distributors: Vec<Distributor>,
    pub script: Option<Script>,
    pub short_film: Option<ShortFilm>,
    pub filming: Option<Filming>,
    #[serde(default)]
    pub themes: Vec<String>,
    pub premiere: Option<Premiere>,
    pub release: Option<Release>,
    /// Cinema openings territory by territory.
    #[serde(default)]
    pub releases: Vec<TerritoryRelease>,
    #[serde(default)]
    pub praised_for: Vec<String>,
    pub budget: Option<Money>,
    pub gross: Option<Money>,
    pub director_rank: Option<DirectorRank>,
    #[serde(default)]
    pub awards: Vec<Award>,
    #[serde(default)]
    pub standings: Vec<Standing>,
    /// Plausible wrong answers from beyond the record: never asked about,
    /// only offered as wrong choices.
    pub decoys: Option<Decoys>,
}

/// Names that are certainly not the answer to any question about this film,
/// sorted by kind so that each question draws wrong choices of its own kind.
/// Every list is optional, but a list that is given must not be empty, and
/// no decoy may equal a name, title or place the record states as a fact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decoys {
    /// Film-makers who neither directed nor wrote this film.
    pub directors: Option<Vec<String>>,
    /// Actors (men) who are not in its cast.
    pub actors: Option<Vec<String>>,
    /// Actresses who are not in its cast.
    pub actresses: Option<Vec<String>>,
    /// Production companies that did not produce it or its short.
    pub production_companies: Option<Vec<String>>,
    /// Distributors and their labels that did not release it.
    pub distributors: Option<Vec<String>>,
    /// Festivals where it did not premiere.
    pub festivals: Option<Vec<String>>,
    /// Cities where it is neither set nor filmed.
    pub cities: Option<Vec<String>>,
    /// Cinemas and venues where it did not premiere.
    pub venues: Option<Vec<String>>,
    /// Titles it was never known by, for "what is its original title?".
    pub titles: Option<Vec<String>>,
    /// Places of the same kind as the setting that are not the setting.
    pub places: Option<Vec<String>>,
    /// Other films of the period, none of them by this film's director.
    pub films: Option<Vec<FilmRef>>,
    /// Award categories the film neither won nor was nominated for, per body.
    pub awards: Option<Vec<DecoyAwards>>,
    /// Ideas the film does not explore.
    pub themes: Option<Vec<String>>,
    /// Things critics did not single out for praise (such as parts of film
    /// making the film does not use).
    pub praise: Option<Vec<String>>,
}

/// Categories of one awarding body that the film neither won nor was
/// nominated for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecoyAwards {
    pub body: String,
    pub categories: Vec<String>,
}

/// Someone behind the camera, with every job they did (`"writer"`, `"director"`...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrewMember {
    pub name: String,
    pub jobs: Vec<String>,
}

/// A lead actor, with the part they play where the source describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CastMember {
    pub name: String,
    pub role: Option<String>,
    /// Whether awards call this performer an actor or an actress, so that
    /// an award for one never offers the other as a wrong choice.
    pub performer: Option<Performer>,
}

/// How acting awards name a performer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Performer {
    Actor,
    Actress,
}

/// Where the story takes place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    /// The named place at the centre of the story (a school, a ship...).
    pub place: String,
    /// What kind of place it is, such as `"music school"`.
    pub kind: String,
    pub fictional: bool,
    /// The city it is in, where the story names one.
    pub city: Option<String>,
}

/// Who distributed the film, and the labels it went out under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    pub company: String,
    /// The part of the world the rights covered, such as `"most of the world"`.
    pub territory: String,
    #[serde(default)]
    pub banners: Vec<Banner>,
}

/// One of several distributors, and where it released the film.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distributor {
    pub company: String,
    /// Where it released the film, such as `["Japan", "South Korea"]`.
    pub territories: Vec<String>,
}

/// The day the film opened in cinemas in one territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerritoryRelease {
    pub territory: String,
    pub date: NaiveDate,
}

/// A label a distributor released the film under, in one territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Banner {
    pub name: String,
    pub territory: String,
}

/// The screenplay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// The year the script was finished.
    pub completed: i32,
    /// What the writer drew on, in the record author's words.
    pub inspiration: Option<String>,
}

/// A short film made first from part of the script.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShortFilm {
    pub title: String,
    /// How many pages of the script it adapted.
    pub pages: Option<u32>,
    pub minutes: Option<u32>,
    #[serde(default)]
    pub companies: Vec<String>,
    pub premiere: Option<Screening>,
    /// What the short led to, in the record author's words.
    pub outcome: Option<String>,
}

/// A screening at an event in a given year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    pub event: String,
    pub year: i32,
}

/// The shoot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filming {
    /// The month the shoot took place, as `"YYYY-MM"`, for a shoot within
    /// one month.
    pub month: Option<YearMonth>,
    /// The first month of a longer shoot (with `to`, instead of `month`).
    pub from: Option<YearMonth>,
    /// The last month of a longer shoot.
    pub to: Option<YearMonth>,
    pub city: Option<String>,
    pub days: Option<u32>,
}

impl Filming {
    /// The first and last month of the shoot, if the record gives them.
    pub fn period(&self) -> Option<(YearMonth, YearMonth)> {
        match (self.month, self.from, self.to) {
            (Some(m), None, None) => Some((m, m)),
            (None, Some(a), Some(b)) => Some((a, b)),
            _ => None,
        }
    }
}

/// The first public screening of the feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Premiere {
    /// The festival, cinema or event where it was first shown.
    pub event: String,
    pub date: NaiveDate,
    /// A festival (the default, as in records before version 2), a cinema
    /// or another event.
    #[serde(default)]
    pub kind: PremiereKind,
    /// Festivals only: whether it competed for the festival's prizes.
    pub in_competition: Option<bool>,
    /// Festivals only: whether it opened the festival.
    pub opening_film: Option<bool>,
    /// The city of the premiere, where the record gives it.
    pub city: Option<String>,
}

/// Where a premiere took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PremiereKind {
    #[default]
    Festival,
    Cinema,
    Other,
}

/// The cinema release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub date: NaiveDate,
    #[serde(default)]
    pub countries: Vec<String>,
    pub kind: ReleaseKind,
    pub widest_screens: Option<Quantity>,
    /// Whether the release widened step by step.
    #[serde(default)]
    pub gradual: bool,
    /// The last day in cinemas.
    pub closed: Option<NaiveDate>,
}

/// How a film first reached its audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseKind {
    Limited,
    Wide,
    Streaming,
    HomeVideo,
}

impl ReleaseKind {
    pub const ALL: [ReleaseKind; 4] = [
        ReleaseKind::Limited,
        ReleaseKind::Wide,
        ReleaseKind::Streaming,
        ReleaseKind::HomeVideo,
    ];

    /// How the kind reads as an answer.
    pub fn describe(self) -> &'static str {
        match self {
            ReleaseKind::Limited => "In a limited release",
            ReleaseKind::Wide => "In a wide release",
            ReleaseKind::Streaming => "On a streaming service, with no cinema run",
            ReleaseKind::HomeVideo => "On home video, with no cinema run",
        }
    }
}

/// A number the source may give only as a bound ("over 500").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    pub value: u64,
    #[serde(default)]
    pub bound: Bound,
}

/// Whether a quantity is exact or a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    #[default]
    Exact,
    /// The true value is greater than `value`.
    Over,
    /// The true value is less than `value`.
    Under,
}

/// An amount of money: one sum (`amount`) or a range (`min` and `max`),
/// in any ISO 4217 currency, exact or approximate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    pub amount: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub currency: Currency,
    /// Whether the source gives the sum as an estimate ("about").
    #[serde(default)]
    pub approximate: bool,
}

/// The largest amount a record may give, in any currency: 999 billion.
pub const MAX_AMOUNT: f64 = 999e9;

impl Money {
    /// One sum in `currency`.
    pub fn exact(amount: f64, currency: Currency) -> Money {
        Money {
            amount: Some(amount),
            min: None,
            max: None,
            currency,
            approximate: false,
        }
    }

    /// The lowest and highest sum the record allows (equal for one sum).
    pub fn range(&self) -> (f64, f64) {
        match (self.amount, self.min, self.max) {
            (Some(a), _, _) => (a, a),
            (None, Some(lo), Some(hi)) => (lo, hi),
            (None, Some(v), None) | (None, None, Some(v)) => (v, v),
            (None, None, None) => (0.0, 0.0),
        }
    }

    /// The sum, or the middle of the range.
    pub fn middle(&self) -> f64 {
        let (lo, hi) = self.range();
        (lo + hi) / 2.0
    }

    pub fn is_range(&self) -> bool {
        self.amount.is_none()
    }
}

/// An ISO 4217 currency code, such as `USD`, `EUR` or `SEK`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

/// Every active ISO 4217 code.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

impl Currency {
    pub const USD: Currency = Currency(*b"USD");
    pub const EUR: Currency = Currency(*b"EUR");
    pub const GBP: Currency = Currency(*b"GBP");

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// The sign written before an amount, where it is unambiguous.
    pub fn symbol(&self) -> Option<&'static str> {
        match &self.0 {
            b"USD" => Some("$"),
            b"EUR" => Some("€"),
            b"GBP" => Some("£"),
            b"JPY" => Some("¥"),
            b"INR" => Some("₹"),
            b"KRW" => Some("₩"),
            _ => None,
        }
    }
}

impl std::str::FromStr for Currency {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let b = s.as_bytes();
        if b.len() == 3
            && b.iter().all(u8::is_ascii_uppercase)
            && ISO_4217.split(' ').any(|c| c == s)
        {
            Ok(Currency([b[0], b[1], b[2]]))
        } else {
            Err(format!(
                "expected a currency code from ISO 4217, such as \"USD\", \"EUR\" or \"SEK\", found {s:?}"
            ))
        }
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where the film ranks among its director's films, and what passed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectorRank {
    pub director: String,
    /// What it was best at, such as `"highest-grossing"`.
    pub measure: String,
    pub until: Option<FilmRef>,
}

/// Another film, by title and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilmRef {
    pub title: String,
    pub year: i32,
}

/// One award the film won or was nominated for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    /// Who gives the award, such as `"Academy Awards"`.
    pub body: String,
    /// The edition year, where the source gives it.
    pub year: Option<i32>,
    pub category: String,
    pub result: AwardResult,
    /// The person honoured, for awards that go to a person rather than the film.
    pub recipient: Option<String>,
    /// Everyone honoured, for an award shared by several people (instead
    /// of `recipient`). Each may be in the cast, the crew, or neither.
    pub recipients: Option<Vec<String>>,
}

impl Award {
    /// The people honoured: none for an award to the film itself.
    pub fn people(&self) -> Vec<&str> {
        match (&self.recipient, &self.recipients) {
            (Some(r), _) => vec![r.as_str()],
            (None, Some(list)) => list.iter().map(String::as_str).collect(),
            (None, None) => Vec::new(),
        }
    }

    /// Whether it went to people rather than to the film.
    pub fn to_people(&self) -> bool {
        !self.people().is_empty()
    }
}

/// Whether a nomination won.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AwardResult {
    Won,
    Nominated,
}

/// A "best films of ..." list the film has been placed on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case", deny_unknown_fields)]
pub enum Standing {
    /// Best of a decade, named by its first year (2010 for the 2010s).
    Decade {
        decade: i32,
    },
    /// Best of a century, by ordinal (21 for the 21st century).
    Century {
        century: i32,
    },
    AllTime,
}

/// A month of a year, written `"YYYY-MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// The month `delta` months away.
    pub fn shift(self, delta: i32) -> YearMonth {
        let index = self.year * 12 + self.month as i32 - 1 + delta;
        YearMonth {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("expected a month as \"YYYY-MM\", found {s:?}");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} in {s:?} is not between 01 and 12"));
        }
        Ok(YearMonth { year, month })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a record could not be loaded: one line per problem, each led by
/// the file's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::text::lines_of(.file, .problems))]
pub struct RecordError {
    pub file: String,
    pub problems: Vec<String>,
}

/// The built-in record. It is checked by the test suite, so this cannot fail
/// in a released build; the `Result` keeps even that case from panicking.
pub fn builtin() -> Result<Film, RecordError> {
    parse(BUILTIN_NAME, BUILTIN_JSON)
}

/// Parses and checks a record. `file` names it in error messages.
pub fn parse(file: &str, text: &str) -> Result<Film, RecordError> {
    let fail = |problems| RecordError {
        file: file.to_string(),
        problems,
    };
    if text.trim().is_empty() {
        return Err(fail(vec![
            "the file is empty; a record is a JSON object".into(),
        ]));
    }
    if !text.trim_start().starts_with('{') {
        return Err(fail(vec![
            "1:1: a record is a JSON object ({...}); this file starts with something else".into(),
        ]));
    }
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let at = locate::line_col(text, locate::offset_of(text, e.line(), e.column().max(1)));
        return Err(fail(vec![format!(
            "{}:{}: not valid JSON: {}",
            at.0,
            at.1,
            plain(&locate::json_message(&e))
        )]));
    }
    let film: Film = match serde_json::from_str(text) {
        Ok(film) => film,
        Err(e) => {
            let mut problems = type_problems(text);
            if problems.is_empty() {
                let at = locate::line_col(text, locate::offset_of(text, e.line(), e.column()));
                problems.push(format!(
                    "{}:{}: {}",
                    at.0,
                    at.1,
                    plain(&locate::json_message(&e))
                ));
            }
            return Err(fail(problems));
        }
    };
    let problems: Vec<String> = validate(&film)
        .into_iter()
        .map(|p| placed(text, p))
        .collect();
    if problems.is_empty() {
        Ok(film)
    } else {
        Err(fail(problems))
    }
}

/// Prefixes a rule problem (`field `path`: ...`) with where that field is
/// written, as `line:column: `.
fn placed(text: &str, problem: String) -> String {
    let path = problem
        .strip_prefix("field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(path, _)| path);
    match path.and_then(|p| crate::locate::locate(text, p)) {
        Some((line, col)) => format!("{line}:{col}: {problem}"),
        None => problem,
    }
}

/// Whether `text` is shaped like a film record rather than a bank, judged
/// from the names of its top-level fields, even when the file is broken:
/// no `questions`, and a field only records have.
pub fn looks_like_record(text: &str) -> bool {
    let keys = top_keys(text);
    !keys.iter().any(|k| k == "questions")
        && keys
            .iter()
            .any(|k| k != "title" && FIELDS.contains(&k.as_str()))
}

/// The names of the top-level fields of a JSON object, read forgivingly:
/// strings at depth one followed by a colon, whatever else is broken.
fn top_keys(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut keys = Vec::new();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(b.len());
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if depth == 1 && b.get(j) == Some(&b':') {
                    keys.push(String::from_utf8_lossy(&b[start..end]).into_owned());
                }
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

/// Where a record names one person twice (in any Unicode form, case or
/// spacing), in the cast or in the crew: each pair of lines.
pub fn duplicate_people(film: &Film, text: &str) -> Vec<String> {
    use crate::question::normalize;
    let mut out = Vec::new();
    let at = |path: &str| {
        locate::locate(text, path)
            .map(|(l, c)| format!("{l}:{c}"))
            .unwrap_or_else(|| "?".into())
    };
    for (list, names) in [
        (
            "cast",
            film.cast
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
        ),
        ("crew", film.crew.iter().map(|c| c.name.as_str()).collect()),
    ] {
        for (j, name) in names.iter().enumerate() {
            if let Some(i) = names[..j]
                .iter()
                .position(|n| normalize(n) == normalize(name))
            {
                let (first, second) = (format!("{list}[{i}].name"), format!("{list}[{j}].name"));
                out.push(format!(
                    "{}: field `{second}`: \"{}\" is the same person as \"{}\" at {} (`{first}`); the game counts them as one, so write each person once",
                    at(&second),
                    crate::text::escape_controls(name),
                    crate::text::escape_controls(names[i]),
                    at(&first)
                ));
            }
        }
    }
    out
}

/// Every field of a film record, with the type of its value, and whether
/// the field is a list (checked element by element).
macro_rules! sections {
    ($($name:literal => $kind:ident $ty:ty),* $(,)?) => {
        /// The problems of one top-level field whose value spans
        /// `start..end`, or `None` for a field a record does not have.
        fn section(text: &str, name: &str, start: usize, end: usize) -> Option<Vec<String>> {
            match name {
                $($name => Some(sections!(@check $kind $ty, text, name, start, end)),)*
                _ => None,
            }
        }
        /// The fields a record may have.
        const FIELDS: &[&str] = &[$($name),*];
    };
    (@check one $ty:ty, $text:ident, $name:ident, $start:ident, $end:ident) => {
        part::<$ty>($text, $name, $start, $end).into_iter().collect()
    };
    (@check list $ty:ty, $text:ident, $name:ident, $start:ident, $end:ident) => {
        match (part::<Vec<$ty>>($text, $name, $start, $end), locate::elements($text, $start)) {
            (None, _) => Vec::new(),
            // Element by element, to find every wrong one.
            (Some(_), Some(items)) => items
                .into_iter()
                .enumerate()
                .filter_map(|(i, (a, b))| part::<$ty>($text, &format!("{}[{i}]", $name), a, b))
                .take(MAX_TYPE_PROBLEMS)
                .collect(),
            (Some(problem), None) => vec![problem],
        }
    };
}

/// At most this many problems are reported from one list.
const MAX_TYPE_PROBLEMS: usize = 50;

sections! {
    "title" => one String,
    "year" => one i32,
    "original_title" => one Option<String>,
    "languages" => list String,
    "countries" => list String,
    "genres" => list String,
    "crew" => list CrewMember,
    "cast" => list CastMember,
    "setting" => one Option<Setting>,
    "production_companies" => list String,
    "distribution" => one Option<Distribution>,
    "distributors" => list Distributor,
    "script" => one Option<Script>,
    "short_film" => one Option<ShortFilm>,
    "filming" => one Option<Filming>,
    "themes" => list String,
    "premiere" => one Option<Premiere>,
    "release" => one Option<Release>,
    "releases" => list TerritoryRelease,
    "praised_for" => list String,
    "budget" => one Option<Money>,
    "gross" => one Option<Money>,
    "director_rank" => one Option<DirectorRank>,
    "awards" => list Award,
    "standings" => list Standing,
    "decoys" => one Option<Decoys>,
}

/// Every problem of types in a record that is valid JSON, field by field
/// and list element by element, so that all are reported at once.
fn type_problems(text: &str) -> Vec<String> {
    let Some(members) = locate::members(text, 0) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, start, end) in &members {
        match section(text, name, *start, *end) {
            Some(problems) => out.extend(problems),
            None => {
                let (line, col) = locate::line_col(text, *start);
                let hint = closest(name, FIELDS)
                    .map(|f| format!(" (did you mean `{f}`?)"))
                    .unwrap_or_default();
                out.push(format!(
                    "{line}:{col}: field `{name}`: unknown field `{name}`{hint}; a film record has no such field"
                ));
            }
        }
    }
    for needed in ["title", "year"] {
        if !members.iter().any(|(n, _, _)| n == needed) {
            out.push(format!(
                "1:1: the record needs the field `{needed}`: every record has a `title` and a `year`"
            ));
        }
    }
    out
}

/// The problem, if any, of reading the value at `start..end` as a `T`,
/// placed at the field that is wrong.
fn part<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &str,
    start: usize,
    end: usize,
) -> Option<String> {
    // The value alone, at the same byte offsets: everything else blanked,
    // so that positions still count from the top of the file.
    let padded: String = text
        .char_indices()
        .flat_map(|(i, c)| {
            let keep = (start..end).contains(&i) || c == '\n';
            let width = if keep { 1 } else { c.len_utf8() };
            std::iter::repeat_n(if keep { c } else { ' ' }, width)
        })
        .collect();
    let mut de = serde_json::Deserializer::from_str(&padded);
    let e = serde_path_to_error::deserialize::<_, T>(&mut de).err()?;
    let inner_path = e.path().to_string();
    let full = match inner_path.as_str() {
        "" | "." => path.to_string(),
        p if p.starts_with('[') => format!("{path}{p}"),
        p => format!("{path}.{p}"),
    };
    let inner = e.into_inner();
    let message = plain(&locate::json_message(&inner));
    let (line, col) = match locate::locate(text, &full) {
        Some(at) => at,
        None => locate::line_col(text, locate::offset_of(text, inner.line(), inner.column())),
    };
    Some(format!("{line}:{col}: field `{full}`: {message}"))
}

/// The field name nearest to a misspelt one, if any is close.
fn closest<'a>(name: &str, fields: &[&'a str]) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for j in 0..b.len() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != b[j]))
                    .min(row[j] + 1)
                    .min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }
    fields
        .iter()
        .map(|f| (distance(name, f), *f))
        .filter(|(d, f)| *d <= 2.max(f.len() / 4))
        .min()
        .map(|(_, f)| f)
}

/// serde's and chrono's messages in a reader's words.
fn plain(message: &str) -> String {
    const DATE: &str =
        "expected a date like 1999-12-31 (year, month, day) that exists in the calendar";
    let chrono = [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "trailing input",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
        "impossible",
    ];
    if chrono.contains(&message) {
        return DATE.to_string();
    }
    let syntax = [
        ("trailing characters", "unexpected text after the record"),
        (
            "EOF while parsing an object",
            "the file ends before the record's closing }",
        ),
        (
            "EOF while parsing a list",
            "the file ends before a list's closing ]",
        ),
        (
            "EOF while parsing a string",
            "the file ends inside a text in quotes",
        ),
        (
            "EOF while parsing a value",
            "the file ends where a value should be",
        ),
        ("expected `,` or `}`", "expected a comma or a closing }"),
        ("expected `,` or `]`", "expected a comma or a closing ]"),
        ("expected `:`", "expected a colon after the field name"),
        ("key must be a string", "expected a field name in quotes"),
        (
            "expected value",
            "expected a value (text in quotes, a number, true, false, a list or an object)",
        ),
        ("trailing comma", "a comma with nothing after it"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "a line break or control character inside quotes; write it as \\n or \\u00XX",
        ),
        ("invalid escape", "an unknown escape after \\ inside quotes"),
        ("invalid number", "a number that cannot be read"),
        ("number out of range", "a number too large to read"),
    ];
    if let Some((_, words)) = syntax.iter().find(|(m, _)| *m == message) {
        return words.to_string();
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return match rest.split_once(", expected ") {
            Some((field, expected)) => format!(
                "unknown field {field}; the fields here are {}",
                expected.trim_start_matches("one of ").replace('`', "")
            ),
            None => format!("unknown field {rest}"),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let found = found.trim_matches('`');
        let expected = expected.trim_start_matches("one of ").replace('`', "\"");
        return format!("expected one of {expected}, found \"{found}\"");
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("needs the field {field}");
    }
    for lead in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(lead)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            return format!(
                "expected {}, found {}",
                expected_words(expected),
                found_words(found)
            );
        }
    }
    message.to_string()
}

fn expected_words(expected: &str) -> String {
    match expected {
        "a string" | "a borrowed string" => "text in quotes".into(),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list in [ ]".into(),
        "a formatted date string" => "a date like 1999-12-31".into(),
        e if e.starts_with("struct ") || e == "a map" || e.contains("enum") => {
            "an object in { }".into()
        }
        e => e.to_string(),
    }
}

fn found_words(found: &str) -> String {
    if let Some(n) = found
        .strip_prefix("integer `")
        .or_else(|| found.strip_prefix("floating point `"))
    {
        return format!("the number {}", n.trim_end_matches('`'));
    }
    if let Some(t) = found.strip_prefix("string ") {
        return format!("the text {t}");
    }
    match found {
        "boolean `true`" => "true".into(),
        "boolean `false`" => "false".into(),
        "sequence" => "a list".into(),
        "map" => "an object".into(),
        "unit value" | "null" => "null".into(),
        f => f.to_string(),
    }
}

/// Checks what types cannot: empty names, control characters, impossible
/// numbers and dates out of order. Returns every problem found.
pub fn validate(film: &Film) -> Vec<String> {
    let mut v = Validator::default();
    v.text("title", &film.title);
    v.year("year", film.year);
    v.opt_text("original_title", &film.original_title);
    v.texts("languages", &film.languages);
    v.texts("countries", &film.countries);
    v.texts("genres", &film.genres);
    for (i, c) in film.crew.iter().enumerate() {
        v.text(&format!("crew[{i}].name"), &c.name);
        if c.jobs.is_empty() {
            v.problem(&format!("crew[{i}].jobs"), "lists no jobs");
        }
        v.texts(&format!("crew[{i}].jobs"), &c.jobs);
    }
    for (i, c) in film.cast.iter().enumerate() {
        v.text(&format!("cast[{i}].name"), &c.name);
        v.opt_text(&format!("cast[{i}].role"), &c.role);
    }
    if let Some(s) = &film.setting {
        v.text("setting.place", &s.place);
        v.text("setting.kind", &s.kind);
        v.opt_text("setting.city", &s.city);
    }
    v.texts("production_companies", &film.production_companies);
    if let Some(d) = &film.distribution {
        v.text("distribution.company", &d.company);
        v.text("distribution.territory", &d.territory);
        for (i, b) in d.banners.iter().enumerate() {
            v.text(&format!("distribution.banners[{i}].name"), &b.name);
            v.text(
                &format!("distribution.banners[{i}].territory"),
                &b.territory,
            );
        }
    }
    if film.distribution.is_some() && !film.distributors.is_empty() {
        v.problem(
            "distributors",
            "gives distributors a second time: use `distribution` for one company, or `distributors` for several, not both",
        );
    }
    for (i, d) in film.distributors.iter().enumerate() {
        v.text(&format!("distributors[{i}].company"), &d.company);
        if d.territories.is_empty() {
            v.problem(
                &format!("distributors[{i}].territories"),
                "lists no territories; name at least one, such as \"Japan\"",
            );
        }
        v.texts(&format!("distributors[{i}].territories"), &d.territories);
    }
    for (i, r) in film.releases.iter().enumerate() {
        v.text(&format!("releases[{i}].territory"), &r.territory);
        v.year(&format!("releases[{i}].date"), r.date.year());
        if film.releases[..i].iter().any(|o| {
            crate::question::normalize(&o.territory) == crate::question::normalize(&r.territory)
        }) {
            v.problem(
                &format!("releases[{i}].territory"),
                &format!(
                    "{:?} has a release already; give each territory once",
                    r.territory
                ),
            );
        }
    }
    if let Some(s) = &film.script {
        v.year("script.completed", s.completed);
        v.opt_text("script.inspiration", &s.inspiration);
    }
    if let Some(s) = &film.short_film {
        v.text("short_film.title", &s.title);
        v.positive("short_film.pages", s.pages);
        v.positive("short_film.minutes", s.minutes);
        v.at_most("short_film.pages", s.pages.map(u64::from), 1000);
        v.at_most("short_film.minutes", s.minutes.map(u64::from), 1000);
        v.texts("short_film.companies", &s.companies);
        if let Some(p) = &s.premiere {
            v.text("short_film.premiere.event", &p.event);
            v.year("short_film.premiere.year", p.year);
        }
        v.opt_text("short_film.outcome", &s.outcome);
    }
    if let Some(f) = &film.filming {
        match (f.month, f.from, f.to) {
            (Some(m), None, None) => v.year("filming.month", m.year),
            (None, Some(a), Some(b)) => {
                v.year("filming.from", a.year);
                v.year("filming.to", b.year);
                if b < a {
                    v.problem("filming.to", &format!("{b} is before filming.from ({a})"));
                }
            }
            (None, Some(_), None) => v.problem(
                "filming.from",
                "needs `to` as well: the last month of the shoot, as \"YYYY-MM\"",
            ),
            (None, None, Some(_)) => v.problem(
                "filming.to",
                "needs `from` as well: the first month of the shoot, as \"YYYY-MM\"",
            ),
            (None, None, None) => {}
            (Some(_), _, _) => v.problem(
                "filming.month",
                "is given with `from`/`to`: use `month` for a shoot within one month, or `from` and `to` for a longer one",
            ),
        }
        v.opt_text("filming.city", &f.city);
        v.positive("filming.days", f.days);
        v.at_most("filming.days", f.days.map(u64::from), 3650);
    }
    v.texts("themes", &film.themes);
    if let Some(p) = &film.premiere {
        v.text("premiere.event", &p.event);
        v.year("premiere.date", p.date.year());
        v.opt_text("premiere.city", &p.city);
        if p.kind != PremiereKind::Festival {
            for (field, given) in [
                ("premiere.in_competition", p.in_competition.is_some()),
                ("premiere.opening_film", p.opening_film.is_some()),
            ] {
                if given {
                    v.problem(
                        field,
                        "belongs to a festival premiere only; this premiere's `kind` is not \"festival\"",
                    );
                }
            }
        }
    }
    if let Some(r) = &film.release {
        v.year("release.date", r.date.year());
        v.texts("release.countries", &r.countries);
        if let Some(q) = r.widest_screens {
            v.positive("release.widest_screens.value", u32::try_from(q.value).ok());
            v.at_most("release.widest_screens.value", Some(q.value), 1_000_000);
        }
        if let Some(closed) = r.closed
            && closed < r.date
        {
            v.problem("release.closed", "is before release.date");
        }
    }
    v.texts("praised_for", &film.praised_for);
    for (field, money) in [("budget", &film.budget), ("gross", &film.gross)] {
        if let Some(m) = money {
            v.money(field, m);
        }
    }
    if let Some(r) = &film.director_rank {
        v.text("director_rank.director", &r.director);
        v.text("director_rank.measure", &r.measure);
        if let Some(u) = &r.until {
            v.text("director_rank.until.title", &u.title);
            v.year("director_rank.until.year", u.year);
        }
    }
    for (i, a) in film.awards.iter().enumerate() {
        v.text(&format!("awards[{i}].body"), &a.body);
        v.text(&format!("awards[{i}].category"), &a.category);
        if let Some(y) = a.year {
            v.year(&format!("awards[{i}].year"), y);
        }
        v.opt_text(&format!("awards[{i}].recipient"), &a.recipient);
        if let Some(list) = &a.recipients {
            if a.recipient.is_some() {
                v.problem(
                    &format!("awards[{i}].recipients"),
                    "is given with `recipient`: use `recipient` for one person or `recipients` for several, not both",
                );
            }
            if list.is_empty() {
                v.problem(
                    &format!("awards[{i}].recipients"),
                    "is an empty list; leave it out for an award to the film itself",
                );
            }
            v.texts(&format!("awards[{i}].recipients"), list);
        }
    }
    for (i, s) in film.standings.iter().enumerate() {
        match *s {
            Standing::Decade { decade } if decade % 10 != 0 => v.problem(
                &format!("standings[{i}].decade"),
                "must be the decade's first year, such as 1990",
            ),
            Standing::Decade { decade } => v.year(&format!("standings[{i}].decade"), decade),
            Standing::Century { century } if !(1..=30).contains(&century) => v.problem(
                &format!("standings[{i}].century"),
                "must be between 1 and 30",
            ),
            _ => {}
        }
    }
    if let Some(d) = &film.decoys {
        decoys(&mut v, film, d);
    }
    v.problems
}

/// Every name, title and place the record states as a fact, with the field
/// that states it, compared in normalised form.
fn stated_names(film: &Film) -> Vec<(String, String)> {
    let mut out = vec![("title".to_string(), film.title.clone())];
    let mut add = |field: String, value: &str| out.push((field, value.to_string()));
    for (i, c) in film.crew.iter().enumerate() {
        add(format!("crew[{i}].name"), &c.name);
    }
    for (i, c) in film.cast.iter().enumerate() {
        add(format!("cast[{i}].name"), &c.name);
    }
    for (i, c) in film.production_companies.iter().enumerate() {
        add(format!("production_companies[{i}]"), c);
    }
    if let Some(d) = &film.distribution {
        add("distribution.company".into(), &d.company);
        for (i, b) in d.banners.iter().enumerate() {
            add(format!("distribution.banners[{i}].name"), &b.name);
        }
    }
    if let Some(s) = &film.setting {
        add("setting.place".into(), &s.place);
        if let Some(c) = &s.city {
            add("setting.city".into(), c);
        }
    }
    if let Some(t) = &film.original_title {
        add("original_title".into(), t);
    }
    for (i, d) in film.distributors.iter().enumerate() {
        add(format!("distributors[{i}].company"), &d.company);
    }
    if let Some(s) = &film.short_film {
        add("short_film.title".into(), &s.title);
        for (i, c) in s.companies.iter().enumerate() {
            add(format!("short_film.companies[{i}]"), c);
        }
        if let Some(p) = &s.premiere {
            add("short_film.premiere.event".into(), &p.event);
        }
    }
    if let Some(c) = film.filming.as_ref().and_then(|f| f.city.as_ref()) {
        add("filming.city".into(), c);
    }
    if let Some(p) = &film.premiere {
        add("premiere.event".into(), &p.event);
    }
    if let Some(r) = &film.director_rank {
        add("director_rank.director".into(), &r.director);
        if let Some(u) = &r.until {
            add("director_rank.until.title".into(), &u.title);
        }
    }
    for (i, a) in film.awards.iter().enumerate() {
        if let Some(r) = &a.recipient {
            add(format!("awards[{i}].recipient"), r);
        }
        for (j, r) in a.recipients.iter().flatten().enumerate() {
            add(format!("awards[{i}].recipients[{j}]"), r);
        }
    }
    for (i, t) in film.themes.iter().enumerate() {
        add(format!("themes[{i}]"), t);
    }
    for (i, p) in film.praised_for.iter().enumerate() {
        add(format!("praised_for[{i}]"), p);
    }
    out
}

/// The decoy rules: no empty list, no repeats, nothing the record states.
fn decoys(v: &mut Validator, film: &Film, d: &Decoys) {
    use crate::question::normalize;
    let stated = stated_names(film);
    let lists: [(&str, Option<Vec<String>>); 12] = [
        ("venues", d.venues.clone()),
        ("titles", d.titles.clone()),
        ("themes", d.themes.clone()),
        ("praise", d.praise.clone()),
        ("directors", d.directors.clone()),
        ("actors", d.actors.clone()),
        ("actresses", d.actresses.clone()),
        ("production_companies", d.production_companies.clone()),
        ("distributors", d.distributors.clone()),
        ("festivals", d.festivals.clone()),
        ("cities", d.cities.clone()),
        ("places", d.places.clone()),
    ];
    let films = d
        .films
        .as_ref()
        .map(|f| f.iter().map(|r| r.title.clone()).collect());
    for (name, list) in lists.into_iter().chain([("films", films)]) {
        let Some(list) = list else { continue };
        let field = format!("decoys.{name}");
        if list.is_empty() {
            v.problem(
                &field,
                "is an empty list; leave it out or name at least one decoy",
            );
        }
        let mut seen: Vec<String> = Vec::new();
        for (i, decoy) in list.iter().enumerate() {
            let at = if name == "films" {
                format!("{field}[{i}].title")
            } else {
                format!("{field}[{i}]")
            };
            v.text(&at, decoy);
            let key = normalize(decoy);
            if seen.contains(&key) {
                v.problem(&at, &format!("{decoy:?} is listed twice"));
            }
            seen.push(key.clone());
            if let Some((fact, _)) = stated.iter().find(|(_, s)| normalize(s) == key) {
                v.problem(
                    &at,
                    &format!(
                        "{decoy:?} is stated as a fact of this film (at `{fact}`), so it cannot be a wrong choice"
                    ),
                );
            }
        }
    }
    if let Some(films) = &d.films {
        for (i, f) in films.iter().enumerate() {
            v.year(&format!("decoys.films[{i}].year"), f.year);
        }
    }
    if let Some(awards) = &d.awards {
        if awards.is_empty() {
            v.problem(
                "decoys.awards",
                "is an empty list; leave it out or name at least one body",
            );
        }
        for (i, a) in awards.iter().enumerate() {
            v.text(&format!("decoys.awards[{i}].body"), &a.body);
            if a.categories.is_empty() {
                v.problem(
                    &format!("decoys.awards[{i}].categories"),
                    "is an empty list; name at least one category",
                );
            }
            for (j, c) in a.categories.iter().enumerate() {
                let at = format!("decoys.awards[{i}].categories[{j}]");
                v.text(&at, c);
                let clash = film.awards.iter().position(|x| {
                    normalize(&x.body) == normalize(&a.body)
                        && normalize(&x.category) == normalize(c)
                });
                if let Some(k) = clash {
                    v.problem(
                        &at,
                        &format!(
                            "{c:?} is a category the film won or was nominated for at {} (at `awards[{k}]`), so it cannot be a wrong choice",
                            a.body
                        ),
                    );
                }
            }
        }
    }
}

#[derive(Default)]
struct Validator {
    problems: Vec<String>,
}

impl Validator {
    fn problem(&mut self, field: &str, what: &str) {
        self.problems.push(format!("field `{field}`: {what}"));
    }

    /// The text rules of a bank's fields (`bank::text_fault`), worded for
    /// a record.
    fn text(&mut self, field: &str, value: &str) {
        use crate::bank::{MAX_TEXT_BYTES, TextFault};
        match crate::bank::text_fault(value) {
            None => {}
            Some(TextFault::Blank) => self.problem(field, "must not be empty"),
            Some(TextFault::Control(c)) => self.problem(
                field,
                &format!(
                    "contains the control character \\u{{{:x}}}, which cannot be shown safely",
                    c as u32
                ),
            ),
            Some(TextFault::TooLong(n)) => self.problem(
                field,
                &format!("is {n} bytes long; the limit is {MAX_TEXT_BYTES}"),
            ),
        }
    }

    fn opt_text(&mut self, field: &str, value: &Option<String>) {
        if let Some(t) = value {
            self.text(field, t);
        }
    }

    fn texts(&mut self, field: &str, values: &[String]) {
        for (i, t) in values.iter().enumerate() {
            self.text(&format!("{field}[{i}]"), t);
        }
    }

    fn year(&mut self, field: &str, year: i32) {
        if !(1870..=2200).contains(&year) {
            self.problem(field, &format!("year {year} is not between 1870 and 2200"));
        }
    }

    fn positive(&mut self, field: &str, value: Option<u32>) {
        if value == Some(0) {
            self.problem(field, "must be greater than 0");
        }
    }

    fn at_most(&mut self, field: &str, value: Option<u64>, most: u64) {
        if let Some(n) = value
            && n > most
        {
            self.problem(
                field,
                &format!(
                    "{} is more than this field allows ({})",
                    crate::format::thousands(n),
                    crate::format::thousands(most)
                ),
            );
        }
    }

    /// One sum or a range, each between 1 and [`MAX_AMOUNT`].
    fn money(&mut self, field: &str, m: &Money) {
        let sane = |v: f64| v.is_finite() && (1.0..=MAX_AMOUNT).contains(&v);
        let bad = "must be a number from 1 to 999 billion (999000000000)";
        match (m.amount, m.min, m.max) {
            (Some(a), None, None) => {
                if !sane(a) {
                    self.problem(&format!("{field}.amount"), bad);
                }
            }
            (None, Some(lo), Some(hi)) => {
                if !sane(lo) {
                    self.problem(&format!("{field}.min"), bad);
                }
                if !sane(hi) {
                    self.problem(&format!("{field}.max"), bad);
                }
                if sane(lo) && sane(hi) && hi <= lo {
                    self.problem(&format!("{field}.max"), "must be greater than `min`");
                }
            }
            (None, None, None) => self.problem(
                field,
                "needs a sum: `amount`, or `min` and `max` for a range",
            ),
            (Some(_), _, _) => self.problem(
                &format!("{field}.amount"),
                "is given with `min`/`max`: give one sum as `amount`, or a range as `min` and `max`",
            ),
            (None, Some(_), None) => {
                self.problem(&format!("{field}.min"), "needs `max` as well, for a range")
            }
            (None, None, Some(_)) => {
                self.problem(&format!("{field}.max"), "needs `min` as well, for a range")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"title": "Example", "year": 1999}"#;

    #[test]
    fn builtin_record_loads() {
        let film = builtin().expect("built-in record is valid");
        assert!(!film.title.is_empty());
    }

    #[test]
    fn minimal_record_needs_only_title_and_year() {
        let film = parse("min.json", MINIMAL).unwrap();
        assert_eq!(film.year, 1999);
        assert!(film.cast.is_empty() && film.awards.is_empty());
    }

    #[test]
    fn typo_in_a_field_names_file_and_field() {
        let err = parse(
            "typo.json",
            r#"{"title": "X", "year": 2000, "release": {"date": "2000-01-01", "knd": "wide"}}"#,
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("typo.json: 1:"), "{msg}");
        assert!(msg.contains("field `release.knd`"), "{msg}");
        assert!(msg.contains("unknown field `knd`"), "{msg}");
    }

    #[test]
    fn wrong_type_names_the_field_path() {
        let err = parse(
            "types.json",
            "{\"title\": \"X\",\n \"year\": 2000,\n \"cast\": [{\"name\": 5}]}",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("types.json: 3:"), "{msg}");
        assert!(msg.contains("field `cast[0].name`"), "{msg}");
        assert!(
            msg.contains("expected text in quotes, found the number 5"),
            "{msg}"
        );
    }

    #[test]
    fn bad_dates_and_months_are_refused() {
        let err = parse(
            "d.json",
            r#"{"title": "X", "year": 2000, "premiere": {"event": "E", "date": "2000-02-30", "in_competition": true, "opening_film": false}}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("field `premiere.date`"), "{err}");
        let err = parse(
            "m.json",
            r#"{"title": "X", "year": 2000, "filming": {"month": "2000-13", "city": "C"}}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("month 13"), "{err}");
    }

    #[test]
    fn every_semantic_problem_is_reported() {
        let err = parse(
            "s.json",
            r#"{"title": " ", "year": 3000, "cast": [{"name": "A\u001b[2J"}],
                "release": {"date": "2000-05-01", "kind": "wide", "closed": "2000-01-01"}}"#,
        )
        .unwrap_err();
        let all = err.to_string();
        assert_eq!(err.problems.len(), 4, "{all}");
        assert!(all.contains("field `title`: must not be empty"));
        assert!(all.contains("year 3000"));
        assert!(all.contains("field `cast[0].name`: contains the control character \\u{1b}"));
        assert!(all.contains("field `release.closed`: is before release.date"));
    }

    #[test]
    fn empty_and_trailing_text_are_refused() {
        assert!(
            parse("e.json", "  \n")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
        let err = parse("t.json", &format!("{MINIMAL} x")).unwrap_err();
        assert!(err.to_string().contains("unexpected text"), "{err}");
    }

    #[test]
    fn every_type_problem_is_reported_at_once_in_plain_words() {
        let text = "{\"title\": \"X\",\n \"year\": \"2000\",\n \"cast\": [{\"name\": \"A\"}, {\"name\": 5}, {\"nmae\": \"B\"}],\n \"premiere\": {\"event\": \"E\", \"date\": \"2000-02-30\"},\n \"relase\": {}}";
        let err = parse("all.json", text).unwrap_err();
        let all = err.to_string();
        assert_eq!(err.problems.len(), 5, "{all}");
        assert!(
            all.contains(
                "all.json: 2:10: field `year`: expected a whole number, found the text \"2000\""
            ),
            "{all}"
        );
        assert!(
            all.contains("3:35: field `cast[1].name`: expected text in quotes, found the number 5"),
            "{all}"
        );
        assert!(all.contains("field `cast[2].nmae`: unknown field `nmae`; the fields here are name, role, performer"), "{all}");
        assert!(
            all.contains("4:37: field `premiere.date`: expected a date like 1999-12-31"),
            "{all}"
        );
        assert!(
            all.contains("5:12: field `relase`: unknown field `relase` (did you mean `release`?)"),
            "{all}"
        );
        assert!(
            !all.contains("i32") && !all.contains("invalid characters"),
            "{all}"
        );
    }

    #[test]
    fn schema_two_fields_load() {
        let film = parse(
            "v2.json",
            r#"{"title": "Y", "year": 2001, "original_title": "Ÿ", "languages": ["Swedish"],
               "premiere": {"event": "Bio Rio", "date": "2001-02-03", "kind": "cinema"},
               "setting": {"place": "P", "kind": "farm", "fictional": false},
               "distributors": [{"company": "A", "territories": ["Sweden"]}, {"company": "B", "territories": ["Japan", "Korea"]}],
               "releases": [{"territory": "Sweden", "date": "2001-03-01"}],
               "filming": {"from": "2000-05", "to": "2000-09"},
               "budget": {"min": 30000000, "max": 40000000, "currency": "SEK", "approximate": true},
               "gross": {"amount": 2000000, "currency": "USD"},
               "awards": [{"body": "B", "category": "Best Sound", "result": "won", "recipients": ["C", "D"]}]}"#,
        )
        .unwrap();
        assert_eq!(film.awards[0].people(), ["C", "D"]);
        assert_eq!(film.budget.unwrap().currency.code(), "SEK");
        assert_eq!(
            film.filming.unwrap().period().unwrap().1.to_string(),
            "2000-09"
        );
    }

    #[test]
    fn schema_two_rules_are_located() {
        let err = parse(
            "bad.json",
            "{\"title\": \"Y\", \"year\": 2001,\n \"premiere\": {\"event\": \"Bio\", \"date\": \"2001-02-03\", \"kind\": \"cinema\", \"opening_film\": true},\n \"budget\": {\"amount\": 9e18, \"currency\": \"USD\"},\n \"gross\": {\"min\": 5, \"max\": 2, \"currency\": \"XYZ\"}}",
        )
        .unwrap_err();
        let all = err.to_string();
        assert_eq!(err.problems.len(), 1, "{all}");
        assert!(all.contains("4:"), "{all}");
        assert!(all.contains("ISO 4217"), "{all}");
        let err = parse(
            "bad.json",
            "{\"title\": \"Y\", \"year\": 2001,\n \"premiere\": {\"event\": \"Bio\", \"date\": \"2001-02-03\", \"kind\": \"cinema\", \"opening_film\": true},\n \"budget\": {\"amount\": 9e18, \"currency\": \"USD\"},\n \"gross\": {\"min\": 5, \"max\": 2, \"currency\": \"EUR\"},\n \"filming\": {\"from\": \"2000-05\"}}",
        )
        .unwrap_err();
        let all = err.to_string();
        assert_eq!(err.problems.len(), 4, "{all}");
        assert!(
            all.contains(
                "2:87: field `premiere.opening_film`: belongs to a festival premiere only"
            ),
            "{all}"
        );
        assert!(
            all.contains("3:23: field `budget.amount`: must be a number from 1 to 999 billion"),
            "{all}"
        );
        assert!(
            all.contains("4:29: field `gross.max`: must be greater than `min`"),
            "{all}"
        );
        assert!(
            all.contains("field `filming.from`: needs `to` as well"),
            "{all}"
        );
    }

    #[test]
    fn year_month_shifts_across_years() {
        let m: YearMonth = "2013-11".parse().unwrap();
        assert_eq!(m.shift(3).to_string(), "2014-02");
        assert_eq!(m.shift(-11).to_string(), "2012-12");
    }
}
