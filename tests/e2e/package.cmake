# Installation and the Debian package: the installed binary, and the one a
# .deb unpacks, scan the demo codebase with the Clang builtin headers they
# carry, not those of the build tree.
#
#   -DBUILD_DIR=<the build folder>  -DCLANG_MAJOR=<19>  -DVERSION=<project version>
#   -DBUILD_RESOURCE_DIR=<the Clang resource directory the build uses>
#
# (a) `cmake --install BUILD_DIR --prefix WORK/prefix`, then a scan of
#     fixtures/demo with WORK/prefix/bin/carcinize: every translation unit
#     clean, no builtin header missing. A copy of the prefix whose stddef.h
#     carries an #error proves the headers are read from the installed copy;
#     where `unshare` can make a private mount namespace, the installed binary
#     also scans with the build's resource directory hidden under an empty
#     tmpfs (and the build-tree binary, the control, then fails).
# (b) `cpack -G DEB` into WORK/pkg: the control fields (Depends names the
#     Clang and LLVM runtime packages), then the .deb unpacked with
#     `dpkg-deb -x` and its binary scanning the demo the same way.
#     Skipped when cpack or dpkg-deb is missing.
#
# Everything is written under WORK; the build folder is only read (except for
# the install_manifest.txt that `cmake --install` always writes there).
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

foreach(_var BUILD_DIR CLANG_MAJOR VERSION BUILD_RESOURCE_DIR)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    e2e_fail("${_var} is not set (run this script through ctest)")
  endif()
endforeach()
get_filename_component(BUILD_DIR "${BUILD_DIR}" ABSOLUTE)
get_filename_component(SOURCE_DIR "${E2E_DIR}/../.." ABSOLUTE)

# The binary must find its headers by itself: no override from the caller's
# environment, and no DESTDIR redirecting the install.
unset(ENV{CARCINIZE_RESOURCE_DIR})
unset(ENV{DESTDIR})

set(resource_rel "lib/carcinize/clang/${CLANG_MAJOR}")


# pkg_exec(<prefix> <what> <command>...): runs a tool that must succeed; sets
# <prefix>_OUT.
function(pkg_exec prefix what)
  execute_process(COMMAND ${ARGN}
    WORKING_DIRECTORY "${WORK}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err
    TIMEOUT 400)
  if(NOT _rc EQUAL 0)
    string(JOIN " " _cmd ${ARGN})
    e2e_fail("${what} failed (${_rc}): `${_cmd}`\n--- stdout:\n${_out}\n--- stderr:\n${_err}")
  endif()
  set(${prefix}_OUT "${_out}" PARENT_SCOPE)
endfunction()

# pkg_check_prefix(<what> <prefix>): the binary and the builtin headers are
# there, and the binary's RUNPATH names neither the build nor the source tree.
function(pkg_check_prefix what prefix)
  foreach(_f "bin/carcinize" "${resource_rel}/include/stddef.h" "${resource_rel}/include/stdarg.h"
             "share/doc/carcinize/README.md")
    if(NOT EXISTS "${prefix}/${_f}")
      e2e_fail("${what}: ${prefix}/${_f} is missing")
    endif()
  endforeach()
  find_program(_readelf readelf)
  if(_readelf)
    execute_process(COMMAND "${_readelf}" -d "${prefix}/bin/carcinize"
      OUTPUT_VARIABLE _dyn ERROR_VARIABLE _err RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
      e2e_fail("${what}: readelf -d ${prefix}/bin/carcinize failed:\n${_err}")
    endif()
    foreach(_tree "${BUILD_DIR}" "${SOURCE_DIR}")
      string(FIND "${_dyn}" "${_tree}" _at)
      if(NOT _at EQUAL -1)
        e2e_fail("${what}: the installed binary's dynamic section names ${_tree}:\n${_dyn}")
      endif()
    endforeach()
  endif()
endfunction()

# pkg_run(<prefix> <command>...): runs a carcinize command given as a list
# (e2e_run takes one binary), in WORK. Sets <prefix>_RC, _OUT, _ERR and _CMD.
function(pkg_run prefix)
  execute_process(COMMAND ${ARGN}
    WORKING_DIRECTORY "${WORK}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err
    TIMEOUT 240)
  string(JOIN " " _cmd ${ARGN})
  set(${prefix}_RC "${_rc}" PARENT_SCOPE)
  set(${prefix}_OUT "${_out}" PARENT_SCOPE)
  set(${prefix}_ERR "${_err}" PARENT_SCOPE)
  set(${prefix}_CMD "${_cmd} (in ${WORK})" PARENT_SCOPE)
endfunction()

# pkg_scan_demo(<what> <command>...): `<command> scan fixtures/demo` (the
# command: the binary, after what runs it) succeeds with every translation
# unit clean and no builtin header missing.
function(pkg_scan_demo what)
  pkg_run(v ${ARGN} --version)
  e2e_expect_rc(v 0)
  e2e_expect_contains("${what}: --version" "${v_OUT}" "carcinize ${VERSION}")

  pkg_run(s ${ARGN} scan "${FIXTURES}/demo" --no-progress)
  e2e_expect_rc(s 0)
  e2e_expect_match("${what}: the text report" "${s_OUT}"
    "scanned [1-9][0-9]* translation units in [^\n]*\\([1-9][0-9]* clean, 0 recovered from errors, 0 failed\\)")
  foreach(_bad "stddef.h" "stdarg.h" "file not found" "resource dir")
    e2e_expect_not_contains("${what}: stdout" "${s_OUT}" "${_bad}")
    e2e_expect_not_contains("${what}: stderr" "${s_ERR}" "${_bad}")
  endforeach()
endfunction()

# The build's resource directory can be hidden from a process by running it
# in a private mount namespace (`unshare -rm`, no effect outside it) with an
# empty tmpfs mounted over that directory. HIDE_CMD is the prefix that does
# so, empty where the system does not allow it.
set(HIDE_CMD "")
find_program(unshare_exe unshare)
if(unshare_exe)
  set(_hide "${unshare_exe}" -rm sh -c
      "mount -t tmpfs carcinize-hidden \"$0\" && exec \"$@\"" "${BUILD_RESOURCE_DIR}")
  execute_process(COMMAND ${_hide} sh -c "! test -e \"$0/include/stddef.h\"" "${BUILD_RESOURCE_DIR}"
    RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
  if(_rc EQUAL 0)
    set(HIDE_CMD ${_hide})
  endif()
endif()

# pkg_scan_demo_hidden(<what> <binary>): pkg_scan_demo with the build's
# resource directory hidden; the build-tree binary, which has nothing else,
# must then fail (proving the directory was hidden).
function(pkg_scan_demo_hidden what binary)
  if(NOT HIDE_CMD)
    message(STATUS "${what}: unshare cannot make a private mount namespace here; "
                   "the scan with the build's resource directory hidden is not run")
    return()
  endif()
  pkg_run(c ${HIDE_CMD} "${CARCINIZE}" scan "${FIXTURES}/demo" --no-progress)
  if(NOT c_RC EQUAL 2 OR NOT c_ERR MATCHES "not a Clang resource directory")
    e2e_fail("control: with ${BUILD_RESOURCE_DIR} hidden, the build-tree binary should fail "
             "with exit 2 (no resource directory); it exited ${c_RC}\n"
             "--- stdout:\n${c_OUT}\n--- stderr:\n${c_ERR}")
  endif()
  pkg_scan_demo("${what}, ${BUILD_RESOURCE_DIR} hidden" ${HIDE_CMD} "${binary}")
endfunction()

# --- (a) cmake --install -----------------------------------------------------
set(prefix "${WORK}/prefix")
pkg_exec(install "cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
pkg_check_prefix("cmake --install" "${prefix}")
file(GLOB rule_docs "${prefix}/share/doc/carcinize/docs/rules/*.md")
if(NOT rule_docs)
  e2e_fail("cmake --install: no rule pages under ${prefix}/share/doc/carcinize/docs/rules")
endif()
pkg_scan_demo("installed binary" "${prefix}/bin/carcinize")
pkg_scan_demo_hidden("installed binary" "${prefix}/bin/carcinize")

# The headers come from the installed copy: in a copy of the prefix whose
# stddef.h fails with a marker, the scan reports the marker (the demo includes
# <stdio.h>, which includes <stddef.h>). Were the build's resource directory
# used, the scan would stay clean.
set(probe "${WORK}/probe")
file(COPY "${prefix}/" DESTINATION "${probe}")
file(APPEND "${probe}/${resource_rel}/include/stddef.h"
     "\n#error \"carcinize-probe: builtin headers read from the installed prefix\"\n")
pkg_run(p "${probe}/bin/carcinize" scan "${FIXTURES}/demo" --format json --quiet)
if(NOT p_RC EQUAL 0 AND NOT p_RC EQUAL 1)
  e2e_fail("`${p_CMD}` exited with '${p_RC}'\n--- stdout:\n${p_OUT}\n--- stderr:\n${p_ERR}")
endif()
e2e_expect_contains("the probe scan (stddef.h with an #error)" "${p_OUT}${p_ERR}"
                    "carcinize-probe: builtin headers read from the installed prefix")

# --- (b) cpack -G DEB ----------------------------------------------------------
if(NOT EXISTS "${BUILD_DIR}/CPackConfig.cmake")
  e2e_fail("${BUILD_DIR}/CPackConfig.cmake is missing (is include(CPack) in the build?)")
endif()
if(CMAKE_CPACK_COMMAND AND EXISTS "${CMAKE_CPACK_COMMAND}")
  set(cpack "${CMAKE_CPACK_COMMAND}")
else()
  find_program(cpack cpack)
endif()
find_program(dpkg_deb dpkg-deb)
if(NOT cpack)
  e2e_skip("cpack is not installed; the Debian package was not checked")
endif()
if(NOT dpkg_deb)
  e2e_skip("dpkg-deb is not installed; the Debian package was not checked")
endif()

pkg_exec(cpack "cpack -G DEB" "${cpack}" -G DEB --config "${BUILD_DIR}/CPackConfig.cmake"
         -B "${WORK}/pkg")
file(GLOB debs "${WORK}/pkg/*.deb")
list(LENGTH debs n_debs)
if(NOT n_debs EQUAL 1)
  e2e_fail("cpack -G DEB made ${n_debs} .deb files in ${WORK}/pkg, expected 1:\n${debs}\n${cpack_OUT}")
endif()
set(deb "${debs}")
get_filename_component(deb_name "${deb}" NAME)
e2e_expect_match("the package file name" "${deb_name}" "^carcinize_${VERSION}_[a-z0-9]+\\.deb$")

# The control fields.
foreach(field Package Version Maintainer Section Homepage Depends Description)
  pkg_exec(f "dpkg-deb -f ${field}" "${dpkg_deb}" -f "${deb}" ${field})
  string(STRIP "${f_OUT}" ${field})
  if("${${field}}" STREQUAL "")
    e2e_fail("${deb_name}: the control field ${field} is empty")
  endif()
endforeach()
if(NOT Package STREQUAL "carcinize")
  e2e_fail("${deb_name}: Package is '${Package}', expected 'carcinize'")
endif()
if(NOT Version STREQUAL "${VERSION}")
  e2e_fail("${deb_name}: Version is '${Version}', expected '${VERSION}'")
endif()
if(NOT Homepage STREQUAL "https://github.com/carcinize/carcinize")
  e2e_fail("${deb_name}: Homepage is '${Homepage}'")
endif()
e2e_expect_match("${deb_name}: Maintainer" "${Maintainer}" "^[^<]+ <[^>]+@[^>]+>$")
foreach(dep "libclang-cpp${CLANG_MAJOR}" "libllvm${CLANG_MAJOR}" "libc6" "libstdc\\+\\+6")
  e2e_expect_match("${deb_name}: Depends" "${Depends}" "(^|, )${dep}( |,|$)")
endforeach()

# Unpacked into a scratch root, the binary finds the headers the package
# carries (<root>/usr/lib/carcinize/clang/<major>).
set(root "${WORK}/deb-root")
pkg_exec(x "dpkg-deb -x" "${dpkg_deb}" -x "${deb}" "${root}")
pkg_check_prefix("${deb_name}" "${root}/usr")
pkg_scan_demo("the binary of ${deb_name}" "${root}/usr/bin/carcinize")
pkg_scan_demo_hidden("the binary of ${deb_name}" "${root}/usr/bin/carcinize")

message(STATUS "${deb_name}: Depends: ${Depends}")
