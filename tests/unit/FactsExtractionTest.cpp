// Facts extracted from code held in memory, through the real Clang parse.

#include "frontend/CommandMangler.h"
#include "frontend/ResourceDir.h"
#include "frontend/TranslationUnitAnalysis.h"

#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <gtest/gtest.h>

#include <map>

// LeakSanitizer is part of AddressSanitizer (the asan preset).
#if defined(__SANITIZE_ADDRESS__)
#define CARCINIZE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CARCINIZE_LSAN 1
#endif
#endif
#ifdef CARCINIZE_LSAN
#include <sanitizer/lsan_interface.h>
#endif

using namespace carcinize;

namespace {

using Strings = std::vector<std::string>;

// Lines 1..N of a file, so that tests can name line numbers.
std::string lines(std::initializer_list<const char *> L) {
  std::string Out;
  for (const char *S : L)
    Out += std::string(S) + "\n";
  return Out;
}

struct TUCase {
  std::map<std::string, std::string> Files; // path -> contents
  std::string Main = "/proj/a.c";
  Strings Flags = {"-x", "c", "-std=gnu17"};
  bool Inferred = true;
  bool RealBase = false; // overlay on the real file system (for <stddef.h>)
  std::string InjectCrashSuffix;
  Strings Exclude;
  TUAnalyzerFactory MakeAnalyzer;

  ScanFacts operator()() const {
    auto Mem = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
    for (const auto &[Path, Text] : Files)
      Mem->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = Mem;
    if (RealBase) {
      auto Overlay =
          llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::getRealFileSystem());
      Overlay->pushOverlay(Mem);
      FS = Overlay;
    }
    TUSettings S;
    S.Root = "/proj";
    S.FS = FS;
    S.Exclude = Exclude;
    S.InjectCrashSuffix = InjectCrashSuffix;
    S.MakeAnalyzer = MakeAnalyzer;
    TUJob J;
    J.File = Main;
    J.Directory = "/proj";
    J.Argv = CommandMangler::forTests(configuredResourceDir()).forInferred(Main, Flags);
    J.Inferred = Inferred;
    return analyzeTranslationUnit(J, S);
  }
};

const FunctionFacts *findFunction(const ScanFacts &F, const std::string &Name) {
  const FunctionFacts *Found = nullptr;
  for (const auto &Fn : F.Functions)
    if (Fn.Name == Name) {
      EXPECT_EQ(Found, nullptr) << Name << " reported twice";
      Found = &Fn;
    }
  EXPECT_NE(Found, nullptr) << Name << " not reported";
  return Found;
}

const FileFacts *findFile(const ScanFacts &F, const std::string &Path) {
  for (const auto &File : F.Files)
    if (File.Path == Path)
      return &File;
  ADD_FAILURE() << Path << " not in the files list";
  return nullptr;
}

Strings calleeNames(const FunctionFacts &F) {
  Strings Out;
  for (const auto &C : F.Callees)
    Out.push_back(C.CalleeName + "@" + std::to_string(C.Line) + (C.Virtual ? " virtual" : ""));
  return Out;
}

Strings functionNames(const ScanFacts &F) {
  Strings Out;
  for (const auto &Fn : F.Functions)
    Out.push_back(Fn.Name);
  return Out;
}

std::string errorsOf(const ScanFacts &F) {
  std::string Out;
  for (const auto &E : F.TranslationUnits.at(0).Errors)
    Out += E.File + ":" + std::to_string(E.Line) + ": " + E.Message + "\n";
  return Out;
}

const std::string HeaderH = lines({
    /* 1 */ "#ifndef H_H",
    /* 2 */ "#define H_H",
    /* 3 */ "static inline int clamp(int v) {",
    /* 4 */ "  return v < 0 ? 0 : v;",
    /* 5 */ "}",
    /* 6 */ "#endif",
});

const std::string SourceC = lines({
    /*  1 */ "#include \"h.h\"",
    /*  2 */ "",
    /*  3 */ "/* block comment",
    /*  4 */ "   spanning lines */",
    /*  5 */ "static int helper(int x) { return x + 1; }",
    /*  6 */ "",
    /*  7 */ "int compute(int n, int *arr) {",
    /*  8 */ "  int total = 0; // trailing comment",
    /*  9 */ "  for (int i = 0; i < n; i++) {",
    /* 10 */ "    if (arr[i] > 0 && arr[i] < 100) {",
    /* 11 */ "      total += helper(arr[i]);",
    /* 12 */ "    } else if (arr[i] == -1 || arr[i] == -2) {",
    /* 13 */ "      total -= 1;",
    /* 14 */ "    }",
    /* 15 */ "  }",
    /* 16 */ "",
    /* 17 */ "  // only a comment",
    /* 18 */ "  while (n > 0) {",
    /* 19 */ "    do {",
    /* 20 */ "      for (;;) { break; }",
    /* 21 */ "    } while (0);",
    /* 22 */ "    n--;",
    /* 23 */ "  }",
    /* 24 */ "  switch (n) {",
    /* 25 */ "  case 1: total = 1; break;",
    /* 26 */ "  case 2: total = 2; break;",
    /* 27 */ "  default: break;",
    /* 28 */ "  }",
    /* 29 */ "  return total > 0 ? total : clamp(total);",
    /* 30 */ "}",
    /* 31 */ "",
    /* 32 */ "struct ops { int (*cb)(int); };",
    /* 33 */ "int apply(int (*fp)(int), struct ops *o, int v) {",
    /* 34 */ "  /* a comment",
    /* 35 */ "     in the body */",
    /* 36 */ "  return fp(v) + o->cb(v) + helper(v);",
    /* 37 */ "}",
    /* 38 */ "",
    /* 39 */ "int nested(int n) {",
    /* 40 */ "  int s = 0;",
    /* 41 */ "  for (int i = 0; i < n; i++)",
    /* 42 */ "    for (int j = 0; j < n; j++)",
    /* 43 */ "      s += i * j;",
    /* 44 */ "  while (s > 100) s /= 2;",
    /* 45 */ "  return s;",
    /* 46 */ "}",
    /* 47 */ "int declared_only(int);",
});

TUCase cRun() {
  TUCase R;
  R.Files["/proj/a.c"] = SourceC;
  R.Files["/proj/h.h"] = HeaderH;
  return R;
}

} // namespace

TEST(FactsExtractionTest, CTranslationUnitIsClean) {
  ScanFacts F = cRun()();
  ASSERT_EQ(F.TranslationUnits.size(), 1u);
  const TranslationUnitFacts &TU = F.TranslationUnits[0];
  EXPECT_EQ(TU.File, "a.c");
  EXPECT_EQ(TU.Status, ParseStatus::Clean) << errorsOf(F);
  EXPECT_EQ(TU.ErrorCount, 0u);
  EXPECT_TRUE(TU.Errors.empty());
  EXPECT_TRUE(TU.MissingIncludes.empty());
  EXPECT_TRUE(TU.InferredFlags);
  EXPECT_EQ(TU.FailureReason, "");
  // Declarations without a body are not functions of the tree.
  EXPECT_EQ(functionNames(F), (Strings{"clamp", "helper", "compute", "apply", "nested"}));
  for (const auto &Fn : F.Functions)
    EXPECT_EQ(Fn.Lang, Language::C) << Fn.Name;
}

TEST(FactsExtractionTest, ComplexityLoopDepthAndLines) {
  ScanFacts F = cRun()();
  const FunctionFacts *C = findFunction(F, "compute");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->File, "a.c");
  EXPECT_EQ(C->BeginLine, 7u);
  EXPECT_EQ(C->EndLine, 30u);
  // 1 + for + if + && + if + || + while + do + for + 2 case + ?:
  EXPECT_EQ(C->Complexity, 12u);
  EXPECT_EQ(C->MaxLoopDepth, 3u); // while > do > for
  EXPECT_EQ(C->CodeLines, 22u);   // 24 lines, less one blank and one comment line

  const FunctionFacts *N = findFunction(F, "nested");
  ASSERT_NE(N, nullptr);
  EXPECT_EQ(N->Complexity, 4u);
  EXPECT_EQ(N->MaxLoopDepth, 2u);
  EXPECT_EQ(N->BeginLine, 39u);
  EXPECT_EQ(N->EndLine, 46u);
  EXPECT_EQ(N->CodeLines, 8u);

  const FunctionFacts *H = findFunction(F, "helper");
  ASSERT_NE(H, nullptr);
  EXPECT_EQ(H->BeginLine, 5u);
  EXPECT_EQ(H->EndLine, 5u);
  EXPECT_EQ(H->CodeLines, 1u);
  EXPECT_EQ(H->Complexity, 1u);
  EXPECT_EQ(H->MaxLoopDepth, 0u);

  const FunctionFacts *A = findFunction(F, "apply");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->BeginLine, 33u);
  EXPECT_EQ(A->EndLine, 37u);
  EXPECT_EQ(A->CodeLines, 3u); // two comment lines in the body
}

TEST(FactsExtractionTest, CalleesAndIndirectCalls) {
  ScanFacts F = cRun()();
  const FunctionFacts *C = findFunction(F, "compute");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(calleeNames(*C), (Strings{"helper@11", "clamp@29"}));
  EXPECT_EQ(C->IndirectCalls, 0u);
  const FunctionFacts *H = findFunction(F, "helper");
  const FunctionFacts *Cl = findFunction(F, "clamp");
  ASSERT_NE(H, nullptr);
  ASSERT_NE(Cl, nullptr);
  // Callees join by USR.
  EXPECT_EQ(C->Callees[0].CalleeUsr, H->Usr);
  EXPECT_EQ(C->Callees[1].CalleeUsr, Cl->Usr);
  EXPECT_FALSE(C->Callees[0].Virtual);

  const FunctionFacts *A = findFunction(F, "apply");
  ASSERT_NE(A, nullptr);
  // Calls through pointers are listed, named by the pointer, with the type
  // of the function they call.
  EXPECT_EQ(calleeNames(*A), (Strings{"fp@36", "o->cb@36", "helper@36"}));
  EXPECT_EQ(A->IndirectCalls, 2u); // fp(v) and o->cb(v)
  EXPECT_TRUE(A->Callees[0].Indirect);
  EXPECT_TRUE(A->Callees[0].CalleeUsr.empty());
  EXPECT_EQ(A->Callees[0].Signature, "int (int)");
  EXPECT_EQ(A->Callees[1].Signature, "int (int)");
  EXPECT_FALSE(A->Callees[2].Indirect);
  EXPECT_TRUE(H->Callees.empty());
  EXPECT_EQ(H->IndirectCalls, 0u);
}

const std::string FlowC = lines({
    /*  1 */ "typedef unsigned long size_t;",
    /*  2 */ "typedef struct _IO_FILE FILE;",
    /*  3 */ "size_t fread(void *p, size_t n, size_t m, FILE *f);",
    /*  4 */ "struct stream { const unsigned char *next_in; unsigned avail_in; };",
    /*  5 */ "struct ctx { char *name; int count; };",
    /*  6 */ "typedef int (*data_cb)(void *user, const char *at, size_t len);",
    /*  7 */ "struct settings { data_cb on_data; };",
    /*  8 */ "static int on_data(void *user, const char *at, size_t len) { return (int)len; }",
    /*  9 */ "static const struct settings defaults = { on_data };",
    /* 10 */ "int read_block(FILE *f, unsigned char *buf, size_t n) {",
    /* 11 */ "  return (int)fread(buf, 1, n, f);",
    /* 12 */ "}",
    /* 13 */ "int parse(const struct settings *s, struct ctx *c, const char *data, size_t len) {",
    /* 14 */ "  unsigned char tmp[16];",
    /* 15 */ "  c->count = (int)len;",
    /* 16 */ "  s->on_data(c, data + 1, len - 1);",
    /* 17 */ "  read_block(0, tmp, sizeof tmp);",
    /* 18 */ "  return s->on_data(c, (const char *)tmp, 16);",
    /* 19 */ "}",
    /* 20 */ "int inflate_like(struct stream *strm, int flush) { return strm->avail_in + flush; }",
    /* 21 */ "void fill(unsigned char *b);",
    /* 22 */ "void use(const unsigned char *b);",
    /* 23 */ "void pump(void) {",
    /* 24 */ "  unsigned char b[4];",
    /* 25 */ "  for (int i = 0; i < 3; i++) { use(b); fill(b); }",
    /* 26 */ "  use(b);",
    /* 27 */ "}",
    /* 28 */ "struct buf { unsigned char *data; size_t data_len; unsigned id; };",
    /* 29 */ "void store(struct buf *o, unsigned char *src, unsigned id) { o->id = id; o->data = src; }",
    /* 30 */ "void sink(struct ctx *c);",
    /* 31 */ "void many(struct ctx *c, int a, int b) { c->count = a; c->count += b; sink(c); sink(c); }",
    /* 32 */ "const struct settings *get(void) { return &defaults; }",
});

TEST(FactsExtractionTest, DataFlowOfArgumentsResultsAndParameters) {
  TUCase R;
  R.Files["/proj/a.c"] = FlowC;
  ScanFacts F = R();
  ASSERT_EQ(F.TranslationUnits.at(0).Status, ParseStatus::Clean) << errorsOf(F);

  // The callback is used as a value in the table at line 9: its address is
  // taken, with the type that indirect calls are matched against.
  ASSERT_EQ(F.AddressTaken.size(), 1u);
  EXPECT_EQ(F.AddressTaken[0].Name, "on_data");
  EXPECT_EQ(F.AddressTaken[0].File, "a.c");
  EXPECT_EQ(F.AddressTaken[0].Line, 9u);
  EXPECT_EQ(F.AddressTaken[0].Signature, "int (void *, const char *, unsigned long)");
  const FunctionFacts *OnData = findFunction(F, "on_data");
  ASSERT_NE(OnData, nullptr);
  EXPECT_EQ(F.AddressTaken[0].Usr, OnData->Usr);

  // fread fills the buffer parameter; the result is fread's.
  const FunctionFacts *Block = findFunction(F, "read_block");
  ASSERT_NE(Block, nullptr);
  ASSERT_EQ(Block->Callees.size(), 1u);
  // A variable carries every origin it is given, what this very call
  // writes included: the analysis keeps only what reaches the call
  // (CallSite::Order, Loop).
  EXPECT_EQ(Block->Callees[0].Args, (Strings{"p1 c0.0", "", "p2", "p0 c0.3"}));
  EXPECT_EQ(Block->ReturnFlow, "c0");
  // fread may write through 'buf' and through the FILE *.
  EXPECT_EQ(Block->OutFlow, (Strings{"c0.3", "c0.0", ""}));

  const FunctionFacts *P = findFunction(F, "parse");
  ASSERT_NE(P, nullptr);
  EXPECT_EQ(calleeNames(*P), (Strings{"s->on_data@16", "read_block@17", "s->on_data@18"}));
  const CallSite &Cb = P->Callees[0];
  EXPECT_TRUE(Cb.Indirect);
  EXPECT_EQ(Cb.Signature, F.AddressTaken[0].Signature);
  // c carries what was stored into it (the length) and what the callbacks
  // may write through it: more than two origins, stored once as a value
  // set. The bytes derive from 'data' and 'len'; a constant and sizeof
  // carry nothing.
  EXPECT_EQ(P->Values, (Strings{"p1 p3 c0.0 c2.0"}));
  EXPECT_EQ(Cb.Args, (Strings{"v0", "p2", "p3"}));
  EXPECT_EQ(P->Callees[1].Args, (Strings{"", "c1.1", ""}));
  EXPECT_EQ(P->Callees[2].Args[1], "c1.1");
  EXPECT_EQ(P->Callees[2].Args[0], Cb.Args[0]);
  EXPECT_EQ(P->Callees[2].Args[2], "");
  // Calls end in order, outside loops.
  EXPECT_EQ(P->Callees[0].Order, 0u);
  EXPECT_EQ(P->Callees[1].Order, 1u);
  EXPECT_EQ(P->Callees[2].Order, 2u);
  EXPECT_EQ(P->Callees[2].Loop, 0u);
  // A count stored into 'c' is state, not handed back; what the callbacks
  // may write through 'c' is.
  EXPECT_EQ(P->OutFlow, (Strings{"", "c0.0 c2.0", "", ""}));
  EXPECT_EQ(P->ParamKinds, "ppbi");

  // A struct that begins with a byte pointer and counts it is a stream.
  const FunctionFacts *Inflate = findFunction(F, "inflate_like");
  ASSERT_NE(Inflate, nullptr);
  EXPECT_EQ(Inflate->ParamKinds, "si");
  EXPECT_EQ(Inflate->ReturnFlow, "p0 p1");

  // Both uses of 'b' see what fill() left: the first through the loop.
  const FunctionFacts *Pump = findFunction(F, "pump");
  ASSERT_NE(Pump, nullptr);
  ASSERT_EQ(Pump->Callees.size(), 3u);
  EXPECT_EQ(Pump->Callees[0].Args, (Strings{"c1.0"}));
  EXPECT_EQ(Pump->Callees[2].Args, (Strings{"c1.0"}));
  EXPECT_EQ(Pump->Callees[0].Loop, 1u);
  EXPECT_EQ(Pump->Callees[1].Loop, 1u);
  EXPECT_EQ(Pump->Callees[2].Loop, 0u);
  EXPECT_LT(Pump->Callees[0].Order, Pump->Callees[1].Order);
  EXPECT_LT(Pump->Callees[1].Order, Pump->Callees[2].Order);

  // A pointer stored into the struct is handed back; an id is not.
  const FunctionFacts *Store = findFunction(F, "store");
  ASSERT_NE(Store, nullptr);
  EXPECT_EQ(Store->OutFlow, (Strings{"p1", "", ""}));
  EXPECT_EQ(Store->ParamKinds, "sbi"); // data, data_len

  // A variable with many origins is stored once and named in arguments.
  const FunctionFacts *Many = findFunction(F, "many");
  ASSERT_NE(Many, nullptr);
  ASSERT_EQ(Many->Values.size(), 1u);
  EXPECT_EQ(Many->Values[0], "p0 p1 p2 c0.0 c1.0");
  EXPECT_EQ(Many->Callees[0].Args, (Strings{"v0"}));
  EXPECT_EQ(Many->Callees[1].Args, (Strings{"v0"}));

  const FunctionFacts *Get = findFunction(F, "get");
  ASSERT_NE(Get, nullptr);
  EXPECT_TRUE(Get->ReturnFlow.empty());
  EXPECT_TRUE(Get->OutFlow.empty());
}

TEST(FactsExtractionTest, SignatureAndLinkage) {
  ScanFacts F = cRun()();
  const FunctionFacts *C = findFunction(F, "compute");
  ASSERT_NE(C, nullptr);
  EXPECT_TRUE(C->ExternalLinkage);
  EXPECT_EQ(C->ReturnType, "int");
  EXPECT_EQ(C->ParamTypes, (Strings{"int", "int *"}));
  EXPECT_EQ(C->ParamNames, (Strings{"n", "arr"}));
  const FunctionFacts *H = findFunction(F, "helper");
  ASSERT_NE(H, nullptr);
  EXPECT_FALSE(H->ExternalLinkage);
  EXPECT_EQ(H->ParamTypes, Strings{"int"});
  EXPECT_EQ(H->ParamNames, Strings{"x"});
  const FunctionFacts *A = findFunction(F, "apply");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->ParamTypes, (Strings{"int (*)(int)", "struct ops *", "int"}));
  EXPECT_EQ(A->ParamNames, (Strings{"fp", "o", "v"}));
}

TEST(FactsExtractionTest, HeaderFunctionIsReportedInTheHeader) {
  ScanFacts F = cRun()();
  const FunctionFacts *Cl = findFunction(F, "clamp");
  ASSERT_NE(Cl, nullptr);
  EXPECT_EQ(Cl->File, "h.h");
  EXPECT_EQ(Cl->BeginLine, 3u);
  EXPECT_EQ(Cl->EndLine, 5u);
  EXPECT_EQ(Cl->CodeLines, 3u);
  EXPECT_EQ(Cl->Complexity, 2u);
  EXPECT_FALSE(Cl->ExternalLinkage);
}

TEST(FactsExtractionTest, FilesWithCodeLinesAndIncludes) {
  ScanFacts F = cRun()();
  ASSERT_EQ(F.Files.size(), 2u);
  const FileFacts *A = findFile(F, "a.c");
  const FileFacts *H = findFile(F, "h.h");
  ASSERT_NE(A, nullptr);
  ASSERT_NE(H, nullptr);
  // 47 lines, less 5 blank and 5 comment-only lines.
  EXPECT_EQ(A->CodeLines, 37u);
  EXPECT_EQ(A->Includes, Strings{"h.h"});
  EXPECT_EQ(A->Lang, Language::C);
  EXPECT_EQ(H->CodeLines, 6u); // directives count as code
  EXPECT_TRUE(H->Includes.empty());
}

TEST(FactsExtractionTest, ExcludedHeaderIsLeftOut) {
  TUCase R = cRun();
  R.Exclude = {"h.h"};
  ScanFacts F = R();
  EXPECT_EQ(F.TranslationUnits.at(0).Status, ParseStatus::Clean);
  EXPECT_EQ(functionNames(F), (Strings{"helper", "compute", "apply", "nested"}));
  ASSERT_EQ(F.Files.size(), 1u);
  EXPECT_EQ(F.Files[0].Path, "a.c");
  // The call into the excluded header is still a call.
  const FunctionFacts *C = findFunction(F, "compute");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(calleeNames(*C), (Strings{"helper@11", "clamp@29"}));
}

TEST(FactsExtractionTest, CxxClassesVirtualCallsAndTemplates) {
  TUCase R;
  R.Main = "/proj/b.cpp";
  R.Flags = {"-x", "c++", "-std=gnu++17"};
  R.Files["/proj/b.cpp"] = lines({
      /*  1 */ "struct Base {",
      /*  2 */ "  virtual int f() { return 1; }",
      /*  3 */ "  virtual ~Base() {}",
      /*  4 */ "};",
      /*  5 */ "struct Derived : Base {",
      /*  6 */ "  int f() override { return Base::f() + 1; }",
      /*  7 */ "};",
      /*  8 */ "template <typename T> T twice(T v) { return v + v; }",
      /*  9 */ "namespace ns {",
      /* 10 */ "class Widget {",
      /* 11 */ "public:",
      /* 12 */ "  int draw(Base &b) const;",
      /* 13 */ "};",
      /* 14 */ "int Widget::draw(Base &b) const {",
      /* 15 */ "  int r = b.f();",
      /* 16 */ "  r += twice(2);",
      /* 17 */ "  r += static_cast<int>(twice(1.5));",
      /* 18 */ "  try { r += b.Base::f(); } catch (...) { r = 0; }",
      /* 19 */ "  return r;",
      /* 20 */ "}",
      /* 21 */ "} // namespace ns",
      /* 22 */ "static int local() { Derived d; return ns::Widget().draw(d); }",
  });
  ScanFacts F = R();
  ASSERT_EQ(F.TranslationUnits.size(), 1u);
  EXPECT_EQ(F.TranslationUnits[0].File, "b.cpp");
  EXPECT_EQ(F.TranslationUnits[0].Status, ParseStatus::Clean) << errorsOf(F);
  EXPECT_EQ(functionNames(F),
            (Strings{"Base::f", "Base::~Base", "Derived::f", "twice", "ns::Widget::draw", "local"}));
  for (const auto &Fn : F.Functions)
    EXPECT_EQ(Fn.Lang, Language::CXX) << Fn.Name;

  const FunctionFacts *D = findFunction(F, "ns::Widget::draw");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->BeginLine, 14u);
  EXPECT_EQ(D->EndLine, 20u);
  EXPECT_EQ(D->Complexity, 2u); // one catch
  EXPECT_EQ(D->ReturnType, "int");
  EXPECT_EQ(D->ParamTypes, Strings{"Base &"});
  EXPECT_EQ(D->ParamNames, Strings{"b"});
  EXPECT_TRUE(D->ExternalLinkage);
  EXPECT_EQ(calleeNames(*D),
            (Strings{"Base::f@15 virtual", "twice@16", "twice@17", "Base::f@18"}));
  EXPECT_EQ(D->IndirectCalls, 0u);

  // A qualified call to the base version is direct.
  const FunctionFacts *Df = findFunction(F, "Derived::f");
  ASSERT_NE(Df, nullptr);
  EXPECT_EQ(calleeNames(*Df), Strings{"Base::f@6"});
  const FunctionFacts *Bf = findFunction(F, "Base::f");
  ASSERT_NE(Bf, nullptr);
  EXPECT_EQ(Df->Callees[0].CalleeUsr, Bf->Usr);
  EXPECT_EQ(D->Callees[0].CalleeUsr, Bf->Usr);

  // The template is reported once, as written.
  const FunctionFacts *T = findFunction(F, "twice");
  ASSERT_NE(T, nullptr);
  EXPECT_EQ(T->BeginLine, 8u);
  EXPECT_EQ(T->ParamTypes, Strings{"T"});
  EXPECT_EQ(T->ReturnType, "T");

  const FunctionFacts *L = findFunction(F, "local");
  ASSERT_NE(L, nullptr);
  EXPECT_FALSE(L->ExternalLinkage);
  EXPECT_EQ(calleeNames(*L), Strings{"ns::Widget::draw@22"});

  ASSERT_EQ(F.Files.size(), 1u);
  EXPECT_EQ(F.Files[0].Lang, Language::CXX);
  EXPECT_EQ(F.Files[0].CodeLines, 22u);
}

TEST(FactsExtractionTest, SyntaxErrorIsRecovered) {
  TUCase R;
  R.Files["/proj/a.c"] = lines({
      /* 1 */ "int ok(void) { return 0; }",
      /* 2 */ "int broken(void) {",
      /* 3 */ "  return 1 +;",
      /* 4 */ "}",
      /* 5 */ "int after(void) { return ok(); }",
  });
  ScanFacts F = R();
  const TranslationUnitFacts &TU = F.TranslationUnits.at(0);
  EXPECT_EQ(TU.Status, ParseStatus::Recovered);
  EXPECT_EQ(TU.ErrorCount, 1u) << errorsOf(F);
  ASSERT_EQ(TU.Errors.size(), 1u);
  EXPECT_EQ(TU.Errors[0].File, "a.c");
  EXPECT_EQ(TU.Errors[0].Line, 3u);
  EXPECT_EQ(TU.Errors[0].Column, 13u);
  EXPECT_EQ(TU.Errors[0].Message, "expected expression");
  EXPECT_EQ(TU.FailureReason, "");
  // The recovered AST is still analysed.
  EXPECT_EQ(functionNames(F), (Strings{"ok", "broken", "after"}));
}

TEST(FactsExtractionTest, OnlyTheFirstFiveErrorsAreKept) {
  TUCase R;
  std::string Text;
  for (int I = 0; I < 8; ++I)
    Text += "int f" + std::to_string(I) + "(void) { return 1 +; }\n";
  R.Files["/proj/a.c"] = Text;
  ScanFacts F = R();
  const TranslationUnitFacts &TU = F.TranslationUnits.at(0);
  EXPECT_EQ(TU.Status, ParseStatus::Recovered);
  EXPECT_EQ(TU.ErrorCount, 8u);
  ASSERT_EQ(TU.Errors.size(), 5u);
  EXPECT_EQ(TU.Errors[0].Line, 1u);
  EXPECT_EQ(TU.Errors[4].Line, 5u);
}

TEST(FactsExtractionTest, MissingIncludeInInferredModeIsSkipped) {
  TUCase R;
  R.Files["/proj/a.c"] = lines({
      /* 1 */ "#include \"config.h\"",
      /* 2 */ "#include <gen/version.h>",
      /* 3 */ "int f(void) { return 1; }",
  });
  ScanFacts F = R();
  const TranslationUnitFacts &TU = F.TranslationUnits.at(0);
  EXPECT_EQ(TU.Status, ParseStatus::Recovered);
  EXPECT_EQ(TU.MissingIncludes, (Strings{"config.h", "gen/version.h"}));
  EXPECT_EQ(TU.ErrorCount, 0u) << errorsOf(F);
  EXPECT_EQ(functionNames(F), Strings{"f"});
  const FileFacts *A = findFile(F, "a.c");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->Includes, (Strings{"\"config.h\"", "<gen/version.h>"}));
}

TEST(FactsExtractionTest, MissingIncludeWithDatabaseFlagsIsAnError) {
  TUCase R;
  R.Inferred = false;
  R.Files["/proj/a.c"] = lines({
      /* 1 */ "int f(void) { return 1; }",
      /* 2 */ "#include \"config.h\"",
  });
  ScanFacts F = R();
  const TranslationUnitFacts &TU = F.TranslationUnits.at(0);
  EXPECT_FALSE(TU.InferredFlags);
  EXPECT_TRUE(TU.MissingIncludes.empty());
  EXPECT_EQ(TU.ErrorCount, 1u);
  ASSERT_EQ(TU.Errors.size(), 1u);
  EXPECT_EQ(TU.Errors[0].Line, 2u);
  EXPECT_EQ(TU.Errors[0].Message, "'config.h' file not found");
  EXPECT_EQ(TU.Errors[0].Column, 10u);
  // The fatal error ends the preprocessor, but the AST up to it is analysed.
  EXPECT_EQ(TU.Status, ParseStatus::Recovered);
  EXPECT_EQ(functionNames(F), Strings{"f"});
}

TEST(FactsExtractionTest, SystemHeadersComeFromTheResourceDir) {
  TUCase R = cRun();
  R.RealBase = true;
  R.Files["/proj/a.c"] = lines({
      /* 1 */ "#include <stddef.h>",
      /* 2 */ "#include \"h.h\"",
      /* 3 */ "size_t len(const char *s) { size_t n = 0; while (s[n]) n++; return n; }",
  });
  ScanFacts F = R();
  EXPECT_EQ(F.TranslationUnits.at(0).Status, ParseStatus::Clean) << errorsOf(F);
  EXPECT_EQ(functionNames(F), (Strings{"clamp", "len"}));
  const FileFacts *A = findFile(F, "a.c");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->Includes, (Strings{"<stddef.h>", "h.h"}));
  EXPECT_EQ(F.Files.size(), 2u); // the resource dir's headers are not ours
  const FunctionFacts *L = findFunction(F, "len");
  ASSERT_NE(L, nullptr);
  EXPECT_EQ(L->ReturnType, "size_t");
  EXPECT_EQ(L->ParamTypes, Strings{"const char *"});
  EXPECT_EQ(L->MaxLoopDepth, 1u);
}

TEST(FactsExtractionTest, NonexistentMainFileFails) {
  TUCase R = cRun();
  R.Main = "/proj/nope.c";
  ScanFacts F = R();
  ASSERT_EQ(F.TranslationUnits.size(), 1u);
  const TranslationUnitFacts &TU = F.TranslationUnits[0];
  EXPECT_EQ(TU.File, "nope.c");
  EXPECT_EQ(TU.Status, ParseStatus::Failed);
  EXPECT_EQ(TU.FailureReason, "no such file or directory: '/proj/nope.c'");
  EXPECT_GE(TU.ErrorCount, 1u);
  ASSERT_FALSE(TU.Errors.empty());
  EXPECT_EQ(TU.Errors[0].Message, TU.FailureReason);
  EXPECT_TRUE(F.Functions.empty());
  EXPECT_TRUE(F.Files.empty());
}

namespace {
// Reports one finding per TU, to check findings travel with the facts.
class OneFinding : public TUAnalyzer {
public:
  void endTranslationUnit(clang::ASTContext &, TUContext &Ctx) override {
    Finding X;
    X.RuleId = "test.rule";
    X.File = "a.c";
    X.Line = 1;
    X.Message = "seen";
    Ctx.Findings.push_back(X);
  }
};
} // namespace

TEST(FactsExtractionTest, AnalyzerFindingsAreReturned) {
  TUCase R = cRun();
  R.MakeAnalyzer = [] { return std::make_unique<OneFinding>(); };
  ScanFacts F = R();
  ASSERT_EQ(F.Findings.size(), 1u);
  EXPECT_EQ(F.Findings[0].RuleId, "test.rule");
  EXPECT_EQ(F.Findings[0].Message, "seen");
}

// Runs last in this file: it installs crash handlers for the process.
TEST(FactsExtractionCrashTest, InjectedCrashFailsTheTranslationUnitOnly) {
  llvm::CrashRecoveryContext::Enable();
  TUCase R = cRun();
  R.InjectCrashSuffix = "a.c";
  R.MakeAnalyzer = [] { return std::make_unique<OneFinding>(); };
  ScanFacts F;
  {
#ifdef CARCINIZE_LSAN
    // The crash leaves the parse by longjmp (CrashRecoveryContext does not
    // unwind), abandoning everything the parse had allocated. carcinize
    // parses in a child process that then exits, so this is no leak there;
    // here, in-process, it would fail the test under LeakSanitizer. Only
    // this crashed parse is exempt: the next one below is still checked.
    __lsan::ScopedDisabler AbandonedByTheCrash;
#endif
    F = R();
  }
  ASSERT_EQ(F.TranslationUnits.size(), 1u);
  const TranslationUnitFacts &TU = F.TranslationUnits[0];
  EXPECT_EQ(TU.File, "a.c");
  EXPECT_EQ(TU.Status, ParseStatus::Failed);
  EXPECT_EQ(TU.FailureReason,
            "the parser crashed on this file (the rest of the scan is complete)");
  EXPECT_TRUE(F.Functions.empty());
  // The crashed TU's main file is in the facts with every code line
  // unanalysed, so coverage counts what was not seen (issue 16).
  ASSERT_EQ(F.Files.size(), 1u);
  EXPECT_EQ(F.Files[0].Path, "a.c");
  EXPECT_GT(F.Files[0].CodeLines, 0u);
  EXPECT_EQ(F.Files[0].UnanalysedLines, F.Files[0].CodeLines);
  EXPECT_TRUE(F.Findings.empty());

  // The process goes on, and other files still parse.
  TUCase Other = cRun();
  Other.InjectCrashSuffix = "other.c";
  ScanFacts G = Other();
  EXPECT_EQ(G.TranslationUnits.at(0).Status, ParseStatus::Clean);
  EXPECT_EQ(G.Functions.size(), 5u);
}
