# The web UI: `npm ci` when the lockfile changes, `vite build` when a source changes, then the output is
# embedded into the binary (xuefeng_web_files_cpp, for xuefeng_app). With XUEFENG_WEB=OFF (sanitizer and
# fuzz builds) the UI is not built and web_files() is empty: `serve --web-root` can still serve one.
set(web_dir "${PROJECT_SOURCE_DIR}/web")
set(web_out "${CMAKE_BINARY_DIR}/web/dist")
set(xuefeng_web_files_cpp "${CMAKE_BINARY_DIR}/web/web_files.cpp")

if(NOT XUEFENG_WEB)
  file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/web/empty")
  execute_process(COMMAND ${CMAKE_COMMAND} -DDIR=${CMAKE_BINARY_DIR}/web/empty -DSYMBOL=web_files
                          -DOUTPUT=${xuefeng_web_files_cpp} -P "${PROJECT_SOURCE_DIR}/cmake/embed_dir.cmake")
  return()
endif()

find_program(XUEFENG_NPM npm)
find_program(XUEFENG_NODE node)
if(NOT XUEFENG_NPM OR NOT XUEFENG_NODE)
  message(FATAL_ERROR "The web UI needs Node.js and npm (./scripts/test installs them), or configure with -DXUEFENG_WEB=OFF")
endif()

set(web_modules_stamp "${web_dir}/node_modules/.xuefeng-npm-ci")
add_custom_command(
  OUTPUT "${web_modules_stamp}"
  COMMAND "${XUEFENG_NPM}" ci --no-audit --no-fund --loglevel=error
  COMMAND ${CMAKE_COMMAND} -E touch "${web_modules_stamp}"
  DEPENDS "${web_dir}/package.json" "${web_dir}/package-lock.json"
  WORKING_DIRECTORY "${web_dir}"
  COMMENT "Installing the web UI's packages (npm ci)"
  VERBATIM)

file(GLOB_RECURSE web_sources CONFIGURE_DEPENDS "${web_dir}/src/*" "${web_dir}/public/*" "${web_dir}/build/*")
set(web_build_stamp "${CMAKE_BINARY_DIR}/web/build.stamp")
add_custom_command(
  OUTPUT "${web_build_stamp}"
  COMMAND ${CMAKE_COMMAND} -E env "XUEFENG_WEB_OUT=${web_out}" "${XUEFENG_NODE}" node_modules/vite/bin/vite.js build
          --logLevel warn
  COMMAND ${CMAKE_COMMAND} -E touch "${web_build_stamp}"
  DEPENDS "${web_modules_stamp}" ${web_sources} "${web_dir}/index.html" "${web_dir}/vite.config.js"
  WORKING_DIRECTORY "${web_dir}"
  COMMENT "Building the web UI (vite build)"
  VERBATIM)

add_custom_command(
  OUTPUT "${xuefeng_web_files_cpp}"
  COMMAND ${CMAKE_COMMAND} -DDIR=${web_out} -DSYMBOL=web_files -DOUTPUT=${xuefeng_web_files_cpp}
          -P "${PROJECT_SOURCE_DIR}/cmake/embed_dir.cmake"
  DEPENDS "${web_build_stamp}" "${PROJECT_SOURCE_DIR}/cmake/embed_dir.cmake"
  COMMENT "Embedding the web UI"
  VERBATIM)
add_custom_target(xuefeng_web DEPENDS "${xuefeng_web_files_cpp}")
