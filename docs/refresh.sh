#!/usr/bin/env bash
# Regenerates docs/ from real runs of the tool on the bundled sample (samples/): the replay table as a 120-column
# terminal shows it (plain text, and a PNG of the coloured run), the HTML reports of replay and audit, the audit's
# terminal summary, and the screenshots of both reports as headless Chromium renders them (taken by the browser tests,
# ReportsInBrowserTests, so the pictures are of what the tests assert on).
# Needs: the .NET SDK, chromium, script (util-linux) and aha (Debian: apt-get install chromium aha).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in chromium script aha; do
    command -v "$tool" >/dev/null || { echo "docs/refresh.sh: $tool is missing (Debian: apt-get install chromium aha)" >&2; exit 1; }
done

dotnet build Tools/Identify.Tests -v quiet -nologo
identify="dotnet Tools/Identify/bin/Debug/net10.0/identify.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The table as a terminal gets it: stdout a pseudo-terminal 120 columns wide, plain, then coloured.
# (the terminal's keypad-mode switches, ESC [?1h ESC = and back, are not text: taken out)
script -qec "stty cols 120 rows 50; NO_COLOR=1 $identify 2>&1" /dev/null | tr -d '\r' \
    | sed -e 's/\x1b\[?1[hl]\x1b[=>]//g' > docs/replay-terminal.txt
script -qec "stty cols 120 rows 50; TERM=xterm-256color $identify 2>/dev/null" /dev/null > "$work/terminal.ansi"
head -n 60 "$work/terminal.ansi" | aha --black --title "identify replay" > "$work/terminal.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1000 \
    --screenshot=docs/replay-terminal.png "file://$work/terminal.html" 2>/dev/null

$identify replay --html docs/replay-report.html > /dev/null
$identify audit --data samples/data --config samples/config.json --conversations samples/conversations.jsonl \
    --html docs/audit-report.html 2>/dev/null > docs/audit-terminal.txt

IDENTIFY_SCREENSHOTS="$PWD/docs" dotnet test Tools/Identify.Tests --no-build --filter "FullyQualifiedName~ReportsInBrowserTests" -v quiet -nologo
ls -l docs
