# Runs nocsr-check once on one BPF object for bpf_nocsr_add_bpf_object(): the
# JSON report goes to REPORT; the kernel it answers for and the findings go
# to the build log; an error-level finding (exit 1) or an unreadable object
# (exit 2) fails the build.
# Inputs: CHECK, OBJECT, REPORT, OPTIONS (separated by '|').
cmake_minimum_required(VERSION 3.20)
string(REPLACE "|" ";" OPTIONS "${OPTIONS}")
execute_process(COMMAND ${CHECK} ${OPTIONS} --format=json ${OBJECT}
                OUTPUT_VARIABLE json RESULT_VARIABLE rc)
if(rc EQUAL 0 OR rc EQUAL 1)
  string(JSON kernel ERROR_VARIABLE err GET "${json}" target kernel)
  string(JSON chosen ERROR_VARIABLE err GET "${json}" target chosen_by)
  message("nocsr-check: ${OBJECT}: kernel ${kernel} (${chosen})")
  string(JSON programs ERROR_VARIABLE err LENGTH "${json}" objects 0 programs)
  if(err)
    set(programs 0)
  endif()
  foreach(p RANGE ${programs})
    if(p EQUAL programs)
      break()
    endif()
    string(JSON name GET "${json}" objects 0 programs ${p} name)
    string(JSON findings LENGTH "${json}" objects 0 programs ${p} findings)
    foreach(f RANGE ${findings})
      if(f EQUAL findings)
        break()
      endif()
      string(JSON insn GET "${json}" objects 0 programs ${p} findings ${f} insn)
      string(JSON sev GET "${json}" objects 0 programs ${p} findings ${f}
             severity)
      string(JSON msg GET "${json}" objects 0 programs ${p} findings ${f}
             message)
      message("${OBJECT}: ${name}+${insn}: ${sev}: ${msg}")
    endforeach()
  endforeach()
endif()
if(NOT rc EQUAL 0)
  file(REMOVE ${REPORT})
  message(FATAL_ERROR "nocsr-check failed on ${OBJECT} (exit ${rc})")
endif()
file(WRITE ${REPORT} "${json}")
