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

std::vector<std::string> CorpusPages() {
  std::vector<std::string> names;
  fs::path dir = fs::path(WINNOW_SOURCE_DIR) / "corpus" / "html";
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    std::string n = e.path().filename().string();
    if (n.size() > 5 && n.substr(n.size() - 5) == ".html") names.push_back(n.substr(0, n.size() - 5));
  }
  std::sort(names.begin(), names.end());
  return names;
}

const Extractor& SharedExtractor() {
  static std::unique_ptr<Extractor> ex = [] {
    std::string err;
    auto e = Extractor::Create(Config{}, &err);
    if (!e) ADD_FAILURE() << err;
    return e;
  }();
  return *ex;
}

class CorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, MatchesExpected) {
  fs::path dir = fs::path(WINNOW_SOURCE_DIR) / "corpus" / "html";
  std::string html = testing::ReadFile((dir / (GetParam() + ".html")).string());
  fs::path expected_path = dir / (GetParam() + ".expected.txt");
  ASSERT_TRUE(fs::exists(expected_path)) << expected_path;
  std::string expected = testing::ReadFile(expected_path.string());
  Result r = SharedExtractor().Extract(html);
  EXPECT_EQ(testing::NormalizeWs(r.text), testing::NormalizeWs(expected)) << GetParam();
}

TEST(Corpus, HasEnoughPages) { EXPECT_GE(CorpusPages().size(), 40u); }

INSTANTIATE_TEST_SUITE_P(Pages, CorpusTest, ::testing::ValuesIn(CorpusPages()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace winnow
