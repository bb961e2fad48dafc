#include "decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <cstring>
#include <memory>

#include "text_util.h"

namespace winnow {
namespace {

// WHATWG-style label mapping for the labels that matter in practice; other
// labels are handed to ICU as they are.
std::string CanonicalCharset(std::string_view label) {
  std::string l = AsciiLower(CollapseSpace(label));
  while (!l.empty() && (l.back() == '"' || l.back() == '\'' || l.back() == ';')) l.pop_back();
  while (!l.empty() && (l.front() == '"' || l.front() == '\'')) l.erase(0, 1);
  if (l.empty()) return "";
  if (l == "utf8" || l == "utf-8" || l == "unicode-1-1-utf-8" || l == "x-unicode20utf8")
    return "UTF-8";
  if (l == "iso-8859-1" || l == "latin1" || l == "latin-1" || l == "us-ascii" ||
      l == "ascii" || l == "iso8859-1" || l == "l1" || l == "cp1252" || l == "windows-1252" ||
      l == "x-cp1252" || l == "iso_8859-1")
    return "windows-1252";
  if (l == "gb2312" || l == "gbk" || l == "x-gbk" || l == "gb_2312-80" || l == "chinese" ||
      l == "csgb2312" || l == "gb18030" || l == "euc-cn")
    return "GB18030";
  if (l == "euc-kr" || l == "ks_c_5601-1987" || l == "korean" || l == "windows-949" ||
      l == "cp949")
    return "windows-949";
  if (l == "shift_jis" || l == "shift-jis" || l == "sjis" || l == "x-sjis" ||
      l == "ms_kanji" || l == "windows-31j" || l == "csshiftjis")
    return "Shift_JIS";
  if (l == "iso-8859-9" || l == "latin5") return "windows-1254";
  if (l == "tis-620" || l == "iso-8859-11") return "windows-874";
  if (l == "utf-16" || l == "utf-16le") return "UTF-16LE";
  if (l == "utf-16be") return "UTF-16BE";
  return std::string(label.substr(0, 64));
}

bool IsKnownCharset(const std::string& name) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* c = ucnv_open(name.c_str(), &err);
  if (c) ucnv_close(c);
  return U_SUCCESS(err) && c != nullptr;
}

std::string Convert(std::string_view bytes, const std::string& charset) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset.c_str(), &err);
  if (U_FAILURE(err) || !conv) return SanitizeUtf8(bytes);
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv, err);
  ucnv_close(conv);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Detect(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&err);
  if (U_FAILURE(err)) return "";
  // The detector looks at a sample: the first 64 KB are enough and keep it
  // cheap on large pages.
  int32_t n = static_cast<int32_t>(bytes.size() < 65536 ? bytes.size() : 65536);
  ucsdet_setText(det, bytes.data(), n, &err);
  ucsdet_enableInputFilter(det, true);  // ignore markup when detecting
  const UCharsetMatch* m = ucsdet_detect(det, &err);
  std::string name;
  if (U_SUCCESS(err) && m) {
    const char* nm = ucsdet_getName(m, &err);
    if (U_SUCCESS(err) && nm) name = nm;
  }
  ucsdet_close(det);
  return name;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time where possible.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    uint8_t c = p[i];
    if (c < 0x80) { ++i; continue; }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += len;
  }
  return true;
}

std::string SniffMetaCharset(std::string_view bytes, size_t limit) {
  std::string head = AsciiLower(bytes.substr(0, limit));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string::npos) end = head.size();
    std::string_view tag(head.data() + pos, end - pos);
    pos = end;
    size_t cs = tag.find("charset");
    if (cs == std::string::npos) continue;
    size_t i = cs + 7;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r')) ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '"' || tag[i] == '\'')) ++i;
    size_t j = i;
    while (j < tag.size() && tag[j] != '"' && tag[j] != '\'' && tag[j] != ';' && tag[j] != ' ' &&
           tag[j] != '/' && tag[j] != '>' && tag[j] != '\t' && tag[j] != '\n' && tag[j] != '\r')
      ++j;
    if (j > i) return std::string(tag.substr(i, j - i));
  }
  return "";
}

Decoded DecodeToUtf8(std::string_view bytes, std::string_view transport_charset) {
  Decoded d;
  // valid: whether body is valid UTF-8, when the caller already knows (-1:
  // not known yet).
  auto finish = [&](std::string charset, std::string source, std::string_view body, int valid = -1) {
    d.source = std::move(source);
    if (charset == "UTF-8") {
      d.encoding = "UTF-8";
      if (valid < 0) valid = IsValidUtf8(body);
      if (valid) {
        d.borrowed = true;
        d.input = body;
      } else {
        d.owned = SanitizeUtf8(body);
      }
    } else {
      d.encoding = charset;
      d.owned = Convert(body, charset);
    }
  };

  if (bytes.size() >= 3 && (unsigned char)bytes[0] == 0xEF && (unsigned char)bytes[1] == 0xBB &&
      (unsigned char)bytes[2] == 0xBF) {
    finish("UTF-8", "bom", bytes.substr(3));
    return d;
  }
  if (bytes.size() >= 2 && (unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE) {
    finish("UTF-16LE", "bom", bytes.substr(2));
    return d;
  }
  if (bytes.size() >= 2 && (unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF) {
    finish("UTF-16BE", "bom", bytes.substr(2));
    return d;
  }

  // A declared single-byte Latin charset on bytes that are valid UTF-8 with
  // non-ASCII in them is nearly always a mislabelled UTF-8 page: trust the
  // bytes.
  const bool valid_utf8 = IsValidUtf8(bytes);
  // A declaration read from ASCII-compatible bytes cannot mean UTF-16 (the
  // Encoding standard treats it as UTF-8); only the detector may say UTF-16.
  auto accept = [&](const std::string& cs, bool allow_utf16 = false) {
    if (cs.empty() || !IsKnownCharset(cs)) return false;
    return allow_utf16 || (cs != "UTF-16LE" && cs != "UTF-16BE");
  };

  std::string transport = CanonicalCharset(transport_charset);
  if (accept(transport)) {
    if (transport == "windows-1252" && valid_utf8) transport = "UTF-8";
    finish(transport, "transport", bytes, valid_utf8);
    return d;
  }
  std::string meta = CanonicalCharset(SniffMetaCharset(bytes));
  if (accept(meta)) {
    if (meta == "windows-1252" && valid_utf8) meta = "UTF-8";
    finish(meta, "meta", bytes, valid_utf8);
    return d;
  }
  if (valid_utf8) {
    finish("UTF-8", "default", bytes, valid_utf8);
    return d;
  }
  std::string detected = CanonicalCharset(Detect(bytes));
  if (accept(detected, /*allow_utf16=*/true)) {
    finish(detected, "detected", bytes, valid_utf8);
    return d;
  }
  finish("UTF-8", "default", bytes, valid_utf8);
  return d;
}

}  // namespace winnow
