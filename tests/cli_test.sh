#!/usr/bin/env bash
# Command-line behaviour: stdin/stdout, --output-dir, exit codes, errors that
# name the input, --help and --version.
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}

page='<html><body><nav><a href=/>Home</a></nav><article><h1>Title</h1><p>The first paragraph of the story, long enough to be prose, with a comma, and a full stop at the end.</p><p>The second paragraph of the story, also long enough to be prose, with commas, clauses, and an ending.</p></article></body></html>'

out=$(printf '%s' "$page" | "$bin")
check "stdin to stdout" grep -q "first paragraph of the story" <<<"$out"
check "nav dropped" bash -c "! grep -q Home <<<'$out'"

mkdir -p "$tmp/in/sub"
printf '%s' "$page" > "$tmp/in/a.html"
printf '%s' "$page" > "$tmp/in/sub/b.htm"
printf 'ignored' > "$tmp/in/notes.md"
"$bin" -o "$tmp/out" "$tmp/in"; rc=$?
check "output-dir exit 0" test "$rc" -eq 0
check "output-dir a.txt" test -s "$tmp/out/a.txt"
check "output-dir keeps subdirs" test -s "$tmp/out/sub/b.txt"
check "non-html skipped" test ! -e "$tmp/out/notes.txt"

"$bin" "$tmp/in/a.html" "$tmp/does-not-exist.html" > "$tmp/mixed.out" 2> "$tmp/mixed.err"; rc=$?
check "missing input exit 1" test "$rc" -eq 1
check "missing input named" grep -q "does-not-exist.html" "$tmp/mixed.err"
check "other input still cleaned" grep -q "first paragraph" "$tmp/mixed.out"

"$bin" --no-such-flag > /dev/null 2>&1; rc=$?
check "usage error exit 2" test "$rc" -eq 2
check "--help teaches" bash -c "'$bin' --help | grep -q 'Exit status'"
check "--version" bash -c "'$bin' --version | grep -q '^winnow [0-9]'"

mkdir -p "$tmp/badrules"
printf '[boilerplate-line]\n(unclosed\n' > "$tmp/badrules/x.rules"
"$bin" --rules "$tmp/badrules" "$tmp/in/a.html" > /dev/null 2> "$tmp/rules.err"; rc=$?
check "bad rules exit 2" test "$rc" -eq 2
check "bad rules named" grep -q "x.rules:2" "$tmp/rules.err"

json=$("$bin" --format json "$tmp/in/a.html")
check "json has title" grep -q '"title":"Title"' <<<"$json"

exit $fail
