// Behaviour of the whole pipeline on small pages built here.

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "test_util.h"
#include "winnow/winnow.h"

namespace winnow {
namespace {

const Extractor& Ex() { return testing::SharedExtractor(); }

std::string Para(int i) {
  return "<p>Paragraph " + std::to_string(i) +
         " of the story tells, at some length and with several clauses, what happened in the "
         "town council meeting, who spoke, and what the vote means for residents next year.</p>";
}

std::string Page(const std::string& inside_article, const std::string& around = "") {
  return "<html><head><title>Council votes</title></head><body>"
         "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>" +
         around + "<article><h1>Council votes on budget</h1>" + inside_article +
         "</article><footer><a href=/about>About</a> © 2024 Example News</footer></body></html>";
}

bool Contains(const std::string& s, const std::string& needle) {
  return s.find(needle) != std::string::npos;
}

TEST(Extract, KeepsStoryDropsNavFooterAndHeadline) {
  Result r = Ex().Extract(Page(Para(1) + Para(2) + Para(3)));
  EXPECT_TRUE(Contains(r.text, "Paragraph 1 of the story"));
  EXPECT_TRUE(Contains(r.text, "Paragraph 3 of the story"));
  EXPECT_FALSE(Contains(r.text, "Home"));
  EXPECT_FALSE(Contains(r.text, "About"));
  EXPECT_FALSE(Contains(r.text, "Council votes on budget"));
  EXPECT_EQ(r.title, "Council votes on budget");
}

// "has-rail-right" names the wrapper beside a rail, not the rail: the story
// inside it stays, the rail itself goes.
TEST(Extract, LayoutModifierClassesDoNotNameTheElement) {
  const std::string page =
      "<html><body><div class=\"container\"><div class=\"main-wrap has-rail-right with-sidebar\">"
      "<div class=\"story\">" + Para(1) + Para(2) + "</div>"
      "<div class=\"rail\"><p>Most read: five things to do this weekend, and the best new films.</p></div>"
      "</div></div></body></html>";
  Result r = Ex().Extract(page);
  EXPECT_TRUE(Contains(r.text, "Paragraph 1")) << r.text;
  EXPECT_TRUE(Contains(r.text, "Paragraph 2")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Most read")) << r.text;
}

// A contact form in a footer pruned as a whole does not make a widget of
// the content beside it (an agency's home page: short case-study cards in
// the same wrapper as the footer).
TEST(Extract, FormInsidePrunedFooterLeavesContentAlone) {
  std::string cards;
  const char* const kCards[][2] = {
      {"Universal Appeal", "Increasing attendance and awareness of a space museum in a small town."},
      {"The Picture of Health", "A new brand expression for a health clinic, made with its leadership."},
      {"Choose the City", "A talent brand that brings a community together to attract and keep people."},
      {"Open Water", "Campaign work for a lake district's tourism board across three seasons."}};
  for (const auto& c : kCards)
    cards += std::string("<section class=\"slide\"><h2>") + c[0] + "</h2><p>" + c[1] + "</p></section>";
  const std::string page =
      "<html><body><main><div class=\"slides-outer\">" + cards +
      "<div class=\"site-footer\"><h2>Let's chat</h2><form><label>First name</label><input type=\"text\" "
      "name=\"first\"><label>Email</label><input type=\"email\" name=\"email\"><button>Send</button></form>"
      "<p>Studio 4, Harbour Lane</p></div></div></main></body></html>";
  Result r = Ex().Extract(page);
  EXPECT_TRUE(Contains(r.text, "space museum")) << r.text;
  EXPECT_TRUE(Contains(r.text, "tourism board")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Harbour Lane")) << r.text;
}

// A rendered checklist ("- [ ] Book the venue") has disabled check boxes:
// display, not a form to fill in.
TEST(Extract, DisabledCheckBoxesAreNotAForm) {
  std::string items;
  for (const char* t : {"Celebrate the engagement and enjoy the moment", "Agree a budget and who is contributing",
                        "Choose a range of dates for the wedding", "Tour venues, compare offers and book one"})
    items += std::string("<li><input disabled=\"\" type=\"checkbox\"> ") + t + "</li>";
  Result r = Ex().Extract(Page(Para(1) + "<ul class=\"contains-task-list\">" + items + "</ul>" + Para(2)));
  EXPECT_TRUE(Contains(r.text, "Agree a budget")) << r.text;
  EXPECT_TRUE(Contains(r.text, "book one")) << r.text;
}

// Accordion panels are hidden until a reader opens them: they are content.
// Other hidden elements still go, and so does a collapsed menu.
TEST(Extract, HiddenAccordionPanelsAreContent) {
  const std::string faq =
      "<h2>Questions</h2><div class=\"accordion\">"
      "<button aria-expanded=\"false\">How long does the repair take?</button>"
      "<section class=\"accordion__panel\" hidden>The council expects the repair of the bridge to take about "
      "three months, with one lane open to traffic for most of that time.</section>"
      "<button aria-expanded=\"false\">Who pays for it?</button>"
      "<div class=\"faq-answer\" aria-hidden=\"true\">The cost is shared between the council and the regional "
      "transport fund, which agreed to pay two thirds of it last spring.</div></div>"
      "<div hidden><p>Limited offer: subscribe today and get the first three months of the paper free.</p></div>"
      "<nav class=\"collapse\" hidden><a href=/a>Home</a> <a href=/b>News</a></nav>";
  Result r = Ex().Extract(Page(Para(1) + Para(2) + faq));
  EXPECT_TRUE(Contains(r.text, "about three months")) << r.text;
  EXPECT_TRUE(Contains(r.text, "regional transport fund")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Limited offer")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Home")) << r.text;
}

// A reference list is all commas ("Smith J, Jones K, ..."): its items count
// few of them when looking for the article, so the list does not outscore
// the story that cites it.
TEST(Extract, ReferenceListDoesNotOutscoreTheStory) {
  const std::string para =
      "<p>The committee heard evidence from residents, engineers and the operator over three days of "
      "hearings in the town hall this month, and it will report in the spring.</p>";
  const std::string ref =
      "<li>Smith J, Jones K, Lee M, Brown A, Green B, White C, Black D, et al. A study of bridges, roads, "
      "tunnels and ferries. J Transp. 2020;12(3):45-67.</li>";
  std::string page = "<html><body><div class=wrap><div class=story>";
  for (int i = 0; i < 4; ++i) page += para;
  page += "</div><div class=refs><h3>References</h3><ul>";
  for (int i = 0; i < 8; ++i) page += ref;
  page += "</ul></div></div></body></html>";
  Result r = Ex().Extract(page);
  EXPECT_TRUE(Contains(r.text, "The committee heard evidence")) << r.text;
}

TEST(Extract, ParagraphsSeparatedByBlankLine) {
  Result r = Ex().Extract(Page(Para(1) + Para(2)));
  EXPECT_TRUE(Contains(r.text, "next year.\n\nParagraph 2")) << r.text;
}

TEST(Extract, ListItemsOneToALineAndTableCellsTabbed) {
  Result r = Ex().Extract(Page(Para(1) + "<ul><li>first item</li><li>second <b>item</b></li></ul>" +
                               Para(2) + "<table><tr><th>Ward</th><th>Votes</th></tr>"
                               "<tr><td>North</td><td>1,204</td></tr></table>" + Para(3)));
  EXPECT_TRUE(Contains(r.text, "first item\nsecond item")) << r.text;
  EXPECT_TRUE(Contains(r.text, "Ward\tVotes\nNorth\t1,204")) << r.text;
}

TEST(Extract, PreformattedKeptVerbatim) {
  Result r = Ex().Extract(Page(Para(1) + "<pre><code>int main() {\n    return 0;\n}</code></pre>" + Para(2)));
  EXPECT_TRUE(Contains(r.text, "int main() {\n    return 0;\n}")) << r.text;
}

TEST(Extract, WhiteSpaceCollapsedAndNfc) {
  // "e" + combining acute must come out as the precomposed "é"; NBSPs and
  // runs of spaces become one space.
  Result r = Ex().Extract(Page(Para(1) + "<p>Cafe\xCC\x81 &nbsp;&nbsp; terrace   opened, said the owner, "
                               "who has waited, with patience, for three long years to serve outside.</p>" + Para(2)));
  EXPECT_TRUE(Contains(r.text, "Caf\xC3\xA9 terrace opened")) << r.text;
}

TEST(Extract, DropsCallToActionWidgetInsideArticle) {
  std::string widget =
      "<div class='x1'><h3>How well do you know your market?</h3>"
      "<p>Get the data that matters.</p>"
      "<div style='display:none'>Thank you!</div>"
      "<input type=email placeholder='Work email'><button>Send</button>"
      "<p>By submitting this form you agree to our terms. Visit our Privacy Policy for more information.</p></div>";
  Result r = Ex().Extract(Page(Para(1) + Para(2) + widget + Para(3) + Para(4)));
  EXPECT_TRUE(Contains(r.text, "Paragraph 4"));
  EXPECT_FALSE(Contains(r.text, "market?")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Privacy Policy")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Get the data")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Thank you")) << r.text;
}

TEST(Extract, KeepsStorySentenceAboutPrivacy) {
  std::string p = "<p>The regulator said the company's privacy policy failed to tell users how their "
                  "data was shared, and ordered it to pay a fine of 20 million euros within a month.</p>";
  Result r = Ex().Extract(Page(Para(1) + p + Para(2)));
  EXPECT_TRUE(Contains(r.text, "privacy policy failed")) << r.text;
}

TEST(Extract, DropsReadMoreAndAdvertisementLines) {
  Result r = Ex().Extract(Page(Para(1) + "<p><strong>READ MORE:</strong> <a href=/x>Another story about "
                               "roads</a></p><div>Advertisement</div>" + Para(2)));
  EXPECT_FALSE(Contains(r.text, "READ MORE")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Advertisement")) << r.text;
  EXPECT_TRUE(Contains(r.text, "Paragraph 2"));
}

TEST(Extract, BlocksRecordEveryDecision) {
  Input in;
  const std::string page = Page(Para(1) + Para(2));
  in.bytes = page;
  in.explain = true;
  Result r = Ex().Extract(in);
  EXPECT_TRUE(Ex().Extract(page).blocks.empty());  // only when asked
  bool saw_nav = false, saw_kept = false;
  for (const BlockRecord& b : r.blocks) {
    if (Contains(b.text, "Home")) {
      saw_nav = true;
      EXPECT_FALSE(b.kept);
      EXPECT_EQ(b.stage, "prune");
      EXPECT_FALSE(b.reason.empty());
    }
    if (Contains(b.text, "Paragraph 1")) {
      saw_kept = true;
      EXPECT_TRUE(b.kept);
    }
  }
  EXPECT_TRUE(saw_nav);
  EXPECT_TRUE(saw_kept);
}

// A short release note of lists and one-line paragraphs has no prose to
// stop the climb from its "Click here to download" line: the widget around
// that line must not be the whole page.
TEST(Extract, CallToActionDoesNotTakeAShortPageWithIt) {
  const std::string page =
      "<html><body><div class=main-page-wrapper><div class=content>"
      "<h1>What is new in version 2.26</h1>"
      "<p>New tasks for the game!</p><ul><li>More questions for your opponent</li>"
      "<li>Challenges coming soon</li><li>Better Android support</li><li>Bugs fixed</li></ul>"
      "<p>Try something new with your partner this weekend.</p>"
      "<p><a href=/get>Click here</a> to get more information or download this game.</p>"
      "<h2>Who is this game for?</h2><p>Couples who want to know each other better.</p>"
      "</div></div></body></html>";
  Result r = Ex().Extract(page);
  EXPECT_TRUE(Contains(r.text, "Better Android support")) << r.text;
  EXPECT_TRUE(Contains(r.text, "Couples who want to know each other better.")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Click here")) << r.text;
}

// An embedded post quoted at the end of a story is cited content: the
// newsletter widget right after it does not take it as its
// headline and pitch (none of its lines reads as a sentence).
TEST(Extract, WidgetAfterQuotedPostLeavesTheQuoteAlone) {
  const std::string page = Page(Para(1) + Para(2) + Para(3) +
      "<p>The council shared the vote on its account:</p>"
      "<blockquote class=embedded-post><p>Councillors vote to reopen the pier by March "
      "<a href=/p/1>pic.example.com/x1</a></p><p>&mdash; Harbour Council (@harbour) May 2, 2024</p></blockquote>"
      "<h2 class=title><a href=/subscribe>Click here to subscribe to The Harbour Newsletter</a></h2>"
      "<p><a href=/subscribe>Subscribe now</a></p>");
  Result r = Ex().Extract(page);
  EXPECT_TRUE(Contains(r.text, "Councillors vote to reopen the pier")) << r.text;
  EXPECT_TRUE(Contains(r.text, "Harbour Council (@harbour)")) << r.text;
  EXPECT_FALSE(Contains(r.text, "subscribe")) << r.text;
  EXPECT_FALSE(Contains(r.text, "Subscribe now")) << r.text;
}

// A topic page is a list of story cards. When cards that share a class the
// rules call boilerplate ("teaserItem") hold most of the page's text, they
// are the page; the same cards beside an article are still teasers.
TEST(Extract, CardsThatAreThePageAreKept) {
  std::string cards;
  for (int i = 0; i < 5; ++i)
    cards += "<li class='teaserItem hover' id='teaser_" + std::to_string(i) + "'><div class=teaser><a href=/s" +
             std::to_string(i) + ">Story " + std::to_string(i) +
             " headline about the harbour</a> The council said the pier would reopen after repairs to "
             "its supports, and ferries would return in the spring.</div></li>";
  const std::string topic = "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><h1>Harbour</h1><ul>" +
                            cards + "</ul><footer>© 2024 Example</footer></body></html>";
  Result r = Ex().Extract(topic);
  EXPECT_TRUE(Contains(r.text, "Story 0 headline")) << r.text;
  EXPECT_TRUE(Contains(r.text, "Story 4 headline")) << r.text;

  std::string teasers;
  for (int i = 0; i < 3; ++i)
    teasers += "<li class=teaserItem id=t" + std::to_string(i) + "><div class=teaser><a href=/r" + std::to_string(i) +
               ">Related story " + std::to_string(i) + "</a></div></li>";
  Result a = Ex().Extract(Page(Para(1) + Para(2) + Para(3) + Para(4), "<ul>" + teasers + "</ul>"));
  EXPECT_TRUE(Contains(a.text, "Paragraph 4")) << a.text;
  EXPECT_FALSE(Contains(a.text, "Related story")) << a.text;
}

TEST(Extract, EmptyAndGarbageInputDoNotCrash) {
  EXPECT_EQ(Ex().Extract("").text, "");
  EXPECT_EQ(Ex().Extract(std::string(1000, '\0')).status, Status::kBinary);
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xFF));
  Result r = Ex().Extract(junk);
  (void)r;
}

TEST(Extract, DeepNestingIsFlattenedNotLost) {
  std::string html = "<html><body>";
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += Para(1) + Para(2);
  for (int i = 0; i < 10000; ++i) html += "</div>";
  html += "</body></html>";
  Result r = Ex().Extract(html);
  EXPECT_TRUE(Contains(r.text, "Paragraph 1"));
  EXPECT_TRUE(Contains(r.text, "next year.\n\nParagraph 2")) << "paragraphs kept apart";
}

TEST(Extract, TooLargeIsReported) {
  Limits limits;
  limits.max_input_bytes = 100;
  auto ex = testing::ExtractorWithLimits(limits);
  ASSERT_TRUE(ex);
  EXPECT_EQ(ex->Extract(std::string(101, 'a')).status, Status::kTooLarge);
}

TEST(Extract, SameResultFromManyThreads) {
  std::string page = Page(Para(1) + Para(2) + Para(3));
  std::string want = Ex().Extract(page).text;
  std::vector<std::thread> threads;
  std::vector<std::string> got(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) got[t] = Ex().Extract(page).text;
    });
  for (auto& th : threads) th.join();
  for (auto& g : got) EXPECT_EQ(g, want);
}

TEST(Extract, SeedPlainStoryInHtml) {
  std::string dir = std::string(WINNOW_SOURCE_DIR) + "/corpus/html/";
  std::string html = testing::ReadFile(dir + "seed-globaldata.html");
  if (html.empty()) GTEST_FAIL() << "corpus/html/seed-globaldata.html missing";
  std::string expected = testing::ReadFile(dir + "seed-globaldata.expected.txt");
  EXPECT_EQ(testing::NormalizeWs(Ex().Extract(html).text), testing::NormalizeWs(expected));
}

}  // namespace
}  // namespace winnow
