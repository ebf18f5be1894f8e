//! The bank commands: `check`, `categories`, `banks` and `import`.

use super::{
    AppError, MAX_RECORD_BYTES, Sources, bank_error, bank_files, exit, gather, load_bank,
    open_text, read_text, shell_word, shown,
};
use crate::bank::{self, Keep, Loaded, MAX_BANK_BYTES, Parsed};
use crate::generate::generate;
use crate::import::{self, Format};
use crate::pool;
use crate::question::Bank;
use crate::record;
use crate::rng::GameRng;
use crate::store::{self, Store};
use crate::ui;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One line about a valid bank: its questions and categories.
fn bank_summary(loaded: &Loaded) -> String {
    let cats: Vec<String> = loaded
        .categories
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    let title = loaded
        .title
        .as_deref()
        .map(|t| format!("\"{t}\", "))
        .unwrap_or_default();
    format!(
        "{title}{} in {} ({})",
        crate::format::count(loaded.count as i64, "question"),
        crate::format::categories(loaded.categories.len()),
        cats.join(", ")
    )
}

/// Checks one file; prints its summary or its problems. True when valid;
/// an error only when the summary cannot be written.
fn check_file(path: &Path) -> io::Result<bool> {
    let file = shown(path);
    // A plainly valid bank is told in one pass over the file, a window at a
    // time, never held whole; it is never a record (its only fields are
    // `title` and `questions`). Anything else is read whole and looked at
    // again: that pass words every problem.
    if let Ok((bytes, _)) = open_text(path, MAX_BANK_BYTES)
        && let Ok(Some((loaded, _))) =
            bank::plain_stream(bytes.take(MAX_BANK_BYTES + 1), Keep::Summary)
    {
        ui::say(&format!("{file}: ok: bank, {}", bank_summary(&loaded)))?;
        return Ok(true);
    }
    let text = match read_text(path, MAX_BANK_BYTES) {
        Ok(text) => text,
        Err(e) => {
            ui::error(&e.to_string());
            return Ok(false);
        }
    };
    if record::looks_like_record(&text) {
        return check_record(&file, &text);
    }
    match bank::parse(&file, &text, Keep::Summary) {
        Ok(Parsed::Bank(loaded)) => {
            for w in &loaded.warnings {
                ui::warn(&format!("{file}: {w}"));
            }
            ui::say(&format!("{file}: ok: bank, {}", bank_summary(&loaded)))?;
            Ok(true)
        }
        Ok(Parsed::Record) => check_record(&file, &text),
        Err(e) => {
            for w in &e.warnings {
                ui::warn(&format!("{file}: {w}"));
            }
            ui::error(&bank_error(path, &text, e).to_string());
            Ok(false)
        }
    }
}

/// Checks a film record: its problems, or its warnings (one person written
/// twice, sections that yield no question) and its summary.
fn check_record(file: &str, text: &str) -> io::Result<bool> {
    if text.len() as u64 > MAX_RECORD_BYTES {
        ui::error(&format!(
            "{file}: the file is {} bytes; the limit for a film record is {MAX_RECORD_BYTES} bytes",
            text.len()
        ));
        return Ok(false);
    }
    match record::parse(file, text) {
        Ok(film) => {
            for w in record::duplicate_people(&film, text) {
                ui::warn(&format!("{file}: {w}"));
            }
            let questions = generate(&film, &mut GameRng::from_seed(0));
            // A section is quiet when no seed of several gets a question
            // from it: some choices fit only some draws.
            let mut asked = questions.clone();
            for seed in 1..8 {
                asked.extend(generate(&film, &mut GameRng::from_seed(seed)));
            }
            for (section, why) in crate::generate::quiet_sections(&film, &asked) {
                let at = crate::locate::locate(text, section)
                    .map(|(l, c)| format!("{l}:{c}: "))
                    .unwrap_or_default();
                ui::warn(&format!(
                    "{file}: {at}field `{section}` yields no question: {why}"
                ));
            }
            for r in crate::generate::refusals(&film, 0..8) {
                let at = r
                    .section
                    .and_then(|s| crate::locate::locate(text, s))
                    .map(|(l, c)| format!("{l}:{c}: "))
                    .unwrap_or_default();
                let field = r
                    .section
                    .map(|s| format!("field `{s}`: "))
                    .unwrap_or_default();
                ui::warn(&format!(
                    "{file}: {at}{field}the question {:?} is never asked: {}",
                    r.prompt, r.why
                ));
            }
            ui::say(&format!(
                "{file}: ok: film record \"{}\" ({}), {}",
                film.title,
                film.year,
                crate::format::count(questions.len() as i64, "question")
            ))?;
            Ok(true)
        }
        Err(e) => {
            ui::error(&e.to_string());
            Ok(false)
        }
    }
}

/// `check PATH...`: checks banks and records (and folders of them), and
/// reports every problem. Fails if any file is invalid.
pub fn check(paths: &[PathBuf]) -> Result<i32, AppError> {
    let mut ok = true;
    for arg in paths {
        let files = if arg.is_dir() {
            match bank_files(arg) {
                Ok(files) => files,
                Err(e) => {
                    ui::error(&e.to_string());
                    ok = false;
                    continue;
                }
            }
        } else {
            vec![arg.clone()]
        };
        for file in files {
            ok &= check_file(&file)?;
        }
    }
    Ok(if ok { exit::OK } else { exit::FAILURE })
}

/// `categories`: the categories of the active source, with counts.
pub fn categories(sources: &Sources) -> Result<i32, AppError> {
    let (title, pool, _) = gather(sources, &mut GameRng::from_seed(0))?;
    let rows = pool::categories(&pool.questions);
    ui::say(&ui::tables::categories(&title, pool.len(), &rows))?;
    Ok(exit::OK)
}

/// `banks` / `banks list`: the installed banks.
pub fn banks_list() -> Result<i32, AppError> {
    let store = Store::locate()?;
    let names = store.names()?;
    if names.is_empty() {
        ui::say(&format!(
            "No banks are installed (they live in {}).\nInstall one with: whiplash-quiz banks add FILE",
            store.dir().display()
        ))?;
        return Ok(exit::OK);
    }
    let mut out = format!("Installed banks ({}):\n", store.dir().display());
    for name in names {
        let path = store.path_of(&name)?;
        match load_bank(&path, Keep::Summary) {
            Ok(loaded) => out.push_str(&format!("  {name}: {}\n", bank_summary(&loaded))),
            Err(_) => out.push_str(&format!(
                "  {name}: broken; see: whiplash-quiz check {}\n",
                shell_word(&shown(&path))
            )),
        }
    }
    ui::say(out.trim_end())?;
    Ok(exit::OK)
}

/// `banks add FILE`: checks a bank, then installs it under `name` (by
/// default the file's stem).
pub fn banks_add(file: &Path, name: Option<&str>, force: bool) -> Result<i32, AppError> {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.unwrap_or(&stem);
    let store = Store::locate()?;
    if let Err(e) = store.path_of(name) {
        let hint = if stem == name {
            "; choose one with --name NAME"
        } else {
            ""
        };
        return Err(AppError::File {
            file: shown(file),
            message: format!("{e}{hint}"),
        });
    }
    let text = read_text(file, MAX_BANK_BYTES)?;
    let loaded = match bank::parse(&shown(file), &text, Keep::Summary) {
        Ok(Parsed::Bank(loaded)) => loaded,
        Ok(Parsed::Record) => {
            return Err(AppError::File {
                file: shown(file),
                message: "this is a film record, not a question bank; only banks can be installed"
                    .into(),
            });
        }
        Err(e) => return Err(bank_error(file, &text, e)),
    };
    for w in &loaded.warnings {
        ui::warn(&format!("{}: {w}", shown(file)));
    }
    let path = store.install(name, text.as_bytes(), force)?;
    ui::say(&format!(
        "Installed bank {name}: {}\n  at {}\nPlay it with: whiplash-quiz play --bank {name}",
        bank_summary(&loaded),
        path.display()
    ))?;
    Ok(exit::OK)
}

/// `banks remove NAME`.
pub fn banks_remove(name: &str) -> Result<i32, AppError> {
    let path = Store::locate()?.remove(name)?;
    ui::say(&format!("Removed bank {name} ({}).", path.display()))?;
    Ok(exit::OK)
}

/// Refuses an `--output` that is not (or would not be) an ordinary file in
/// an existing folder: a folder, a device, a pipe or a symbolic link is never
/// replaced, even with `--force`.
fn check_output(out: &Path, force: bool) -> Result<(), AppError> {
    let fail = |message: &str| AppError::File {
        file: shown(out),
        message: message.into(),
    };
    match out.symlink_metadata() {
        Ok(meta) if meta.is_dir() => Err(fail("is a folder; give a file name to write")),
        Ok(meta) if !meta.is_file() => Err(fail(
            "is not a regular file (a link, device or pipe); it is never replaced",
        )),
        Ok(_) if !force => Err(fail("already exists; use --force to replace it")),
        Ok(_) => Ok(()),
        Err(_) => match out.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                Err(fail("cannot write it: its folder does not exist"))
            }
            _ => Ok(()),
        },
    }
}

/// `import FILE...`: converts an Open Trivia DB, Aiken or GIFT file into a
/// bank, or a film's TMDB file, Wikidata file or both into a film record;
/// written to `output` or stdout, with a summary on stderr.
///
/// A quiz file is imported on its own. A film takes one or two files (one
/// of each source); with two, each file's format is worked out from its
/// content, so `--format` goes with one file only.
pub fn import(
    files: &[PathBuf],
    format: Option<Format>,
    output: Option<&Path>,
    force: bool,
) -> Result<i32, AppError> {
    if let Some(out) = output {
        check_output(out, force)?;
    }
    if files.len() > 1 && format.is_some() {
        return Err(AppError::File {
            file: shown(&files[1]),
            message: "--format names the format of one file; with two files, leave it out: each file's format is worked out from its content".into(),
        });
    }
    let mut texts = Vec::new();
    for file in files {
        texts.push(read_text(file, MAX_BANK_BYTES)?);
    }
    let film = files.len() > 1
        || texts.iter().any(|t| {
            format
                .or_else(|| import::detect(t))
                .is_some_and(Format::is_film)
                || (format.is_none() && import::film::is_html(t))
        });
    if film {
        return import_film(files, &texts, format, output, force);
    }
    let (file, text) = (&files[0], &texts[0]);
    let imported = import::import(text, format).map_err(|e| AppError::File {
        file: shown(file),
        message: e.to_string(),
    })?;
    let mut note = format!(
        "{}: imported {} ({})",
        shown(file),
        crate::format::count(imported.questions.len() as i64, "question"),
        imported.format.label()
    );
    if imported.skipped.is_empty() {
        note.push_str(", skipped none");
    } else {
        note.push_str(&format!(", skipped {}:", imported.skipped.len()));
        for s in &imported.skipped {
            note.push_str(&format!("\n  {}: {}", s.location, s.reason));
        }
    }
    ui::note(&note);
    if imported.questions.is_empty() {
        return Err(AppError::File {
            file: shown(file),
            message: "nothing to import: no question could be played".into(),
        });
    }
    let title = file
        .file_name()
        .map(|n| n.to_string_lossy())
        .map(|n| n.split('.').next().unwrap_or_default().to_owned())
        .filter(|t| crate::bank::text_fault(t).is_none());
    let bank = Bank {
        title,
        questions: imported.questions,
    };
    let json = serde_json::to_string_pretty(&bank).map_err(io::Error::other)?;
    write_out(json, output, force)
}

/// Writes an import's result to `output` (atomically, never replacing a
/// file without `force`) or to stdout.
fn write_out(json: String, output: Option<&Path>, force: bool) -> Result<i32, AppError> {
    match output {
        None => ui::emit(json.trim_end())?,
        Some(out) => {
            let mut bytes = json.trim_end().as_bytes().to_vec();
            bytes.push(b'\n');
            store::write_atomic(out, &bytes, force).map_err(|e| AppError::File {
                file: shown(out),
                message: if e.kind() == io::ErrorKind::AlreadyExists {
                    "already exists; use --force to replace it".into()
                } else {
                    format!("cannot write it: {e}")
                },
            })?;
            ui::note(&format!("wrote {}", shown(out)));
        }
    }
    Ok(exit::OK)
}

/// `import` of a film: one record from a TMDB file, a Wikidata file or one
/// of each, with what was left out on stderr.
fn import_film(
    files: &[PathBuf],
    texts: &[String],
    format: Option<Format>,
    output: Option<&Path>,
    force: bool,
) -> Result<i32, AppError> {
    let names: Vec<String> = files.iter().map(|f| shown(f)).collect();
    let inputs: Vec<import::film::FilmFile> = names
        .iter()
        .zip(texts)
        .map(|(name, text)| import::film::FilmFile { name, text, format })
        .collect();
    let imported = import::film::import_film(&inputs).map_err(|e| AppError::File {
        file: e.file.clone(),
        message: e.problem.to_string(),
    })?;
    let film = &imported.film;
    let from: Vec<String> = imported
        .sources
        .iter()
        .map(|(_, f)| f.label().to_string())
        .collect();
    let mut note = format!(
        "{}: imported the film record \"{}\" ({}) from {}: {} in the cast, {} behind the camera, {}, {}",
        names.join(" + "),
        crate::text::escape_controls(&film.title),
        film.year,
        crate::format::and_list(&from),
        film.cast.len(),
        film.crew.len(),
        crate::format::count(film.awards.len() as i64, "award result"),
        crate::format::count(
            (film.releases.len() + usize::from(film.release.is_some())) as i64,
            "cinema opening"
        ),
    );
    if imported.notes.is_empty() {
        note.push_str("; left nothing out");
    } else {
        note.push_str(&format!("; left out {}:", imported.notes.len()));
        for n in &imported.notes {
            note.push_str(&format!("\n  {}", crate::text::escape_controls(n)));
        }
    }
    ui::note(&note);
    write_out(imported.json, output, force)
}
