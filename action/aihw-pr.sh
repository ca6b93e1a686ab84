#!/usr/bin/env bash
# The pull-request check of the aihw GitHub Action (action.yml calls it; tests run it
# against a local git repository). Three steps, each reading its settings from the
# environment (never from interpolated workflow expressions):
#
#   aihw-pr.sh check   check the head (the working tree) and, with BASE, the merge base
#                      in a git worktree: OUT/head.json, OUT/base.json
#   aihw-pr.sh report  merge shard results if several, diff base and head, and write
#                      OUT/comment.md (diff on top, findings below, under MAX_CHARS),
#                      OUT/full.md (no size limit), OUT/aihw.sarif, OUT/exit-code
#   aihw-pr.sh post    post OUT/comment.md on pull request PR of REPO, or update the
#                      comment it posted before (found by its first line), with `gh`
#
# check:  STACKS (folders, space-separated), OUT, and optionally POLICY_CONFIG, EXCLUDE
#         (globs, space-separated), JOBS, SHARD (K/N), BASE (a commit), TODAY (default:
#         the head commit's date, so every shard and both sides judge the same day)
# report: OUT, and optionally HEAD_RESULTS / BASE_RESULTS (files or globs: several are
#         merged, for a CI matrix), REPORT_URL, MAX_CHARS (default 65000; at least 4000:
#         the diff gets a third, at least 2000, the findings the rest, at least 2000)
# post:   OUT, REPO (owner/name), PR (number), GH_TOKEN
set -euo pipefail

AIHW=${AIHW:-aihw}
MARKER='<!-- aihw-check -->'
EMPTY_RESULT='{"version": 1, "stacks": [], "findings": []}'

die() { echo "aihw-pr: $*" >&2; exit 2; }

check_args() {
  # ARGS: what both sides are checked with (the folders are added by the caller).
  ARGS=(--format json --today "$TODAY")
  if [ -n "${POLICY_CONFIG:-}" ]; then ARGS+=(--policy-config "$POLICY_CONFIG"); fi
  if [ -n "${JOBS:-}" ]; then ARGS+=(--jobs "$JOBS"); fi
  if [ -n "${SHARD:-}" ]; then ARGS+=(--shard "$SHARD"); fi
  local glob
  set -f
  for glob in ${EXCLUDE:-}; do ARGS+=(--exclude "$glob"); done
  set +f
}

check_head() {
  local -a dirs
  check_args
  read -r -a dirs <<< "$STACKS"
  local code=0
  "$AIHW" check "${dirs[@]}" "${ARGS[@]}" -o "$OUT/head.json" || code=$?
  echo "$code" > "$OUT/head.exit"
  [ -s "$OUT/head.json" ] || die "aihw check wrote no result for the head (exit $code)"
}

check_base() {
  local base_sha tree code=0
  if ! git cat-file -e "$BASE^{commit}" 2>/dev/null; then
    git fetch --quiet --no-tags --depth=1 origin "$BASE" || die "cannot fetch the base $BASE"
  fi
  base_sha=$(git merge-base "$BASE" HEAD 2>/dev/null || git rev-parse "$BASE^{commit}")
  tree="$OUT/base-tree"
  git worktree add --quiet --detach --force "$tree" "$base_sha"
  local -a dirs kept=()
  check_args
  read -r -a dirs <<< "$STACKS"
  local d
  for d in "${dirs[@]}"; do
    if [ -e "$tree/$d" ]; then kept+=("$d"); fi
  done
  if [ "${#kept[@]}" -gt 0 ]; then
    (cd "$tree" && "$AIHW" check "${kept[@]}" "${ARGS[@]}" -o "$OUT/base.json") || code=$?
  fi
  if [ ! -s "$OUT/base.json" ]; then
    echo "aihw-pr: no result for the base ${base_sha} (exit $code): compared with nothing" >&2
    echo "$EMPTY_RESULT" > "$OUT/base.json"
  fi
  echo "$base_sha" > "$OUT/base.sha"
  git worktree remove --force "$tree"
}

cmd_check() {
  : "${STACKS:?STACKS: the stack folders to check}" "${OUT:?OUT: the output folder}"
  mkdir -p "$OUT"
  OUT=$(cd "$OUT" && pwd)
  if [ -n "${POLICY_CONFIG:-}" ]; then
    POLICY_CONFIG=$(cd "$(dirname "$POLICY_CONFIG")" && pwd)/$(basename "$POLICY_CONFIG")
  fi
  TODAY=${TODAY:-$(git log -1 --format=%cs HEAD)}
  check_head
  if [ -n "${BASE:-}" ]; then check_base; fi
}

combined() {
  # One result file from RESULTS (a file or a glob); several (shards) are merged. The
  # stand-in for a side with none of the folders (EMPTY_RESULT) is left out of a merge.
  local pattern=$1 target=$2 code=0 f
  local -a found files=()
  set +f
  # shellcheck disable=SC2206  # the glob is meant to expand
  found=($pattern)
  for f in "${found[@]}"; do
    if [ -f "$f" ] && grep -q '"catalog_as_of"' "$f"; then files+=("$f"); fi
  done
  if [ "${#files[@]}" -eq 0 ]; then
    if [ -f "${found[0]}" ]; then echo "$EMPTY_RESULT" > "$target"; return 0; fi
    return 1
  fi
  if [ "${#files[@]}" -eq 1 ]; then
    if [ "${files[0]}" != "$target" ]; then cp "${files[0]}" "$target"; fi
    return 0
  fi
  "$AIHW" merge "${files[@]}" --format json -o "$target" || code=$?
  [ -s "$target" ] || die "aihw merge of $pattern failed (exit $code)"
}

cmd_report() {
  : "${OUT:?OUT: the output folder}"
  local limit=${MAX_CHARS:-65000} url=${REPORT_URL:-} code=0
  local -a link=()
  if [ -n "$url" ]; then link=(--report-url "$url"); fi
  combined "${HEAD_RESULTS:-$OUT/head.json}" "$OUT/head.json" || die "no head result"
  "$AIHW" merge "$OUT/head.json" --format markdown --max-chars 1000000000 -o "$OUT/full.md" \
    || code=$?
  echo "$code" > "$OUT/exit-code"
  "$AIHW" merge "$OUT/head.json" --format sarif -o "$OUT/aihw.sarif" || true
  local room=$limit
  : > "$OUT/diff.md"
  if combined "${BASE_RESULTS:-$OUT/base.json}" "$OUT/base.json"; then
    local share=$((limit / 3))
    if [ "$share" -lt 2000 ]; then share=2000; fi
    "$AIHW" diff "$OUT/base.json" "$OUT/head.json" --max-chars "$share" "${link[@]}" \
      -o "$OUT/diff.md"
    room=$((limit - $(wc -m < "$OUT/diff.md") - 200))
  fi
  if [ "$room" -lt 2000 ]; then room=2000; fi  # the findings' smallest budget
  "$AIHW" merge "$OUT/head.json" --format markdown --max-chars "$room" "${link[@]}" \
    -o "$OUT/findings.md" || true
  {
    echo "$MARKER"
    if [ -s "$OUT/diff.md" ]; then cat "$OUT/diff.md"; echo; echo "---"; echo; fi
    grep -v -x -F "$MARKER" "$OUT/findings.md" || true
  } > "$OUT/comment.md"
  echo "aihw-pr: comment $(wc -m < "$OUT/comment.md") characters, exit code $code" >&2
}

cmd_post() {
  : "${OUT:?}" "${REPO:?REPO: owner/name}" "${PR:?PR: the pull request number}"
  local id
  id=$(gh api "repos/$REPO/issues/$PR/comments" --paginate \
    --jq ".[] | select(.body | startswith(\"$MARKER\")) | .id" | head -n 1)
  if [ -n "$id" ]; then
    gh api --method PATCH "repos/$REPO/issues/comments/$id" -F "body=@$OUT/comment.md" > /dev/null
    echo "aihw-pr: updated comment $id" >&2
  else
    gh api --method POST "repos/$REPO/issues/$PR/comments" -F "body=@$OUT/comment.md" > /dev/null
    echo "aihw-pr: posted a comment on #$PR" >&2
  fi
}

case "${1:-}" in
  check) cmd_check ;;
  report) cmd_report ;;
  post) cmd_post ;;
  *) die "usage: aihw-pr.sh check|report|post (settings in the environment)" ;;
esac
