#!/usr/bin/env bash
# Deploys the CustomerIdentification solutions to a Dataverse environment with the Power Platform CLI (pac):
# builds the solution zips, signs in (pac auth create), asks the environment which of the tables the steps need it has
# (pac env fetch), and imports the core, then each channel solution (SMS, voice) whose tables are there
# (pac solution import --activate-plugins). Reads pac-config.json at the repository root; see Solution/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: deploy/deploy.sh [--config <file>] [--no-build]

  --config <file>  the configuration to read (default: pac-config.json at the repository root)
  --no-build       import the zips in solutionFolder as they are; do not build them first

pac-config.json:
  environmentUrl   https URL of the environment, e.g. https://yourorg.crm.dynamics.com
  solutionName     unique name of the solution (CustomerIdentification)
  publisherPrefix  customization prefix of its publisher (idf)
  solutionFolder   the folder the solution zips are built into and imported from (Solution/bin/Release),
                   relative to the repository root or absolute
  auth             interactive | deviceCode | servicePrincipal
                   servicePrincipal reads PAC_TENANT_ID, PAC_APPLICATION_ID and PAC_CLIENT_SECRET
                   from the environment; secrets never go in the file.
EOF
}

fail() {
    printf 'deploy: %s\n' "$*" >&2
    exit 2
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="$root/pac-config.json"
build=1

while (($# > 0)); do
    case "$1" in
        --config)
            (($# >= 2)) || fail "--config needs a file"
            config="$2"
            shift 2
            ;;
        --no-build)
            build=0
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            usage >&2
            fail "unknown argument '$1'"
            ;;
    esac
done

# ---- read the configuration: a flat JSON object of strings, parsed here so no jq or python is needed ----

declare -A settings=()
json=""
pos=0

invalid_json() {
    fail "$config is not valid JSON ($1 at character $((pos + 1))). Expected a flat object of strings, e.g. {\"environmentUrl\": \"https://yourorg.crm.dynamics.com\", ...}"
}

skip_whitespace() {
    while ((pos < ${#json})); do
        case "${json:pos:1}" in
            ' ' | $'\t' | $'\n' | $'\r') pos=$((pos + 1)) ;;
            *) return ;;
        esac
    done
}

# Reads the JSON string at pos into the variable named by $1.
read_string() {
    local -n _into=$1
    local _char _text=""
    [[ "${json:pos:1}" == '"' ]] || invalid_json "expected a string"
    pos=$((pos + 1))
    while :; do
        ((pos < ${#json})) || invalid_json "unterminated string"
        _char="${json:pos:1}"
        pos=$((pos + 1))
        case "$_char" in
            '"') break ;;
            '\')
                _char="${json:pos:1}"
                pos=$((pos + 1))
                case "$_char" in
                    '"' | '\' | '/') _text+="$_char" ;;
                    *) invalid_json "unsupported escape \\$_char" ;;
                esac
                ;;
            [[:cntrl:]]) invalid_json "control character in a string" ;;
            *) _text+="$_char" ;;
        esac
    done
    # shellcheck disable=SC2034 # assigned through the nameref
    _into="$_text"
}

parse_config() {
    local key value
    json="$(cat "$config")"
    json="${json#$'\xEF\xBB\xBF'}" # a byte-order mark, as some Windows editors write
    pos=0
    skip_whitespace
    [[ "${json:pos:1}" == '{' ]] || invalid_json "expected '{'"
    pos=$((pos + 1))
    skip_whitespace
    if [[ "${json:pos:1}" == '}' ]]; then
        pos=$((pos + 1))
    else
        while :; do
            skip_whitespace
            read_string key
            skip_whitespace
            [[ "${json:pos:1}" == ':' ]] || invalid_json "expected ':' after \"$key\""
            pos=$((pos + 1))
            skip_whitespace
            [[ "${json:pos:1}" == '"' ]] || fail "$config: \"$key\" must be a string"
            read_string value
            [[ -z "${settings[$key]+set}" ]] || fail "$config: \"$key\" appears twice"
            settings[$key]="$value"
            skip_whitespace
            case "${json:pos:1}" in
                ',') pos=$((pos + 1)) ;;
                '}')
                    pos=$((pos + 1))
                    break
                    ;;
                *) invalid_json "expected ',' or '}'" ;;
            esac
        done
    fi
    skip_whitespace
    ((pos == ${#json})) || invalid_json "unexpected text after the object"
}

[[ -f "$config" ]] || fail "no configuration at $config. Copy pac-config.json from the repository root and set environmentUrl (see Solution/README.md)."
parse_config

known_keys=" environmentUrl solutionName publisherPrefix solutionFolder auth "
for key in "${!settings[@]}"; do
    [[ "$key" != zipPath ]] ||
        fail "$config: \"zipPath\" is now \"solutionFolder\": the folder the solution zips are built into (e.g. \"Solution/bin/Release\"); the build writes one zip per solution"
    [[ "$known_keys" == *" $key "* ]] || fail "$config: unknown key \"$key\" (known:$known_keys)"
done
for key in $known_keys; do
    [[ -n "${settings[$key]:-}" ]] || fail "$config: \"$key\" is missing or empty"
done

url="${settings[environmentUrl]}"
[[ "$url" == https://* ]] || fail "$config: environmentUrl must start with https:// (got '$url')"
[[ "$url" =~ ^https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?/?$ ]] ||
    fail "$config: environmentUrl must be the environment's address only, e.g. https://yourorg.crm.dynamics.com (got '$url')"
[[ "$url" != https://yourorg.* ]] || fail "$config: environmentUrl is still the example; set it to your environment's URL"

# The solution source says what the build produces; a config naming another solution is a mistake.
definition="$root/Solution/SolutionDefinition.json"
[[ -f "$definition" ]] || fail "cannot find the solution source $definition"
source_value() {
    sed -n "s/^[[:space:]]*\"$1\":[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$definition" | head -n 1
}
expected_solution="$(source_value uniqueName)"
expected_prefix="$(source_value customizationPrefix)"
[[ "${settings[solutionName]}" == "$expected_solution" ]] ||
    fail "$config: solutionName is '${settings[solutionName]}' but Solution/ builds '$expected_solution'"
[[ "${settings[publisherPrefix]}" == "$expected_prefix" ]] ||
    fail "$config: publisherPrefix is '${settings[publisherPrefix]}' but the solution's publisher uses '$expected_prefix'"

folder="${settings[solutionFolder]}"
[[ "$folder" == /* ]] || folder="$root/$folder"
folder="${folder%/}"
[[ "$folder" != *.zip && ! -f "$folder" ]] ||
    fail "$config: solutionFolder is the folder the solution zips are built into, not a zip (got '${settings[solutionFolder]}')"
# Written by the build beside the zips: each zip, in import order, with the tables it needs (see Solution/README.md).
import_order="$folder/import-order.txt"

auth_args=(auth create --environment "$url")
shown_auth_args=("${auth_args[@]}")
case "${settings[auth]}" in
    interactive) ;;
    deviceCode)
        auth_args+=(--deviceCode)
        shown_auth_args+=(--deviceCode)
        ;;
    servicePrincipal)
        for variable in PAC_TENANT_ID PAC_APPLICATION_ID PAC_CLIENT_SECRET; do
            [[ -n "${!variable:-}" ]] || fail "auth is servicePrincipal but the environment variable $variable is not set"
        done
        auth_args+=(--tenant "$PAC_TENANT_ID" --applicationId "$PAC_APPLICATION_ID" --clientSecret "$PAC_CLIENT_SECRET")
        shown_auth_args+=(--tenant "$PAC_TENANT_ID" --applicationId "$PAC_APPLICATION_ID" --clientSecret '***')
        ;;
    *) fail "$config: auth must be interactive, deviceCode or servicePrincipal (got '${settings[auth]}')" ;;
esac

command -v pac >/dev/null 2>&1 ||
    fail "pac (Power Platform CLI) is not on PATH. Install it: dotnet tool install --global Microsoft.PowerApps.CLI.Tool"

if ((build)); then
    command -v dotnet >/dev/null 2>&1 || fail "dotnet is not on PATH; it is needed to build the solution (or pass --no-build)"
else
    [[ -f "$import_order" ]] ||
        fail "there are no solution zips in $folder ($import_order does not exist); build them (drop --no-build) or fix solutionFolder"
fi

# ---- the solutions to import: import-order.txt, one line per zip: <zip> TAB <core|channel> TAB <tables> ----

zips=()
kinds=()
needs=()
read_import_order() {
    local line number=0 zip kind tables
    while IFS= read -r line || [[ -n "$line" ]]; do
        number=$((number + 1))
        [[ -n "$line" && "$line" != '#'* ]] || continue
        IFS=$'\t' read -r zip kind tables <<<"$line"
        # Names go into file paths and a FetchXML query, so only what the build writes is accepted.
        [[ "$zip" =~ ^[A-Za-z][A-Za-z0-9_]*\.zip$ && "$kind" =~ ^(core|channel)$ && "$tables" =~ ^[a-z][a-z0-9_]*( [a-z][a-z0-9_]*)*$ ]] ||
            fail "$import_order line $number is not what the build writes (<zip> TAB core|channel TAB <tables>); build again"
        [[ "$kind" == channel || ${#zips[@]} -eq 0 ]] || fail "$import_order: the core must come first (line $number)"
        [[ "$kind" == core || ${#zips[@]} -gt 0 ]] || fail "$import_order: the first solution must be the core (line $number)"
        zips+=("$folder/$zip")
        kinds+=("$kind")
        needs+=("$tables")
    done <"$import_order"
    ((${#zips[@]} > 0)) || fail "$import_order names no solution; build again"
    for zip in "${zips[@]}"; do
        [[ -f "$zip" ]] || fail "the solution zip $zip does not exist; build the zips again (drop --no-build)"
    done
}

if ((build)); then
    # Packed afresh: the build writes import-order.txt last, so an old one is never what gets read.
    rm -f "$import_order"
    printf 'deploy: building the solution zips into %s\n' "$folder"
    dotnet build "$root/Solution/Identification.Solution.csproj" -c Release --nologo "-p:SolutionOutputDirectory=$folder" ||
        { printf 'deploy: the build failed; nothing was imported\n' >&2; exit 1; }
    [[ -f "$import_order" ]] || { printf 'deploy: the build did not produce %s\n' "$import_order" >&2; exit 1; }
fi
read_import_order

# ---- act ----

printf 'deploy: pac %s\n' "${shown_auth_args[*]}"
pac "${auth_args[@]}"

# Which of the tables the solutions need does the environment have? One query of the table definitions (the entity
# table: one row per table, by logicalname) answers for all of them; a channel's table exists only where its
# Omnichannel channel is installed.
declare -A wanted=()
for tables in "${needs[@]}"; do
    for table in $tables; do wanted[$table]=1; done
done
mapfile -t all_tables < <(printf '%s\n' "${!wanted[@]}" | sort)
values=""
for table in "${all_tables[@]}"; do values+="<value>$table</value>"; done
query="<fetch><entity name='entity'><attribute name='logicalname'/><filter><condition attribute='logicalname' operator='in'>$values</condition></filter></entity></fetch>"
printf 'deploy: pac env fetch --xml "%s"\n' "$query"
answer="$(pac env fetch --xml "$query")" ||
    { printf 'deploy: could not ask the environment for its tables; nothing was imported\n' >&2; exit 1; }
# The answer's words, one per line; the query's own <value> elements are taken out first, in case pac repeats the query.
reported="$(printf '%s\n' "$answer" | sed 's#<value>[^<]*</value>##g' | tr -c 'A-Za-z0-9_\n' '\n')"
# The tables of the list in $1 the environment did not report, separated by ", ".
missing_of() {
    local table missing=""
    for table in $1; do
        grep -qx -- "$table" <<<"$reported" || missing+="${missing:+, }$table"
    done
    printf '%s' "$missing"
}

# Decided for every solution before anything is imported: without the core's tables nothing can be.
to_import=()
skipped=""
for i in "${!zips[@]}"; do
    name="$(basename "${zips[$i]}" .zip)"
    missing="$(missing_of "${needs[$i]}")"
    if [[ -z "$missing" ]]; then
        to_import+=("${zips[$i]}")
    elif [[ "${kinds[$i]}" == core ]]; then
        printf 'deploy: %s has no %s, which %s needs: is Omnichannel for Customer Service installed there? Nothing was imported.\n' \
            "$url" "$missing" "$name" >&2
        exit 1
    else
        printf 'deploy: skipping %s: the environment has no %s, so that channel is not installed; run deploy again once it is\n' \
            "$name" "$missing"
        skipped+="${skipped:+, }$name (no $missing)"
    fi
done

imported=""
for zip in "${to_import[@]}"; do
    printf 'deploy: pac solution import --path %s --activate-plugins\n' "$zip"
    pac solution import --path "$zip" --activate-plugins
    imported+="${imported:+, }$(basename "$zip" .zip)"
done

printf 'deploy: imported %s into %s%s\n' "$imported" "$url" "${skipped:+; skipped $skipped}"
