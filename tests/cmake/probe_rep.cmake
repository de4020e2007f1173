# probe_rep.cmake - report_probe_rep_known_problems: KNOWN PROBLEMS in what the
# reports show a driver author (probe-rep review), each pinned as today's output
# so a fix shows up; see tests/report/probe_rep.sh.
add_test(NAME report_probe_rep_known_problems
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/report/probe_rep.sh $<TARGET_FILE:drvcheck>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/probe-rep)
set_tests_properties(report_probe_rep_known_problems PROPERTIES
  ENVIRONMENT "${DRVCHECK_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 300)
