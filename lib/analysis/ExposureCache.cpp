#include "analysis/ExposureCache.h"

#include "facts/BinaryArchive.h"
#include "facts/FactsBinary.h"
#include "support/Error.h"
#include "support/OutputFile.h"
#include "support/Paths.h"

#include <llvm/Support/BLAKE3.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/ADT/StringExtras.h>

namespace carcinize {

namespace {

// Bumped whenever ExposureEvidence's description below changes.
constexpr llvm::StringLiteral Magic = "CZE2";

std::string pathOf(const ExposureCache &C) { return C.Dir + "/analysis/exposure"; }

} // namespace

// In namespace carcinize: the archives find them by argument-dependent lookup.
template <class A> void io(A &Ar, ExposureEvidence &E) {
  Ar(E.Kind);
  Ar(E.Source);
  Ar(E.SourceKind);
  Ar(E.Origin);
  Ar(E.Line);
  Ar(E.Chain);
  Ar(E.ReturnHops);
  Ar(E.Params);
  Ar(E.Pointer);
  Ar(E.Peripheral);
  Ar(E.Environment);
}

template <class A> void io(A &Ar, FunctionExposure &F) {
  Ar(F.Score);
  Ar(F.Evidence);
}

std::string exposureKey(const ScanFacts &Facts, const std::string &Salt) {
  llvm::BLAKE3 H;
  factsToBinary(Facts, [&](llvm::StringRef Piece) { H.update(Piece); });
  H.update(llvm::StringRef("\0", 1));
  H.update(Salt);
  auto D = H.final<32>();
  return llvm::toHex(D, /*LowerCase=*/true);
}

std::string exposureToBinary(const std::string &Key, const std::vector<FunctionExposure> &E) {
  binary::Writer W;
  W.Out = Magic.str();
  W(Key);
  W(E);
  return std::move(W.Out);
}

std::optional<std::vector<FunctionExposure>> exposureFromBinary(llvm::StringRef Data,
                                                                const std::string &Key) {
  if (!Data.consume_front(Magic))
    return std::nullopt;
  binary::Reader R(Data);
  std::string Stored;
  R(Stored);
  if (!R.ok() || Stored != Key)
    return std::nullopt;
  std::vector<FunctionExposure> E;
  R(E);
  if (!R.ok() || !R.atEnd())
    return std::nullopt;
  return E;
}

std::optional<std::vector<FunctionExposure>> loadExposure(const ExposureCache &C,
                                                          const std::string &Key, size_t Nodes) {
  if (C.Dir.empty())
    return std::nullopt;
  auto Buf = readOwnedFile(pathOf(C));
  if (!Buf)
    return std::nullopt;
  auto E = exposureFromBinary(Buf->getBuffer(), Key);
  if (!E || E->size() != Nodes)
    return std::nullopt;
  return E;
}

void storeExposure(const ExposureCache &C, const std::string &Key,
                   const std::vector<FunctionExposure> &E) {
  if (C.Dir.empty())
    return;
  try {
    // As the TU cache: real folders of ours, the entry replaced, never
    // written through (a restored cache may hold a link there).
    ensureOwnedDirectory(C.Dir);
    ensureOwnedDirectory(C.Dir + "/analysis");
    writeOwnedFile(pathOf(C), exposureToBinary(Key, E));
  } catch (const InputError &) {
    // A read-only or full cache, or one that is not ours: the next scan
    // computes it again.
  }
}

} // namespace carcinize
