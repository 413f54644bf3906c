# Sharding: N shards scanned separately (--shard K/N --save-facts), merged,
# and analysed from the merged facts (--facts) give byte for byte the
# reports of one machine.
#   -DDIR=<fixture folder>  -DSHARDS=<N>
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(src "${FIXTURES}/${DIR}")

foreach(format json text)
  e2e_run(ref WORKDIR "${src}" OUTPUT_FILE "${WORK}/single.${format}"
          ARGS scan . --quiet --format ${format})
  e2e_expect_rc(ref 0)
endforeach()
e2e_run(refc WORKDIR "${src}" OUTPUT_FILE "${WORK}/single.sarif"
        ARGS check . --quiet --fail-on none --format sarif)

set(parts "")
set(total 0)
foreach(k RANGE 1 ${SHARDS})
  e2e_run(s${k} WORKDIR "${src}" ARGS scan . --quiet --shard ${k}/${SHARDS}
          --save-facts "${WORK}/shard${k}.json")
  e2e_expect_rc(s${k} 0)
  e2e_expect_contains("shard ${k}'s message" "${s${k}_ERR}" "(shard ${k}/${SHARDS})")
  if(NOT "${s${k}_OUT}" STREQUAL "")
    e2e_fail("--save-facts printed a report:\n${s${k}_OUT}")
  endif()
  file(READ "${WORK}/shard${k}.json" j)
  e2e_expect_no_absolute_paths("shard ${k}'s facts" "${j}" JSON)
  # A facts file is JSON Lines: a header, then a record a line.
  file(STRINGS "${WORK}/shard${k}.json" tu_lines REGEX "^{\"translation_unit\":")
  list(LENGTH tu_lines n)
  math(EXPR total "${total} + ${n}")
  list(APPEND parts "${WORK}/shard${k}.json")
endforeach()
# Every TU is in exactly one shard.
e2e_run(n1 WORKDIR "${src}" ARGS scan . --quiet --format json)
e2e_json_length(all "${n1_OUT}" translation_units)
if(NOT total EQUAL all)
  e2e_fail("the shards hold ${total} translation units, one scan ${all}")
endif()

# Merged in reverse order: the order of the parts does not matter.
list(REVERSE parts)
e2e_run(m ARGS merge ${parts} -o "${WORK}/all.json")
e2e_expect_rc(m 0)
foreach(format json text)
  e2e_run(f WORKDIR "${src}" OUTPUT_FILE "${WORK}/merged.${format}"
          ARGS scan --facts "${WORK}/all.json" --quiet --format ${format})
  e2e_expect_rc(f 0)
  e2e_expect_files_equal("${format} report from ${SHARDS} merged shards"
                         "${WORK}/single.${format}" "${WORK}/merged.${format}")
endforeach()
# --facts also takes the shards themselves, merging them on the way.
e2e_run(fc WORKDIR "${src}" OUTPUT_FILE "${WORK}/merged.sarif"
        ARGS check --facts ${parts} --quiet --fail-on none --format sarif)
e2e_expect_files_equal("SARIF from ${SHARDS} shards" "${WORK}/single.sarif" "${WORK}/merged.sarif")

# Errors: one line naming what is wrong, exit 2.
foreach(bad 0/2 3/2 2 a/b)
  e2e_run(b WORKDIR "${src}" ARGS scan . --quiet --shard ${bad} --save-facts "${WORK}/x.json")
  e2e_expect_usage_error(b "--shard: '${bad}' is not K/N")
endforeach()
e2e_run(both WORKDIR "${src}" ARGS scan --facts "${WORK}/all.json" --shard 1/2)
e2e_expect_usage_error(both "--facts reads saved facts")
file(WRITE "${WORK}/not-facts.json" "{\"findings\": []}\n")
e2e_run(nf ARGS merge "${WORK}/not-facts.json" -o "${WORK}/y.json")
e2e_expect_usage_error(nf "not-facts\\.json")
file(READ "${WORK}/shard1.json" j)
string(REPLACE "\"version\":\"" "\"version\":\"0.0.0-other" j "${j}")
file(WRITE "${WORK}/other.json" "${j}")
e2e_run(v ARGS merge "${WORK}/shard1.json" "${WORK}/other.json" -o "${WORK}/z.json")
e2e_expect_usage_error(v "other\\.json: written by carcinize 0\\.0\\.0-other")
if(EXISTS "${WORK}/z.json" OR EXISTS "${WORK}/x.json" OR EXISTS "${WORK}/y.json")
  e2e_fail("a failed command left an output file")
endif()
