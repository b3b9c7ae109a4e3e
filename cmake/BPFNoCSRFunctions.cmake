# Helpers for projects that build BPF objects with the BPFNoCSR plugin.
#
# bpf_nocsr_add_bpf_object(<target> <source.bpf.c>
#     [OUTPUT <file.o>]                      default <target>.bpf.o
#     [ELIGIBLE attr|profile:latest|profile:X.Y]
#     [INCLUDE_DIRECTORIES <dir>...]
#     [COMPILE_OPTIONS <opt>...]
#     [CHECK_OPTIONS <opt>...]               e.g. --kernel=6.12
#     [NO_CHECK])
#   Adds a custom target <target> (built by ALL) that compiles the source with
#   `clang -target bpf -O2 -g -fplugin=BPFNoCSR.so` and then runs nocsr-check
#   on the object: error-level findings fail the build, and the JSON report
#   lands in <file.o>.nocsr-check.json. The target's BPF_OBJECT property
#   holds the object path (feed it to `bpftool gen skeleton`).
#
# bpf_nocsr_target_use_plugin(<target> [ELIGIBLE ...])
#   For a target whose C compiler already is clang for the BPF target: adds
#   -fplugin and the include directory to its compile options.

set(_BPF_NOCSR_FUNCTIONS_DIR "${CMAKE_CURRENT_LIST_DIR}")

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
    set(ARG_OUTPUT "${target}.bpf.o")
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
    string(REPLACE ";" "|" check_options "${ARG_CHECK_OPTIONS}")
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

function(bpf_nocsr_target_use_plugin target)
  cmake_parse_arguments(ARG "" "ELIGIBLE" "" ${ARGN})
  _bpf_nocsr_plugin_flags(plugin_flags "${ARG_ELIGIBLE}")
  target_compile_options(${target} PRIVATE ${plugin_flags})
  target_link_libraries(${target} PRIVATE BPFNoCSR::headers)
endfunction()
