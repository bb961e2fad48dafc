#include "decode.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

namespace winnow {
namespace {

// Encodes UTF-8 text into `charset` with ICU, for building test pages.
std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(n);
  return out;
}

TEST(Decode, Utf8PassesThrough) {
  Decoded d = DecodeToUtf8("<p>caf\xC3\xA9</p>", "");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8(), "<p>caf\xC3\xA9</p>");
}

TEST(Decode, InvalidBytesBecomeReplacementCharacter) {
  Decoded d = DecodeToUtf8("<meta charset=utf-8><p>a\xFF\xFE" "b</p>", "");
  EXPECT_NE(d.utf8().find("a\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(d.utf8().find("b</p>"), std::string::npos);
}

TEST(Decode, Windows1252Declared) {
  std::string page = "<meta charset=\"windows-1252\"><p>" + Encode("Café “quoted” – déjà", "windows-1252") + "</p>";
  Decoded d = DecodeToUtf8(page, "");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, "meta");
  EXPECT_NE(d.utf8().find("Café “quoted” – déjà"), std::string::npos);
}

TEST(Decode, Latin1UndeclaredIsDetected) {
  std::string text =
      "Le gouvernement français a annoncé une réforme des retraites très contestée. "
      "Les syndicats ont prévu une grève générale et des manifestations dans toutes les "
      "régions du pays, où l'opposition à la réforme est forte. Le ministre a déclaré "
      "qu'il était prêt à négocier avec les représentants des salariés.";
  std::string page = "<html><body><p>" + Encode(text, "ISO-8859-1") + "</p></body></html>";
  Decoded d = DecodeToUtf8(page, "");
  EXPECT_EQ(d.source, "detected");
  EXPECT_NE(d.utf8().find("réforme des retraites très contestée"), std::string::npos) << d.encoding;
}

TEST(Decode, ShiftJisDeclared) {
  std::string page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>" +
                     Encode("日本語のテキストです。", "Shift_JIS") + "</p>";
  Decoded d = DecodeToUtf8(page, "");
  EXPECT_NE(d.utf8().find("日本語のテキストです。"), std::string::npos);
}

TEST(Decode, EucKrDeclared) {
  std::string page = "<meta charset=euc-kr><p>" + Encode("한국어 텍스트입니다.", "EUC-KR") + "</p>";
  Decoded d = DecodeToUtf8(page, "");
  EXPECT_NE(d.utf8().find("한국어 텍스트입니다."), std::string::npos);
}

TEST(Decode, Windows1251HttpEquiv) {
  std::string page =
      "<meta http-equiv=Content-Type content='text/html; charset=windows-1251'><p>" +
      Encode("Русский текст на странице.", "windows-1251") + "</p>";
  Decoded d = DecodeToUtf8(page, "");
  EXPECT_NE(d.utf8().find("Русский текст на странице."), std::string::npos);
}

TEST(Decode, Gb18030Declared) {
  std::string page = "<meta charset=gb2312><p>" + Encode("中文文本内容。", "GB18030") + "</p>";
  Decoded d = DecodeToUtf8(page, "");
  EXPECT_EQ(d.encoding, "GB18030");
  EXPECT_NE(d.utf8().find("中文文本内容。"), std::string::npos);
}

TEST(Decode, Utf16WithBom) {
  std::string page = "\xFF\xFE" + Encode("<p>Grüße aus Köln</p>", "UTF-16LE");
  Decoded d = DecodeToUtf8(page, "");
  EXPECT_EQ(d.source, "bom");
  EXPECT_EQ(d.utf8(), "<p>Grüße aus Köln</p>");
}

TEST(Decode, BomWinsOverMeta) {
  std::string page = "\xEF\xBB\xBF<meta charset=windows-1251><p>caf\xC3\xA9</p>";
  Decoded d = DecodeToUtf8(page, "");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_NE(d.utf8().find("café"), std::string::npos);
}

TEST(Decode, TransportCharsetBeforeMeta) {
  std::string page = "<meta charset=utf-8><p>" + Encode("Привет", "KOI8-R") + "</p>";
  Decoded d = DecodeToUtf8(page, "koi8-r");
  EXPECT_EQ(d.source, "transport");
  EXPECT_NE(d.utf8().find("Привет"), std::string::npos);
}

TEST(Decode, UnknownCharsetFallsBack) {
  Decoded d = DecodeToUtf8("<meta charset=x-no-such-charset><p>plain</p>", "");
  EXPECT_NE(d.utf8().find("plain"), std::string::npos);
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(Decode, MislabelledLatin1ThatIsUtf8) {
  Decoded d = DecodeToUtf8("<meta charset=iso-8859-1><p>caf\xC3\xA9</p>", "");
  EXPECT_NE(d.utf8().find("café"), std::string::npos);
}

TEST(Decode, SniffMetaCharset) {
  EXPECT_EQ(SniffMetaCharset("<META CHARSET='UTF-8'>"), "utf-8");
  EXPECT_EQ(SniffMetaCharset("<meta http-equiv=\"content-type\" content=\"text/html;charset=big5\">"), "big5");
  EXPECT_EQ(SniffMetaCharset("<meta name=x content=y>"), "");
}

}  // namespace
}  // namespace winnow
