#include "filter.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <span>

#include <re2/re2.h>

#include "text_util.h"

namespace winnow {
namespace {

// A widget is small: above this many characters an element is taken to be
// part of the page's prose, not one call-to-action box.
constexpr int kMaxWidgetChars = 1500;
// Blocks longer than this are prose even when a phrase rule matches inside.
constexpr int kMaxPhraseBlockChars = 800;
// A widget's pitch is short copy; longer story-like blocks are story.
constexpr int kMaxPitchChars = 300;
// A title line is at most this long.
constexpr int kMaxTitleChars = 150;
// Blocks above the story: a headline with its labels, bylines and dates.
constexpr size_t kMaxHeaderBlocks = 10;
// Boilerplate lines are short; a longer block is not one line of chrome.
constexpr int kMaxLineRuleChars = 200;
// Widget runs: how many non-story blocks may sit between call-to-action
// blocks, and how many before and after the run go with it.
constexpr int kWidgetGap = 2;
constexpr int kWidgetLead = 3;
constexpr int kWidgetTail = 2;
// A link list under a list heading: at most this many items, each short.
constexpr int kMaxListItems = 12;
constexpr int kMaxListItemChars = 120;
// Pruned blocks between the items are skipped, this many steps at most.
constexpr size_t kMaxListSteps = 40;

std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

void Drop(Block* b, std::string reason) {
  b->kept = false;
  b->stage = Stage::kFilter;
  b->reason = std::move(reason);
}

// The same where the reason takes work to write: it is written only when
// an explanation was asked for (`explain`); no one reads it otherwise.
template <typename Reason>
void Drop(Block* b, bool explain, Reason&& reason) {
  b->kept = false;
  b->stage = Stage::kFilter;
  if (explain) b->reason = reason();
}

// Prose: a paragraph long enough and free enough of links to be story text.
bool IsProse(const Block& b) {
  return (b.kind == BlockKind::kParagraph || b.kind == BlockKind::kQuote ||
          b.kind == BlockKind::kListItem) &&
         b.chars >= 100 && b.link_chars * 10 < b.chars * 3;
}

// The located article holds under this share of the page's prose: it is one
// fragment of an article cut into sections, and prose elsewhere is recovered.
constexpr double kWeakRootShare = 0.6;
// An article root with this share of its text in links is a listing.
constexpr int kListingLinkPercent = 50;
// A whole page with more prose than this is not taken for a listing.
constexpr int kListingMaxProse = 600;
// Headline, standfirst, byline and date together are shorter than this.
constexpr int kMaxHeadlineZoneChars = 600;
constexpr int kRecoverLevels = 12;

// Which phrase rule, if any, drops a block.
enum class RuleHit : uint8_t { kNone, kListHeader, kPointer, kFurniture, kLine, kOpenLine, kPhrase };

// What a rule's hit makes of a block in a widget run (DropWidgetRuns): a
// call to action gathers a widget around it; page furniture joins one; a
// pointer to another story is neither.
enum class RunRole : uint8_t { kNone, kCallToAction, kFurniture };
RunRole RoleOf(RuleHit h) {
  switch (h) {
    case RuleHit::kNone:
    case RuleHit::kPointer: return RunRole::kNone;
    case RuleHit::kFurniture: return RunRole::kFurniture;
    default: return RunRole::kCallToAction;
  }
}

// `t` without any of `marks` at its front (or back), repeated.
std::string_view TrimMarks(std::string_view t, std::span<const std::string_view> marks, bool front) {
  for (bool more = true; more && !t.empty();) {
    more = false;
    for (std::string_view m : marks) {
      if (front ? t.starts_with(m) : t.ends_with(m)) {
        front ? t.remove_prefix(m.size()) : t.remove_suffix(m.size());
        more = true;
      }
    }
  }
  return t;
}

// A line without the dashes, bullets and brackets that pages set around a
// label ("- Pubblicità -", "— Advertisement —", "[ Anzeige ]", "▶ Video"),
// or the line itself when it has none in front. Not parentheses: a news
// agency's "(Reporting by ...; Editing by ...)" is the story's.
std::string_view Undecorated(std::string_view t) {
  // Most lines start with a letter: only ASCII marks and the lead bytes of
  // the others (0xE2: dashes, bullets, triangles; 0xC2: "·", "»", "«") may
  // start a decoration.
  if (t.empty()) return t;
  const uint8_t lead = uint8_t(t[0]);
  if (lead >= 0x80 ? (lead != 0xE2 && lead != 0xC2) : std::isalnum(lead)) return t;
  static constexpr std::string_view kMarks[] = {
      " ", "-", "_", "=", "*", "~", "#", "+", "|", "<", ">", "[", "]", "/", "\\",
      "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xBA", "\xE2\x96\xB6",
      "\xE2\x96\xA0", "\xE2\x97\x8F", "\xE2\x97\x86", "\xC2\xBB", "\xC2\xAB"};
  const std::string_view stripped = TrimMarks(t, kMarks, /*front=*/true);
  return stripped.size() == t.size() ? t : TrimMarks(stripped, kMarks, /*front=*/false);
}

// The phrase rules on the blocks where `look` is set: a block is a
// boilerplate line (whole_block, then open_lines) or carries call-to-action
// wording (the phrase parts). Each group reads all the blocks it has to
// before the next group starts: a group's DFA then stays in cache, where
// reading each block with every group in turn evicted them all (text mode
// ran at three quarters of the speed). Sets b.list_header on the blocks the
// line groups read, and (*pitch)[k] to what the screen says of block k for
// widget_pitch's patterns with literals (-1: not scanned), for IsPitch.
std::vector<RuleHit> MatchRules(const RuleSet& rules, std::vector<Block>& blocks, const std::vector<bool>& look,
                                std::vector<int8_t>* pitch) {
  const size_t n = blocks.size();
  std::vector<RuleHit> hit(n, RuleHit::kNone);
  auto wanted = [&](size_t k, int max_chars) {
    return look[k] && blocks[k].kind != BlockKind::kPre && blocks[k].chars <= max_chars;
  };
  // Whole-block lines; whole_block holds list_header's patterns first,
  // then the pointers' and the lines'. A line set between dashes or after a
  // bullet is read as it is and without them (`bare`).
  std::vector<bool> bare(n, false);
  for (size_t k = 0; k < n; ++k) {
    if (!wanted(k, kMaxLineRuleChars)) continue;
    if (rules.whole_block.Matches(blocks[k].text)) {
      hit[k] = RuleHit::kLine;
    } else if (const std::string_view u = Undecorated(blocks[k].text);
               u.size() != blocks[k].text.size() && !u.empty() && rules.whole_block.Matches(u)) {
      hit[k] = RuleHit::kLine;
      bare[k] = true;
    }
  }
  const int headers = int(rules.list_header.size());
  const int pointers = headers + int(rules.pointer_line.size());
  for (size_t k = 0; k < n; ++k) {
    if (!wanted(k, kMaxLineRuleChars)) continue;
    Block& b = blocks[k];
    // Most such lines are neither: a pass that stops at the first match
    // and collects nothing says so; the kind is asked only of the others.
    const std::string_view t = bare[k] ? Undecorated(b.text) : b.text;
    const int kind = hit[k] == RuleHit::kLine && rules.line_kinds.Matches(t) ? rules.line_kinds.Match(t) : -1;
    b.list_header = kind >= 0 && kind < headers;
    if (b.list_header) hit[k] = RuleHit::kListHeader;
    else if (kind >= 0) hit[k] = kind < pointers ? RuleHit::kPointer : RuleHit::kFurniture;
  }
  // The screen says which of the rest the open-line and phrase groups may
  // match; then each group reads those.
  std::vector<uint8_t> may(n, 0);          // open_lines may match
  std::vector<uint32_t> phrase_may(n, 0);  // bit p: rules.phrase_parts[p] may
  std::vector<bool> scanned(n, false);
  pitch->assign(n, -1);
  ScreenHits screened;
  for (size_t k = 0; k < n; ++k) {
    if (hit[k] != RuleHit::kNone || !wanted(k, kMaxPhraseBlockChars)) continue;
    scanned[k] = true;
    rules.screen.Scan(blocks[k].text, &screened);
    if (blocks[k].chars <= kMaxLineRuleChars && rules.open_lines.MayMatch(screened)) may[k] = 1;
    for (size_t p = 0; p < rules.phrase_parts.size(); ++p)
      if (rules.phrase_parts[p]->Touched(screened) && rules.phrase_parts[p]->MayMatch(screened))
        phrase_may[k] |= uint32_t(1) << p;
    (*pitch)[k] = rules.widget_pitch.MayMatch(screened);
  }
  for (size_t k = 0; k < n; ++k)
    if (scanned[k] && blocks[k].chars <= kMaxLineRuleChars && rules.open_lines.MatchesGiven(blocks[k].text, may[k]))
      hit[k] = RuleHit::kOpenLine;
  // A part reads the blocks the screen let through to it (all scanned
  // blocks if it has patterns without literals). Most blocks go to none.
  std::vector<uint32_t> candidates;
  for (size_t k = 0; k < n; ++k)
    if (phrase_may[k] != 0) candidates.push_back(uint32_t(k));
  for (size_t p = 0; p < rules.phrase_parts.size(); ++p) {
    const PatternSet& part = *rules.phrase_parts[p];
    if (part.HasBare()) {
      for (size_t k = 0; k < n; ++k)
        if (scanned[k] && hit[k] == RuleHit::kNone && part.MatchesGiven(blocks[k].text, (phrase_may[k] >> p) & 1))
          hit[k] = RuleHit::kPhrase;
      continue;
    }
    for (uint32_t k : candidates)
      if (((phrase_may[k] >> p) & 1) && hit[k] == RuleHit::kNone && part.MatchesGiven(blocks[k].text, true))
        hit[k] = RuleHit::kPhrase;
  }
  // Words in quotation marks are mentioned, not used: a story quotes a
  // banner's "Accept all cookies" button, or the «Tutti i diritti
  // riservati» a court ruled on. A block that a phrase or open-line rule
  // matches only inside quotations is no boilerplate; a cookie banner that
  // quotes its own button still matches in the rest of its words.
  for (size_t k = 0; k < n; ++k) {
    if ((hit[k] != RuleHit::kPhrase && hit[k] != RuleHit::kOpenLine) || !HasQuotationMark(blocks[k].text)) continue;
    const std::string rest = WithoutQuotations(blocks[k].text);
    if (blocks[k].chars <= kMaxLineRuleChars && rules.open_lines.Matches(rest)) hit[k] = RuleHit::kOpenLine;
    else hit[k] = rules.PhraseMatches(rest) ? RuleHit::kPhrase : RuleHit::kNone;
  }
  return hit;
}

// Drops a block a phrase rule matched. When an explanation was asked for
// (`name_rules`), the reason says which kind of rule and names its file and
// line: to find which pattern of a group matched, RE2 reads the block again
// and collects every match.
void DropByRule(const RuleSet& rules, bool name_rules, RuleHit hit, Block* b) {
  if (hit == RuleHit::kNone) return;
  Drop(b, name_rules, [&] {
    const PatternSet* set = nullptr;
    std::string why;
    switch (hit) {
      case RuleHit::kNone:  // not reached
      case RuleHit::kLine: why = "boilerplate line"; set = &rules.whole_block; break;
      case RuleHit::kListHeader: why = "heading of a link list"; set = &rules.whole_block; break;
      case RuleHit::kPointer: why = "pointer to another story"; set = &rules.pointer_line; break;
      case RuleHit::kFurniture: why = "page furniture"; set = &rules.furniture_line; break;
      case RuleHit::kOpenLine: why = "boilerplate line"; set = &rules.open_lines; break;
      case RuleHit::kPhrase: why = "boilerplate phrase"; set = &rules.boilerplate_phrase; break;
    }
    int i = set->Match(b->text);
    if (i < 0) i = set->Match(Undecorated(b->text));  // "- Pubblicità -"
    if (i >= 0) why += " (" + set->origin(i) + ")";
    return why;
  });
}

// Ends with a full stop (Chinese and Japanese "。" too).
bool EndsWithFullStop(std::string_view t) { return t.ends_with('.') || t.ends_with("\xE3\x80\x82"); }

// Ends with sentence punctuation (also CJK's 。！？) or a colon.
bool EndsLikeSentence(std::string_view t) {
  return EndsWithFullStop(t) || t.ends_with('!') || t.ends_with('?') || t.ends_with(':') ||
         t.ends_with("\xEF\xBC\x81") || t.ends_with("\xEF\xBC\x9F");
}

// Whether widget_pitch matches the block; `may` is what the screen said of
// it in MatchRules (-1: it was not scanned there).
bool IsPitch(const RuleSet& rules, const Block& b, int8_t may) {
  return may < 0 ? rules.widget_pitch.Matches(b.text) : rules.widget_pitch.MatchesGiven(b.text, may);
}

// Story prose, not a widget's sales pitch dressed as a sentence.
bool IsStory(const RuleSet& rules, const Block& b, int8_t may_pitch) {
  return ReadsAsStory(b.text, b.chars) && (b.chars > kMaxPitchChars || !IsPitch(rules, b, may_pitch));
}

// A block right before a run of calls to action that ends with a full stop
// is the widget's sales pitch when a pitch rule says so, or when it is
// sentences of which one is a fragment of three words or fewer and most
// are of five words or fewer ("Save hours of research. Gain competitive
// edge.", "Praxisnah. Kompakt. Kostenlos."). One sentence ("Police said
// nobody was hurt."), or short sentences of story length, are the
// story's. (Text without spaces, Chinese and Japanese, is not split into
// words here: such a block is a pitch only when a pitch rule matches it.
// Taking any such block took a blog post's last line, "次はどこへ行こう。",
// with the sidebar under it.)
bool ReadsAsPitch(const RuleSet& rules, const Block& b, int8_t may_pitch) {
  const std::string_view t = b.text;
  // Words and sentences as CountSpaced counts them, plus the shortest
  // sentence, in one pass.
  int spaces = 0, sentences = 0, words = 0, shortest = 1 << 30, short_ones = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == ' ') {
      ++spaces;
      ++words;
    }
    if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && (i + 1 == t.size() || t[i + 1] == ' ')) {
      ++sentences;
      shortest = std::min(shortest, words + 1);
      short_ones += words + 1 <= 5;
      words = 0;
      if (i + 1 < t.size()) {
        ++i;  // the space after the stop
        ++spaces;
      }
    }
  }
  if (spaces * 12 < b.chars) return IsPitch(rules, b, may_pitch);
  // Copy is mostly short sentences ("... powered by GlobalData. Save hours
  // of research. Gain competitive edge."); a story's "Au contraire." is
  // followed by long ones (a Q&A's answer above a share bar).
  return (sentences >= 2 && shortest <= 3 && 2 * short_ones > sentences) || IsPitch(rules, b, may_pitch);
}

// Widgets in reading order: a run of two or more call-to-action blocks
// (gaps of non-story blocks allowed) takes with it the non-story blocks
// just before it (its headline and pitch) and just after it (its thank-you
// and small print). Story prose bounds the run on both sides. Page
// furniture (a photo credit, tags, a date) joins a run as a gap does but
// does not count in it: a breadcrumb, two date lines and a comment count
// around a headline are no widget. A run that starts with furniture has no
// lead: above a byline or a date line is the article's headline, not a
// widget's. Nor does one that starts with a list's heading ("League
// table"), which is the widget's headline itself.
void DropWidgetRuns(const RuleSet& rules, bool explain, std::vector<Block>* blocks_ptr,
                    const std::vector<RunRole>& role, const std::vector<int8_t>& pitch,
                    size_t headline = size_t(-1)) {
  std::vector<Block>& blocks = *blocks_ptr;
  auto cta = [&](size_t k) { return role[k] == RunRole::kCallToAction; };
  // Only blocks still in play: kept ones and those the rules just dropped
  // as calls to action or furniture.
  std::vector<size_t> seq;
  for (size_t k = 0; k < blocks.size(); ++k)
    if (blocks[k].kept || role[k] != RunRole::kNone) seq.push_back(k);
  std::vector<int8_t> memo(blocks.size(), -1);  // story() of each block, once
  auto story = [&](size_t k) {
    // The headline bounds a run as story does, and is never taken.
    if (memo[k] < 0) memo[k] = k == headline || IsStory(rules, blocks[k], pitch[k]);
    return memo[k] == 1;
  };
  size_t i = 0;
  while (i < seq.size()) {
    if (role[seq[i]] == RunRole::kNone) { ++i; continue; }
    // Grow the run: the next call-to-action or furniture block within
    // kWidgetGap blocks joins when nothing between reads as story.
    size_t last = i;
    int count = cta(seq[i]);
    for (size_t j = i + 1; j < seq.size() && j <= last + kWidgetGap + 1; ++j) {
      if (role[seq[j]] == RunRole::kNone) {
        if (story(seq[j])) break;
        continue;
      }
      last = j;
      count += cta(seq[j]);
    }
    if (count >= 2) {
      // The lead is the widget's headline and pitch. A quotation is cited
      // content (an embedded post, a pull quote), never a pitch: it stops
      // the lead. Only the block right before the run (the pitch) may end
      // with a full stop; further up, a widget has a headline, a label or a
      // date, and a short paragraph that ends like a sentence is the story's
      // ("Betroffen sind vor allem Verwaltung und Produktion. ..."), unless a
      // pitch rule knows its wording (a label between pitch and form:
      // "Unlock detailed Company Profiles ...", then "Energy Company Profile
      // – sample download").
      // Nor does it split a paragraph (a list, in markup) other than the
      // widget's own: the last lines of an ingredient list above a
      // newsletter box are the recipe's.
      auto splits_group = [&](size_t pos) {
        const Block& b = blocks[seq[pos]];
        return b.group >= 0 && b.group != blocks[seq[i]].group && pos > 0 && blocks[seq[pos - 1]].group == b.group &&
               blocks[seq[pos - 1]].kept;
      };
      const bool has_lead = cta(seq[i]) && blocks[seq[i]].list_header != 1;
      size_t first = i;
      for (int n = 0; has_lead && n < kWidgetLead && first > 0 && role[seq[first - 1]] == RunRole::kNone &&
                      !story(seq[first - 1]) && !splits_group(first - 1) &&
                      blocks[seq[first - 1]].kind != BlockKind::kQuote &&
                      (!EndsWithFullStop(blocks[seq[first - 1]].text) ||
                       (n == 0 && ReadsAsPitch(rules, blocks[seq[first - 1]], pitch[seq[first - 1]])) ||
                       IsPitch(rules, blocks[seq[first - 1]], pitch[seq[first - 1]]));
           ++n)
        --first;
      // The tail is a widget's thank-you and small print ("Thank you!",
      // "Your download email will arrive shortly"). A block that ends with a
      // full stop is the story going on ("Les syndicats ont appelé à une
      // grève lundi."): small print that does is a call to action itself,
      // and a pitch below the button ("Get the week's best stories every
      // Friday.") reads as one (ReadsAsPitch). A
      // headline right before story prose is the article starting after the
      // widget (a cookie banner at the top of the page): it stays.
      // So is a question in a paragraph of its own ("Wie geht es weiter?"):
      // a widget asks its question above its form, not below.
      auto opens_story = [&](size_t j) {
        const Block& b = blocks[seq[j]];
        const bool question = b.text.ends_with('?') && b.group != blocks[seq[last]].group;
        return j + 1 < seq.size() && story(seq[j + 1]) && (!EndsLikeSentence(b.text) || question) &&
               b.text.find(' ') != std::string::npos;
      };
      // Nor does the tail take the first line of a story paragraph (a live
      // page's "18:05" above its update).
      auto starts_story_paragraph = [&](size_t j) {
        return j + 1 < seq.size() && blocks[seq[j + 1]].group == blocks[seq[j]].group &&
               blocks[seq[j]].group != blocks[seq[last]].group && story(seq[j + 1]);
      };
      size_t end = last + 1;
      for (int n = 0; n < kWidgetTail && end < seq.size() && role[seq[end]] == RunRole::kNone && !story(seq[end]) &&
                      !opens_story(end) && !starts_story_paragraph(end) &&
                      (!EndsWithFullStop(blocks[seq[end]].text) ||
                       ReadsAsPitch(rules, blocks[seq[end]], pitch[seq[end]]));
           ++n)
        ++end;
      for (size_t j = first; j < end; ++j) {
        Block& b = blocks[seq[j]];
        if (b.kept) Drop(&b, explain, [&] {
          return "part of a call-to-action widget (a run of " + std::to_string(count) + " call-to-action blocks)";
        });
      }
      i = end;
    } else {
      i = last + 1;
    }
  }
}

// A link list's heading ("Related stories", "More from Science") takes the
// list under it: the following short lines that end like headlines, not
// like sentences. (In markup the list's links usually settle it already;
// in text there are no links left.)
void DropLinkLists(const RuleSet& rules, bool explain, std::vector<Block>* blocks_ptr,
                   const std::vector<int8_t>& pitch) {
  std::vector<Block>& blocks = *blocks_ptr;
  for (size_t k = 0; k < blocks.size(); ++k) {
    if (blocks[k].kept || blocks[k].stage != Stage::kFilter || blocks[k].chars > kMaxLineRuleChars) continue;
    if (blocks[k].list_header < 0) blocks[k].list_header = rules.list_header.Matches(blocks[k].text);
    if (!blocks[k].list_header) continue;
    int taken = 0;
    // A heading whose list is lines of its own paragraph (text mode) ends
    // with the paragraph: the next one is the story's subheading.
    const bool own_paragraph = blocks[k].group >= 0 && k + 1 < blocks.size() && blocks[k + 1].group == blocks[k].group;
    for (size_t j = k + 1; j < blocks.size() && taken < kMaxListItems && j <= k + kMaxListSteps; ++j) {
      Block& b = blocks[j];
      if (own_paragraph && b.group != blocks[k].group) break;
      if (!b.kept) {
        if (b.stage == Stage::kPrune || b.stage == Stage::kLocate) continue;
        ++taken;  // dropped by a rule already: still part of the list
        continue;
      }
      // A sentence, not a headline, ends the list. A headline reads like a
      // sentence but ends without a full stop; [widget-pitch] knows its shape.
      if (b.chars > kMaxListItemChars || b.text.empty() || EndsWithFullStop(b.text) || b.text.ends_with(':') ||
          b.kind == BlockKind::kHeading || IsStory(rules, b, pitch[j]))
        break;
      Drop(&b, explain, [&] { return "item of the link list under \"" + std::string(blocks[k].text.substr(0, 60)) + "\""; });
      ++taken;
    }
  }
}

bool IsRecoverable(const Block& b) { return !b.in_article && b.stage == Stage::kLocate; }

// Recovers prose outside a weak root: every paragraph of prose that was not
// pruned, then the short blocks (subheadings, short paragraphs) that sit
// between recovered or article blocks.
void RecoverProse(const Dom& dom, const std::vector<NodeFeatures>& f, int region,
                  std::vector<Block>* blocks_ptr) {
  std::vector<Block>& blocks = *blocks_ptr;
  const int region_end = dom.node(region).end;
  auto recover = [](Block* b) {
    b->in_article = true;
    b->kept = true;
    b->stage = Stage::kFilter;
    b->reason = "kept (prose outside the located article, which holds too little of the page)";
  };
  // A teaser card (linked headline over an excerpt) reads as prose too; its
  // container gives it away by its links (counted before pruning, which may
  // have taken the card's <header>).
  auto in_teaser = [&](int owner) {
    int a = owner;
    for (int up = 0; up < 2 && a > region; ++up) {
      a = dom.node(a).parent;
      if (f[a].chars > 0 && f[a].link_chars * 4 > f[a].chars) return true;
    }
    return false;
  };
  // A list item is recovered when it is all of its <li>: a card in a list
  // of teasers holds a headline beside the excerpt.
  auto whole_item = [&](const Block& b) {
    if (b.kind != BlockKind::kListItem) return true;
    int a = b.owner;
    for (int up = 0; up < 6 && a > region && dom.node(a).tag != GUMBO_TAG_LI; ++up) a = dom.node(a).parent;
    if (dom.node(a).tag != GUMBO_TAG_LI) return true;
    return f[a].chars * 100 <= b.chars * 115;
  };
  for (Block& b : blocks)
    if (IsRecoverable(b) && IsProse(b) && b.owner > region && b.owner < region_end &&
        !in_teaser(b.owner) && whole_item(b))
      recover(&b);
  // Neighbours, ignoring pruned blocks in between.
  auto kept_neighbour = [&](size_t k, int step) {
    long limit = 40;  // pruned blocks skipped at most
    for (long j = static_cast<long>(k) + step; j >= 0 && j < static_cast<long>(blocks.size()) && limit-- > 0;
         j += step) {
      if (blocks[j].stage == Stage::kPrune) continue;
      return blocks[j].kept;
    }
    return false;
  };
  for (size_t k = 0; k < blocks.size(); ++k) {
    Block& b = blocks[k];
    if (!IsRecoverable(b) || b.link_chars * 10 > b.chars * 3) continue;
    if (b.owner <= region || b.owner >= region_end) continue;
    bool next = kept_neighbour(k, +1);
    if (next && (b.kind == BlockKind::kHeading || kept_neighbour(k, -1))) recover(&b);
  }
}

// The element inside `root` that holds nearly all of its prose (the body
// container), or root itself when the prose is spread out.
int BodyContainer(const Dom& dom, const std::vector<NodeFeatures>& f, int root) {
  const int prose = f[root].prose_chars;
  int b = root;
  while (true) {
    int next = -1;
    for (int c = b + 1; c < dom.node(b).end; c = dom.node(c).end) {
      if (!dom.node(c).is_text && f[c].prose_chars * 10 >= prose * 8) {
        next = c;
        break;
      }
    }
    if (next < 0) return b;
    b = next;
  }
}

}  // namespace

void FilterBlocks(const Dom& dom, const std::vector<NodeFeatures>& page_f,
                  const std::vector<NodeFeatures>& f, const std::vector<int32_t>& removed,
                  bool listing_page, const std::vector<int>& roots, const RuleSet& rules,
                  const std::string& title, bool name_rules, std::vector<Block>* blocks_ptr) {
  std::vector<Block>& blocks = *blocks_ptr;
  const std::string title_lower = AsciiLower(title);
  std::vector<RunRole> role(blocks.size(), RunRole::kNone);

  int root_prose = 0;
  for (int r : roots) root_prose += f[r].prose_chars;
  const int page_prose = f[dom.body()].prose_chars;
  if (page_prose >= 300 && root_prose < kWeakRootShare * page_prose && !roots.empty()) {
    // Fragments of one article sit close together: look no further than a
    // few levels above the located root.
    int region = roots.front();
    for (int up = 0; up < kRecoverLevels && region > dom.body(); ++up) region = dom.node(region).parent;
    RecoverProse(dom, page_f, region, &blocks);
  }

  // The headline zone: what precedes the body container inside the article
  // (headline, standfirst, byline, date line) is not body text.
  for (int r : roots) {
    if (f[r].prose_chars < 200) continue;
    const int body = BodyContainer(dom, f, r);
    if (body == r) continue;
    // Only a small zone is a headline zone: a long run of text before the
    // container is article too (the container may be a comment thread).
    auto lo = std::lower_bound(blocks.begin(), blocks.end(), r + 1,
                               [](const Block& b, int node) { return b.first_node < node; });
    auto hi = std::lower_bound(lo, blocks.end(), body,
                               [](const Block& b, int node) { return b.first_node < node; });
    int zone_chars = 0;
    for (auto it = lo; it != hi; ++it)
      if (it->kept) zone_chars += it->chars;
    if (zone_chars > kMaxHeadlineZoneChars || zone_chars * 5 > f[body].chars) continue;
    for (auto it = lo; it != hi; ++it)
      if (it->kept) Drop(&*it, "before the article body (headline, standfirst, byline)");
  }

  // A listing (an index of links is the page's content: search results, a
  // job board) is link-dense as a whole; there, links do not mark
  // boilerplate.
  int root_chars = 0, root_links = 0;
  for (int r : roots) {
    root_chars += f[r].chars;
    root_links += f[r].link_chars;
  }
  // (Not when the root is the whole page: there links still mark the frame.)
  const bool whole_page = std::find(roots.begin(), roots.end(), dom.body()) != roots.end();
  // Lists and tables of links are kept on any listing; link-heavy
  // paragraphs only where the root is not the whole page.
  const bool listing_groups = listing_page ||
                              (root_chars > 0 && root_links * 100 >= root_chars * kListingLinkPercent &&
                               (!whole_page || f[dom.body()].prose_chars < kListingMaxProse));
  const bool listing = listing_page || (listing_groups && !whole_page);

  // Per-block rules.
  std::vector<bool> look(blocks.size(), false);
  for (size_t k = 0; k < blocks.size(); ++k) {
    Block& b = blocks[k];
    if (!b.kept) continue;
    if (b.kind == BlockKind::kHeading && b.heading_level == 1) {
      Drop(&b, "headline (h1)");
      continue;
    }
    if (!title_lower.empty() && b.chars < 300 && AsciiLower(b.text) == title_lower) {
      Drop(&b, "repeats the page title");
      continue;
    }
    look[k] = true;
  }
  std::vector<int8_t> pitch;
  const std::vector<RuleHit> hits = MatchRules(rules, blocks, look, &pitch);
  for (size_t k = 0; k < blocks.size(); ++k) {
    Block& b = blocks[k];
    if (!look[k]) continue;
    if (hits[k] != RuleHit::kNone) {
      DropByRule(rules, name_rules, hits[k], &b);
      role[k] = RoleOf(hits[k]);
      continue;
    }
    if (b.kind == BlockKind::kParagraph || b.kind == BlockKind::kHeading) {
      double ld = b.chars ? double(b.link_chars) / b.chars : 0;
      if (ld > 0.5 && !listing) {
        Drop(&b, Fmt("link density %.2f > 0.50", ld));
        continue;
      }
    }
  }

  // A one-word label right above a code block ("python", "shell") is the
  // code box's toolbar, not text; "Run:" or a heading stays.
  for (size_t k = 0; k + 1 < blocks.size(); ++k) {
    Block& b = blocks[k];
    if (!b.kept || b.kind != BlockKind::kParagraph || b.chars > 15) continue;
    if (b.text.find(' ') != std::string::npos || b.text.back() == ':' || b.text.back() == '.') continue;
    size_t j = k + 1;
    while (j < blocks.size() && blocks[j].stage == Stage::kPrune) ++j;  // e.g. its "Copy" button
    if (j < blocks.size() && blocks[j].kind == BlockKind::kPre)
      Drop(&b, "label of the code block below it");
  }

  // Lists and tables: link-heavy groups are teasers or tag lists.
  for (size_t k = 0; k < blocks.size();) {
    size_t j = k;
    if (blocks[k].group < 0) { ++k; continue; }
    int chars = 0, links = 0;
    while (j < blocks.size() && blocks[j].group == blocks[k].group) {
      if (blocks[j].kept) { chars += blocks[j].chars; links += blocks[j].link_chars; }
      ++j;
    }
    double ld = chars ? double(links) / chars : 0;
    if (ld > 0.5 && !listing_groups) {
      for (size_t m = k; m < j; ++m)
        if (blocks[m].kept) Drop(&blocks[m], Fmt("link-dense list, density %.2f", ld));
    }
    k = j;
  }

  // Widgets as units. Blocks are in document order, so the blocks inside an
  // element's node range are one contiguous run, found by binary search.
  std::vector<int> starts(blocks.size());
  for (size_t k = 0; k < blocks.size(); ++k) starts[k] = blocks[k].first_node;
  // Prose and all text still kept, as prefix sums over the blocks.
  std::vector<int> prose_prefix(blocks.size() + 1, 0), kept_prefix(blocks.size() + 1, 0);
  for (size_t k = 0; k < blocks.size(); ++k) {
    const int kept = blocks[k].kept ? blocks[k].chars : 0;
    prose_prefix[k + 1] = prose_prefix[k] + (kept && IsProse(blocks[k]) ? kept : 0);
    kept_prefix[k + 1] = kept_prefix[k] + kept;
  }
  auto range_of = [&](int node) {
    auto lo = std::lower_bound(starts.begin(), starts.end(), node) - starts.begin();
    auto hi = std::lower_bound(starts.begin(), starts.end(), dom.node(node).end) - starts.begin();
    return std::pair<size_t, size_t>(lo, hi);
  };
  std::vector<int> sorted_roots(roots);
  std::sort(sorted_roots.begin(), sorted_roots.end());
  auto root_of = [&](int node) {
    // Roots are disjoint subtrees: the last one starting before node.
    auto it = std::lower_bound(sorted_roots.begin(), sorted_roots.end(), node);
    if (it == sorted_roots.begin()) return -1;
    const int r = *--it;
    return node > r && node < dom.node(r).end ? r : -1;
  };
  auto expand = [&](int seed_node, const std::string& why) {
    int root = root_of(seed_node);
    if (root < 0) return;
    auto [root_lo, root_hi] = range_of(root);
    const int root_kept = kept_prefix[root_hi] - kept_prefix[root_lo];
    int widget = -1;
    for (int a = seed_node; a > root; a = dom.node(a).parent) {
      if (f[a].chars > kMaxWidgetChars) break;
      auto [lo, hi] = range_of(a);
      int prose = prose_prefix[hi] - prose_prefix[lo];
      if (prose * 2 > f[a].chars) break;
      // A widget is a box in the article, not most of it: on a short page
      // of lists and one-line paragraphs (no prose to stop the climb), a
      // "click here" line took the whole page with it.
      if ((kept_prefix[hi] - kept_prefix[lo]) * 2 > root_kept) break;
      widget = a;
    }
    if (widget < 0) return;
    auto [lo, hi] = range_of(widget);
    for (size_t m = lo; m < hi; ++m)
      if (blocks[m].kept)
        Drop(&blocks[m], "inside a widget (" + DescribeNode(dom, widget) + ") with " + why);
  };
  for (size_t k = 0; k < blocks.size(); ++k)
    if (role[k] == RunRole::kCallToAction && blocks[k].in_article) expand(blocks[k].owner, "a call-to-action");
  // Not from a form inside a container pruned as a whole (a footer's
  // contact form): that container was the widget, and a climb from inside
  // it would take the content around it along. (A control or a <form>
  // pruned by itself still marks its surroundings: the newsletter box
  // around it.)
  for (int r : roots)
    for (int i = r; i < dom.node(r).end; ++i) {
      if (!removed.empty() && removed[i] >= 0 && removed[i] != i &&
          dom.node(removed[i]).tag != GUMBO_TAG_FORM) {
        i = dom.node(removed[i]).end - 1;
        continue;
      }
      if (dom.node(i).flags & kFormControl) expand(i, "form controls");
    }

  DropLinkLists(rules, name_rules, &blocks, pitch);
  DropWidgetRuns(rules, name_rules, &blocks, role, pitch);

  // Headings with no kept text under them before the next kept heading of
  // the same or a higher level. One backward pass: pending[L] says whether
  // kept text follows before such a heading.
  bool pending[7] = {false, false, false, false, false, false, false};
  for (size_t k = blocks.size(); k-- > 0;) {
    Block& b = blocks[k];
    if (!b.in_article) {
      std::fill(std::begin(pending), std::end(pending), false);
      continue;
    }
    if (!b.kept) continue;
    if (b.kind != BlockKind::kHeading) {
      std::fill(std::begin(pending), std::end(pending), true);
      continue;
    }
    const int level = std::clamp(int(b.heading_level), 1, 6);
    if (!pending[level]) {
      Drop(&b, "heading with no kept text under it");
      continue;
    }
    for (int l = level; l <= 6; ++l) pending[l] = false;
  }
}


bool ReadsAsStory(std::string_view text, int chars) {
  // Twenty characters of Chinese or Japanese say about what forty of a
  // language with spaces do; the word counts below decide the rest.
  if (chars < 20) return false;
  // Space-delimited scripts: words are runs between spaces and sentences
  // end at . ! ? followed by a space or the end; ICU's breaks give the
  // same counts there at a tenth of the cost. Scripts written without
  // spaces (CJK) need ICU's dictionary word breaks.
  const SpacedCounts counts = CountSpaced(text);
  int words = counts.words, sentences = counts.sentences;
  const int spaces = counts.spaces;
  if (spaces * 12 < chars) {
    // Chinese and Japanese: a sentence ends at 。！？ (or . ! ?), and its
    // words are short, so the length per sentence decides. Counting the
    // marks gives ICU's sentence count without its dictionary word breaks,
    // which cost as much as the rest of text mode together.
    int han_kana = 0, ends = 0;
    bool open = false;  // a letter since the last sentence end
    for (size_t i = 0; i < text.size();) {
      const uint8_t c = uint8_t(text[i]);
      size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (i + len > text.size()) len = text.size() - i;
      bool end = false, letter = len != 3;
      if (len == 3) {
        const uint32_t cp = (c & 0x0F) << 12 | (uint8_t(text[i + 1]) & 0x3F) << 6 | (uint8_t(text[i + 2]) & 0x3F);
        han_kana += (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF);
        end = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;  // 。！？
        // Punctuation (closing quotes 」, brackets) does not open a sentence.
        letter = !((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                   (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20));
      } else if (len == 1) {
        end = c == '.' || c == '!' || c == '?';
        letter = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
      }
      if (end) {
        if (open) ++ends;
        open = false;
      } else if (letter) {
        open = true;
      }
      i += len;
    }
    // Sixteen characters a sentence: a news paragraph of one long and one
    // short sentence ("新規国債の発行額は３５兆円に上る。") averages under
    // twenty; form and pitch lines are shorter, or match a pitch rule.
    if (han_kana * 2 >= chars) return chars / std::max(1, ends + (open ? 1 : 0)) >= 16;
    if (chars < 40) return false;
    TextShape shape = MeasureText(text);
    const int n = std::max(1, shape.sentences);
    if (shape.words * 3 > chars) return chars / n >= 20;
    words = shape.words;
    sentences = n;
  }
  sentences = std::max(1, sentences);
  // Eight words a sentence, not ten: a news paragraph of one long and one
  // short sentence ("Tickets sind ab sofort buchbar.") averages under ten,
  // while widget copy ("Save hours of research. Gain an edge.") runs at
  // three to six.
  return chars >= 40 && words >= 10 && words >= 8 * sentences;
}

// Marks of page furniture above a story: a line cut into short parts by
// " | ", " · " or " • " ("Mining Desk | 6 min read", "Redacción ·
// 19/09/2024"), or a short one with a date or a clock time ("Madrid, 8 de
// octubre de 2024 - 10:35 h"). Such a line is never the headline.
bool FurnitureMarked(const Block& b) {
  if (b.chars > kMaxTitleChars) return false;
  const std::string_view t = b.text;
  int parts = 1, words = 1, longest = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] != ' ') continue;
    const std::string_view next = t.substr(i + 1);
    if (next.starts_with("| ") || next.starts_with("\xC2\xB7 ") || next.starts_with("\xE2\x80\xA2 ")) {
      ++parts;
      longest = std::max(longest, words);
      words = 0;
      i += next.find(' ');
    } else {
      ++words;
    }
  }
  longest = std::max(longest, words);
  if (parts >= 2 && longest <= 5) return true;
  // A date (12.11.2024, 19/09/2024, 2024-11-12) or a clock time (10:35, 10h35).
  static const RE2 kDate("\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}|\\d{4}-\\d\\d-\\d\\d|(^|\\D)\\d{1,2}[:h]\\d\\d(\\D|$)");
  return CountSpaced(t).words <= 14 && RE2::PartialMatch(t, kDate);
}

// A title: short, and not ending like a sentence (closing quotation marks
// aside: a quoted sentence "... he said.”" ends like one).
bool TitleShaped(const Block& b) {
  if (b.chars > kMaxTitleChars) return false;
  static constexpr std::string_view kClosers[] = {"\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", "\xC2\xAB", "\"",
                                                 "'",            "\xE3\x80\x8D", "\xE2\x80\x9C", ")"};
  const std::string_view t = TrimMarks(b.text, kClosers, /*front=*/false);
  return !t.empty() && !EndsLikeSentence(t);
}

// A label above a story: three words at most ("ENERGÍA", "Telecoms
// Review", "Defence correspondent", a bare byline "Daniel Reyes"), or twelve
// characters in a script written without spaces ("医療・ヘルスケア").
bool ShortLabel(const Block& b) {
  const SpacedCounts c = CountSpaced(b.text);
  return c.spaces == 0 ? b.chars <= 12 : c.words <= 3;
}

// Above the story, around the headline: what no rule knew but reads as
// page furniture by its shape goes (a section label, a site name, a bare
// byline, a date line). A longer line there (a standfirst) stays, and so do
// the lines of a list (three lines or more of one paragraph that no rule
// dropped: a recipe's ingredients). A paragraph of such lines that a rule
// or a mark shows to be furniture goes whole ("Text: Jonas Ebeling, Fotos:
// ..." beside "22. März 2025"), also right under a standfirst, where
// magazines print the byline block. Only where a story follows a headline
// closely: a text of short lines alone is no page top.
void DropHeaderFurniture(const RuleSet& rules, size_t headline, size_t story, const std::vector<int8_t>& pitch,
                         std::vector<Block>* blocks_ptr) {
  std::vector<Block>& blocks = *blocks_ptr;
  if (headline == size_t(-1) || story >= blocks.size() || story > kMaxHeaderBlocks) return;
  auto drop = [](Block* b) { Drop(b, "page furniture above the story (a short label, a byline or a date line)"); };
  // A paragraph of at least two lines, one of them dropped by a rule or
  // marked as furniture, the others short: a byline block.
  auto furniture_paragraph = [&](size_t from, size_t to) {  // its lines: [from, to)
    if (to - from < 2) return false;
    int marked = 0;
    for (size_t j = from; j < to; ++j) {
      const Block& b = blocks[j];
      if (!b.kept) {
        marked += b.stage == Stage::kFilter;
        continue;
      }
      if (FurnitureMarked(b)) {
        ++marked;
        continue;
      }
      if (!ShortLabel(b) && (CountSpaced(b.text).words > 8 || EndsLikeSentence(b.text))) return false;
    }
    return marked >= 1;
  };
  auto paragraph_end = [&](size_t j) {
    size_t e = j + 1;
    while (e < blocks.size() && blocks[e].group == blocks[j].group) ++e;
    return e;
  };
  std::vector<int> listed(story, 0);  // kept lines of each block's paragraph
  for (size_t j = 0; j < story; ++j) {
    if (!blocks[j].kept || FurnitureMarked(blocks[j])) continue;
    for (size_t i = 0; i < story; ++i) listed[i] += blocks[i].group == blocks[j].group;
  }
  for (size_t j = 0; j < story;) {
    const size_t end = std::min(paragraph_end(j), story);
    const bool whole = blocks[headline].group != blocks[j].group && furniture_paragraph(j, end);
    for (size_t k = j; k < end; ++k) {
      Block& b = blocks[k];
      if (b.kept && k != headline && (whole || FurnitureMarked(b) || (ShortLabel(b) && listed[k] < 3))) drop(&b);
    }
    j = end;
  }
  // Under a standfirst: the paragraph between it and the story's next one.
  const size_t next = story + 1;
  if (blocks[story].chars > kMaxPitchChars + 100 || next >= blocks.size() || blocks[next].group == blocks[story].group)
    return;
  const size_t end = paragraph_end(next);
  // (The story may go on after a line of its own paragraph: a live page's
  // "18:05" above its first update.)
  const bool story_follows = (end < blocks.size() && IsStory(rules, blocks[end], pitch[end])) ||
                             (end + 1 < blocks.size() && blocks[end + 1].group == blocks[end].group &&
                              IsStory(rules, blocks[end + 1], pitch[end + 1]));
  if (story_follows && furniture_paragraph(next, end))
    for (size_t k = next; k < end; ++k)
      if (blocks[k].kept) drop(&blocks[k]);
}

void FilterTextBlocks(const RuleSet& rules, bool name_rules, std::vector<Block>* blocks_ptr) {
  std::vector<Block>& blocks = *blocks_ptr;
  std::vector<RunRole> role(blocks.size(), RunRole::kNone);
  std::vector<int8_t> pitch;
  const std::vector<RuleHit> hits = MatchRules(rules, blocks, std::vector<bool>(blocks.size(), true), &pitch);
  for (size_t k = 0; k < blocks.size(); ++k) {
    if (hits[k] == RuleHit::kNone) continue;
    DropByRule(rules, name_rules, hits[k], &blocks[k]);
    role[k] = RoleOf(hits[k]);
  }
  // Scraped text starts with the title line, and share buttons, a byline or
  // a cookie banner often sit around it: a run of them took the title as
  // its headline or tail. Of the blocks no rule dropped before the story
  // starts, the longest that reads as a title (short, not ending like a
  // sentence) is the headline and no part of a widget: the others there
  // are a byline ("Door Sanne de Wolff"), a date line, or a widget's own
  // title ("The Morning Briefing", above the real one), all shorter.
  // A title that ends with a full stop ("Larkspur 12 blocks cookies. Here's
  // what breaks.") is taken only when no line reads as a title otherwise.
  auto title_score = [](const Block& b) {
    if (b.chars > kMaxTitleChars || b.text.ends_with(':')) return 0;
    return EndsWithFullStop(b.text) ? b.chars : b.chars + kMaxTitleChars;
  };
  size_t headline = size_t(-1);
  size_t story = blocks.size();
  for (size_t j = 0, best = 0; j < blocks.size(); ++j) {
    if (!blocks[j].kept) continue;
    // A long title with a number in it ("... 2.3 million subscribers ...")
    // reads as a sentence; a story's paragraph ends like one.
    if (IsStory(rules, blocks[j], pitch[j]) && !TitleShaped(blocks[j])) {
      story = j;
      break;
    }
    if (FurnitureMarked(blocks[j])) continue;
    if (const size_t score = size_t(title_score(blocks[j])); score > best) {
      best = score;
      headline = j;
    }
  }
  DropHeaderFurniture(rules, headline, story, pitch, &blocks);
  DropLinkLists(rules, name_rules, &blocks, pitch);
  DropWidgetRuns(rules, name_rules, &blocks, role, pitch, headline);
}

}  // namespace winnow
