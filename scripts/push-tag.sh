#!/usr/bin/env bash
# Run by .github/workflows/publish.yml: points a tag of this repository at a commit.
#   push-tag.sh create <tag> <sha>   a version tag: created once, never moved (the same commit is fine)
#   push-tag.sh move <tag> <sha>     the major tag (v1): created or moved to the commit
# Pushes to $GITHUB_SERVER_URL/$GITHUB_REPOSITORY with GITHUB_TOKEN, given to git through the
# environment (never on a command line or in .git/config).
set -euo pipefail

mode=${1:?create or move}
tag=${2:?tag}
sha=${3:?commit}
remote="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY.git"
credentials=$(printf 'x-access-token:%s' "${GITHUB_TOKEN:?GITHUB_TOKEN is needed to push tags}" | base64 -w0)
echo "::add-mask::$credentials"
n=${GIT_CONFIG_COUNT:-0}
export "GIT_CONFIG_KEY_$n=http.$GITHUB_SERVER_URL/.extraheader"
export "GIT_CONFIG_VALUE_$n=AUTHORIZATION: basic $credentials"
export GIT_CONFIG_COUNT=$((n + 1))

# The commit the tag names on the remote now (an annotated tag peeled to its commit), or nothing.
current=$(git ls-remote "$remote" "refs/tags/$tag" "refs/tags/$tag^{}" | awk '{ print $1 }' | tail -n 1)

if [ "$current" = "$sha" ]; then
  echo "$tag already points at $sha"
  exit 0
fi
if [ "$mode" = create ] && [ -n "$current" ]; then
  echo "::error::tag $tag already points at $current, not at this run's commit $sha; a released version's tag is never moved: release a new version instead"
  exit 1
fi
# A lightweight tag straight on the remote: nothing is tagged locally, so a retry starts clean.
git push --quiet $([ "$mode" = move ] && echo --force) "$remote" "$sha:refs/tags/$tag"
echo "$tag now points at $sha${current:+ (was $current)}"
