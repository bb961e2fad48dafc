#include "text_util.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

namespace winnow {

int CountChars(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  unsigned char c = s[i];
  if (c < 0x80) {
    *len = 1;
    return c <= 0x20 || c == 0x7F;
  }
  if (c == 0xC2 && i + 1 < s.size() && (unsigned char)s[i + 1] == 0xA0) {
    *len = 2;  // NBSP
    return true;
  }
  if (c == 0xE2 && i + 2 < s.size()) {
    unsigned char c1 = s[i + 1], c2 = s[i + 2];
    // U+2000..U+200B, U+2028, U+2029, U+202F, U+205F
    if ((c1 == 0x80 && (c2 <= 0x8B || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) ||
        (c1 == 0x81 && c2 == 0x9F)) {
      *len = 3;
      return true;
    }
  }
  if (c == 0xE3 && i + 2 < s.size() && (unsigned char)s[i + 1] == 0x80 &&
      (unsigned char)s[i + 2] == 0x80) {
    *len = 3;  // ideographic space
    return true;
  }
  if (c == 0xEF && i + 2 < s.size() && (unsigned char)s[i + 1] == 0xBB &&
      (unsigned char)s[i + 2] == 0xBF) {
    *len = 3;  // BOM / zero-width no-break space
    return true;
  }
  *len = 1;
  return false;
}

namespace {

struct QuotePair {
  std::string_view open, close, close2;  // close2: a second closing mark, or empty
};
// „ closes with “ in German and with ” in Polish and Romanian; » opens a
// quotation in German and Danish, « in French.
constexpr QuotePair kQuotePairs[] = {
    {"\xE2\x80\x9C", "\xE2\x80\x9D", ""},               // “ ”
    {"\xE2\x80\x9E", "\xE2\x80\x9C", "\xE2\x80\x9D"},  // „ “ or ”
    {"\xC2\xAB", "\xC2\xBB", ""},                       // « »
    {"\xC2\xBB", "\xC2\xAB", ""},                       // » «
    {"\xE3\x80\x8C", "\xE3\x80\x8D", ""},               // 「 」
    {"\xE3\x80\x8E", "\xE3\x80\x8F", ""},               // 『 』
    {"\"", "\"", ""},
};

// The bytes a quotation mark starts with.
const ByteSet& QuoteLeads() {
  static const ByteSet kLeads("\"\xE2\xC2\xE3");
  return kLeads;
}

// The quotation mark pair that opens at text[i], if any. Asked where
// text[i] is one of QuoteLeads(): the next bytes decide first (0xE2 also
// starts the curly apostrophe, in most lines).
const QuotePair* OpensAt(std::string_view text, size_t i) {
  const uint8_t c = uint8_t(text[i]);
  if (c != '"') {
    if (i + 1 >= text.size()) return nullptr;
    const uint8_t d = uint8_t(text[i + 1]);
    if (c == 0xC2) {
      if (d != 0xAB && d != 0xBB) return nullptr;
    } else {
      if (d != 0x80 || i + 2 >= text.size()) return nullptr;
      const uint8_t e = uint8_t(text[i + 2]);
      if (c == 0xE2 ? (e != 0x9C && e != 0x9E) : (e != 0x8C && e != 0x8E)) return nullptr;
    }
  }
  for (const QuotePair& q : kQuotePairs)
    if (text.compare(i, q.open.size(), q.open) == 0) return &q;
  return nullptr;
}

}  // namespace

// Asked of every block a phrase rule matched.
bool HasQuotationMark(std::string_view text) {
  return QuoteLeads().AnyAt(text, [&](size_t i) { return OpensAt(text, i) != nullptr; });
}

std::string WithoutQuotations(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const QuotePair* q = QuoteLeads().Has(uint8_t(text[i])) ? OpensAt(text, i) : nullptr;
    if (q) {
      const size_t from = i + q->open.size();
      size_t end = text.find(q->close, from);
      size_t end_len = q->close.size();
      if (!q->close2.empty()) {
        const size_t end2 = text.find(q->close2, from);
        if (end2 < end) {
          end = end2;
          end_len = q->close2.size();
        }
      }
      if (end != std::string_view::npos) {
        out += ' ';
        i = end + end_len;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string CollapseSpace(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool pending = false;
  AppendCollapsed(in, &out, &pending);
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

int CountCommas(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == ',') {
      ++n;
    } else if (c == 0xEF && i + 2 < s.size() && (unsigned char)s[i + 1] == 0xBC &&
               (unsigned char)s[i + 2] == 0x8C) {
      ++n;  // U+FF0C fullwidth comma
    } else if (c == 0xE3 && i + 2 < s.size() && (unsigned char)s[i + 1] == 0x80 &&
               (unsigned char)s[i + 2] == 0x81) {
      ++n;  // U+3001 ideographic comma
    }
  }
  return n;
}

namespace {

// Break iterators are costly to build: one per thread, cloned from a
// prototype made once.
icu::BreakIterator* ThreadIterator(bool sentences) {
  thread_local std::unique_ptr<icu::BreakIterator> word, sentence;
  std::unique_ptr<icu::BreakIterator>& it = sentences ? sentence : word;
  if (!it) {
    UErrorCode err = U_ZERO_ERROR;
    it.reset(sentences ? icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), err)
                       : icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), err));
    if (U_FAILURE(err)) it.reset();
  }
  return it.get();
}

}  // namespace

TextShape MeasureText(std::string_view utf8) {
  TextShape shape;
  UErrorCode err = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &err);
  if (U_FAILURE(err)) return shape;
  if (icu::BreakIterator* w = ThreadIterator(false)) {
    w->setText(ut, err);
    for (int32_t p = w->first(); (p = w->next()) != icu::BreakIterator::DONE;)
      if (w->getRuleStatus() != UBRK_WORD_NONE) ++shape.words;
  }
  err = U_ZERO_ERROR;
  if (icu::BreakIterator* s = ThreadIterator(true)) {
    s->setText(ut, err);
    for (int32_t p = s->first(); (p = s->next()) != icu::BreakIterator::DONE;) ++shape.sentences;
  }
  utext_close(ut);
  return shape;
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      out.push_back(char(p[i++]));
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0)
      out.append("\xEF\xBF\xBD");
    else
      out.append(s.data() + start, i - start);
  }
  return out;
}

SpacedCounts CountSpaced(std::string_view text) {
  SpacedCounts c;
  const char* p = text.data();
  const size_t n = text.size();
  size_t i = 0;
  bool prev_space = true;  // the start opens a word
#ifdef __SSE2__
  // Sixteen bytes at a time; the load at i + 1 sees each byte's successor,
  // so a chunk needs 17 bytes.
  const __m128i space = _mm_set1_epi8(' ');
  for (; i + 17 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    const unsigned sp = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)));
    const unsigned next_sp = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(next, space)));
    const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
                                                   _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('?')));
    const unsigned ends = unsigned(_mm_movemask_epi8(stop)) & next_sp;
    const unsigned before_space = ((sp << 1) | (prev_space ? 1u : 0u)) & 0xFFFFu;
    const unsigned starts = ~sp & before_space & 0xFFFFu;
    c.spaces += Popcount16(sp);
    c.words += Popcount16(starts);
    c.sentences += Popcount16(ends);
    prev_space = sp >> 15;
  }
#endif
  for (; i < n; ++i) {
    const char ch = p[i];
    if (ch == ' ') {
      ++c.spaces;
      prev_space = true;
      continue;
    }
    if (prev_space) ++c.words;
    prev_space = false;
    if ((ch == '.' || ch == '!' || ch == '?') && (i + 1 == n || p[i + 1] == ' ')) ++c.sentences;
  }
  return c;
}

}  // namespace winnow
