#include "frontend/InterfaceExtractor.h"
#include "frontend/RegularFilesOnly.h"

#include "pilot/RustNames.h"
#include "support/Paths.h"
#include "support/Text.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/RecordLayout.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <algorithm>
#include <map>

namespace carcinize {

using namespace clang;

namespace {

/// One line of C, as the header declares the function.
std::string prototypeOf(const FunctionDecl *FD) {
  PrintingPolicy PP(FD->getASTContext().getLangOpts());
  PP.TerseOutput = true;
  PP.PolishForDeclaration = true;
  std::string Proto;
  llvm::raw_string_ostream PS(Proto);
  FD->getCanonicalDecl()->print(PS, PP);
  PS.flush();
  return oneLine(Proto, 400);
}

bool isHeaderPath(const std::string &P) {
  std::string_view E = extensionOf(P);
  return E == ".h" || E == ".hh" || E == ".hpp" || E == ".hxx" || E == ".inc";
}

/// Rust names of C's fixed-width and size typedefs: the width is the
/// contract, whatever the platform's typedef chain says.
const std::map<std::string, std::string> &knownTypedefs() {
  static const std::map<std::string, std::string> M = {
      {"int8_t", "i8"},       {"uint8_t", "u8"},      {"int16_t", "i16"},
      {"uint16_t", "u16"},    {"int32_t", "i32"},     {"uint32_t", "u32"},
      {"int64_t", "i64"},     {"uint64_t", "u64"},    {"size_t", "usize"},
      {"ssize_t", "isize"},   {"ptrdiff_t", "isize"}, {"intptr_t", "isize"},
      {"uintptr_t", "usize"}, {"off_t", "i64"}};
  return M;
}


/// What one parse collects; merged over the module's sources.
struct Collector {
  const InterfaceRequest &Req;
  const TUJob &Job;
  ModuleInterface &Out;
  std::set<std::string> Files; ///< the module's files
  ASTContext *Ctx = nullptr;
  SourceManager *SM = nullptr;
  std::map<const Decl *, size_t> TypeIndex; ///< decl -> Out.Types (this TU)
  std::map<const Decl *, std::string> AnonNames;
  std::map<std::string, size_t> TypeByCName; ///< merged across TUs

  Collector(const InterfaceRequest &R, const TUJob &J, ModuleInterface &O)
      : Req(R), Job(J), Out(O),
        Files(R.ModuleFiles.begin(), R.ModuleFiles.end()) {
    for (size_t I = 0; I < Out.Types.size(); ++I)
      TypeByCName[Out.Types[I].CName] = I;
  }

  std::string fileOf(SourceLocation Loc) const {
    Loc = SM->getExpansionLoc(Loc);
    OptionalFileEntryRef FE = SM->getFileEntryRefForID(SM->getFileID(Loc));
    if (!FE)
      return "";
    std::string Abs = absolutePath(FE->getName().str(), Job.Directory);
    if (!isUnder(Abs, Req.Root))
      return "";
    return relativeTo(Abs, Req.Root);
  }
  unsigned lineOf(SourceLocation Loc) const {
    return SM->getExpansionLineNumber(Loc);
  }
  bool inModule(SourceLocation Loc) const {
    return Files.count(fileOf(Loc)) > 0;
  }
  bool inSystem(SourceLocation Loc) const {
    return SM->isInSystemHeader(SM->getExpansionLoc(Loc)) ||
           fileOf(Loc).empty();
  }

  /// A type as C spells it, without the locations of anonymous tags.
  std::string spell(QualType T) const {
    PrintingPolicy PP(Ctx->getLangOpts());
    PP.AnonymousTagLocations = false;
    return T.getAsString(PP);
  }

  std::string text(SourceRange R) const {
    CharSourceRange CR = CharSourceRange::getTokenRange(R);
    return oneLine(Lexer::getSourceText(CR, *SM, Ctx->getLangOpts()), 140);
  }

  std::string recordRustName(const RecordDecl *RD) {
    if (const IdentifierInfo *Id = RD->getIdentifier())
      return rustIdent(Id->getName().str());
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      return rustIdent(TD->getName().str());
    auto It = AnonNames.find(RD->getCanonicalDecl());
    if (It != AnonNames.end())
      return It->second;
    std::string N = "anon_" + std::to_string(lineOf(RD->getLocation()));
    AnonNames[RD->getCanonicalDecl()] = N;
    return N;
  }
  std::string recordCName(const RecordDecl *RD) {
    std::string Tag = RD->isUnion() ? "union " : "struct ";
    if (const IdentifierInfo *Id = RD->getIdentifier())
      return Tag + Id->getName().str();
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      return TD->getName().str();
    return ""; // no C name: reached only as a member's type
  }

  static std::string builtinRust(const BuiltinType *B, bool &Problem,
                                 std::string &Why) {
    switch (B->getKind()) {
    case BuiltinType::Void:
      return "c_void";
    case BuiltinType::Bool:
      return "bool";
    case BuiltinType::Char_S:
    case BuiltinType::Char_U:
      return "c_char";
    case BuiltinType::SChar:
      return "c_schar";
    case BuiltinType::UChar:
      return "c_uchar";
    case BuiltinType::Short:
      return "c_short";
    case BuiltinType::UShort:
      return "c_ushort";
    case BuiltinType::Int:
      return "c_int";
    case BuiltinType::UInt:
      return "c_uint";
    case BuiltinType::Long:
      return "c_long";
    case BuiltinType::ULong:
      return "c_ulong";
    case BuiltinType::LongLong:
      return "c_longlong";
    case BuiltinType::ULongLong:
      return "c_ulonglong";
    case BuiltinType::Float:
      return "f32";
    case BuiltinType::Double:
      return "f64";
    case BuiltinType::WChar_S:
    case BuiltinType::WChar_U:
      return "i32";
    case BuiltinType::Char16:
      return "u16";
    case BuiltinType::Char32:
      return "u32";
    case BuiltinType::Char8:
      return "u8";
    default:
      break;
    }
    Problem = true;
    Why = "'" + std::string(B->getName(PrintingPolicy(LangOptions()))) +
          "' has no stable Rust FFI equivalent: pass it behind a pointer to an "
          "opaque buffer, "
          "or convert it to a fixed-width type in a C shim";
    return "";
  }

  /// The Rust type for \p T; \p ByValue when the boundary holds the value
  /// itself (a field, a parameter), not a pointer to it. Empty when none
  /// fits, with why appended to \p Problems.
  std::string rustType(QualType T, bool ByValue,
                       std::vector<std::string> &Problems) {
    if (T.isNull())
      return "";
    const Type *Top = T.getTypePtr();
    while (true) {
      if (const auto *E = dyn_cast<ElaboratedType>(Top))
        Top = E->getNamedType().getTypePtr();
      else if (const auto *Pa = dyn_cast<ParenType>(Top))
        Top = Pa->getInnerType().getTypePtr();
      else
        break;
    }
    if (const auto *TT = dyn_cast<TypedefType>(Top)) {
      const TypedefNameDecl *TD = TT->getDecl();
      std::string Name = TD->getName().str();
      auto K = knownTypedefs().find(Name);
      if (K != knownTypedefs().end())
        return K->second;
      {
        QualType Under = TD->getUnderlyingType();
        // `typedef struct foo foo`, or `typedef struct {...} foo`: one Rust
        // item.
        if (const auto *RT = Under->getAs<RecordType>()) {
          const RecordDecl *RD = RT->getDecl();
          if (RD->getTypedefNameForAnonDecl() == TD ||
              (RD->getIdentifier() && RD->getName() == Name))
            return rustType(Under, ByValue, Problems);
        }
        if (const auto *ET = Under->getAs<EnumType>()) {
          const EnumDecl *ED = ET->getDecl();
          if (ED->getTypedefNameForAnonDecl() == TD ||
              (ED->getIdentifier() && ED->getName() == Name))
            return rustType(Under, ByValue, Problems);
        }
        if (inSystem(TD->getLocation()))
          return rustType(Under, ByValue, Problems);
        return needTypedef(TD, Problems);
      }
    }
    const Type *Ty = T->getUnqualifiedDesugaredType();
    if (const auto *B = dyn_cast<BuiltinType>(Ty)) {
      bool Problem = false;
      std::string Why;
      std::string R = builtinRust(B, Problem, Why);
      if (Problem)
        Problems.push_back(Why);
      if (R == "c_void" && ByValue)
        return "()";
      return R;
    }
    if (const auto *P = dyn_cast<PointerType>(Ty)) {
      QualType Pointee = P->getPointeeType();
      if (const auto *FP = Pointee->getAs<FunctionProtoType>())
        return "Option<" + fnType(FP, Problems) + ">";
      if (Pointee->getAs<FunctionNoProtoType>()) {
        Problems.push_back("a pointer to a function without a prototype: "
                           "declare its parameters "
                           "in C");
        return "";
      }
      std::string Inner = rustType(Pointee, false, Problems);
      if (Inner.empty())
        Inner = "c_void";
      return (Pointee.isConstQualified() ? "*const " : "*mut ") + Inner;
    }
    if (isa<ReferenceType>(Ty)) {
      Problems.push_back(
          "a C++ reference: take a pointer in the extern \"C\" signature");
      return "";
    }
    if (const auto *CA = dyn_cast<ConstantArrayType>(Ty)) {
      std::string E = rustType(CA->getElementType(), true, Problems);
      if (E.empty())
        return "";
      return "[" + E + "; " + std::to_string(CA->getSize().getZExtValue()) +
             "]";
    }
    if (const auto *IA = dyn_cast<IncompleteArrayType>(Ty)) {
      std::string E = rustType(IA->getElementType(), true, Problems);
      if (E.empty())
        return "";
      return "[" + E + "; 0]";
    }
    if (const auto *RT = dyn_cast<RecordType>(Ty))
      return needRecord(RT->getDecl(), ByValue, Problems);
    if (const auto *ET = dyn_cast<EnumType>(Ty))
      return needEnum(ET->getDecl(), Problems);
    if (const auto *FP = dyn_cast<FunctionProtoType>(Ty))
      return fnType(FP, Problems);
    Problems.push_back("'" + spell(T) +
                       "' (a C++ or compiler-specific type) cannot cross "
                       "extern \"C\": wrap it "
                       "in an opaque pointer and C functions that take it");
    return "";
  }

  std::string fnType(const FunctionProtoType *FP,
                     std::vector<std::string> &Problems) {
    std::string S = "unsafe extern \"C\" fn(";
    for (unsigned I = 0; I < FP->getNumParams(); ++I) {
      std::string P = rustType(FP->getParamType(I), true, Problems);
      S += (I ? ", " : "") + (P.empty() ? std::string("*mut c_void") : P);
    }
    if (FP->isVariadic())
      S += FP->getNumParams() ? ", ..." : "...";
    S += ")";
    QualType R = FP->getReturnType();
    if (!R->isVoidType()) {
      std::string RR = rustType(R, true, Problems);
      S += " -> " + (RR.empty() ? std::string("*mut c_void") : RR);
    }
    return S;
  }

  InterfaceType *known(const Decl *D) {
    auto It = TypeIndex.find(D->getCanonicalDecl());
    return It == TypeIndex.end() ? nullptr : &Out.Types[It->second];
  }

  /// Adds \p T (after its dependencies, which the caller added) or, when a
  /// type of the same C name came from another source, keeps that one.
  size_t add(const Decl *D, InterfaceType T) {
    auto It = TypeByCName.find(T.CName.empty() ? "#" + T.RustName : T.CName);
    if (It != TypeByCName.end()) {
      // An opaque type seen again with its definition: the definition wins.
      if (Out.Types[It->second].K == InterfaceType::Opaque &&
          T.K != InterfaceType::Opaque)
        Out.Types[It->second] = std::move(T);
      TypeIndex[D->getCanonicalDecl()] = It->second;
      return It->second;
    }
    Out.Types.push_back(std::move(T));
    size_t I = Out.Types.size() - 1;
    TypeByCName[Out.Types[I].CName.empty() ? "#" + Out.Types[I].RustName
                                           : Out.Types[I].CName] = I;
    TypeIndex[D->getCanonicalDecl()] = I;
    return I;
  }

  std::string needTypedef(const TypedefNameDecl *TD,
                          std::vector<std::string> &Problems) {
    if (InterfaceType *K = known(TD)) {
      Problems.insert(Problems.end(), K->Problems.begin(), K->Problems.end());
      return K->RustName;
    }
    InterfaceType T;
    T.K = InterfaceType::Typedef;
    T.CName = TD->getName().str();
    T.RustName = rustIdent(T.CName);
    T.File = fileOf(TD->getLocation());
    T.Line = lineOf(TD->getLocation());
    QualType Under = TD->getUnderlyingType();
    T.UnderlyingC = spell(Under);
    if (const auto *P = Under->getAs<PointerType>())
      T.FunctionPointer = P->getPointeeType()->isFunctionType();
    // Reserve the slot first: a typedef can be reached again through itself
    // (a callback type taking a struct that holds the callback).
    size_t I = add(TD, T);
    std::vector<std::string> Why;
    std::string U = rustType(Under, true, Why);
    if (!Under->isIncompleteType() && !Under->isFunctionType() &&
        !Under->isVoidType()) {
      Out.Types[I].Size = Ctx->getTypeSizeInChars(Under).getQuantity();
      Out.Types[I].Align = Ctx->getTypeAlignInChars(Under).getQuantity();
    }
    Out.Types[I].Underlying = U.empty() ? "*mut c_void" : U;
    Out.Types[I].Problems = Why;
    Problems.insert(Problems.end(), Why.begin(), Why.end());
    return Out.Types[I].RustName;
  }

  std::string needEnum(const EnumDecl *ED, std::vector<std::string> &Problems) {
    if (InterfaceType *K = known(ED))
      return K->RustName;
    InterfaceType T;
    T.K = InterfaceType::Enum;
    if (ED->getIdentifier()) {
      T.CName = "enum " + ED->getName().str();
      T.RustName = rustIdent(ED->getName().str());
    } else if (const TypedefNameDecl *TD = ED->getTypedefNameForAnonDecl()) {
      T.CName = TD->getName().str();
      T.RustName = rustIdent(T.CName);
    } else {
      T.RustName = "anon_enum_" + std::to_string(lineOf(ED->getLocation()));
    }
    T.File = fileOf(ED->getLocation());
    T.Line = lineOf(ED->getLocation());
    const EnumDecl *Def = ED->getDefinition();
    if (!Def) {
      T.K = InterfaceType::Opaque;
      T.Problems.push_back(
          "an enumeration declared but not defined: its size is unknown");
      Problems.push_back(T.Problems.back());
      add(ED, T);
      return T.RustName;
    }
    std::vector<std::string> Why;
    T.Underlying = rustType(Def->getIntegerType(), true, Why);
    T.Size = Ctx->getTypeSizeInChars(Ctx->getEnumType(Def)).getQuantity();
    T.Align = Ctx->getTypeAlignInChars(Ctx->getEnumType(Def)).getQuantity();
    for (const EnumConstantDecl *C : Def->enumerators()) {
      llvm::SmallString<24> V;
      C->getInitVal().toString(V);
      T.Constants.emplace_back(C->getName().str(), V.str().str());
    }
    add(ED, T);
    return T.RustName;
  }

  std::string needRecord(const RecordDecl *RD, bool ByValue,
                         std::vector<std::string> &Problems) {
    if (InterfaceType *K = known(RD)) {
      if (ByValue && K->K == InterfaceType::Opaque && RD->getDefinition()) {
        // Seen behind a pointer first, by value now: it needs its fields.
      } else {
        Problems.insert(Problems.end(), K->Problems.begin(), K->Problems.end());
        return K->RustName;
      }
    }
    const RecordDecl *Def = RD->getDefinition();
    InterfaceType T;
    T.RustName = recordRustName(RD);
    T.CName = recordCName(RD);
    T.File = fileOf(RD->getLocation());
    T.Line = lineOf(RD->getLocation());
    // Only behind pointers, and not the project's (FILE, a library's
    // handle): opaque to Rust, as the Rustonomicon recommends.
    if (!Def || (!ByValue && inSystem(RD->getLocation()))) {
      T.K = InterfaceType::Opaque;
      if (!Def && ByValue) {
        T.Problems.push_back("an incomplete type passed by value");
        Problems.push_back(T.Problems.back());
      }
      add(RD, T);
      return T.RustName;
    }
    T.K = Def->isUnion() ? InterfaceType::Union : InterfaceType::Struct;
    const ASTRecordLayout &L = Ctx->getASTRecordLayout(Def);
    T.Size = L.getSize().getQuantity();
    T.Align = L.getAlignment().getQuantity();
    if (const auto *CXX = dyn_cast<CXXRecordDecl>(Def); CXX && !CXX->isCLike())
      T.Problems.push_back(
          "a C++ class (methods, bases, access control or virtual functions): "
          "pass it behind an opaque pointer, with extern \"C\" functions for "
          "what callers do with it");
    if (Def->hasAttr<PackedAttr>())
      T.Problems.push_back(
          "packed: declare it #[repr(C, packed)] and never take a reference "
          "to a field (unaligned)");
    size_t Slot = add(RD, T); // before the fields: a list node points to itself
    std::vector<InterfaceField> Fields;
    std::vector<std::string> Why = Out.Types[Slot].Problems;
    unsigned Index = 0;
    for (const FieldDecl *F : Def->fields()) {
      InterfaceField Fd;
      Fd.Name = F->getName().str();
      Fd.CType = spell(F->getType());
      Fd.CanonicalC = spell(F->getType().getCanonicalType());
      Fd.OffsetBits = L.getFieldOffset(Index++);
      if (F->isBitField()) {
        Fd.BitField = true;
        Fd.BitWidth = F->getBitWidthValue(*Ctx);
      } else if (!F->getType()->isIncompleteType()) {
        Fd.SizeBits = Ctx->getTypeSize(F->getType());
      }
      Fd.FlexibleArray = F->getType()->isIncompleteArrayType();
      if (const auto *Sub = F->getType()->getAsRecordDecl();
          Sub && !Sub->getIdentifier() && !Sub->getTypedefNameForAnonDecl())
        AnonNames[Sub->getCanonicalDecl()] =
            Out.Types[Slot].RustName + "_" +
            (Fd.Name.empty() ? "anon" + std::to_string(Index) : Fd.Name);
      if (!Fd.BitField)
        Fd.RustType = rustType(F->getType(), true, Why);
      if (Fd.Name.empty())
        Fd.Name = "anon" + std::to_string(Index);
      Fields.push_back(std::move(Fd));
    }
    bool HasBits =
        std::any_of(Fields.begin(), Fields.end(),
                    [](const InterfaceField &F) { return F.BitField; });
    if (HasBits)
      Why.push_back(
          "bit-fields: Rust has no layout-compatible equivalent; the Rust type "
          "keeps C's size and alignment as opaque bytes: read and write the "
          "bits "
          "through C accessor functions, or replace them with a plain integer "
          "field and masks on both sides");
    if (std::any_of(Fields.begin(), Fields.end(),
                    [](const InterfaceField &F) { return F.FlexibleArray; }))
      Why.push_back("a flexible array member: Rust sees `[T; 0]` at its "
                    "offset; never pass "
                    "the struct by value, allocate it on one side (with its "
                    "elements) and "
                    "read the elements through a pointer and a length");
    std::sort(Why.begin(), Why.end());
    Why.erase(std::unique(Why.begin(), Why.end()), Why.end());
    // The slot may have moved (vector growth): index again.
    Out.Types[Slot].Fields = std::move(Fields);
    Out.Types[Slot].Problems = Why;
    Problems.insert(Problems.end(), Why.begin(), Why.end());
    return Out.Types[Slot].RustName;
  }

  // --- functions ------------------------------------------------------------

  void checksOf(const FunctionDecl *FD, InterfaceFunction &F) {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
    if (!Body)
      return;
    unsigned Seen = 0;
    for (const Stmt *S : Body->body()) {
      if (++Seen > 16 || F.Checks.size() >= 8)
        break;
      if (isa<ForStmt, WhileStmt, DoStmt, SwitchStmt>(S))
        break; // the checks come before the work
      const auto *If = dyn_cast<IfStmt>(S);
      if (!If || If->getElse())
        continue;
      const Stmt *Then = If->getThen();
      if (const auto *C = dyn_cast<CompoundStmt>(Then); C && !C->body_empty())
        Then = C->body_back();
      InterfaceCheck K;
      K.Condition = text(If->getCond()->getSourceRange());
      K.Line = lineOf(If->getBeginLoc());
      if (const auto *R = dyn_cast<ReturnStmt>(Then))
        K.Outcome =
            R->getRetValue()
                ? "returns `" + text(R->getRetValue()->getSourceRange()) + "`"
                : "returns";
      else if (const auto *G = dyn_cast<GotoStmt>(Then))
        K.Outcome = "goes to `" + G->getLabel()->getName().str() + "`";
      else if (const auto *Call = dyn_cast<CallExpr>(Then)) {
        const FunctionDecl *Callee = Call->getDirectCallee();
        if (Callee && Callee->isNoReturn())
          K.Outcome =
              "calls `" + Callee->getName().str() + "` (does not return)";
      }
      if (!K.Outcome.empty() && !K.Condition.empty())
        F.Checks.push_back(std::move(K));
    }
  }

  void addFunction(const FunctionDecl *FD) {
    const FunctionDecl *Def = FD->getDefinition();
    std::string Name = FD->getNameAsString();
    bool InHeader = false;
    std::string Header;
    std::string OtherHeader;
    for (const FunctionDecl *R : FD->redecls()) {
      std::string File = fileOf(R->getLocation());
      if (Files.count(File) && isHeaderPath(File)) {
        InHeader = true;
        Header = File;
      } else if (!File.empty() && isHeaderPath(File) && OtherHeader.empty()) {
        OtherHeader = File;
      }
    }
    bool DefinedHere = Def && inModule(Def->getLocation());
    if (!DefinedHere && !InHeader) {
      if (!OtherHeader.empty())
        addPartner(FD, OtherHeader);
      return;
    }
    if (!Req.Called.count(Name) &&
        !Req.Called.count(FD->getQualifiedNameAsString()) && !InHeader)
      return;
    auto Existing = std::find_if(
        Out.Functions.begin(), Out.Functions.end(),
        [&](const InterfaceFunction &F) { return F.Name == Name; });
    if (Existing != Out.Functions.end() && (Existing->Defined || !DefinedHere))
      return;
    const FunctionDecl *Use = DefinedHere ? Def : FD;
    InterfaceFunction F;
    F.Name = Name;
    F.File = fileOf(Use->getLocation());
    F.Line = lineOf(Use->getLocation());
    F.Header = Header;
    F.OtherHeader = Header.empty() ? OtherHeader : "";
    F.Defined = DefinedHere;
    F.CLinkage = !Ctx->getLangOpts().CPlusPlus || FD->isExternC();
    F.Variadic = FD->isVariadic();
    F.ReturnC = spell(FD->getReturnType());
    // A type's own problems are reported with the type; the function is
    // blocked only when a type of its signature has no Rust form at all.
    std::vector<std::string> TypeNotes;
    F.ReturnRust = rustType(FD->getReturnType(), true, TypeNotes);
    if (F.ReturnRust.empty())
      F.Problems.insert(F.Problems.end(), TypeNotes.begin(), TypeNotes.end());
    F.ReturnCanonicalC = spell(FD->getReturnType().getCanonicalType());
    F.ReturnInteger = FD->getReturnType()->isIntegralOrEnumerationType();
    F.ReturnPointer = FD->getReturnType()->isPointerType();
    F.ReturnFloating = FD->getReturnType()->isRealFloatingType();
    for (unsigned I = 0; I < Use->getNumParams(); ++I) {
      const ParmVarDecl *P = Use->getParamDecl(I);
      InterfaceParam IP;
      IP.Name = P->getName().str();
      if (IP.Name.empty())
        for (const FunctionDecl *R : FD->redecls())
          if (I < R->getNumParams() && !R->getParamDecl(I)->getName().empty())
            IP.Name = R->getParamDecl(I)->getName().str();
      IP.CType = spell(P->getType());
      TypeNotes.clear();
      IP.RustType = rustType(P->getType(), true, TypeNotes);
      if (IP.RustType.empty())
        F.Problems.insert(F.Problems.end(), TypeNotes.begin(), TypeNotes.end());
      QualType PT = P->getType();
      IP.CanonicalC = spell(PT.getCanonicalType());
      IP.Integer = PT->isIntegralOrEnumerationType();
      IP.Floating = PT->isRealFloatingType();
      if (!PT->isIncompleteType())
        IP.Bytes = Ctx->getTypeSizeInChars(PT).getQuantity();
      if (const auto *Ptr = PT->getAs<PointerType>()) {
        QualType Pointee = Ptr->getPointeeType();
        IP.PointeeConst = Pointee.isConstQualified();
        if (const auto *FP = Pointee->getAs<FunctionProtoType>()) {
          IP.Callback = true;
          IP.CallbackReturn = spell(FP->getReturnType().getCanonicalType());
          for (QualType A : FP->getParamTypes())
            IP.CallbackParams.push_back(spell(A.getCanonicalType()));
        } else {
          if (!Pointee->isIncompleteType() && !Pointee->isVoidType())
            IP.PointeeBytes = Ctx->getTypeSizeInChars(Pointee).getQuantity();
          if (Pointee->getAsRecordDecl() || Pointee->getAs<EnumType>()) {
            std::vector<std::string> Ignored;
            IP.PointeeType = rustType(Pointee, true, Ignored);
          }
        }
      }
      F.Params.push_back(std::move(IP));
    }
    F.Prototype = prototypeOf(FD);
    if (F.Variadic)
      F.Problems.push_back(
          "variadic: stable Rust cannot define a C variadic function; keep a "
          "C shim that takes a `va_list` (or fixed arguments) and calls Rust");
    if (!F.CLinkage)
      F.Problems.push_back(
          "C++ linkage (a mangled name): declare it extern \"C\" in the "
          "header, "
          "or add an extern \"C\" wrapper the callers move to");
    if (isa<CXXMethodDecl>(FD))
      F.Problems.push_back(
          "a C++ member function: export a free extern \"C\" function taking "
          "the object as a pointer");
    if (Def)
      checksOf(Def, F);
    std::sort(F.Problems.begin(), F.Problems.end());
    F.Problems.erase(std::unique(F.Problems.begin(), F.Problems.end()),
                     F.Problems.end());
    if (Existing != Out.Functions.end())
      *Existing = std::move(F);
    else
      Out.Functions.push_back(std::move(F));
  }

  /// A function of another module declared in the tree's header \p Header:
  /// kept (C signature only) when it takes a pointer to a struct first or
  /// returns one; extractInterface() keeps those of the module's handles.
  void addPartner(const FunctionDecl *FD, const std::string &Header) {
    auto IsRecordPtr = [](QualType T) {
      const auto *Ptr = T->getAs<PointerType>();
      return Ptr && Ptr->getPointeeType()->getAsRecordDecl();
    };
    if (FD->isVariadic() || Ctx->getLangOpts().CPlusPlus ||
        !((FD->getNumParams() && IsRecordPtr(FD->getParamDecl(0)->getType())) ||
          IsRecordPtr(FD->getReturnType())))
      return;
    std::string Name = FD->getNameAsString();
    for (const auto &P : Out.Partners)
      if (P.Name == Name)
        return;
    InterfaceFunction F;
    F.Name = Name;
    F.File = Header;
    F.Line = lineOf(FD->getLocation());
    F.OtherHeader = Header;
    F.ReturnC = spell(FD->getReturnType());
    F.ReturnCanonicalC = spell(FD->getReturnType().getCanonicalType());
    F.ReturnInteger = FD->getReturnType()->isIntegralOrEnumerationType();
    F.ReturnPointer = FD->getReturnType()->isPointerType();
    for (const ParmVarDecl *P : FD->parameters()) {
      InterfaceParam IP;
      IP.Name = P->getName().str();
      QualType PT = P->getType();
      IP.CType = spell(PT);
      IP.CanonicalC = spell(PT.getCanonicalType());
      IP.Integer = PT->isIntegralOrEnumerationType();
      IP.Floating = PT->isRealFloatingType();
      if (const auto *Ptr = PT->getAs<PointerType>()) {
        IP.PointeeConst = Ptr->getPointeeType().isConstQualified();
        IP.Callback = Ptr->getPointeeType()->isFunctionType();
      }
      F.Params.push_back(std::move(IP));
    }
    F.Prototype = prototypeOf(FD);
    Out.Partners.push_back(std::move(F));
  }

  /// \p V (a constant of type \p T) as a Rust constant expression; "" when
  /// Rust cannot write it here (a pointer to an object, a union, a
  /// bit-field, more than \p Budget elements).
  std::string rustConst(const APValue &V, QualType T, unsigned &Budget,
                        unsigned Depth) {
    if (Depth > 8 || Budget == 0)
      return "";
    --Budget;
    T = T.getCanonicalType();
    if (V.isInt()) {
      if (T->isBooleanType())
        return V.getInt().getBoolValue() ? "true" : "false";
      llvm::SmallString<32> S;
      V.getInt().toString(S, 10);
      return S.str().str();
    }
    if (V.isFloat()) {
      const llvm::APFloat &F = V.getFloat();
      if (!F.isFinite())
        return "";
      llvm::SmallString<32> S;
      F.toString(S);
      std::string R = S.str().str();
      if (R.find_first_of(".eE") == std::string::npos)
        R += ".0";
      return R;
    }
    // A pointer to a string literal's first byte: a NUL-terminated byte
    // string of Rust's, cast to the pointer type.
    if (V.isLValue() && !V.isNullPointer() && V.getLValueOffset().isZero() &&
        T->isPointerType())
      if (const auto *E = V.getLValueBase().dyn_cast<const Expr *>())
        if (const auto *SL = dyn_cast<StringLiteral>(E->IgnoreParens());
            SL && SL->getCharByteWidth() == 1 && SL->getLength() <= 4096) {
          std::vector<std::string> Ignored;
          std::string PT = rustType(T, true, Ignored);
          if (PT.empty())
            return "";
          std::string R = "b\"";
          for (unsigned char C : SL->getBytes()) {
            char Hex[8];
            if (C >= 32 && C < 127 && C != '"' && C != '\\')
              R += static_cast<char>(C);
            else {
              snprintf(Hex, sizeof Hex, "\\x%02x", C);
              R += Hex;
            }
          }
          return R + "\\0\".as_ptr() as " + PT;
        }
    if (V.isLValue() && V.isNullPointer()) {
      if (const auto *Ptr = T->getAs<PointerType>()) {
        if (Ptr->getPointeeType()->isFunctionType())
          return "None";
        return Ptr->getPointeeType().isConstQualified()
                   ? "core::ptr::null()"
                   : "core::ptr::null_mut()";
      }
      return "";
    }
    if (V.isArray()) {
      const auto *AT = Ctx->getAsConstantArrayType(T);
      if (!AT || AT->getSize().ugt(Budget))
        return "";
      uint64_t N = AT->getSize().getZExtValue();
      QualType E = AT->getElementType();
      std::vector<std::string> Items;
      for (uint64_t K = 0; K < N; ++K) {
        const APValue &Elt = K < V.getArrayInitializedElts()
                                 ? V.getArrayInitializedElt(K)
                                 : V.getArrayFiller();
        std::string R = rustConst(Elt, E, Budget, Depth + 1);
        if (R.empty())
          return "";
        Items.push_back(std::move(R));
      }
      if (!Items.empty() &&
          std::all_of(Items.begin(), Items.end(),
                      [&](const std::string &I) { return I == Items[0]; }))
        return "[" + Items[0] + "; " + std::to_string(N) + "]";
      std::string R = "[";
      for (size_t K = 0; K < Items.size(); ++K)
        R += (K ? ", " : "") + Items[K];
      return R + "]";
    }
    if (V.isStruct()) {
      const RecordDecl *RD = T->getAsRecordDecl();
      if (!RD || RD->isUnion() || V.getStructNumBases())
        return "";
      std::vector<std::string> Ignored;
      std::string Name = rustType(T, true, Ignored);
      if (Name.empty() || Name.find_first_of("[*<(") != std::string::npos)
        return "";
      std::string R = Name + " { ";
      unsigned K = 0;
      for (const FieldDecl *F : RD->fields()) {
        if (F->isBitField() || F->getName().empty() ||
            K >= V.getStructNumFields())
          return "";
        std::string Val = rustConst(V.getStructField(K++), F->getType(),
                                    Budget, Depth + 1);
        if (Val.empty())
          return "";
        R += (K > 1 ? ", " : "") + rustIdent(F->getName().str()) + ": " + Val;
      }
      return R + " }";
    }
    return "";
  }

  void addGlobal(const VarDecl *VD, bool Write) {
    std::string Name = VD->getNameAsString();
    auto It =
        std::find_if(Out.Globals.begin(), Out.Globals.end(),
                     [&](const InterfaceGlobal &G) { return G.Name == Name; });
    if (It == Out.Globals.end()) {
      const VarDecl *Def = VD->getDefinition();
      InterfaceGlobal G;
      G.Name = Name;
      const VarDecl *Where = Def ? Def : VD;
      G.File = fileOf(Where->getLocation());
      G.Line = lineOf(Where->getLocation());
      G.DefinedHere = Def && inModule(Def->getLocation());
      G.Static = !VD->hasExternalFormalLinkage();
      G.Const = VD->getType().isConstQualified();
      G.CType = spell(VD->getType());
      std::vector<std::string> Why;
      if (!G.Static)
        G.RustType = rustType(VD->getType(), true, Why);
      if (Def && Def->getInit()) {
        const Expr *Init = Def->getInit();
        CharSourceRange R = CharSourceRange::getTokenRange(
            SM->getExpansionRange(Init->getSourceRange()).getAsRange());
        G.InitC = oneLine(
            Lexer::getSourceText(R, *SM, Ctx->getLangOpts()).str(), 200);
        if (!G.Static && !G.RustType.empty() && !Def->getType()->isDependentType())
          if (const APValue *V = Def->evaluateValue()) {
            unsigned Budget = 4096;
            G.InitRust = rustConst(*V, Def->getType(), Budget, 0);
          }
      }
      Out.Globals.push_back(G);
      It = Out.Globals.end() - 1;
    }
    (Write ? It->Written : It->Read) = true;
  }
};

/// Which globals the module's bodies read and write.
class GlobalUses : public RecursiveASTVisitor<GlobalUses> {
public:
  explicit GlobalUses(Collector &C) : C(C) {}
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *VD = dyn_cast<VarDecl>(E->getDecl());
        VD && VD->isFileVarDecl() && !C.inSystem(VD->getLocation()))
      C.addGlobal(VD, Written.count(E) > 0);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      markWritten(B->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp())
      markWritten(U->getSubExpr());
    return true;
  }

private:
  // `g = v`, `g.f = v`, `g[i] = v`: the base variable is written.
  void markWritten(Expr *E) {
    while (E) {
      E = E->IgnoreParenImpCasts();
      if (auto *D = dyn_cast<DeclRefExpr>(E)) {
        Written.insert(D);
        return;
      }
      if (auto *M = dyn_cast<MemberExpr>(E)) {
        if (M->isArrow())
          return;
        E = M->getBase();
      } else if (auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
        if (!A->getBase()->getType()->isArrayType() &&
            !A->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
          return;
        E = A->getBase();
      } else {
        return;
      }
    }
  }
  Collector &C;
  std::set<const DeclRefExpr *> Written;
};

class MacroRecorder : public PPCallbacks {
public:
  MacroRecorder(Collector &C, Preprocessor &PP) : C(C), PP(PP) {}
  void MacroDefined(const Token &Name, const MacroDirective *MD) override {
    const MacroInfo *MI = MD->getMacroInfo();
    if (!MI || !MI->isObjectLike() || MI->getNumTokens() == 0 ||
        MI->isUsedForHeaderGuard())
      return;
    std::string File = C.fileOf(MI->getDefinitionLoc());
    if (!File.empty() && isHeaderPath(File)) {
      llvm::StringRef Id = Name.getIdentifierInfo()->getName();
      if (Id.ends_with("VERSION") && MI->getNumTokens() == 1 &&
          MI->tokens()[0].is(tok::string_literal)) {
        InterfaceMacro V;
        V.Name = Id.str();
        V.Body = oneLine(PP.getSpelling(MI->tokens()[0]), 200);
        V.File = File;
        V.Line = C.SM->getSpellingLineNumber(MI->getDefinitionLoc());
        bool Seen = false;
        for (const auto &Old : C.Out.VersionMacros)
          Seen |= Old.Name == V.Name;
        if (!Seen)
          C.Out.VersionMacros.push_back(std::move(V));
      }
    }
    if (!C.Files.count(File) || !isHeaderPath(File))
      return;
    InterfaceMacro M;
    M.Name = Name.getIdentifierInfo()->getName().str();
    for (const Token &T : MI->tokens()) {
      if (!M.Body.empty() && T.hasLeadingSpace())
        M.Body += ' ';
      M.Body += PP.getSpelling(T);
    }
    M.Body = oneLine(M.Body, 200);
    M.File = File;
    M.Line = C.SM->getSpellingLineNumber(MI->getDefinitionLoc());
    for (const auto &Old : C.Out.Macros)
      if (Old.Name == M.Name)
        return;
    C.Out.Macros.push_back(std::move(M));
  }

private:
  Collector &C;
  Preprocessor &PP;
};

class InterfaceConsumer : public ASTConsumer {
public:
  explicit InterfaceConsumer(Collector &C) : C(C) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    C.Ctx = &Ctx;
    if (Ctx.getLangOpts().CPlusPlus)
      C.Out.Cxx = true;
    walk(Ctx.getTranslationUnitDecl());
    GlobalUses Uses(C);
    for (const FunctionDecl *FD : Bodies)
      Uses.TraverseDecl(const_cast<FunctionDecl *>(FD));
    // Globals the module defines with external linkage, used or not: they
    // are part of its ABI.
    for (const VarDecl *VD : Vars)
      C.addGlobal(VD, false);
  }

private:
  void walk(const DeclContext *DC) {
    for (const Decl *D : DC->decls()) {
      if (const auto *NS = dyn_cast<NamespaceDecl>(D)) {
        walk(NS);
      } else if (const auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
        walk(LS);
      } else if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
        if (FD->isTemplated() || !FD->hasExternalFormalLinkage() ||
            !FD->getIdentifier())
          continue;
        if (FD->isThisDeclarationADefinition() && C.inModule(FD->getLocation()))
          Bodies.push_back(FD);
        C.addFunction(FD);
      } else if (const auto *VD = dyn_cast<VarDecl>(D)) {
        if (VD->isThisDeclarationADefinition() == VarDecl::Definition &&
            VD->hasExternalFormalLinkage() && C.inModule(VD->getLocation()))
          Vars.push_back(VD);
      }
    }
    // Static functions hold state too: their globals count.
    for (const Decl *D : DC->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D);
          FD && !FD->hasExternalFormalLinkage() &&
          FD->isThisDeclarationADefinition() && C.inModule(FD->getLocation()))
        Bodies.push_back(FD);
  }
  Collector &C;
  std::vector<const FunctionDecl *> Bodies;
  std::vector<const VarDecl *> Vars;
};

class InterfaceAction : public ASTFrontendAction {
public:
  explicit InterfaceAction(Collector &C) : C(C) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    C.SM = &CI.getSourceManager();
    CI.getPreprocessor().addPPCallbacks(
        std::make_unique<MacroRecorder>(C, CI.getPreprocessor()));
    return std::make_unique<InterfaceConsumer>(C);
  }

private:
  Collector &C;
};

class CountErrors : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level L,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(L, Info);
    if (L >= DiagnosticsEngine::Error && First.empty()) {
      llvm::SmallString<128> M;
      Info.FormatDiagnostic(M);
      First = M.str().str();
    }
  }
  std::string First;
};

/// The flags a build of the module needs again, paths made absolute.
std::vector<std::string> buildFlags(const TUJob &Job) {
  std::vector<std::string> Out;
  const auto &A = Job.Argv;
  auto Abs = [&](const std::string &P) {
    return absolutePath(P, Job.Directory);
  };
  for (size_t I = 1; I < A.size(); ++I) {
    const std::string &S = A[I];
    for (const char *Path : {"-I", "-iquote", "-include"}) {
      std::string F = Path;
      if (S == F && I + 1 < A.size()) {
        Out.push_back(F == "-I" ? "-I" + Abs(A[++I]) : F);
        if (F != "-I")
          Out.push_back(Abs(A[++I]));
        goto next;
      }
      if (F == "-I" && S.size() > 2 && S.rfind("-I", 0) == 0) {
        Out.push_back("-I" + Abs(S.substr(2)));
        goto next;
      }
    }
    if ((S.rfind("-D", 0) == 0 || S.rfind("-U", 0) == 0)) {
      if (S.size() == 2 && I + 1 < A.size())
        Out.push_back(S + A[++I]);
      else
        Out.push_back(S);
    } else if (S.rfind("-std=", 0) == 0) {
      Out.push_back(S);
    }
  next:;
  }
  return Out;
}

} // namespace

ModuleInterface extractInterface(const InterfaceRequest &Req) {
  ModuleInterface Out;
  for (const auto &F : Req.ModuleFiles)
    if (isHeaderPath(F))
      Out.Headers.push_back(F);
  for (const TUJob &Job : Req.Jobs) {
    Out.SourceFlags.emplace_back(relativeTo(Job.File, Req.Root),
                                 buildFlags(Job));
    Collector C(Req, Job, Out);
    auto FS = llvm::makeIntrusiveRefCnt<RegularFilesOnly>(
        llvm::vfs::createPhysicalFileSystem());
    FS->setCurrentWorkingDirectory(Job.Directory);
    auto Files =
        llvm::makeIntrusiveRefCnt<FileManager>(FileSystemOptions(), FS);
    CountErrors Diags;
    llvm::CrashRecoveryContext CRC;
    bool Ran = false;
    bool Survived = CRC.RunSafely([&] {
      tooling::ToolInvocation Inv(
          Job.Argv, std::make_unique<InterfaceAction>(C), Files.get());
      Inv.setDiagnosticConsumer(&Diags);
      Ran = Inv.run();
    });
    std::string Rel = relativeTo(Job.File, Req.Root);
    if (!Survived)
      Out.Notes.push_back(Rel +
                          ": the parser crashed; its interface is missing");
    else if (!Ran || !Diags.First.empty())
      Out.Notes.push_back(Rel + ": parsed with errors (" +
                          (Diags.First.empty()
                               ? std::string("see `carcinize scan`")
                               : Diags.First) +
                          "); check the types below against the C headers");
  }
  std::sort(Out.Functions.begin(), Out.Functions.end(),
            [](const InterfaceFunction &A, const InterfaceFunction &B) {
              return A.Name < B.Name;
            });
  // Partners: only those of a struct an entry point takes a pointer to (its
  // handle, or a struct it fills), and none the module itself exports.
  auto Pointee = [](std::string C) {
    if (C.empty() || C.back() != '*' || C.find('(') != std::string::npos)
      return std::string();
    C.pop_back();
    while (!C.empty() && C.back() == ' ')
      C.pop_back();
    if (C.rfind("const ", 0) == 0)
      C = C.substr(6);
    return C.find('*') == std::string::npos &&
                   (C.rfind("struct ", 0) == 0 || C.rfind("union ", 0) == 0)
               ? C
               : std::string();
  };
  std::set<std::string> Handles, Exported;
  for (const auto &F : Out.Functions) {
    Exported.insert(F.Name);
    for (const auto &P : F.Params)
      if (std::string H = Pointee(P.CanonicalC); !H.empty())
        Handles.insert(H);
  }
  std::vector<InterfaceFunction> Partners;
  for (auto &P : Out.Partners) {
    std::string First = P.Params.empty() ? "" : Pointee(P.Params[0].CanonicalC);
    std::string Ret = Pointee(P.ReturnCanonicalC);
    if (!Exported.count(P.Name) &&
        ((!First.empty() && Handles.count(First)) ||
         (!Ret.empty() && Handles.count(Ret))))
      Partners.push_back(std::move(P));
  }
  std::sort(Partners.begin(), Partners.end(),
            [](const InterfaceFunction &A, const InterfaceFunction &B) {
              return A.Name < B.Name;
            });
  Out.Partners = std::move(Partners);
  std::sort(Out.Globals.begin(), Out.Globals.end(),
            [](const InterfaceGlobal &A, const InterfaceGlobal &B) {
              return A.Name < B.Name;
            });
  std::sort(Out.Macros.begin(), Out.Macros.end(),
            [](const InterfaceMacro &A, const InterfaceMacro &B) {
              return std::tie(A.File, A.Line, A.Name) <
                     std::tie(B.File, B.Line, B.Name);
            });
  return Out;
}

} // namespace carcinize
