//! The completion scripts run in the real shells, and the manual page
//! rendered by groff.
//!
//! - bash: the script is sourced and the function `complete -p` names is
//!   called as bash calls it (`COMP_WORDS`, `COMP_CWORD`, the command, the
//!   word and the word before), and `COMPREPLY` is read.
//! - zsh: a real interactive `zsh -f -i` in a `zpty`, with `compinit` and
//!   the script installed as `_NAME` in `$fpath`; Tab runs a completion
//!   widget around `_main_complete` whose `compadd` prints every match it
//!   is given that fits the word (`compadd -A`).
//! - fish: `complete -C LINE` after sourcing the script.
//!
//! Each shell is started once per test with every case, in a scratch
//! folder of its own (`HOME` too). A shell that is not installed fails the
//! test: `.ci/run` installs zsh, fish and groff.

use crate::common::{Quiz, binary};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What `--help` lists for a command: its subcommands and long options.
struct Help {
    commands: Vec<String>,
    options: BTreeSet<String>,
}

/// Reads `whiplash-quiz PATH... --help`.
fn help(quiz: &Quiz, path: &[&str]) -> Help {
    let mut args = path.to_vec();
    args.push("--help");
    let text = quiz.run(&args, "").ok().stdout;
    let mut commands = Vec::new();
    let mut options = BTreeSet::new();
    let mut section = "";
    for line in text.lines() {
        if !line.starts_with(' ') {
            section = line;
            continue;
        }
        let body = line.trim_start();
        let indent = line.len() - body.len();
        if section == "Commands:" && indent == 2 {
            commands.push(body.split_whitespace().next().unwrap().to_owned());
        } else if section == "Options:" && indent <= 6 && body.starts_with('-') {
            let long = body.split_whitespace().find(|w| w.starts_with("--"));
            options.insert(long.unwrap().trim_end_matches(',').to_owned());
        }
    }
    Help { commands, options }
}

/// Every command the scripts complete, as its words after the program:
/// the bare program, each subcommand and each of theirs (clap's `help`
/// left out), as `--help` lists them.
fn command_paths(quiz: &Quiz) -> Vec<Vec<String>> {
    let mut paths = vec![Vec::new()];
    let mut i = 0;
    while i < paths.len() {
        let path = paths[i].clone();
        let words: Vec<&str> = path.iter().map(String::as_str).collect();
        for sub in help(quiz, &words).commands {
            if sub != "help" {
                let mut deeper = path.clone();
                deeper.push(sub);
                paths.push(deeper);
            }
        }
        i += 1;
    }
    paths
}

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "elvish", "powershell"];

/// What a completion must give.
#[derive(Debug)]
enum Want {
    /// Exactly these.
    Exactly(BTreeSet<String>),
    /// At least these, and no file name.
    Includes(BTreeSet<String>),
    /// This file of the scratch folder (file names compared).
    File(&'static str),
    /// This file, where bash's script leaves a positional argument to
    /// readline's file names: nothing from the function, and `-o default`
    /// in the spec (checked once per script).
    FileByDefault(&'static str),
    /// No file name of the scratch folder.
    NoFiles,
}

/// A line typed up to the cursor, and what Tab must give there.
struct Case {
    line: String,
    want: Want,
}

fn set(words: &[&str]) -> BTreeSet<String> {
    words.iter().map(|w| (*w).to_owned()).collect()
}

/// The scratch folder's files, which the file cases look for.
const FILES: [&str; 3] = ["deck.json", "notes.txt", "other.gift"];

/// The cases for the program `name`: every command's long options after
/// `--`, the subcommands after each command that has them, the possible
/// values, the file arguments, and values that are not files.
fn cases(quiz: &Quiz, name: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for path in command_paths(quiz) {
        let words: Vec<&str> = path.iter().map(String::as_str).collect();
        let help = help(quiz, &words);
        let typed = std::iter::once(name)
            .chain(words.iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
        cases.push(Case {
            line: format!("{typed} --"),
            want: Want::Exactly(help.options.clone()),
        });
        if !help.commands.is_empty() {
            let commands: Vec<&str> = help.commands.iter().map(String::as_str).collect();
            cases.push(Case {
                line: format!("{typed} "),
                want: Want::Includes(set(&commands)),
            });
        }
    }
    let line = |rest: &str| format!("{name} {rest}");
    let levels = set(&["easy", "medium", "hard"]);
    cases.extend([
        Case {
            line: line("play --difficulty "),
            want: Want::Exactly(levels.clone()),
        },
        Case {
            line: line("--difficulty "),
            want: Want::Exactly(levels),
        },
        Case {
            line: line("play --difficulty m"),
            want: Want::Exactly(set(&["medium"])),
        },
        Case {
            line: line("import --format "),
            want: Want::Exactly(set(&["opentdb", "aiken", "gift", "tmdb", "wikidata"])),
        },
        Case {
            line: line("completions "),
            want: Want::Includes(set(&SHELLS)),
        },
        Case {
            line: line("completions f"),
            want: Want::Exactly(set(&["fish"])),
        },
    ]);
    for rest in [
        "play --bank de",
        "play --record de",
        "--bank de",
        "--record de",
        "categories --bank de",
        "quality --record de",
        "generate --record de",
        "import --output de",
        "import -o de",
        "play --bank more/de",
    ] {
        cases.push(Case {
            line: line(rest),
            want: Want::File("deck.json"),
        });
    }
    for rest in [
        "check de",
        "import de",
        "banks add de",
        "check deck.json de",
    ] {
        cases.push(Case {
            line: line(rest),
            want: Want::FileByDefault("deck.json"),
        });
    }
    for rest in [
        "play --seed ",
        "--seed ",
        "--timer ",
        "play --count ",
        "play --players ",
        "play --timer ",
        "play --category ",
        "play --date ",
        "scores --limit ",
        "quality --seeds ",
        "generate --seed ",
        "banks add --name ",
        "banks remove ",
        "scores ",
        "stats ",
        "man ",
    ] {
        cases.push(Case {
            line: line(rest),
            want: Want::NoFiles,
        });
    }
    cases
}

/// A scratch folder for one shell: the files the cases look for (also in
/// `more/`), and a home of its own.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("more")).unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        for file in FILES {
            std::fs::write(dir.path().join(file), "").unwrap();
            std::fs::write(dir.path().join("more").join(file), "").unwrap();
        }
        Scratch { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to a file beside the scratch files and returns its path.
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path().join("home").join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `program ARGS` run in the scratch folder with only a scratch home,
    /// ended after 30 s; its stdout, after a clear failure if it did not
    /// exit 0.
    fn run(&self, program: &str, args: &[&Path]) -> String {
        let home = self.path().join("home");
        let out = self.path().join("home/out");
        let err = self.path().join("home/err");
        let mut child = Command::new(program)
            .args(args)
            .current_dir(self.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("TERM", "xterm")
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run {program} ({e}): the completion tests need bash, zsh and fish \
                     (.ci/run installs them: apt-get install zsh fish)"
                )
            });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let stdout = std::fs::read_to_string(&out).unwrap();
        let stderr = std::fs::read_to_string(&err).unwrap();
        assert!(
            status.is_some_and(|s| s.success()),
            "{program} {args:?}: {status:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        stdout
    }
}

/// The candidates of each case, in order, from a driver's output: a line
/// `CASE` before each case's, and `M:candidate` for each (fish's
/// description after a tab dropped).
fn candidates(output: &str, cases: usize) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    for line in output.lines() {
        if line == "CASE" {
            found.push(Vec::new());
        } else if let Some(m) = line.strip_prefix("M:") {
            let m = m.split('\t').next().unwrap();
            found
                .last_mut()
                .expect("a match before any case")
                .push(m.to_owned());
        }
    }
    assert_eq!(found.len(), cases, "{output}");
    found
}

/// The file name a candidate names (`more/deck.json`, `deck.json`).
fn file_name(candidate: &str) -> &str {
    candidate
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(candidate)
}

/// Checks every case's candidates, and fails with all that went wrong.
fn check(shell: &str, cases: &[Case], found: &[Vec<String>]) {
    let mut wrong = Vec::new();
    for (case, got) in cases.iter().zip(found) {
        let as_set: BTreeSet<String> = got.iter().filter(|g| !g.is_empty()).cloned().collect();
        let files = got.iter().any(|g| FILES.contains(&file_name(g)));
        let ok = match &case.want {
            Want::Exactly(want) => &as_set == want,
            Want::Includes(want) => want.is_subset(&as_set) && !files,
            Want::File(file) => got.iter().any(|g| file_name(g) == *file),
            Want::FileByDefault(_) if shell == "bash" => got.is_empty(),
            Want::FileByDefault(file) => got.iter().any(|g| file_name(g) == *file),
            Want::NoFiles => !files,
        };
        if !ok {
            wrong.push(format!(
                "  {:?}: want {:?}, got {got:?}",
                case.line, case.want
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{shell}: {} of {} completions are wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

const BASH_DRIVER: &str = r#"
source "$1" || exit 3
spec=$(complete -p -- "$2") || { echo "no completion for $2" >&2; exit 3; }
printf 'SPEC:%s\n' "$spec"
fn=${spec##*-F }
fn=${fn%% *}
while IFS= read -r line; do
  read -ra words <<< "$line"
  [[ $line == *' ' ]] && words+=('')
  COMP_WORDS=("${words[@]}")
  COMP_CWORD=$(( ${#words[@]} - 1 ))
  COMP_LINE=$line
  COMP_POINT=${#line}
  COMPREPLY=()
  "$fn" "${words[0]}" "${words[COMP_CWORD]}" "${words[COMP_CWORD-1]}"
  printf 'CASE\n'
  for m in "${COMPREPLY[@]}"; do printf 'M:%s\n' "$m"; done
done < "$3"
"#;

/// Runs `cases` in bash with `script` for the program `name`.
fn bash(script: &str, name: &str, cases: &[Case]) {
    let scratch = Scratch::new();
    let script = scratch.write("script.bash", script);
    let driver = scratch.write("driver.bash", BASH_DRIVER);
    let lines = scratch.write("cases", &case_lines(cases));
    let out = scratch.run(
        "bash",
        &[
            Path::new("--norc"),
            Path::new("--noprofile"),
            &driver,
            &script,
            Path::new(name),
            &lines,
        ],
    );
    let spec = out.lines().find_map(|l| l.strip_prefix("SPEC:")).unwrap();
    assert!(
        spec.contains("-o default") && spec.ends_with(&format!(" {name}")),
        "bash registers {spec:?}"
    );
    check("bash", cases, &candidates(&out, cases.len()));
}

/// The zsh the cases are typed into: Tab runs `_main_complete` between two
/// markers, with a `compadd` that prints the matches it would add.
const ZSH_INIT: &str = r#"
PS1='' PROMPT='' RPROMPT=''
unsetopt prompt_sp prompt_cr
unset zle_bracketed_paste
bindkey -e
autoload -Uz compinit && compinit -u -D
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return $?
  fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  local __h
  for __h in $__hits; do print -r -- $'\x01'"M:$__h"; done
}
_capture_complete() {
  print -r -- $'\x01'BEGIN
  _main_complete
  print -r -- $'\x01'END
}
zle -C capture-complete complete-word _capture_complete
bindkey '^I' capture-complete
print -r -- $'\x01'READY
"#;

/// Starts the zsh above in a `zpty`, types each case's line and Tab, and
/// prints what the widget printed; Ctrl-U clears the line after each.
const ZSH_DRIVER: &str = r#"
local line out l
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "fpath=(${(q)1} \$fpath); source ${(q)2}"
zpty -r -m z out "*"$'\x01'"READY*" || { print -u2 "zsh did not start: $out"; exit 4 }
while IFS= read -r line; do
  print -r -- CASE
  zpty -w -n z "$line"$'\t'
  zpty -r -m z out "*"$'\x01'"END*" || { print -u2 "no completion for $line: $out"; exit 5 }
  for l in ${(f)out}; do
    [[ $l == *$'\x01'M:* ]] && print -r -- "M:${${l#*$'\x01'M:}%$'\r'}"
  done
  zpty -w -n z $'\x15'
done < $3
zpty -d z
"#;

/// Runs `cases` in zsh with `script` installed as `_NAME` in `$fpath`.
fn zsh(script: &str, name: &str, cases: &[Case]) {
    let scratch = Scratch::new();
    let functions = scratch.path().join("home/functions");
    std::fs::create_dir_all(&functions).unwrap();
    std::fs::write(functions.join(format!("_{name}")), script).unwrap();
    let init = scratch.write("init.zsh", ZSH_INIT);
    let driver = scratch.write("driver.zsh", ZSH_DRIVER);
    let lines = scratch.write("cases", &case_lines(cases));
    let out = scratch.run(
        "zsh",
        &[Path::new("-f"), &driver, &functions, &init, &lines],
    );
    check("zsh", cases, &candidates(&out, cases.len()));
}

const FISH_DRIVER: &str = r#"
source $argv[1]; or exit 3
while read -l line
  echo CASE
  for m in (complete -C "$line")
    echo "M:$m"
  end
end < $argv[2]
"#;

/// Runs `cases` in fish with `script` sourced.
fn fish(script: &str, cases: &[Case]) {
    let scratch = Scratch::new();
    let script = scratch.write("script.fish", script);
    let driver = scratch.write("driver.fish", FISH_DRIVER);
    let lines = scratch.write("cases", &case_lines(cases));
    let out = scratch.run(
        "fish",
        &[Path::new("--no-config"), &driver, &script, &lines],
    );
    check("fish", cases, &candidates(&out, cases.len()));
}

fn case_lines(cases: &[Case]) -> String {
    cases.iter().map(|c| format!("{}\n", c.line)).collect()
}

/// `completions SHELL` as the program `program` prints it.
fn script(quiz: &Quiz, program: &Path, shell: &str) -> String {
    let out = quiz
        .std_cmd_as(program)
        .args(["completions", shell])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bash_completes_every_command_option_value_and_file() {
    let quiz = Quiz::new();
    let cases = cases(&quiz, "whiplash-quiz");
    bash(&script(&quiz, binary(), "bash"), "whiplash-quiz", &cases);
}

#[test]
fn zsh_completes_every_command_option_value_and_file() {
    let quiz = Quiz::new();
    let cases = cases(&quiz, "whiplash-quiz");
    zsh(&script(&quiz, binary(), "zsh"), "whiplash-quiz", &cases);
}

#[test]
fn fish_completes_every_command_option_value_and_file() {
    let quiz = Quiz::new();
    let cases = cases(&quiz, "whiplash-quiz");
    fish(&script(&quiz, binary(), "fish"), &cases);
}

/// Run through a link called `wq.2` (a dot, no hyphen), the scripts
/// complete `wq.2`.
#[test]
fn the_scripts_complete_the_program_as_it_was_run() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("wq.2");
    std::os::unix::fs::symlink(binary(), &link).unwrap();
    let name = "wq.2";
    let play = help(&quiz, &["play"]).options;
    let cases = || {
        vec![
            Case {
                line: format!("{name} play --"),
                want: Want::Exactly(play.clone()),
            },
            Case {
                line: format!("{name} banks add --"),
                want: Want::Exactly(set(&["--name", "--force", "--no-color", "--help"])),
            },
            Case {
                line: format!("{name} completions "),
                want: Want::Includes(set(&SHELLS)),
            },
        ]
    };
    bash(&script(&quiz, &link, "bash"), name, &cases());
    zsh(&script(&quiz, &link, "zsh"), name, &cases());
    fish(&script(&quiz, &link, "fish"), &cases());
}

/// A name no script could carry unquoted gets a script for
/// `whiplash-quiz`, and a warning that says so.
#[test]
fn a_name_a_script_cannot_carry_gets_the_real_one() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("my quiz");
    std::os::unix::fs::symlink(binary(), &link).unwrap();
    let out = quiz
        .std_cmd_as(&link)
        .args(["completions", "fish"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("\"my quiz\" cannot be named in a completion script"),
        "{stderr}"
    );
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("complete -c whiplash-quiz "), "{script}");
    assert!(!script.contains("my quiz"), "{script}");
}

/// The rendered page's parts: each section (its heading at the margin)
/// and each command of COMMANDS (its usage indented by 3, named by the
/// words before the first `[` or `<`), with the text up to the next.
fn parts(page: &str) -> Vec<(String, String)> {
    let mut parts: Vec<(String, String)> = Vec::new();
    for line in page.lines() {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        if !body.is_empty() && (indent == 0 || indent == 3) {
            let name: Vec<&str> = body
                .split(' ')
                .take_while(|w| !w.starts_with(['[', '<']))
                .collect();
            parts.push((name.join(" "), String::new()));
        } else if let Some((_, text)) = parts.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    parts
}

/// The page as `man` shows it: rendered by groff with every warning on
/// (none may come), in plain text.
fn rendered_man_page(quiz: &Quiz) -> String {
    let page = quiz.run(&["man"], "").ok().stdout;
    let scratch = Scratch::new();
    let file = scratch.write("whiplash-quiz.1", &page);
    let out = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-P-cbou", "-rLL=100n"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run groff ({e}): .ci/run installs it (apt-get install groff-base)")
        });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "groff: {stderr}");
    String::from_utf8(out.stdout)
        .unwrap()
        .replace(['\u{2010}', '\u{2212}'], "-")
}

#[test]
fn the_man_page_covers_every_command_and_option_and_refers_to_no_other_page() {
    let quiz = Quiz::new();
    let page = rendered_man_page(&quiz);
    let headings: Vec<&str> = page
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .collect();
    for heading in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "KEYS",
        "EXIT STATUS",
        "FILES",
        "ENVIRONMENT",
        "VERSION",
    ] {
        assert!(headings.contains(&heading), "no {heading}: {headings:?}");
    }
    assert!(!page.contains("SEE ALSO"), "{page}");
    // The only page named is this one, in its header and footer.
    let named = page.matches("(1)").count();
    let this = page.matches("WHIPLASH-QUIZ(1)").count();
    assert_eq!(named, this, "another page is referred to:\n{page}");

    // Each command has its part, headed by its usage, listing its options
    // (the globals --no-color and --help once, under OPTIONS).
    let parts = parts(&page);
    let part = |heading: &str| -> &str {
        parts
            .iter()
            .find(|(h, _)| h == heading)
            .map(|(_, body)| body.as_str())
            .unwrap_or_else(|| {
                panic!(
                    "no part {heading:?} in {:?}",
                    parts.iter().map(|p| &p.0).collect::<Vec<_>>()
                )
            })
    };
    for option in help(&quiz, &[]).options {
        assert!(part("OPTIONS").contains(&option), "OPTIONS lacks {option}");
    }
    for path in command_paths(&quiz).into_iter().skip(1) {
        let words: Vec<&str> = path.iter().map(String::as_str).collect();
        let body = part(&format!("whiplash-quiz {}", words.join(" ")));
        if words == ["play"] {
            assert!(body.contains("options are those under OPTIONS"), "{body}");
            continue;
        }
        for option in help(&quiz, &words).options {
            if option != "--no-color" && option != "--help" {
                assert!(body.contains(&option), "{words:?} lacks {option}:\n{body}");
            }
        }
    }
    for needle in [
        // KEYS
        "Ctrl-C",
        "q, Esc",
        "Up, Down, k, j",
        "50:50",
        // FILES
        "$XDG_DATA_HOME/whiplash-quiz/",
        "games.sqlite3-wal",
        "pending/",
        "banks/",
        "scores.jsonl",
        "games.sqlite3.damaged-",
        "games.sqlite3.not-saved-games-",
        // ENVIRONMENT
        "XDG_DATA_HOME",
        "NO_COLOR",
        "COLUMNS",
    ] {
        assert!(page.contains(needle), "the page lacks {needle:?}");
    }
    let status = part("EXIT STATUS");
    for code in ["0", "1", "2", "129", "130", "143"] {
        assert!(
            status
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{code} "))),
            "EXIT STATUS lacks {code}:\n{status}"
        );
    }
}
