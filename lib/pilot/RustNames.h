#pragma once
/// \file Rust identifiers for C names: a C name that is a Rust keyword
/// becomes a raw identifier (`type` -> `r#type`), or gets a trailing
/// underscore where Rust allows no raw form (`self`, `crate`, `super`).

#include <set>
#include <string>

namespace carcinize {

inline std::string rustIdent(const std::string &Name) {
  static const std::set<std::string> Keywords = {
      "as",     "break",   "const",   "continue", "else",     "enum",
      "extern", "false",   "fn",      "for",      "if",       "impl",
      "in",     "let",     "loop",    "match",    "mod",      "move",
      "mut",    "pub",     "ref",     "return",   "static",   "struct",
      "trait",  "true",    "type",    "unsafe",   "use",      "where",
      "while",  "async",   "await",   "dyn",      "abstract", "become",
      "box",    "do",      "final",   "macro",    "override", "priv",
      "typeof", "unsized", "virtual", "yield",    "try",      "union"};
  if (Name == "self" || Name == "Self" || Name == "crate" || Name == "super" ||
      Name == "_")
    return Name + "_";
  if (Keywords.count(Name))
    return "r#" + Name;
  return Name;
}

} // namespace carcinize
