#!/usr/bin/env bash
# The party-mode load benchmark: 200 simulated players on loopback.
#
# Builds the release binary and the load client (examples/party_load), then
# runs a game of QUESTIONS questions with PLAYERS websocket clients against
# the real server (`party --wait-for PLAYERS --max-players PLAYERS
# --reveal 0`): each client joins and answers every question as soon as it
# arrives. Prints the broadcast latency of `question` and `reveal` messages
# (client receive time minus the message's `at`, the server's clock when
# the broadcast began; one machine, one clock): p50, p95, p99 and max; the
# server's peak RSS (VmHWM) idle with 0 players and through the game; and
# PASS or FAIL against the goal p99 <= 50 ms (exit 1 on FAIL).
#
# Usage: scripts/bench-party.sh [PLAYERS] [QUESTIONS]   (default 200 10)
# Builds into $CARGO_TARGET_DIR when it is set, else target/. Linux only
# (peak RSS from /proc).
set -euo pipefail

PLAYERS="${1:-200}"
QUESTIONS="${2:-10}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

echo "building the release binary and the load client" >&2
cargo build --release --quiet --bin whiplash-quiz --example party_load
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "machine: $(uname -sm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
"$TARGET/release/examples/party_load" "$TARGET/release/whiplash-quiz" "$PLAYERS" "$QUESTIONS"
