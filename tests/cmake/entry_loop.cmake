# entry_loop.cmake - a loop whose head is a function's first block
# (`while (Bits-- != 0)` opening a bit-bang helper) is widened like any
# other (src/engine/interp.c in_frame): case 607's stall rule gets its
# verdict, Defect, where the count grew without end until the state budget
# ran out (Spaceout).  Its expected.txt checks the defect itself.
add_test(NAME engine_entry_loop_607
         COMMAND $<TARGET_FILE:drvcheck> scan --rule NdisStallExecution_Delay
                 ${CMAKE_CURRENT_SOURCE_DIR}/cases/607_mdio_postdec_clock_loop_reset_stall_defect)
set_tests_properties(engine_entry_loop_607 PROPERTIES
  ENVIRONMENT "${DRVCHECK_TEST_ENV}" TIMEOUT 60
  PASS_REGULAR_EXPRESSION "verdicts: \\[NdisStallExecution_Delay\\] Defect"
  FAIL_REGULAR_EXPRESSION "Spaceout")
