# CTest "consumer": installs the built tree to a prefix under WORK_DIR, configures and builds
# tests/consumer against it with CMAKE_PREFIX_PATH, runs it on DOCUMENT and checks what it prints
# against counts read from the document itself. Needs nothing but the built tree.
#
#   cmake -DBUILD_DIR=build/dev -DCONSUMER_SOURCE_DIR=tests/consumer -DWORK_DIR=build/dev/tests/consumer
#         -DDOCUMENT=examples/partnerships/state-cac-voca.json [-DGENERATOR=Ninja -DMAKE_PROGRAM=ninja
#         -DCXX_COMPILER=g++ -DCXX_FLAGS=... -DEXE_LINKER_FLAGS=... -DBUILD_TYPE=...] -P run.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var BUILD_DIR CONSUMER_SOURCE_DIR WORK_DIR DOCUMENT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "consumer: -D${var}=... is required")
  endif()
endforeach()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer: ${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")

# 1. Install what the build tree built.
run("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(installed include/partnerkit/partnerkit.hpp include/partnerkit/version.hpp)
  if(NOT EXISTS "${prefix}/${installed}")
    message(FATAL_ERROR "consumer: ${installed} was not installed under ${prefix}")
  endif()
endforeach()

# 2. Configure and build the consumer against the prefix, with the build tree's compiler and
#    flags (under the asan preset the consumer is sanitized too, as the static library needs).
set(configure "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${build}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
foreach(pair GENERATOR:-G MAKE_PROGRAM:-DCMAKE_MAKE_PROGRAM= CXX_COMPILER:-DCMAKE_CXX_COMPILER=
             CXX_FLAGS:-DCMAKE_CXX_FLAGS= EXE_LINKER_FLAGS:-DCMAKE_EXE_LINKER_FLAGS=
             BUILD_TYPE:-DCMAKE_BUILD_TYPE=)
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 var)
  list(GET pair 1 option)
  if(DEFINED ${var} AND NOT "${${var}}" STREQUAL "")
    if(option STREQUAL "-G")
      list(APPEND configure -G "${${var}}")
    else()
      list(APPEND configure "${option}${${var}}")
    endif()
  endif()
endforeach()
run("configuring the consumer" ${configure})
# The package must come from the prefix, not from the build tree or a registry.
file(STRINGS "${build}/CMakeCache.txt" found REGEX "^partnerkit_DIR:")
string(REGEX REPLACE "^partnerkit_DIR:[A-Z]+=" "" found "${found}")
cmake_path(IS_PREFIX prefix "${found}" NORMALIZE from_prefix)
if(NOT from_prefix)
  message(FATAL_ERROR "consumer: partnerkit was found in '${found}', not under ${prefix}")
endif()
run("building the consumer" "${CMAKE_COMMAND}" --build "${build}")

# 3. Run it and compare with the document's own counts.
find_program(consumer_exe consumer PATHS "${build}" "${build}/Debug" "${build}/Release" NO_DEFAULT_PATH REQUIRED)
run("running the consumer" "${consumer_exe}" "${DOCUMENT}")
file(READ "${DOCUMENT}" json)
string(JSON name GET "${json}" name)
set(expected "name: ${name}\n")
foreach(list organizations people relationships meetings events availability worksheets ideas)
  string(JSON count ERROR_VARIABLE missing LENGTH "${json}" ${list})
  if(missing)
    set(count 0)
  endif()
  string(APPEND expected "${list}: ${count}\n")
endforeach()
string(FIND "${output}" "${expected}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "consumer: expected the output to contain\n${expected}\ngot\n${output}")
endif()
message(STATUS "consumer: partnerkit from ${found}\n${output}")
