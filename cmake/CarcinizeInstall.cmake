# Installation and the Debian package.
#
#   cmake --install build/release --prefix /opt/carcinize
#   cd build/release && cpack -G DEB        # carcinize_<version>_<arch>.deb
#
# Layout under the prefix (/usr in the Debian package):
#
#   bin/carcinize                              (tools/carcinize/CMakeLists.txt)
#   lib/carcinize/clang/<major>/include/       Clang's builtin headers
#   share/doc/carcinize/README.md, docs/...    the user documentation
#
# The builtin headers (stddef.h, stdarg.h, immintrin.h, ...) are copied from
# the Clang resource directory the binary was built against
# (CARCINIZE_BUILD_RESOURCE_DIR). An installed binary looks for them relative
# to itself first (lib/frontend/ResourceDir.cpp), so it needs neither the
# build tree nor libclang-common-<major>-dev at run time. The folder is "lib",
# never a multiarch libdir: that is where ResourceDir.cpp looks.
#
# Included from the top-level CMakeLists.txt after the targets are defined.

set(CARCINIZE_INSTALL_RESOURCE_DIR "lib/carcinize/clang/${LLVM_VERSION_MAJOR}")
set(CARCINIZE_INSTALL_DOCDIR "share/doc/carcinize")

install(DIRECTORY "${CARCINIZE_BUILD_RESOURCE_DIR}/include/"
        DESTINATION "${CARCINIZE_INSTALL_RESOURCE_DIR}/include"
        USE_SOURCE_PERMISSIONS)

# README.md keeps its relative links (docs/scoring.md, docs/rules/...).
install(FILES README.md DESTINATION "${CARCINIZE_INSTALL_DOCDIR}")
install(FILES docs/analysis.md docs/architecture.md docs/scoring.md
        DESTINATION "${CARCINIZE_INSTALL_DOCDIR}/docs")
install(DIRECTORY docs/rules DESTINATION "${CARCINIZE_INSTALL_DOCDIR}/docs"
        FILES_MATCHING PATTERN "*.md")

# --- RPATH -------------------------------------------------------------------
# The binary links LLVM's and Clang's shared libraries (libLLVM.so.19.1,
# libclang-cpp.so.19.1). Debian ships them in /usr/lib/<multiarch>, a folder
# the loader searches anyway (/usr/lib/llvm-19/lib only holds symlinks), so the
# installed binary needs no RPATH and CMake drops the build-tree one on
# install. An LLVM elsewhere (built into /opt, say) keeps its folder as the
# installed binary's RPATH.
set(_carcinize_rpath "")
set(_carcinize_system_dirs ${CMAKE_PLATFORM_IMPLICIT_LINK_DIRECTORIES}
    ${CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES})
list(TRANSFORM _carcinize_system_dirs REPLACE "/+$" "")
foreach(_lib LLVM clang-cpp)
  if(NOT TARGET ${_lib})
    continue()
  endif()
  get_target_property(_loc ${_lib} LOCATION)
  if(NOT _loc)
    continue()
  endif()
  file(REAL_PATH "${_loc}" _real)
  get_filename_component(_dir "${_real}" DIRECTORY)
  if(NOT _dir IN_LIST _carcinize_system_dirs AND NOT _dir IN_LIST _carcinize_rpath)
    list(APPEND _carcinize_rpath "${_dir}")
  endif()
endforeach()
set_target_properties(carcinize PROPERTIES INSTALL_RPATH "${_carcinize_rpath}")

# --- CPack: the Debian package ----------------------------------------------
set(CARCINIZE_PACKAGE_MAINTAINER "carcinize developers <carcinize@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the Debian package (Name <email>)")

set(CPACK_PACKAGE_NAME "carcinize")
set(CPACK_PACKAGE_VENDOR "carcinize")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${CARCINIZE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/carcinize/carcinize")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# The extended description, wrapped for `apt show` (CPack indents it).
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "carcinize is a static-analysis command-line tool built on Clang's LibTooling."
  "It parses a C or C++ codebase the way the compiler does, extracts"
  "per-function facts (size, complexity, loops, calls), finds memory-unsafe"
  "patterns, trust boundaries and hot paths, and ranks the modules whose"
  "rewrite in Rust buys the most safety for the least effort.")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)
# Packages go to build/<preset>/packages unless `cpack -B DIR` says otherwise.
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")

find_program(CARCINIZE_DPKG dpkg)
if(CARCINIZE_DPKG)
  set(CPACK_GENERATOR "DEB")
else()
  set(CPACK_GENERATOR "TGZ")
endif()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # carcinize_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CARCINIZE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/carcinize/carcinize")
# Scanning real code needs the C library's and libstdc++'s headers; the
# compiler's builtin ones are in the package.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libc6-dev | libc-dev, libstdc++-dev")

# The runtime dependencies come from dpkg-shlibdeps (the shlibs files of the
# libraries the binary links), with versions. Without it (or without `file`,
# which CPack needs to run it), a fixed list for Debian 12's packages.
find_program(CARCINIZE_DPKG_SHLIBDEPS dpkg-shlibdeps)
find_program(CARCINIZE_FILE_UTILITY file)
if(CARCINIZE_DPKG_SHLIBDEPS AND CARCINIZE_FILE_UTILITY)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6 (>= 2.34), libgcc-s1 (>= 3.0), libstdc++6 (>= 11)"
    "libclang-cpp${LLVM_VERSION_MAJOR} (>= 1:${LLVM_VERSION_MAJOR})"
    "libllvm${LLVM_VERSION_MAJOR} (>= 1:${LLVM_VERSION_MAJOR})"
    "libyaml-cpp0.7 (>= 0.7.0)")
  string(JOIN ", " CPACK_DEBIAN_PACKAGE_DEPENDS ${CPACK_DEBIAN_PACKAGE_DEPENDS})
endif()

# `cpack --config CPackSourceConfig.cmake`: the sources, without builds and VCS.
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build/" "/\\.cache/" "__pycache__")

include(CPack)
