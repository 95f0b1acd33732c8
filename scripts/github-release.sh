#!/usr/bin/env bash
# Run by .github/workflows/publish.yml: creates the GitHub release of $TAG with $VERSION's
# CHANGELOG.md entry as its notes, or updates it when a re-run finds it already there.
# GitHub's REST API at $GITHUB_API_URL (docs.github.com/rest/releases/releases); curl retries
# 408, 429 and 5xx answers with backoff, within a deadline.
set -euo pipefail

: "${TAG:?}" "${VERSION:?}" "${PRERELEASE:?}" "${GITHUB_TOKEN:?}"
api="$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/releases"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node "$(dirname "$0")/release.mjs" notes "$VERSION" > "$work/notes.md"
jq -n --arg tag "$TAG" --rawfile body "$work/notes.md" --argjson prerelease "$PRERELEASE" \
  '{ tag_name: $tag, name: $tag, body: $body, prerelease: $prerelease, make_latest: (if $prerelease then "false" else "true" end) }' > "$work/release.json"

call() { # method url [body file] -> prints the HTTP status; the answer is in $work/answer.json
  curl --silent --show-error --retry 5 --retry-connrefused --retry-max-time 120 --max-time 30 \
    --request "$1" --url "$2" ${3:+--data "@$3"} --output "$work/answer.json" --write-out '%{http_code}' \
    --header "Authorization: Bearer $GITHUB_TOKEN" --header 'Accept: application/vnd.github+json' --header 'X-GitHub-Api-Version: 2022-11-28'
}
fail() {
  echo "::error::$1 answered HTTP $2: $(jq -r '.message // empty' "$work/answer.json" 2>/dev/null)"
  exit 1
}

# Read, then update or create. A create that GitHub applied but answered with an error (then
# retried into 422 already_exists) is found by the second read and updated.
for attempt in 1 2; do
  status=$(call GET "$api/tags/$TAG")
  if [ "$status" = 200 ]; then
    id=$(jq -r .id "$work/answer.json")
    status=$(call PATCH "$api/$id" "$work/release.json")
    [ "$status" = 200 ] || fail "updating release $TAG" "$status"
    echo "updated the GitHub release $TAG: $(jq -r .html_url "$work/answer.json")"
    exit 0
  fi
  [ "$status" = 404 ] || fail "reading release $TAG" "$status"
  status=$(call POST "$api" "$work/release.json")
  if [ "$status" = 201 ]; then
    echo "created the GitHub release $TAG: $(jq -r .html_url "$work/answer.json")"
    exit 0
  fi
  [ "$status" = 422 ] && [ "$attempt" = 1 ] || fail "creating release $TAG" "$status"
done
