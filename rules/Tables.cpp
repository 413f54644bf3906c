#include "rules/Tables.h"

#include "support/Error.h"

#include <yaml-cpp/yaml.h>

namespace carcinize {

extern const char *const EmbeddedTablesYaml; // generated from rules/data/tables.yaml

std::string TableRow::get(const std::string &Key, const std::string &Default) const {
  auto It = Fields.find(Key);
  return It == Fields.end() ? Default : It->second;
}

int TableRow::index(const std::string &Key) const {
  auto It = Fields.find(Key);
  if (It == Fields.end())
    return -1;
  try {
    return std::stoi(It->second);
  } catch (...) {
    return -1;
  }
}

const std::vector<TableRow> &Tables::rows(const std::string &Name) const {
  static const std::vector<TableRow> Empty;
  auto It = ByName.find(Name);
  return It == ByName.end() ? Empty : It->second;
}

std::vector<std::string> Tables::names(const std::string &Name) const {
  std::vector<std::string> Out;
  for (const auto &R : rows(Name))
    Out.push_back(R.name());
  return Out;
}

const TableRow *Tables::find(const std::string &Name, const std::string &Function) const {
  for (const auto &R : rows(Name))
    if (R.name() == Function)
      return &R;
  return nullptr;
}

Tables parseTables(const std::string &Yaml, const std::string &Source) {
  Tables T;
  YAML::Node Root;
  try {
    Root = YAML::Load(Yaml);
  } catch (const YAML::Exception &E) {
    throw InputError(Source + ":" + std::to_string(E.mark.line + 1) + ": " + E.msg);
  }
  auto Fail = [&](const YAML::Node &N, const std::string &What) {
    throw InputError(Source + ":" + std::to_string(N.Mark().line + 1) + ": " + What);
  };
  if (!Root.IsMap())
    Fail(Root, "tables must be a map of table names to lists");
  for (const auto &KV : Root) {
    std::string Name = KV.first.as<std::string>();
    if (!KV.second.IsSequence())
      Fail(KV.second, "table '" + Name + "' must be a list");
    auto &Rows = T.ByName[Name];
    for (const auto &Row : KV.second) {
      TableRow R;
      if (Row.IsScalar()) {
        R.Fields["name"] = Row.Scalar();
      } else if (Row.IsMap()) {
        for (const auto &F : Row) {
          if (!F.second.IsScalar())
            Fail(F.second, "table '" + Name + "': field values must be scalars");
          R.Fields[F.first.as<std::string>()] = F.second.Scalar();
        }
      } else {
        Fail(Row, "table '" + Name + "': rows are names or maps");
      }
      if (!R.Fields.count("name"))
        Fail(Row, "table '" + Name + "': a row has no name");
      Rows.push_back(std::move(R));
    }
  }
  return T;
}

const Tables &builtinTables() {
  static const Tables T = parseTables(EmbeddedTablesYaml, "rules/data/tables.yaml");
  return T;
}

} // namespace carcinize
