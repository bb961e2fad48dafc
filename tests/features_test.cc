// Behaviour added on top of the core: site-scoped rules, Markdown, metadata
// and language, the decision record in text mode.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "filter.h"
#include "render.h"
#include "text_util.h"
#include "test_util.h"
#include "winnow/winnow.h"

namespace fs = std::filesystem;

namespace winnow {
namespace {

const std::string kStory =
    "<p>The council met on Tuesday, and after a long debate, it voted to repair the old bridge "
    "before the winter storms arrive.</p>"
    "<p>Engineers said the work would take three months, and that the road would stay open to "
    "pedestrians throughout, with one lane for cars.</p>";

std::unique_ptr<Extractor> Make(const std::vector<std::string>& dirs = {}) {
  Config c;
  c.rule_dirs = dirs;
  std::string err;
  auto ex = Extractor::Create(c, &err);
  EXPECT_TRUE(ex) << err;
  return ex;
}

TEST(SiteRules, ApplyOnlyToTheirHostsAndSubdomains) {
  fs::path dir = fs::temp_directory_path() / "winnow_site_rules_test";
  fs::create_directories(dir);
  std::ofstream(dir / "example.rules") << "# only there\n@hosts example-news.com\n[boilerplate-line]\nbridge corner\n";
  auto ex = Make({dir.string()});
  const std::string page = "<html><body><article>" + kStory + "<p>Bridge corner</p>" + kStory + "</article></body></html>";
  Input in{page, {}, "https://www.example-news.com/a/1", Mode::kHtml};
  EXPECT_EQ(ex->Extract(in).text.find("Bridge corner"), std::string::npos);
  in.url = "https://sport.example-news.com/x";
  EXPECT_EQ(ex->Extract(in).text.find("Bridge corner"), std::string::npos);
  in.url = "https://other.org/a/1";
  EXPECT_NE(ex->Extract(in).text.find("Bridge corner"), std::string::npos);
  in.url = "https://notexample-news.com/";
  EXPECT_NE(ex->Extract(in).text.find("Bridge corner"), std::string::npos);
  // Without a URL, the page's canonical link decides.
  std::string with_canonical = "<html><head><link rel=canonical href=\"https://example-news.com/p\"></head>" +
                               page.substr(6);
  EXPECT_EQ(ex->Extract(with_canonical).text.find("Bridge corner"), std::string::npos);
  // And in text mode, the same file's rules apply by URL.
  Input text{"A first line of the story that is long enough to read as a sentence of news.\n\nBridge corner\n",
             {}, "https://example-news.com/t", Mode::kText};
  EXPECT_EQ(ex->Extract(text).text.find("Bridge corner"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Markdown, HeadingsListsTablesEmphasisAndLinks) {
  auto ex = Make();
  std::string page = "<html><body><article><h1>T</h1>" + kStory +
                     "<h2>What happens next</h2><p>The <strong>mayor</strong> will <em>sign</em> the "
                     "<a href=\"https://example.org/plan\">plan</a> and call it <code>final</code>, she said.</p>"
                     "<ul><li>first step</li><li>second step</li></ul>"
                     "<table><tr><th>Ward</th><th>Votes</th></tr><tr><td>North</td><td>12</td></tr></table>"
                     "<pre>x = 1\n  y = 2</pre>" + kStory + "</article></body></html>";
  Input in{page, {}, {}, Mode::kHtml};
  in.markdown = true;
  in.links = true;
  Result r = ex->Extract(in);
  EXPECT_NE(r.markdown.find("## What happens next"), std::string::npos) << r.markdown;
  EXPECT_NE(r.markdown.find("The **mayor** will *sign* the [plan](https://example.org/plan) and call it `final`"),
            std::string::npos)
      << r.markdown;
  EXPECT_NE(r.markdown.find("- first step\n- second step"), std::string::npos) << r.markdown;
  EXPECT_NE(r.markdown.find("| Ward | Votes |\n| --- | --- |\n| North | 12 |"), std::string::npos) << r.markdown;
  EXPECT_NE(r.markdown.find("```\nx = 1\n  y = 2\n```"), std::string::npos) << r.markdown;
  // Links only when asked.
  in.links = false;
  EXPECT_EQ(ex->Extract(in).markdown.find("](https://"), std::string::npos);
}

TEST(Metadata, FromJsonLdOpenGraphAndTime) {
  auto ex = Make();
  std::string page =
      "<html><head><meta property=\"og:site_name\" content=\"Valley Post\">"
      "<link rel=\"canonical\" href=\"https://valley.example/bridge\">"
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\"},"
      "{\"@type\":\"NewsArticle\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ana Ruiz\"},{\"name\":\"Tom Lee\"}],"
      "\"datePublished\":\"2024-05-02T10:00:00Z\"}]}</script></head><body><article>" + kStory +
      "</article></body></html>";
  Result r = ex->Extract(page);
  EXPECT_EQ(r.metadata.author, "Ana Ruiz, Tom Lee");
  EXPECT_EQ(r.metadata.date, "2024-05-02T10:00:00Z");
  EXPECT_EQ(r.metadata.site_name, "Valley Post");
  EXPECT_EQ(r.metadata.canonical_url, "https://valley.example/bridge");
  EXPECT_EQ(r.language, "en");
  std::string bare = "<html><head><meta name=author content=\"Kim Park\"></head><body><article><time datetime=\"2023-01-09\">9 Jan</time>" +
                     kStory + "</article></body></html>";
  Result b = ex->Extract(bare);
  EXPECT_EQ(b.metadata.author, "Kim Park");
  EXPECT_EQ(b.metadata.date, "2023-01-09");
}

TEST(Language, DetectsTheTextsLanguage) {
  auto ex = Make();
  Result de = ex->ExtractText(
      "Der Gemeinderat hat am Dienstagabend beschlossen, die alte Brücke noch vor dem Winter zu "
      "reparieren, und die Bürger sind darüber sehr erfreut.\n\nDie Arbeiten sollen drei Monate dauern.\n");
  EXPECT_EQ(de.language, "de");
  Result empty = ex->ExtractText("");
  EXPECT_EQ(empty.language, "");
}

// Text mode stores a line as it is when collapsing white space would not
// change it, and counts its characters in the same pass (sixteen bytes at a
// time on x86): white space of every kind, at every offset of a long line,
// must still be collapsed and left out of the count.
TEST(TextMode, WhiteSpaceCollapsedAtEveryOffset) {
  auto ex = Make();
  const std::string base =
      "The harbour authority said on Monday that the new pier would open to ferries next spring.";
  const char* const kSpaces[] = {"  ", "\t", "\xC2\xA0", "\xE2\x80\x83", "\xE3\x80\x80", " \t "};
  int chars = 0;
  for (char c : base) chars += c != ' ';
  for (const char* sp : kSpaces) {
    for (size_t at = 1; at < 40; ++at) {
      if (base[at] != ' ') continue;
      std::string line = base.substr(0, at) + sp + base.substr(at + 1);
      Input in;
      in.bytes = line;
      in.mode = Mode::kText;
      in.explain = true;
      Result r = ex->Extract(in);
      ASSERT_EQ(r.blocks.size(), 1u);
      EXPECT_EQ(r.blocks[0].text, base) << "offset " << at;
      EXPECT_EQ(r.blocks[0].chars, chars) << "offset " << at;
    }
  }
  // A clean line is counted right too, multi-byte letters as one each.
  Input in;
  in.bytes = "Über die Brücke gingen am Sonntag mehr als zweitausend Menschen.";
  in.mode = Mode::kText;
  in.explain = true;
  Result r = ex->Extract(in);
  ASSERT_EQ(r.blocks.size(), 1u);
  EXPECT_EQ(r.blocks[0].chars, 55);
}

// Output is NFC: a decomposed "é" (e + U+0301) comes out composed, and only
// the lines that needed it are rewritten.
TEST(TextMode, OutputIsNfcLineByLine) {
  auto ex = Make();
  const std::string story =
      "The harbour authority said on Monday that the new pier would open to ferries next spring.";
  const std::string text = story + "\n\nLe caf" + "e\xCC\x81" + " du port ouvrira au printemps prochain, a dit la mairie.\n\n" +
                           story + " Cre\xCC\x80me.\n";
  Result r = ex->ExtractText(text);
  EXPECT_EQ(r.text, story + "\n\nLe caf\xC3\xA9 du port ouvrira au printemps prochain, a dit la mairie.\n\n" + story +
                        " Cr\xC3\xA8me.\n");
}

// NormalizeNfc looks for bytes of U+0300 and above sixteen at a time: at
// every position and line layout it must give what ICU gives for the whole
// text (texts of decomposed and composed letters, CJK, line breaks).
TEST(Render, NormalizeNfcAgreesWithIcuOnTheWholeText) {
  // Mostly ASCII, so that the rare letters fall at every offset.
  std::vector<std::string> kPieces = {"a", " ", "\n", "e\xCC\x81", "\xC3\xA9", "\xE4\xB8\xAD", "o\xCC\x88", "x.", "\xCC\x81"};
  for (int k = 0; k < 31; ++k) kPieces.push_back(kPieces[size_t(k % 3)]);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  ASSERT_TRUE(U_SUCCESS(err));
  uint32_t seed = 777;
  for (int round = 0; round < 3000; ++round) {
    const std::string t = testing::RandomText(kPieces, round % 70, &seed);
    std::string want;
    nfc->normalize(icu::UnicodeString::fromUTF8(t), err).toUTF8String(want);
    ASSERT_TRUE(U_SUCCESS(err));
    EXPECT_EQ(NormalizeNfc(t), want) << "round " << round;
  }
}

// CountSpaced reads sixteen bytes at a time on x86: it must count as the
// byte-by-byte definition does at every length and chunk boundary.
TEST(TextUtil, CountSpacedAgreesWithTheByteByByteCount) {
  const std::vector<std::string> kPieces = {" ", "a", "word", ".", "!", "?", "\xC3\xA9", "x."};
  uint32_t seed = 12345;
  for (int round = 0; round < 3000; ++round) {
    const std::string t = testing::RandomText(kPieces, round % 40, &seed);
    SpacedCounts want;
    bool prev_space = true;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == ' ') {
        ++want.spaces;
        prev_space = true;
        continue;
      }
      want.words += prev_space;
      prev_space = false;
      want.sentences += (t[i] == '.' || t[i] == '!' || t[i] == '?') && (i + 1 == t.size() || t[i + 1] == ' ');
    }
    const SpacedCounts got = CountSpaced(t);
    ASSERT_EQ(got.words, want.words) << "'" << t << "'";
    ASSERT_EQ(got.sentences, want.sentences) << "'" << t << "'";
    ASSERT_EQ(got.spaces, want.spaces) << "'" << t << "'";
  }
}

// Story prose against widget copy, in scripts with and without spaces. The
// Chinese and Japanese cases are decided by counting sentence marks, not by
// ICU's word breaks: they must agree with what ICU's sentences say.
TEST(Filter, ReadsAsStoryInEveryScript) {
  auto story = [](const std::string& t) { return ReadsAsStory(t, CountChars(t) - int(std::count(t.begin(), t.end(), ' '))); };
  EXPECT_TRUE(story("The council voted on Tuesday to repair the old bridge before the winter storms arrive, "
                    "officials said after the meeting."));
  EXPECT_FALSE(story("Save hours of research. Gain an edge. Download now. Free for teams."));
  // Japanese: two long sentences of a news story, one with a closing quote.
  const std::string ja =
      "市の発表によると、新しい橋の工事は来年の春に始まり、完成までにおよそ三年かかる見込みだという。"
      "担当者は「安全を最優先に進めたい」と話した。";
  EXPECT_TRUE(story(ja));
  const TextShape icu = MeasureText(ja);
  EXPECT_EQ(icu.sentences, 2);
  // Japanese widget copy: short exclamations.
  EXPECT_FALSE(story("今すぐ登録！無料です。お見逃しなく！詳しくはこちら。今すぐ登録！無料です。"));
  // Chinese story prose.
  EXPECT_TRUE(story("据当地媒体报道，这座城市计划在明年春天开始修建一座新的大桥，预计工程将持续大约三年时间。"));
}

// A widget's pitch is short copy: a story paragraph of more than 300
// characters is story even when it quotes pitch wording, and it bounds a
// widget run instead of going with it.
// A widget's lead (its headline and pitch, the non-story blocks right
// above it) never takes the last lines of another paragraph: the end of an
// ingredient list above a newsletter box is the recipe's.
TEST(TextMode, WidgetLeadDoesNotSplitAParagraph) {
  auto ex = Make();
  const std::string story =
      "Roast the peppers, onion and garlic for forty minutes, then blend them with the stock until the soup is smooth.";
  const std::string ingredients = "2 red peppers\n1 onion\n4 garlic cloves\nSalt and black pepper";
  const std::string text = "Roasted red pepper soup with smoked paprika\n\n" + ingredients + "\n\nSign up for our newsletter\nEmail address\nSubscribe\n\n" +
                           story + "\n";
  Result r = ex->ExtractText(text);
  EXPECT_EQ(r.text, "Roasted red pepper soup with smoked paprika\n\n" + ingredients + "\n\n" + story + "\n");
}

// A link list whose heading and items are lines of one paragraph ends with
// that paragraph: the subheading in the next one is the story's.
TEST(TextMode, LinkListHeadedInAParagraphEndsWithIt) {
  auto ex = Make();
  const std::string story1 =
      "The browser shipped its new version on Tuesday, and the change privacy groups had asked for is the default now.";
  const std::string story2 =
      "Single sign-on was the biggest problem for me, because my company's expense tool logs in through another domain.";
  const std::string text = "Larkspur blocks third-party cookies by default\n\n" + story1 +
                           "\n\nTable of Contents\nWhat actually changed\nWhat breaks\n\nWhat breaks\n\n" + story2 + "\n";
  Result r = ex->ExtractText(text);
  EXPECT_EQ(r.text, "Larkspur blocks third-party cookies by default\n\n" + story1 + "\n\nWhat breaks\n\n" + story2 + "\n");
}

// A run of calls to action that starts with a list's heading ("League
// table") has its headline already: the sentence above it is the story's,
// even one that reads like a pitch (a fragment of three words).
TEST(TextMode, RunStartingWithAListHeadingTakesNoLead) {
  auto ex = Make();
  const std::string story =
      "Hartwell Rovers came from behind to beat Denby Athletic on Saturday and moved to within two points of the top.";
  const std::string referee = "Referee: Dan Whitlow. Attendance: 14,218.";
  const std::string text = "Rovers beat Denby to close the gap at the top\n\n" + story + "\n\n" + referee +
                           "\n\nLeague table\n1 Castleford Town 73\n2 Hartwell Rovers 71\n3 Brennock United 66\n"
                           "View full table\n";
  Result r = ex->ExtractText(text);
  EXPECT_EQ(r.text, "Rovers beat Denby to close the gap at the top\n\n" + story + "\n\n" + referee + "\n");
}

// A title that ends with a full stop is the headline when no other line
// reads as one: a breadcrumb, a byline, a reading time and a comment count
// around it, and a disclosure below, no longer take it as a widget's part.
TEST(TextMode, TitleEndingWithAFullStopIsTheHeadline) {
  auto ex = Make();
  const std::string title = "Larkspur 12 blocks third-party cookies by default. Here's what breaks.";
  const std::string story =
      "The open-source browser Larkspur shipped version 12 on Tuesday, and third-party cookies are now blocked on every "
      "site unless you add an exception.";
  const std::string text = "Home » Software » Browsers\n\n" + title +
                           "\n\nPosted on March 9, 2025 by Devika Raman\n7 min read\n14 Comments\n\n"
                           "Disclosure: Some of the links in this post are affiliate links, which means we may receive "
                           "a small fee.\n\n" +
                           story + "\n";
  Result r = ex->ExtractText(text);
  EXPECT_EQ(r.text, title + "\n\n" + story + "\n");
}

// Above the story, what reads as page furniture by its shape goes although
// no rule names it: a site name, a section label, a bare byline, a byline
// with a date after a bar. The headline (a long title with a number in it,
// which reads like a sentence) and a standfirst stay; a list of short lines
// there (a recipe's ingredients, WidgetLeadDoesNotSplitAParagraph) too.
TEST(TextMode, ShortLabelsAndDateLinesAboveTheStoryGo) {
  auto ex = Make();
  const std::string title = "Brightwave tells 2.3 million subscribers to change passwords after data breach";
  const std::string standfirst = "Names and phone numbers of customers were copied from a supplier's systems";
  const std::string story =
      "Mobile operator Brightwave has told 2.3 million subscribers to change their account passwords after hackers "
      "accessed a customer database through a compromised supplier account.";
  const std::string text = "Telecoms\n\n" + title + "\n\n" + standfirst +
                           "\n\nTelecoms Review\nBy Aaron Feld | 21 May 2024\n\nDaniel Reyes\n\n"
                           "Madrid, 8 de octubre de 2024 - 10:35 h\n\n" +
                           story + "\n\nTelecoms Review\n";
  Result r = ex->ExtractText(text);
  // Below the story a short line is the story's: only the top is furniture.
  EXPECT_EQ(r.text, title + "\n\n" + standfirst + "\n\n" + story + "\n\nTelecoms Review\n");
}

// A phrase rule that matches only inside quotation marks matched words the
// story quotes; a cookie banner that quotes its own button still goes.
TEST(TextMode, PhrasesInsideQuotationsAreMentioned) {
  EXPECT_EQ(WithoutQuotations("a “Accept all cookies” button and «Tutti» or „Alle“ and \"x\" end"),
            "a   button and   or   and   end");
  EXPECT_EQ(WithoutQuotations("an “open quote without its end"), "an “open quote without its end");
  EXPECT_EQ(WithoutQuotations("»Zitat« und 「引用」"), "  und  ");
  EXPECT_TRUE(HasQuotationMark("say “hi”"));
  EXPECT_FALSE(HasQuotationMark("it’s plain"));
  // The sixteen-byte scan agrees with a plain search, wherever a mark falls.
  const std::vector<std::string> pieces = {"a", " ", "’", "“", "”", "„", "«", "»", "「", "」", "『", "\"", "—",
                                           "é", "€", "日", "x", "y", "z", "·"};
  uint32_t seed = 11;
  int with = 0;
  for (int k = 0; k < 4000; ++k) {
    const std::string t = testing::RandomText(pieces, 1 + k % 40, &seed);
    bool want = false;
    for (const char* open : {"“", "„", "«", "»", "「", "『", "\""}) want |= t.find(open) != std::string::npos;
    EXPECT_EQ(HasQuotationMark(t), want) << t;
    with += want;
  }
  EXPECT_GT(with, 1000);
  auto ex = Make();
  const std::string story =
      "The authority said the banner showed a large green “Accept all cookies” button on the first screen, while "
      "customers had to open three menus to refuse.";
  const std::string banner =
      "We use cookies to improve your experience. By clicking “Accept all cookies”, you agree to the storing of "
      "cookies on your device.";
  const std::string more =
      "The airline said it would change the banner within thirty days and that it regretted the confusion among "
      "its customers.";
  Result r = ex->ExtractText(banner + "\n\n" + story + "\n\n" + more + "\n");
  EXPECT_EQ(r.text, story + "\n\n" + more + "\n");
}

// Labels set between dashes or after a bullet are read without them.
TEST(TextMode, DecoratedLabelsAreReadWithoutTheirDashes) {
  auto ex = Make();
  const std::string story =
      "Olive growers in the valley expect a smaller harvest this year after a dry spring and a hot, windless summer.";
  const std::string more = "The cooperative will set its prices for the new oil in November, as it does every year.";
  const std::string credit = "(Reporting by Ana Ruiz; Editing by Tom Brown)";
  Result r = ex->ExtractText(story + "\n\n- Pubblicità -\n\n— Advertisement —\n\n" + more + "\n\n" + credit + "\n");
  EXPECT_EQ(r.text, story + "\n\n" + more + "\n\n" + credit + "\n");
}

TEST(TextMode, LongStoryParagraphIsNotAPitch) {
  auto ex = Make();
  const std::string story =
      "The council said residents who want to get breaking news alerts about road closures during the "
      "three months of repairs can sign up through the city website, and that printed notices would also be "
      "posted at every bus stop on the route, in the library and in the two community centres near the "
      "bridge, so that nobody without a phone would miss a diversion or a change to the timetable of the "
      "night buses.";
  ASSERT_GT(story.size() - std::count(story.begin(), story.end(), ' '), 300u);  // characters, spaces aside
  const std::string text = "Subscribe to our newsletter\n\n" + story + "\n\nSign up\n";
  Result r = ex->ExtractText(text);
  EXPECT_NE(r.text.find("printed notices"), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("Sign up"), std::string::npos) << r.text;
}

// A line rule that may start with anything ("(.*[.!] )?cancel anytime") is
// searched with the phrases, but it still only judges blocks of at most 200
// characters: a longer paragraph that ends so is a story.
TEST(TextMode, OpenStartLineRuleKeepsItsLengthBound) {
  auto ex = Make();
  const std::string shortp = "Plans start at five dollars a month. Cancel anytime.";
  const std::string longp =
      "The streaming service told investors that it lost two million subscribers in the spring, after "
      "raising its prices twice in a year, and that viewers had learned what its own advertising had told "
      "them for a decade, and which one analyst quoted in the report summed up in two words. Cancel anytime.";
  ASSERT_GT(longp.size() - std::count(longp.begin(), longp.end(), ' '), 200u);
  Input in;
  in.mode = Mode::kText;
  in.explain = true;
  const std::string text = longp + "\n\n" + shortp + "\n";
  in.bytes = text;
  Result r = ex->Extract(in);
  EXPECT_NE(r.text.find("lost two million subscribers"), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("Plans start at"), std::string::npos) << r.text;
  bool named = false;
  for (const BlockRecord& b : r.blocks)
    if (b.reason.find("boilerplate line (rules/phrases/en.rules:") != std::string::npos) named = true;
  EXPECT_TRUE(named);
}

TEST(Explain, TextModeRecordsEveryLineDecision) {
  auto ex = Make();
  Input in;
  in.bytes =
      "The council voted on Tuesday to repair the old bridge before the winter storms arrive, officials said.\n\n"
      "Advertisement\n\n"
      "Engineers said the work would take three months and the road would stay open to pedestrians.\n";
  in.mode = Mode::kText;
  in.explain = true;
  Result r = ex->Extract(in);
  ASSERT_EQ(r.blocks.size(), 3u);
  EXPECT_TRUE(r.blocks[0].kept);
  EXPECT_FALSE(r.blocks[1].kept);
  EXPECT_EQ(r.blocks[1].stage, "filter");
  EXPECT_NE(r.blocks[1].reason.find("rules/phrases/"), std::string::npos) << r.blocks[1].reason;
  EXPECT_TRUE(r.blocks[2].kept);
  EXPECT_EQ(r.mode, Mode::kText);
}

TEST(Mode, AutoTellsHtmlFromText) {
  auto ex = Make();
  EXPECT_EQ(ex->Extract("<div class=x>" + kStory + "</div>").mode, Mode::kHtml);
  EXPECT_EQ(ex->Extract("Plain text with a < sign and no tags at all.\n").mode, Mode::kText);
}

TEST(Listing, CardsUnderAShortIntroductionAreContent) {
  auto ex = Make();
  std::string cards;
  for (int i = 0; i < 24; ++i)
    cards += "<div class=card><a href=/p/" + std::to_string(i) + ">Walnut desk model " + std::to_string(i) +
             " with drawers</a><span>$" + std::to_string(100 + i) + "</span></div>";
  std::string page = "<html><body><nav><a href=/>Home</a> <a href=/desks>Desks</a></nav>"
                     "<div class=strip>Free delivery on orders over $50 this month</div><main>"
                     "<h1>Desks</h1><p>Our desks are made to order in oak and walnut, and every one ships within a week.</p>"
                     "<div class=grid>" + cards + "</div></main><footer>About us</footer></body></html>";
  Result r = ex->Extract(page);
  EXPECT_NE(r.text.find("Walnut desk model 7 with drawers"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("made to order"), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("About us"), std::string::npos) << r.text;
}

TEST(Prose, TextBesideBlocksInOneContainerIsKept) {
  // A forum post: text straight in the post's <div>, with a quote box in it.
  auto ex = Make();
  std::string post =
      "<div class=post-body>I have been riding the same road bike for ten years, and the frame is still "
      "fine, but the groupset is worn out and parts are getting hard to find.<blockquote>Is it worth "
      "upgrading?</blockquote>My budget is about four hundred, and I would rather keep the frame, which "
      "fits me well, than buy a new bike that I would have to get used to again.</div>";
  std::string page = "<html><body><div class=thread>" + post + "</div><aside><a href=/x>Other threads</a></aside></body></html>";
  Result r = ex->Extract(page);
  EXPECT_NE(r.text.find("groupset is worn out"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("rather keep the frame"), std::string::npos) << r.text;
}

}  // namespace
}  // namespace winnow
