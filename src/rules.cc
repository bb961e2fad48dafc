#include "rules.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text_util.h"

namespace winnow {

bool PatternSet::Add(std::string_view pattern, std::string origin, std::string* error) {
  if (!compiled_) {  // checked where another set adds it
    patterns_.emplace_back(pattern);
    origins_.push_back(std::move(origin));
    return true;
  }
  // The set is built here, pattern by pattern, so that a bad pattern is
  // reported with its file and line (RE2::Set::Add parses each one).
  if (!set_) {
    RE2::Options opts;
    opts.set_case_sensitive(false);
    opts.set_log_errors(false);
    // Each set's DFA cache grows to a share of this as documents go by: it
    // bounds the memory a long run settles at (several sets, all threads).
    opts.set_max_mem(32 << 20);
    set_ = std::make_unique<RE2::Set>(opts, anchor_);
  }
  // Whole-block rules only see blocks of at most 200 characters, where an
  // upper bound of ten or more (".{0,150}", "[^/|]{1,40}") says little
  // that the rest of the pattern does not, but costs RE2 a copy of the
  // class per count: compiling all rules took 0.4 s, and on lines it has
  // not seen RE2 built a quarter more DFA states. So "{m,n}" reads "{m,}"
  // there ("{0,n}" after "." reads "*").
  const std::string compiled = anchor_ == RE2::ANCHOR_BOTH ? WholeBlockForm(pattern) : std::string(pattern);
  std::string err;
  if (set_->Add(compiled, &err) < 0) {
    *error = origin + ": bad pattern: " + err;
    return false;
  }
  patterns_.emplace_back(pattern);
  forms_.push_back(compiled);
  origins_.push_back(std::move(origin));
  return true;
}

std::string PatternSet::WholeBlockForm(std::string_view pattern) {
  std::string form(pattern);
  static const RE2 kBoundedAny("\\.\\{0,\\d{2,4}\\}");
  static const RE2 kLongBound("\\{(\\d{1,3}),\\d{2,4}\\}");
  RE2::GlobalReplace(&form, kBoundedAny, ".*");
  RE2::GlobalReplace(&form, kLongBound, "{\\1,}");
  return form;
}

bool PatternSet::StartsOpen(const std::string& form) {
  // Optional "(" and "?:", then ".*", ".+", ".{" or a negated class
  // repeated ("[^/|]+").
  static const RE2 kOpenStart("^\\(*(?:\\?:)?(?:\\.[*+{]|\\[\\^(?:\\\\.|[^\\]])*\\][*+{])");
  return RE2::PartialMatch(form, kOpenStart);
}

namespace {

// The index of the ']' closing the class opened at `open`. Knows escapes,
// "[:alpha:]" and a ']' right after "[" or "[^" (a literal).
size_t ClassEnd(const std::string& r, size_t open) {
  size_t i = open + 1;
  if (i < r.size() && r[i] == '^') ++i;
  if (i < r.size() && r[i] == ']') ++i;
  for (; i < r.size(); ++i) {
    if (r[i] == '\\') {
      ++i;
    } else if (r[i] == '[' && i + 1 < r.size() && r[i + 1] == ':') {
      const size_t e = r.find(":]", i + 2);
      if (e != std::string::npos) i = e + 1;
    } else if (r[i] == ']') {
      return i;
    }
  }
  return std::string::npos;
}

// The index of the ')' closing the group opened at `open`, or npos.
size_t GroupEnd(const std::string& r, size_t open) {
  int depth = 0;
  for (size_t i = open; i < r.size(); ++i) {
    if (r[i] == '\\') {
      ++i;
    } else if (r[i] == '[') {
      i = ClassEnd(r, i);
      if (i == std::string::npos) return i;
    } else if (r[i] == '(') {
      ++depth;
    } else if (r[i] == ')' && --depth == 0) {
      return i;
    }
  }
  return std::string::npos;
}

// Whether `r` has a '|' outside every group (or cannot be read: then no
// shortcut is taken).
bool TopLevelAlternation(const std::string& r) {
  for (size_t i = 0; i < r.size(); ++i) {
    if (r[i] == '\\') {
      ++i;
    } else if (r[i] == '[' || r[i] == '(') {
      i = r[i] == '[' ? ClassEnd(r, i) : GroupEnd(r, i);
      if (i == std::string::npos) return true;
    } else if (r[i] == '|') {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string PatternSet::AnywhereForm(const std::string& form) {
  if (TopLevelAlternation(form)) return "^(?:" + form + ")$";
  std::string core = form;
  std::string head = "^";
  std::string tail = "$";
  if (core.rfind(".*", 0) == 0 && core.rfind(".*?", 0) != 0) {
    core.erase(0, 2);
    head.clear();
  } else if (core.rfind("(.*", 0) == 0 && core.rfind("(.*?", 0) != 0) {
    const size_t close = GroupEnd(core, 0);
    if (close != std::string::npos && close + 1 < core.size() && core[close + 1] == '?' &&
        (close + 2 >= core.size() || core[close + 2] != '?') &&
        !TopLevelAlternation(core.substr(3, close - 3))) {  // "(.*a|b)?" is not ".*(a|b)"
      head = "(?:^|" + core.substr(3, close - 3) + ")";
      core.erase(0, close + 2);
    }
  }
  // A trailing ".*" that is not "\.*" (a literal dot, repeated).
  size_t backslashes = 0;
  for (size_t i = core.size() >= 2 ? core.size() - 2 : 0; i > 0 && core[i - 1] == '\\'; --i) ++backslashes;
  if (core.size() >= 2 && core.ends_with(".*") && backslashes % 2 == 0) {
    core.resize(core.size() - 2);
    tail.clear();
  }
  return head + "(?:" + core + ")" + tail;
}

bool PatternSet::Compile(std::string* error, LiteralScreen* screen, bool short_literals) {
  if (!set_) return true;
  if (!set_->Compile()) {
    *error = "rule patterns do not compile together (too large?)";
    return false;
  }
  if (screen && anchor_ == RE2::UNANCHORED) AddScreen(screen, short_literals);
  return true;
}

// Atoms this short or shorter may be assumed found (see AddScreen).
constexpr size_t kAssumedAtomBytes = 10;

void PatternSet::AddScreen(LiteralScreen* screen, bool short_literals) {
  RE2::Options opts;
  opts.set_case_sensitive(false);
  opts.set_log_errors(false);
  // Atoms of five bytes and more: shorter ones ("the ", " in") are in most
  // texts and would let them all through.
  auto filter = std::make_unique<re2::FilteredRE2>(5);
  for (const std::string& form : forms_) {
    int id;
    if (filter->Add(form, opts, &id) != RE2::NoError) return;  // matched without the screen
  }
  std::vector<std::string> atoms;
  filter->Compile(&atoms);
  std::vector<int> unfiltered;
  filter->AllPotentials({}, &unfiltered);
  // The patterns left: their literals of any length, and any with none.
  std::unique_ptr<re2::FilteredRE2> short_filter;
  std::vector<ShortAtom> short_atoms;
  std::string short_bytes;
  std::vector<int> bare;
  if (!short_literals) bare = unfiltered;
  if (short_literals && !unfiltered.empty()) {
    short_filter = std::make_unique<re2::FilteredRE2>(1);
    for (int i : unfiltered) {
      int id;
      if (short_filter->Add(forms_[size_t(i)], opts, &id) != RE2::NoError) return;
    }
    std::vector<std::string> found;
    short_filter->Compile(&found);
    std::vector<int> none;
    short_filter->AllPotentials({}, &none);
    for (int k : none) bare.push_back(unfiltered[size_t(k)]);
    for (const std::string& a : found) {
      ShortAtom atom;
      FoldCase(a, &atom.text);
      // Its rarest byte, roughly: punctuation before digits and letters;
      // none when it is all white space.
      int best = 1 << 30;
      char key = 0;
      for (char c : atom.text) {
        const uint8_t u = uint8_t(c);
        const int weight = (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') ? 1 << 20
                           : (u >= 'a' && u <= 'z') ? 10 : (u >= '0' && u <= '9') ? 8 : u >= 0xC0 ? 3 : u >= 0x80 ? 5 : 1;
        if (weight < best) {
          best = weight;
          key = c;
        }
      }
      if (best < (1 << 20)) {
        auto at = std::find(short_bytes.begin(), short_bytes.end(), key);
        atom.byte = int(at - short_bytes.begin());
        if (at == short_bytes.end()) short_bytes.push_back(key);
      }
      short_atoms.push_back(std::move(atom));
    }
  }
  // A pattern with no literal at all matches or not whatever the screen
  // finds. One that starts with "^" ("^[^.!?]+$") is read on every text on
  // its own, anchored, where RE2 stops as soon as it fails; with another
  // kind, the set would be read on every text, and is better without the
  // screen. So is a set that white space alone (taken as found in every
  // text) makes possible.
  auto bare_start = std::make_unique<RE2::Set>(opts, RE2::ANCHOR_START);
  std::vector<NoneOf> none_of;
  size_t in_bare_start = 0;
  for (int i : bare) {
    const std::string& form = forms_[size_t(i)];
    if (NoneOf n; NoneOf::Parse(form, &n)) {
      none_of.push_back(std::move(n));
      continue;
    }
    if (!form.starts_with('^') || TopLevelAlternation(form) || bare_start->Add(form, nullptr) < 0) return;
    ++in_bare_start;
  }
  if (in_bare_start == 0) bare_start.reset();
  else if (!bare_start->Compile()) return;
  if (short_filter) {
    std::vector<int> blank;
    for (size_t k = 0; k < short_atoms.size(); ++k)
      if (short_atoms[k].byte < 0) blank.push_back(int(k));
    std::vector<int> potential;
    if (!blank.empty()) short_filter->AllPotentials(blank, &potential);
    if (potential.size() > bare.size()) return;
  }
  // Short atoms that make no pattern possible alone (" at the ", "s de
  // la ": parts of longer phrases) are in most texts: the screen would
  // find them again and again. They are taken as found instead, which can
  // only let more texts through; unless they then make a pattern possible
  // by themselves.
  std::vector<int> candidates;
  std::vector<int> potential;
  for (size_t a = 0; a < atoms.size(); ++a) {
    if (atoms[a].size() > kAssumedAtomBytes) continue;
    filter->AllPotentials({int(a)}, &potential);
    if (potential.size() == unfiltered.size()) candidates.push_back(int(a));
  }
  // Shortest first (the most common), each only if the ones taken so far
  // and it still make no pattern possible together.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](int x, int y) { return atoms[size_t(x)].size() < atoms[size_t(y)].size(); });
  std::vector<int> assumed;
  for (int a : candidates) {
    assumed.push_back(a);
    filter->AllPotentials(assumed, &potential);
    if (potential.size() > unfiltered.size()) assumed.pop_back();
  }
  // The rest are looked for; sufficient: found with the assumed ones, an
  // atom makes a pattern possible.
  std::vector<std::string> looked_for;
  std::vector<int> looked_index;
  std::vector<bool> is_assumed(atoms.size(), false);
  for (int a : assumed) is_assumed[size_t(a)] = true;
  for (size_t a = 0; a < atoms.size(); ++a)
    if (!is_assumed[a]) {
      looked_for.push_back(atoms[a]);
      looked_index.push_back(int(a));
    }
  const int first = screen->Add(looked_for);
  if (first < 0) return;
  // Whether each suffices is asked of the filter the first time a text
  // holds it (at start-up, asking for all of them was a fifth of
  // compiling the rules).
  auto sufficient = std::make_unique<std::atomic<int8_t>[]>(looked_for.size());
  for (size_t k = 0; k < looked_for.size(); ++k) sufficient[k].store(-1, std::memory_order_relaxed);
  screen_ = screen;
  first_atom_ = first;
  atom_count_ = int(looked_for.size());
  atom_index_ = std::move(looked_index);
  assumed_ = std::move(assumed);
  filter_ = std::move(filter);
  unfiltered_count_ = unfiltered.size();
  sufficient_ = std::move(sufficient);
  short_atoms_ = std::move(short_atoms);
  short_bytes_ = std::move(short_bytes);
  short_filter_ = std::move(short_filter);
  bare_start_ = std::move(bare_start);
  none_of_ = std::move(none_of);
  short_bare_count_ = short_literals ? bare.size() : 0;
}

namespace {

// The characters of a class "[...]" without ranges, nested classes or
// escapes other than of punctuation, each without case; false otherwise.
bool ReadPlainClass(std::string_view body, PatternSet::NoneOf::CharClass* out) {
  if (body.empty()) return false;
  for (int32_t i = 0; i < int32_t(body.size());) {
    UChar32 c;
    const int32_t start = i;
    U8_NEXT(body.data(), i, int32_t(body.size()), c);
    if (c < 0) return false;
    if (c == '\\') {  // an escaped punctuation character stands for itself
      if (i >= int32_t(body.size())) return false;
      c = uint8_t(body[size_t(i++)]);
      if (c >= 0x80 || !std::ispunct(int(c))) return false;
    } else if (c == '[' || c == ']' || c == '^' || (c == '-' && start > 0 && i < int32_t(body.size()))) {
      return false;  // a nested class, or a range: left to RE2
    }
    if (c < 0x80) {
      if (std::isalpha(int(c)) || c < 0x20) return false;
      out->ascii[c] = true;
    } else {
      if (u_foldCase(c, U_FOLD_CASE_DEFAULT) != c || u_toupper(c) != c || u_tolower(c) != c) return false;
      out->wide.emplace_back(body.substr(size_t(start), size_t(i - start)));
    }
  }
  return true;
}

}  // namespace

bool PatternSet::NoneOf::CharClass::Has(std::string_view ch) const {
  if (ch.size() == 1) return uint8_t(ch[0]) < 0x80 && ascii[uint8_t(ch[0])];
  return std::find(wide.begin(), wide.end(), ch) != wide.end();
}

bool PatternSet::NoneOf::Parse(const std::string& form, NoneOf* out) {
  *out = NoneOf();
  std::string_view f(form);
  if (!f.starts_with("^[^") || !f.ends_with("$")) return false;
  f.remove_prefix(3);
  f.remove_suffix(1);
  // The class ends at the first "]" that is not escaped.
  size_t end = 0;
  while (end < f.size() && f[end] != ']') end += f[end] == '\\' ? 2 : 1;
  if (end >= f.size() || !ReadPlainClass(f.substr(0, end), &out->none)) return false;
  f.remove_prefix(end + 1);
  if (f.starts_with("+")) {
    out->min_chars = 1;
    f.remove_prefix(1);
  } else if (f.starts_with("*")) {
    out->min_chars = 0;
    f.remove_prefix(1);
  } else if (f.starts_with("{")) {
    const size_t close = f.find(",}");
    if (close == std::string_view::npos || close == 1 || close > 4) return false;
    out->min_chars = 0;
    for (char d : f.substr(1, close - 1)) {
      if (d < '0' || d > '9') return false;
      out->min_chars = out->min_chars * 10 + (d - '0');
    }
    f.remove_prefix(close + 2);
  } else {
    return false;
  }
  std::string stops;
  for (int c = 0; c < 128; ++c)
    if (out->none.ascii[c]) stops += char(c);
  for (const std::string& w : out->none.wide) stops += w[0];
  out->stops = ByteSet(stops);
  if (f.empty()) return true;
  // One more character, of a class of its own: "^[^.!?]{10,}[?]$".
  if (!f.starts_with("[") || !f.ends_with("]") || f.size() < 3 || f[1] == '^') return false;
  out->last = std::make_unique<CharClass>();
  return ReadPlainClass(f.substr(1, f.size() - 2), out->last.get());
}

bool PatternSet::NoneOf::Matches(std::string_view text) const {
  if (last) {
    // The last character: its lead byte is the last byte not 10xxxxxx.
    size_t k = text.size();
    while (k > 0 && (uint8_t(text[k - 1]) & 0xC0) == 0x80) --k;
    if (k == 0 || !last->Has(text.substr(k - 1))) return false;
    text.remove_suffix(text.size() - (k - 1));
  }
  // A class character where a stop byte is: an ASCII one itself, or a wide
  // one starting at its lead byte.
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  const bool found = stops.AnyAt(text, [&](size_t i) {
    if (p[i] < 0x80) return true;
    for (const std::string& w : none.wide) {  // byte by byte: memcmp calls were a third of it on CJK text
      if (w.size() > n - i) continue;
      size_t k = 0;
      while (k < w.size() && p[i + k] == uint8_t(w[k])) ++k;
      if (k == w.size()) return true;
    }
    return false;
  });
  if (found) return false;
  if (min_chars <= 1) return n > 0 || min_chars == 0;
  int chars = 0;
  for (size_t i = 0; i < n; ++i) chars += (p[i] & 0xC0) != 0x80;
  return chars >= min_chars;
}

bool PatternSet::Matches(std::string_view text) const {
  if (!screen_) return set_ && set_->Match(text, nullptr);
  thread_local ScreenHits screened;
  screen_->Scan(text, &screened);
  return Matches(text, screened);
}

bool PatternSet::Matches(std::string_view text, const ScreenHits& screened) const {
  return MatchesGiven(text, MayMatch(screened));
}

bool PatternSet::MayMatch(const ScreenHits& screened) const {
  if (!screen_) return true;
  // The atoms found that are this set's, numbered as its filter numbers
  // them; one that suffices alone settles it without the filter.
  thread_local std::vector<int> mine, potential;
  mine.clear();
  for (int h : screened.atoms) {
    if (h < first_atom_ || h >= first_atom_ + atom_count_) continue;
    const size_t k = size_t(h - first_atom_);
    int8_t sufficient = sufficient_[k].load(std::memory_order_relaxed);
    if (sufficient < 0) {  // computed once; threads that race compute the same
      thread_local std::vector<int> alone;
      alone.assign(assumed_.begin(), assumed_.end());
      alone.push_back(atom_index_[k]);
      filter_->AllPotentials(alone, &potential);
      sufficient = potential.size() > unfiltered_count_;
      sufficient_[k].store(sufficient, std::memory_order_relaxed);
    }
    if (sufficient) return true;
    mine.push_back(atom_index_[k]);
  }
  if (mine.size() >= 2) {
    mine.insert(mine.end(), assumed_.begin(), assumed_.end());
    filter_->AllPotentials(mine, &potential);
    if (potential.size() > unfiltered_count_) return true;
  }
  if (!short_filter_) return false;
  // The patterns with only short literals: those found, and what they make
  // possible. Each is looked for only where its rarest byte is in the
  // text; white space (in every text) alone makes none of them possible
  // (see AddScreen), so the filter is asked only when more is found.
  thread_local std::vector<char> present;
  present.assign(short_bytes_.size(), 0);
  const std::string_view f = screened.folded;
  for (size_t b = 0; b < short_bytes_.size(); ++b)
    present[b] = std::memchr(f.data(), short_bytes_[b], f.size()) != nullptr;
  mine.clear();
  bool more = false;
  for (size_t k = 0; k < short_atoms_.size(); ++k) {
    const ShortAtom& a = short_atoms_[k];
    if (a.byte < 0) {
      mine.push_back(int(k));
    } else if (present[size_t(a.byte)] && (a.text.size() == 1 || f.find(a.text) != std::string_view::npos)) {
      mine.push_back(int(k));
      more = true;
    }
  }
  if (!more) return false;
  short_filter_->AllPotentials(mine, &potential);
  return potential.size() > short_bare_count_;  // the bare ones are always among them
}

bool PatternSet::MatchesFrom(std::string_view text, size_t from) const {
  if (!set_ || !set_->Match(text, nullptr)) return false;  // the common case, and cheaper
  thread_local std::vector<int> hits;
  hits.clear();
  if (!set_->Match(text, &hits)) return false;
  return std::any_of(hits.begin(), hits.end(), [from](int h) { return size_t(h) >= from; });
}

int PatternSet::Match(std::string_view text) const {
  if (!set_) return -1;
  thread_local std::vector<int> hits;
  hits.clear();
  RE2::Set::ErrorInfo info;
  if (!set_->Match(text, &hits, &info)) {
    if (info.kind != RE2::Set::kNoError && getenv("WINNOW_DEBUG_RE2"))
      fprintf(stderr, "RE2 set match error %d on %zu bytes\n", int(info.kind), text.size());
    return -1;
  }
  if (hits.empty()) return -1;
  return *std::min_element(hits.begin(), hits.end());
}

RuleSet::RuleSet()
    : drop_class(RE2::UNANCHORED),
      layout_class(RE2::UNANCHORED),
      discussion_class(RE2::UNANCHORED),
      keep_class(RE2::UNANCHORED),
      reveal_class(RE2::UNANCHORED),
      positive_class(RE2::UNANCHORED),
      negative_class(RE2::UNANCHORED),
      boilerplate_line(RE2::ANCHOR_BOTH, /*compiled=*/false),
      boilerplate_phrase(RE2::UNANCHORED),
      list_header(RE2::ANCHOR_BOTH),
      pointer_line(RE2::ANCHOR_BOTH),
      furniture_line(RE2::ANCHOR_BOTH),
      widget_pitch(RE2::UNANCHORED),
      whole_block(RE2::ANCHOR_BOTH),
      line_kinds(RE2::ANCHOR_BOTH),
      open_lines(RE2::UNANCHORED) {}

bool RuleSet::AddFile(std::string_view name, std::string_view text, std::string* error) {
  std::string section;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    // Trim; a '#' starts a comment only at the start of a line, so patterns
    // may contain '#'.
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') {
      if (nl == text.size()) break;
      continue;
    }
    std::string origin = std::string(name) + ":" + std::to_string(line_no);
    if (line.substr(0, 6) == "@hosts") {
      if (!section.empty()) {
        *error = origin + ": @hosts must come before the first [section]";
        return false;
      }
      if (nl == text.size()) break;
      continue;
    }
    // A section header is "[name]" with a name of letters and dashes; any
    // other line starting with '[' is a pattern (a character class).
    const bool header = line.size() > 2 && line.front() == '[' && line.back() == ']' &&
                        std::all_of(line.begin() + 1, line.end() - 1,
                                    [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
    if (header) {
      section = std::string(line.substr(1, line.size() - 2));
      static const char* const kKnown[] = {"drop-tag", "layout-tag", "drop-role", "drop-class",
                                           "layout-class", "discussion-class", "keep-class", "reveal-class",
                                           "positive-class", "negative-class",
                                           "boilerplate-line", "pointer-line", "furniture-line", "boilerplate-phrase",
                                           "list-header", "widget-pitch"};
      if (std::find_if(std::begin(kKnown), std::end(kKnown),
                       [&](const char* k) { return section == k; }) == std::end(kKnown)) {
        *error = origin + ": unknown section [" + section + "]";
        return false;
      }
      continue;
    }
    bool ok = true;
    if (section.empty()) {
      *error = origin + ": entry before any [section]";
      return false;
    } else if (section == "drop-tag") {
      drop_tags.push_back(AsciiLower(line));
    } else if (section == "layout-tag") {
      layout_tags.push_back(AsciiLower(line));
    } else if (section == "discussion-class") {
      ok = discussion_class.Add(line, origin, error);
    } else if (section == "layout-class") {
      ok = layout_class.Add(line, origin, error);
    } else if (section == "drop-role") {
      drop_roles.push_back(AsciiLower(line));
    } else if (section == "drop-class") {
      ok = drop_class.Add(line, origin, error);
    } else if (section == "keep-class") {
      ok = keep_class.Add(line, origin, error);
    } else if (section == "reveal-class") {
      ok = reveal_class.Add(line, origin, error);
    } else if (section == "positive-class") {
      ok = positive_class.Add(line, origin, error);
    } else if (section == "negative-class") {
      ok = negative_class.Add(line, origin, error);
    } else if (section == "boilerplate-line") {
      ok = boilerplate_line.Add(line, origin, error);
    } else if (section == "boilerplate-phrase") {
      ok = boilerplate_phrase.Add(line, origin, error);
    } else if (section == "list-header") {
      ok = list_header.Add(line, origin, error);
    } else if (section == "pointer-line") {
      ok = pointer_line.Add(line, origin, error);
    } else if (section == "furniture-line") {
      ok = furniture_line.Add(line, origin, error);
    } else if (section == "widget-pitch") {
      ok = widget_pitch.Add(line, origin, error);
    }
    if (!ok) return false;
    if (nl == text.size()) break;
  }
  return true;
}

bool RuleSet::Compile(std::string* error) {
  for (const PatternSet* s : {&list_header, &pointer_line, &furniture_line})
    for (size_t i = 0; i < s->size(); ++i)
      if (!whole_block.Add(s->pattern(int(i)), s->origin(int(i)), error) ||
          !line_kinds.Add(s->pattern(int(i)), s->origin(int(i)), error))
        return false;
  for (size_t i = 0; i < boilerplate_line.size(); ++i) {
    const std::string& p = boilerplate_line.pattern(int(i));
    const std::string& origin = boilerplate_line.origin(int(i));
    const std::string form = PatternSet::WholeBlockForm(p);
    const bool ok = PatternSet::StartsOpen(form) ? open_lines.Add(PatternSet::AnywhereForm(form), origin, error)
                                                 : whole_block.Add(p, origin, error);
    if (!ok) return false;
  }
  for (PatternSet* s : {&drop_class, &layout_class, &discussion_class, &keep_class, &reveal_class, &positive_class, &negative_class,
                        &list_header, &pointer_line, &furniture_line, &whole_block, &line_kinds}) {
    if (!s->Compile(error)) return false;
  }
  // The groups that search a block anywhere, which the filter scans every
  // block for at once. (The anchored whole-block group stops within a few
  // bytes on most blocks: a scan would cost it more than it saves.) The
  // pitch group's patterns with only short literals ("?", a time's digits)
  // start with "^": they are read anchored, not looked for.
  if (!boilerplate_phrase.Compile(error)) return false;
  std::vector<std::string> part_files;
  for (size_t i = 0; i < boilerplate_phrase.size(); ++i) {
    const std::string& origin = boilerplate_phrase.origin(int(i));
    const std::string file = origin.substr(0, origin.rfind(':'));
    size_t part = size_t(std::find(part_files.begin(), part_files.end(), file) - part_files.begin());
    if (part == part_files.size()) {
      if (part_files.size() < kMaxPhraseParts) {
        part_files.push_back(file);
        phrase_parts.push_back(std::make_unique<PatternSet>(RE2::UNANCHORED));
      } else {
        part = kMaxPhraseParts - 1;
      }
    }
    if (!phrase_parts[part]->Add(boilerplate_phrase.pattern(int(i)), origin, error)) return false;
  }
  for (auto& part : phrase_parts)
    if (!part->Compile(error, &screen)) return false;
  if (!open_lines.Compile(error, &screen)) return false;
  if (!widget_pitch.Compile(error, &screen, /*short_literals=*/false)) return false;
  screen.Build();
  return true;
}

namespace {

// The hosts named on a file's "@hosts" line, lower-cased; empty when the
// file applies everywhere.
std::vector<std::string> FileHosts(std::string_view text) {
  std::vector<std::string> hosts;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line = CollapseSpace(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.rfind("@hosts", 0) == 0) {
      std::string rest = AsciiLower(line.substr(6));
      for (char& c : rest)
        if (c == ',') c = ' ';
      size_t i = 0;
      while (i < rest.size()) {
        while (i < rest.size() && rest[i] == ' ') ++i;
        size_t j = rest.find(' ', i);
        if (j == std::string::npos) j = rest.size();
        if (j > i) hosts.push_back(rest.substr(i, j - i));
        i = j;
      }
    } else if (!line.empty() && line[0] == '[') {
      break;
    }
  }
  return hosts;
}

struct RuleFile {
  std::string name;
  std::string text;
};

}  // namespace

std::string UrlHost(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string host = AsciiLower(url.substr(start, end == std::string_view::npos ? url.size() - start : end - start));
  if (size_t at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  if (size_t colon = host.find(':'); colon != std::string::npos) host.resize(colon);
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

const RuleSet& Rules::ForUrl(std::string_view url) const {
  if (scoped_.empty() || url.empty()) return *global_;
  const std::string host = UrlHost(url);
  if (host.empty()) return *global_;
  for (const Scoped& s : scoped_) {
    for (const std::string& h : s.hosts) {
      if (host == h || (host.size() > h.size() && host.compare(host.size() - h.size(), h.size(), h) == 0 &&
                        host[host.size() - h.size() - 1] == '.'))
        return *s.set;
    }
  }
  return *global_;
}

std::unique_ptr<Rules> LoadRules(bool builtin, const std::vector<std::string>& dirs,
                                 std::string* error) {
  std::vector<RuleFile> files;
  if (builtin) {
    for (int i = 0; i < kEmbeddedRuleFileCount; ++i)
      files.push_back({std::string("rules/") + kEmbeddedRuleFiles[i].path, kEmbeddedRuleFiles[i].text});
  }
  namespace fs = std::filesystem;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      *error = dir + ": not a directory";
      return nullptr;
    }
    std::vector<fs::path> paths;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".rules") paths.push_back(it->path());
    }
    if (ec) {
      *error = dir + ": " + ec.message();
      return nullptr;
    }
    std::sort(paths.begin(), paths.end());
    for (const fs::path& f : paths) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      if (!in) {
        *error = f.string() + ": cannot read";
        return nullptr;
      }
      files.push_back({f.string(), ss.str()});
    }
  }
  auto rules = std::unique_ptr<Rules>(new Rules());
  rules->global_ = std::make_unique<RuleSet>();
  std::vector<const RuleFile*> scoped;
  for (const RuleFile& f : files) {
    if (!FileHosts(f.text).empty()) {
      scoped.push_back(&f);
      continue;
    }
    if (!rules->global_->AddFile(f.name, f.text, error)) return nullptr;
  }
  if (!rules->global_->Compile(error)) return nullptr;
  // Each scoped file gets a full set of its own: the global rules and its.
  for (const RuleFile* sf : scoped) {
    Rules::Scoped s;
    s.hosts = FileHosts(sf->text);
    s.set = std::make_unique<RuleSet>();
    for (const RuleFile& f : files)
      if (FileHosts(f.text).empty() && !s.set->AddFile(f.name, f.text, error)) return nullptr;
    if (!s.set->AddFile(sf->name, sf->text, error) || !s.set->Compile(error)) return nullptr;
    rules->scoped_.push_back(std::move(s));
  }
  return rules;
}

}  // namespace winnow
