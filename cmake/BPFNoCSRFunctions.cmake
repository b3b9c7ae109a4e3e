# Helpers for projects that build BPF objects with the BPFNoCSR plugin.
#
# bpf_nocsr_add_bpf_object(<target> <source.bpf.c>
#     [OUTPUT <file.o>]                      default: named after the source,
#                                            counter.bpf.c -> counter.bpf.o
#     [ELIGIBLE attr|profile:latest|profile:X.Y|profile:FILE]
#     [INCLUDE_DIRECTORIES <dir>...]
#     [COMPILE_OPTIONS <opt>...]
#     [CHECK_OPTIONS <opt>...]               default --kernel=latest
#     [NO_CHECK])
#   Adds a custom target <target> (built by ALL) that compiles the source with
#   `clang -target bpf -O2 -g -fplugin=BPFNoCSR.so` and then runs nocsr-check
#   once on the object: error-level findings fail the build, the findings go
#   to the build log and the JSON report lands in <file.o>.nocsr-check.json.
#   The check predicts an explicit kernel, never the build host's:
#   --kernel=latest unless CHECK_OPTIONS names --kernel or --kernel-profile.
#   The target's BPF_OBJECT property holds the object path.
#
# bpf_nocsr_add_skeleton(<target> <bpf-object-target>
#     [NAME <name>]                          default as bpftool: counter.bpf.o
#                                            -> counter_bpf
#     [OUTPUT <file.skel.h>])                default counter.skel.h
#   Generates the libbpf skeleton of the object with `bpftool gen skeleton`
#   (rebuilt whenever the object changes) and adds an INTERFACE library
#   <target> that carries its directory as include directory, the
#   dependency on the generation and libbpf: target_link_libraries(app
#   PRIVATE <target>), then #include "counter.skel.h" and call
#   <name>__open_and_load() (counter_bpf__open_and_load()).
#
# bpf_nocsr_target_use_plugin(<target> [ELIGIBLE ...])
#   For a target whose C compiler already is clang for the BPF target: adds
#   -fplugin and the include directory to its compile options.

set(_BPF_NOCSR_FUNCTIONS_DIR "${CMAKE_CURRENT_LIST_DIR}")
# What bpf_nocsr_add_skeleton() runs and links (Debian: bpftool is in
# /usr/sbin, libbpf in libbpf-dev).
find_program(BPFNoCSR_BPFTOOL bpftool PATHS /usr/sbin /sbin /usr/local/sbin)
find_library(BPFNoCSR_LIBBPF bpf)

function(_bpf_nocsr_plugin_flags out eligible)
  set(flags "-fplugin=$<TARGET_FILE:BPFNoCSR::plugin>")
  if(eligible)
    list(APPEND flags "-fplugin-arg-BPFNoCSR-eligible=${eligible}")
  endif()
  set(${out} ${flags} PARENT_SCOPE)
endfunction()

function(bpf_nocsr_add_bpf_object target source)
  cmake_parse_arguments(ARG "NO_CHECK" "OUTPUT;ELIGIBLE"
                        "INCLUDE_DIRECTORIES;COMPILE_OPTIONS;CHECK_OPTIONS"
                        ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "bpf_nocsr_add_bpf_object: unknown arguments "
                        "${ARG_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(source "${source}" ABSOLUTE)
  if(NOT ARG_OUTPUT)
    get_filename_component(ARG_OUTPUT "${source}" NAME)
    string(REGEX REPLACE "\\.c$" "" ARG_OUTPUT "${ARG_OUTPUT}")
    string(APPEND ARG_OUTPUT ".o")
  endif()
  get_filename_component(object "${ARG_OUTPUT}" ABSOLUTE
                         BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  _bpf_nocsr_plugin_flags(plugin_flags "${ARG_ELIGIBLE}")
  set(includes "-I${BPFNoCSR_INCLUDE_DIR}")
  if(BPFNoCSR_ARCH_INCLUDE AND EXISTS "${BPFNoCSR_ARCH_INCLUDE}")
    list(APPEND includes "-I${BPFNoCSR_ARCH_INCLUDE}")
  endif()
  foreach(dir IN LISTS ARG_INCLUDE_DIRECTORIES)
    get_filename_component(dir "${dir}" ABSOLUTE)
    list(APPEND includes "-I${dir}")
  endforeach()

  add_custom_command(
    OUTPUT "${object}"
    COMMAND "${BPFNoCSR_CLANG}" -target bpf -O2 -g ${includes}
            ${plugin_flags} ${ARG_COMPILE_OPTIONS}
            -MD -MF "${object}.d" -c "${source}" -o "${object}"
    DEPENDS "${source}" "$<TARGET_FILE:BPFNoCSR::plugin>"
    DEPFILE "${object}.d"
    COMMENT "Building BPF object ${ARG_OUTPUT} with the BPFNoCSR plugin"
    VERBATIM COMMAND_EXPAND_LISTS)
  set(outputs "${object}")

  if(NOT ARG_NO_CHECK)
    if(NOT TARGET BPFNoCSR::nocsr-check)
      message(FATAL_ERROR "bpf_nocsr_add_bpf_object: nocsr-check is not "
                          "installed; pass NO_CHECK")
    endif()
    set(report "${object}.nocsr-check.json")
    set(check_options ${ARG_CHECK_OPTIONS})
    if(NOT check_options MATCHES "(^|;)--kernel(-profile)?(=|;|$)")
      list(PREPEND check_options --kernel=latest)
    endif()
    string(REPLACE ";" "|" check_options "${check_options}")
    add_custom_command(
      OUTPUT "${report}"
      COMMAND "${CMAKE_COMMAND}" "-DCHECK=$<TARGET_FILE:BPFNoCSR::nocsr-check>"
              "-DOBJECT=${object}" "-DREPORT=${report}"
              "-DOPTIONS=${check_options}"
              -P "${_BPF_NOCSR_FUNCTIONS_DIR}/BPFNoCSRRunCheck.cmake"
      DEPENDS "${object}" "$<TARGET_FILE:BPFNoCSR::nocsr-check>"
      COMMENT "Checking ${ARG_OUTPUT} with nocsr-check"
      VERBATIM)
    list(APPEND outputs "${report}")
  endif()

  add_custom_target(${target} ALL DEPENDS ${outputs})
  set_target_properties(${target} PROPERTIES BPF_OBJECT "${object}")
endfunction()

function(bpf_nocsr_add_skeleton target object_target)
  cmake_parse_arguments(ARG "" "NAME;OUTPUT" "" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "bpf_nocsr_add_skeleton: unknown arguments "
                        "${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${object_target})
    message(FATAL_ERROR "bpf_nocsr_add_skeleton: ${object_target} is not a "
                        "target (create it with bpf_nocsr_add_bpf_object)")
  endif()
  get_target_property(object ${object_target} BPF_OBJECT)
  if(NOT object)
    message(FATAL_ERROR "bpf_nocsr_add_skeleton: ${object_target} has no "
                        "BPF_OBJECT (create it with bpf_nocsr_add_bpf_object)")
  endif()
  if(NOT BPFNoCSR_BPFTOOL)
    message(FATAL_ERROR "bpf_nocsr_add_skeleton: bpftool not found (install "
                        "bpftool or set BPFNoCSR_BPFTOOL)")
  endif()
  # As bpftool and libbpf-bootstrap name them: counter.bpf.o gives
  # counter.skel.h with struct counter_bpf and counter_bpf__open_and_load().
  get_filename_component(file "${object}" NAME)
  if(NOT ARG_NAME)
    string(REGEX REPLACE "\\.o$" "" ARG_NAME "${file}")
    string(MAKE_C_IDENTIFIER "${ARG_NAME}" ARG_NAME)
  endif()
  if(NOT ARG_OUTPUT)
    string(REGEX REPLACE "(\\.bpf)?\\.o$" "" ARG_OUTPUT "${file}")
    string(APPEND ARG_OUTPUT ".skel.h")
  endif()
  get_filename_component(header "${ARG_OUTPUT}" ABSOLUTE
                         BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  get_filename_component(header_dir "${header}" DIRECTORY)

  add_custom_command(
    OUTPUT "${header}"
    COMMAND "${CMAKE_COMMAND}" "-DBPFTOOL=${BPFNoCSR_BPFTOOL}"
            "-DOBJECT=${object}" "-DNAME=${ARG_NAME}" "-DHEADER=${header}"
            -P "${_BPF_NOCSR_FUNCTIONS_DIR}/BPFNoCSRGenSkeleton.cmake"
    DEPENDS "${object}" ${object_target}
            "${_BPF_NOCSR_FUNCTIONS_DIR}/BPFNoCSRGenSkeleton.cmake"
    COMMENT "Generating the skeleton ${ARG_OUTPUT} with bpftool"
    VERBATIM)
  add_custom_target(${target}_generate DEPENDS "${header}")
  add_library(${target} INTERFACE)
  target_include_directories(${target} INTERFACE "${header_dir}")
  if(BPFNoCSR_LIBBPF)
    target_link_libraries(${target} INTERFACE "${BPFNoCSR_LIBBPF}")
  endif()
  # Followed by every target that links ${target} (CMake >= 3.19).
  add_dependencies(${target} ${target}_generate)
  set_target_properties(${target} PROPERTIES BPF_SKELETON "${header}")
endfunction()

function(bpf_nocsr_target_use_plugin target)
  cmake_parse_arguments(ARG "" "ELIGIBLE" "" ${ARGN})
  _bpf_nocsr_plugin_flags(plugin_flags "${ARG_ELIGIBLE}")
  target_compile_options(${target} PRIVATE ${plugin_flags})
  target_link_libraries(${target} PRIVATE BPFNoCSR::headers)
endfunction()
