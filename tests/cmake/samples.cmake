# The bundled samples are end-to-end cases too: samples/<name>/expected.txt.
file(GLOB SAMPLE_DIRS LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/samples/*)
foreach(dir ${SAMPLE_DIRS})
  if(IS_DIRECTORY ${dir} AND EXISTS ${dir}/expected.txt)
    get_filename_component(name ${dir} NAME)
    add_test(NAME sample_${name}
             COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cases/run_case.sh $<TARGET_FILE:drvcheck> ${dir})
    set_tests_properties(sample_${name} PROPERTIES ENVIRONMENT "${DRVCHECK_TEST_ENV}" TIMEOUT 120)
  endif()
endforeach()
