//! The people behind the camera: who held each job, and who held several.

use crate::format;
use crate::generate::facts::job_key;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, normalize, same};

/// How "Who ___ the film?" reads for a job, where it reads well.
pub(crate) fn job_verb(job: &str) -> Option<&'static str> {
    Some(match normalize(job).as_str() {
        "writer" => "wrote",
        "director" => "directed",
        "producer" => "produced",
        "editor" => "edited",
        "composer" => "scored",
        "cinematographer" => "photographed",
        _ => return None,
    })
}

pub fn ask(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let crew = &facts.film.crew;
    let mut jobs: Vec<String> = Vec::new();
    for j in crew.iter().flat_map(|c| &c.jobs) {
        if !jobs.iter().any(|k| same(k, j)) {
            jobs.push(j.clone());
        }
    }
    let partial = facts.partial("crew");
    for job in &jobs {
        let holders = facts.holders(job);
        // One of several, or of a list given in part: "who directed it?"
        // would claim one person did.
        if holders.len() > 1 || partial {
            one_of(facts, out, job, &holders);
            continue;
        }
        let [holder] = holders[..] else {
            continue;
        };
        let pool = craft_pool(facts, job);
        let prompt = match job_verb(job) {
            Some(verb) => format!("Who {verb} {t}?"),
            None => format!("Who was the {job} of {t}?"),
        };
        out.push(
            Draft::new("crew", Category::Crew, Difficulty::Easy)
                .fact(job_key(job))
                .prompt(prompt)
                .answer(holder)
                .names(pool)
                .explain(match job_verb(job) {
                    Some(verb) => format!("{holder} {verb} it."),
                    None => format!("{holder} was its {job}."),
                }),
        );
    }
    // Several jobs in one pair of hands, stated true or false. The false
    // form swaps one of the jobs for one another of the crew held (so the
    // statement is false however many jobs it names), or, failing that,
    // names someone known to have held none of them.
    for member in crew.iter().filter(|c| c.jobs.len() >= 2) {
        let verbs: Option<Vec<&str>> = member.jobs.iter().map(|j| job_verb(j)).collect();
        let Some(verbs) = verbs else { continue };
        let others: Vec<&String> = jobs
            .iter()
            .filter(|j| job_verb(j).is_some() && !member.jobs.iter().any(|m| same(m, j)))
            .collect();
        // Known to have held none of the jobs: each job's list read once.
        let lists: Vec<Vec<String>> = member.jobs.iter().map(|j| facts.crew_decoys(j)).collect();
        let decoys: Vec<String> = facts
            .crew_decoys("director")
            .into_iter()
            .filter(|d| lists.iter().all(|l| l.contains(d)))
            .collect();
        let mut d = Draft::new("crew", Category::Crew, Difficulty::Medium);
        for job in &member.jobs {
            d = d.fact(job_key(job));
        }
        let truth = choices::coin(out.rng);
        // The swap is drawn either way and its job's fact carried by both
        // forms, so that a game deals either as often: once its holder is
        // shown, the swap gives itself away.
        let swap = out.rng.pick(&others).copied();
        if let Some(swap) = swap {
            d = d.fact(job_key(swap));
        }
        let (who, said) = if truth {
            (member.name.clone(), verbs.clone())
        } else if let Some(swap) = swap {
            let mut said = verbs.clone();
            let at = out.rng.below(said.len());
            said[at] = job_verb(swap).unwrap_or_default();
            (member.name.clone(), said)
        } else if let Some(decoy) = out.rng.pick(&decoys) {
            (decoy.clone(), verbs.clone())
        } else {
            continue;
        };
        let keys: Vec<String> = member.jobs.iter().map(|j| job_key(j)).collect();
        out.push(
            d.shows(&keys)
                .true_false(&format!("{who} {} {t}.", format::and_list(&said)), truth)
                // Not "it was X who...": another may share a job.
                .explain(format!("{} {} it.", member.name, format::and_list(&verbs))),
        );
    }
}

/// "Which of these worked on it as an editor?": one of the job's holders,
/// among people of its craft known not to have held it.
fn one_of(facts: &Facts, out: &mut Out, job: &str, holders: &[&str]) {
    let t = facts.title();
    let Some(holder) = out.rng.pick(holders).map(|h| h.to_string()) else {
        return;
    };
    let pool = craft_pool(facts, job);
    let article = if job.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c)) {
        "an"
    } else {
        "a"
    };
    out.push(
        Draft::new("crew", Category::Crew, Difficulty::Medium)
            .fact(job_key(job))
            .prompt(format!("Which of these worked on {t} as {article} {job}?"))
            .answer(&holder)
            .names(pool)
            .explain(format!("{holder} worked on it as {article} {job}.")),
    );
}

/// People known not to have held `job`, and of its craft: for a writer or
/// director the others of the crew who wrote or directed, and the decoys
/// for the job.
fn craft_pool(facts: &Facts, job: &str) -> Vec<String> {
    let mut pool: Vec<String> = facts
        .film
        .crew
        .iter()
        .filter(|c| !c.jobs.iter().any(|j| same(j, job)))
        .filter(|c| Facts::directing(job) && c.jobs.iter().any(|j| Facts::directing(j)))
        .map(|c| c.name.clone())
        .collect();
    pool.extend(facts.crew_decoys(job));
    pool
}
