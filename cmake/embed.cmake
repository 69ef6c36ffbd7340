# xuefeng_embed(<target> <namespace> <output.cpp> FILES <file>...)
# Generates a C++ source that holds each file's bytes, so the binary carries its migrations (and later
# the web UI) and a deployment is one file. The accessor `embedded_files()` is declared in
# src/core/embedded.hpp.
function(xuefeng_embed out_var symbol)
  cmake_parse_arguments(ARG "" "BASE_DIR" "FILES" ${ARGN})
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${symbol}.cpp")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DSYMBOL=${symbol} -DBASE_DIR=${ARG_BASE_DIR}
            "-DFILES=${ARG_FILES}" -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    DEPENDS ${ARG_FILES} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    COMMENT "Embedding ${symbol}"
    VERBATIM)
  set(${out_var} "${output}" PARENT_SCOPE)
endfunction()
