// pilot/PilotKit: the kit rendered from a hand-made FFI surface and facts,
// and the way it is written (a new folder, whole, never through a link).
#include "pilot/PilotKit.h"

#include "config/Config.h"
#include "support/Error.h"

#include <gtest/gtest.h>

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>

#include <filesystem>
#include <fstream>

using namespace carcinize;

namespace {

bool has(const std::string &Text, const std::string &Part) {
  return Text.find(Part) != std::string::npos;
}

InterfaceParam param(const char *Name, const char *C, const char *Rust) {
  InterfaceParam P;
  P.Name = Name;
  P.CType = C;
  P.RustType = Rust;
  return P;
}

InterfaceField field(const char *Name, const char *C, const char *Rust,
                     uint64_t Offset, uint64_t Size) {
  InterfaceField F;
  F.Name = Name;
  F.CType = C;
  F.RustType = Rust;
  F.OffsetBits = Offset;
  F.SizeBits = Size;
  return F;
}

struct Fixture {
  ScanFacts Facts;
  ProgramAnalysis Analysis;
  std::vector<ModuleScore> Modules;
  PilotInput In;
  PilotKit Kit;

  Fixture() {
    FunctionFacts Parse;
    Parse.Usr = "c:@F@parse";
    Parse.Name = "parse";
    Parse.File = "m.c";
    Parse.BeginLine = 3;
    Parse.EndLine = 9;
    Parse.ReturnType = "int";
    Parse.ExternalLinkage = true;
    FunctionFacts Main;
    Main.Usr = "c:@F@main";
    Main.Name = "main";
    Main.File = "app.c";
    Main.BeginLine = 5;
    Main.EndLine = 9;
    Main.ExternalLinkage = true;
    CallSite Call;
    Call.CalleeUsr = Parse.Usr;
    Call.CalleeName = "parse";
    Call.Line = 7;
    Main.Callees.push_back(Call);
    Facts.Functions = {Main, Parse};
    Finding F;
    F.RuleId = "mem.unchecked-memcpy-size";
    F.Sev = Severity::High;
    F.File = "m.c";
    F.Line = 6;
    F.FunctionUsr = Parse.Usr;
    F.FunctionName = "parse";
    F.Message = "'memcpy' copies 'n' bytes";
    Facts.Findings = {F};
    for (const char *P : {"m.c", "app.c"}) {
      FileFacts File;
      File.Path = P;
      Facts.Files.push_back(File);
    }
    Facts.normalize();
    Analysis = analyzeProgram(Facts, BoundaryConfig{});
    Modules = rankModules(Facts, Analysis, RankOptions{});

    ModuleInterface &I = In.Interface;
    InterfaceType Rec;
    Rec.K = InterfaceType::Struct;
    Rec.CName = "struct rec";
    Rec.RustName = "rec";
    Rec.File = "m.h";
    Rec.Line = 2;
    Rec.Size = 8;
    Rec.Align = 4;
    Rec.Fields = {field("kind", "uint8_t", "u8", 0, 8),
                  field("len", "uint32_t", "u32", 32, 32)};
    I.Types = {Rec};
    InterfaceFunction Fn;
    Fn.Name = "parse";
    Fn.File = "m.c";
    Fn.Line = 3;
    Fn.Header = "m.h";
    Fn.Defined = true;
    Fn.ReturnC = "int";
    Fn.ReturnRust = "c_int";
    Fn.ReturnInteger = true;
    Fn.Prototype =
        "int parse(const unsigned char *p, size_t n, struct rec *out)";
    InterfaceParam P = param("p", "const unsigned char *", "*const c_uchar");
    P.CanonicalC = "const unsigned char *";
    P.PointeeConst = true;
    P.PointeeBytes = 1;
    InterfaceParam N = param("n", "size_t", "usize");
    N.CanonicalC = "unsigned long";
    N.Integer = true;
    N.Bytes = 8;
    InterfaceParam Out = param("out", "struct rec *", "*mut rec");
    Out.CanonicalC = "struct rec *";
    Out.PointeeType = "rec";
    Out.PointeeBytes = 8;
    Fn.Params = {P, N, Out};
    InterfaceCheck Check;
    Check.Condition = "n < 2";
    Check.Outcome = "returns `-1`";
    Check.Line = 4;
    Fn.Checks = {Check};
    InterfaceFunction Log;
    Log.Name = "log_msg";
    Log.File = "m.c";
    Log.Line = 12;
    Log.ReturnC = "void";
    Log.ReturnRust = "()";
    Log.Variadic = true;
    Log.Prototype = "void log_msg(const char *fmt, ...)";
    Log.Problems = {
        "variadic: stable Rust cannot define a C variadic function"};
    I.Functions = {Log, Fn};
    I.Headers = {"m.h"};
    I.SourceFlags = {{"m.c", {"-std=gnu17", "-I/proj/include", "-DX=1"}}};
    InterfaceMacro Max, Name;
    Max.Name = "REC_MAX";
    Max.Body = "(64)";
    Name.Name = "REC_NAME";
    Name.Body = "\"rec\"";
    I.Macros = {Max, Name};
    for (const auto &M : Modules)
      if (M.Name.find("m") != std::string::npos &&
          std::find(M.Files.begin(), M.Files.end(), "m.c") != M.Files.end())
        In.Module = &M;
    In.Modules = &Modules;
    In.Facts = &Facts;
    In.Analysis = &Analysis;
    In.Root = "/proj";
    if (In.Module)
      Kit = renderPilotKit(In);
  }
};

TEST(PilotKitTest, CrateHasTheCSignaturesTypesAndContracts) {
  Fixture F;
  ASSERT_NE(F.In.Module, nullptr);
  const std::string &Ffi = F.Kit.Files.at("rust/src/ffi.rs");
  EXPECT_TRUE(has(Ffi, "#[repr(C)]\n#[derive(Clone, Copy)]\npub struct rec {\n "
                       "   pub kind: u8,"));
  EXPECT_TRUE(has(
      Ffi,
      "#[no_mangle]\npub unsafe extern \"C\" fn parse(p: *const c_uchar, n: "
      "usize, out: *mut rec) -> c_int {\n    todo!(\"parse: port m.c:3"));
  EXPECT_TRUE(has(Ffi, "/// - when `n < 2`: returns `-1` (line 4)"));
  EXPECT_TRUE(has(Ffi, "/// Called by: `main` (app.c:7)."));
  EXPECT_TRUE(has(Ffi, "/// - high `mem.unchecked-memcpy-size` line 6"));
  EXPECT_TRUE(has(Ffi, "pub const REC_MAX: c_int = 64;"));
  EXPECT_FALSE(has(Ffi, "REC_NAME: "))
      << "a string macro is not an integer constant";
  // The variadic function is marked, not defined.
  EXPECT_TRUE(has(Ffi, "// CANNOT CROSS AS WRITTEN: variadic"));
  EXPECT_FALSE(has(Ffi, "fn log_msg("));
  const std::string &Cargo = F.Kit.Files.at("rust/Cargo.toml");
  EXPECT_TRUE(has(Cargo, "crate-type = [\"staticlib\", \"rlib\"]"));
  EXPECT_FALSE(has(Cargo, "[dependencies]"));
}

TEST(PilotKitTest, LayoutTestNamesEveryFieldOnBothSides) {
  Fixture F;
  ASSERT_NE(F.In.Module, nullptr);
  const std::string &C = F.Kit.Files.at("c/layout.c");
  const std::string &Rust = F.Kit.Files.at("rust/src/bin/pilot_layout.rs");
  EXPECT_TRUE(has(C, "offsetof(struct rec, len)"));
  EXPECT_TRUE(has(C, "sizeof(struct rec)"));
  EXPECT_TRUE(
      has(Rust, "println!(\"offset struct rec.len {}\", offset!(rec, len));"));
  EXPECT_TRUE(has(Rust, "addr_of!"));
  EXPECT_TRUE(has(F.Kit.Files.at("c/pilot.h"), "#include \"m.h\""));
}

TEST(PilotKitTest, HarnessCallsWhatBytesCanFeedAndListsTheRest) {
  Fixture F;
  ASSERT_NE(F.In.Module, nullptr);
  const std::string &Cases = F.Kit.Files.at("harness/cases.c");
  EXPECT_TRUE(has(
      Cases, "int r = parse((const unsigned char *)data, (size_t)len, &v2);"));
  EXPECT_TRUE(has(Cases, "pilot_take(&v2, sizeof v2);"));
  EXPECT_TRUE(
      has(Cases, "fprintf(out, \" out.len=%lld\", (long long)(&v2)->len);"));
  EXPECT_TRUE(has(Cases, "Add their calls to\n   pilot_run()"));
  EXPECT_TRUE(has(Cases, "     void log_msg(const char *fmt, ...);"));
  const std::string &Mk = F.Kit.Files.at("Makefile");
  EXPECT_TRUE(has(Mk, "FLAGS_0 := '-std=gnu17' '-I/proj/include' '-DX=1'"));
  EXPECT_TRUE(has(Mk, "PROJECT_ROOT ?= /proj"));
  EXPECT_TRUE(
      has(Mk, "RENAMES := -Dlog_msg=pilot_c_log_msg -Dparse=pilot_c_parse"));
  EXPECT_TRUE(has(F.Kit.Files.at("pilot.cmake"), "PILOT_IMPL"));
  EXPECT_EQ(F.Kit.Executables, std::vector<std::string>{"harness/ab.sh"});
  // Generated seeds when the project has none.
  EXPECT_EQ(F.Kit.Files.count("corpus/bytes"), 1u);
}

TEST(PilotKitTest, CrateNames) {
  EXPECT_EQ(pilotCrateName("src/tlv.c"), "tlv_pilot");
  EXPECT_EQ(pilotCrateName("lib/3d-mesh.cpp"), "m_3d_mesh_pilot");
  EXPECT_EQ(pilotCrateName("net"), "net_pilot");
}

struct Dir {
  std::string Path;
  Dir() {
    llvm::SmallString<128> P;
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("carcinize-pilot", P));
    Path = std::string(P.str());
  }
  ~Dir() { std::filesystem::remove_all(Path); }
};

PilotKit smallKit() {
  PilotKit K;
  K.Files["README.md"] = "hello\n";
  K.Files["harness/ab.sh"] = "#!/bin/sh\n";
  K.Executables = {"harness/ab.sh"};
  return K;
}

TEST(PilotKitTest, WritesANewFolderWhole) {
  Dir D;
  writePilotKit(smallKit(), D.Path + "/kit");
  std::ifstream In(D.Path + "/kit/README.md");
  std::string Text((std::istreambuf_iterator<char>(In)),
                   std::istreambuf_iterator<char>());
  EXPECT_EQ(Text, "hello\n");
  EXPECT_NE(
      std::filesystem::status(D.Path + "/kit/harness/ab.sh").permissions() &
          std::filesystem::perms::owner_exec,
      std::filesystem::perms::none);
  // Nothing but the kit beside it.
  unsigned Entries = 0;
  for ([[maybe_unused]] const auto &E :
       std::filesystem::directory_iterator(D.Path))
    ++Entries;
  EXPECT_EQ(Entries, 1u);
  // An empty folder is taken over.
  std::filesystem::create_directory(D.Path + "/empty");
  writePilotKit(smallKit(), D.Path + "/empty");
  EXPECT_TRUE(std::filesystem::exists(D.Path + "/empty/README.md"));
}

TEST(PilotKitTest, RefusesANonEmptyFolderALinkAndNamesOutside) {
  Dir D;
  std::filesystem::create_directory(D.Path + "/full");
  std::ofstream(D.Path + "/full/keep") << "x";
  EXPECT_THROW(writePilotKit(smallKit(), D.Path + "/full"), InputError);
  std::filesystem::create_directory(D.Path + "/target");
  std::filesystem::create_directory_symlink(D.Path + "/target",
                                            D.Path + "/link");
  EXPECT_THROW(writePilotKit(smallKit(), D.Path + "/link"), InputError);
  EXPECT_TRUE(std::filesystem::is_empty(D.Path + "/target"));
  PilotKit Bad = smallKit();
  Bad.Files["../escape.txt"] = "no";
  EXPECT_THROW(writePilotKit(Bad, D.Path + "/bad"), InputError);
  EXPECT_FALSE(std::filesystem::exists(D.Path + "/escape.txt"));
  EXPECT_FALSE(std::filesystem::exists(D.Path + "/bad"));
  // No temporary folder is left behind by the failures.
  for (const auto &E : std::filesystem::directory_iterator(D.Path))
    EXPECT_EQ(E.path().filename().string().find(".tmp-"), std::string::npos)
        << E.path();
}

} // namespace

namespace {

InterfaceParam handleParam(const char *Name, const char *Struct) {
  InterfaceParam P = param(Name, (std::string(Struct) + " *").c_str(), "*mut h");
  P.CanonicalC = std::string(Struct) + " *";
  return P;
}

InterfaceParam intParam(const char *Name, const char *C = "int") {
  InterfaceParam P = param(Name, C, "c_int");
  P.CanonicalC = C;
  P.Integer = true;
  return P;
}

InterfaceFunction fn(const char *Name, std::vector<InterfaceParam> Params,
                     const char *Ret = "int") {
  InterfaceFunction F;
  F.Name = Name;
  F.File = "m.c";
  F.Header = "m.h";
  F.Defined = true;
  F.ReturnC = Ret;
  F.ReturnCanonicalC = Ret;
  F.ReturnInteger = std::string(Ret) != "void";
  F.Params = std::move(Params);
  F.Prototype = std::string(Ret) + " " + Name + "(...)";
  return F;
}

InterfaceField cfield(const char *Name, const char *C, const char *Rust,
                      uint64_t Offset, uint64_t Size) {
  InterfaceField F = field(Name, C, Rust, Offset, Size);
  F.CanonicalC = C;
  return F;
}

/// A handle `struct dec` with stream fields src/src_len and dst/dst_len.
void addStreamHandle(ModuleInterface &I) {
  InterfaceType H;
  H.K = InterfaceType::Struct;
  H.CName = "struct dec";
  H.RustName = "dec";
  H.File = "m.h";
  H.Size = 40;
  H.Align = 8;
  H.Fields = {cfield("src", "const unsigned char *", "*const c_uchar", 0, 64),
              cfield("src_len", "unsigned long", "usize", 64, 64),
              cfield("dst", "unsigned char *", "*mut c_uchar", 128, 64),
              cfield("dst_len", "unsigned long", "usize", 192, 64),
              cfield("msg", "const char *", "*const c_char", 256, 64)};
  I.Types.push_back(H);
}

std::string rerender(Fixture &F) {
  F.Kit = renderPilotKit(F.In);
  return F.Kit.Files.at("harness/cases.c");
}

} // namespace

TEST(PilotKitTest, HarnessRunsAStreamHandleInASession) {
  Fixture F;
  ASSERT_NE(F.In.Module, nullptr);
  ModuleInterface &I = F.In.Interface;
  addStreamHandle(I);
  InterfaceParam Version = param("version", "const char *", "*const c_char");
  Version.CanonicalC = "const char *";
  I.Functions.push_back(fn("dec_open", {handleParam("d", "struct dec"), Version,
                                        intParam("struct_size")}));
  I.Functions.push_back(fn("dec", {handleParam("d", "struct dec"), intParam("flush")}));
  I.Functions.push_back(fn("dec_reset", {handleParam("d", "struct dec"), intParam("bits")}));
  I.Functions.push_back(fn("dec_close", {handleParam("d", "struct dec")}));
  InterfaceMacro V;
  V.Name = "DEC_VERSION";
  V.Body = "\"1.0\"";
  V.File = "m.h";
  I.VersionMacros = {V};
  std::string Cases = rerender(F);
  // Constructor: the handle zeroed, sizeof for `size`, the version macro.
  EXPECT_TRUE(has(Cases, "memset(&h, 0, sizeof h);"));
  EXPECT_TRUE(has(Cases, "dec_open(hp, DEC_VERSION, (int)sizeof *hp)"));
  // Input and output through the handle's fields.
  EXPECT_TRUE(has(Cases, "hp->src = (const unsigned char *)(size_t)data;"));
  EXPECT_TRUE(has(Cases, "hp->src_len = (unsigned long)len;"));
  EXPECT_TRUE(has(Cases, "hp->dst = (unsigned char *)pilot_obuf;"));
  EXPECT_TRUE(has(Cases, "pilot_fnv(&fnv, pilot_obuf, wrote);"));
  // The driver named as the session's stem, looped with a bound; the other
  // handle function left to the user.
  EXPECT_TRUE(has(Cases, "for (size_t step = 0; step < 64 + 4 * len; ++step)"));
  EXPECT_TRUE(has(Cases, "long long r = (long long)dec(hp, (int)0);"));
  EXPECT_FALSE(has(Cases, "dec_reset(hp"));
  EXPECT_TRUE(has(Cases, "     int dec_reset(...);"));
  EXPECT_TRUE(has(Cases, "pilot_str(out, \" h.msg\", (hp)->msg);"));
  EXPECT_TRUE(has(Cases, "dec_close(hp);"));
  EXPECT_FALSE(has(Cases, "#if 0"));
  EXPECT_TRUE(has(F.Kit.Files.at("README.md"),
                  "- `struct dec`: constructor `dec_open`(hp, DEC_VERSION, "
                  "(int)sizeof *hp), input through `src`/`src_len`, `dec` is "
                  "the driver (output through `dst`/`dst_len`), finisher "
                  "none, destructor `dec_close`.\n"));
}

TEST(PilotKitTest, AnUndecidedSessionIsLeftUnderIf0WithATodo) {
  Fixture F;
  ASSERT_NE(F.In.Module, nullptr);
  ModuleInterface &I = F.In.Interface;
  addStreamHandle(I);
  // No version macro, and two drivers, neither named as the session.
  InterfaceParam Version = param("version", "const char *", "*const c_char");
  Version.CanonicalC = "const char *";
  I.Functions.push_back(fn("dec_init", {handleParam("d", "struct dec"), Version}));
  I.Functions.push_back(fn("dec_step", {handleParam("d", "struct dec")}));
  I.Functions.push_back(fn("dec_run", {handleParam("d", "struct dec")}));
  I.Functions.push_back(fn("dec_free", {handleParam("d", "struct dec")}, "void"));
  std::string Cases = rerender(F);
  EXPECT_TRUE(has(Cases, "/* TODO: the harness is not sure of this session"));
  EXPECT_TRUE(has(Cases, "`dec_init`'s `version`: no single `*VERSION` string "
                         "macro in its header"));
  EXPECT_TRUE(has(Cases, "2 functions of the module could drive the handle"));
  EXPECT_TRUE(has(Cases, "#if 0\n  {\n"));
  EXPECT_TRUE(has(Cases, "#endif\n"));
  // Not sure: its functions are still listed for the user.
  EXPECT_TRUE(has(Cases, "     int dec_step(...);"));
  EXPECT_TRUE(has(F.Kit.Files.at("README.md"), "**Not sure**"));
}

TEST(PilotKitTest, SessionWithAnotherModulesConstructorAndEventReleaser) {
  Fixture F;
  ASSERT_NE(F.In.Module, nullptr);
  ModuleInterface &I = F.In.Interface;
  InterfaceType P;
  P.K = InterfaceType::Struct;
  P.CName = "struct parser";
  P.RustName = "parser";
  P.Size = 8;
  P.Align = 4;
  P.Fields = {cfield("error", "int", "c_int", 0, 32)};
  InterfaceType E = P;
  E.CName = "struct event";
  E.RustName = "event";
  E.Fields = {cfield("type", "int", "c_int", 0, 32)};
  I.Types.push_back(P);
  I.Types.push_back(E);
  // The module defines the driver; another module the rest (Partners).
  I.Functions.push_back(fn("p_parse", {handleParam("p", "struct parser"),
                                       handleParam("ev", "struct event")}));
  auto Partner = [](InterfaceFunction F) {
    F.Defined = false;
    F.Header.clear();
    F.OtherHeader = "include/api.h";
    return F;
  };
  InterfaceParam In = param("in", "const unsigned char *", "");
  In.CanonicalC = "const unsigned char *";
  In.PointeeConst = true;
  InterfaceParam Size = intParam("size", "unsigned long");
  // In name order, as the extractor gives them.
  I.Partners = {
      Partner(fn("p_initialize", {handleParam("p", "struct parser")})),
      Partner(fn("p_set_input_string", {handleParam("p", "struct parser"), In, Size},
                 "void")),
      Partner(fn("p_delete", {handleParam("p", "struct parser")}, "void")),
      Partner(fn("p_event_delete", {handleParam("e", "struct event")}, "void")),
      Partner(fn("p_stream_end_event_initialize", {handleParam("e", "struct event")}))};
  std::string Cases = rerender(F);
  EXPECT_TRUE(has(Cases, "(long long)p_initialize(hp);"));
  EXPECT_TRUE(has(Cases, "p_set_input_string(hp, (const unsigned char *)data, "
                         "(unsigned long)len);"));
  EXPECT_TRUE(has(Cases, "(long long)p_parse(hp, &o1);"));
  EXPECT_TRUE(has(Cases, "fprintf(out, \" ev.type=%lld\", (long long)(&o1)->type);"));
  EXPECT_TRUE(has(Cases, "p_event_delete(&o1);"));
  EXPECT_FALSE(has(Cases, "p_stream_end_event_initialize(&o1)"));
  EXPECT_TRUE(has(Cases, "p_delete(hp);"));
  EXPECT_TRUE(has(F.Kit.Files.at("c/pilot.h"), "#include \"include/api.h\""));
  EXPECT_TRUE(has(F.Kit.Files.at("README.md"),
                  "`p_initialize` (include/api.h)"));
}
