#include "frontend/InterfaceExtractor.h"

#include "frontend/CommandMangler.h"
#include "frontend/ResourceDir.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace carcinize;
using carcinize::test::TempDir;

namespace {

// The module m.c/m.h of a temporary tree, its interface extracted as
// `carcinize pilot` does (the callers' names from the call graph in Called).
struct Module {
  TempDir T;
  ModuleInterface I;
  Module(const std::string &Header, const std::string &Source,
         std::set<std::string> Called = {}) {
    T.write("m.h", Header);
    // A header of another module, declaring what the module defines.
    T.write("other.h", "int called_elsewhere(void);\n");
    std::string Main = T.write("m.c", Source);
    InterfaceRequest R;
    R.Root = T.path();
    R.ModuleFiles = {"m.c", "m.h"};
    R.Called = std::move(Called);
    TUJob J;
    J.File = Main;
    J.Directory = T.path();
    J.Argv =
        CommandMangler::forTests(configuredResourceDir())
            .forInferred(Main, {"-std=gnu17", "-I" + T.path(), "-DLEVEL=3"});
    R.Jobs = {J};
    I = extractInterface(R);
  }
  const InterfaceFunction *fn(const std::string &N) const {
    for (const auto &F : I.Functions)
      if (F.Name == N)
        return &F;
    return nullptr;
  }
  const InterfaceType *type(const std::string &CName) const {
    for (const auto &X : I.Types)
      if (X.CName == CName)
        return &X;
    return nullptr;
  }
};

bool mentions(const std::vector<std::string> &Problems,
              const std::string &Part) {
  return std::any_of(
      Problems.begin(), Problems.end(),
      [&](const std::string &P) { return P.find(Part) != std::string::npos; });
}

TEST(InterfaceExtractorTest, ExportsHeaderFunctionsAndCalledOnesNotStatics) {
  Module M("#include <stddef.h>\nint api(const unsigned char *p, size_t n);\n",
           "#include \"m.h\"\n"
           "#include \"other.h\"\n"
           "static int helper(int x) { return x; }\n"
           "int api(const unsigned char *p, size_t n) { return helper((int)n) "
           "+ p[0]; }\n"
           "int called_elsewhere(void) { return 1; }\n"
           "int internal(void) { return 2; }\n",
           {"called_elsewhere"});
  ASSERT_NE(M.fn("api"), nullptr);
  EXPECT_EQ(M.fn("api")->Header, "m.h");
  ASSERT_EQ(M.fn("api")->Params.size(), 2u);
  EXPECT_EQ(M.fn("api")->Params[0].RustType, "*const c_uchar");
  EXPECT_EQ(M.fn("api")->Params[1].RustType, "usize");
  EXPECT_EQ(M.fn("api")->ReturnRust, "c_int");
  ASSERT_NE(M.fn("called_elsewhere"), nullptr);
  EXPECT_EQ(M.fn("called_elsewhere")->Header, "");
  EXPECT_EQ(M.fn("called_elsewhere")->OtherHeader, "other.h");
  EXPECT_EQ(M.fn("api")->OtherHeader, "");
  EXPECT_EQ(M.fn("helper"), nullptr);
  EXPECT_EQ(M.fn("internal"), nullptr);
  EXPECT_TRUE(M.I.Notes.empty());
  ASSERT_EQ(M.I.SourceFlags.size(), 1u);
  const auto &Flags = M.I.SourceFlags[0].second;
  EXPECT_NE(std::find(Flags.begin(), Flags.end(), "-DLEVEL=3"), Flags.end());
  EXPECT_NE(std::find(Flags.begin(), Flags.end(), "-std=gnu17"), Flags.end());
}

TEST(InterfaceExtractorTest, StructLayoutEnumsTypedefsAndCallbacks) {
  Module M(
      "#include <stdint.h>\n"
      "#define M_MAX 8\n"
      "enum color { RED, GREEN = 5 };\n"
      "typedef int (*visit_fn)(void *user, const char *s);\n"
      "struct item { uint8_t tag; uint32_t n; enum color c; struct item *next; "
      "visit_fn cb; char name[M_MAX]; };\n"
      "typedef struct item item_t;\n"
      "int walk(const item_t *first, visit_fn cb, void *user);\n",
      "#include \"m.h\"\n"
      "int walk(const item_t *first, visit_fn cb, void *user) {\n"
      "  if (!first) return -1;\n"
      "  if (!cb) return -2;\n"
      "  int n = 0;\n"
      "  for (; first; first = first->next) n += cb(user, first->name);\n"
      "  return n;\n}\n");
  const InterfaceType *Item = M.type("struct item");
  ASSERT_NE(Item, nullptr);
  EXPECT_EQ(Item->K, InterfaceType::Struct);
  EXPECT_EQ(Item->Size, 40u);
  ASSERT_EQ(Item->Fields.size(), 6u);
  EXPECT_EQ(Item->Fields[1].Name, "n");
  EXPECT_EQ(Item->Fields[1].OffsetBits, 32u);
  EXPECT_EQ(Item->Fields[1].RustType, "u32");
  EXPECT_EQ(Item->Fields[2].RustType, "color");
  EXPECT_EQ(Item->Fields[3].RustType, "*mut item");
  EXPECT_EQ(Item->Fields[4].RustType, "visit_fn");
  EXPECT_EQ(Item->Fields[5].RustType, "[c_char; 8]");
  const InterfaceType *Color = M.type("enum color");
  ASSERT_NE(Color, nullptr);
  ASSERT_EQ(Color->Constants.size(), 2u);
  EXPECT_EQ(Color->Constants[1].first, "GREEN");
  EXPECT_EQ(Color->Constants[1].second, "5");
  const InterfaceType *Visit = M.type("visit_fn");
  ASSERT_NE(Visit, nullptr);
  EXPECT_TRUE(Visit->FunctionPointer);
  EXPECT_EQ(
      Visit->Underlying,
      "Option<unsafe extern \"C\" fn(*mut c_void, *const c_char) -> c_int>");
  const InterfaceFunction *Walk = M.fn("walk");
  ASSERT_NE(Walk, nullptr);
  EXPECT_EQ(Walk->Params[0].RustType, "*const item_t");
  EXPECT_TRUE(Walk->Params[1].Callback);
  EXPECT_EQ(Walk->Params[1].CallbackParams,
            (std::vector<std::string>{"void *", "const char *"}));
  ASSERT_EQ(Walk->Checks.size(), 2u);
  EXPECT_EQ(Walk->Checks[0].Condition, "!first");
  EXPECT_EQ(Walk->Checks[0].Outcome, "returns `-1`");
  EXPECT_EQ(Walk->Checks[1].Line, 4u);
  ASSERT_EQ(M.I.Macros.size(), 1u);
  EXPECT_EQ(M.I.Macros[0].Name, "M_MAX");
  EXPECT_EQ(M.I.Macros[0].Body, "8");
}

TEST(InterfaceExtractorTest, MarksWhatCannotCrossExternC) {
  Module M(
      "#include <stdint.h>\n"
      "struct flags { unsigned a : 3; unsigned b : 5; };\n"
      "struct blob { uint32_t n; uint8_t data[]; };\n"
      "int set_flags(struct flags *f);\n"
      "int blob_sum(const struct blob *b);\n"
      "int logf_(const char *fmt, ...);\n"
      "long double precise(long double x);\n",
      "#include \"m.h\"\n"
      "int set_flags(struct flags *f) { f->a = 1; return f->b; }\n"
      "int blob_sum(const struct blob *b) { return b->n ? b->data[0] : 0; }\n"
      "int logf_(const char *fmt, ...) { return fmt[0]; }\n"
      "long double precise(long double x) { return x; }\n");
  const InterfaceType *Flags = M.type("struct flags");
  ASSERT_NE(Flags, nullptr);
  EXPECT_TRUE(mentions(Flags->Problems, "bit-fields"));
  EXPECT_TRUE(Flags->Fields[1].BitField);
  EXPECT_EQ(Flags->Fields[1].BitWidth, 5u);
  EXPECT_EQ(Flags->Fields[1].OffsetBits, 3u);
  const InterfaceType *Blob = M.type("struct blob");
  ASSERT_NE(Blob, nullptr);
  EXPECT_TRUE(mentions(Blob->Problems, "flexible array member"));
  EXPECT_EQ(Blob->Fields[1].RustType, "[u8; 0]");
  EXPECT_TRUE(Blob->Fields[1].FlexibleArray);
  ASSERT_NE(M.fn("logf_"), nullptr);
  EXPECT_TRUE(M.fn("logf_")->Variadic);
  EXPECT_TRUE(mentions(M.fn("logf_")->Problems, "variadic"));
  ASSERT_NE(M.fn("precise"), nullptr);
  EXPECT_EQ(M.fn("precise")->ReturnRust, "");
  EXPECT_TRUE(mentions(M.fn("precise")->Problems, "long double"));
  // A pointer to a struct with bit-fields is fine: the function is not blocked.
  ASSERT_NE(M.fn("set_flags"), nullptr);
  EXPECT_TRUE(M.fn("set_flags")->Problems.empty());
}

TEST(InterfaceExtractorTest, GlobalsReadAndWritten) {
  Module M(
      "extern int counter;\nextern const int limit;\nint bump(void);\n",
      "#include \"m.h\"\n"
      "int counter = 0;\n"
      "static int calls;\n"
      "int bump(void) { ++calls; counter = counter + 1; return limit; }\n");
  auto G = [&](const std::string &N) -> const InterfaceGlobal * {
    for (const auto &X : M.I.Globals)
      if (X.Name == N)
        return &X;
    return nullptr;
  };
  ASSERT_NE(G("counter"), nullptr);
  EXPECT_TRUE(G("counter")->DefinedHere);
  EXPECT_TRUE(G("counter")->Written);
  EXPECT_TRUE(G("counter")->Read);
  EXPECT_EQ(G("counter")->RustType, "c_int");
  ASSERT_NE(G("calls"), nullptr);
  EXPECT_TRUE(G("calls")->Static);
  EXPECT_TRUE(G("calls")->Written);
  ASSERT_NE(G("limit"), nullptr);
  EXPECT_FALSE(G("limit")->DefinedHere);
  EXPECT_TRUE(G("limit")->Const);
  EXPECT_FALSE(G("limit")->Written);
}

} // namespace
