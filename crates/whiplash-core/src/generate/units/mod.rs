//! One unit per kind of question. Each reads the facts it needs, skips
//! what the record does not give, and pushes its questions to [`super::Out`].
//! Every unit has a golden test of its exact text on the made-up films in
//! `tests/fixtures/films/` (`tests/integration/units.rs`).

pub mod acting_awards;
pub mod awards;
pub mod cast;
pub mod companies;
pub mod crew;
pub mod filming;
pub mod identity;
pub mod money;
pub mod premiere;
pub mod reception;
pub mod release;
pub mod script;
pub mod setting;
pub mod timeline;

use super::Facts;
use crate::format;

/// `" in the United States and Canada"`, or nothing when the record names
/// no countries for the release.
pub(crate) fn release_where(facts: &Facts) -> String {
    match &facts.film.release {
        Some(r) if !r.countries.is_empty() => format!(
            " in {}",
            format::and_list(
                &r.countries
                    .iter()
                    .map(|c| format::place(c))
                    .collect::<Vec<_>>()
            )
        ),
        _ => String::new(),
    }
}

/// The point of a "pick the closest" question: the answer on a grid of
/// `step`, close enough to the true `value` that no other grid point could
/// be the closest. `None` when the value sits near the middle of two grid
/// points at every step tried, or when the grid has no room below.
pub(crate) fn closest_grid(value: f64) -> Option<(i64, i64)> {
    if !(value.is_finite() && value > 0.0 && value < 1e12) {
        return None;
    }
    let first = ((value / 6.0).round() as i64).max(1);
    (first..=first * 3).find_map(|step| {
        let answer = (value / step as f64).round() as i64 * step;
        let fits = (value - answer as f64).abs() <= 0.3 * step as f64 && answer - 3 * step >= 1;
        fits.then_some((answer, step))
    })
}

/// Pushes `d` as a "pick the closest" question: the true `value` on a grid
/// (see [`closest_grid`]), three grid points around it, each written by
/// `show`. Nothing is pushed when no grid fits.
pub(crate) fn closest(
    out: &mut super::Out,
    d: super::Draft,
    value: f64,
    show: impl Fn(i64) -> String,
) {
    let Some((answer, step)) = closest_grid(value) else {
        return;
    };
    let Some(wrong) = super::choices::around(
        out.rng,
        (1..=3).map(|k| answer - k * step),
        (1..=3).map(|k| answer + k * step),
        |v| *v >= 1,
    ) else {
        return;
    };
    let wrong: Vec<f64> = wrong.iter().map(|w| *w as f64).collect();
    out.push(d.numbers(answer as f64, &wrong, |v| show(v as i64)));
}
