# Runs nocsr-check on one BPF object for bpf_nocsr_add_bpf_object(): the JSON
# report goes to REPORT, the text findings to the build log, and an
# error-level finding (exit 1) or unreadable object (exit 2) fails the build.
# Inputs: CHECK, OBJECT, REPORT, OPTIONS (separated by '|').
string(REPLACE "|" ";" OPTIONS "${OPTIONS}")
execute_process(COMMAND ${CHECK} ${OPTIONS} ${OBJECT}
                RESULT_VARIABLE text_rc)
execute_process(COMMAND ${CHECK} ${OPTIONS} --format=json ${OBJECT}
                OUTPUT_FILE ${REPORT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT text_rc EQUAL 0)
  file(REMOVE ${REPORT})
  message(FATAL_ERROR "nocsr-check failed on ${OBJECT} (exit ${rc})")
endif()
