//! Where the story takes place: the city, the named place, and whether
//! that place is real.

use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::Difficulty;

/// Needs `setting`; its city (if given) with three `decoys.cities`, its
/// place with three `decoys.places`.
pub fn ask(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let Some(s) = &facts.film.setting else { return };
    if let Some(city) = &s.city {
        out.push(
            Draft::new("setting", Category::Story, Difficulty::Easy)
                .fact("setting.city")
                .prompt(format!("Where is {t} set?"))
                .answer(city)
                .names(facts.city_decoys())
                .explain(format!("The story unfolds in {city}.")),
        );
    }
    let kind = &s.kind;
    out.push(
        Draft::new("setting", Category::Story, Difficulty::Medium)
            .fact("setting.place")
            .shows(&["setting.fictional"])
            .prompt(format!("What is the {kind} at the centre of {t} called?"))
            .answer(&s.place)
            .names(facts.place_decoys())
            .explain(format!(
                "It is {}, {}.",
                s.place,
                if s.fictional {
                    "a place made up for the film"
                } else {
                    "a real place"
                }
            )),
    );
    // Stated as real or as made up; the truth depends on which.
    let say_real = choices::coin(out.rng);
    let statement = if say_real {
        format!("{}, the {kind} in {t}, really exists.", s.place)
    } else {
        format!("{}, the {kind} in {t}, was made up for the film.", s.place)
    };
    out.push(
        Draft::new("setting", Category::Story, Difficulty::Medium)
            .fact("setting.fictional")
            .shows(&["setting.place"])
            .true_false(&statement, say_real != s.fictional)
            .explain(if s.fictional {
                format!("No such {kind} exists outside the film.")
            } else {
                format!("It is a real {kind}.")
            }),
    );
}
