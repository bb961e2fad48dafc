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

# --explain: text and JSON carry the same decisions.
expl=$("$bin" --explain "$tmp/in/a.html")
check "explain names stages" grep -q "prune: tag <nav>" <<<"$expl"
jexpl=$("$bin" --explain --format json "$tmp/in/a.html")
check "explain json has blocks" grep -q '"blocks":\[{"kept":false' <<<"$jexpl"

# Text mode, auto-detected and forced.
printf 'A story sentence that is long enough to be read as news by anyone.\n\nAdvertisement\n\nAnother sentence of the same story, just as long as the first.\n' > "$tmp/t.txt"
tout=$("$bin" "$tmp/t.txt")
check "text mode auto" bash -c "! grep -q Advertisement <<<'$tout'"
check "text mode keeps story" grep -q "Another sentence" <<<"$tout"

# Containers: JSONL in, JSONL out, summary on stderr, exit 1 on a bad line.
printf '{"id":"x1","html":"<p>%s</p>","keep":true}\nnot json\n' "A paragraph of the page, long enough to be prose, with a comma, and an end." > "$tmp/c.jsonl"
"$bin" "$tmp/c.jsonl" > "$tmp/c.out" 2> "$tmp/c.err"; rc=$?
check "jsonl exit 1 on bad line" test "$rc" -eq 1
check "jsonl record carried field" grep -q '"keep":true' "$tmp/c.out"
check "jsonl error record" grep -q '"error":"line 2 is not JSON' "$tmp/c.out"
check "summary reconciles" grep -q "read 2, written 1, skipped 0, failed 1" "$tmp/c.err"
check "no progress when not a terminal" bash -c "! grep -q 'rec/s' '$tmp/c.err'"
"$bin" -j 1 "$tmp/c.jsonl" > "$tmp/j1.out" 2>/dev/null
"$bin" -j 2 "$tmp/c.jsonl" > "$tmp/j2.out" 2>/dev/null
check "same bytes for -j1 and -j2" cmp -s "$tmp/j1.out" "$tmp/j2.out"
"$bin" --progress "$tmp/c.jsonl" > /dev/null 2> "$tmp/p.err"
check "--progress forces the line" grep -q "rec/s" "$tmp/p.err"
"$bin" -o "$tmp/cout" "$tmp/c.jsonl" 2>/dev/null
check "container to OUT/<name>.jsonl" test -s "$tmp/cout/c.jsonl"

# Binary and oversized input are named errors.
printf '\x89PNG\r\n\x1a\nxxxxxxxx' > "$tmp/img.html"
"$bin" "$tmp/img.html" > /dev/null 2> "$tmp/img.err"; rc=$?
check "binary exit 1" test "$rc" -eq 1
check "binary named" grep -q "img.html: binary" "$tmp/img.err"
"$bin" --max-bytes 10 "$tmp/in/a.html" > /dev/null 2> "$tmp/big.err"; rc=$?
check "too large exit 1" test "$rc" -eq 1
check "too large named" grep -q "a.html: too large" "$tmp/big.err"

# An output directory that cannot be written is a failure.
touch "$tmp/notadir"
"$bin" -o "$tmp/notadir/sub" "$tmp/in/a.html" > /dev/null 2> "$tmp/w.err"; rc=$?
check "unwritable output exit 1" test "$rc" -eq 1
check "unwritable output named" grep -q "cannot write" "$tmp/w.err"

# Markdown output.
md=$("$bin" --format markdown "$tmp/in/a.html")
check "markdown format" grep -q "first paragraph" <<<"$md"

exit $fail
