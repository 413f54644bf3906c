#pragma once
/// \file The archives of carcinize's binary forms (FactsBinary, the exposure
/// cache): each struct is described once, by a function `io(Archive &, T &)`
/// found by argument-dependent lookup or declared before use, and the same
/// description writes (Writer) and reads (Reader). Integers are LEB128,
/// doubles their 8 bytes, strings and vectors a count and their elements.
/// The reader refuses damage (truncation, counts beyond what is left, bytes
/// out of range) instead of trusting it.

#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace carcinize {
namespace binary {

class Writer {
public:
  void operator()(const std::string &S) {
    number(S.size());
    Out += S;
  }
  void operator()(unsigned V) { number(V); }
  void operator()(bool V) { Out += static_cast<char>(V ? 1 : 0); }
  void operator()(double V) {
    char B[sizeof V];
    std::memcpy(B, &V, sizeof V);
    Out.append(B, sizeof V);
  }
  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0> void operator()(E V) {
    number(static_cast<uint64_t>(V));
  }
  template <class T> void operator()(const std::vector<T> &V) {
    number(V.size());
    for (const T &X : V)
      (*this)(X);
  }
  template <class T, std::enable_if_t<std::is_class_v<T>, int> = 0>
  void operator()(const T &X) {
    io(*this, const_cast<T &>(X));
  }
  std::string Out;

  /// A count, as a vector's is written (for writing a vector in pieces).
  void count(uint64_t N) { number(N); }

private:
  void number(uint64_t V) { // LEB128
    do {
      char B = static_cast<char>(V & 0x7f);
      V >>= 7;
      Out += static_cast<char>(B | (V ? 0x80 : 0));
    } while (V);
  }
};

class Reader {
public:
  explicit Reader(llvm::StringRef Data) : Data(Data) {}
  void operator()(std::string &S) {
    uint64_t N = number();
    if (!Ok || N > Data.size() - Pos)
      return fail();
    S.assign(Data.data() + Pos, N);
    Pos += N;
  }
  void operator()(unsigned &V) {
    uint64_t N = number();
    if (N > UINT32_MAX)
      return fail();
    V = static_cast<unsigned>(N);
  }
  void operator()(bool &V) {
    if (!Ok || Pos >= Data.size() || static_cast<unsigned char>(Data[Pos]) > 1)
      return fail();
    V = Data[Pos++] == 1;
  }
  void operator()(double &V) {
    if (!Ok || Data.size() - Pos < sizeof V)
      return fail();
    std::memcpy(&V, Data.data() + Pos, sizeof V);
    Pos += sizeof V;
  }
  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0> void operator()(E &V) {
    uint64_t N = number();
    if (N > Max<E>())
      return fail();
    V = static_cast<E>(N);
  }
  template <class T> void operator()(std::vector<T> &V) {
    uint64_t N = number();
    // Every element takes a byte at least: a count beyond what is left is
    // damage, not a reason to allocate.
    if (!Ok || N > Data.size() - Pos)
      return fail();
    V.clear();
    V.reserve(std::min<uint64_t>(N, 1024));
    for (uint64_t I = 0; I < N; ++I) {
      T X{};
      (*this)(X);
      if (!Ok)
        return;
      V.push_back(std::move(X));
    }
  }
  template <class T, std::enable_if_t<std::is_class_v<T>, int> = 0> void operator()(T &X) {
    io(*this, X);
  }
  bool ok() const { return Ok; }
  bool atEnd() const { return Pos == Data.size(); }

  /// The largest value of enum E (specialised where E is archived).
  template <class E> static uint64_t Max();

private:
  uint64_t number() {
    uint64_t V = 0;
    for (unsigned Shift = 0; Ok; Shift += 7) {
      if (Pos >= Data.size() || Shift > 63) {
        fail();
        break;
      }
      auto B = static_cast<unsigned char>(Data[Pos++]);
      V |= static_cast<uint64_t>(B & 0x7f) << Shift;
      if (!(B & 0x80))
        return V;
    }
    return 0;
  }
  void fail() { Ok = false; }
  llvm::StringRef Data;
  size_t Pos = 0;
  bool Ok = true;
};

} // namespace binary
} // namespace carcinize
