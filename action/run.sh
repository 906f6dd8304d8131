#!/usr/bin/env bash
# The steps of the journeymap GitHub Action (action.yml), one subcommand each, so that they run, and are tested,
# outside a workflow too:
#
#   install    pip install journeymap ($JOURNEYMAP_PACKAGE: a version, a pip requirement or a path; empty: the
#              action's own copy, $GITHUB_ACTION_PATH)
#   validate   annotations (--format github) on the log, and a SARIF file for code scanning; never fails the step,
#              so that the SARIF is uploaded first: `verdict` fails the job
#   diff       on a pull request ($GITHUB_BASE_REF set): each journey the pull request changes, diffed against the
#              point where it left the base branch, as Markdown in the job summary and as annotations
#   verdict    exits 1 when validate or a --fail-on condition of diff failed
#
# Inputs arrive as environment variables (INPUT_PATHS, INPUT_STRICT, INPUT_FAIL_ON, ...), never pasted into the
# script by the workflow, so that no branch or file name can inject shell. Paths are separated by spaces or lines.
set -euo pipefail

python_bin="${JOURNEYMAP_PYTHON:-python}"
jm() { "$python_bin" -m journeymap "$@"; }
say() { printf 'journeymap action: %s\n' "$*" >&2; }
set_output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; fi; }

read_paths() {
    read -r -d '' -a paths <<< "${INPUT_PATHS:-.}" || true
    [ "${#paths[@]}" -gt 0 ] || paths=(.)
}

install() {
    local spec="${JOURNEYMAP_PACKAGE:-}"
    if [ -z "$spec" ]; then
        spec="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: name what to install in JOURNEYMAP_PACKAGE}"
    elif [[ "$spec" =~ ^[0-9][0-9A-Za-z.+!-]*$ ]]; then
        spec="journeymap==$spec"
    fi
    "$python_bin" -m pip install --disable-pip-version-check --quiet "$spec"
    jm --version
}

validate() {
    read_paths
    local strict=() status=0 sarif_status=0
    [ "${INPUT_STRICT:-false}" = "true" ] && strict=(--strict)
    local sarif="${JOURNEYMAP_SARIF:-${RUNNER_TEMP:-.}/journeymap.sarif}"
    jm validate --format github "${strict[@]}" -- "${paths[@]}" || status=$?
    # The same run as SARIF: written whole or not at all (a failed run leaves no half file to upload).
    jm validate --format sarif "${strict[@]}" -- "${paths[@]}" > "$sarif.partial" 2>/dev/null || sarif_status=$?
    if [ "$sarif_status" -le 1 ]; then
        mv -f -- "$sarif.partial" "$sarif"
        set_output sarif-file "$sarif"
    else
        rm -f -- "$sarif.partial"
        say "no SARIF file: validate ended with exit code $sarif_status"
    fi
    set_output status "$status"
}

is_journey() {  # a journey declares `journeymap:` at the start of a line; $2: a revision to read it at, or empty
    if [ -n "$2" ]; then
        git show "$2:$1" 2>/dev/null | grep -q '^journeymap:'
    else
        [ -f "$1" ] && grep -q '^journeymap:' -- "$1"
    fi
}

diff_journeys() {
    read_paths
    local base_ref="${GITHUB_BASE_REF:-}" status=0 code summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
    if [ -z "$base_ref" ]; then
        say "not a pull request (GITHUB_BASE_REF is empty): no diff"
        set_output status 0
        return 0
    fi
    local remote="origin/$base_ref"
    if ! git rev-parse --verify --quiet "$remote^{commit}" > /dev/null; then
        git fetch --no-tags --quiet origin "+refs/heads/$base_ref:refs/remotes/origin/$base_ref"
    fi
    local base
    if ! base="$(git merge-base "$remote" HEAD)"; then
        say "no common history with $remote (a shallow checkout? use actions/checkout with fetch-depth: 0)"
        base="$(git rev-parse "$remote")"
    fi
    local short fail_on=()
    short="$(git rev-parse --short "$base")"
    [ -n "${INPUT_FAIL_ON:-}" ] && fail_on=(--fail-on "$INPUT_FAIL_ON")
    local files=() file
    while IFS= read -r -d '' file; do
        case "$file" in *.yaml|*.yml) ;; *) continue ;; esac
        if is_journey "$file" "" || is_journey "$file" "$base"; then files+=("$file"); fi
    done < <(git diff -z --name-only --no-renames "$base" HEAD -- "${paths[@]}")
    if [ "${#files[@]}" -eq 0 ]; then
        printf '%s\n' "No journey changed since \`$base_ref\` ($short)." >> "$summary"
        set_output status 0
        return 0
    fi
    for file in "${files[@]}"; do
        code=0
        { jm diff --rev "$short" --format md -- "$file" || code=$?; printf '\n'; } >> "$summary"
        if [ "$code" -ge 2 ]; then
            say "could not diff $file against $short (see validate's problems)"
            continue
        fi
        jm diff --rev "$short" --format github "${fail_on[@]}" -- "$file" || code=$?
        [ "$code" -eq 1 ] && status=1
    done
    set_output status "$status"
}

verdict() {
    local validate="${JOURNEYMAP_VALIDATE_STATUS:-0}" diff="${JOURNEYMAP_DIFF_STATUS:-0}"
    if [ "$validate" != 0 ]; then say "validate found problems (exit code $validate)"; fi
    if [ "$diff" != 0 ]; then say "a --fail-on condition of diff holds"; fi
    [ "$validate" = 0 ] && [ "$diff" = 0 ]
}

case "${1:-}" in
    install) install ;;
    validate) validate ;;
    diff) diff_journeys ;;
    verdict) verdict ;;
    *) echo "usage: run.sh install|validate|diff|verdict" >&2; exit 2 ;;
esac
