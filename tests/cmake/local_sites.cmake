# local_sites.cmake - the stall rule's candidate calls judged at the function
# that makes them (src/engine/harness.c local_sites): case 470's two clamped
# stalls are decided there, whatever the callers pass, so no search runs for
# them; case 471 keeps the three calls some caller can make report (its
# expected.txt checks the defects themselves).
add_test(NAME engine_local_sites_470
         COMMAND $<TARGET_FILE:drvcheck> scan --rule NdisStallExecution_Delay
                 ${CMAKE_CURRENT_SOURCE_DIR}/cases/470_stall_clamped_platform_delay_clean)
set_tests_properties(engine_local_sites_470 PROPERTIES
  ENVIRONMENT "${DRVCHECK_TEST_ENV};DRVCHECK_ENGINE_STATS=1" TIMEOUT 60
  PASS_REGULAR_EXPRESSION "NdisStallExecution_Delay: 0 of 2 candidate calls can report")
add_test(NAME engine_local_sites_471
         COMMAND $<TARGET_FILE:drvcheck> scan --rule NdisStallExecution_Delay
                 ${CMAKE_CURRENT_SOURCE_DIR}/cases/471_stall_platform_delay_wrong_clamp_defect)
set_tests_properties(engine_local_sites_471 PROPERTIES
  ENVIRONMENT "${DRVCHECK_TEST_ENV};DRVCHECK_ENGINE_STATS=1" TIMEOUT 60
  PASS_REGULAR_EXPRESSION "NdisStallExecution_Delay: 3 of 4 candidate calls can report")
