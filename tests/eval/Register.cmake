# The CVE evaluation's functional test: the pure logic of cve_rank.py (CVE
# commits and their files, merges, changelog-only commits, renames, the time
# split, P@10, NDCG@10) on a git repository the test writes in a temporary
# folder. The evaluation itself (tests/eval/cve_rank.py over real projects)
# is run by hand, see docs/evaluation.md. Included from tests/CMakeLists.txt.
find_package(Python3 COMPONENTS Interpreter)
find_program(GIT git)
if(Python3_Interpreter_FOUND AND GIT)
  add_test(NAME eval.cve_rank_logic
    COMMAND Python3::Interpreter "${CMAKE_CURRENT_LIST_DIR}/test_cve_rank.py")
  set_tests_properties(eval.cve_rank_logic PROPERTIES LABELS eval TIMEOUT 120)
else()
  message(STATUS "python3 or git not found: the eval.cve_rank_logic test is not registered")
endif()

# The flawed/fixed pairs (tests/eval/pairs, rule_pairs.py): carcinize alone,
# held to the issue's precision target (medium or higher findings on at most
# one fixed function in four). The comparison with clang-tidy, cppcheck and
# flawfinder is run by hand, see docs/evaluation.md.
if(Python3_Interpreter_FOUND)
  add_test(NAME eval.rule_pairs_precision
    COMMAND Python3::Interpreter "${CMAKE_CURRENT_LIST_DIR}/rule_pairs.py"
            --carcinize $<TARGET_FILE:carcinize> --tools carcinize --max-fixed-rate 0.25)
  set_tests_properties(eval.rule_pairs_precision PROPERTIES LABELS eval TIMEOUT 300)
endif()

# The CVE-fix evaluation (cve_fixes.py) end to end on a git repository the
# test writes: which fixes are judged, which lines they change, and whether
# the real binary's finding on the vulnerable line counts. The evaluation on
# real projects is run by hand, see docs/evaluation-findings.md.
if(Python3_Interpreter_FOUND AND GIT)
  add_test(NAME eval.cve_fixes_logic
    COMMAND Python3::Interpreter "${CMAKE_CURRENT_LIST_DIR}/test_cve_fixes.py"
            $<TARGET_FILE:carcinize>)
  set_tests_properties(eval.cve_fixes_logic PROPERTIES LABELS eval TIMEOUT 300)
endif()
