#include "rules.h"
#include "winnow/winnow.h"

#include <gtest/gtest.h>

#include "test_util.h"

#include <filesystem>
#include <fstream>

namespace winnow {
namespace {

TEST(Rules, BuiltinRulesLoad) {
  std::string err;
  auto all = LoadRules(true, {}, &err);
  ASSERT_TRUE(all) << err;
  const RuleSet* rules = &all->global();
  EXPECT_GT(rules->drop_class.size(), 5u);
  EXPECT_GT(rules->boilerplate_phrase.size(), 10u);
  EXPECT_FALSE(rules->drop_tags.empty());
}

TEST(Rules, ParsesSectionsAndReportsOrigin) {
  RuleSet r;
  std::string err;
  ASSERT_TRUE(r.AddFile("t.rules", "# c\n[boilerplate-line]\nhello world\n\n[drop-tag]\nnav\n", &err)) << err;
  ASSERT_TRUE(r.Compile(&err)) << err;
  // Line patterns are matched inside whole_block, after the list headers.
  int hit = r.whole_block.Match("Hello World");
  ASSERT_EQ(hit, 0);
  EXPECT_EQ(r.whole_block.origin(hit), "t.rules:3");
  EXPECT_TRUE(r.IsBoilerplateLine("Hello World"));
  EXPECT_FALSE(r.IsBoilerplateLine("hello world, again"));  // anchored
  ASSERT_EQ(r.drop_tags.size(), 1u);
}

TEST(Rules, BadPatternNamesFileAndLine) {
  RuleSet r;
  std::string err;
  EXPECT_FALSE(r.AddFile("bad.rules", "[boilerplate-phrase]\nok\n(unclosed\n", &err));
  EXPECT_NE(err.find("bad.rules:3"), std::string::npos) << err;
}

// A line pattern that may start with anything is searched in open_lines,
// in its AnywhereForm; it still means the whole block.
TEST(Rules, OpenStartLinePatternStillMatchesTheWholeBlock) {
  RuleSet r;
  std::string err;
  ASSERT_TRUE(r.AddFile("o.rules",
                        "[boilerplate-line]\n.*all rights reserved\\W*\nadvertisement\n"
                        "[boilerplate-phrase]\nsign up for our newsletter\n",
                        &err))
      << err;
  ASSERT_TRUE(r.Compile(&err)) << err;
  EXPECT_EQ(r.open_lines.size(), 1u);
  EXPECT_EQ(r.whole_block.size(), 1u);
  EXPECT_TRUE(r.IsBoilerplateLine("(c) 2024 Example Media. All rights reserved."));
  EXPECT_FALSE(r.IsBoilerplateLine("All rights reserved, the label said of the songs."));
  EXPECT_TRUE(r.IsBoilerplateLine("Advertisement"));
  EXPECT_EQ(r.open_lines.origin(r.open_lines.Match("(c) 2024 Example Media. All rights reserved.")), "o.rules:2");
}

// Line patterns are parsed where whole_block takes them, in Compile: a bad
// one still names its file and line.
TEST(Rules, BadLinePatternNamesFileAndLine) {
  RuleSet r;
  std::string err;
  ASSERT_TRUE(r.AddFile("bad.rules", "[boilerplate-line]\nok\n(unclosed\n", &err)) << err;
  EXPECT_FALSE(r.Compile(&err));
  EXPECT_NE(err.find("bad.rules:3"), std::string::npos) << err;
}

// A line that is both a list header and a boilerplate line is a boilerplate
// line, whichever of the two whole_block finds first.
TEST(Rules, LineThatIsAlsoAListHeader) {
  RuleSet r;
  std::string err;
  ASSERT_TRUE(r.AddFile("h.rules", "[list-header]\nmore news\n[boilerplate-line]\nmore \\w+\n", &err)) << err;
  ASSERT_TRUE(r.Compile(&err)) << err;
  EXPECT_TRUE(r.IsBoilerplateLine("More news"));
  EXPECT_TRUE(r.list_header.Matches("More news"));
  EXPECT_FALSE(r.IsBoilerplateLine("Less news"));
}

// AnywhereForm is the same rule, shortened: on every line of the text
// corpus (and on variants made to hit the rules) each built-in line rule
// that starts open gives the same answer as a search anywhere as it does
// matched against the whole line.
TEST(Rules, AnywhereFormAgreesWithTheWholeBlockForm) {
  EXPECT_EQ(PatternSet::AnywhereForm(".*all rights reserved.*"), "(?:all rights reserved)");
  EXPECT_EQ(PatternSet::AnywhereForm(".*x\\W*"), "(?:x\\W*)$");
  EXPECT_EQ(PatternSet::AnywhereForm("(.*[.!] )?cancel anytime\\W*"), "(?:^|[.!] )(?:cancel anytime\\W*)$");
  EXPECT_EQ(PatternSet::AnywhereForm("a|.*b.*"), "^(?:a|.*b.*)$");
  EXPECT_EQ(PatternSet::AnywhereForm("(.*a|b)?x"), "^(?:(.*a|b)?x)$");
  EXPECT_EQ(PatternSet::AnywhereForm("photo\\.*"), "^(?:photo\\.*)$");
  EXPECT_EQ(PatternSet::AnywhereForm("[^|]+(\\s[>|]\\s[^|]+){2,}"), "^(?:[^|]+(\\s[>|]\\s[^|]+){2,})$");

  std::string err;
  auto all = LoadRules(true, {}, &err);
  ASSERT_TRUE(all) << err;
  const RuleSet& rules = all->global();
  ASSERT_GT(rules.open_lines.size(), 5u);
  std::vector<std::string> lines;
  namespace fs = std::filesystem;
  for (const auto& e : fs::directory_iterator(fs::path(WINNOW_SOURCE_DIR) / "corpus" / "text")) {
    std::ifstream in(e.path());
    for (std::string l; std::getline(in, l);)
      if (!l.empty() && l.find('\r') == std::string::npos) lines.push_back(l);
  }
  const size_t n = lines.size();
  for (size_t i = 0; i < n; ++i) {  // variants that end or start like the rules
    lines.push_back(lines[i] + " All rights reserved.");
    lines.push_back(lines[i] + " Cancel anytime.");
    lines.push_back("© 2024 " + lines[i]);
    lines.push_back(lines[i] + " > News > World");
  }
  RE2::Options opts;
  opts.set_case_sensitive(false);
  int checked = 0, matched = 0;
  for (size_t k = 0; k < rules.open_lines.size(); ++k) {
    const std::string form = PatternSet::WholeBlockForm(rules.open_lines.pattern(int(k)));
    const RE2 whole(form, opts), anywhere(PatternSet::AnywhereForm(form), opts);
    ASSERT_TRUE(whole.ok() && anywhere.ok()) << form;
    for (const std::string& l : lines) {
      const bool a = RE2::FullMatch(l, whole);
      EXPECT_EQ(a, RE2::PartialMatch(l, anywhere)) << form << "\n" << l;
      ++checked;
      matched += a;
    }
  }
  EXPECT_GT(checked, 10000);
  EXPECT_GT(matched, 100);  // the variants do hit the rules
}

// A pattern that is one negated class over the whole text is read without
// RE2 (PatternSet::NoneOf); it must answer as RE2 does, and leave to RE2
// every form it cannot read exactly.
TEST(Rules, NegatedClassPatternsAgreeWithRe2) {
  using NoneOf = PatternSet::NoneOf;
  NoneOf n;
  for (const char* other : {"^[^a-z]+$", "^[^.!?]+", "[^.!?]+$", "^[^\\d]+$", "^[^.x]+$", "^[^.É]+$",
                            "^[^[:punct:]]+$", "^[^.]{2,5}$", "^[^.]{,5}$", "^[^.]+[^?]$", "^[^.]+[a?]$",
                            "^[^.]+[?]x$", "^[^.]+[?]+$", "^[^.^]+$"})
    EXPECT_FALSE(NoneOf::Parse(other, &n)) << other;
  const std::vector<std::string> forms = {"^[^.!?。！？]+$", "^[^.!?]*$", "^[^\\.\\]|-]+$", "^[^-09]+$", "^[^»«]+$",
                                          "^[^.!?。！？]{3,}[?？]$", "^[^.]{0,}[!]$", "^[^.?]+[…]$"};
  const std::vector<std::string> pieces = {"a", "B", " ", ".", "!", "?", "。", "！", "？", "]", "|", "-", "0", "9",
                                           "»", "«", "é", "É", "日本", "\n", "\t", "x", "Ü", "’", "…"};
  RE2::Options opts;
  opts.set_case_sensitive(false);
  uint32_t seed = 7;
  int matched = 0;
  for (const std::string& form : forms) {
    ASSERT_TRUE(NoneOf::Parse(form, &n)) << form;
    const RE2 re(form, opts);
    ASSERT_TRUE(re.ok()) << form;
    EXPECT_EQ(n.Matches(""), RE2::PartialMatch("", re)) << form;
    for (int k = 0; k < 3000; ++k) {
      const std::string t = testing::RandomText(pieces, 1 + k % 9, &seed);
      const bool want = RE2::PartialMatch(t, re);
      EXPECT_EQ(n.Matches(t), want) << form << "\n" << t;
      matched += want;
    }
  }
  EXPECT_GT(matched, 1000);
  // The built-in pitch rule without punctuation is one of them, and the set
  // still answers for it.
  std::string err;
  auto all = LoadRules(true, {}, &err);
  ASSERT_TRUE(all) << err;
  const PatternSet& pitch = all->global().widget_pitch;
  EXPECT_TRUE(pitch.MatchesGiven("Get the newsletter in your inbox", false));
  EXPECT_FALSE(pitch.MatchesGiven("The council met on Tuesday. It voted.", false));
}

// A pointer line ("Read also: <title>") is a whole-block rule: it splits a
// paragraph as any boilerplate line does, and it is dropped by itself. It
// does not make a widget: a short story paragraph between it and a
// newsletter line stays (with a [boilerplate-line] it would go as the
// widget's middle).
TEST(Rules, PointerLineIsABoilerplateLineButNoWidget) {
  RuleSet r;
  std::string err;
  ASSERT_TRUE(r.AddFile("p.rules",
                        "[pointer-line]\nread also:.*\n[boilerplate-phrase]\nsign up for our newsletter\n", &err))
      << err;
  ASSERT_TRUE(r.Compile(&err)) << err;
  EXPECT_TRUE(r.pointer_line.Matches("Read also: The harbour reopens"));
  EXPECT_TRUE(r.IsBoilerplateLine("Read also: The harbour reopens"));
  EXPECT_FALSE(r.list_header.Matches("Read also: The harbour reopens"));
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "winnow_pointer_rules_test";
  fs::create_directories(dir);
  std::ofstream(dir / "p.rules") << "[pointer-line]\nread also:.*\n[boilerplate-phrase]\nsign up for our newsletter\n";
  Config config;
  config.builtin_rules = false;
  config.rule_dirs = {dir.string()};
  auto ex = Extractor::Create(config, &err);
  fs::remove_all(dir);
  ASSERT_TRUE(ex) << err;
  const std::string text =
      "The harbour will reopen in March after two years of repairs to the pier and its supports.\n\n"
      "Read also: Ferries return to the island\n\n"
      "Traders welcomed the news. Most had lost half their trade.\n\n"
      "Sign up for our newsletter to get the news every morning.\n";
  Input in;
  in.bytes = text;
  in.mode = Mode::kText;
  in.explain = true;
  Result res = ex->Extract(in);
  EXPECT_NE(res.text.find("Traders welcomed the news."), std::string::npos) << res.text;
  EXPECT_EQ(res.text.find("Read also"), std::string::npos) << res.text;
  EXPECT_EQ(res.text.find("Sign up"), std::string::npos) << res.text;
  bool named = false;
  for (const BlockRecord& b : res.blocks)
    if (b.reason.find("pointer to another story (") != std::string::npos &&
        b.reason.find("p.rules:2)") != std::string::npos)
      named = true;
  EXPECT_TRUE(named);
}

// Whole-block rules read an upper bound of ten or more as none (blocks are
// at most 200 characters; each count costs RE2 a copy of its class), as
// rules/README.md says. Phrase rules keep their bounds.
TEST(Rules, WholeBlockRulesDropLongUpperBounds) {
  RuleSet r;
  std::string err;
  ASSERT_TRUE(r.AddFile("b.rules",
                        "[boilerplate-line]\nfollow us on [a-z]{1,10}\n"
                        "[boilerplate-phrase]\nsign up for [a-z]{1,10} now\n",
                        &err))
      << err;
  ASSERT_TRUE(r.Compile(&err)) << err;
  EXPECT_TRUE(r.IsBoilerplateLine("Follow us on abcdefghijklmnop"));
  EXPECT_TRUE(r.boilerplate_phrase.Matches("Sign up for abcdefghij now"));
  EXPECT_FALSE(r.boilerplate_phrase.Matches("Sign up for abcdefghijklmnop now"));
}

// The built-in pitch rule: a line without sentence punctuation is a
// headline or label at any length a pitch rule sees (up to 300 characters;
// it had a bound of 120 that cost RE2 120 copies of the class).
TEST(Rules, PitchLineWithoutPunctuationHasNoLengthBound) {
  std::string err;
  auto all = LoadRules(true, {}, &err);
  ASSERT_TRUE(all) << err;
  const RuleSet& r = all->global();
  std::string line;
  while (line.size() < 200) line += "the council approved funding for the bridge repairs and a new cycle lane ";
  EXPECT_TRUE(r.widget_pitch.Matches(line));
  EXPECT_FALSE(r.widget_pitch.Matches(line + "along the river."));
}

TEST(Rules, PatternMayStartWithACharacterClass) {
  RuleSet r;
  std::string err;
  ASSERT_TRUE(r.AddFile("c.rules", "[boilerplate-line]\n[Pp]romo\n", &err)) << err;
  ASSERT_TRUE(r.Compile(&err)) << err;
  EXPECT_TRUE(r.IsBoilerplateLine("promo"));
}

TEST(Rules, UnknownSectionIsAnError) {
  RuleSet r;
  std::string err;
  EXPECT_FALSE(r.AddFile("x.rules", "[no-such-thing]\nfoo\n", &err));
  EXPECT_NE(err.find("x.rules:1"), std::string::npos) << err;
}

TEST(Rules, UserDirectoryAddsOnTop) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "winnow_rules_test";
  fs::create_directories(dir);
  std::ofstream(dir / "mine.rules") << "[boilerplate-line]\nbuy our mugs today\n";
  std::string err;
  auto all = LoadRules(true, {dir.string()}, &err);
  ASSERT_TRUE(all) << err;
  const RuleSet* rules = &all->global();
  EXPECT_TRUE(rules->IsBoilerplateLine("Buy our mugs today"));
  EXPECT_TRUE(rules->IsBoilerplateLine("Advertisement"));  // built-ins still there
  fs::remove_all(dir);
}

// The same two lines around a short line: as [boilerplate-line] rules they
// are calls to action, a run of two, and take the line between with them;
// as [furniture-line] rules they are dropped alone and it stays. The
// explanation names the kind of rule.
TEST(Rules, FurnitureLinesMakeNoWidget) {
  namespace fs = std::filesystem;
  const std::string text =
      "Harbour pier reopens to ferries after two years\n\nZzdated one 2025\n\nPictures from the first week back\n\n"
      "Zzdated two 2025\n\n"
      "The harbour authority said on Monday that the rebuilt pier would take its first ferries next week, "
      "after two years of repairs to the piles and the deck.\n";
  auto run = [&](const std::string& section, std::string* explained) {
    fs::path dir = fs::temp_directory_path() / ("winnow_furniture_test_" + section);
    fs::create_directories(dir);
    std::ofstream(dir / "mine.rules") << "[" << section << "]\nzzdated (one|two) \\d{4}\n";
    Config config;
    config.builtin_rules = false;
    config.rule_dirs = {dir.string()};
    std::string err;
    auto ex = Extractor::Create(config, &err);
    EXPECT_TRUE(ex) << err;
    Input in;
    in.bytes = text;
    in.mode = Mode::kText;
    in.explain = true;
    Result r = ex->Extract(in);
    for (const BlockRecord& b : r.blocks) *explained += b.reason + "\n";
    fs::remove_all(dir);
    return r.text;
  };
  std::string as_lines, as_furniture;
  const std::string dropped = run("boilerplate-line", &as_lines);
  EXPECT_EQ(dropped.find("Pictures from the first"), std::string::npos) << dropped;
  EXPECT_NE(dropped.find("Harbour pier reopens to ferries"), std::string::npos) << dropped;
  const std::string kept = run("furniture-line", &as_furniture);
  EXPECT_NE(kept.find("Pictures from the first"), std::string::npos) << kept;
  EXPECT_EQ(kept.find("Zzdated"), std::string::npos) << kept;
  EXPECT_NE(as_furniture.find("page furniture ("), std::string::npos) << as_furniture;
  EXPECT_NE(as_furniture.find("mine.rules:2)"), std::string::npos) << as_furniture;
}

// A guard on the built-in rules' speed: every screened pattern should carry
// a literal of five bytes or more, which the screen looks for cheaply. The
// known exceptions: open_lines' two breadcrumb patterns (" > ", "＞") and
// widget_pitch's two without literals, which must be of the negated-class
// form read without RE2 (with RE2 they cost text mode 5%). Two rules
// slipped in without a long literal in session 7 ("erid\s*:", a video's
// "(3:12)") and cost text mode 3% and 16% before this test.
TEST(Rules, BuiltinScreenedPatternsHaveLongLiterals) {
  std::string err;
  auto all = LoadRules(true, {}, &err);
  ASSERT_TRUE(all) << err;
  const RuleSet& rules = all->global();
  ASSERT_GE(rules.phrase_parts.size(), 5u);  // one per language's file, and common.rules
  for (const auto& part : rules.phrase_parts) EXPECT_EQ(part->WeaklyScreened(), 0u);
  EXPECT_LE(rules.open_lines.WeaklyScreened(), 2u);
  EXPECT_LE(rules.widget_pitch.WeaklyScreened(), 2u);
  EXPECT_FALSE(rules.widget_pitch.BareReadByRe2());
}

TEST(Rules, PhrasesSpareNewsSentences) {
  std::string err;
  auto all = LoadRules(true, {}, &err);
  ASSERT_TRUE(all) << err;
  const RuleSet* rules = &all->global();
  // Stories about privacy and subscriptions must not look like notices.
  EXPECT_EQ(rules->boilerplate_phrase.Match(
                "The regulator said the company's privacy policy failed to explain how data was shared."),
            -1);
  EXPECT_EQ(rules->boilerplate_phrase.Match(
                "Netflix raised the price of its standard subscription to $15.49 a month."),
            -1);
  EXPECT_GE(rules->boilerplate_phrase.Match(
                "Visit our Privacy Policy for more information about our services."),
            0);
  EXPECT_GE(rules->boilerplate_phrase.Match("Sign up for our daily newsletter"), 0);
}

}  // namespace
}  // namespace winnow
