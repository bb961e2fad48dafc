# Writes a C++ source holding every rules/*.rules file as a string literal,
# keyed by its path relative to rules/. Run by the build, not by hand.
set(body "// Generated from rules/ by cmake/embed_rules.cmake. Do not edit.\n#include \"rules.h\"\nnamespace winnow {\nconst EmbeddedRuleFile kEmbeddedRuleFiles[] = {\n")
string(REPLACE "|" ";" FILES "${FILES}")
set(count 0)
foreach(f ${FILES})
  file(READ ${f} content)
  file(RELATIVE_PATH rel ${ROOT} ${f})
  string(APPEND body "  {\"${rel}\", R\"winnow_rules(${content})winnow_rules\"},\n")
  math(EXPR count "${count}+1")
endforeach()
string(APPEND body "};\nconst int kEmbeddedRuleFileCount = ${count};\n}  // namespace winnow\n")
file(WRITE ${OUT} "${body}")
