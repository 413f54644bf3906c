#pragma once
/// \file The FFI surface of one module as plain data: its exported
/// functions, every type they need (with the layout Clang computed), the
/// globals it touches and the macros of its public headers. Produced by
/// frontend/InterfaceExtractor (which sees Clang), turned into a pilot kit
/// by pilot/PilotKit (which does not).

#include <cstdint>
#include <string>
#include <vector>

namespace carcinize {

/// One member of a struct or union.
struct InterfaceField {
  std::string Name;     ///< empty for an anonymous member
  std::string CType;    ///< as C spells it
  std::string RustType; ///< the `#[repr(C)]` Rust type; empty when none fits
  uint64_t OffsetBits = 0;
  uint64_t SizeBits = 0;
  bool BitField = false;
  unsigned BitWidth = 0;
  bool FlexibleArray = false; ///< `T data[]` at the end
  /// The field's C type with typedefs resolved ("unsigned char *").
  std::string CanonicalC;
};

/// A type the boundary needs.
struct InterfaceType {
  enum Kind { Struct, Union, Enum, Typedef, Opaque } K = Struct;
  std::string CName;    ///< how C names it: "struct msg", "msg_t", "enum color"
  std::string RustName; ///< the Rust item's name
  std::string File;     ///< where it is defined (tree-relative; empty: system)
  unsigned Line = 0;
  uint64_t Size = 0, Align = 0;       ///< bytes; 0 for opaque types
  std::vector<InterfaceField> Fields; ///< Struct, Union
  std::vector<std::pair<std::string, std::string>>
      Constants; ///< Enum: name, value
  std::string
      Underlying; ///< Enum: its integer type; Typedef: the aliased Rust type
  std::string UnderlyingC;      ///< Typedef: the aliased C type
  bool FunctionPointer = false; ///< Typedef of a pointer to function
  /// Why the type cannot cross `extern "C"` as written, with what to do
  /// instead ("bit-fields: ..."). Empty when it can.
  std::vector<std::string> Problems;
};

/// One parameter of an exported function.
struct InterfaceParam {
  std::string Name;
  std::string CType;
  std::string RustType;
  bool Callback = false; ///< a pointer to function: code the caller hands in
  /// For a callback: its C return and parameter types (canonical spelling).
  std::string CallbackReturn;
  std::vector<std::string> CallbackParams;
  /// The parameter's C type with typedefs resolved ("const unsigned char *").
  std::string CanonicalC;
  /// For a pointer: the pointee's const-ness and the shared type it points
  /// to (InterfaceType::RustName; empty for a builtin or void).
  bool PointeeConst = false;
  std::string PointeeType;
  unsigned PointeeBytes = 0; ///< size of the pointee (0: void or incomplete)
  bool Integer = false;      ///< an integer or enum by value
  bool Floating = false;
  unsigned Bytes = 0; ///< size by value
};

/// A check at the top of a function body that returns early: a
/// precondition of its contract ("`len < 4` -> returns -1").
struct InterfaceCheck {
  std::string Condition;
  std::string Outcome; ///< "returns -1", "goto fail", "aborts"
  unsigned Line = 0;
};

/// A function the module exports.
struct InterfaceFunction {
  std::string Name;
  std::string
      File; ///< of the definition (or of the declaration when only declared)
  unsigned Line = 0;
  std::string Header; ///< the module header declaring it; empty when none does
  std::string
      OtherHeader; ///< else a header of the tree outside the module that does
  std::string ReturnC, ReturnRust;
  bool ReturnInteger = false, ReturnPointer = false, ReturnFloating = false;
  /// The return type with typedefs resolved ("struct dec *").
  std::string ReturnCanonicalC;
  std::vector<InterfaceParam> Params;
  bool Variadic = false;
  bool Defined = false;  ///< the module's sources define it
  bool CLinkage = true;  ///< false: C++ linkage (mangled name)
  std::string Prototype; ///< the C declaration, one line
  std::vector<InterfaceCheck> Checks;
  std::vector<std::string> Problems; ///< as InterfaceType::Problems
};

/// A global variable the module defines or uses.
struct InterfaceGlobal {
  std::string Name;
  std::string CType, RustType;
  std::string File;
  unsigned Line = 0;
  bool DefinedHere = false; ///< defined in the module (else declared elsewhere)
  bool Static = false;      ///< internal linkage: not part of the ABI
  bool Const = false;
  bool Written = false; ///< the module's code assigns it
  bool Read = false;
  /// The initialiser as written (one line, at most 200 bytes); empty: none.
  std::string InitC;
  /// Its value as a Rust constant expression, when it is a constant C
  /// evaluates and Rust can write (integers, floating values, null
  /// pointers, arrays and structs of them); empty otherwise.
  std::string InitRust;
};

/// An object-like macro of a public header (callers use its value).
struct InterfaceMacro {
  std::string Name;
  std::string Body;
  std::string File;
  unsigned Line = 0;
};

/// Everything the boundary needs, merged over the module's sources.
struct ModuleInterface {
  std::vector<InterfaceFunction> Functions; ///< by name
  std::vector<InterfaceType> Types;         ///< dependencies first
  std::vector<InterfaceGlobal> Globals;     ///< by name
  std::vector<InterfaceMacro> Macros;       ///< by file, line
  /// Functions of other modules, declared in the tree's headers, that take a
  /// pointer to a struct the module's entry points take (first) or return
  /// one: the constructors, feeders and destructors of a handle the harness
  /// needs to call the module (`yaml_parser_initialize` for libyaml's
  /// parser.c). C signature only (no Rust types): not part of the crate.
  std::vector<InterfaceFunction> Partners;
  /// String macros of the tree's headers named `*VERSION` (`ZLIB_VERSION`):
  /// the value a constructor's `version` parameter is checked against.
  std::vector<InterfaceMacro> VersionMacros;
  std::vector<std::string> Headers; ///< the module's headers (tree-relative)
  /// The flags each source was parsed with that a build needs again
  /// (-I, -D, -U, -std, -include), absolute paths; one entry per source.
  std::vector<std::pair<std::string, std::vector<std::string>>> SourceFlags;
  bool Cxx = false;               ///< a source was C++
  std::vector<std::string> Notes; ///< parse problems, for the README
};

} // namespace carcinize
