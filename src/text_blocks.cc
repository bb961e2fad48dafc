#include "text_blocks.h"

#include "text_util.h"

namespace winnow {
namespace {

// A line shorter than this ends where a line of wrapped prose would not.
constexpr int kShortLineChars = 40;

bool IsBlankLine(std::string_view line) {
  for (size_t i = 0; i < line.size();) {
    size_t len;
    if (!IsSpaceAt(line, i, &len)) return false;
    i += len;
  }
  return true;
}

Block MakeBlock(std::string_view raw, int group, int first_node) {
  Block b;
  b.kind = BlockKind::kParagraph;
  b.raw = std::string(raw);
  while (!b.raw.empty() && (b.raw.back() == '\r' || b.raw.back() == ' ' || b.raw.back() == '\t'))
    b.raw.pop_back();
  b.text = CollapseSpace(raw);
  b.chars = 0;
  for (size_t i = 0; i < b.text.size(); ++i) {
    unsigned char c = b.text[i];
    if ((c & 0xC0) != 0x80 && c != ' ') ++b.chars;
  }
  b.group = group;
  b.owner = b.first_node = first_node;
  b.in_article = true;
  b.kept = true;
  return b;
}

}  // namespace

bool LooksLikeHtml(std::string_view bytes) {
  std::string head = AsciiLower(bytes.substr(0, 4096));
  size_t i = 0;
  while (i < head.size()) {
    size_t len;
    if (!IsSpaceAt(head, i, &len)) break;
    i += len;
  }
  if (head.compare(i, 9, "<!doctype") == 0 || head.compare(i, 5, "<html") == 0 ||
      head.compare(i, 4, "<?xm") == 0 || head.compare(i, 4, "<!--") == 0)
    return true;
  // Starting with a tag (<div ...>, <p>) is markup too.
  if (i + 1 < head.size() && head[i] == '<' && head[i + 1] >= 'a' && head[i + 1] <= 'z') {
    size_t j = i + 1;
    while (j < head.size() && ((head[j] >= 'a' && head[j] <= 'z') || (head[j] >= '0' && head[j] <= '9'))) ++j;
    if (j < head.size() && (head[j] == '>' || head[j] == ' ' || head[j] == '/' || head[j] == '\n')) return true;
  }
  for (const char* t : {"<html", "<head", "<body", "<meta "})
    if (head.find(t) != std::string::npos) return true;
  int tags = 0;
  for (const char* t : {"<p>", "<p ", "<div", "<br", "<span", "<a href", "<table", "<li>", "<h1", "<h2"}) {
    for (size_t p = head.find(t); p != std::string::npos; p = head.find(t, p + 1)) ++tags;
  }
  return tags >= 3;
}

std::vector<Block> SplitTextBlocks(std::string_view text, const RuleSet& rules) {
  std::vector<Block> out;
  std::vector<std::string_view> lines;
  int group = 0;
  int line_no = 0;
  int para_first_line = 0;
  auto flush = [&]() {
    if (lines.empty()) return;
    // Split into lines when the paragraph reads as a list of units: a line
    // before the last is short, or a line is a boilerplate line by itself.
    bool split = false;
    for (size_t k = 0; k < lines.size() && !split && lines.size() > 1; ++k) {
      const int chars = CountChars(lines[k]);
      if (k + 1 < lines.size() && chars < kShortLineChars) split = true;
      else if (chars <= 200 && rules.boilerplate_line.Match(CollapseSpace(lines[k])) >= 0) split = true;
    }
    if (split) {
      for (size_t k = 0; k < lines.size(); ++k) {
        if (!IsBlankLine(lines[k])) out.push_back(MakeBlock(lines[k], group, para_first_line + int(k)));
      }
    } else {
      const char* begin = lines.front().data();
      const char* end = lines.back().data() + lines.back().size();
      out.push_back(MakeBlock(std::string_view(begin, end - begin), group, para_first_line));
    }
    ++group;
    lines.clear();
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlankLine(line)) {
      flush();
    } else {
      if (lines.empty()) para_first_line = line_no;
      lines.push_back(line);
    }
    ++line_no;
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  flush();
  return out;
}

}  // namespace winnow
