# The command line's contract (exit codes, inputs, compile databases, -j).
add_test(NAME cli_contract
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_cli_tests.sh $<TARGET_FILE:drvcheck> ${CMAKE_SOURCE_DIR})
set_tests_properties(cli_contract PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}" TIMEOUT 600)
add_test(NAME cli_union_of_drivers
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_union_test.sh $<TARGET_FILE:drvcheck> ${CMAKE_CURRENT_SOURCE_DIR}/cases)
# (it scans every case twice, so it grows with them: 393 s of 600 under AddressSanitizer with 498
# cases, on two cores, beside the other tests)
set_tests_properties(cli_union_of_drivers PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}" TIMEOUT 1200)
add_test(NAME parse_clean_shipped_sources
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_parse_clean.sh $<TARGET_FILE:drvcheck> ${CMAKE_SOURCE_DIR})
set_tests_properties(parse_clean_shipped_sources PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}" TIMEOUT 600)
# A tree of several drivers (tests/cli/trees): a library folder's file called only by another of
# its files joins the driver, and a header included in another case is the includer's own, not an
# exactly spelled one of another driver, and stays a project header whose inline functions are
# analysed (gamma): the whole-tree scan gives the union of each alone.
add_test(NAME cli_tree_of_drivers
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_union_test.sh $<TARGET_FILE:drvcheck> ${CMAKE_CURRENT_SOURCE_DIR}/cli/trees)
set_tests_properties(cli_tree_of_drivers PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}" TIMEOUT 600)
# Shared headers (src/front/shared.c): which files of tests/cli/shared share <ndis.h> and why the
# others do not, and the same report with sharing on and off there and on every case as one tree.
add_test(NAME cli_shared_headers
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_shared_test.sh $<TARGET_FILE:drvcheck> ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(cli_shared_headers PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}" TIMEOUT 600)

# Inputs at the limits (a statement too deep for libclang, thousands of long
# traces): not under AddressSanitizer, which reports the parser's overflow itself.
add_test(NAME cli_extremes
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_extremes.sh $<TARGET_FILE:drvcheck>)
set_tests_properties(cli_extremes PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}" LABELS no-asan
                     TIMEOUT 900)
