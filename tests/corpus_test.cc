// Runs every page of corpus/html through the extractor and compares the
// output with the page's .expected.txt, white space normalised.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"
#include "winnow/winnow.h"

namespace fs = std::filesystem;

namespace winnow {
namespace {

// Case names under corpus/<kind>/: <name>.<ext> with <name>.expected.txt.
std::vector<std::string> CorpusCases(const std::string& kind, const std::string& ext) {
  std::vector<std::string> names;
  fs::path dir = fs::path(WINNOW_SOURCE_DIR) / "corpus" / kind;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    std::string n = e.path().filename().string();
    if (n.size() > ext.size() && n.substr(n.size() - ext.size()) == ext &&
        n.find(".expected.") == std::string::npos)
      names.push_back(n.substr(0, n.size() - ext.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}
std::vector<std::string> CorpusPages() { return CorpusCases("html", ".html"); }
std::vector<std::string> TextCases() { return CorpusCases("text", ".txt"); }

// An explained run decides the same as a plain one (only the reasons grow
// the rule's file and line, which a plain run does not look up), and every
// block a phrase rule dropped names its rule.
void ExpectExplainAgrees(const std::string& bytes, Mode mode, const Result& plain) {
  Input in;
  in.bytes = bytes;
  in.mode = mode;
  in.explain = true;
  Result r = testing::SharedExtractor().Extract(in);
  EXPECT_EQ(r.text, plain.text);
  for (const BlockRecord& b : r.blocks) {
    if (b.reason.starts_with("boilerplate line") || b.reason.starts_with("boilerplate phrase") ||
        b.reason.starts_with("heading of a link list")) {
      EXPECT_NE(b.reason.find(".rules:"), std::string::npos) << b.reason;
    }
  }
}

class CorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, MatchesExpected) {
  fs::path dir = fs::path(WINNOW_SOURCE_DIR) / "corpus" / "html";
  std::string html = testing::ReadFile((dir / (GetParam() + ".html")).string());
  fs::path expected_path = dir / (GetParam() + ".expected.txt");
  ASSERT_TRUE(fs::exists(expected_path)) << expected_path;
  std::string expected = testing::ReadFile(expected_path.string());
  Result r = testing::SharedExtractor().Extract(html);
  EXPECT_EQ(testing::NormalizeWs(r.text), testing::NormalizeWs(expected)) << GetParam();
  ExpectExplainAgrees(html, Mode::kHtml, r);
}

TEST(Corpus, HasEnoughPages) { EXPECT_GE(CorpusPages().size(), 40u); }
TEST(Corpus, HasEnoughTextCases) { EXPECT_GE(TextCases().size(), 25u); }

class TextCorpusTest : public ::testing::TestWithParam<std::string> {};

// Text mode: the input is already-extracted text; the same rules apply.
TEST_P(TextCorpusTest, MatchesExpected) {
  fs::path dir = fs::path(WINNOW_SOURCE_DIR) / "corpus" / "text";
  std::string text = testing::ReadFile((dir / (GetParam() + ".txt")).string());
  std::string expected = testing::ReadFile((dir / (GetParam() + ".expected.txt")).string());
  ASSERT_FALSE(expected.empty()) << GetParam();
  Result r = testing::SharedExtractor().ExtractText(text);
  EXPECT_EQ(testing::NormalizeWs(r.text), testing::NormalizeWs(expected)) << GetParam();
  ExpectExplainAgrees(text, Mode::kText, r);
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Pages, CorpusTest, ::testing::ValuesIn(CorpusPages()), CaseName);
INSTANTIATE_TEST_SUITE_P(Text, TextCorpusTest, ::testing::ValuesIn(TextCases()), CaseName);

}  // namespace
}  // namespace winnow
