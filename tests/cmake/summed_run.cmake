# summed_run.cmake - the full run tried first with the callback loop
# summarised (src/engine/check.c summed_full_run, loopsum.c
# loopsum_capture).  Case 02's defect lies on the path where halt follows
# initialize straight away: the try holds and is the verdict.  Case 603's
# lies only after a PnP callback set a flag halt tests: the summarised loop
# and halt meet it where no exact path reported it, so the try does not
# hold and the full run follows (its expected.txt checks it finds the
# defect).
add_test(NAME engine_summed_run_02
         COMMAND $<TARGET_FILE:drvcheck> scan --rule NdisMDeregisterInterruptEx
                 ${CMAKE_CURRENT_SOURCE_DIR}/cases/02_halt_sync_after_dereg)
set_tests_properties(engine_summed_run_02 PROPERTIES
  ENVIRONMENT "${DRVCHECK_TEST_ENV};DRVCHECK_ENGINE_STATS=1" TIMEOUT 60
  PASS_REGULAR_EXPRESSION "NdisMDeregisterInterruptEx: the summarised full run holds")
add_test(NAME engine_summed_run_603
         COMMAND $<TARGET_FILE:drvcheck> scan --rule Init_RegisterInterrupt
                 ${CMAKE_CURRENT_SOURCE_DIR}/cases/603_surprise_removal_skips_dereg_defect)
set_tests_properties(engine_summed_run_603 PROPERTIES
  ENVIRONMENT "${DRVCHECK_TEST_ENV};DRVCHECK_ENGINE_STATS=1" TIMEOUT 60
  PASS_REGULAR_EXPRESSION "Init_RegisterInterrupt: the summarised full run does not hold")
