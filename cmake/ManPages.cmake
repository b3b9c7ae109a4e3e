# The man pages: nocsr-check(1), nocsr-run(1), nocsr-annotate(1) and
# bpf-nocsr(7), written in doc/man/ and configured here with the version,
# the release date of CHANGELOG.md and the exit-status section all three
# tools share (doc/man/exit-status.man); compressed as Debian wants them
# (gzip -9n). test/install/man-options.test fails when a tool has an option
# its page does not mention.
find_program(BPF_NOCSR_GZIP gzip)
if(NOT BPF_NOCSR_GZIP)
  message(STATUS "gzip not found: no man pages")
  return()
endif()

set(_bpf_nocsr_man_src ${CMAKE_SOURCE_DIR}/doc/man)
file(STRINGS ${CMAKE_SOURCE_DIR}/CHANGELOG.md _bpf_nocsr_release
     REGEX "^## " LIMIT_COUNT 1)
string(REGEX REPLACE "^## [0-9.]+ - " "" BPF_NOCSR_MAN_DATE
       "${_bpf_nocsr_release}")
file(READ ${_bpf_nocsr_man_src}/exit-status.man BPF_NOCSR_MAN_EXIT_STATUS)
string(STRIP "${BPF_NOCSR_MAN_EXIT_STATUS}" BPF_NOCSR_MAN_EXIT_STATUS)

set(_bpf_nocsr_man_pages "")
foreach(page nocsr-check.1 nocsr-run.1 nocsr-annotate.1 bpf-nocsr.7)
  string(REGEX REPLACE "^.*\\.([0-9])$" "\\1" section ${page})
  set(out ${CMAKE_BINARY_DIR}/man/${page})
  configure_file(${_bpf_nocsr_man_src}/${page}.in ${out} @ONLY)
  add_custom_command(
    OUTPUT ${out}.gz
    COMMAND ${BPF_NOCSR_GZIP} -9nkf ${out}
    DEPENDS ${out}
    COMMENT "Compressing the man page ${page}"
    VERBATIM)
  list(APPEND _bpf_nocsr_man_pages ${out}.gz)
  install(FILES ${out}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()
add_custom_target(bpf-nocsr-man-pages ALL DEPENDS ${_bpf_nocsr_man_pages})

# Documentation the tools' --help points to, under share/doc/bpf-nocsr (also
# copied into the build tree, where build/bin/../share/doc/bpf-nocsr is):
# the JSON schema of nocsr-check --format=json and the README.
set(_bpf_nocsr_doc_files ${CMAKE_SOURCE_DIR}/doc/nocsr-check.schema.json
                         ${CMAKE_SOURCE_DIR}/README.md)
foreach(f IN LISTS _bpf_nocsr_doc_files)
  get_filename_component(name ${f} NAME)
  configure_file(${f} ${CMAKE_BINARY_DIR}/share/doc/bpf-nocsr/${name} COPYONLY)
endforeach()
install(FILES ${_bpf_nocsr_doc_files}
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/bpf-nocsr)
