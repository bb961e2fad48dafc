// libFuzzer target: the literal screen must never turn away a text that a
// screened rule group matches. Each input (made valid UTF-8, as every
// block is by then) is matched by the screened groups and by plain RE2
// sets of the same patterns; any difference aborts.
#include <re2/set.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "rules.h"
#include "text_util.h"

namespace {

struct Reference {
  explicit Reference(const winnow::PatternSet& group) {
    RE2::Options opts;
    opts.set_case_sensitive(false);
    opts.set_log_errors(false);
    set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
    for (size_t i = 0; i < group.size(); ++i) set->Add(group.pattern(int(i)), nullptr);
    if (!set->Compile()) abort();
  }
  std::unique_ptr<RE2::Set> set;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<winnow::Rules> rules = [] {
    std::string err;
    return winnow::LoadRules(true, {}, &err);
  }();
  static const Reference phrase(rules->global().boilerplate_phrase);
  static const Reference open(rules->global().open_lines);
  static const Reference pitch(rules->global().widget_pitch);
  const std::string text = winnow::SanitizeUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  const winnow::RuleSet& r = rules->global();
  if (r.PhraseMatches(text) != phrase.set->Match(text, nullptr)) abort();
  if (r.open_lines.Matches(text) != open.set->Match(text, nullptr)) abort();
  if (r.widget_pitch.Matches(text) != pitch.set->Match(text, nullptr)) abort();
  return 0;
}
