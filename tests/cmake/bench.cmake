# The benchmark script must keep running (it asserts no timing).
find_program(BENCH_CLANG NAMES clang-14 clang)
if(BENCH_CLANG)
  add_test(NAME bench_scan_smoke
           COMMAND sh -c "sh ${CMAKE_CURRENT_SOURCE_DIR}/bench/scan_bench.sh $<TARGET_FILE:drvcheck> ${CMAKE_CURRENT_SOURCE_DIR}/cases | grep -q 'ratio'")
  set_tests_properties(bench_scan_smoke PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}"
                       LABELS "bench;no-asan" TIMEOUT 600)
endif()
