#!/usr/bin/env bash
# The audit at scale: generates the million-contact data set (identify generate, seed 1) unless DIR already has one,
# then times `identify audit` on it (Release build, every output written) and reports the wall clock and peak memory.
# Usage: Benchmarks/audit-scale.sh [DIR]   (default /tmp/identify-scale; needs GNU time, /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/identify-scale}
command -v /usr/bin/time >/dev/null || { echo "audit-scale.sh: needs GNU time (/usr/bin/time; Debian: apt-get install time)" >&2; exit 1; }

dotnet build Tools/Identify -c Release -v quiet -nologo
identify="dotnet Tools/Identify/bin/Release/net10.0/identify.dll"
if [ ! -f "$dir/data/contact.json" ]; then
    $identify generate --contacts 1000000 --conversations 10000 --out "$dir"
fi

/usr/bin/time -v -o "$dir/audit.time" $identify audit --data "$dir/data" --config "$dir/config.json" \
    --json "$dir/audit.json" --csv "$dir/audit.csv" --html "$dir/audit.html" > "$dir/audit.txt" 2> "$dir/audit.err"
grep -E "^Audited" "$dir/audit.err"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$dir/audit.time"
ls -l "$dir/data" "$dir"/audit.*
