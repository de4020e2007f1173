# halt_first.cmake - where every place the rule can report at is a call that
# reports wherever it is reached (a constant stall), halt runs straight after
# initialize before the callback loop (src/engine/harness.c halt_first), so
# a stall in halt settles early.  Case 606 (its expected.txt checks the two
# defects themselves); case 471's candidates take their delay from callers,
# so it does not apply there.
add_test(NAME engine_halt_first_606
         COMMAND $<TARGET_FILE:drvcheck> scan --rule NdisStallExecution_Delay
                 ${CMAKE_CURRENT_SOURCE_DIR}/cases/606_halt_and_reset_long_constant_stalls_defect)
set_tests_properties(engine_halt_first_606 PROPERTIES
  ENVIRONMENT "${DRVCHECK_TEST_ENV};DRVCHECK_ENGINE_STATS=1" TIMEOUT 60
  PASS_REGULAR_EXPRESSION "NdisStallExecution_Delay: every candidate reports wherever it is reached")
add_test(NAME engine_halt_first_471
         COMMAND $<TARGET_FILE:drvcheck> scan --rule NdisStallExecution_Delay
                 ${CMAKE_CURRENT_SOURCE_DIR}/cases/471_stall_platform_delay_wrong_clamp_defect)
set_tests_properties(engine_halt_first_471 PROPERTIES
  ENVIRONMENT "${DRVCHECK_TEST_ENV};DRVCHECK_ENGINE_STATS=1" TIMEOUT 60
  PASS_REGULAR_EXPRESSION "NdisStallExecution_Delay \\(full run\\)"
  FAIL_REGULAR_EXPRESSION "every candidate reports wherever it is reached")
