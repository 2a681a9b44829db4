#!/usr/bin/env bash
# Deploys the CustomerIdentification solution to a Dataverse environment with the Power Platform CLI (pac):
# builds the solution zip, signs in (pac auth create) and imports it (pac solution import --activate-plugins).
# Reads pac-config.json at the repository root; see Solution/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: deploy/deploy.sh [--config <file>] [--no-build]

  --config <file>  the configuration to read (default: pac-config.json at the repository root)
  --no-build       import the zip that zipPath names as it is; do not build it first

pac-config.json:
  environmentUrl   https URL of the environment, e.g. https://yourorg.crm.dynamics.com
  solutionName     unique name of the solution (CustomerIdentification)
  publisherPrefix  customization prefix of its publisher (idf)
  zipPath          the solution zip, relative to the repository root or absolute
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

known_keys=" environmentUrl solutionName publisherPrefix zipPath auth "
for key in "${!settings[@]}"; do
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

zip="${settings[zipPath]}"
[[ "$zip" == /* ]] || zip="$root/$zip"
[[ "$zip" == *.zip ]] || fail "$config: zipPath must name a .zip file (got '${settings[zipPath]}')"

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
    [[ -f "$zip" ]] || fail "the solution zip $zip does not exist; build it (drop --no-build) or fix zipPath"
fi

# ---- act ----

if ((build)); then
    # Packed afresh, so an old zip at zipPath is never what gets imported.
    rm -f "$zip"
    printf 'deploy: building %s\n' "$zip"
    dotnet build "$root/Solution/Identification.Solution.csproj" -c Release --nologo "-p:SolutionZip=$zip" ||
        { printf 'deploy: the build failed; nothing was imported\n' >&2; exit 1; }
    [[ -f "$zip" ]] || { printf 'deploy: the build did not produce %s\n' "$zip" >&2; exit 1; }
fi

printf 'deploy: pac %s\n' "${shown_auth_args[*]}"
pac "${auth_args[@]}"

printf 'deploy: pac solution import --path %s --activate-plugins\n' "$zip"
pac solution import --path "$zip" --activate-plugins

printf 'deploy: imported %s into %s\n' "${settings[solutionName]}" "$url"
