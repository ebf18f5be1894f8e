//! The facts layer every question unit reads: the record itself, every
//! value it mentions (so that a derived wrong choice never lands on another
//! true value), and the pools of names that wrong choices are drawn from.

use crate::question::{Key, normalize, same};
use crate::record::{Decoys, Film, Performer, YearMonth};
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

/// The decoys of a record that lists none.
static NO_DECOYS: std::sync::LazyLock<Decoys> = std::sync::LazyLock::new(Decoys::default);

/// What the units share about one film.
pub struct Facts<'a> {
    pub film: &'a Film,
    /// Every year the record mentions.
    pub years: BTreeSet<i32>,
    /// Every full date the record mentions.
    pub dates: BTreeSet<NaiveDate>,
    /// Every month the record mentions.
    pub months: BTreeSet<YearMonth>,
    /// Every name, title and place the record states, normalised: none of
    /// them is ever a wrong choice drawn from outside the record.
    stated: HashSet<Key<'a>>,
    decoys: &'a Decoys,
    /// Each decoy list less anything the record states, worked out once.
    outside: Outside,
    /// The cast's and the crew's names, normalised, in record order.
    cast_names: Vec<Key<'a>>,
    crew_names: Vec<Key<'a>>,
}

/// The decoy lists, less what the record states.
#[derive(Default)]
struct Outside {
    directors: Vec<String>,
    actors: Vec<String>,
    actresses: Vec<String>,
    companies: Vec<String>,
    distributors: Vec<String>,
    festivals: Vec<String>,
    venues: Vec<String>,
    titles: Vec<String>,
    cities: Vec<String>,
    places: Vec<String>,
    /// `decoys.crew`, by job.
    crafts: Vec<(String, Vec<String>)>,
}

impl<'a> Facts<'a> {
    pub fn new(film: &'a Film) -> Self {
        let mut f = Facts {
            film,
            years: BTreeSet::new(),
            dates: BTreeSet::new(),
            months: BTreeSet::new(),
            stated: HashSet::new(),
            decoys: film.decoys.as_ref().unwrap_or(&NO_DECOYS),
            outside: Outside::default(),
            cast_names: film.cast.iter().map(|c| Key(&c.name)).collect(),
            crew_names: film.crew.iter().map(|c| Key(&c.name)).collect(),
        };
        f.collect();
        let d = f.decoys;
        f.outside = Outside {
            directors: f.unstated(&d.directors),
            actors: f.unstated(&d.actors),
            actresses: f.unstated(&d.actresses),
            companies: f.unstated(&d.production_companies),
            distributors: f.unstated(&d.distributors),
            festivals: f.unstated(&d.festivals),
            venues: f.unstated(&d.venues),
            titles: f.unstated(&d.titles),
            cities: f.unstated(&d.cities),
            places: f.unstated(&d.places),
            crafts: d
                .crew
                .iter()
                .flatten()
                .map(|(job, names)| (job.clone(), f.unstated(&Some(names.clone()))))
                .collect(),
        };
        f
    }

    fn collect(&mut self) {
        let f = self.film;
        let mut years = vec![f.year];
        let mut dates = Vec::new();
        if let Some(s) = &f.script {
            years.push(s.completed);
        }
        if let Some(p) = f.short_film.as_ref().and_then(|s| s.premiere.as_ref()) {
            years.push(p.year);
        }
        if let Some((a, b)) = f.filming.as_ref().and_then(|fl| fl.period()) {
            years.extend([a.year, b.year]);
            self.months.extend([a, b]);
        }
        dates.extend(f.releases.iter().map(|r| r.date));
        if let Some(p) = &f.premiere {
            dates.push(p.date);
        }
        dates.extend(f.screenings.iter().map(|s| s.date));
        if let Some(r) = &f.release {
            dates.push(r.date);
            dates.extend(r.closed);
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
        self.years.extend(years);
        self.dates.extend(dates);

        let mut stated: Vec<&str> = vec![&f.title];
        stated.extend(f.crew.iter().map(|c| c.name.as_str()));
        stated.extend(f.cast.iter().map(|c| c.name.as_str()));
        stated.extend(f.production_companies.iter().map(String::as_str));
        stated.extend(f.countries.iter().map(String::as_str));
        stated.extend(f.genres.iter().map(String::as_str));
        if let Some(d) = &f.distribution {
            stated.push(&d.company);
            stated.extend(d.banners.iter().map(|b| b.name.as_str()));
        }
        if let Some(s) = &f.setting {
            stated.push(&s.place);
            stated.extend(s.city.as_deref());
        }
        stated.extend(f.original_title.as_deref());
        stated.extend(f.languages.iter().map(String::as_str));
        for d in &f.distributors {
            stated.push(&d.company);
            stated.extend(d.territories.iter().map(String::as_str));
        }
        stated.extend(f.releases.iter().map(|r| r.territory.as_str()));
        if let Some(s) = &f.short_film {
            stated.extend(s.companies.iter().map(String::as_str));
            stated.extend(s.premiere.as_ref().map(|p| p.event.as_str()));
        }
        if let Some(fl) = &f.filming {
            stated.extend(fl.city.as_deref());
        }
        if let Some(p) = &f.premiere {
            stated.push(&p.event);
            stated.extend(p.city.as_deref());
        }
        stated.extend(f.screenings.iter().map(|s| s.event.as_str()));
        stated.extend(f.awards.iter().filter_map(|a| a.shared_with.as_deref()));
        stated.extend(f.grosses.iter().map(|g| g.territory.as_str()));
        if let Some(r) = &f.director_rank {
            stated.push(&r.director);
            stated.extend(r.until.as_ref().map(|u| u.title.as_str()));
        }
        stated.extend(f.awards.iter().flat_map(|a| a.people()));
        self.stated = stated.into_iter().map(Key).collect();
    }

    /// Every year the film or its short film was shown or opened: a
    /// player could take any of them for the year it came out.
    pub fn screened_years(&self) -> Vec<i32> {
        let f = self.film;
        let mut years = vec![f.year];
        years.extend(
            f.short_film
                .iter()
                .filter_map(|s| s.premiere.as_ref())
                .map(|p| p.year),
        );
        years.extend(f.premiere.iter().map(|p| p.date.year()));
        years.extend(f.release.iter().map(|r| r.date.year()));
        years.extend(f.releases.iter().map(|r| r.date.year()));
        years
    }

    /// The first day it opened in cinemas anywhere, if the record says.
    pub fn first_opening(&self) -> Option<NaiveDate> {
        let f = self.film;
        f.release
            .iter()
            .map(|r| r.date)
            .chain(f.releases.iter().map(|r| r.date))
            .min()
    }

    /// The day it premiered, if the record says.
    pub fn premiere_date(&self) -> Option<NaiveDate> {
        self.film.premiere.as_ref().map(|p| p.date)
    }

    /// Whether the record gives the list `name` only in part.
    pub fn partial(&self, name: &str) -> bool {
        self.film.partial.iter().any(|p| same(p, name))
    }

    pub fn title(&self) -> &'a str {
        &self.film.title
    }

    /// Whether the record states `name` anywhere.
    pub fn is_stated(&self, name: &str) -> bool {
        self.stated.contains(&Key(name))
    }

    /// `list` less anything the record states.
    fn unstated(&self, list: &Option<Vec<String>>) -> Vec<String> {
        list.iter()
            .flatten()
            .filter(|n| !self.is_stated(n))
            .cloned()
            .collect()
    }

    /// Whether `job` is one that `decoys.directors` could have held.
    pub fn directing(job: &str) -> bool {
        same(job, "director") || same(job, "writer")
    }

    /// People known not to have done `job` on this film, of its craft:
    /// `decoys.directors` for a writer or director, and the record's
    /// `decoys.crew` list for the job. A composer is never offered as an
    /// editor, nor a famous director as a make-up artist.
    pub fn crew_decoys(&self, job: &str) -> Vec<String> {
        let mut out = if Self::directing(job) {
            self.outside.directors.clone()
        } else {
            Vec::new()
        };
        if let Some((_, names)) = self.outside.crafts.iter().find(|(j, _)| same(j, job)) {
            out.extend(names.iter().cloned());
        }
        out
    }

    /// Performers known not to be in the cast, of the given kind, or of
    /// both kinds when `kind` is unknown.
    pub fn cast_decoys(&self, kind: Option<Performer>) -> Vec<String> {
        let (men, women) = (&self.outside.actors, &self.outside.actresses);
        match kind {
            Some(Performer::Actor) => men.clone(),
            Some(Performer::Actress) => women.clone(),
            None => men.iter().chain(women).cloned().collect(),
        }
    }

    pub fn company_decoys(&self) -> Vec<String> {
        self.outside.companies.clone()
    }

    pub fn distributor_decoys(&self) -> Vec<String> {
        self.outside.distributors.clone()
    }

    pub fn festival_decoys(&self) -> Vec<String> {
        self.outside.festivals.clone()
    }

    pub fn venue_decoys(&self) -> Vec<String> {
        self.outside.venues.clone()
    }

    pub fn title_decoys(&self) -> Vec<String> {
        self.outside.titles.clone()
    }

    /// Every distributor and the territories it covered, from
    /// `distribution` or `distributors`.
    pub fn distributors(&self) -> Vec<(&'a str, Vec<&'a str>)> {
        let f = self.film;
        match &f.distribution {
            Some(d) => vec![(d.company.as_str(), vec![d.territory.as_str()])],
            None => f
                .distributors
                .iter()
                .map(|d| {
                    (
                        d.company.as_str(),
                        d.territories.iter().map(String::as_str).collect(),
                    )
                })
                .collect(),
        }
    }

    /// Whether `name` is in the crew.
    pub fn in_crew(&self, name: &str) -> bool {
        self.crew_names.contains(&Key(name))
    }

    pub fn city_decoys(&self) -> Vec<String> {
        self.outside.cities.clone()
    }

    pub fn theme_decoys(&self) -> Vec<String> {
        self.decoys.themes.clone().unwrap_or_default()
    }

    /// The record's `decoys.countries`, or else `common`.
    pub fn country_decoys(&self, common: &[&str]) -> Vec<String> {
        Self::or_common(&self.decoys.countries, common)
    }

    /// The record's `decoys.genres`, or else `common`.
    pub fn genre_decoys(&self, common: &[&str]) -> Vec<String> {
        Self::or_common(&self.decoys.genres, common)
    }

    /// The record's `decoys.languages`, or else `common`.
    pub fn language_decoys(&self, common: &[&str]) -> Vec<String> {
        Self::or_common(&self.decoys.languages, common)
    }

    fn or_common(list: &Option<Vec<String>>, common: &[&str]) -> Vec<String> {
        match list {
            Some(l) => l.clone(),
            None => common.iter().map(|c| c.to_string()).collect(),
        }
    }

    /// What the script did not draw on.
    pub fn inspiration_decoys(&self) -> Vec<String> {
        self.decoys.inspirations.clone().unwrap_or_default()
    }

    /// What did not come of the short film.
    pub fn outcome_decoys(&self) -> Vec<String> {
        self.decoys.outcomes.clone().unwrap_or_default()
    }

    pub fn praise_decoys(&self) -> Vec<String> {
        self.decoys.praise.clone().unwrap_or_default()
    }

    pub fn place_decoys(&self) -> Vec<String> {
        self.outside.places.clone()
    }

    /// Other films of the period, as `Title (year)`.
    pub fn film_decoys(&self) -> Vec<(String, i32)> {
        self.decoys
            .films
            .iter()
            .flatten()
            .filter(|f| !self.is_stated(&f.title))
            .map(|f| (f.title.clone(), f.year))
            .collect()
    }

    /// Categories of `body` the film neither won nor was nominated for.
    pub fn category_decoys(&self, body: &str) -> Vec<String> {
        let listed: HashSet<Key> = self
            .film
            .awards
            .iter()
            .filter(|a| same(&a.body, body))
            .map(|a| Key(&a.category))
            .collect();
        self.decoys
            .awards
            .iter()
            .flatten()
            .filter(|a| same(&a.body, body))
            .flat_map(|a| a.categories.iter())
            .filter(|c| !listed.contains(&Key(c)))
            .cloned()
            .collect()
    }

    /// The people who did `job`.
    pub fn holders(&self, job: &str) -> Vec<&'a str> {
        self.film
            .crew
            .iter()
            .filter(|c| c.jobs.iter().any(|j| same(j, job)))
            .map(|c| c.name.as_str())
            .collect()
    }

    /// What awards call a cast member, if the record says.
    pub fn performer(&self, name: &str) -> Option<Performer> {
        let name = Key(name);
        let at = self.cast_names.iter().position(|c| *c == name)?;
        self.film.cast[at].performer
    }

    /// Whether `name` is in the cast.
    pub fn in_cast(&self, name: &str) -> bool {
        self.cast_names.contains(&Key(name))
    }
}

/// `film` with each person once: cast members and crew written twice (in
/// any Unicode form, case or spacing) are merged into their first entry,
/// so that one person is never two choices. `check` warns about them.
/// A record with no one written twice is used as it is.
pub fn tidy(film: &Film) -> Cow<'_, Film> {
    fn once<'s>(names: impl Iterator<Item = &'s String>) -> bool {
        let mut seen = HashSet::new();
        names.into_iter().all(|n| seen.insert(Key(n)))
    }
    let tidy = once(film.cast.iter().map(|c| &c.name))
        && once(film.crew.iter().map(|c| &c.name))
        && film.crew.iter().all(|c| once(c.jobs.iter()));
    if tidy {
        return Cow::Borrowed(film);
    }
    let mut out = film.clone();
    out.cast.clear();
    for c in &film.cast {
        match out.cast.iter_mut().find(|k| same(&k.name, &c.name)) {
            Some(k) => {
                if k.role.is_none() {
                    k.role = c.role.clone();
                }
                if k.performer.is_none() {
                    k.performer = c.performer;
                }
            }
            None => out.cast.push(c.clone()),
        }
    }
    out.crew.clear();
    for c in &film.crew {
        let at = out.crew.iter().position(|k| same(&k.name, &c.name));
        let k = match at {
            Some(i) => &mut out.crew[i],
            None => {
                out.crew.push(crate::record::CrewMember {
                    name: c.name.clone(),
                    jobs: Vec::new(),
                });
                out.crew.last_mut().expect("just pushed")
            }
        };
        for j in &c.jobs {
            if !k.jobs.iter().any(|x| same(x, j)) {
                k.jobs.push(j.clone());
            }
        }
    }
    Cow::Owned(out)
}

/// The fact key of a cast member.
pub fn cast_key(name: &str) -> String {
    format!("cast:{}", normalize(name))
}

/// The fact key of a crew job.
pub fn job_key(job: &str) -> String {
    format!("crew:{}", normalize(job))
}
