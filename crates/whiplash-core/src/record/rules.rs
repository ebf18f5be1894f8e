//! The rule checks of a loaded record, with their bounds: what types
//! cannot say (empty names, control characters, impossible numbers, dates
//! out of order, decoys equal to stated names).

use super::*;

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
        if film.releases[..i]
            .iter()
            .any(|o| crate::question::same(&o.territory, &r.territory))
        {
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
        // One country, one opening day: `releases` may add countries, not
        // contradict `release`.
        for (i, t) in film.releases.iter().enumerate() {
            let same = r
                .countries
                .iter()
                .any(|c| crate::question::same(c, &t.territory));
            if same && t.date != r.date {
                v.problem(
                    &format!("releases[{i}].date"),
                    &format!(
                        "{} opened on {} by `release`, so it cannot open on {} here",
                        t.territory, r.date, t.date
                    ),
                );
            }
        }
    }
    v.texts("praised_for", &film.praised_for);
    for (field, money) in [("budget", &film.budget), ("gross", &film.gross)] {
        if let Some(m) = money {
            v.money(field, m);
        }
    }
    for (i, g) in film.grosses.iter().enumerate() {
        v.text(&format!("grosses[{i}].territory"), &g.territory);
        v.money(&format!("grosses[{i}].gross"), &g.gross);
        if film.grosses[..i]
            .iter()
            .any(|e| crate::question::same(&e.territory, &g.territory))
        {
            v.problem(
                &format!("grosses[{i}].territory"),
                &format!(
                    "{:?} has takings already; give each territory once",
                    g.territory
                ),
            );
        }
    }
    for (i, s) in film.screenings.iter().enumerate() {
        v.text(&format!("screenings[{i}].event"), &s.event);
        v.year(&format!("screenings[{i}].date"), s.date.year());
        if let Some(p) = &film.premiere
            && s.date <= p.date
        {
            v.problem(
                &format!("screenings[{i}].date"),
                "is not after premiere.date: a screening is a later showing, and the first one is the premiere",
            );
        }
    }
    for (i, name) in film.partial.iter().enumerate() {
        if !PARTIAL.iter().any(|p| crate::question::same(p, name)) {
            v.problem(
                &format!("partial[{i}]"),
                &format!(
                    "{name:?} is not a list a record can give in part; use one of {}",
                    PARTIAL.join(", ")
                ),
            );
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
        v.opt_text(&format!("awards[{i}].shared_with"), &a.shared_with);
        if a.shared_with
            .as_deref()
            .is_some_and(|t| crate::question::same(t, &film.title))
        {
            v.problem(
                &format!("awards[{i}].shared_with"),
                "names this film; give the title of the other film the award was shared with",
            );
        }
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

/// The lists a record may mark as given in part (`partial`).
pub const PARTIAL: &[&str] = &[
    "cast",
    "crew",
    "production_companies",
    "awards",
    "praised_for",
    "themes",
    "standings",
];

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
    for (field, list) in [
        ("countries", &film.countries),
        ("genres", &film.genres),
        ("languages", &film.languages),
    ] {
        for (i, c) in list.iter().enumerate() {
            add(format!("{field}[{i}]"), c);
        }
    }
    if let Some(r) = &film.release {
        for (i, c) in r.countries.iter().enumerate() {
            add(format!("release.countries[{i}]"), c);
        }
    }
    for (i, r) in film.releases.iter().enumerate() {
        add(format!("releases[{i}].territory"), &r.territory);
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
    for (i, s) in film.screenings.iter().enumerate() {
        add(format!("screenings[{i}].event"), &s.event);
    }
    for (i, a) in film.awards.iter().enumerate() {
        if let Some(t) = &a.shared_with {
            add(format!("awards[{i}].shared_with"), t);
        }
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
    // Normalised once: every decoy is compared with every stated name.
    let stated: Vec<(String, String)> = stated_names(film)
        .into_iter()
        .map(|(field, name)| (field, normalize(&name)))
        .collect();
    let lists: [(&str, Option<Vec<String>>); 17] = [
        ("venues", d.venues.clone()),
        ("countries", d.countries.clone()),
        ("genres", d.genres.clone()),
        ("languages", d.languages.clone()),
        ("inspirations", d.inspirations.clone()),
        ("outcomes", d.outcomes.clone()),
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
    let crafts: Vec<(String, Option<Vec<String>>)> = d
        .crew
        .iter()
        .flatten()
        .map(|(job, names)| (format!("crew.{job}"), Some(names.clone())))
        .collect();
    let lists = lists
        .into_iter()
        .map(|(name, list)| (name.to_string(), list))
        .chain([("films".to_string(), films)])
        .chain(crafts);
    for (name, list) in lists {
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
            if let Some((fact, _)) = stated.iter().find(|(_, s)| *s == key) {
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
                    crate::question::same(&x.body, &a.body) && crate::question::same(&x.category, c)
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
