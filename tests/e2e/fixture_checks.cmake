# Behaviour checks on one fixture's JSON report, independent of the goldens:
# these say *why* a golden looks the way it does, and they keep holding when
# a golden is regenerated.
#
#   -DFIXTURE=cdb_c|nocdb_cpp|shared_header|syntax_error|missing_header
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(dir "${FIXTURES}/projects/${FIXTURE}")
if(NOT IS_DIRECTORY "${dir}")
  e2e_fail("no fixture ${dir}")
endif()
e2e_scan_json(json WORKDIR "${dir}" ARGS scan .)
e2e_json_tu_files(tus "${json}")
e2e_json_functions(fns "${json}")
e2e_json_file_paths(paths "${json}")

# --------------------------------------------------------------------------
if(FIXTURE STREQUAL "cdb_c")
  # Exactly the database's two entries: test/ring_test.c is not in it.
  if(NOT tus STREQUAL "src/parse.c;src/ring.c")
    e2e_fail("expected the database's TUs src/parse.c and src/ring.c, got: ${tus}")
  endif()
  foreach(tu src/parse.c src/ring.c)
    e2e_expect_tu_status("${json}" ${tu} clean)
    e2e_json_tu(obj "${json}" ${tu})
    e2e_json(inferred "${obj}" inferred_flags)
    if(inferred)
      e2e_fail("${tu}: flags were inferred although the database lists it")
    endif()
  endforeach()
  e2e_json(notes "${json}" notes)
  e2e_expect_contains("notes" "${notes}" "using compilation database compile_commands.json")
  e2e_json(warnings "${json}" warnings)
  if(NOT warnings MATCHES "^\\[ *\\]$")
    e2e_fail("unexpected warnings: ${warnings}")
  endif()
  # The headers found through the database's -Iinclude are files of the tree.
  e2e_expect_in_list("files" paths "include/cfg.h")
  e2e_expect_in_list("files" paths "include/ringlog.h")
  foreach(fn src/ring.c:ringlog_push src/ring.c:ringlog_backend
             src/parse.c:ringlog_parse_level src/parse.c:skip_spaces)
    e2e_expect_in_list("functions" fns "${fn}")
  endforeach()

  # The same sources without their database do not parse cleanly: the clean
  # status above comes from the database's -D flags (including the quoted
  # string define of the "command" entry, checked by a _Static_assert).
  file(COPY "${dir}/" DESTINATION "${WORK}/cdb_c_without_db"
       PATTERN compile_commands.json EXCLUDE)
  e2e_scan_json(nodb WORKDIR "${WORK}/cdb_c_without_db" ARGS scan .)
  foreach(tu src/parse.c src/ring.c)
    e2e_expect_tu_status("${nodb}" ${tu} recovered)
  endforeach()
  e2e_json_tu(ring "${nodb}" src/ring.c)
  e2e_expect_contains("src/ring.c without its database" "${ring}"
                      "RINGLOG_CAPACITY is not set")

# --------------------------------------------------------------------------
elseif(FIXTURE STREQUAL "nocdb_cpp")
  if(NOT tus STREQUAL "src/main.cpp;src/shape.cpp")
    e2e_fail("unexpected translation units: ${tus}")
  endif()
  foreach(tu src/main.cpp src/shape.cpp)
    e2e_expect_tu_status("${json}" ${tu} clean)
  endforeach()
  e2e_json(inferred "${json}" stats inferred_flags)
  if(NOT inferred EQUAL 2)
    e2e_fail("expected inferred flags for both TUs, stats say ${inferred}")
  endif()
  foreach(fn include/shape.hpp:geo::Shape::Shape include/shape.hpp:geo::Rect::area
             include/registry.hpp:geo::Registry::add
             include/registry.hpp:geo::Registry::countIf
             src/shape.cpp:geo::Shape::describe src/shape.cpp:geo::Circle::describe
             src/shape.cpp:geo::Circle::Circle
             "src/main.cpp:(anonymous namespace)::totalArea" src/main.cpp:main)
    e2e_expect_in_list("functions" fns "${fn}")
  endforeach()
  # Lambda bodies belong to the function that writes them, not to functions
  # of their own.
  if(fns MATCHES "lambda|operator\\(\\)")
    e2e_fail("a lambda is reported as a function: ${fns}")
  endif()
  # s.area() through a `const Shape &` is a virtual call; Shape::describe()
  # spelled with its class is not.
  string(JSON n LENGTH "${json}" functions)
  math(EXPR last "${n} - 1")
  set(seen_virtual FALSE)
  foreach(i RANGE ${last})
    string(JSON name GET "${json}" functions ${i} name)
    string(JSON ncallees LENGTH "${json}" functions ${i} callees)
    if(ncallees EQUAL 0)
      continue()
    endif()
    math(EXPR clast "${ncallees} - 1")
    foreach(k RANGE ${clast})
      string(JSON callee GET "${json}" functions ${i} callees ${k} name)
      string(JSON virtual ERROR_VARIABLE no_virtual GET "${json}" functions ${i} callees ${k} virtual)
      if(no_virtual)
        set(virtual OFF)
      endif()
      if(name STREQUAL "(anonymous namespace)::totalArea" AND callee STREQUAL "geo::Shape::area")
        if(NOT virtual)
          e2e_fail("totalArea's call of Shape::area is not marked virtual")
        endif()
        set(seen_virtual TRUE)
      endif()
      if(name STREQUAL "geo::Circle::describe" AND callee STREQUAL "geo::Shape::describe"
         AND virtual)
        e2e_fail("Circle::describe calls Shape::describe directly, not virtually")
      endif()
    endforeach()
  endforeach()
  if(NOT seen_virtual)
    e2e_fail("no call of geo::Shape::area from totalArea was reported")
  endif()

# --------------------------------------------------------------------------
elseif(FIXTURE STREQUAL "shared_header")
  foreach(tu src/gain.c src/meter.c src/mix.c)
    e2e_expect_tu_status("${json}" ${tu} clean)
  endforeach()
  # Three TUs define clamp_s16 (static inline in a header): listed once.
  # (A function object has "file" after "name"; a call site has "line".)
  string(REGEX MATCHALL "\"name\": \"clamp_s16\",\n *\"file\"" hits "${json}")
  list(LENGTH hits count)
  if(NOT count EQUAL 1)
    e2e_fail("clamp_s16 is listed ${count} times, expected once")
  endif()
  e2e_expect_in_list("functions" fns "include/mathx.h:clamp_s16")
  list(FILTER paths INCLUDE REGEX "^include/mathx\\.h$")
  list(LENGTH paths count)
  if(NOT count EQUAL 1)
    e2e_fail("include/mathx.h is listed ${count} times in files, expected once")
  endif()
  # Callers in the three TUs all name the same function.
  string(REGEX MATCHALL "\"name\": \"clamp_s16\",\n *\"line\"" calls "${json}")
  list(LENGTH calls count)
  if(NOT count EQUAL 3)
    e2e_fail("expected 3 calls of clamp_s16 (one per TU), found ${count}")
  endif()

# --------------------------------------------------------------------------
elseif(FIXTURE STREQUAL "syntax_error")
  e2e_expect_tu_status("${json}" src/main.c clean)
  e2e_expect_tu_status("${json}" src/queue.c clean)
  e2e_expect_tu_status("${json}" src/worker.c recovered)
  e2e_json_tu(worker "${json}" src/worker.c)
  e2e_json(count "${worker}" error_count)
  if(count LESS 1)
    e2e_fail("src/worker.c has no error count: ${worker}")
  endif()
  e2e_json(efile "${worker}" errors 0 file)
  e2e_json(eline "${worker}" errors 0 line)
  if(NOT efile STREQUAL "src/worker.c" OR NOT eline EQUAL 9)
    e2e_fail("the first error should be at src/worker.c:9, got ${efile}:${eline}")
  endif()
  # Clang recovered every function of the broken file.
  foreach(fn src/worker.c:queue_pop src/worker.c:handle src/worker.c:worker_run
             src/queue.c:queue_init src/queue.c:queue_push src/main.c:main)
    e2e_expect_in_list("functions" fns "${fn}")
  endforeach()

# --------------------------------------------------------------------------
elseif(FIXTURE STREQUAL "missing_header")
  foreach(tu src/main.c src/version.c)
    e2e_expect_tu_status("${json}" ${tu} recovered)
    e2e_json_tu(obj "${json}" ${tu})
    e2e_json(missing "${obj}" missing_includes)
    e2e_expect_contains("${tu}: missing_includes" "${missing}" "\"generated_config.h\"")
    e2e_json(count "${obj}" error_count)
    if(NOT count EQUAL 0)
      e2e_fail("${tu}: a skipped header should not cause errors here: ${obj}")
    endif()
  endforeach()
  foreach(fn src/main.c:main src/main.c:wants_version src/version.c:tool_version)
    e2e_expect_in_list("functions" fns "${fn}")
  endforeach()

else()
  e2e_fail("no checks for fixture '${FIXTURE}'")
endif()
