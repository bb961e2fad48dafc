#include "screen.h"

#include <gtest/gtest.h>
#include <re2/set.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "rules.h"
#include "test_util.h"
#include "winnow/winnow.h"

namespace winnow {
namespace {

namespace fs = std::filesystem;

// The same patterns as a screened group, matched by one plain RE2 set.
std::unique_ptr<RE2::Set> Plain(const PatternSet& group) {
  RE2::Options opts;
  opts.set_case_sensitive(false);
  auto set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  for (size_t i = 0; i < group.size(); ++i) set->Add(group.pattern(int(i)), nullptr);
  EXPECT_TRUE(set->Compile());
  return set;
}

std::string Upper(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUpper().toUTF8String(out);
  return out;
}

TEST(Screen, FoldCaseFoldsLikeCaseInsensitiveRe2) {
  std::string out;
  FoldCase("NEWSLETTER Straße ΣΊΣΥΦΟΣ \xE2\x84\xAA" "elvin new\xC5\xBFletter \xC4\xB0stanbul", &out);
  // Kelvin sign and long s fold to k and s, final sigma to sigma, İ to i.
  EXPECT_EQ(out, "newsletter straße σίσυφοσ kelvin newsletter istanbul");
  out.clear();
  FoldCase(std::string("ok\xC3(\xFF", 5), &out);  // invalid bytes become 0xFF
  EXPECT_EQ(out, std::string("ok\xFF(\xFF", 5));
}

// FoldCase reads ASCII eight bytes at a time: at every length and offset
// it must fold as it does one code point at a time (the letters
// next to 'A' and 'Z' stay, a non-ASCII letter anywhere breaks a run).
TEST(Screen, FoldCaseRunsAgreeWithOneCodePointAtATime) {
  // Mostly ASCII: long runs.
  std::vector<std::string> kPieces = {"A", "Z", "a", "z", "@", "[", "`", "{", " ", "Q", "7", "\xC3\x89", "\xCE\xA3"};
  for (int k = 13; k < 60; ++k) kPieces.push_back(kPieces[size_t(k % 11)]);
  uint32_t seed = 4242;
  for (int round = 0; round < 4000; ++round) {
    std::string t, want;
    for (const std::string& piece : testing::DrawPieces(kPieces, round % 80, &seed)) {
      t += piece;
      FoldCase(piece, &want);
    }
    std::string got;
    FoldCase(t, &got);
    EXPECT_EQ(got, want) << "round " << round;
  }
}

TEST(Screen, FindsAtomsAndOnlyThose) {
  LiteralScreen screen;
  ASSERT_EQ(screen.Add({"newsletter", "free sample", "cookie"}), 0);
  ASSERT_EQ(screen.Add({"newsletter", "datenschutz"}), 3);
  screen.Build();
  ScreenHits hits;
  screen.Scan("Sign up for our NEWSLETTER and get a Free Sample.", &hits);
  EXPECT_EQ(hits.atoms, (std::vector<int>{0, 1, 3}));
  screen.Scan("Police said nobody was hurt in the fire on Tuesday night.", &hits);
  EXPECT_TRUE(hits.atoms.empty());
  // At every offset, and at the very end of the text.
  for (int pad = 0; pad < 9; ++pad) {
    screen.Scan(std::string(pad, 'x') + "Cookie", &hits);
    EXPECT_EQ(hits.atoms, std::vector<int>{2}) << pad;
  }
  EXPECT_EQ(screen.Add({"ab"}), -1);  // too short to screen for
}

// Every line of the text corpus, as written and upper-cased, is matched by
// the screened groups exactly as by plain RE2 sets (widget_pitch also has
// patterns without literals, matched apart).
TEST(Screen, ScreenedGroupsAgreeWithPlainRe2OnTheCorpus) {
  std::string err;
  auto all = LoadRules(true, {}, &err);
  ASSERT_TRUE(all) << err;
  const RuleSet& rules = all->global();
  auto phrase = Plain(rules.boilerplate_phrase);
  auto open = Plain(rules.open_lines);
  auto pitch = Plain(rules.widget_pitch);
  int lines = 0, phrase_hits = 0, open_hits = 0, pitch_hits = 0;
  for (const auto& e : fs::directory_iterator(fs::path(WINNOW_SOURCE_DIR) / "corpus" / "text")) {
    std::ifstream in(e.path());
    for (std::string line; std::getline(in, line);) {
      for (const std::string& text : {line, Upper(line)}) {
        const bool p = phrase->Match(text, nullptr), o = open->Match(text, nullptr), w = pitch->Match(text, nullptr);
        ASSERT_EQ(rules.PhraseMatches(text), p) << text;
        ASSERT_EQ(rules.open_lines.Matches(text), o) << text;
        ASSERT_EQ(rules.widget_pitch.Matches(text), w) << text;
        ++lines;
        phrase_hits += p;
        open_hits += o;
        pitch_hits += w;
      }
    }
  }
  EXPECT_GT(lines, 5000);
  EXPECT_GT(phrase_hits, 200);  // the agreement is not only on misses
  EXPECT_GT(open_hits, 20);
  EXPECT_GT(pitch_hits, 100);
}

// Letters that case-insensitive RE2 takes for others: the screen must let
// such a text through.
TEST(Screen, LettersRe2FoldsTogether) {
  RuleSet rules;
  std::string err;
  ASSERT_TRUE(rules.AddFile("t.rules", "[boilerplate-phrase]\nnewsletter signup\nkelvin scale\n\xCF\x83\xCE\xB9\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x82 rock\n", &err)) << err;
  ASSERT_TRUE(rules.Compile(&err)) << err;
  auto plain = Plain(rules.boilerplate_phrase);
  for (const char* text : {"NEWSLETTER SIGNUP", "new\xC5\xBFletter signup", "\xE2\x84\xAA" "elvin scale",
                           "\xCE\xA3\xCE\x99\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F\xCE\xA3 ROCK", "kelvin"}) {
    EXPECT_EQ(rules.boilerplate_phrase.Matches(text), plain->Match(text, nullptr)) << text;
  }
  EXPECT_TRUE(rules.boilerplate_phrase.Matches("new\xC5\xBFletter signup"));
}

// A user's phrase pattern with no literal at all, anchored at the start, is
// read on every block beside the screened ones: text mode drops the block.
TEST(Screen, PatternWithoutLiteralsStillDropsItsBlock) {
  fs::path dir = fs::temp_directory_path() / "winnow_screen_bare_test";
  fs::create_directories(dir);
  std::ofstream(dir / "mine.rules") << "[boilerplate-phrase]\n^[^a]{5,7}$\n";
  Config config;
  config.rule_dirs = {dir.string()};
  std::string err;
  auto ex = Extractor::Create(config, &err);
  ASSERT_TRUE(ex) << err;
  const std::string story = "The council approved the new budget on Tuesday after a long debate.";
  Result r = ex->ExtractText(story + "\n\n1234567\n\n" + story + "\n");
  EXPECT_EQ(r.text.find("1234567"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("council"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace winnow
