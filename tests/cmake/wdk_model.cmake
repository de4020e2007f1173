# wdk_model.cmake - the bundled clean-room WDK model (rules/wdk) must parse with zero errors and
# zero warnings under the front end's flags, and stay consistent with include/drvcheck/roles.def.
set(WDK_MODEL_DIR ${CMAKE_SOURCE_DIR}/rules/wdk)
set(WDK_TEST_DIR ${CMAKE_SOURCE_DIR}/tests/wdk)

add_test(NAME wdk_model_consistency
         COMMAND sh ${WDK_TEST_DIR}/check_model.sh ${CMAKE_SOURCE_DIR})
set_tests_properties(wdk_model_consistency PROPERTIES TIMEOUT 60)

find_program(WDK_MODEL_CLANG NAMES clang-14 clang)
if(NOT WDK_MODEL_CLANG)
  message(STATUS "clang/clang-14 not found: the WDK model parse tests will report SKIPPED")
  foreach(name all_headers miniport_idioms wlan_idioms wsk_idioms ndis5_idioms filter_idioms miniport_idioms2)
    add_test(NAME wdk_model_${name}
             COMMAND sh -c "echo 'clang/clang-14 not found: WDK model parse test skipped'; exit 77")
    set_tests_properties(wdk_model_${name} PROPERTIES SKIP_RETURN_CODE 77)
  endforeach()
  return()
endif()

# The front end's parse flags (see src/front), plus -Werror -Wall -Wextra.
set(WDK_MODEL_FLAGS
    -fsyntax-only -Werror -Wall -Wextra
    --target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility
    -isystem ${WDK_MODEL_DIR} -D_KERNEL_MODE=1 -D_AMD64_=1)
foreach(name all_headers miniport_idioms wlan_idioms wsk_idioms ndis5_idioms filter_idioms miniport_idioms2)
  add_test(NAME wdk_model_${name}
           COMMAND ${WDK_MODEL_CLANG} ${WDK_MODEL_FLAGS} ${WDK_TEST_DIR}/${name}.c)
  set_tests_properties(wdk_model_${name} PROPERTIES TIMEOUT 60)
endforeach()
# The same without -isystem: warnings inside the model headers count too.
add_test(NAME wdk_model_strict
         COMMAND ${WDK_MODEL_CLANG} -fsyntax-only -Werror -Wall -Wextra
                 --target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility
                 -I ${WDK_MODEL_DIR} ${WDK_TEST_DIR}/all_headers.c)
set_tests_properties(wdk_model_strict PROPERTIES TIMEOUT 60)
