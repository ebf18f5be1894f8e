//! The start menu, the category picker and the small prompts around them.

use super::*;

/// An entry of the start menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Play,
    Daily,
    Review,
    Categories,
    HotSeat,
    HighScores,
    Stats,
    Banks,
    Quit,
}

impl MenuItem {
    pub const ALL: [MenuItem; 9] = [
        MenuItem::Play,
        MenuItem::Daily,
        MenuItem::Review,
        MenuItem::Categories,
        MenuItem::HotSeat,
        MenuItem::HighScores,
        MenuItem::Stats,
        MenuItem::Banks,
        MenuItem::Quit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MenuItem::Play => "Play",
            MenuItem::Daily => "Daily challenge",
            MenuItem::Review => "Practise my misses",
            MenuItem::Categories => "Choose categories",
            MenuItem::HotSeat => "Hot-seat (2-4 players)",
            MenuItem::HighScores => "High scores",
            MenuItem::Stats => "Statistics",
            MenuItem::Banks => "Installed banks",
            MenuItem::Quit => "Quit",
        }
    }
}

/// The start menu, on stderr; `None` when the player presses Esc or `q`.
/// Each entry has a number key.
pub fn menu(title: &str) -> io::Result<Option<MenuItem>> {
    let items = MenuItem::ALL
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let key = char::from_digit(i as u32 + 1, 10);
            select::Item::new(format!("{}) {}", i + 1, m.label()), key)
        })
        .collect();
    let picked = select::Select {
        header: vec![Painter::for_stderr().bold(&escape_controls(title))],
        items,
        hint: "Keys: 1-9 or arrows/j/k and Enter, Esc or q to leave".into(),
        fullscreen: true,
        ..select::Select::default()
    }
    .interact()?;
    Ok(match picked {
        select::Outcome::Picked(i) => Some(MenuItem::ALL[i]),
        _ => None,
    })
}

/// Lets the player tick categories, each shown with how many questions it
/// has; `None` on Esc. Enter with nothing ticked asks again.
pub fn choose_categories(categories: &[(String, usize)]) -> io::Result<Option<Vec<usize>>> {
    let items = categories
        .iter()
        .enumerate()
        .map(|(i, (name, count))| {
            let key = char::from_digit(i as u32 + 1, 10).filter(|_| i < 9);
            let number = if i < 9 {
                format!("{}) ", i + 1)
            } else {
                "   ".to_owned()
            };
            select::Item::new(
                format!(
                    "{number}{} ({})",
                    escape_controls(name),
                    crate::format::count(*count as i64, "question")
                ),
                key,
            )
        })
        .collect();
    let picked = select::Select {
        header: vec![Painter::for_stderr().bold("Categories to play")],
        items,
        hint: "Keys: Space or a number ticks, Enter plays, Esc or q goes back".into(),
        multi: true,
        fullscreen: true,
        ..select::Select::default()
    }
    .interact()?;
    Ok(match picked {
        select::Outcome::Ticked(chosen) => Some(chosen),
        _ => None,
    })
}

/// Waits for Enter before the menu comes back, so the end of a game or a
/// listing stays in sight.
pub fn back_to_menu() -> io::Result<()> {
    select::pause("Press Enter for the menu.", false)?;
    Ok(())
}

/// Asks for hot-seat names on one typed line; `None` when it is left
/// empty or input ends. (A plain line, so nothing is redrawn: at any width
/// the question and the answer simply stay on screen.)
pub fn ask_players() -> io::Result<Option<String>> {
    let mut err = io::stderr();
    write!(
        err,
        "Players: 2 to 4 names, separated by commas (Enter alone goes back): "
    )?;
    err.flush()?;
    let mut line = String::new();
    // At most a few names; a longer line is cut and then refused.
    io::stdin().lock().take(512).read_line(&mut line)?;
    let line = line.trim();
    Ok((!line.is_empty()).then(|| line.to_owned()))
}
