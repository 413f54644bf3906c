# Bad inputs: exit 2, nothing on stdout, one "carcinize: error: ..." line on
# stderr naming the file (and line) at fault. Inputs are generated in this
# test's scratch folder and named by relative paths, so messages are stable.
#
#   -DCASE=<one of the cases below>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

# A tiny valid project to point scans at.
function(make_project dir)
  file(WRITE "${WORK}/${dir}/src/a.c" "int answer(void) { return 42; }\n")
endfunction()

if(CASE STREQUAL "nonexistent_path")
  e2e_run(r ARGS scan does-not-exist)
  e2e_expect_usage_error(r "^carcinize: error: does-not-exist: ")

elseif(CASE STREQUAL "nonexistent_path_among_others")
  make_project(proj)
  e2e_run(r ARGS scan proj/src proj/missing.c)
  e2e_expect_usage_error(r "^carcinize: error: proj/missing\\.c: ")

elseif(CASE STREQUAL "p_without_database")
  make_project(proj)
  file(MAKE_DIRECTORY "${WORK}/empty")
  e2e_run(r ARGS scan proj -p empty)
  e2e_expect_usage_error(r "^carcinize: error: empty/compile_commands\\.json: ")

elseif(CASE STREQUAL "p_missing_file")
  make_project(proj)
  e2e_run(r ARGS scan proj -p proj/nothere.json)
  e2e_expect_usage_error(r "^carcinize: error: proj/nothere\\.json: ")

elseif(CASE STREQUAL "invalid_json")
  # The second entry lacks its separating comma: line 7, column 3.
  make_project(proj)
  file(WRITE "${WORK}/proj/compile_commands.json" [=[[
  {
    "directory": ".",
    "file": "src/a.c",
    "arguments": ["cc", "-c", "src/a.c"]
  }
  {
    "directory": ".",
    "file": "src/a.c",
    "arguments": ["cc", "-c", "src/a.c"]
  }
]
]=])
  e2e_run(r ARGS scan proj -p proj)
  e2e_expect_usage_error(r "^carcinize: error: proj/compile_commands\\.json:7:3: invalid JSON")
  # Found without -p (searched from the scanned folder), same position.
  e2e_run(r ARGS scan proj)
  e2e_expect_usage_error(r "compile_commands\\.json:7:3: invalid JSON")

elseif(CASE STREQUAL "entry_missing_file")
  # Entry 2 opens on line 7 and has no "file".
  make_project(proj)
  file(WRITE "${WORK}/proj/compile_commands.json" [=[[
  {
    "directory": ".",
    "file": "src/a.c",
    "arguments": ["cc", "-c", "src/a.c"]
  },
  {
    "directory": ".",
    "arguments": ["cc", "-c", "src/b.c"]
  }
]
]=])
  e2e_run(r ARGS scan proj -p proj/compile_commands.json)
  e2e_expect_usage_error(r
    "^carcinize: error: proj/compile_commands\\.json:7: entry 2: missing 'file'")

elseif(CASE STREQUAL "database_not_an_array")
  make_project(proj)
  file(WRITE "${WORK}/proj/compile_commands.json" "{\"directory\": \".\"}\n")
  e2e_run(r ARGS scan proj -p proj)
  e2e_expect_usage_error(r "^carcinize: error: proj/compile_commands\\.json:1: ")

elseif(CASE STREQUAL "invalid_yaml")
  # An unclosed flow sequence: yaml-cpp reports it where the input ends.
  make_project(proj)
  file(WRITE "${WORK}/bad.yaml" "version: 1\nexclude: [vendor/**, third_party\n")
  e2e_run(r ARGS scan proj --config bad.yaml)
  e2e_expect_usage_error(r "^carcinize: error: bad\\.yaml:3:1: invalid YAML")

elseif(CASE STREQUAL "invalid_yaml_in_root")
  # The .carcinize.yaml found in the scanned root is checked the same way.
  make_project(proj)
  file(WRITE "${WORK}/proj/.carcinize.yaml" "version: 1\nexclude:\n\t- vendor\n")
  e2e_run(r ARGS scan proj)
  e2e_expect_usage_error(r "\\.carcinize\\.yaml:3:[0-9]+: invalid YAML")

elseif(CASE STREQUAL "unknown_config_key")
  make_project(proj)
  file(WRITE "${WORK}/typo.yaml" "version: 1\nexcludes:\n  - vendor/**\n")
  e2e_run(r ARGS scan proj --config typo.yaml)
  e2e_expect_usage_error(r "^carcinize: error: typo\\.yaml:2:1: unknown key 'excludes'")

elseif(CASE STREQUAL "missing_config")
  make_project(proj)
  e2e_run(r ARGS scan proj --config nothere.yaml)
  e2e_expect_usage_error(r "^carcinize: error: nothere\\.yaml: ")

elseif(CASE STREQUAL "negative_jobs")
  make_project(proj)
  e2e_run(r ARGS scan proj -j -1)
  e2e_expect_usage_error(r "^carcinize: error: [^\n]*-j")
  e2e_run(r ARGS scan proj --jobs=-1)
  e2e_expect_usage_error(r "^carcinize: error: [^\n]*-j")

elseif(CASE STREQUAL "non_numeric_jobs")
  make_project(proj)
  e2e_run(r ARGS scan proj -j many)
  e2e_expect_usage_error(r "^carcinize: error: [^\n]*(-j|jobs|many)")

elseif(CASE STREQUAL "unknown_option")
  make_project(proj)
  e2e_run(r ARGS scan proj --no-such-option)
  e2e_expect_usage_error(r "^carcinize: error: [^\n]*--no-such-option")

elseif(CASE STREQUAL "unknown_format")
  make_project(proj)
  e2e_run(r ARGS scan proj --format xml)
  e2e_expect_usage_error(r "^carcinize: error: [^\n]*(format|xml)")

elseif(CASE STREQUAL "unknown_subcommand")
  # The option parser checks "a subcommand is required" before it complains
  # about the extra word, so the message does not name "frobnicate" (a known
  # weakness of the message, not of the exit code).
  e2e_run(r ARGS frobnicate)
  e2e_expect_usage_error(r "^carcinize: error: [^\n]*(frobnicate|[Ss]ubcommand)")

else()
  e2e_fail("unknown CASE '${CASE}'")
endif()
