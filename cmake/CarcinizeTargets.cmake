# Target-scoped settings shared by every carcinize target.

add_library(carcinize_warnings INTERFACE)
target_compile_options(carcinize_warnings INTERFACE
  -Wall -Wextra -Wno-unused-parameter -Wno-comment
  $<$<BOOL:${CARCINIZE_WERROR}>:-Werror>)
if(CARCINIZE_SANITIZE)
  target_compile_options(carcinize_warnings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(carcinize_warnings INTERFACE -fsanitize=address,undefined)
endif()

# LLVM's headers and shared library, for the units allowed to use LLVM Support
# (JSON, paths, threads). Clang's headers come only with carcinize_clang.
add_library(carcinize_llvm INTERFACE)
target_include_directories(carcinize_llvm SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS})
target_compile_definitions(carcinize_llvm INTERFACE ${LLVM_DEFINITIONS})
target_link_libraries(carcinize_llvm INTERFACE LLVM)

add_library(carcinize_clang INTERFACE)
target_include_directories(carcinize_clang SYSTEM INTERFACE ${CLANG_INCLUDE_DIRS})
target_link_libraries(carcinize_clang INTERFACE clang-cpp carcinize_llvm)
# GCC warns about null 'this' inside Clang's inline headers at -O2; not ours.
target_compile_options(carcinize_clang INTERFACE -Wno-nonnull)

# carcinize_add_library(name SOURCES... DEPS...)
function(carcinize_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}/lib" "${PROJECT_SOURCE_DIR}")
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE carcinize_warnings)
endfunction()
