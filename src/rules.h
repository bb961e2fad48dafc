// Boilerplate rules as data. The files under rules/ are compiled into the
// binary as the defaults (see cmake/embed_rules.cmake); a user's own files
// are loaded on top. rules/README.md documents the format:
//
//   # comment
//   [section]
//   one entry per line
//
// Every pattern is RE2 syntax, matched case-insensitively. A RuleSet is
// compiled once and then only read, so one set serves any number of threads.

#ifndef WINNOW_RULES_H_
#define WINNOW_RULES_H_

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <atomic>
#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "screen.h"
#include "text_util.h"

namespace winnow {

struct EmbeddedRuleFile {
  const char* path;
  const char* text;
};
extern const EmbeddedRuleFile kEmbeddedRuleFiles[];
extern const int kEmbeddedRuleFileCount;

// One compiled group of patterns that says which pattern matched, so that an
// explanation can name the rule ("rules/phrases/en.rules:12").
class PatternSet {
 public:
  // A set made with `compiled` false only keeps its patterns and their
  // origins, for another set to match them as part of its own (RuleSet's
  // boilerplate_line, inside whole_block): RE2 parses and compiles them once.
  explicit PatternSet(RE2::Anchor anchor, bool compiled = true) : anchor_(anchor), compiled_(compiled) {}
  // Returns false and sets *error when the pattern does not compile.
  bool Add(std::string_view pattern, std::string origin, std::string* error);
  // With a screen (unanchored sets only), the patterns' atoms are
  // registered with it, and Matches reads with RE2 only the texts where the
  // screen finds what some pattern needs. Call screen->Build() after the
  // last set that uses it is compiled; the screen must outlive the set.
  // With `short_literals` false, patterns whose literals are all short are
  // taken as having none (see the members below).
  bool Compile(std::string* error, LiteralScreen* screen = nullptr, bool short_literals = true);
  // Index of the first matching pattern, or -1.
  int Match(std::string_view text) const;
  // Whether any pattern matches. Cheaper than Match: RE2 stops at the
  // first match it sees and collects no indices.
  bool Matches(std::string_view text) const;
  // The same, given what the set's screen found in `text` (Scan), so that
  // sets sharing a screen scan a text once.
  bool Matches(std::string_view text, const ScreenHits& screened) const;
  // In two steps, for a caller that reads many texts with one set after
  // another: whether the screen lets the text through for the patterns
  // with literals (always, for a set without a screen), and later, given
  // that answer, whether a pattern matches.
  // Matches(text, s) == MatchesGiven(text, MayMatch(s)).
  bool MayMatch(const ScreenHits& screened) const;
  // Whether MayMatch has anything to look at: one of the set's atoms was
  // found, or it has patterns with short literals (or no screen). A cheap
  // first question where many sets share a screen (RuleSet::phrase_parts).
  bool Touched(const ScreenHits& screened) const {
    if (!screen_ || short_filter_) return true;
    auto it = std::lower_bound(screened.atoms.begin(), screened.atoms.end(), first_atom_);
    return it != screened.atoms.end() && *it < first_atom_ + atom_count_;
  }
  // How many of a screened set's patterns have no literal of five bytes:
  // the screen looks for their short literals in every block, or, without
  // any, lets every block through to them. A cost, not an error (see
  // rules/README.md).
  size_t WeaklyScreened() const { return screen_ ? unfiltered_count_ : 0; }
  // Whether patterns without literals are left to RE2 on every text asked
  // (rather than read as a negated class, NoneOf).
  bool BareReadByRe2() const { return bare_start_ != nullptr; }
  // Whether some patterns are matched on every text, whatever the screen
  // says (patterns without literals).
  bool HasBare() const { return !none_of_.empty() || bare_start_ != nullptr; }
  bool MatchesGiven(std::string_view text, bool may_match) const {
    for (const NoneOf& n : none_of_)
      if (n.Matches(text)) return true;
    return (bare_start_ && bare_start_->Match(text, nullptr)) || (may_match && set_ && set_->Match(text, nullptr));
  }
  // Whether a pattern numbered `from` or above matches.
  bool MatchesFrom(std::string_view text, size_t from) const;
  // A pattern as a set anchored at both ends reads it (see Add), and whether
  // that form may start with anything (".*", "(.*", "[^...]+"): such a
  // pattern keeps RE2 reading a text to its end.
  static std::string WholeBlockForm(std::string_view pattern);
  static bool StartsOpen(const std::string& whole_block_form);
  // The same pattern for a search anywhere in a text without newlines:
  // "^(?:P)$", with a leading ".*" and a trailing ".*" left out (".*X.*" is
  // "X" found anywhere) and a leading "(.*R)?" read as "(?:^|R)". Each
  // ".*" left in would keep a thread alive over the rest of every text.
  static std::string AnywhereForm(const std::string& whole_block_form);
  const std::string& origin(int i) const { return origins_[i]; }
  const std::string& pattern(int i) const { return patterns_[i]; }
  bool empty() const { return patterns_.empty(); }
  size_t size() const { return patterns_.size(); }

 private:
  void AddScreen(LiteralScreen* screen, bool short_literals);

  RE2::Anchor anchor_;
  bool compiled_;
  std::unique_ptr<RE2::Set> set_;
  std::vector<std::string> forms_;  // as compiled into set_

  // Screening (see Compile). filter_ knows which atoms each pattern needs
  // and which of them suffice alone (sufficient_). A pattern whose literals
  // are all shorter than atoms ("\s[>›]\s" in a breadcrumb) is let through
  // when its short literals are in the text (short_atoms_, searched for as
  // they are, and short_filter_ asked). The patterns with no literal at all
  // ("^[^.!?]+$") are matched on every text, as a set of their own,
  // anchored (a set with one that does not start with "^" is not
  // screened).
  const LiteralScreen* screen_ = nullptr;
  int first_atom_ = 0;
  int atom_count_ = 0;
  std::unique_ptr<re2::FilteredRE2> filter_;
  size_t unfiltered_count_ = 0;
  // By screen atom (first_atom_ + k), found with the assumed ones: -1
  // until first asked.
  std::unique_ptr<std::atomic<int8_t>[]> sufficient_;
  std::vector<int> atom_index_;   // screen atom k -> filter_'s atom
  std::vector<int> assumed_;      // filter_'s atoms taken as found
  std::unique_ptr<re2::FilteredRE2> short_filter_;  // the patterns unfiltered_count_ counts
  struct ShortAtom {
    std::string text;  // folded
    int byte = -1;     // index in short_bytes_ of its rarest byte; -1: all white space, taken as found
  };
  std::vector<ShortAtom> short_atoms_;  // short_filter_'s atoms
  std::string short_bytes_;             // their rarest bytes, each once
  std::unique_ptr<RE2::Set> bare_start_;
  size_t short_bare_count_ = 0;  // short_filter_'s patterns without atoms (in bare_start_)

 public:
  // A pattern that is one negated class over the whole text, "^[^.!?]+$"
  // ("*", "{n,}"), perhaps with one last character of a class of its own
  // ("^[^.!?]{10,}[?]$"): the text holds none of the class's characters.
  // Such patterns are read here, not by RE2, whose call cost 200 ns on
  // every block asked whether it is a widget's pitch (5% of text mode).
  // Only classes of characters without case are taken (punctuation,
  // digits, CJK), so that case-insensitive matching changes nothing; texts
  // are valid UTF-8.
  struct NoneOf {
    // The characters of a class: ASCII ones by value, others as UTF-8.
    struct CharClass {
      bool ascii[128] = {};
      std::vector<std::string> wide;
      bool Has(std::string_view ch) const;  // ch: one character
    };
    CharClass none;                   // none of these in the text
    int min_chars = 1;                // before the last
    std::unique_ptr<CharClass> last;  // the last character's class, if any
    ByteSet stops;                    // none's ASCII bytes and its wide characters' lead bytes
    bool Matches(std::string_view text) const;
    // Reads `form` as such a pattern; false when it is anything else.
    static bool Parse(const std::string& form, NoneOf* out);
  };

 private:
  std::vector<NoneOf> none_of_;  // bare patterns read without RE2

  std::vector<std::string> patterns_;
  std::vector<std::string> origins_;  // "file:line"
};

struct RuleSet {
  RuleSet();
  // The pattern sets point at `screen`: a rule set stays where it is built.
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;
  // Elements removed with their subtree, by tag name (lower case).
  std::vector<std::string> drop_tags;
  std::vector<std::string> layout_tags;  // dropped unless they read as prose
  std::vector<std::string> drop_roles;
  // Matched against the element's lower-cased "class id" signature.
  PatternSet drop_class;      // boilerplate containers
  PatternSet layout_class;    // layout names: dropped unless they read as prose
  PatternSet discussion_class;  // comments: dropped unless the page is a discussion
  PatternSet keep_class;      // exempt from drop_class: article containers
  PatternSet reveal_class;    // hidden, but opened by the reader: not pruned for it
  PatternSet positive_class;  // raise a candidate's score
  PatternSet negative_class;  // lower a candidate's score
  // Matched against a block's collapsed text.
  PatternSet boilerplate_line;    // the whole block is one of these (not compiled: see whole_block)
  PatternSet boilerplate_phrase;  // the block contains one of these (all of them, not screened)
  // boilerplate_phrase's patterns by the file they come from, each part a
  // screened group of its own: the filter reads a block with the parts the
  // screen lets it through to. One automaton for every language's phrases
  // read a block at 15 to 38 ns a byte (its states are sets of positions in
  // all of them); one language's part reads it at about 3 ns a byte.
  // At most kMaxPhraseParts: later files join the last part.
  static constexpr size_t kMaxPhraseParts = 32;
  std::vector<std::unique_ptr<PatternSet>> phrase_parts;
  PatternSet list_header;         // the whole block introduces a list of links
  // The whole block points to another story ("Read also: <title>"): dropped
  // by itself, never taken as part of a call-to-action widget.
  PatternSet pointer_line;
  // The whole block is page furniture: a byline, a date, a reading time, a
  // breadcrumb, a comment count. Dropped by itself and, like a pointer, no
  // call to action: two dates under a headline are no widget, and must not
  // take the headline with them.
  PatternSet furniture_line;
  PatternSet widget_pitch;        // the block reads as a widget's sales pitch
  // list_header's patterns, then pointer_line's, furniture_line's and
  // boilerplate_line's, as one group: a short block is matched against all
  // of them in one pass of RE2 (a hit below list_header.size() is a list
  // header).
  PatternSet whole_block;
  // list_header's patterns, then pointer_line's, then furniture_line's: the
  // first that matches a whole-block line says which kind of line it is, in
  // one pass of RE2.
  PatternSet line_kinds;
  // The boilerplate_line patterns that may start with anything (".*all
  // rights reserved.*", "(.*[.!] )?cancel anytime\W*", a breadcrumb's
  // "[^<>.]+( > [^<>.]+){2,}"), in their AnywhereForm, searched in a group
  // of their own. In whole_block they kept RE2 reading every block to its
  // end, and the breadcrumb's repeats multiplied the states of whatever
  // group held them: RE2 built states for 255 M instructions on a first
  // pass over the text corpus, 25% of text mode's work on 1 MB.
  PatternSet open_lines;
  // The atoms of boilerplate_phrase, open_lines and widget_pitch (see
  // screen.h): the filter scans a block once for all three.
  LiteralScreen screen;

  // Whether a boilerplate_phrase pattern matches, read as the filter reads
  // it: by the parts the screen lets the text through to.
  bool PhraseMatches(std::string_view text) const {
    thread_local ScreenHits screened;
    screen.Scan(text, &screened);
    for (const auto& part : phrase_parts)
      if (part->Matches(text, screened)) return true;
    return false;
  }

  // Whether the whole text is one of pointer_line's, furniture_line's or
  // boilerplate_line's patterns.
  bool IsBoilerplateLine(std::string_view text) const {
    return whole_block.MatchesFrom(text, list_header.size()) || open_lines.Matches(text);
  }

  // Parses one rules file's text; `name` is used in error messages and
  // explanations. Call Compile() after the last file. An "@hosts" line is
  // skipped here (LoadRules reads it).
  bool AddFile(std::string_view name, std::string_view text, std::string* error);
  bool Compile(std::string* error);
};

// All rules: the ones that apply everywhere, and for each file scoped to
// hosts ("@hosts example.com" at its top) a set holding the global rules and
// that file's. A host matches itself and its subdomains.
class Rules {
 public:
  const RuleSet& global() const { return *global_; }
  // The rule set for a URL's host (the global set when no scope matches).
  const RuleSet& ForUrl(std::string_view url) const;
  size_t scoped_count() const { return scoped_.size(); }

 private:
  friend std::unique_ptr<Rules> LoadRules(bool, const std::vector<std::string>&, std::string*);
  struct Scoped {
    std::vector<std::string> hosts;
    std::unique_ptr<RuleSet> set;
  };
  std::unique_ptr<RuleSet> global_;
  std::vector<Scoped> scoped_;
};

// The host of a URL, lower-cased, without port or "www."; empty when none.
std::string UrlHost(std::string_view url);

// Loads the built-in rules (unless builtin is false), then every *.rules file
// under each of dirs, and compiles them. Returns null and sets *error on the
// first problem, naming the file and line.
std::unique_ptr<Rules> LoadRules(bool builtin, const std::vector<std::string>& dirs,
                                 std::string* error);

}  // namespace winnow

#endif  // WINNOW_RULES_H_
