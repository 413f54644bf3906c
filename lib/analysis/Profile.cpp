#include "analysis/Profile.h"

#include "support/BoundedInput.h"
#include "support/Error.h"
#include "support/Text.h"

#include <cctype>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace carcinize {

namespace {

// A cost: a finite, non-negative number. strtod also reads "inf", "nan" and
// "1e999" (as infinity); an infinite cost made every hotness score NaN.
// Found by fuzzing (fuzz_folded_stacks, fuzz_callgrind).
bool parseNumber(const std::string &S, double &Out) {
  if (S.empty())
    return false;
  char *End = nullptr;
  Out = std::strtod(S.c_str(), &End);
  return End && *End == '\0' && Out >= 0 && std::isfinite(Out);
}

// False when adding \p Cost to \p Sum would overflow to infinity.
bool fits(double Sum, double Cost) { return std::isfinite(Sum + Cost); }

} // namespace

std::string normalizeFrameName(const std::string &Frame) {
  std::string F = trim(Frame);
  size_t Tick = F.find('`'); // dtrace / async-profiler module prefix
  if (Tick != std::string::npos)
    F = F.substr(Tick + 1);
  // Callgrind marks recursion cycles as "f'2".
  size_t Quote = F.rfind('\'');
  if (Quote != std::string::npos && Quote + 1 < F.size() &&
      std::isdigit(static_cast<unsigned char>(F[Quote + 1])))
    F = F.substr(0, Quote);
  // Arguments of demangled C++ names; "operator()" keeps its parentheses.
  size_t Paren = F.find('(');
  if (Paren != std::string::npos && F.compare(0, 9, "operator(") != 0 &&
      F.find("operator()") == std::string::npos)
    F = F.substr(0, Paren);
  // perf's "_[k]" kernel suffix, "+0x1f" offsets.
  for (const char *Suffix : {"_[k]", "_[j]", "_[i]"})
    if (F.size() > 4 && F.compare(F.size() - 4, 4, Suffix) == 0)
      F = F.substr(0, F.size() - 4);
  size_t Plus = F.find("+0x");
  if (Plus != std::string::npos)
    F = F.substr(0, Plus);
  return trim(F);
}

Profile parseFoldedStacks(const std::string &Text, const std::string &Source) {
  Profile P;
  P.Format = "folded";
  P.Event = "samples";
  std::istringstream In(Text);
  std::string Line;
  for (unsigned N = 1; std::getline(In, Line); ++N) {
    std::string T = trim(Line);
    if (T.empty() || T[0] == '#')
      continue;
    size_t Space = T.find_last_of(" \t");
    double Count = 0;
    if (Space == std::string::npos || !parseNumber(T.substr(Space + 1), Count)) {
      P.Warnings.push_back(Source + ":" + std::to_string(N) +
                           ": not 'frame;frame;... count': skipped");
      continue;
    }
    std::string Stack = trim(T.substr(0, Space));
    if (Stack.empty()) {
      P.Warnings.push_back(Source + ":" + std::to_string(N) + ": empty stack: skipped");
      continue;
    }
    std::vector<std::string> Frames;
    std::stringstream SS(Stack);
    std::string Frame;
    while (std::getline(SS, Frame, ';'))
      if (!(Frame = normalizeFrameName(Frame)).empty())
        Frames.push_back(Frame);
    if (Frames.empty()) {
      P.Warnings.push_back(Source + ":" + std::to_string(N) + ": no frames: skipped");
      continue;
    }
    // Self and inclusive costs never exceed the total here.
    if (!fits(P.Total, Count)) {
      P.Warnings.push_back(Source + ":" + std::to_string(N) +
                           ": count overflows the profile's total: skipped");
      continue;
    }
    P.Total += Count;
    P.Self[Frames.back()] += Count;
    // A recursive stack counts once per function for inclusive cost.
    std::set<std::string> Seen(Frames.begin(), Frames.end());
    for (const auto &F : Seen)
      P.Inclusive[F] += Count;
  }
  return P;
}

Profile parseCallgrind(const std::string &Text, const std::string &Source) {
  Profile P;
  P.Format = "callgrind";
  std::istringstream In(Text);
  std::string Line;
  std::map<std::string, std::string> FnNames; // "(12)" -> name
  std::string Current;
  unsigned Positions = 1;
  bool NextIsCallCost = false;
  auto Warn = [&](unsigned N, const std::string &What) {
    P.Warnings.push_back(Source + ":" + std::to_string(N) + ": " + What);
  };
  // "fn=(12) name", "fn=(12)", "fn=name"
  auto Resolve = [&](const std::string &Spec) {
    std::string S = trim(Spec);
    if (!S.empty() && S[0] == '(') {
      size_t Close = S.find(')');
      if (Close == std::string::npos)
        return std::string();
      std::string Id = S.substr(0, Close + 1);
      std::string Name = trim(S.substr(Close + 1));
      if (!Name.empty())
        FnNames[Id] = Name;
      auto It = FnNames.find(Id);
      return It == FnNames.end() ? std::string() : It->second;
    }
    return S;
  };
  for (unsigned N = 1; std::getline(In, Line); ++N) {
    std::string T = trim(Line);
    if (T.empty() || T[0] == '#')
      continue;
    if (std::isdigit(static_cast<unsigned char>(T[0])) || T[0] == '+' || T[0] == '-' ||
        T[0] == '*') {
      std::istringstream Cols(T);
      std::vector<std::string> Parts;
      std::string C;
      while (Cols >> C)
        Parts.push_back(C);
      if (Parts.size() < Positions + 1) {
        if (Parts.size() <= Positions) {
          NextIsCallCost = false;
          continue; // a position with no cost: zero
        }
      }
      double Cost = 0;
      std::string CostText = Parts[Positions];
      if (!parseNumber(CostText, Cost)) {
        Warn(N, "cost '" + CostText + "' is not a number: skipped");
        NextIsCallCost = false;
        continue;
      }
      if (Current.empty()) {
        Warn(N, "cost before any 'fn=': skipped");
        NextIsCallCost = false;
        continue;
      }
      // A function's self cost never exceeds the total; its inclusive
      // cost, which counts calls, may.
      auto Incl = P.Inclusive.find(Current);
      if ((Incl != P.Inclusive.end() && !fits(Incl->second, Cost)) ||
          (!NextIsCallCost && !fits(P.Total, Cost))) {
        Warn(N, "cost '" + CostText + "' overflows the profile's total: skipped");
        NextIsCallCost = false;
        continue;
      }
      if (NextIsCallCost) {
        P.Inclusive[Current] += Cost;
        NextIsCallCost = false;
      } else {
        P.Self[Current] += Cost;
        P.Inclusive[Current] += Cost;
        P.Total += Cost;
      }
      continue;
    }
    size_t Eq = T.find('=');
    size_t Colon = T.find(':');
    if (Eq != std::string::npos && (Colon == std::string::npos || Eq < Colon)) {
      std::string Key = T.substr(0, Eq), Value = T.substr(Eq + 1);
      if (Key == "fn") {
        Current = normalizeFrameName(Resolve(Value));
        if (Current.empty())
          Warn(N, "unknown function id '" + trim(Value) + "'");
      } else if (Key == "cfn" || Key == "cfi" || Key == "cfl" || Key == "fl" || Key == "fi" ||
                 Key == "fe" || Key == "ob" || Key == "cob") {
        if (Key == "cfn")
          Resolve(Value); // defines a compressed name
      } else if (Key == "calls") {
        NextIsCallCost = true;
      } else if (Key == "jump" || Key == "jcnd") {
        // Jump counts carry no cost of their own.
      } else {
        Warn(N, "unknown line '" + T.substr(0, 40) + "': skipped");
      }
      continue;
    }
    if (Colon != std::string::npos) {
      std::string Key = trim(T.substr(0, Colon)), Value = trim(T.substr(Colon + 1));
      if (Key == "events") {
        std::istringstream Ev(Value);
        Ev >> P.Event;
      } else if (Key == "positions") {
        std::istringstream Pos(Value);
        std::string X;
        Positions = 0;
        while (Pos >> X)
          ++Positions;
        if (!Positions)
          Positions = 1;
      }
      continue; // version, creator, cmd, summary, totals ...
    }
    Warn(N, "unknown line '" + T.substr(0, 40) + "': skipped");
  }
  return P;
}

Profile loadProfile(const std::string &Path) {
  std::string Text = readInputFile(Path, "profile", input_limits::Profile)->getBuffer().str();
  bool Callgrind = Text.rfind("# callgrind format", 0) == 0 ||
                   Text.find("\nevents:") != std::string::npos || Text.rfind("events:", 0) == 0;
  return Callgrind ? parseCallgrind(Text, Path) : parseFoldedStacks(Text, Path);
}

} // namespace carcinize
