#pragma once
/// \file Data tables the rules read: dangerous functions, allocators, format
/// functions, input sources. Written in rules/data/tables.yaml, compiled into
/// the binary, extended per rule from the user's configuration (options).

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// One row of a table: its fields ("name", "dest", "size", "format", ...).
struct TableRow {
  std::map<std::string, std::string> Fields;
  /// The field \p Key, or \p Default.
  std::string get(const std::string &Key, const std::string &Default = "") const;
  /// The field \p Key as an argument index, or -1.
  int index(const std::string &Key) const;
  const std::string &name() const { return Fields.at("name"); }
};

/// All tables, by name.
struct Tables {
  std::map<std::string, std::vector<TableRow>> ByName;
  /// The rows of \p Name; empty when there is no such table.
  const std::vector<TableRow> &rows(const std::string &Name) const;
  /// The `name` field of every row of \p Name.
  std::vector<std::string> names(const std::string &Name) const;
  /// The row of table \p Name whose name is \p Function, or null.
  const TableRow *find(const std::string &Name, const std::string &Function) const;
};

/// The built-in tables (parsed once from the embedded YAML).
const Tables &builtinTables();

/// Parses tables from YAML text (throws InputError naming \p Source on error).
Tables parseTables(const std::string &Yaml, const std::string &Source);

} // namespace carcinize
