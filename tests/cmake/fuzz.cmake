# fuzz.cmake - libFuzzer targets for the rule language and the source prefix lexer, and their
# ctest smoke runs.
#
# Needs clang (clang-14 or clang) and its libFuzzer runtime (Debian:
# libclang-rt-14-dev).  The fuzzer is built from src/rules/*.c and
# src/util/*.c with -fsanitize=fuzzer,address,undefined, independently of the
# main build's compiler; `ctest -R fuzz_rules_smoke` runs it for ~8 seconds
# seeded from rules/ndis.  For a longer run:
#   build/fuzz_rules -max_total_time=600 build/fuzz_corpus rules/ndis

find_program(DRVCHECK_FUZZ_CLANG NAMES clang-14 clang)
set(_fuzz_runtime "")
if(DRVCHECK_FUZZ_CLANG)
  execute_process(COMMAND ${DRVCHECK_FUZZ_CLANG} -print-resource-dir
                  OUTPUT_VARIABLE _fuzz_resdir OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  set(_fuzz_arch ${CMAKE_SYSTEM_PROCESSOR})
  if(_fuzz_arch STREQUAL "amd64")
    set(_fuzz_arch x86_64)
  endif()
  if(EXISTS "${_fuzz_resdir}/lib/linux/libclang_rt.fuzzer-${_fuzz_arch}.a")
    set(_fuzz_runtime "${_fuzz_resdir}/lib/linux/libclang_rt.fuzzer-${_fuzz_arch}.a")
  endif()
endif()

if(NOT DRVCHECK_FUZZ_CLANG)
  message(STATUS "fuzz: clang not found; the rule fuzzer (tests/fuzz) is not built "
                 "(install clang-14 and libclang-rt-14-dev)")
elseif(NOT _fuzz_runtime)
  message(STATUS "fuzz: ${DRVCHECK_FUZZ_CLANG} has no libFuzzer runtime; the rule fuzzer "
                 "(tests/fuzz) is not built (install libclang-rt-14-dev)")
else()
  message(STATUS "fuzz: building tests/fuzz/fuzz_rules with ${DRVCHECK_FUZZ_CLANG}")
  file(GLOB _fuzz_srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/rules/*.c ${CMAKE_SOURCE_DIR}/src/util/*.c)
  file(GLOB _fuzz_hdrs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/rules/*.h ${CMAKE_SOURCE_DIR}/include/drvcheck/*)
  set(_fuzz_bin ${CMAKE_BINARY_DIR}/fuzz_rules)
  add_custom_command(
    OUTPUT ${_fuzz_bin}
    COMMAND ${DRVCHECK_FUZZ_CLANG} -std=c11 -g -O1 -fno-omit-frame-pointer
            -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
            -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
            "-DDRVCHECK_SOURCE_RULES_DIR=\"${CMAKE_SOURCE_DIR}/rules\""
            -I${CMAKE_SOURCE_DIR}/include -I${CMAKE_SOURCE_DIR}/src
            ${_fuzz_srcs} ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_rules.c -o ${_fuzz_bin}
    DEPENDS ${_fuzz_srcs} ${_fuzz_hdrs} ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_rules.c
    COMMENT "Building the rule fuzzer (libFuzzer)"
    VERBATIM)
  add_custom_target(rule_fuzzer ALL DEPENDS ${_fuzz_bin})
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz_corpus)
  add_test(NAME fuzz_rules_smoke
           COMMAND ${_fuzz_bin} -max_total_time=8 -timeout=10 -rss_limit_mb=2048 -max_len=8192
                   ${CMAKE_BINARY_DIR}/fuzz_corpus ${CMAKE_SOURCE_DIR}/rules/ndis)
  set_tests_properties(fuzz_rules_smoke PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}" TIMEOUT 120)

  # the prefix lexer (src/front/prefix.c) reads strangers' sources: seeded from the cases
  set(_pfx_srcs ${CMAKE_SOURCE_DIR}/src/front/prefix.c ${CMAKE_SOURCE_DIR}/src/front/strmap.c
                ${CMAKE_SOURCE_DIR}/src/front/argdefs.c)
  set(_pfx_bin ${CMAKE_BINARY_DIR}/fuzz_prefix)
  add_custom_command(
    OUTPUT ${_pfx_bin}
    COMMAND ${DRVCHECK_FUZZ_CLANG} -std=c11 -g -O1 -fno-omit-frame-pointer
            -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
            -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
            -I${CMAKE_SOURCE_DIR}/include -I${CMAKE_SOURCE_DIR}/src -isystem ${CLANG_C_INCLUDE_DIR}
            ${_pfx_srcs} ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_prefix.c -o ${_pfx_bin}
    DEPENDS ${_pfx_srcs} ${CMAKE_SOURCE_DIR}/src/front/front_int.h
            ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_prefix.c
    COMMENT "Building the prefix fuzzer (libFuzzer)"
    VERBATIM)
  add_custom_target(prefix_fuzzer ALL DEPENDS ${_pfx_bin})
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz_prefix_corpus)
  add_test(NAME fuzz_prefix_smoke
           COMMAND ${_pfx_bin} -max_total_time=8 -timeout=10 -rss_limit_mb=2048 -max_len=8192
                   ${CMAKE_BINARY_DIR}/fuzz_prefix_corpus ${CMAKE_SOURCE_DIR}/tests/cli/shared/main
                   ${CMAKE_SOURCE_DIR}/tests/cli/shared/main/inc)
  set_tests_properties(fuzz_prefix_smoke PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}" TIMEOUT 120)
endif()
