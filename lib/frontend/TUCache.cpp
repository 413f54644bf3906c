#include "frontend/TUCache.h"

#include "facts/FactsBinary.h"
#include "support/Error.h"
#include "support/OutputFile.h"
#include "support/Paths.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/BLAKE3.h>
#include <llvm/Support/SHA256.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>

namespace carcinize {

namespace {

// The format of an entry, and of the facts in it: bumped when the facts
// gain a field the analysis needs (3: data flow, address-taken functions;
// 4: the facts in binary form), so that entries of an older build are
// misses, not facts read wrongly.
constexpr llvm::StringLiteral Magic = "carcinize-tu-cache 4";

std::string sha(llvm::StringRef Data) {
  auto H = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Data));
  return llvm::toHex(H, /*LowerCase=*/true);
}

// Contents and keys are hashed with BLAKE3: several times faster than
// LLVM's SHA-256, which was 5% of a warm re-scan of Lua (every header of
// every TU is hashed again to validate its entry).
std::string digest(llvm::StringRef Data) {
  auto H = llvm::BLAKE3::hash<32>(llvm::arrayRefFromStringRef(Data));
  return llvm::toHex(H, /*LowerCase=*/true);
}

} // namespace

TUCache::TUCache(std::string Dir, const std::string &Salt)
    : Dir(std::move(Dir)), SaltDigest(digest(Salt)) {}

std::string TUCache::defaultDir(const std::string &Root) {
  std::string Base;
  if (const char *X = std::getenv("XDG_CACHE_HOME"); X && *X == '/')
    Base = X;
  else if (const char *H = std::getenv("HOME"); H && *H == '/')
    Base = std::string(H) + "/.cache";
  else
    return "";
  return Base + "/carcinize/" + sha(Root).substr(0, 16);
}

std::string TUCache::fileHash(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Lock(Mu);
    auto It = Hashes.find(Path);
    if (It != Hashes.end())
      return It->second;
  }
  auto Text = readRegularFile(Path);
  std::string H = Text ? digest(Text->getBuffer()) : std::string();
  std::lock_guard<std::mutex> Lock(Mu);
  Hashes[Path] = H;
  return H;
}

std::string TUCache::dirHash(const std::string &Dir) {
  std::string Key = "dir:" + Dir;
  {
    std::lock_guard<std::mutex> Lock(Mu);
    auto It = Hashes.find(Key);
    if (It != Hashes.end())
      return It->second;
  }
  std::vector<std::string> Names;
  std::error_code EC;
  // Only names an #include could mean: headers, and names without an
  // extension (folders, <vector>-style headers). Objects and logs written
  // beside the sources by an in-tree build must not invalidate the cache.
  static const char *const Headers[] = {".h",   ".hh",  ".hpp", ".hxx", ".h++", ".inc",
                                        ".inl", ".ipp", ".tcc", ".def", ".tpp"};
  for (llvm::sys::fs::directory_iterator I(Dir, EC), E; I != E && !EC; I.increment(EC)) {
    llvm::StringRef Name = llvm::StringRef(I->path()).rsplit('/').second;
    llvm::StringRef Ext = Name.contains('.') ? Name.substr(Name.rfind('.')) : "";
    bool Includable = Ext.empty();
    for (const char *H : Headers)
      Includable = Includable || Ext.equals_insensitive(H);
    if (Includable)
      Names.push_back(Name.str());
  }
  std::string H = "-"; // cannot be listed (missing): recorded as such
  if (!EC) {
    std::sort(Names.begin(), Names.end());
    std::string All;
    for (const auto &N : Names)
      All += N + '\0';
    H = digest(All);
  }
  std::lock_guard<std::mutex> Lock(Mu);
  Hashes[Key] = H;
  return H;
}

std::vector<std::string> TUCache::searchedDirs(const TUJob &Job,
                                               const std::vector<std::string> &Dependencies) {
  std::set<std::string> Dirs;
  for (const auto &D : Dependencies)
    Dirs.insert(D.substr(0, D.rfind('/')));
  // Include folders of the command: a header that appears in one of them
  // can shadow one found further down the search path.
  static const char *const Flags[] = {"-I", "-isystem", "-iquote", "-idirafter"};
  for (size_t I = 0; I < Job.Argv.size(); ++I)
    for (const char *F : Flags) {
      llvm::StringRef A = Job.Argv[I];
      if (!A.starts_with(F))
        continue;
      std::string Dir = A.size() > strlen(F) ? A.drop_front(strlen(F)).str()
                        : I + 1 < Job.Argv.size() ? Job.Argv[I + 1]
                                                  : std::string();
      if (!Dir.empty())
        Dirs.insert(Dir.front() == '/' ? Dir : Job.Directory + "/" + Dir);
      break;
    }
  return std::vector<std::string>(Dirs.begin(), Dirs.end());
}

std::string TUCache::keyOf(const TUJob &Job) {
  std::string K = SaltDigest;
  K += '\0';
  for (const auto &A : Job.Argv) {
    K += A;
    K += '\0';
  }
  K += Job.Directory;
  K += '\0';
  K += Job.File;
  K += '\0';
  K += fileHash(Job.File);
  if (Job.StandIns)
    for (const auto &[Path, Content] : *Job.StandIns) {
      K += '\0';
      K += Path;
      K += '\0';
      K += Content;
    }
  return digest(K);
}

std::string TUCache::entryPath(const std::string &Key) const {
  return Dir + "/" + Key.substr(0, 2) + "/" + Key + ".facts";
}

std::optional<ScanFacts> TUCache::lookup(const std::string &Key) {
  // Only an entry carcinize could have written: a link or another user's
  // file in a restored cache is a miss.
  auto Text = readOwnedFile(entryPath(Key));
  if (!Text)
    return std::nullopt;
  llvm::StringRef Rest = Text->getBuffer(), Line;
  std::tie(Line, Rest) = Rest.split('\n');
  if (Line != Magic)
    return std::nullopt;
  std::tie(Line, Rest) = Rest.split('\n');
  unsigned N = 0;
  if (Line.getAsInteger(10, N))
    return std::nullopt;
  for (unsigned I = 0; I < N; ++I) {
    std::tie(Line, Rest) = Rest.split('\n');
    auto [Kind, HashPath] = Line.split(' ');
    auto [Hash, Path] = HashPath.split(' ');
    if (Hash.empty() || Path.empty() ||
        (Kind == "F" ? fileHash(Path.str()) : Kind == "D" ? dirHash(Path.str()) : "") != Hash)
      return std::nullopt;
  }
  // A damaged entry is a miss; the parse rewrites it.
  return factsFromBinary(Rest);
}

void TUCache::store(const std::string &Key, const TUJob &Job, const ScanFacts &Facts,
                    const std::vector<std::string> &Dependencies) {
  auto Decline = [&](const std::string &Why) {
    std::lock_guard<std::mutex> Lock(Mu);
    NotStored.push_back(Job.File + ": " + Why);
  };
  if (Facts.TranslationUnits.size() != 1 ||
      Facts.TranslationUnits.front().Status == ParseStatus::Failed)
    return Decline("the parse failed");
  if (!Facts.TranslationUnits.front().MissingIncludes.empty())
    return Decline("missing headers were skipped");
  if (Dependencies.empty())
    return Decline("the files the parse read are unknown");
  std::vector<std::string> Dirs = searchedDirs(Job, Dependencies);
  std::string Text = Magic.str() + "\n" + std::to_string(Dependencies.size() + Dirs.size()) + "\n";
  for (const auto &D : Dependencies) {
    std::string H = fileHash(D);
    if (H.empty() || D.find('\n') != std::string::npos)
      // A dependency we cannot hash again: nothing to validate with.
      return Decline("'" + D + "', which the parse read, cannot be read again");
    Text += "F " + H + " " + D + "\n";
  }
  // The folders' listings: a new header that would shadow one used (found
  // earlier on the search path) changes the listing of its folder.
  for (const auto &D : Dirs) {
    std::string H = dirHash(D);
    if (D.find('\n') != std::string::npos || D.find(' ') == 0)
      return Decline("the folder name '" + D + "' cannot be recorded");
    Text += "D " + H + " " + D + "\n";
  }
  Text += factsToBinary(Facts);
  {
    std::lock_guard<std::mutex> Lock(Mu);
    if (WriteFailed)
      return;
  }
  std::string Path = entryPath(Key);
  try {
    // The cache may have been restored from an untrusted branch: its
    // folders must be real and ours, and an entry is replaced, never
    // written through.
    ensureOwnedDirectory(Dir);
    ensureOwnedDirectory(parentDir(Path));
    writeOwnedFile(Path, Text);
  } catch (const InputError &E) {
    std::lock_guard<std::mutex> Lock(Mu);
    if (!WriteFailed)
      Warnings.push_back("the cache cannot be written (" + std::string(E.what()) +
                         "); results were not stored");
    WriteFailed = true;
  }
}

std::vector<std::string> TUCache::notStored() {
  std::lock_guard<std::mutex> Lock(Mu);
  std::vector<std::string> Out = NotStored;
  std::sort(Out.begin(), Out.end());
  return Out;
}

std::vector<std::string> TUCache::warnings() {
  std::lock_guard<std::mutex> Lock(Mu);
  return Warnings;
}

} // namespace carcinize
