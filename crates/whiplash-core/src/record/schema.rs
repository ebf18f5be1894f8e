//! The record's schema: the film and every section, as serde reads them.

use super::*;

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
    /// Later showings at festivals or events, after the premiere.
    #[serde(default)]
    pub screenings: Vec<LaterScreening>,
    /// The first or main cinema opening: the one "first opened" may name
    /// (it is only called the first when no territory of `releases` opened
    /// earlier).
    pub release: Option<Release>,
    /// Cinema openings territory by territory.
    #[serde(default)]
    pub releases: Vec<TerritoryRelease>,
    #[serde(default)]
    pub praised_for: Vec<String>,
    pub budget: Option<Money>,
    pub gross: Option<Money>,
    /// Takings in single territories, beside the total `gross`.
    #[serde(default)]
    pub grosses: Vec<TerritoryGross>,
    pub director_rank: Option<DirectorRank>,
    #[serde(default)]
    pub awards: Vec<Award>,
    #[serde(default)]
    pub standings: Vec<Standing>,
    /// The lists the record gives only in part (`"awards"`, `"cast"`,
    /// `"standings"`, ...): nothing is claimed about what they leave out, so
    /// no count, no "widest" and no complete-list explanation is made from
    /// them.
    #[serde(default)]
    pub partial: Vec<String>,
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
    /// Film-makers who neither directed nor wrote this film: the wrong
    /// choices for its writer and director.
    pub directors: Option<Vec<String>>,
    /// People of each other craft (by job, as `crew` names it: `"editor"`,
    /// `"composer"`) who did not do that job on this film: the wrong
    /// choices for it. A job without a list here is asked against the
    /// rest of its crew alone, never against directors.
    pub crew: Option<std::collections::BTreeMap<String, Vec<String>>>,
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
    /// Countries that neither made the film nor opened it on its release
    /// date, in place of the game's own list of common ones.
    pub countries: Option<Vec<String>>,
    /// Genres it does not belong to, in place of the game's own list.
    pub genres: Option<Vec<String>>,
    /// Languages its characters do not mainly speak, in place of the
    /// game's own list.
    pub languages: Option<Vec<String>>,
    /// What the script did not draw on, worded as `script.inspiration` is
    /// (each completes "the script drew on ..."): the false forms of that
    /// statement.
    pub inspirations: Option<Vec<String>>,
    /// What did not come of the short film, worded as `short_film.outcome`
    /// is (each completes "once the short film was shown, ..."): the false
    /// forms of that statement.
    pub outcomes: Option<Vec<String>>,
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
    /// Whether the part is a voice role: "who voices", not "who plays".
    pub voice: Option<bool>,
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

/// A later showing of the film at a festival or event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaterScreening {
    pub event: String,
    pub date: NaiveDate,
    /// A festival (the default), a cinema or another event.
    #[serde(default)]
    pub kind: PremiereKind,
}

/// What the film took in one territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerritoryGross {
    pub territory: String,
    pub gross: Money,
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
    /// *(v2)* Where it was shown: a festival (the default), a cinema or
    /// something else, such as a website.
    #[serde(default)]
    pub kind: PremiereKind,
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
    /// Whether the release widened step by step; unknown when not given,
    /// and then never asked.
    #[serde(default)]
    pub gradual: Option<bool>,
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
    /// Another film the award was shared with (a tie), by its title.
    pub shared_with: Option<String>,
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
