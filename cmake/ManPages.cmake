# One man page per tool, generated from its --help and --version with
# help2man (Debian package help2man) and compressed as Debian wants them
# (gzip -9n). Skipped, with a note, where help2man is not installed.
find_program(BPF_NOCSR_HELP2MAN help2man)
find_program(BPF_NOCSR_GZIP gzip)
if(NOT BPF_NOCSR_HELP2MAN OR NOT BPF_NOCSR_GZIP)
  message(STATUS "help2man not found: no man pages (install help2man)")
  return()
endif()

set(_bpf_nocsr_man_nocsr-check
    "predict what the BPF verifier does with bpf_fastcall brackets")
set(_bpf_nocsr_man_nocsr-annotate
    "mark fastcall helpers and kfuncs in BPF helper and vmlinux headers")
set(_bpf_nocsr_man_nocsr-run
    "load BPF programs, run them and report which brackets the kernel removed")

set(_bpf_nocsr_man_pages "")
foreach(tool IN LISTS BPF_NOCSR_TOOLS)
  if(NOT TARGET ${tool})
    continue()
  endif()
  set(page ${CMAKE_BINARY_DIR}/man/${tool}.1)
  add_custom_command(
    OUTPUT ${page}.gz
    COMMAND ${BPF_NOCSR_HELP2MAN} --no-info --no-discard-stderr
            --section=1 --name=${_bpf_nocsr_man_${tool}}
            --output=${page} $<TARGET_FILE:${tool}>
    COMMAND ${BPF_NOCSR_GZIP} -9nf ${page}
    DEPENDS ${tool}
    COMMENT "Generating the man page of ${tool} with help2man"
    VERBATIM)
  list(APPEND _bpf_nocsr_man_pages ${page}.gz)
  install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()
add_custom_target(bpf-nocsr-man-pages ALL DEPENDS ${_bpf_nocsr_man_pages})
