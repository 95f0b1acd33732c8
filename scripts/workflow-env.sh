#!/usr/bin/env bash
# Run by the reusable workflows before each agent-release step: exports the caller's own
# variables (EXTRA_ENV, from the extra-env input) and secrets (EXTRA_SECRETS, from the
# EXTRA_SECRETS secret) to the rest of the job, so a config can use ${OPENAI_API_KEY} or
# ${PROMETHEUS_URL}. Each is NAME=value lines; blank lines and # comments are skipped. Secret
# values are masked before they are exported. A bad line fails the job and changes nothing.
set -euo pipefail

reserved='^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_)|^(PATH|HOME|NODE_OPTIONS|NODE_PATH|BASH_ENV|ENV|LD_PRELOAD|LD_LIBRARY_PATH|CI)$'
lines=()

read_pairs() { # $1: what (for messages), $2: the text, $3: mask or not
  local what=$1 text=$2 mask=$3 n=0 line name value
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line=${line%$'\r'}
    [[ "$line" =~ ^[[:space:]]*(#.*)?$ ]] && continue
    if [[ ! "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      # Never echo the line: it may hold a secret.
      echo "::error::$what line $n is not NAME=value (a name of letters, digits and _, then =); fix it in the calling workflow"
      exit 1
    fi
    name=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    if [[ "$name" =~ $reserved ]]; then
      echo "::error::$what line $n sets $name, which the runner or agent-release owns; choose another name"
      exit 1
    fi
    # Escaped as @actions/core escapes command data: the runner decodes %25 back to %.
    [ "$mask" = mask ] && [ -n "$value" ] && echo "::add-mask::${value//%/%25}"
    lines+=("$name" "$value")
  done <<<"$text"
}

read_pairs 'extra-env' "${EXTRA_ENV:-}" plain
read_pairs 'EXTRA_SECRETS' "${EXTRA_SECRETS:-}" mask

# A random delimiter: a value can never end the heredoc early.
delimiter="agent_release_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
for ((i = 0; i < ${#lines[@]}; i += 2)); do
  printf '%s<<%s\n%s\n%s\n' "${lines[i]}" "$delimiter" "${lines[i + 1]}" "$delimiter" >>"$GITHUB_ENV"
done
echo "exported $((${#lines[@]} / 2)) variable(s) for agent-release"
