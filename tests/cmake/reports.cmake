# reports.cmake - checks of the report formats beyond the unit tests.
#   report_json_schema   the sample JSON reports against docs/json-report.schema.json
#   report_sarif_schema  the sample SARIF log against the OASIS SARIF 2.1.0 schema
#   report_html_browser  the HTML viewer in headless Chromium (#d0s2 selects a step; screenshot)
# The samples come from unit_test_test_report (a fixture); the python checks
# skip (77) without /usr/bin/python3 + python3-jsonschema, the browser one
# without /usr/bin/chromium.
set(_rep_tests ${CMAKE_CURRENT_SOURCE_DIR}/report)
if(TEST unit_test_report)
  set_tests_properties(unit_test_report PROPERTIES FIXTURES_SETUP report_samples)
endif()

add_test(NAME report_json_schema
         COMMAND sh ${_rep_tests}/validate.sh ${CMAKE_SOURCE_DIR}/docs/json-report.schema.json
                 ${CMAKE_BINARY_DIR}/report-sample.json
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/report/sample.json)
add_test(NAME report_sarif_schema
         COMMAND sh ${_rep_tests}/validate.sh ${CMAKE_CURRENT_SOURCE_DIR}/data/sarif-schema-2.1.0.json
                 ${CMAKE_BINARY_DIR}/report-sample.sarif
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/report/sample.sarif)
add_test(NAME report_html_browser
         COMMAND sh ${_rep_tests}/html_browser.sh ${CMAKE_BINARY_DIR}/report-sample.html
                 ${CMAKE_BINARY_DIR}/report-html)
set_tests_properties(report_json_schema report_sarif_schema report_html_browser PROPERTIES
  FIXTURES_REQUIRED report_samples SKIP_RETURN_CODE 77 TIMEOUT 180)
# the page is the same in the sanitizer build: run the browser once
set_tests_properties(report_html_browser PROPERTIES LABELS no-asan)

# the same features through `drvcheck scan` (skips while the scan cannot run)
add_test(NAME report_end_to_end
         COMMAND sh ${_rep_tests}/e2e.sh $<TARGET_FILE:drvcheck> ${CMAKE_SOURCE_DIR})
set_tests_properties(report_end_to_end PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}"
  SKIP_RETURN_CODE 77 TIMEOUT 300)

# End to end: the samples scanned in every format, validated and compared.
add_test(NAME report_e2e_formats
         COMMAND sh ${_rep_tests}/e2e_formats.sh $<TARGET_FILE:drvcheck> ${CMAKE_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/e2e-formats)
set_tests_properties(report_e2e_formats PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}"
                     SKIP_RETURN_CODE 77 TIMEOUT 300)
