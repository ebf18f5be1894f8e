#!/usr/bin/env bash
# End-to-end benchmarks against references run side by side on this machine:
#
#   1. `check` on a 100,000-question bank against `jq empty` on the same
#      file: alternating runs, medians and their ratio (goal <= 0.30).
#   2. Peak memory (max RSS) of that `check` against the file's size; then
#      `play` of 10 questions of that bank (--no-save, --json, the answers
#      piped in) against `check`, alternating: time (goal <= 1.30 x check)
#      and peak memory (goal <= 1.30 x the file).
#      Both for two banks of 100,000 questions: the generated one (about
#      44 MB, `big_bank 100000 1`) and one of random made-up words (about
#      36 MB, `big_bank 100000 1 words`); a summary of every goal follows.
#   3. Saved games: a history of 20,000 games (an old `scores.jsonl` of
#      about 80 MB, imported once), then against `true` (the cost of
#      starting a process): `scores`, `stats`, a whole scripted 10-question
#      game saved into that history, and the same game with `--no-save`;
#      and the peak memory of `scores`, `stats` and the game.
#   4. How `check` grows: 10k, 100k and 140k questions (just under the
#      64 MiB limit), and the refusal of a 1M-question bank, which is over it.
#
# Usage: scripts/bench.sh [RUNS]   (default 15 runs of each command)
# Builds into $CARGO_TARGET_DIR when it is set, else target/.
# Needs: cargo, python3 (for timing and getrusage), jq (installed if missing).
set -euo pipefail

RUNS="${1:-15}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

if ! command -v jq >/dev/null 2>&1; then
  echo "jq is missing; installing it" >&2
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq jq >/dev/null
  elif command -v brew >/dev/null 2>&1; then
    brew install jq
  else
    echo "cannot install jq here: install it and run again" >&2
    exit 1
  fi
fi

echo "building the release binary and the bank generator" >&2
cargo build --release --quiet --bin whiplash-quiz --example big_bank --example big_history
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET/release/whiplash-quiz"
GEN="$TARGET/release/examples/big_bank"
HIST="$TARGET/release/examples/big_history"

echo "generating banks (seed 1)" >&2
"$GEN" 10000 1 >"$WORK/bank-10k.json"
"$GEN" 100000 1 >"$WORK/bank-100k.json"
"$GEN" 100000 1 words >"$WORK/words-100k.json"
"$GEN" 140000 1 >"$WORK/bank-140k.json"
"$GEN" 1000000 1 >"$WORK/bank-1m.json"
printf '1\n%.0s' 1 2 3 4 5 6 7 8 9 10 >"$WORK/answers.txt"
mkdir -p "$WORK/data" "$WORK/history/whiplash-quiz"
echo "generating a history of 20,000 games (seed 1)" >&2
"$HIST" 20000 1 >"$WORK/history/whiplash-quiz/scores.jsonl"

export BIN WORK RUNS
python3 - <<'PY'
import os, platform, resource, statistics, subprocess, time

BIN, WORK, RUNS = os.environ["BIN"], os.environ["WORK"], int(os.environ["RUNS"])
env = dict(os.environ, XDG_DATA_HOME=os.path.join(WORK, "data"), NO_COLOR="1")

def run(cmd, stdin=None, ok=(0,)):
    """Wall time of one run, in seconds."""
    with open(stdin or os.devnull, "rb") as inp:
        t = time.perf_counter()
        p = subprocess.run(cmd, stdin=inp, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=env)
        elapsed = time.perf_counter() - t
    if p.returncode not in ok:
        raise SystemExit(f"{cmd} exited {p.returncode}")
    return elapsed

def alternate(a, b, stdin=None, ok_a=(0,), ok_b=(0,)):
    """Runs a and b alternately RUNS times each; returns their medians."""
    ta, tb = [], []
    for _ in range(RUNS):
        ta.append(run(a, stdin, ok_a))
        tb.append(run(b, stdin, ok_b))
    return statistics.median(ta), statistics.median(tb)

def max_rss(cmd, stdin=None):
    """Peak RSS of one run of cmd, in bytes: getrusage in a fresh python,
    whose only child is cmd (ru_maxrss is in KiB on Linux)."""
    out = subprocess.run(
        ["python3", "-c",
         "import resource,subprocess,sys;"
         "subprocess.run(sys.argv[2:],stdin=open(sys.argv[1],'rb'),"
         "stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
         stdin or os.devnull] + cmd,
        capture_output=True, text=True, env=env, check=True)
    return int(out.stdout.strip()) * 1024

def mb(n):
    return f"{n / 1e6:.1f} MB"

cpu = "unknown CPU"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
print(f"machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}")
jq_version = subprocess.run(["jq", "--version"], capture_output=True, text=True).stdout.strip()
print(f"reference: {jq_version}; {RUNS} alternating runs each; medians\n")

answers = os.path.join(WORK, "answers.txt")
summary = []

def verdict(ok):
    return "PASS" if ok else "FAIL"

def bank_goals(label, bank):
    """check against jq, and play against check, on one bank."""
    size = os.path.getsize(bank)
    # Both banks are plainly valid: no warning, so play streams them.
    said = subprocess.run([BIN, "check", bank], capture_output=True, text=True, env=env)
    if said.returncode != 0 or said.stderr.strip():
        raise SystemExit(f"{bank} is not plainly valid:\n{said.stderr}")
    print(f"{label}: 100k questions, {mb(size)}, no warnings")
    check, jq = alternate([BIN, "check", bank], ["jq", "empty", bank])
    ratio = check / jq
    print(f"check 100k questions               {check*1000:8.1f} ms")
    print(f"jq empty, same file                {jq*1000:8.1f} ms")
    print(f"  ratio {ratio:.2f} (goal <= 0.30) {verdict(ratio <= 0.30)}")
    summary.append((label, "check / jq empty", f"{ratio:.2f}", "0.30", ratio <= 0.30))

    rss = max_rss([BIN, "check", bank])
    print(f"check peak RSS                     {mb(rss)} = {rss/size:.2f} x the file (goal <= 2.00) "
          f"{verdict(rss <= 2 * size)}")
    summary.append((label, "check peak RSS / file", f"{rss/size:.2f}", "2.00", rss <= 2 * size))

    # Playing 10 questions of the same bank streams it: one checking pass
    # that keeps each question's place, then only the questions dealt are
    # read. The answers are piped in, so all ten are played.
    play = [BIN, "play", "--bank", bank, "--count", "10", "--seed", "7", "--no-save", "--json"]
    played, checked = alternate(play, [BIN, "check", bank], stdin=answers)
    ratio = played / checked
    print(f"play 10, --no-save --json          {played*1000:8.1f} ms")
    print(f"check, same file                   {checked*1000:8.1f} ms")
    print(f"  ratio {ratio:.2f} (goal <= 1.30) {verdict(ratio <= 1.30)}")
    summary.append((label, "play 10 / check", f"{ratio:.2f}", "1.30", ratio <= 1.30))
    rss = max_rss(play, stdin=answers)
    print(f"play peak RSS                      {mb(rss)} = {rss/size:.2f} x the file (goal <= 1.30) "
          f"{verdict(rss <= 1.3 * size)}\n")
    summary.append((label, "play peak RSS / file", f"{rss/size:.2f}", "1.30", rss <= 1.3 * size))

bank_goals("generated bank", os.path.join(WORK, "bank-100k.json"))
bank_goals("random-word bank", os.path.join(WORK, "words-100k.json"))

history = os.path.join(WORK, "history")
log = os.path.join(history, "whiplash-quiz", "scores.jsonl")
log_size = os.path.getsize(log)
env = dict(env, XDG_DATA_HOME=history)
t = run([BIN, "stats"])
db = os.path.join(history, "whiplash-quiz", "games.sqlite3")
print(f"import 20,000 games ({mb(log_size)} log), once   {t*1000:8.1f} ms -> "
      f"{mb(os.path.getsize(db))} database")
def versus_true(label, cmd, goal, stdin=None):
    t, true = alternate(cmd, ["true"], stdin=stdin)
    print(f"{label:34} {t*1000:8.2f} ms   true {true*1000:6.2f} ms   "
          f"ratio {t/true:5.2f} (goal <= {goal:.2f}) {'PASS' if t/true <= goal else 'FAIL'}")
versus_true("scores (20,000 games)", [BIN, "scores"], 10)
versus_true("stats (20,000 games)", [BIN, "stats"], 20)
versus_true("10-question game, saved", [BIN, "play", "--seed", "1", "--count", "10", "--json"], 5, answers)
versus_true("10-question game, --no-save", [BIN, "play", "--seed", "1", "--count", "10", "--json", "--no-save"], 3, answers)
peak = max(max_rss([BIN, "scores"]), max_rss([BIN, "stats"]), max_rss([BIN, "scores", "--json", "--all"]))
print(f"peak RSS of scores and stats       {mb(peak)} (goal <= 40 MB) {'PASS' if peak <= 40e6 else 'FAIL'}\n")
env = dict(env, XDG_DATA_HOME=os.path.join(WORK, "data"))

print("how check grows (median time, peak RSS):")
for name in ["bank-10k.json", "bank-100k.json", "bank-140k.json", "bank-1m.json"]:
    path = os.path.join(WORK, name)
    size = os.path.getsize(path)
    times = [run([BIN, "check", path], ok=(0, 1)) for _ in range(max(3, RUNS // 3))]
    rss = max_rss([BIN, "check", path])
    result = subprocess.run([BIN, "check", path], capture_output=True, text=True, env=env)
    what = "ok" if result.returncode == 0 else "refused: " + result.stderr.strip().split(": ", 2)[-1]
    print(f"  {name:15} {mb(size):>9}  {statistics.median(times)*1000:8.1f} ms  "
          f"{mb(rss):>9}  {what}")

print("\nbank goals:")
for label, what, value, goal, ok in summary:
    print(f"  {label:17} {what:22} {value:>5} (goal <= {goal}) {verdict(ok)}")
PY
